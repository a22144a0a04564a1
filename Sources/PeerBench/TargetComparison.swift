import Foundation
import Reporting

/// Side-by-side figures of one workload run against several targets (same seed, dataset and operation
/// streams), per pattern: throughput and service-time p50/p99, and the first target's speed-up over each
/// other target (other's latency ÷ first's; first's throughput ÷ other's: above 1 = the first is faster).
///
/// Service time, not latency: in a closed loop the two are equal; in an open loop latency includes queueing
/// behind the arrival schedule, which measures the schedule as much as the target.
public struct TargetComparison: Codable, Sendable {
    public struct Figures: Codable, Sendable, Equatable {
        public var operations: UInt64
        public var throughput: Double
        public var p50Nanos: UInt64
        public var p99Nanos: UInt64
        public var errors: UInt64
    }

    public struct Row: Codable, Sendable {
        public var pattern: String
        /// Per target name, in `targets` order.
        public var figures: [Figures?]
    }

    public var workload: String
    public var seed: UInt64
    public var targets: [String]
    public var rows: [Row]

    static let patternOrder = ["list_messages", "list_conversations", "create_message_new_conversation", "create_message_existing_conversation"]

    public init(_ results: [RunResults]) {
        precondition(!results.isEmpty, "TargetComparison: needs at least one run's results")
        workload = results[0].workload.name
        seed = results[0].workload.seed
        targets = results.map(\.target)
        let names = Set(results.flatMap { $0.patterns.keys })
        let ordered = Self.patternOrder.filter(names.contains) + names.subtracting(Self.patternOrder).sorted()
        rows = ordered.map { pattern in
            Row(pattern: pattern, figures: results.map { r in
                r.patterns[pattern].map {
                    Figures(operations: $0.operations, throughput: $0.throughput, p50Nanos: $0.serviceTime.p50,
                            p99Nanos: $0.serviceTime.p99, errors: $0.errors.values.reduce(0, +))
                }
            })
        }
    }

    /// First target's throughput ÷ other's, or nil when either is missing or zero.
    public static func throughputRatio(_ first: Figures?, _ other: Figures?) -> Double? {
        guard let first, let other, other.throughput > 0 else { return nil }
        return first.throughput / other.throughput
    }

    /// Other's latency ÷ first's (p50 or p99), or nil.
    public static func latencyRatio(_ first: UInt64?, _ other: UInt64?) -> Double? {
        guard let first, let other, first > 0 else { return nil }
        return Double(other) / Double(first)
    }

    public func markdown() -> String {
        var header = "| pattern |"
        var rule = "|---|"
        for t in targets {
            header += " \(t) ops/s | \(t) p50 µs | \(t) p99 µs |"
            rule += "---|---|---|"
        }
        for t in targets.dropFirst() {
            header += " \(targets[0]) speed-up vs \(t): ops/s, p50, p99 |"
            rule += "---|"
        }
        var lines = [header, rule]
        for row in rows {
            var line = "| \(row.pattern) |"
            for f in row.figures {
                guard let f else { line += " – | – | – |"; continue }
                line += " \(Self.number(f.throughput)) | \(Self.micros(f.p50Nanos)) | \(Self.micros(f.p99Nanos)) |"
            }
            for f in row.figures.dropFirst() {
                let first = row.figures[0]
                line += " \(Self.ratio(Self.throughputRatio(first, f))), \(Self.ratio(Self.latencyRatio(first?.p50Nanos, f?.p50Nanos))), "
                    + "\(Self.ratio(Self.latencyRatio(first?.p99Nanos, f?.p99Nanos))) |"
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    static func ratio(_ value: Double?) -> String {
        guard let value else { return "n/a" }
        return number(value, decimals: 2) + "x"
    }

    static func micros(_ nanos: UInt64) -> String { number(Double(nanos) / 1000, decimals: 1) }

    /// Fixed decimals without Foundation formatters (not on a hot path, but keeps output locale-free).
    static func number(_ value: Double, decimals: Int = 0) -> String {
        guard value.isFinite else { return "\(value)" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        guard decimals > 0 else { return "\(scaled)" }
        let whole = scaled / Int(scale), fraction = abs(scaled % Int(scale))
        var fractionText = "\(fraction)"
        while fractionText.count < decimals { fractionText = "0" + fractionText }
        return (scaled < 0 && whole == 0 ? "-" : "") + "\(whole).\(fractionText)"
    }
}

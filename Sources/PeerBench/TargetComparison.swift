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
        /// Per target name, in `targets` order: one run's figures, or with several rounds each figure's
        /// median over the rounds (operations and errors summed).
        public var figures: [Figures?]
        /// Per round, per target, when the comparison was measured in rounds (nil for a single run).
        public var rounds: [[Figures?]]?

        /// The first target's speed-up over target `other` by `metric`: with rounds, the median of the
        /// per-round ratios (each round's two figures were measured side by side, so drift of the machine
        /// between rounds cancels) with their spread; otherwise the one run's ratio.
        public func speedUp(over other: Int, _ metric: Metric) -> Spread? {
            let perRound = (rounds ?? [figures]).compactMap { round -> Double? in
                guard round.count > other else { return nil }
                return metric.ratio(round[0], round[other])
            }
            return Spread(perRound)
        }
    }

    /// A figure the speed-up is taken on.
    public enum Metric: Sendable {
        case throughput, p50, p99

        func ratio(_ first: Figures?, _ other: Figures?) -> Double? {
            switch self {
            case .throughput: TargetComparison.throughputRatio(first, other)
            case .p50: TargetComparison.latencyRatio(first?.p50Nanos, other?.p50Nanos)
            case .p99: TargetComparison.latencyRatio(first?.p99Nanos, other?.p99Nanos)
            }
        }
    }

    public var workload: String
    public var seed: UInt64
    public var targets: [String]
    public var rows: [Row]

    static let patternOrder = ["list_messages", "list_conversations", "create_message_new_conversation", "create_message_existing_conversation"]

    public init(_ results: [RunResults]) {
        self.init(rounds: [results])
    }

    /// Several rounds of the same targets (`rounds[r][t]`: round r's results for target t, targets in the
    /// same order every round).
    public init(rounds: [[RunResults]]) {
        precondition(!rounds.isEmpty && !rounds[0].isEmpty, "TargetComparison: needs at least one run's results")
        let results = rounds[0]
        precondition(rounds.allSatisfy { $0.map(\.target) == results.map(\.target) }, "TargetComparison: rounds name different targets")
        workload = results[0].workload.name
        seed = results[0].workload.seed
        targets = results.map(\.target)
        let names = Set(rounds.joined().flatMap { $0.patterns.keys })
        let ordered = Self.patternOrder.filter(names.contains) + names.subtracting(Self.patternOrder).sorted()
        rows = ordered.map { pattern in
            let perRound = rounds.map { round in
                round.map { r in
                    r.patterns[pattern].map {
                        Figures(operations: $0.operations, throughput: $0.throughput, p50Nanos: $0.serviceTime.p50,
                                p99Nanos: $0.serviceTime.p99, errors: $0.errors.values.reduce(0, +))
                    }
                }
            }
            guard perRound.count > 1 else { return Row(pattern: pattern, figures: perRound[0], rounds: nil) }
            let medians = results.indices.map { t in Self.median(perRound.compactMap { $0[t] }) }
            return Row(pattern: pattern, figures: medians, rounds: perRound)
        }
    }

    /// Each figure's median over `figures` (operations and errors summed); nil for none.
    static func median(_ figures: [Figures]) -> Figures? {
        guard let throughput = Spread(figures.map(\.throughput)), let p50 = Spread(figures.map { Double($0.p50Nanos) }),
              let p99 = Spread(figures.map { Double($0.p99Nanos) }) else { return nil }
        return Figures(operations: figures.reduce(0) { $0 + $1.operations }, throughput: throughput.median,
                       p50Nanos: UInt64(p50.median.rounded()), p99Nanos: UInt64(p99.median.rounded()),
                       errors: figures.reduce(0) { $0 + $1.errors })
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
        let rounds = rows.compactMap { $0.rounds?.count }.max()
        for t in targets.dropFirst() {
            header += " \(targets[0]) speed-up vs \(t): ops/s, p50, p99"
                + (rounds.map { " (median [min–max] of \($0) rounds)" } ?? "") + " |"
            rule += "---|"
        }
        var lines = [header, rule]
        for row in rows {
            var line = "| \(row.pattern) |"
            for f in row.figures {
                guard let f else { line += " – | – | – |"; continue }
                line += " \(Self.number(f.throughput)) | \(Self.micros(f.p50Nanos)) | \(Self.micros(f.p99Nanos)) |"
            }
            for other in row.figures.indices.dropFirst() {
                let cells = [Metric.throughput, .p50, .p99].map { Self.ratio(row.speedUp(over: other, $0), spread: row.rounds != nil) }
                line += " " + cells.joined(separator: ", ") + " |"
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

    /// A median ratio, followed by its [min–max] over the rounds when `spread`.
    static func ratio(_ value: Spread?, spread: Bool) -> String {
        guard let value else { return "n/a" }
        guard spread else { return ratio(value.median) }
        return ratio(value.median) + " [" + number(value.minimum, decimals: 2) + "–" + number(value.maximum, decimals: 2) + "]"
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

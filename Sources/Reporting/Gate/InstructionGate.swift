/// A deterministic regression gate on instruction counts from callgrind (valgrind --tool=callgrind).
///
/// Instruction counts barely move between runs of the same binary and input, so unlike wall-clock
/// figures a small threshold (1-2%) works without repetitions.
public enum CallgrindTotals {
    /// The total of the first event (Ir, instructions executed unless `--event` changed it) in either
    /// a callgrind.out file ("summary: N ..." or "totals: N ..." line; totals wins, it is written
    /// last) or `callgrind_annotate` output (the "N (100.0%)  PROGRAM TOTALS" line, commas allowed).
    public static func parse(_ text: String) -> UInt64? {
        var summary: UInt64?
        var totals: UInt64?
        var programTotals: UInt64?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("summary:") {
                summary = firstNumber(line.dropFirst("summary:".count))
            } else if line.hasPrefix("totals:") {
                totals = firstNumber(line.dropFirst("totals:".count))
            } else if line.contains("PROGRAM TOTALS") {
                programTotals = firstNumber(line)
            }
        }
        return totals ?? summary ?? programTotals
    }

    private static func firstNumber(_ text: Substring) -> UInt64? {
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        let token = trimmed.prefix { $0.isNumber || $0 == "," }
        return UInt64(token.filter { $0 != "," })
    }
}

/// The committed baseline: `{"unit": "instructions", "patterns": {"list_messages": 123456789, ...}}`.
public struct InstructionBaseline: Codable, Sendable, Equatable {
    public var unit: String
    public var patterns: [String: UInt64]

    public init(unit: String = "instructions", patterns: [String: UInt64]) {
        self.unit = unit
        self.patterns = patterns
    }
}

public struct InstructionGate: Sendable {
    public struct Row: Sendable, Equatable {
        public enum Verdict: String, Sendable { case ok, improved, regressed, new, missing }
        public var pattern: String
        public var baseline: UInt64?
        public var current: UInt64?
        public var relativeChange: Double?
        public var verdict: Verdict
    }

    public var threshold: Double
    public var rows: [Row]

    /// A pattern in the baseline but not measured now is `missing` (fails the gate: a silently
    /// dropped benchmark should not pass); a new pattern passes and is reported.
    public var failed: Bool { rows.contains { $0.verdict == .regressed || $0.verdict == .missing } }

    public init(baseline: InstructionBaseline, current: [String: UInt64], threshold: Double) {
        self.threshold = threshold
        rows = Set(baseline.patterns.keys).union(current.keys).sorted().map { name in
            let base = baseline.patterns[name], now = current[name]
            guard let base, let now else {
                return Row(pattern: name, baseline: base, current: now, relativeChange: nil, verdict: base == nil ? .new : .missing)
            }
            let change = base == 0 ? (now == 0 ? 0 : .infinity) : (Double(now) - Double(base)) / Double(base)
            let verdict: Row.Verdict = change > threshold ? .regressed : (change < -threshold ? .improved : .ok)
            return Row(pattern: name, baseline: base, current: now, relativeChange: change, verdict: verdict)
        }
    }

    public func text() -> String {
        var lines = ["Instruction counts (callgrind Ir), threshold \(NumberText.fixed(threshold * 100, places: 2))%", ""]
        lines.append("| pattern | baseline | current | change | verdict |")
        lines.append("|---|---:|---:|---:|---|")
        for row in rows {
            let change = row.relativeChange.map { ($0 >= 0 ? "+" : "") + NumberText.percent($0, places: 2) } ?? "n/a"
            lines.append("| \(row.pattern) | \(row.baseline.map(NumberText.grouped) ?? "-") | \(row.current.map(NumberText.grouped) ?? "-") | \(change) | \(row.verdict.rawValue) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

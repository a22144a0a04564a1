/// A figure `compare` can judge, and which way is worse.
public struct ComparisonMetric: Sendable, Equatable, CustomStringConvertible {
    public enum Source: Sendable, Equatable { case latency, serviceTime, throughput, errors }
    public var name: String
    public var source: Source
    /// Percentile/max/mean key of a latency summary ("p99"); empty for throughput and errors.
    public var statistic: String

    /// Accepts p50 p90 p99 p999 (or p99.9) p9999 (or p99.99) max mean, the same with a
    /// `service-` prefix for service time, `throughput` and `errors`.
    public init?(_ name: String) {
        self.name = name
        switch name {
        case "throughput": source = .throughput; statistic = ""
        case "errors": source = .errors; statistic = ""
        default:
            let isService = name.hasPrefix("service-")
            let key = isService ? String(name.dropFirst("service-".count)) : name
            guard LatencySummary(unit: "ns", p50: 0, p90: 0, p99: 0, p999: 0, p9999: 0, max: 0, mean: 0).value(of: key) != nil else { return nil }
            source = isService ? .serviceTime : .latency
            statistic = key
        }
    }

    public static let accepted = "p50, p90, p99, p999, p9999, max, mean, service-<same>, throughput, errors"

    /// Throughput regresses downwards; latencies and error counts upwards.
    public var higherIsWorse: Bool { source != .throughput }

    public var description: String { name }

    func value(in pattern: PatternResults) -> Double {
        switch source {
        case .latency: return pattern.latency.value(of: statistic) ?? .nan
        case .serviceTime: return pattern.serviceTime.value(of: statistic) ?? .nan
        case .throughput: return pattern.throughput
        case .errors: return Double(pattern.errors.values.reduce(0, +))
        }
    }

    var isDuration: Bool { source == .latency || source == .serviceTime }
}

/// The verdict on one pattern.
public struct PatternComparison: Sendable, Equatable {
    public enum Verdict: String, Sendable { case ok, improved, regressed, missing }
    public var pattern: String
    public var baseline: SampleStatistics
    public var current: SampleStatistics
    /// (current - baseline) / baseline of the medians; positive means the figure went up.
    public var relativeChange: Double
    /// One-sided Mann-Whitney p-value that the current side is worse; nil when not tested.
    public var pValue: Double?
    public var verdict: Verdict
}

/// `stbench compare`: per-pattern medians, change, noise and verdict.
///
/// Rule: a pattern regresses when its median got worse by more than the threshold AND, when the
/// repetitions can show it (the smallest reachable p-value is at most alpha), the one-sided
/// Mann-Whitney test finds the worsening significant. With fewer repetitions (a single run per
/// side, or 2 vs 2) the threshold decides alone, and `usedSignificanceTest` is false.
public struct Comparison: Sendable {
    public var metric: ComparisonMetric
    public var threshold: Double
    public var alpha: Double
    public var patterns: [PatternComparison]
    public var usedSignificanceTest: Bool

    public var hasRegression: Bool { patterns.contains { $0.verdict == .regressed } }

    public init(baseline: [RunResults], current: [RunResults], metric: ComparisonMetric, threshold: Double, alpha: Double = 0.05) {
        precondition(!baseline.isEmpty && !current.isEmpty, "compare needs at least one run per side")
        self.metric = metric
        self.threshold = threshold
        self.alpha = alpha
        let canTest = MannWhitney.smallestPValue(m: current.count, n: baseline.count) <= alpha
        usedSignificanceTest = canTest
        let names = Set(baseline.flatMap { $0.patterns.keys }).union(current.flatMap { $0.patterns.keys }).sorted()
        patterns = names.map { name in
            let base = SampleStatistics(baseline.compactMap { $0.patterns[name] }.map(metric.value(in:)))
            let now = SampleStatistics(current.compactMap { $0.patterns[name] }.map(metric.value(in:)))
            guard base.count > 0, now.count > 0 else {
                return PatternComparison(pattern: name, baseline: base, current: now, relativeChange: .nan, pValue: nil, verdict: .missing)
            }
            let change: Double
            if base.median == 0 {
                change = now.median == 0 ? 0 : .infinity
            } else {
                change = (now.median - base.median) / base.median
            }
            let worsening = metric.higherIsWorse ? change : -change
            var pValue: Double?
            if canTest, base.count == baseline.count, now.count == current.count {
                let sign = metric.higherIsWorse ? 1.0 : -1.0
                pValue = MannWhitney.greater(current: now.samples.map { $0 * sign }, baseline: base.samples.map { $0 * sign }).pValue
            }
            let significant = pValue.map { $0 <= alpha } ?? true
            let verdict: PatternComparison.Verdict
            if worsening > threshold && significant {
                verdict = .regressed
            } else if worsening < -threshold {
                verdict = .improved
            } else {
                verdict = .ok
            }
            return PatternComparison(pattern: name, baseline: base, current: now, relativeChange: change, pValue: pValue, verdict: verdict)
        }
    }

    /// The table `compare` prints (Markdown, so it can go straight into a CI job summary).
    public func text() -> String {
        var lines: [String] = []
        let thresholdText = NumberText.fixed(threshold * 100, places: 1) + "%"
        lines.append("Metric \(metric.name), threshold \(thresholdText)" + (usedSignificanceTest
            ? ", regression = worse by more than the threshold AND one-sided Mann-Whitney p <= \(NumberText.fixed(alpha, places: 2))"
            : ", regression = worse by more than the threshold (too few repetitions for a significance test; threshold alone)"))
        lines.append("")
        lines.append("| pattern | baseline (n, CV) | current (n, CV) | change | p | verdict |")
        lines.append("|---|---:|---:|---:|---:|---|")
        for pattern in patterns {
            let change = pattern.relativeChange.isFinite ? (pattern.relativeChange >= 0 ? "+" : "") + NumberText.percent(pattern.relativeChange, places: 1) : "n/a"
            let p = pattern.pValue.map { NumberText.fixed($0, places: 3) } ?? "-"
            lines.append("| \(pattern.pattern) | \(describe(pattern.baseline)) | \(describe(pattern.current)) | \(change) | \(p) | \(pattern.verdict.rawValue) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func describe(_ statistics: SampleStatistics) -> String {
        guard statistics.count > 0 else { return "absent" }
        let value = metric.isDuration
            ? NumberText.duration(nanoseconds: statistics.median)
            : NumberText.fixed(statistics.median, places: metric.source == .errors ? 0 : 1) + (metric.source == .throughput ? " ops/s" : "")
        let cv = statistics.coefficientOfVariation.map { ", CV " + NumberText.percent($0, places: 1) } ?? ""
        return "\(value) (n=\(statistics.count)\(cv))"
    }

    /// Parses "10%", "10" (both ten percent) or "2.5%" into a fraction.
    public static func parseThreshold(_ text: String) -> Double? {
        let number = text.hasSuffix("%") ? String(text.dropLast()) : text
        guard let value = Double(number), value >= 0, value.isFinite else { return nil }
        return value / 100
    }
}

import Histogram

/// Combines the results of runs that ran side by side (several load-generator processes against
/// one target) into the results of one run.
///
/// Counts, errors and throughputs add; latency histograms are decoded, added and re-encoded, and
/// percentiles are recomputed from the merged histograms, so a merge is exact whenever histograms
/// are present. Without histograms a percentile cannot be recovered, so the merged figure is the
/// larger of the inputs (an upper bound) and the pattern is listed in `inexactPatterns`.
public enum ResultsMerger {
    public struct Merged: Sendable {
        public var results: RunResults
        /// Patterns whose percentiles are upper bounds because an input lacked histograms.
        public var inexactPatterns: [String]
    }

    public static func merge(_ runs: [RunResults]) throws(MergeError) -> Merged {
        guard var merged = runs.first else { throw .noInputs }
        var inexact: Set<String> = []
        for other in runs.dropFirst() {
            guard other.schemaVersion == merged.schemaVersion else {
                throw .incompatible("schema versions \(merged.schemaVersion) and \(other.schemaVersion) differ")
            }
            guard other.workload.name == merged.workload.name else {
                throw .incompatible("workloads \"\(merged.workload.name)\" and \"\(other.workload.name)\" differ; merge combines runs of one workload")
            }
            merged = try mergePair(merged, other, inexact: &inexact)
        }
        return Merged(results: merged, inexactPatterns: inexact.sorted())
    }

    private static func mergePair(_ a: RunResults, _ b: RunResults, inexact: inout Set<String>) throws(MergeError) -> RunResults {
        var result = a
        result.target = a.target == b.target ? a.target : a.target + "+" + b.target
        result.complete = a.complete && b.complete
        result.startedAt = min(a.startedAt, b.startedAt)
        result.run.threads = a.run.threads + b.run.threads
        result.run.targetRate = sumOptional(a.run.targetRate, b.run.targetRate)
        result.run.warmupSeconds = max(a.run.warmupSeconds, b.run.warmupSeconds)
        result.run.measuredSeconds = max(a.run.measuredSeconds, b.run.measuredSeconds)
        result.totals = Totals(
            operations: a.totals.operations + b.totals.operations,
            errors: a.totals.errors + b.totals.errors,
            throughput: a.totals.throughput + b.totals.throughput)
        var patterns = a.patterns
        for (name, pattern) in b.patterns {
            if let existing = patterns[name] {
                patterns[name] = try mergePattern(name, existing, pattern, inexact: &inexact)
            } else {
                patterns[name] = pattern
            }
        }
        result.patterns = patterns
        result.intervals = try mergeIntervals(a.intervals, b.intervals)
        result.cache = mergeCache(a.cache, b.cache)
        if a.metrics != nil || b.metrics != nil {
            result.metrics = (a.metrics ?? [:]).merging(b.metrics ?? [:], uniquingKeysWith: +)
        }
        return result
    }

    private static func mergePattern(
        _ name: String, _ a: PatternResults, _ b: PatternResults, inexact: inout Set<String>
    ) throws(MergeError) -> PatternResults {
        let operations = a.operations + b.operations
        var merged = PatternResults(
            operations: operations,
            throughput: a.throughput + b.throughput,
            errors: a.errors.merging(b.errors, uniquingKeysWith: +),
            latency: a.latency, serviceTime: a.serviceTime)
        if let histogramA = a.latencyHistogram, let histogramB = b.latencyHistogram {
            let (text, summary) = try combine(histogramA, histogramB, a.latency, b.latency, what: "\(name) latency")
            merged.latencyHistogram = text
            merged.latency = summary
        } else {
            merged.latency = upperBound(a.latency, weight: a.operations, b.latency, weight: b.operations)
            inexact.insert(name)
        }
        if let histogramA = a.serviceTimeHistogram, let histogramB = b.serviceTimeHistogram {
            let (text, summary) = try combine(histogramA, histogramB, a.serviceTime, b.serviceTime, what: "\(name) service time")
            merged.serviceTimeHistogram = text
            merged.serviceTime = summary
        } else {
            merged.serviceTime = upperBound(a.serviceTime, weight: a.operations, b.serviceTime, weight: b.operations)
            inexact.insert(name)
        }
        return merged
    }

    /// Adds two encoded histograms; the summary keeps the exact max and the count-weighted mean.
    static func combine(
        _ a: String, _ b: String, _ summaryA: LatencySummary, _ summaryB: LatencySummary, what: String
    ) throws(MergeError) -> (String, LatencySummary) {
        let (histogram, countA, countB) = try addHistograms(a, b, what: what)
        let total = Double(countA + countB)
        let mean = total == 0 ? 0 : (summaryA.mean * Double(countA) + summaryB.mean * Double(countB)) / total
        let summary = LatencySummary(histogram: histogram, exactMax: max(summaryA.max, summaryB.max), exactMean: mean)
        return (HistogramCodec.encodeBase64(histogram), summary)
    }

    static func addHistograms(_ a: String, _ b: String, what: String) throws(MergeError) -> (Histogram<UInt64>, UInt64, UInt64) {
        var first: Histogram<UInt64>
        let second: Histogram<UInt64>
        do {
            first = try HistogramCodec.decodeBase64(a)
            second = try HistogramCodec.decodeBase64(b)
        } catch {
            throw .badHistogram(what, error)
        }
        guard first.lowestDiscernibleValue == second.lowestDiscernibleValue,
              first.numberOfSignificantValueDigits == second.numberOfSignificantValueDigits
        else {
            throw .incompatible("\(what) histograms have different layouts (lowest value / significant digits)")
        }
        let (countA, countB) = (first.totalCount, second.totalCount)
        first.autoResize = true
        first.add(second)
        return (first, countA, countB)
    }

    private static func upperBound(_ a: LatencySummary, weight wa: UInt64, _ b: LatencySummary, weight wb: UInt64) -> LatencySummary {
        let total = Double(wa + wb)
        return LatencySummary(
            unit: a.unit, p50: max(a.p50, b.p50), p90: max(a.p90, b.p90), p99: max(a.p99, b.p99),
            p999: max(a.p999, b.p999), p9999: max(a.p9999, b.p9999), max: max(a.max, b.max),
            mean: total == 0 ? 0 : (a.mean * Double(wa) + b.mean * Double(wb)) / total)
    }

    /// Intervals pair up by index (both runs use the same interval length); `t` is the later end.
    private static func mergeIntervals(_ a: [IntervalResults], _ b: [IntervalResults]) throws(MergeError) -> [IntervalResults] {
        var merged: [IntervalResults] = []
        for index in 0..<max(a.count, b.count) {
            guard index < a.count else { merged.append(b[index]); continue }
            guard index < b.count else { merged.append(a[index]); continue }
            var patterns = a[index].patterns
            for (name, pattern) in b[index].patterns {
                guard let existing = patterns[name] else { patterns[name] = pattern; continue }
                patterns[name] = try mergeIntervalPattern(existing, pattern, what: "\(name) interval \(index)")
            }
            merged.append(IntervalResults(t: max(a[index].t, b[index].t), patterns: patterns))
        }
        return merged
    }

    private static func mergeIntervalPattern(_ a: IntervalPattern, _ b: IntervalPattern, what: String) throws(MergeError) -> IntervalPattern {
        let operations = a.operations + b.operations
        var merged = IntervalPattern(operations: operations, p50: max(a.p50, b.p50), p99: max(a.p99, b.p99), max: max(a.max, b.max))
        if let ha = a.hitRatio, let hb = b.hitRatio {
            merged.hitRatio = operations == 0 ? (ha + hb) / 2 : (ha * Double(a.operations) + hb * Double(b.operations)) / Double(operations)
        } else {
            merged.hitRatio = a.hitRatio ?? b.hitRatio
        }
        if let ha = a.histogram, let hb = b.histogram {
            let (histogram, _, _) = try addHistograms(ha, hb, what: what)
            merged.p50 = min(histogram.valueAtPercentile(50), merged.max)
            merged.p99 = min(histogram.valueAtPercentile(99), merged.max)
            merged.histogram = HistogramCodec.encodeBase64(histogram)
        }
        return merged
    }

    private static func mergeCache(_ a: CacheResults?, _ b: CacheResults?) -> CacheResults? {
        guard var merged = a, let b else { return a ?? b }
        merged.policy = a!.policy == b.policy ? b.policy : a!.policy + "+" + b.policy
        merged.capacity += b.capacity
        merged.memoryBytes += b.memoryBytes
        for (name, pattern) in b.patterns {
            guard let existing = merged.patterns[name] else { merged.patterns[name] = pattern; continue }
            let hits = existing.hits + pattern.hits, misses = existing.misses + pattern.misses
            merged.patterns[name] = CachePatternResults(
                hits: hits, misses: misses,
                hitRatio: hits + misses == 0 ? 0 : Double(hits) / Double(hits + misses),
                staleReads: existing.staleReads + pattern.staleReads)
        }
        return merged
    }

    private static func sumOptional(_ a: Double?, _ b: Double?) -> Double? {
        switch (a, b) {
        case let (x?, y?): return x + y
        default: return a ?? b
        }
    }
}

public enum MergeError: Error, CustomStringConvertible {
    case noInputs
    case incompatible(String)
    case badHistogram(String, HistogramCodecError)

    public var description: String {
        switch self {
        case .noInputs: return "merge needs at least one results file"
        case .incompatible(let why): return "cannot merge: \(why)"
        case .badHistogram(let what, let error): return "cannot merge \(what): \(error)"
        }
    }
}

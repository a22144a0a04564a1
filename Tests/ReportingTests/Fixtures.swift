import Histogram
import Randomness
@testable import Reporting

/// Builds results values from raw latencies, the way a run would, so tests can check renderers,
/// merges and comparisons against figures computed directly from the same latencies.
enum Fixtures {
    static func histogram(_ values: [UInt64]) -> Histogram<UInt64> {
        var histogram = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000_000, numberOfSignificantValueDigits: .three)
        for value in values { histogram.record(value) }
        return histogram
    }

    static func pattern(_ values: [UInt64], seconds: Double = 10, errors: [String: UInt64] = [:]) -> PatternResults {
        let h = histogram(values)
        let service = histogram(values.map { $0 * 9 / 10 })
        return PatternResults(
            operations: UInt64(values.count), throughput: Double(values.count) / seconds, errors: errors,
            latency: LatencySummary(histogram: h, exactMax: values.max() ?? 0, exactMean: mean(values)),
            serviceTime: LatencySummary(histogram: service, exactMax: (values.max() ?? 0) * 9 / 10, exactMean: mean(values.map { $0 * 9 / 10 })),
            latencyHistogram: HistogramCodec.encodeBase64(h), serviceTimeHistogram: HistogramCodec.encodeBase64(service))
    }

    static func mean(_ values: [UInt64]) -> Double {
        values.isEmpty ? 0 : Double(values.reduce(0, +)) / Double(values.count)
    }

    /// A run whose patterns record the given latencies, spread over `intervalCount` one-second intervals.
    static func results(
        _ latencies: [String: [UInt64]], intervalCount: Int = 4, withCache: Bool = false, startedAt: String = "2026-11-22T00:01:43.123Z"
    ) -> RunResults {
        var intervals: [IntervalResults] = []
        for index in 0..<intervalCount {
            var patterns: [String: IntervalPattern] = [:]
            for (name, values) in latencies {
                let slice = values.enumerated().filter { $0.offset % intervalCount == index }.map(\.element)
                let h = histogram(slice)
                patterns[name] = IntervalPattern(
                    operations: UInt64(slice.count), p50: h.valueAtPercentile(50), p99: h.valueAtPercentile(99), max: slice.max() ?? 0,
                    hitRatio: withCache ? 0.5 + 0.1 * Double(index) : nil, histogram: HistogramCodec.encodeBase64(h))
            }
            intervals.append(IntervalResults(t: Double(index + 1), patterns: patterns))
        }
        let seconds = Double(intervalCount)
        let patterns = latencies.mapValues { pattern($0, seconds: seconds) }
        let operations = patterns.values.reduce(0) { $0 + $1.operations }
        let cache = withCache ? CacheResults(
            policy: "s3fifo", capacityUnit: "objects", capacity: 10_000, ttlSeconds: 30, writeStrategy: "invalidate", memoryBytes: 1 << 20,
            patterns: ["list_messages": CachePatternResults(hits: 300, misses: 100, hitRatio: 0.75, staleReads: 2)]) : nil
        return RunResults(
            tool: ToolInfo(version: "0.1.0", gitCommit: "abc1234"),
            workload: WorkloadInfo(name: "cruddur-dm", file: "workloads/cruddur-dm.yaml", seed: 42),
            target: "memory", complete: true, startedAt: startedAt,
            environment: EnvironmentInfo(cpu: "Test CPU", cores: 2, os: "Linux", swift: "6.3.1", build: "debug", allocator: "system", hostname: "ci"),
            run: RunSettings(mode: "closed", threads: 2, warmupSeconds: 2, measuredSeconds: seconds),
            totals: Totals(operations: operations, errors: 0, throughput: Double(operations) / seconds),
            patterns: patterns, intervals: intervals, cache: cache, metrics: ["datasetLoadRate": 12_345.5])
    }

    /// Deterministic pseudo-random latencies around `median` nanoseconds with a smooth tail:
    /// median * (0.5 + u) * (1 + 4 u^8) for uniform u, so every percentile scales with `median`.
    static func latencies(count: Int, median: Double, seed: UInt64) -> [UInt64] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let u = Double(generator.next() >> 11) / Double(1 << 53)
            let u2 = u * u, u4 = u2 * u2
            return UInt64(median * (0.5 + u) * (1 + 4 * u4 * u4))
        }
    }
}

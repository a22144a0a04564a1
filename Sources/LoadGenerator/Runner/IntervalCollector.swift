import Histogram
import WorkloadKit

/// The coordinator's side of the time series: merges workers' interval recorders by interval number,
/// turns intervals no worker can add to any more into `IntervalSnapshot`s, and keeps the run's totals.
///
/// Totals are the sum of exactly the recorders that make up the intervals, so the series always sums to them.
struct IntervalCollector {
    private let plan: RunPlan
    private let encoder: HistogramEncoder?
    private var pending: [Int: [PatternRecorder]] = [:]
    private var totalsByPattern: [PatternRecorder] = Pattern.allCases.map { _ in PatternRecorder() }
    private(set) var intervals: [IntervalSnapshot] = []
    /// Throughput numerator and p99 of the latest finalised interval, for progress.
    private(set) var latestOperations: UInt64 = 0
    private(set) var latestP99: UInt64 = 0

    init(plan: RunPlan, encoder: HistogramEncoder?) {
        self.plan = plan
        self.encoder = encoder
    }

    mutating func add(_ recorder: IntervalRecorder) {
        if recorder.isEmpty { return }
        // Taken out of the dictionary while merging, so the histograms are uniquely held (no copy on write).
        var merged = pending.removeValue(forKey: recorder.index) ?? Pattern.allCases.map { _ in PatternRecorder() }
        for i in merged.indices where recorder.patterns[i].operations > 0 || !recorder.patterns[i].errors.isEmpty {
            merged[i].add(recorder.patterns[i])
            totalsByPattern[i].add(recorder.patterns[i])
        }
        pending[recorder.index] = merged
    }

    /// Finalises every pending interval below `bound` (and the empty ones between them).
    mutating func finalize(below bound: Int) {
        let ready = pending.keys.filter { $0 < bound }.sorted()
        for index in ready {
            let next = intervals.count
            if index > next {
                for empty in next..<index { intervals.append(IntervalSnapshot(index: empty, patterns: [:])) }
            }
            let recorders = pending.removeValue(forKey: index)!
            var patterns: [Pattern: IntervalPatternSnapshot] = [:]
            var all = LatencyHistogram.make()
            var operations: UInt64 = 0
            for pattern in Pattern.allCases {
                let recorder = recorders[pattern.rawValue]
                guard recorder.operations > 0 || !recorder.errors.isEmpty else { continue }
                patterns[pattern] = IntervalPatternSnapshot(
                    operations: recorder.operations, errors: recorder.errorCount,
                    p50: recorder.latency.valueAtPercentile(50), p99: recorder.latency.valueAtPercentile(99),
                    max: recorder.latency.max, histogram: encoder?(recorder.latency)
                )
                all.add(recorder.latency)
                operations += recorder.operations
            }
            intervals.append(IntervalSnapshot(index: index, patterns: patterns))
            latestOperations = operations
            latestP99 = all.valueAtPercentile(99)
        }
    }

    func latestThroughput(intervalSeconds: Double) -> Double {
        Double(latestOperations) / intervalSeconds
    }

    func totals() -> [Pattern: PatternRecorder] {
        var result: [Pattern: PatternRecorder] = [:]
        for pattern in Pattern.allCases {
            let recorder = totalsByPattern[pattern.rawValue]
            if recorder.operations > 0 || !recorder.errors.isEmpty { result[pattern] = recorder }
        }
        return result
    }
}

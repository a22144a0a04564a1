import WorkloadKit

/// What one worker measured in one interval of the time series: a recorder per pattern.
///
/// A worker fills one at a time and hands it over whole when its operations move into the next interval,
/// so the coordinator collects intervals without ever stopping or locking the worker per operation.
/// Recorders are recycled (the coordinator resets them and gives them back) because allocating and zeroing
/// eight 60-second histograms (~1.7 MB) inside the worker's loop would show up as a latency spike.
final class IntervalRecorder {
    /// 0-based interval number since the measured part of the run began.
    private(set) var index: Int
    var patterns: [PatternRecorder]

    init(index: Int) {
        self.index = index
        patterns = Pattern.allCases.map { _ in PatternRecorder() }
    }

    @inline(__always)
    func record(_ pattern: Pattern, latency: UInt64, serviceTime: UInt64) {
        patterns[pattern.rawValue].record(latency: latency, serviceTime: serviceTime)
    }

    func recordError(_ pattern: Pattern, named name: String) {
        patterns[pattern.rawValue].recordError(named: name)
    }

    /// Renumbers an empty (reset) recorder: cheap, done by the worker.
    func renumber(_ index: Int) {
        self.index = index
    }

    /// Empties the recorder for reuse: zeroes the histograms, so done by the coordinator, not the worker.
    func reset() {
        for i in patterns.indices {
            patterns[i].latency.reset()
            patterns[i].serviceTime.reset()
            patterns[i].operations = 0
            patterns[i].errors.removeAll(keepingCapacity: true)
        }
    }

    var isEmpty: Bool { patterns.allSatisfy { $0.operations == 0 && $0.errors.isEmpty } }
}

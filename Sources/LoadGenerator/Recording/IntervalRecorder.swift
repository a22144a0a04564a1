import WorkloadKit

/// What one worker measured in one interval of the time series: a recorder per pattern.
///
/// A worker fills one at a time and hands it over whole when its operations move into the next interval,
/// so the coordinator collects intervals without ever stopping or locking the worker per operation.
/// Recorders are recycled (the coordinator resets them and gives them back) because allocating and zeroing
/// eight 60-second histograms (~1.7 MB) inside the worker's loop would show up as a latency spike.
///
/// A value type held in the worker's local variable: a class's stored property would cost a dynamic
/// exclusivity check per operation (measured: ~5 % of a NullTarget run in `swift_beginAccess`/`endAccess`).
@usableFromInline
struct IntervalRecorder {
    /// 0-based interval number since the measured part of the run began.
    @usableFromInline var index: Int
    @usableFromInline var patterns: [PatternRecorder]

    @usableFromInline
    init(index: Int) {
        self.index = index
        patterns = Pattern.allCases.map { _ in PatternRecorder() }
    }

    @inlinable
    mutating func record(_ pattern: Pattern, latency: UInt64, serviceTime: UInt64) {
        patterns[pattern.rawValue].record(latency: latency, serviceTime: serviceTime)
    }

    @usableFromInline
    mutating func recordError(_ pattern: Pattern, named name: String) {
        patterns[pattern.rawValue].recordError(named: name)
    }

    /// Empties the recorder for reuse: zeroes the histograms, so done by the coordinator, not the worker.
    mutating func reset() {
        for i in patterns.indices {
            patterns[i].latency.reset()
            patterns[i].serviceTime.reset()
            patterns[i].operations = 0
            patterns[i].errors.removeAll(keepingCapacity: true)
        }
    }

    var isEmpty: Bool { patterns.allSatisfy { $0.operations == 0 && $0.errors.isEmpty } }
}

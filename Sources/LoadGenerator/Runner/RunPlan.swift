import WorkloadKit

/// The run's timetable in clock nanoseconds, fixed before the workers start.
@usableFromInline
struct RunPlan: Sendable {
    @usableFromInline var start: UInt64
    /// Operations starting (intended start, in open loop) before this are warmup and not recorded.
    @usableFromInline var measureStart: UInt64
    /// No operation starts at or after this (`.max` when the run is bounded by operations only).
    @usableFromInline var measureEnd: UInt64
    @usableFromInline var intervalNanos: UInt64
    /// The last interval index (operations ending after `measureEnd` count in the last interval).
    @usableFromInline var lastInterval: Int
    @usableFromInline var thinkTimeNanos: UInt64

    @usableFromInline
    init(spec: RunSpec, start: UInt64) {
        self.start = start
        measureStart = start &+ Self.nanos(spec.warmupSeconds)
        intervalNanos = max(1, Self.nanos(spec.intervalSeconds))
        if let duration = spec.durationSeconds {
            let durationNanos = Self.nanos(duration)
            measureEnd = measureStart &+ durationNanos
            lastInterval = Int((durationNanos &+ intervalNanos &- 1) / intervalNanos) - 1
        } else {
            measureEnd = .max
            lastInterval = .max
        }
        thinkTimeNanos = spec.thinkTimeNanos
    }

    static func nanos(_ seconds: Double) -> UInt64 { UInt64((seconds * 1e9).rounded()) }

    /// The interval an operation ending at `end` belongs to.
    @inlinable
    func interval(endingAt end: UInt64) -> Int {
        guard end > measureStart else { return 0 }
        return min(Int((end &- measureStart) / intervalNanos), lastInterval)
    }
}

/// Per-worker operation budget: the run's operation count split evenly, so the stop is exact and needs
/// no shared counter on the hot path.
public func operationBudget(total: Int?, worker: Int, workers: Int) -> UInt64 {
    guard let total else { return .max }
    let share = total / workers
    return UInt64(share + (worker < total % workers ? 1 : 0))
}

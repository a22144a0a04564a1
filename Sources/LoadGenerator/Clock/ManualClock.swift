import Atomics

/// A simulated clock for tests: time moves only when a test calls `advance(by:)`/`set(_:)`, or when
/// something sleeps on it (sleeping jumps the clock to the deadline, as if the wait had passed instantly).
///
/// With one worker this makes a run fully deterministic: a `NullTarget` takes zero time, a
/// `FaultInjectingTarget` pause takes exactly its length, and an open-loop schedule is followed to the
/// nanosecond, so latency percentiles can be worked out by hand.
public final class ManualClock: LoadClock, @unchecked Sendable {
    private let nanos: ManagedAtomic<UInt64>

    public init(start: UInt64 = 0) {
        nanos = ManagedAtomic(start)
    }

    public func now() -> UInt64 { nanos.load(ordering: .acquiring) }

    /// Moves time forward to `deadline` (never backwards).
    public func sleep(until deadline: UInt64) {
        var current = nanos.load(ordering: .relaxed)
        while current < deadline {
            let (exchanged, original) = nanos.weakCompareExchange(
                expected: current, desired: deadline, successOrdering: .acquiringAndReleasing, failureOrdering: .relaxed
            )
            if exchanged { return }
            current = original
        }
    }

    public func advance(by nanoseconds: UInt64) {
        nanos.wrappingIncrement(by: nanoseconds, ordering: .acquiringAndReleasing)
    }
}

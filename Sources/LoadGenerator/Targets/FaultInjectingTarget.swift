import Atomics
import WorkloadKit

/// When a `FaultInjectingTarget` stalls, and for how long.
public enum FaultSchedule: Sendable, Hashable {
    /// The operation with this 0-based number (counted across all threads) stalls.
    case atOperations([UInt64], pauseNanos: UInt64)
    /// Every `n`-th operation (numbers n-1, 2n-1, …) stalls.
    case everyOperations(UInt64, pauseNanos: UInt64)
    /// The first operation to start at or after `periodNanos`, `2 × periodNanos`, … since the target was
    /// created stalls: e.g. a 100 ms stall once per second, like a stop-the-world pause.
    case everyNanos(UInt64, pauseNanos: UInt64)
}

/// Wraps a target and makes chosen operations stall (sleep on the run's clock) before passing them on.
///
/// This is the demonstration of coordinated omission: during a stall a closed-loop generator issues nothing,
/// so it records one slow operation; an open-loop generator keeps its schedule, so every operation that was
/// due during the stall is recorded late, from its intended start.
public final class FaultInjectingTarget<Wrapped: Target, Clock: LoadClock>: Target, @unchecked Sendable {
    public let name: String
    private let wrapped: Wrapped
    private let clock: Clock
    private let schedule: FaultSchedule
    private let operationCount = ManagedAtomic<UInt64>(0)
    private let nextTimedStall: ManagedAtomic<UInt64>
    private let origin: UInt64
    private let stallCount = ManagedAtomic<Int>(0)

    public init(wrapping wrapped: Wrapped, clock: Clock, schedule: FaultSchedule) {
        if case .everyOperations(let n, _) = schedule { precondition(n > 0, "FaultSchedule.everyOperations: n must be > 0") }
        if case .everyNanos(let period, _) = schedule { precondition(period > 0, "FaultSchedule.everyNanos: period must be > 0") }
        self.wrapped = wrapped
        self.clock = clock
        self.schedule = schedule
        self.name = wrapped.name + "+faults"
        self.origin = clock.now()
        if case .everyNanos(let period, _) = schedule {
            nextTimedStall = ManagedAtomic(origin &+ period)
        } else {
            nextTimedStall = ManagedAtomic(.max)
        }
    }

    /// How many stalls have happened so far.
    public var stalls: Int { stallCount.load(ordering: .relaxed) }

    public func perform(_ operation: Operation) throws(TargetError) -> Int {
        if let pause = pauseForThisOperation() {
            stallCount.wrappingIncrement(ordering: .relaxed)
            clock.sleep(until: clock.now() &+ pause)
        }
        return try wrapped.perform(operation)
    }

    private func pauseForThisOperation() -> UInt64? {
        switch schedule {
        case .atOperations(let numbers, let pause):
            let number = operationCount.loadThenWrappingIncrement(ordering: .relaxed)
            return numbers.contains(number) ? pause : nil
        case .everyOperations(let n, let pause):
            let number = operationCount.loadThenWrappingIncrement(ordering: .relaxed)
            return (number + 1) % n == 0 ? pause : nil
        case .everyNanos(let period, let pause):
            let now = clock.now()
            let due = nextTimedStall.load(ordering: .relaxed)
            guard now >= due else { return nil }
            // Only the thread that moves the deadline on stalls, so one period yields one stall.
            let (won, _) = nextTimedStall.compareExchange(expected: due, desired: due &+ period, ordering: .relaxed)
            return won ? pause : nil
        }
    }
}

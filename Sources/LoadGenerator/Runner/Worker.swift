import Atomics
import Foundation
import WorkloadKit

/// Why a worker stopped.
@usableFromInline
enum WorkerExit: Int, AtomicValue {
    case running, deadline, budget, stopped
}

/// One worker thread's loop: owns its operation source and its interval recorder; shares only the target,
/// the clock and its `WorkerSlot`. Generic over every collaborator so the loop is specialised: no
/// existential or dynamic dispatch per operation.
///
/// `@inlinable` so it is specialised in the caller's module (see `Runner.run()`).
@usableFromInline
struct Worker<Clock: LoadClock, T: Target, Source: OperationSource> {
    @usableFromInline let index: Int
    @usableFromInline let workers: Int
    @usableFromInline let target: T
    @usableFromInline let clock: Clock
    @usableFromInline var source: Source
    @usableFromInline let slot: WorkerSlot
    @usableFromInline let plan: RunPlan
    @usableFromInline let budget: UInt64
    @usableFromInline let stopFlag: ManagedAtomic<Bool>
    @usableFromInline let exit: ManagedAtomic<WorkerExit>

    @usableFromInline
    init(
        index: Int, workers: Int, target: T, clock: Clock, source: Source, slot: WorkerSlot, plan: RunPlan, budget: UInt64,
        stopFlag: ManagedAtomic<Bool>, exit: ManagedAtomic<WorkerExit>
    ) {
        self.index = index
        self.workers = workers
        self.target = target
        self.clock = clock
        self.source = source
        self.slot = slot
        self.plan = plan
        self.budget = budget
        self.stopFlag = stopFlag
        self.exit = exit
    }

    /// Longest single sleep before the stop flag is looked at again.
    @usableFromInline static var stopCheckNanos: UInt64 { 10_000_000 }

    @inlinable
    mutating func runClosedLoop() {
        var tally = startTally()
        var reason = WorkerExit.budget
        while tally.measured < budget {
            if stopFlag.load(ordering: .relaxed) { reason = .stopped; break }
            let operation = source.next()
            let start = clock.now()
            if start >= plan.measureEnd { reason = .deadline; break }
            let end = perform(operation, intended: start, start: start, &tally)
            if plan.thinkTimeNanos > 0 { wait(until: end &+ plan.thinkTimeNanos) }
        }
        finish(tally, reason)
    }

    /// Open loop: intended start times follow the schedule whatever the target does; latency is measured
    /// from the intended start (so a stall is charged to every operation it delayed: no coordinated
    /// omission), service time from the actual start. When behind, operations are issued at once, never skipped.
    @inlinable
    mutating func runOpenLoop(ratePerSecond: Double, poisson: Bool, seed: UInt64) {
        var tally = startTally()
        var reason = WorkerExit.budget
        let gap = 1e9 * Double(workers) / ratePerSecond
        // Salted ("arrivals" in ASCII) so the gaps do not replay a source seeded the same way (PatternMixSource).
        var rng = SplitMix64(seed: seed ^ 0x6172_7269_7661_6C73, stream: index)
        // Constant arrivals: workers are staggered across one gap so together they tick evenly.
        var offset = poisson ? 0 : gap * Double(index) / Double(workers)
        var scheduled: UInt64 = 0
        outer: while tally.measured < budget {
            if stopFlag.load(ordering: .relaxed) { reason = .stopped; break }
            let intended = plan.start &+ UInt64(offset)
            if intended >= plan.measureEnd { reason = .deadline; break }
            let operation = source.next()
            var start = clock.now()
            while start < intended {
                if stopFlag.load(ordering: .relaxed) { reason = .stopped; break outer }
                clock.sleep(until: min(intended, start &+ Self.stopCheckNanos))
                start = clock.now()
            }
            perform(operation, intended: intended, start: start, &tally)
            scheduled &+= 1
            if poisson {
                // Exponential gaps: -ln(1 - U) × mean, U uniform in [0, 1).
                offset += -Foundation.log(1 - rng.nextUnitInterval()) * gap
            } else {
                offset = gap * Double(index) / Double(workers) + gap * Double(scheduled)
            }
        }
        finish(tally, reason)
    }

    /// What a worker has measured so far: the open interval's recorder and the counts the slot publishes.
    @usableFromInline
    struct Tally {
        @usableFromInline var recorder: IntervalRecorder
        /// When the open interval ends (`.max` for the last one).
        @usableFromInline var nextIntervalAt: UInt64
        @usableFromInline var measured: UInt64 = 0
        /// End time of the latest measured operation.
        @usableFromInline var lastEnd: UInt64 = 0

        @inlinable
        init(recorder: __owned IntervalRecorder, nextIntervalAt: UInt64) {
            self.recorder = recorder
            self.nextIntervalAt = nextIntervalAt
        }
    }

    @inlinable
    func startTally() -> Tally {
        let recorder = slot.publishInitial()
        return Tally(recorder: recorder, nextIntervalAt: intervalBoundary(after: recorder.index))
    }

    /// The step both loops share: performs `operation` and, when its intended start lies in the measured
    /// window, records latency from `intended` and service time from `start` (equal in the closed loop),
    /// publishing the interval first if the operation ended past it. Returns the end time.
    @inlinable @inline(__always)
    @discardableResult
    func perform(_ operation: WorkloadKit.Operation, intended: UInt64, start: UInt64, _ tally: inout Tally) -> UInt64 {
        var failure: TargetError? = nil
        do throws(TargetError) {
            _ = try target.perform(operation)
        } catch {
            failure = error
        }
        let end = clock.now()
        if intended >= plan.measureStart {
            tally.measured &+= 1
            if end >= tally.nextIntervalAt {
                tally.recorder = slot.publish(tally.recorder, next: plan.interval(endingAt: end), measured: tally.measured &- 1)
                tally.nextIntervalAt = intervalBoundary(after: tally.recorder.index)
            }
            tally.recorder.record(operation.pattern, latency: end &- intended, serviceTime: end &- start)
            if let failure { tally.recorder.recordError(operation.pattern, named: failure.name) }
            tally.lastEnd = end
        }
        return end
    }

    @inlinable
    func finish(_ tally: __owned Tally, _ reason: WorkerExit) {
        exit.store(reason, ordering: .relaxed)
        slot.finish(tally.recorder, lastEnd: tally.lastEnd, measured: tally.measured)
    }

    @inlinable
    func intervalBoundary(after interval: Int) -> UInt64 {
        if interval >= plan.lastInterval { return .max }
        return plan.measureStart &+ UInt64(interval + 1) &* plan.intervalNanos
    }

    @inlinable
    func wait(until deadline: UInt64) {
        var now = clock.now()
        while now < deadline {
            if stopFlag.load(ordering: .relaxed) { return }
            clock.sleep(until: min(deadline, now &+ Self.stopCheckNanos))
            now = clock.now()
        }
    }
}

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
        var recorder = slot.publishInitial()
        var nextIntervalAt = intervalBoundary(after: recorder.index)
        var measured: UInt64 = 0
        var lastEnd: UInt64 = 0
        var reason = WorkerExit.budget
        while measured < budget {
            if stopFlag.load(ordering: .relaxed) { reason = .stopped; break }
            let operation = source.next()
            let start = clock.now()
            if start >= plan.measureEnd { reason = .deadline; break }
            var failure: TargetError? = nil
            do throws(TargetError) {
                _ = try target.perform(operation)
            } catch {
                failure = error
            }
            let end = clock.now()
            if start >= plan.measureStart {
                measured &+= 1
                if end >= nextIntervalAt {
                    recorder = slot.publish(recorder, next: plan.interval(endingAt: end), measured: measured &- 1)
                    nextIntervalAt = intervalBoundary(after: recorder.index)
                }
                recorder.record(operation.pattern, latency: end &- start, serviceTime: end &- start)
                if let failure { recorder.recordError(operation.pattern, named: failure.name) }
                lastEnd = end
            }
            if plan.thinkTimeNanos > 0 { wait(until: end &+ plan.thinkTimeNanos) }
        }
        exit.store(reason, ordering: .relaxed)
        slot.finish(recorder, lastEnd: lastEnd, measured: measured)
    }

    /// Open loop: intended start times follow the schedule whatever the target does; latency is measured
    /// from the intended start (so a stall is charged to every operation it delayed: no coordinated
    /// omission), service time from the actual start. When behind, operations are issued at once, never skipped.
    @inlinable
    mutating func runOpenLoop(ratePerSecond: Double, poisson: Bool, seed: UInt64) {
        var recorder = slot.publishInitial()
        var nextIntervalAt = intervalBoundary(after: recorder.index)
        var measured: UInt64 = 0
        var lastEnd: UInt64 = 0
        var reason = WorkerExit.budget
        let gap = 1e9 * Double(workers) / ratePerSecond
        // Salted ("arrivals" in ASCII) so the gaps do not replay a source seeded the same way (PatternMixSource).
        var rng = SplitMix64(seed: seed ^ 0x6172_7269_7661_6C73, stream: index)
        // Constant arrivals: workers are staggered across one gap so together they tick evenly.
        var offset = poisson ? 0 : gap * Double(index) / Double(workers)
        var scheduled: UInt64 = 0
        outer: while measured < budget {
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
            var failure: TargetError? = nil
            do throws(TargetError) {
                _ = try target.perform(operation)
            } catch {
                failure = error
            }
            let end = clock.now()
            if intended >= plan.measureStart {
                measured &+= 1
                if end >= nextIntervalAt {
                    recorder = slot.publish(recorder, next: plan.interval(endingAt: end), measured: measured &- 1)
                    nextIntervalAt = intervalBoundary(after: recorder.index)
                }
                recorder.record(operation.pattern, latency: end &- intended, serviceTime: end &- start)
                if let failure { recorder.recordError(operation.pattern, named: failure.name) }
                lastEnd = end
            }
            scheduled &+= 1
            if poisson {
                // Exponential gaps: -ln(1 - U) × mean, U uniform in [0, 1).
                offset += -Foundation.log(1 - rng.nextUnitInterval()) * gap
            } else {
                offset = gap * Double(index) / Double(workers) + gap * Double(scheduled)
            }
        }
        exit.store(reason, ordering: .relaxed)
        slot.finish(recorder, lastEnd: lastEnd, measured: measured)
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

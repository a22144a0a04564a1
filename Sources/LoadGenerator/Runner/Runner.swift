import Atomics
import Foundation
import WorkloadKit

/// Drives a target with `spec.threads` worker threads and measures it.
///
/// Each worker is a real thread (it owns a core while it runs) with its own operation source and its own
/// interval recorders. The calling thread coordinates: it collects finished intervals from the workers
/// without stopping them, merges them into the time series and the totals, and reports progress.
///
/// ```swift
/// let runner = try Runner(spec: spec, seed: 42, target: NullTarget(), clock: MonotonicClock(),
///                         sources: (0..<spec.threads).map { PatternMixSource(seed: 42, worker: $0) })
/// let outcome = runner.run()          // blocks; runner.stop() from another thread ends it early
/// ```
public final class Runner<Clock: LoadClock, T: Target, Source: OperationSource>: @unchecked Sendable {
    public let spec: RunSpec
    public let seed: UInt64
    @usableFromInline let target: T
    @usableFromInline let clock: Clock
    @usableFromInline let sources: [Source]
    @usableFromInline let options: RunnerOptions
    @usableFromInline let stopFlag = ManagedAtomic<Bool>(false)

    /// - Throws: `LoadGeneratorError` naming the setting that cannot be run (e.g. concurrency > 1, open
    ///   loop without a rate, a source count that is not one per thread).
    public init(spec: RunSpec, seed: UInt64, target: T, clock: Clock, sources: [Source], options: RunnerOptions = RunnerOptions()) throws(LoadGeneratorError) {
        try LoadGeneratorError.check(spec, sources: sources.count)
        self.spec = spec
        self.seed = seed
        self.target = target
        self.clock = clock
        self.sources = sources
        self.options = options
    }

    /// Asks the workers to stop after their current operation; `run()` then returns what was measured
    /// with `complete == false`. Safe from any thread (and from a signal-handling queue).
    public func stop() {
        stopFlag.store(true, ordering: .relaxed)
    }

    public var isStopRequested: Bool { stopFlag.load(ordering: .relaxed) }

    /// Runs warmup and measurement, blocking until every worker has finished. Call once.
    ///
    /// `@inlinable` (with the worker loop) so that a caller in another module, which knows the concrete
    /// clock, target and source, gets the loop specialised on them. Measured with `stbench run --target null`,
    /// release, one thread, on a loaded 2-core machine: before, every operation went through protocol
    /// witnesses and generic metadata (~2.2 M ops/s); after, ~3.4 M ops/s wall-clock, about 11 M ops per
    /// CPU-second of the worker, half of it in `clock_gettime`.
    @inlinable
    public func run() -> RunOutcome {
        let startedAt = Date()
        let plan = RunPlan(spec: spec, start: clock.now())
        let slots = (0..<spec.threads).map { _ in WorkerSlot() }
        let exits = (0..<spec.threads).map { _ in ManagedAtomic<WorkerExit>(.running) }
        for slot in slots { slot.prepare() }
        for index in 0..<spec.threads {
            let box = WorkerBox(
                Worker(
                    index: index, workers: spec.threads, target: target, clock: clock, source: sources[index], slot: slots[index],
                    plan: plan, budget: operationBudget(total: spec.operations, worker: index, workers: spec.threads),
                    stopFlag: stopFlag, exit: exits[index]
                )
            )
            let mode = spec.mode
            let rate = spec.targetRate ?? 1
            let poisson = spec.arrival == .poisson
            let seed = self.seed
            let thread = Thread {
                switch mode {
                case .closed: box.worker.runClosedLoop()
                case .open: box.worker.runOpenLoop(ratePerSecond: rate, poisson: poisson, seed: seed)
                }
            }
            thread.name = "stbench-worker-\(index)"
            thread.start()
        }
        return collect(plan: plan, startedAt: startedAt, slots: slots, exits: exits)
    }

    /// Coordinates until the workers are done, then assembles the outcome.
    @usableFromInline
    func collect(plan: RunPlan, startedAt: Date, slots: [WorkerSlot], exits: [ManagedAtomic<WorkerExit>]) -> RunOutcome {
        var collector = IntervalCollector(plan: plan, encoder: options.histogramEncoder)
        coordinate(slots: slots, plan: plan, collector: &collector)

        let lastEnd = slots.map { $0.lastEnd.load(ordering: .relaxed) }.max() ?? 0
        let reachedDeadline = exits.contains { $0.load(ordering: .relaxed) == .deadline }
        var measuredNanos = lastEnd > plan.measureStart ? lastEnd - plan.measureStart : 0
        if reachedDeadline, plan.measureEnd != .max {
            measuredNanos = max(measuredNanos, plan.measureEnd - plan.measureStart)
        } else if measuredNanos == 0 {
            let now = clock.now()
            measuredNanos = now > plan.measureStart ? now - plan.measureStart : 0
        }
        return RunOutcome(
            complete: !stopFlag.load(ordering: .relaxed), startedAt: startedAt, spec: spec, seed: seed, targetName: target.name,
            measuredNanos: measuredNanos, patterns: collector.totals(), intervals: collector.intervals
        )
    }

    /// The coordinator loop: polls the workers every few milliseconds of real time (not clock time: a
    /// simulated clock must only move when the workload moves it) until all have finished.
    private func coordinate(slots: [WorkerSlot], plan: RunPlan, collector: inout IntervalCollector) {
        let pollNanos = UInt64(min(max(spec.intervalSeconds / 4, 0.001), 0.05) * 1e9)
        let realClock = MonotonicClock()
        var nextProgress = realClock.now() &+ UInt64(options.progressPeriodSeconds * 1e9)
        let plannedSeconds = spec.durationSeconds.map { $0 + spec.warmupSeconds }
        while true {
            realClock.sleep(until: realClock.now() &+ pollNanos)
            let allFinished = slots.allSatisfy { $0.finished.load(ordering: .acquiring) }
            // Read before draining: every interval below a worker's current one is already published.
            let openIntervals = slots.map { $0.finished.load(ordering: .acquiring) ? Int.max : $0.currentInterval.load(ordering: .acquiring) }
            for slot in slots {
                var drained = slot.drain()
                while let recorder = drained.popLast() {
                    collector.add(recorder)
                    slot.recycle(recorder)
                }
            }
            collector.finalize(below: allFinished ? Int.max : (openIntervals.min() ?? Int.max))
            if let progress = options.progress, allFinished || realClock.now() >= nextProgress {
                nextProgress = realClock.now() &+ UInt64(options.progressPeriodSeconds * 1e9)
                let now = clock.now()
                progress(
                    ProgressSnapshot(
                        elapsedSeconds: Double(now &- plan.start) / 1e9, plannedSeconds: plannedSeconds, inWarmup: now < plan.measureStart,
                        operations: slots.reduce(0) { $0 + $1.completedOperations.load(ordering: .relaxed) },
                        hasInterval: !collector.intervals.isEmpty,
                        intervalThroughput: collector.latestThroughput(intervalSeconds: spec.intervalSeconds),
                        intervalP99: collector.latestP99
                    )
                )
            }
            if allFinished { return }
        }
    }
}

/// Hands a worker (and its non-Sendable operation source) to exactly one thread, which owns it from then on.
@usableFromInline
final class WorkerBox<Clock: LoadClock, T: Target, Source: OperationSource>: @unchecked Sendable {
    @usableFromInline var worker: Worker<Clock, T, Source>
    @usableFromInline init(_ worker: Worker<Clock, T, Source>) {
        self.worker = worker
    }
}

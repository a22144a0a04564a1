import Foundation
import Testing
@testable import LoadGenerator
import WorkloadKit

struct RunnerTests {
    /// Open loop at 1000/s with 100 ms warmup: operations due before 100 ms are warmup. A 30 ms stall at
    /// operation 50 delays operations up to 80 ms only, all inside warmup, so every measured latency is 0.
    @Test func warmupIsExcluded() throws {
        let clock = ManualClock()
        let target = FaultInjectingTarget(wrapping: NullTarget(), clock: clock, schedule: .atOperations([50], pauseNanos: 30 * millisecond))
        let spec = RunSpec(mode: .open, targetRate: 1000, warmupSeconds: 0.1, durationSeconds: nil, operations: 200)
        let outcome = try runManual(spec, target: target, clock: clock)
        let figures = try #require(outcome.patterns[.listMessages])
        #expect(target.stalls == 1)
        #expect(figures.operations == 200)
        #expect(figures.latency.max == 0)
    }

    /// Closed loop, 1 ms think time, 2 s: operations start at 0, 1, …, 1999 ms, the next would start at the end.
    @Test func durationStopsTheRun() throws {
        let clock = ManualClock()
        let spec = RunSpec(mode: .closed, thinkTimeNanos: millisecond, durationSeconds: 2)
        let outcome = try runManual(spec, target: NullTarget(), clock: clock)
        #expect(outcome.complete)
        #expect(outcome.totalOperations == 2000)
        #expect(outcome.measuredSeconds == 2)
        #expect(outcome.intervals.map { $0.patterns[.listMessages]?.operations } == [1000, 1000])
    }

    @Test func operationCountStopsTheRunExactlyAcrossThreads() throws {
        let spec = RunSpec(mode: .closed, threads: 2, durationSeconds: 60, operations: 1235)
        let runner = try Runner(
            spec: spec, seed: 7, target: NullTarget(), clock: MonotonicClock(),
            sources: (0..<2).map { PatternMixSource(seed: 7, worker: $0) }
        )
        let outcome = runner.run()
        #expect(outcome.complete)
        #expect(outcome.totalOperations == 1235)
        #expect(outcome.patterns.values.reduce(0) { $0 + $1.latency.totalCount } == 1235)
        let intervalSum = outcome.intervals.reduce(0) { sum, interval in sum + interval.patterns.values.reduce(0) { $0 + $1.operations } }
        #expect(intervalSum == 1235)
    }

    /// Open loop at 1000/s, 3500 operations ending at 0 … 3499 ms: intervals of 1000, 1000, 1000 and 500.
    @Test func intervalSeriesSumsToTotals() throws {
        let clock = ManualClock()
        let spec = RunSpec(mode: .open, targetRate: 1000, durationSeconds: nil, operations: 3500)
        let outcome = try runManual(spec, target: NullTarget(), clock: clock)
        let counts = outcome.intervals.map { $0.patterns[.listMessages]?.operations ?? 0 }
        #expect(counts == [1000, 1000, 1000, 500])
        #expect(counts.reduce(0, +) == outcome.totalOperations)
    }

    /// Sequences 1…30: the 10 multiples of 3 fail with one name, the other multiples of 5 with another.
    @Test func errorsAreCountedPerName() throws {
        let clock = ManualClock()
        let spec = RunSpec(mode: .closed, durationSeconds: nil, operations: 30)
        let outcome = try runManual(spec, target: FailingTarget(), clock: clock)
        let figures = try #require(outcome.patterns[.listMessages])
        // Multiples of 5 that are not multiples of 3 in 1…30: 5, 10, 20, 25.
        #expect(figures.errors == ["ConditionalCheckFailedException": 10, "ValidationException": 4])
        #expect(figures.operations == 30)
        #expect(outcome.totalErrors == 14)
    }

    @Test func poissonArrivalsAreReproducibleFromTheSeed() throws {
        let spec = RunSpec(mode: .open, targetRate: 1000, arrival: .poisson, durationSeconds: 1)
        let first = try runManual(spec, target: NullTarget(), clock: ManualClock(), seed: 99)
        let again = try runManual(spec, target: NullTarget(), clock: ManualClock(), seed: 99)
        let other = try runManual(spec, target: NullTarget(), clock: ManualClock(), seed: 100)
        #expect(first.totalOperations == again.totalOperations)
        // A Poisson count with mean 1000 has standard deviation ~32: 900…1100 is over 3 sigma.
        #expect((900...1100).contains(first.totalOperations))
        #expect(first.totalOperations != other.totalOperations || first.measuredNanos != other.measuredNanos)
    }

    @Test func stopEndsTheRunIncomplete() throws {
        let spec = RunSpec(mode: .closed, durationSeconds: 600)
        let runner = try Runner(spec: spec, seed: 1, target: NullTarget(), clock: MonotonicClock(), sources: [CountingSource()])
        let stopper = Thread {
            usleep(50_000)
            runner.stop()
        }
        stopper.start()
        let outcome = runner.run()
        #expect(!outcome.complete)
        #expect(outcome.totalOperations > 0)
        #expect(outcome.intervals.reduce(0) { $0 + ($1.patterns[.listMessages]?.operations ?? 0) } == outcome.totalOperations)
    }

    @Test func unsupportedSettingsAreRejectedWithTheirName() {
        #expect(throws: LoadGeneratorError.self) {
            _ = try Runner(spec: RunSpec(concurrency: 4), seed: 1, target: NullTarget(), clock: ManualClock(), sources: [CountingSource()])
        }
        do {
            _ = try Runner(spec: RunSpec(mode: .open), seed: 1, target: NullTarget(), clock: ManualClock(), sources: [CountingSource()])
            Issue.record("open loop without a rate was accepted")
        } catch {
            #expect(error.description.contains("run.rate"))
        }
        #expect(throws: LoadGeneratorError.self) {
            _ = try Runner(spec: RunSpec(threads: 2), seed: 1, target: NullTarget(), clock: ManualClock(), sources: [CountingSource()])
        }
    }
}

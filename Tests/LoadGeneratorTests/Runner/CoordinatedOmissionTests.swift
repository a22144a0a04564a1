import Testing
@testable import LoadGenerator
import WorkloadKit

/// The coordinated-omission demonstration, worked by hand on a manual clock.
///
/// Open loop at 1000 ops/s (one intended start per millisecond), 1000 operations, and operation 500 stalls
/// for 100 ms. It starts at 500 ms and ends at 600 ms; operations 501…599 were due at 501…599 ms and all
/// start at 600 ms, so measured from their intended starts they took 99…1 ms. Latencies: 900 zeros and
/// 1, 2, …, 100 ms, so p99 (the 990th value) is 90 ms and p99.9 (the 999th) is 99 ms. Service times: 999
/// zeros and one 100 ms. A closed loop with 1 ms think time sees only the one slow operation.
struct CoordinatedOmissionTests {
    let pause = 100 * millisecond

    func stalled(_ clock: ManualClock) -> FaultInjectingTarget<NullTarget, ManualClock> {
        FaultInjectingTarget(wrapping: NullTarget(), clock: clock, schedule: .atOperations([500], pauseNanos: pause))
    }

    @Test func openLoopLatencyIncludesTheStallButServiceTimeDoesNot() throws {
        let clock = ManualClock()
        let spec = RunSpec(mode: .open, targetRate: 1000, durationSeconds: nil, operations: 1000)
        let outcome = try runManual(spec, target: stalled(clock), clock: clock)
        let figures = try #require(outcome.patterns[.listMessages])
        #expect(figures.operations == 1000)
        #expect(isClose(figures.latency.valueAtPercentile(99), 90 * millisecond))
        #expect(isClose(figures.latency.valueAtPercentile(99.9), 99 * millisecond))
        #expect(figures.latency.valueAtPercentile(99.9) >= pause / 2)
        #expect(isClose(figures.latency.max, pause))
        #expect(figures.latency.count(within: 1...LatencyHistogram.highest) == 100)
        #expect(figures.serviceTime.valueAtPercentile(99.9) == 0)
        #expect(isClose(figures.serviceTime.max, pause))
    }

    @Test func closedLoopRecordsOnlyTheOneSlowOperation() throws {
        let clock = ManualClock()
        let spec = RunSpec(mode: .closed, thinkTimeNanos: millisecond, durationSeconds: nil, operations: 1000)
        let outcome = try runManual(spec, target: stalled(clock), clock: clock)
        let figures = try #require(outcome.patterns[.listMessages])
        #expect(figures.operations == 1000)
        #expect(figures.latency.valueAtPercentile(99.9) == 0)
        #expect(figures.latency.count(within: 1...LatencyHistogram.highest) == 1)
        #expect(isClose(figures.latency.max, pause))
    }
}

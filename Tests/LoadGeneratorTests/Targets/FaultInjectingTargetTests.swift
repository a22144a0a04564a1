import Testing
@testable import LoadGenerator
import WorkloadKit

struct FaultInjectingTargetTests {
    @Test func everyPeriodStallsOncePerPeriodForThePauseLength() throws {
        let clock = ManualClock()
        let second: UInt64 = 1_000_000_000
        let target = FaultInjectingTarget(wrapping: NullTarget(), clock: clock, schedule: .everyNanos(second, pauseNanos: 100 * millisecond))
        let operation = Operation(pattern: .listMessages)
        _ = try target.perform(operation)
        #expect(clock.now() == 0)
        clock.advance(by: second)
        _ = try target.perform(operation)
        #expect(clock.now() == second + 100 * millisecond)
        _ = try target.perform(operation)
        #expect(clock.now() == second + 100 * millisecond)
        clock.advance(by: second)
        _ = try target.perform(operation)
        #expect(target.stalls == 2)
    }

    @Test func everyNthOperationStalls() throws {
        let clock = ManualClock()
        let target = FaultInjectingTarget(wrapping: NullTarget(), clock: clock, schedule: .everyOperations(4, pauseNanos: 5))
        for _ in 0..<12 { _ = try target.perform(Operation(pattern: .listConversations)) }
        #expect(target.stalls == 3)
        #expect(clock.now() == 15)
    }
}

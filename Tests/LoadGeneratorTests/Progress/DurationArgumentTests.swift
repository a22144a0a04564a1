import Testing
@testable import LoadGenerator

struct DurationArgumentTests {
    @Test func unitsAndPlainSeconds() {
        #expect(DurationArgument.seconds("30s") == 30)
        #expect(DurationArgument.seconds("500ms") == 0.5)
        #expect(DurationArgument.seconds("2m") == 120)
        #expect(DurationArgument.seconds("1h") == 3600)
        #expect(DurationArgument.seconds("250us") == 0.00025)
        #expect(DurationArgument.seconds("1.5") == 1.5)
        #expect(DurationArgument.seconds("0") == 0)
    }

    @Test func rejectsWhatIsNotADuration() {
        #expect(DurationArgument.seconds("fast") == nil)
        #expect(DurationArgument.seconds("-1s") == nil)
        #expect(DurationArgument.seconds("10 parsecs") == nil)
        #expect(DurationArgument.seconds("") == nil)
    }
}

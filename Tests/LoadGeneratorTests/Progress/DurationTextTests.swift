import Testing
@testable import LoadGenerator

struct DurationTextTests {
    @Test func threeSignificantDigitsWithUnits() {
        #expect(DurationText.format(nanos: 850) == "850ns")
        #expect(DurationText.format(nanos: 12_345) == "12.3µs")
        #expect(DurationText.format(nanos: 4_560_000) == "4.56ms")
        #expect(DurationText.format(nanos: 250_000_000) == "250ms")
        #expect(DurationText.format(nanos: 1_200_000_000) == "1.20s")
    }

    @Test func progressLineShowsWarmupAndRates() {
        let warm = ProgressSnapshot(elapsedSeconds: 1.25, plannedSeconds: 35, inWarmup: true, operations: 0, hasInterval: false, intervalThroughput: 0, intervalP99: 0)
        #expect(ProgressPrinter.line(for: warm) == "[1.3s/35.0s] warmup")
        let measuring = ProgressSnapshot(elapsedSeconds: 10, plannedSeconds: nil, inWarmup: false, operations: 42, hasInterval: true, intervalThroughput: 1000.4, intervalP99: 4_560_000)
        #expect(ProgressPrinter.line(for: measuring) == "[10.0s] ops 42  1000 ops/s  p99 4.56ms")
        let first = ProgressSnapshot(elapsedSeconds: 2, plannedSeconds: nil, inWarmup: false, operations: 0, hasInterval: false, intervalThroughput: 0, intervalP99: 0)
        #expect(ProgressPrinter.line(for: first) == "[2.0s] measuring")
    }
}

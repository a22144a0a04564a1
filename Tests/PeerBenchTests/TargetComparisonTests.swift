import Testing
import Reporting
@testable import PeerBench

@Suite struct TargetComparisonTests {
    static func summary(p50: UInt64, p99: UInt64) -> LatencySummary {
        LatencySummary(p50: p50, p90: p99, p99: p99, p999: p99, p9999: p99, max: p99, mean: Double(p50))
    }

    static func results(target: String, _ patterns: [String: (ops: Double, p50: UInt64, p99: UInt64)]) -> RunResults {
        RunResults(
            tool: ToolInfo(version: "0", gitCommit: "x"), workload: WorkloadInfo(name: "w", file: "w.yaml", seed: 7),
            target: target, complete: true, startedAt: "2026-11-22T00:00:00.000Z",
            environment: EnvironmentInfo(cpu: "c", cores: 2, os: "Linux", swift: "6.3.1", build: "release", allocator: "jemalloc", hostname: nil),
            run: RunSettings(mode: "closed", threads: 1, warmupSeconds: 0, measuredSeconds: 1),
            totals: Totals(operations: 0, errors: 0, throughput: 0),
            patterns: patterns.mapValues {
                PatternResults(operations: UInt64($0.ops), throughput: $0.ops, errors: [:],
                               latency: summary(p50: $0.p50, p99: $0.p99), serviceTime: summary(p50: $0.p50, p99: $0.p99))
            },
            intervals: [])
    }

    @Test func ratiosAreTheFirstTargetsSpeedUp() {
        let embedded = Self.results(target: "embedded", ["list_messages": (10_000, 2_000, 8_000), "create_message_new_conversation": (4_000, 5_000, 9_000)])
        let sqlite = Self.results(target: "sqlite", ["list_messages": (2_000, 10_000, 40_000)])
        let c = TargetComparison([embedded, sqlite])
        #expect(c.targets == ["embedded", "sqlite"])
        #expect(c.rows.map(\.pattern) == ["list_messages", "create_message_new_conversation"])  // A before C
        let a = c.rows[0]
        // 10,000 ÷ 2,000 ops/s = 5x; 10,000 ÷ 2,000 ns p50 = 5x; 40,000 ÷ 8,000 ns p99 = 5x.
        #expect(TargetComparison.throughputRatio(a.figures[0], a.figures[1]) == 5)
        #expect(TargetComparison.latencyRatio(a.figures[0]?.p50Nanos, a.figures[1]?.p50Nanos) == 5)
        #expect(TargetComparison.latencyRatio(a.figures[0]?.p99Nanos, a.figures[1]?.p99Nanos) == 5)
        #expect(c.rows[1].figures[1] == nil)
        let md = c.markdown()
        #expect(md.contains("| list_messages | 10000 | 2.0 | 8.0 | 2000 | 10.0 | 40.0 | 5.00x, 5.00x, 5.00x |"))
        #expect(md.contains("| create_message_new_conversation | 4000 | 5.0 | 9.0 | – | – | – | n/a, n/a, n/a |"))
    }

    @Test func roundsGiveMediansAndTheMedianOfPairedRatios() {
        // Three rounds; the machine is twice as slow in round 2 for both targets, so the paired ratios are
        // 5x, 5x and 4x while the medians of the raw figures would give 10,000 ÷ 2,000 = 5x.
        let rounds = [
            [Self.results(target: "embedded", ["list_messages": (10_000, 2_000, 8_000)]),
             Self.results(target: "sqlite", ["list_messages": (2_000, 10_000, 40_000)])],
            [Self.results(target: "embedded", ["list_messages": (5_000, 4_000, 16_000)]),
             Self.results(target: "sqlite", ["list_messages": (1_000, 20_000, 80_000)])],
            [Self.results(target: "embedded", ["list_messages": (12_000, 1_000, 6_000)]),
             Self.results(target: "sqlite", ["list_messages": (3_000, 4_000, 24_000)])],
        ]
        let c = TargetComparison(rounds: rounds)
        let a = c.rows[0]
        #expect(a.rounds?.count == 3)
        #expect(a.figures[0] == TargetComparison.Figures(operations: 27_000, throughput: 10_000, p50Nanos: 2_000, p99Nanos: 8_000, errors: 0))
        #expect(a.figures[1]?.p50Nanos == 10_000)
        #expect(a.speedUp(over: 1, .throughput) == Spread([5, 5, 4]))
        #expect(a.speedUp(over: 1, .p50) == Spread([5, 5, 4]))
        #expect(a.speedUp(over: 1, .p99) == Spread([5, 5, 4]))
        #expect(c.markdown().contains("| list_messages | 10000 | 2.0 | 8.0 | 2000 | 10.0 | 40.0 | 5.00x [4.00–5.00], 5.00x [4.00–5.00], 5.00x [4.00–5.00] |"))
        #expect(c.markdown().contains("(median [min–max] of 3 rounds)"))
    }

    @Test func numberFormatting() {
        #expect(TargetComparison.number(3.14159, decimals: 2) == "3.14")
        #expect(TargetComparison.number(0.05, decimals: 1) == "0.1")
        #expect(TargetComparison.number(12.0, decimals: 2) == "12.00")
        #expect(TargetComparison.number(-0.25, decimals: 1) == "-0.3")  // .rounded() rounds halves away from zero
    }
}

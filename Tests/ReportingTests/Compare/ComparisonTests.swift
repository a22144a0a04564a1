import Testing
@testable import Reporting

@Suite struct ComparisonTests {
    static func repetitions(median: Double, count: Int, seedBase: UInt64) -> [RunResults] {
        (0..<UInt64(count)).map { seed in
            Fixtures.results(["list_messages": Fixtures.latencies(count: 2_000, median: median, seed: seedBase + seed)], intervalCount: 1)
        }
    }

    @Test func identicalRepetitionsPass() {
        let runs = Self.repetitions(median: 1_000_000, count: 5, seedBase: 100)
        let comparison = Comparison(baseline: runs, current: runs, metric: ComparisonMetric("p99")!, threshold: 0.10)
        #expect(comparison.usedSignificanceTest)
        #expect(!comparison.hasRegression)
        #expect(comparison.patterns.first?.relativeChange == 0)
    }

    @Test func aFifteenPercentSlowdownIsFlagged() {
        let baseline = Self.repetitions(median: 1_000_000, count: 5, seedBase: 200)
        let current = Self.repetitions(median: 1_150_000, count: 5, seedBase: 300)
        for metric in ["p50", "p99", "mean"] {
            let comparison = Comparison(baseline: baseline, current: current, metric: ComparisonMetric(metric)!, threshold: 0.10)
            #expect(comparison.hasRegression, "\(metric)")
            let row = comparison.patterns[0]
            #expect(row.relativeChange > 0.10 && row.relativeChange < 0.20)
            #expect(row.pValue! <= 0.05)
        }
        // Throughput did not change (same operation counts), so it must pass.
        #expect(!Comparison(baseline: baseline, current: current, metric: ComparisonMetric("throughput")!, threshold: 0.10).hasRegression)
    }

    @Test func aLargeChangeThatIsNotSignificantPasses() {
        // Medians differ by >10% but the samples interleave: the test must not call it a regression.
        func run(_ p99: UInt64) -> RunResults {
            var r = Fixtures.results(["list_messages": [1_000]], intervalCount: 1)
            r.patterns["list_messages"]!.latency.p99 = p99
            return r
        }
        let baseline = [100, 300, 500, 700].map { run($0) }
        let current = [200, 400, 600, 900].map { run($0) }
        let comparison = Comparison(baseline: baseline, current: current, metric: ComparisonMetric("p99")!, threshold: 0.10)
        #expect(comparison.usedSignificanceTest)
        #expect(comparison.patterns[0].relativeChange > 0.10)
        #expect(!comparison.hasRegression)
    }

    @Test func singleSamplesFallBackToTheThresholdAndSaySo() {
        let baseline = Self.repetitions(median: 1_000_000, count: 1, seedBase: 400)
        let current = Self.repetitions(median: 1_150_000, count: 1, seedBase: 500)
        let comparison = Comparison(baseline: baseline, current: current, metric: ComparisonMetric("p50")!, threshold: 0.10)
        #expect(!comparison.usedSignificanceTest)
        #expect(comparison.hasRegression)
        #expect(comparison.text().contains("threshold alone"))
        #expect(comparison.patterns[0].pValue == nil)
    }

    @Test func throughputRegressesDownwards() {
        func run(_ throughput: Double) -> RunResults {
            var r = Fixtures.results(["list_messages": [1_000]], intervalCount: 1)
            r.patterns["list_messages"]!.throughput = throughput
            return r
        }
        let comparison = Comparison(baseline: [1000, 1010, 990].map(run), current: [800, 810, 790].map(run), metric: ComparisonMetric("throughput")!, threshold: 0.10)
        #expect(comparison.hasRegression)
        #expect(comparison.text().contains("CV"))
    }

    @Test func mannWhitneyExactValuesMatchHandCounts() {
        // 3 vs 3 fully separated: only 1 of C(6,3) = 20 orderings gives U = 9, so p = 1/20.
        let separated = MannWhitney.greater(current: [4, 5, 6], baseline: [1, 2, 3])
        #expect(separated.u == 9 && separated.exact)
        #expect(abs(separated.pValue - 0.05) < 1e-12)
        // 2 vs 2, U = 3: orderings with U >= 3 are U=3 and U=4, one each of C(4,2) = 6.
        #expect(abs(MannWhitney.greater(current: [2, 4], baseline: [1, 3]).pValue - 2.0 / 6) < 1e-12)
        #expect(MannWhitney.smallestPValue(m: 2, n: 2) > 0.05)
        #expect(MannWhitney.arrangementCounts(m: 2, n: 2) == [1, 1, 2, 1, 1])
    }

    @Test func parsesThresholdsAndMetrics() {
        #expect(Comparison.parseThreshold("10%") == 0.10)
        #expect(Comparison.parseThreshold("2.5") == 0.025)
        #expect(Comparison.parseThreshold("ten") == nil)
        #expect(ComparisonMetric("service-p99")?.source == .serviceTime)
        #expect(ComparisonMetric("p42") == nil)
    }
}

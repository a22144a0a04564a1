import Foundation
import Testing
@testable import Reporting

@Suite struct RendererTests {
    static let results = Fixtures.results(
        ["list_messages": Fixtures.latencies(count: 2_000, median: 800_000, seed: 3),
         "create_message_existing_conversation": Fixtures.latencies(count: 500, median: 3_000_000, seed: 4)],
        withCache: true)
    static let curves = MissRatioCurves(policies: [
        "lru": [.init(size: 100, missRatio: 0.6), .init(size: 1_000, missRatio: 0.3)],
        "s3fifo": [.init(size: 100, missRatio: 0.5), .init(size: 1_000, missRatio: 0.25)],
    ])

    @Test func tagBalanceCheckerCatchesMistakes() {
        #expect(TagBalance.problem(in: "<p><b>x</b></p>") == nil)
        #expect(TagBalance.problem(in: "<p><b>x</p></b>") != nil)
        #expect(TagBalance.problem(in: "<p>a < b</p>") != nil)
        #expect(TagBalance.problem(in: "<p>a & b</p>") != nil)
        #expect(TagBalance.problem(in: "<div>") != nil)
    }

    @Test func htmlIsBalancedSelfContainedAndHasEveryChart() {
        var results = Self.results
        results.patterns["list_<script>"] = results.patterns["list_messages"]
        let html = HTMLRenderer.render(results, missRatioCurves: Self.curves)
        #expect(TagBalance.problem(in: html) == nil)
        for id in ["chart-latency-percentiles", "chart-throughput", "chart-p99", "chart-hit-ratio", "chart-miss-ratio"] {
            #expect(html.contains("<svg id=\"\(id)\""), "missing \(id)")
        }
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"))
        #expect(html.contains("list_&lt;script&gt;"))
        #expect(!html.contains("http://") || !html.contains("src=\"http"))
        #expect(!html.contains("src="))
        for fact in ["Test CPU", "6.3.1", "cruddur-dm", "workloads/cruddur-dm.yaml", "s3fifo", "abc1234"] {
            #expect(html.contains(fact), "missing \(fact)")
        }
    }

    @Test func htmlLeavesOutCacheChartsWithoutCacheData() {
        let plain = Fixtures.results(["list_messages": [1_000, 2_000, 3_000]])
        let html = HTMLRenderer.render(plain)
        #expect(TagBalance.problem(in: html) == nil)
        #expect(!html.contains("chart-hit-ratio"))
        #expect(!html.contains("chart-miss-ratio"))
        #expect(html.contains("chart-latency-percentiles"))
    }

    @Test func throughputChartAddsAnAllPatternsLine() {
        let series = HTMLRenderer.intervalSeries(Self.results, names: Self.results.patterns.keys.sorted()).throughput
        #expect(series.first?.name == "all patterns")
        // 2 500 operations spread evenly over four one-second intervals.
        #expect(series.first?.points.map(\.y).reduce(0, +) == 2_500)
    }

    @Test func missRatioCurvesDecodeFromTheDocumentedJSON() throws {
        let json = #"{"unit": "objects", "policies": {"lru": [{"size": 1000, "missRatio": 0.41}]}}"#
        let curves = try JSONDecoder().decode(MissRatioCurves.self, from: Data(json.utf8))
        #expect(curves.policies["lru"] == [.init(size: 1_000, missRatio: 0.41)])
    }

    @Test func percentileChartUsesTheInverseTailAxis() {
        #expect(SVGLineChart.percentileX(90) == 1)
        #expect(abs(SVGLineChart.percentileX(99) - 2) < 1e-9)
        #expect(abs(SVGLineChart.percentileX(99.9) - 3) < 1e-9)
        #expect(SVGLineChart.percentileLabel(3) == "99.9%")
        #expect(SVGLineChart.niceTicks(from: 0, to: 97) == [0, 20, 40, 60, 80, 100])
    }

    @Test func markdownHasOneRowPerPatternWithItsFigures() {
        let md = MarkdownRenderer.render(Self.results)
        let p = Self.results.patterns["list_messages"]!
        let row = md.split(separator: "\n").first { $0.hasPrefix("| list_messages | 2,000 |") }
        #expect(row != nil)
        #expect(row?.contains(NumberText.duration(nanoseconds: p.latency.p99)) == true)
        #expect(md.contains("## Service time"))
        #expect(md.contains("| list_messages | 300 | 100 | 75.00% | 2 |"))
        #expect(md.contains("| Seed | 42 |"))
        #expect(md.contains("| Allocator | system |"))
        #expect(MarkdownRenderer.escape("a|b") == "a\\|b")
    }

    @Test func textSummaryAlignsColumns() {
        let text = TextRenderer.render(Self.results)
        let lines = text.split(separator: "\n")
        let header = lines.first { $0.hasPrefix("pattern") }!
        let rule = lines.first { $0.hasPrefix("-------") }!
        #expect(header.count == rule.count)
        #expect(text.contains("create_message_existing_conversation"))
        let distributions = TextRenderer.percentileDistributions(Self.results)
        #expect(distributions.contains("# list_messages latency, values in microseconds"))
        #expect(distributions.contains("1/(1-Percentile)"))
    }

    @Test func numberTextRoundsAndGroups() {
        #expect(NumberText.fixed(2.0005, places: 3) == "2.001" || NumberText.fixed(2.0005, places: 3) == "2.000")
        #expect(NumberText.fixed(-1.25, places: 1) == "-1.3")
        #expect(NumberText.fixed(0.04, places: 1) == "0.0")
        #expect(NumberText.grouped(1_234_567) == "1,234,567")
        #expect(NumberText.duration(nanoseconds: UInt64(1_500_000)) == "1.50 ms")
        #expect(NumberText.duration(nanoseconds: UInt64(850)) == "850 ns")
    }
}

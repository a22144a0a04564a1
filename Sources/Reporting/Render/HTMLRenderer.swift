import Histogram

/// One self-contained HTML file: tables plus inline SVG charts, no script, no network.
///
/// Charts (each an `<svg id=...>`): `chart-latency-percentiles` (latency by percentile per pattern
/// on the 1/(1-p) axis, from the histograms, else the summary percentiles), `chart-throughput`
/// and `chart-p99` over time (from `intervals`), `chart-hit-ratio` over time (when intervals carry
/// hit ratios) and `chart-miss-ratio` (when miss-ratio curves are given).
public enum HTMLRenderer {
    public static func render(_ results: RunResults, missRatioCurves: MissRatioCurves? = nil) -> String {
        let facts = RunFacts(results: results)
        var body = "<h1>\(HTMLText.escape(facts.title))</h1>\n"
        if !results.complete { body += "<p class=\"warning\">The run did not complete; figures cover the measured part only.</p>\n" }
        body += "<p>\(NumberText.grouped(results.totals.operations)) operations, \(NumberText.fixed(results.totals.throughput, places: 1)) ops/s, \(NumberText.grouped(results.totals.errors)) errors.</p>\n"
        body += summaryTable(results, facts: facts)
        if let cache = results.cache { body += cacheTable(cache, facts: facts) }
        body += "<h2>Charts</h2>\n"
        for chart in charts(results, missRatioCurves: missRatioCurves) { body += "<figure>\n" + chart.svg() + "</figure>\n" }
        body += "<h2>Run</h2>\n" + keyValueTable(facts.run)
        body += "<h2>Environment</h2>\n" + keyValueTable(facts.environment)
        body += "<h2>Workload</h2>\n" + keyValueTable(facts.workload)
        if let metrics = results.metrics, !metrics.isEmpty {
            body += "<h2>Metrics</h2>\n" + keyValueTable(metrics.sorted { $0.key < $1.key }.map { ($0.key, NumberText.fixed($0.value, places: 3)) })
        }
        return page(title: facts.title, body: body)
    }

    /// A standalone page around `body` (already HTML) with the reports' shared stylesheet.
    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8"/>
        <title>\(HTMLText.escape(title))</title>
        <style>
        body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1000px; color: #222; }
        table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
        th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; white-space: nowrap; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        .warning { background: #fee; border: 1px solid #c00; padding: 0.5em; }
        figure { margin: 1em 0; }
        svg.chart { width: 100%; height: auto; font-size: 11px; }
        svg .grid line { stroke: #e4e4e4; }
        svg .frame { stroke: #888; }
        svg .chart-title { font-size: 14px; font-weight: bold; }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    /// The charts the report draws, in order; public for tests and for callers embedding them.
    static func charts(_ results: RunResults, missRatioCurves: MissRatioCurves?) -> [SVGLineChart] {
        let names = results.patterns.keys.sorted()
        var charts: [SVGLineChart] = []
        charts.append(SVGLineChart(
            id: "chart-latency-percentiles", title: "Latency by percentile", xLabel: "percentile (1/(1-p) scale)",
            yLabel: "latency (log scale)", xScale: .percentile, yScale: .logarithmic, yFormat: { NumberText.duration(nanoseconds: $0) },
            series: names.map { SVGLineChart.Series(name: $0, points: percentilePoints(results.patterns[$0]!)) }))
        let timeline = intervalSeries(results, names: names)
        charts.append(SVGLineChart(
            id: "chart-throughput", title: "Throughput over time", xLabel: "seconds into the measured run",
            yLabel: "ops/s", yFormat: { NumberText.fixed($0, places: 0) }, series: timeline.throughput))
        charts.append(SVGLineChart(
            id: "chart-p99", title: "p99 latency over time", xLabel: "seconds into the measured run",
            yLabel: "p99 latency (log scale)", yScale: .logarithmic, yFormat: { NumberText.duration(nanoseconds: $0) }, series: timeline.p99))
        if timeline.hitRatio.contains(where: { !$0.points.isEmpty }) {
            charts.append(SVGLineChart(
                id: "chart-hit-ratio", title: "Cache hit ratio over time", xLabel: "seconds into the measured run",
                yLabel: "hit ratio", yFormat: { NumberText.percent($0, places: 0) }, series: timeline.hitRatio.filter { !$0.points.isEmpty }))
        }
        if let curves = missRatioCurves, !curves.policies.isEmpty {
            charts.append(SVGLineChart(
                id: "chart-miss-ratio", title: "Miss-ratio curves by policy", xLabel: "cache size (\(curves.unit))",
                yLabel: "miss ratio", yFormat: { NumberText.percent($0, places: 0) },
                series: curves.policies.keys.sorted().map { policy in
                    SVGLineChart.Series(name: policy, points: curves.policies[policy]!.sorted { $0.size < $1.size }.map { ($0.size, $0.missRatio) })
                }))
        }
        return charts
    }

    /// (log10(1/(1-p)), value) from the histogram's percentile iteration (5 ticks per half
    /// distance, as HdrHistogram's plots), stopping before 100%; summary percentiles otherwise.
    static func percentilePoints(_ pattern: PatternResults) -> [(x: Double, y: Double)] {
        if let text = pattern.latencyHistogram, let histogram = try? HistogramCodec.decodeBase64(text), histogram.totalCount > 0 {
            var points: [(x: Double, y: Double)] = []
            for step in histogram.percentiles(ticksPerHalfDistance: 5) where step.percentileLevelIteratedTo < 100 {
                points.append((SVGLineChart.percentileX(step.percentileLevelIteratedTo), Double(step.value)))
            }
            if let last = points.last { points.append((last.x + 0.5, Double(histogram.max))) }
            return points
        }
        let s = pattern.latency
        return [(50, s.p50), (90, s.p90), (99, s.p99), (99.9, s.p999), (99.99, s.p9999)].map { (SVGLineChart.percentileX($0.0), Double($0.1)) }
    }

    static func intervalSeries(_ results: RunResults, names: [String]) -> (throughput: [SVGLineChart.Series], p99: [SVGLineChart.Series], hitRatio: [SVGLineChart.Series]) {
        var throughput: [SVGLineChart.Series] = [], p99: [SVGLineChart.Series] = [], hitRatio: [SVGLineChart.Series] = []
        for name in names {
            var ops: [(x: Double, y: Double)] = [], tails: [(x: Double, y: Double)] = [], hits: [(x: Double, y: Double)] = []
            var previous = 0.0
            for interval in results.intervals {
                defer { previous = interval.t }
                guard let pattern = interval.patterns[name] else { continue }
                let length = interval.t - previous
                if length > 0 { ops.append((interval.t, Double(pattern.operations) / length)) }
                if pattern.operations > 0 { tails.append((interval.t, Double(pattern.p99))) }
                if let ratio = pattern.hitRatio { hits.append((interval.t, ratio)) }
            }
            throughput.append(.init(name: name, points: ops))
            p99.append(.init(name: name, points: tails))
            hitRatio.append(.init(name: name, points: hits))
        }
        if names.count > 1 {
            var total: [(x: Double, y: Double)] = []
            var previous = 0.0
            for interval in results.intervals {
                let length = interval.t - previous
                previous = interval.t
                guard length > 0 else { continue }
                total.append((interval.t, Double(interval.patterns.values.reduce(0) { $0 + $1.operations }) / length))
            }
            throughput.insert(.init(name: "all patterns", points: total), at: 0)
        }
        return (throughput, p99, hitRatio)
    }

    private static func summaryTable(_ results: RunResults, facts: RunFacts) -> String {
        var out = "<h2>Latency and service time</h2>\n<table>\n<thead><tr><th>pattern</th><th>ops</th><th>ops/s</th><th>errors</th><th>figure</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th><th>mean</th></tr></thead>\n<tbody>\n"
        for name in facts.patternNames {
            let p = results.patterns[name]!
            for (index, (label, s)) in [("latency", p.latency), ("service time", p.serviceTime)].enumerated() {
                out += "<tr>"
                if index == 0 {
                    out += "<td rowspan=\"2\">\(HTMLText.escape(name))</td><td class=\"n\" rowspan=\"2\">\(NumberText.grouped(p.operations))</td>"
                    out += "<td class=\"n\" rowspan=\"2\">\(NumberText.fixed(p.throughput, places: 1))</td><td class=\"n\" rowspan=\"2\">\(NumberText.grouped(facts.errorCount(p)))</td>"
                }
                out += "<td>\(label)</td>" + [s.p50, s.p90, s.p99, s.p999, s.max].map { "<td class=\"n\">\(NumberText.duration(nanoseconds: $0))</td>" }.joined()
                out += "<td class=\"n\">\(NumberText.duration(nanoseconds: s.mean))</td></tr>\n"
            }
        }
        out += "</tbody>\n</table>\n"
        let errors = facts.patternNames.flatMap { name in results.patterns[name]!.errors.sorted { $0.key < $1.key }.map { (name, $0.key, $0.value) } }.filter { $0.2 > 0 }
        if !errors.isEmpty {
            out += "<h2>Errors</h2>\n<table>\n<thead><tr><th>pattern</th><th>error</th><th>count</th></tr></thead>\n<tbody>\n"
            for (pattern, error, count) in errors {
                out += "<tr><td>\(HTMLText.escape(pattern))</td><td>\(HTMLText.escape(error))</td><td class=\"n\">\(NumberText.grouped(count))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        return out
    }

    private static func cacheTable(_ cache: CacheResults, facts: RunFacts) -> String {
        var out = "<h2>Cache</h2>\n" + keyValueTable(facts.cacheSettings ?? [])
        out += "<table>\n<thead><tr><th>pattern</th><th>hits</th><th>misses</th><th>hit ratio</th><th>stale reads</th></tr></thead>\n<tbody>\n"
        for name in cache.patterns.keys.sorted() {
            let c = cache.patterns[name]!
            out += "<tr><td>\(HTMLText.escape(name))</td><td class=\"n\">\(NumberText.grouped(c.hits))</td><td class=\"n\">\(NumberText.grouped(c.misses))</td>"
            out += "<td class=\"n\">\(NumberText.percent(c.hitRatio))</td><td class=\"n\">\(NumberText.grouped(c.staleReads))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    private static func keyValueTable(_ rows: [(String, String)]) -> String {
        "<table>\n<tbody>\n" + rows.map { "<tr><th>\(HTMLText.escape($0.0))</th><td>\(HTMLText.escape($0.1))</td></tr>\n" }.joined() + "</tbody>\n</table>\n"
    }
}

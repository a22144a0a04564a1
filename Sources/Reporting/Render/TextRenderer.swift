/// A plain-text summary of a run for terminals and logs, columns aligned.
public enum TextRenderer {
    public static func render(_ results: RunResults) -> String {
        let facts = RunFacts(results: results)
        var out = facts.title + "\n" + String(repeating: "=", count: facts.title.count) + "\n"
        if !results.complete { out += "WARNING: the run did not complete; figures cover the measured part only.\n" }
        out += "Totals: \(NumberText.grouped(results.totals.operations)) ops, \(NumberText.fixed(results.totals.throughput, places: 1)) ops/s, \(NumberText.grouped(results.totals.errors)) errors\n\n"
        let headers = ["pattern", "ops", "ops/s", "errors", "p50", "p90", "p99", "p99.9", "max", "svc p50", "svc p99"]
        var rows: [[String]] = []
        for name in facts.patternNames {
            let p = results.patterns[name]!
            rows.append([name, NumberText.grouped(p.operations), NumberText.fixed(p.throughput, places: 1), NumberText.grouped(facts.errorCount(p))]
                + [p.latency.p50, p.latency.p90, p.latency.p99, p.latency.p999, p.latency.max, p.serviceTime.p50, p.serviceTime.p99].map { NumberText.duration(nanoseconds: $0) })
        }
        out += columns(headers, rows)
        if let cache = results.cache {
            out += "\nCache: " + (facts.cacheSettings ?? []).map { "\($0.0) \($0.1)" }.joined(separator: ", ") + "\n"
            out += columns(["pattern", "hits", "misses", "hit ratio", "stale"], cache.patterns.keys.sorted().map { name in
                let c = cache.patterns[name]!
                return [name, NumberText.grouped(c.hits), NumberText.grouped(c.misses), NumberText.percent(c.hitRatio), NumberText.grouped(c.staleReads)]
            })
        }
        if let metrics = results.metrics, !metrics.isEmpty {
            out += "\nMetrics:\n" + metrics.sorted { $0.key < $1.key }.map { "  \($0.key) = \(NumberText.fixed($0.value, places: 3))\n" }.joined()
        }
        for (title, rows) in [("Run", facts.run), ("Environment", facts.environment), ("Workload", facts.workload)] {
            out += "\n\(title):\n" + rows.map { "  \(NumberText.padRight($0.0 + ":", 20)) \($0.1)\n" }.joined()
        }
        return out
    }

    /// The per-pattern HdrHistogram percentile distributions (latency in µs), for `percentiles.txt`.
    public static func percentileDistributions(_ results: RunResults) -> String {
        var out = ""
        for name in results.patterns.keys.sorted() {
            let p = results.patterns[name]!
            for (label, text) in [("latency", p.latencyHistogram), ("service time", p.serviceTimeHistogram)] {
                guard let text, let histogram = try? HistogramCodec.decodeBase64(text) else { continue }
                out += "# \(name) \(label), values in microseconds\n"
                out += PercentileDistribution.text(histogram, unitRatio: 1_000) + "\n"
            }
        }
        return out.isEmpty ? "# no histograms in these results\n" : out
    }

    static func columns(_ headers: [String], _ rows: [[String]]) -> String {
        var widths = headers.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == 0 ? NumberText.padRight(cell, widths[index]) : NumberText.padLeft(cell, widths[index])
            }.joined(separator: "  ") + "\n"
        }
        return line(headers) + line(widths.map { String(repeating: "-", count: $0) }) + rows.map(line).joined()
    }
}

/// A Markdown summary of a run, fit for a CI job summary (GitHub `$GITHUB_STEP_SUMMARY`).
public enum MarkdownRenderer {
    public static func render(_ results: RunResults) -> String {
        let facts = RunFacts(results: results)
        var out = "# \(escape(facts.title))\n\n"
        if !results.complete { out += "> **Warning:** the run did not complete; figures cover the measured part only.\n\n" }
        out += "**Totals:** \(NumberText.grouped(results.totals.operations)) operations, "
        out += "\(NumberText.fixed(results.totals.throughput, places: 1)) ops/s, \(NumberText.grouped(results.totals.errors)) errors\n\n"

        out += "## Latency (intended start to end)\n\n"
        out += "| pattern | ops | ops/s | errors | p50 | p90 | p99 | p99.9 | max | mean |\n"
        out += "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
        for name in facts.patternNames {
            let p = results.patterns[name]!
            out += "| \(escape(name)) | \(NumberText.grouped(p.operations)) | \(NumberText.fixed(p.throughput, places: 1)) | \(NumberText.grouped(facts.errorCount(p))) | "
            out += percentiles(p.latency) + " |\n"
        }
        out += "\n## Service time (actual start to end) beside latency\n\n"
        out += "| pattern | p50 | p90 | p99 | p99.9 | max | mean | latency p99 / service p99 |\n"
        out += "|---|---:|---:|---:|---:|---:|---:|---:|\n"
        for name in facts.patternNames {
            let p = results.patterns[name]!
            let ratio = p.serviceTime.p99 == 0 ? "-" : NumberText.fixed(Double(p.latency.p99) / Double(p.serviceTime.p99), places: 2) + "x"
            out += "| \(escape(name)) | " + percentiles(p.serviceTime) + " | \(ratio) |\n"
        }
        let errorRows = facts.patternNames.flatMap { name in
            results.patterns[name]!.errors.sorted { $0.key < $1.key }.map { (name, $0.key, $0.value) }
        }.filter { $0.2 > 0 }
        if !errorRows.isEmpty {
            out += "\n## Errors\n\n| pattern | error | count |\n|---|---|---:|\n"
            for (pattern, error, count) in errorRows { out += "| \(escape(pattern)) | \(escape(error)) | \(NumberText.grouped(count)) |\n" }
        }
        if let cache = results.cache, let settings = facts.cacheSettings {
            out += "\n## Cache\n\n" + settings.map { "**\($0.0):** \(escape($0.1))" }.joined(separator: " · ") + "\n\n"
            out += "| pattern | hits | misses | hit ratio | stale reads |\n|---|---:|---:|---:|---:|\n"
            for name in cache.patterns.keys.sorted() {
                let c = cache.patterns[name]!
                out += "| \(escape(name)) | \(NumberText.grouped(c.hits)) | \(NumberText.grouped(c.misses)) | \(NumberText.percent(c.hitRatio)) | \(NumberText.grouped(c.staleReads)) |\n"
            }
        }
        if let metrics = results.metrics, !metrics.isEmpty {
            out += "\n## Metrics\n\n| metric | value |\n|---|---:|\n"
            for (name, value) in metrics.sorted(by: { $0.key < $1.key }) { out += "| \(escape(name)) | \(NumberText.fixed(value, places: 3)) |\n" }
        }
        out += "\n## Run\n\n" + table(facts.run)
        out += "\n## Environment\n\n" + table(facts.environment)
        out += "\n## Workload\n\n" + table(facts.workload)
        return out
    }

    private static func percentiles(_ s: LatencySummary) -> String {
        [s.p50, s.p90, s.p99, s.p999, s.max].map { NumberText.duration(nanoseconds: $0) }.joined(separator: " | ")
            + " | " + NumberText.duration(nanoseconds: s.mean)
    }

    private static func table(_ rows: [(String, String)]) -> String {
        "| | |\n|---|---|\n" + rows.map { "| \($0.0) | \(escape($0.1)) |\n" }.joined()
    }

    /// Keeps names from breaking the table: pipes escaped, newlines flattened.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "|": escaped += "\\|"
            case "\n", "\r", "\r\n": escaped += " "
            default: escaped.append(character)
            }
        }
        return escaped
    }
}

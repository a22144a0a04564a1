import Foundation
import Reporting
import WorkloadKit

/// The per-pattern table `stbench run` prints on stdout.
///
/// Latency columns are from the intended start in open loop (coordinated omission corrected); there the
/// service time (from the actual start) sits beside them, since the gap between the two is the queueing
/// the target caused.
public enum SummaryTable {
    public static func render(_ results: RunResults) -> String {
        let open = results.run.mode == "open"
        var header = ["pattern", "ops", "ops/s", "errors", "p50", "p90", "p99", "p99.9", "max"]
        if open { header += ["svc p50", "svc p99"] }
        var rows: [[String]] = []
        let names = Pattern.allCases.map(\.name) + results.patterns.keys.filter { Pattern(name: $0) == nil }.sorted()
        for name in names {
            guard let figures = results.patterns[name] else { continue }
            let l = figures.latency
            var row = [
                name, "\(figures.operations)", throughput(figures.throughput), "\(figures.errors.values.reduce(0, +))",
                DurationText.format(nanos: l.p50), DurationText.format(nanos: l.p90), DurationText.format(nanos: l.p99),
                DurationText.format(nanos: l.p999), DurationText.format(nanos: l.max),
            ]
            if open { row += [DurationText.format(nanos: figures.serviceTime.p50), DurationText.format(nanos: figures.serviceTime.p99)] }
            rows.append(row)
        }
        rows.append(["total", "\(results.totals.operations)", throughput(results.totals.throughput), "\(results.totals.errors)"] + Array(repeating: "", count: header.count - 4))
        return table(header: header, rows: rows)
            + "\n\(results.complete ? "complete" : "INCOMPLETE (interrupted)"): \(results.run.mode) loop, \(results.run.threads) thread(s), "
            + "\(String(format: "%.3f", results.run.measuredSeconds)) s measured after \(results.run.warmupSeconds) s warmup; latency from the "
            + (open ? "intended start (coordinated omission corrected)\n" : "actual start\n")
    }

    private static func throughput(_ value: Double) -> String {
        "\(Int(value.rounded()))"
    }

    private static func table(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        var text = ""
        for (number, row) in all.enumerated() {
            let cells = row.indices.map { column -> String in
                let cell = row[column]
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }
            text += cells.joined(separator: "  ") + "\n"
            if number == 0 { text += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        return text
    }
}

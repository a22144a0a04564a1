/// Text and Markdown tables of an `IndexBenchmark.Result`: medians with [min–max] over runs, bytes per
/// item, and the engine's ratios against each contender (contender time ÷ engine time: above 1 means the
/// engine is faster).
public enum IndexReport {
    public static func markdown(_ result: IndexBenchmark.Result) -> String {
        var lines: [String] = []
        lines.append("\(result.keys) keys `MSG#<uuid>|<ISO-8601>` (73 bytes) over \(result.conversations) partitions, "
            + "\(result.operations) gets and \(result.operations) newest-\(result.rangeLimit) ranges per run, \(result.runs) runs; "
            + "ns/op median [min–max].")
        lines.append("")
        lines.append("| contender | insert ns | point get ns | newest-\(result.rangeLimit) range ns | bytes/item (insert) | memory measured by |")
        lines.append("|---|---|---|---|---|---|")
        for c in result.contenders {
            if let skipped = c.skipped {
                lines.append("| \(c.name) | skipped: \(skipped) | | | | |")
                continue
            }
            let insert = Spread(c.runs.map(\.insertNanos)), get = Spread(c.runs.map(\.getNanos))
            let range = Spread(c.runs.compactMap(\.rangeNanos))
            let bytes = Spread(c.runs.map { Double($0.insertBytes) / Double(result.keys) })
            lines.append("| \(c.name) | \(cell(insert)) | \(cell(get)) | \(range.map(cell) ?? "n/a (no key-range API)") | "
                + "\(bytes.map { format($0.median) } ?? "") | \(c.memoryMethod) |")
        }
        if let shape = engineShape(result) {
            lines.append("")
            lines.append(shape)
        }
        lines.append("")
        lines.append("Engine speed-up (each run's contender time ÷ engine time, the runs interleaved; median [min–max] over runs; > 1 = engine faster):")
        lines.append("")
        lines.append("| vs | insert | point get | range |")
        lines.append("|---|---|---|---|")
        if let engine = result.contenders.first, engine.skipped == nil {
            for c in result.contenders.dropFirst() where c.skipped == nil {
                lines.append("| \(c.name) | \(ratio(c.runs.map(\.insertNanos), engine.runs.map(\.insertNanos))) | "
                    + "\(ratio(c.runs.map(\.getNanos), engine.runs.map(\.getNanos))) | "
                    + "\(ratio(c.runs.compactMap(\.rangeNanos), engine.runs.compactMap(\.rangeNanos))) |")
            }
        }
        lines.append("")
        lines.append(result.checksumMismatches.isEmpty
            ? "All contenders found the same values (get and range checksums equal the engine's)."
            : "CHECKSUM MISMATCH (these found different values than the engine): \(result.checksumMismatches.joined(separator: ", "))")
        return lines.joined(separator: "\n")
    }

    /// The engine's tree after the inserts, which explains its point-get figure (one dependent node visit per
    /// level): "Engine tree after the inserts: height 3, leaves 82.1% full" (ranges when runs differ). nil
    /// when no run carries a shape (the engine skipped, or results from before the field existed).
    static func engineShape(_ result: IndexBenchmark.Result) -> String? {
        guard let engine = result.contenders.first, engine.skipped == nil else { return nil }
        let shapes = engine.runs.compactMap(\.treeShape)
        guard let heights = Spread(shapes.map { Double($0.height) }), let fill = Spread(shapes.map(\.leafFill)) else { return nil }
        let height = heights.minimum == heights.maximum ? "\(Int(heights.minimum))" : "\(Int(heights.minimum))–\(Int(heights.maximum))"
        let percent = fill.minimum == fill.maximum ? format(fill.median * 100) : "\(format(fill.minimum * 100))–\(format(fill.maximum * 100))"
        return "Engine tree after the inserts: height \(height), leaves \(percent)% full."
    }

    /// The engine's speed-up over a contender: per run, contender time ÷ engine time (a run measures every
    /// contender moments apart, see `IndexBenchmark.run`), as median and spread over the runs. With unequal
    /// run counts (a contender that failed part-way) the ratio of the medians. nil without figures.
    static func speedUp(_ contender: [Double], over engine: [Double]) -> Spread? {
        guard !contender.isEmpty, !engine.isEmpty, !engine.contains(where: { $0 <= 0 }) else { return nil }
        guard contender.count == engine.count else {
            guard let c = Spread(contender), let e = Spread(engine) else { return nil }
            return Spread([c.median / e.median])
        }
        return Spread(zip(contender, engine).map { $0 / $1 })
    }

    /// `speedUp` as "2.1x [1.9–2.4]", or "n/a".
    static func ratio(_ contender: [Double], _ engine: [Double]) -> String {
        guard let spread = speedUp(contender, over: engine) else { return "n/a" }
        return "\(format(spread.median))x [\(format(spread.minimum))–\(format(spread.maximum))]"
    }

    static func cell(_ spread: Spread?) -> String {
        guard let spread else { return "n/a" }
        return "\(format(spread.median)) [\(format(spread.minimum))–\(format(spread.maximum))]"
    }

    /// One decimal for small figures, none for large ones; no Foundation formatter.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        if abs(value) >= 100 { return "\(Int(value.rounded()))" }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}

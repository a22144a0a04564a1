import Foundation

/// The report files of a run.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// `report.md`: Markdown summary for CI job summaries.
    case md
    /// `report.html`: one self-contained page with inline SVG charts.
    case html
    /// `latency.hlog`: HdrHistogram interval log, one line per pattern per interval.
    case hlog
    /// `report.txt` (summary) and `percentiles.txt` (HdrHistogram percentile distributions).
    case txt

    public var fileNames: [String] {
        switch self {
        case .md: return ["report.md"]
        case .html: return ["report.html"]
        case .hlog: return ["latency.hlog"]
        case .txt: return ["report.txt", "percentiles.txt"]
        }
    }
}

/// Renders results into report files, each written atomically.
public enum ReportWriter {
    /// Every format into `directory` (created if missing). Returns the paths written.
    /// This is what `stbench run` calls after a run.
    @discardableResult
    public static func writeAll(results: RunResults, to directory: String, missRatioCurves: MissRatioCurves? = nil) throws(ReportWriteError) -> [String] {
        try write(results: results, formats: ReportFormat.allCases, to: directory, missRatioCurves: missRatioCurves)
    }

    /// Every format for a results file of either shape: a repeated run is reported through its
    /// median-throughput repetition (`ResultsDocument.representative`).
    @discardableResult
    public static func writeAll(document: ResultsDocument, to directory: String, missRatioCurves: MissRatioCurves? = nil) throws(ReportWriteError) -> [String] {
        try writeAll(results: document.representative, to: directory, missRatioCurves: missRatioCurves)
    }

    @discardableResult
    public static func write(
        results: RunResults, formats: [ReportFormat], to directory: String, missRatioCurves: MissRatioCurves? = nil
    ) throws(ReportWriteError) -> [String] {
        try createDirectory(directory)
        var written: [String] = []
        for format in formats {
            let contents: [String]
            switch format {
            case .md: contents = [MarkdownRenderer.render(results)]
            case .html: contents = [HTMLRenderer.render(results, missRatioCurves: missRatioCurves)]
            case .hlog: contents = [IntervalLog(results: results).text(startTimeText: results.startedAt)]
            case .txt: contents = [TextRenderer.render(results), TextRenderer.percentileDistributions(results)]
            }
            for (name, text) in zip(format.fileNames, contents) {
                let path = (directory as NSString).appendingPathComponent(name)
                try AtomicFile.write(text, to: path)
                written.append(path)
            }
        }
        return written
    }

    /// Points `<reportsRoot>/<workload>/latest` at `runDirectory` (a relative link when the run
    /// directory sits beside it), replacing an older link atomically: a new link under a temporary
    /// name, renamed over the old one.
    public static func updateLatestLink(reportsRoot: String, workload: String, runDirectory: String) throws(ReportWriteError) {
        let workloadDirectory = (reportsRoot as NSString).appendingPathComponent(workload)
        try createDirectory(workloadDirectory)
        let link = (workloadDirectory as NSString).appendingPathComponent("latest")
        let standardizedRun = (runDirectory as NSString).standardizingPath
        let parent = (standardizedRun as NSString).deletingLastPathComponent
        let target = parent == (workloadDirectory as NSString).standardizingPath
            ? (standardizedRun as NSString).lastPathComponent : standardizedRun
        let temporary = link + ".tmp-\(getpid())"
        unlink(temporary)
        guard symlink(target, temporary) == 0 else {
            throw .cannotWrite(path: temporary, reason: "symlink: " + String(cString: strerror(errno)))
        }
        guard rename(temporary, link) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .cannotWrite(path: link, reason: "rename: \(reason)")
        }
    }

    static func createDirectory(_ path: String) throws(ReportWriteError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateDirectory(path: path, reason: error.localizedDescription)
        }
    }
}

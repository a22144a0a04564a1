import ArgumentParser
import Foundation
import Reporting

/// `stbench report RESULTS.json [--format md,html,hlog,txt|all] [--out DIR] [--miss-ratio-curves FILE]`
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render a results file as Markdown, HTML, an HdrHistogram interval log and text.",
        discussion: """
        Writes report.md, report.html, latency.hlog, report.txt and percentiles.txt (atomically) into \
        --out, default the results file's directory. A file holding repetitions is reported through its \
        median-throughput repetition. Exit codes: 0 written, 2 bad input.
        """)

    @Argument(help: "A results.json written by stbench run (single run or repetitions).")
    var results: String

    @Option(help: "Comma-separated formats: md, html, hlog, txt, or all.")
    var format: String = "all"

    @Option(help: "Directory for the reports (created if missing).")
    var out: String?

    @Option(help: "Miss-ratio curves JSON ({\"unit\":..., \"policies\": {policy: [{size, missRatio}]}}) for the HTML chart.")
    var missRatioCurves: String?

    func validate() throws {
        guard parsedFormats() != nil else {
            CLIOutput.usageError("--format \"\(format)\" is not valid; expected a comma-separated list of md, html, hlog, txt, or all")
        }
    }

    func run() throws {
        let formats = parsedFormats()!
        let document: ResultsDocument
        do { document = try ResultsDocument.load(path: results) } catch { CLIOutput.usageError("\(error)") }
        var curves: MissRatioCurves?
        if let path = missRatioCurves {
            do {
                curves = try JSONDecoder().decode(MissRatioCurves.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
            } catch {
                CLIOutput.usageError("cannot read miss-ratio curves \(path): \(error)")
            }
        }
        let directory = out ?? (results as NSString).deletingLastPathComponent.nonEmpty ?? "."
        let runs = document.repetitions
        if runs.count > 1 { CLIOutput.note("\(results) holds \(runs.count) repetitions; reporting the median-throughput one") }
        do {
            for path in try ReportWriter.write(results: document.representative, formats: formats, to: directory, missRatioCurves: curves) {
                print(path)
            }
        } catch {
            CLIOutput.failure("\(error)")
        }
    }

    private func parsedFormats() -> [ReportFormat]? {
        var formats: [ReportFormat] = []
        for name in format.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if name == "all" { return ReportFormat.allCases }
            guard let parsed = ReportFormat(rawValue: name) else { return nil }
            if !formats.contains(parsed) { formats.append(parsed) }
        }
        return formats.isEmpty ? nil : formats
    }
}

/// Messages and exit codes shared by report, merge and compare: 2 means the input or the command
/// line was wrong (the argument parser itself exits 64 for unknown options).
enum CLIOutput {
    static func usageError(_ message: String) -> Never {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        exit(2)
    }

    static func failure(_ message: String) -> Never {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        exit(2)
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("note: \(message)\n".utf8))
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}

import Foundation
import Testing
@testable import Reporting

@Suite struct ReportWriterTests {
    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "stbench-report-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func writesEveryFormatAndLeavesNoTemporaryFiles() throws {
        let directory = Self.temporaryDirectory() + "/run-1"
        let results = Fixtures.results(["list_messages": [1_000, 2_000, 3_000]])
        let written = try ReportWriter.writeAll(results: results, to: directory)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(names == ["latency.hlog", "percentiles.txt", "report.html", "report.md", "report.txt"])
        #expect(written.count == 5)
        let hlog = try String(contentsOfFile: directory + "/latency.hlog", encoding: .utf8)
        #expect(try IntervalLog.parse(hlog).entries.count == results.intervals.count)
    }

    @Test func repeatedResultsAreReportedThroughTheMedianThroughputRepetition() {
        var runs = (0..<3).map { _ in Fixtures.results(["list_messages": [1_000]]) }
        for (index, throughput) in [300.0, 100.0, 200.0].enumerated() { runs[index].totals.throughput = throughput }
        #expect(ResultsDocument.repeated(RepeatedResults(repetitions: runs)).representative.totals.throughput == 200)
    }

    @Test func latestLinkPointsAtTheNewestRun() throws {
        let root = Self.temporaryDirectory()
        for run in ["run-1", "run-2"] {
            try FileManager.default.createDirectory(atPath: "\(root)/cruddur/\(run)", withIntermediateDirectories: true)
            try ReportWriter.updateLatestLink(reportsRoot: root, workload: "cruddur", runDirectory: "\(root)/cruddur/\(run)")
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "\(root)/cruddur/latest") == "run-2")
    }

    @Test func resultsFilesOfBothShapesLoad() throws {
        let run = Fixtures.results(["list_messages": [1_000]])
        let single = try ResultsDocument.single(run).encoded()
        #expect(try ResultsDocument.decode(single).repetitions == [run])
        let repeated = try ResultsDocument.repeated(RepeatedResults(repetitions: [run, run])).encoded()
        #expect(try ResultsDocument.decode(repeated).repetitions.count == 2)
        #expect(throws: ResultsFileError.unsupportedVersion(path: "<data>", found: 9, supported: 1)) {
            try ResultsDocument.decode(Data("{\"schemaVersion\": 9}".utf8))
        }
        #expect(throws: ResultsFileError.self) { try ResultsDocument.decode(Data("{\"schemaVersion\": 1}".utf8)) }
    }
}

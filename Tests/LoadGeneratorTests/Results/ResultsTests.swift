import Foundation
import Reporting
import Testing
@testable import LoadGenerator
import WorkloadKit

struct ResultsTests {
    func context() -> RunContext {
        RunContext(
            workloadName: "test", workloadFile: "(test)", tool: ToolInfo(version: "0.1.0", gitCommit: "unknown"),
            environment: EnvironmentProbe.current(allocator: "system")
        )
    }

    func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "stbench-loadgen-\(UUID().uuidString)"
        return path
    }

    @Test func resultsCarryTheRunFiguresAndDecode() throws {
        let clock = ManualClock()
        let spec = RunSpec(mode: .open, targetRate: 1000, durationSeconds: nil, operations: 1000)
        let target = FaultInjectingTarget(wrapping: NullTarget(), clock: clock, schedule: .atOperations([500], pauseNanos: 100 * millisecond))
        let outcome = try runManual(spec, target: target, clock: clock)
        let results = RunResultsBuilder.build(outcome, context: context())
        #expect(results.complete)
        #expect(results.run.mode == "open")
        #expect(results.run.targetRate == 1000)
        #expect(results.totals.operations == 1000)
        let figures = try #require(results.patterns["list_messages"])
        #expect(isClose(figures.latency.p99, 90 * millisecond))
        #expect(figures.serviceTime.p999 == 0)
        #expect(results.intervals.count == 1)

        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try ResultsWriter.write(results, toDirectory: directory)
        let decoded = try JSONDecoder().decode(RunResults.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(decoded == results)
    }

    /// With Reporting's V2 codec as the encoder, the whole-run and interval histograms in the results decode
    /// back to what was measured (1000 operations, 100 of them delayed by the 100 ms stall).
    @Test func encodedHistogramsDecodeToTheMeasuredCounts() throws {
        let clock = ManualClock()
        let spec = RunSpec(mode: .open, targetRate: 1000, durationSeconds: nil, operations: 1000)
        let target = FaultInjectingTarget(wrapping: NullTarget(), clock: clock, schedule: .atOperations([500], pauseNanos: 100 * millisecond))
        let encoder: HistogramEncoder = { HistogramCodec.encodeBase64($0) }
        let runner = try Runner(spec: spec, seed: 1, target: target, clock: clock, sources: [CountingSource()], options: RunnerOptions(histogramEncoder: encoder))
        var withEncoder = context()
        withEncoder.histogramEncoder = encoder
        let results = RunResultsBuilder.build(runner.run(), context: withEncoder)
        let figures = try #require(results.patterns["list_messages"])
        let latency = try HistogramCodec.decodeBase64(try #require(figures.latencyHistogram))
        #expect(latency.totalCount == 1000)
        #expect(latency.count(within: 1...LatencyHistogram.highest) == 100)
        let service = try HistogramCodec.decodeBase64(try #require(figures.serviceTimeHistogram))
        #expect(service.count(within: 1...LatencyHistogram.highest) == 1)
        let interval = try HistogramCodec.decodeBase64(try #require(results.intervals.first?.patterns["list_messages"]?.histogram))
        #expect(interval.totalCount == 1000)
    }

    @Test func atomicWriteLeavesNoTemporaryFile() throws {
        let outcome = try runManual(RunSpec(durationSeconds: nil, operations: 10), target: NullTarget(), clock: ManualClock())
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try ResultsWriter.write(RunResultsBuilder.build(outcome, context: context()), toDirectory: directory)
        try ResultsWriter.write(RunResultsBuilder.build(outcome, context: context()), toDirectory: directory)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["results.json"])
    }

    @Test func interruptedRunIsWrittenIncompleteAndDecodes() throws {
        let runner = try Runner(spec: RunSpec(durationSeconds: 600), seed: 1, target: NullTarget(), clock: MonotonicClock(), sources: [CountingSource()])
        let stopper = Thread {
            usleep(50_000)
            runner.stop()
        }
        stopper.start()
        let results = RunResultsBuilder.build(runner.run(), context: context())
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try ResultsWriter.write(results, toDirectory: directory)
        let decoded = try JSONDecoder().decode(RunResults.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(decoded.complete == false)
        #expect(decoded.totals.operations > 0)
    }

    @Test func defaultDirectoryIsWorkloadThenUTCStamp() {
        // 2026-11-22T00:15:00Z is 1795306500 seconds after the Unix epoch.
        let date = Date(timeIntervalSince1970: 1_795_306_500)
        #expect(ResultsWriter.defaultDirectory(workload: "messaging-default", startedAt: date) == "Reports/messaging-default/20261122T001500Z")
        #expect(RunResultsBuilder.iso8601(date) == "2026-11-22T00:15:00.000Z")
    }

    @Test func summaryTableShowsServiceTimeOnlyInOpenLoop() throws {
        let open = try runManual(RunSpec(mode: .open, targetRate: 100, durationSeconds: nil, operations: 10), target: NullTarget(), clock: ManualClock())
        let closed = try runManual(RunSpec(durationSeconds: nil, operations: 10), target: NullTarget(), clock: ManualClock())
        #expect(SummaryTable.render(RunResultsBuilder.build(open, context: context())).contains("svc p99"))
        #expect(!SummaryTable.render(RunResultsBuilder.build(closed, context: context())).contains("svc p99"))
    }
}

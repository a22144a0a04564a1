import Foundation
import Testing
import CacheKit
@testable import CacheAnalysis

@Suite struct AnalysisTests {
    @Test func stalenessHandWorked() {
        // TTL 10: read 1 @0 (fill), write 1 @3, read 1 @5 (hit, stale: write after fill),
        // read 1 @10 (expired → refill), read 1 @12 (hit, fresh). 5 reads? no: 4 reads, 2 hits, 1 stale.
        let trace = Trace([
            TraceRecord(time: 0, key: 1, size: 1),
            TraceRecord(time: 3, key: 1, size: 1, op: .write),
            TraceRecord(time: 5, key: 1, size: 1),
            TraceRecord(time: 10, key: 1, size: 1),
            TraceRecord(time: 12, key: 1, size: 1),
        ])
        let p = StalenessPoint.measure(trace: trace, ttlNanoseconds: 10)
        #expect(p.reads == 4 && p.hits == 2 && p.staleReads == 1)
        // TTL 1: every read misses, nothing stale.
        #expect(StalenessPoint.measure(trace: trace, ttlNanoseconds: 1).staleReads == 0)
    }

    @Test func summaryCountsWorkingSetAndOneHitWonders() {
        // reads: 1 (10 B) twice, 2 (20 B) once, 3 (30 B) once; write to 4 (40 B).
        let trace = Trace([
            TraceRecord(time: 0, key: 1, size: 10, pattern: 0),
            TraceRecord(time: 1, key: 2, size: 20, pattern: 1),
            TraceRecord(time: 2, key: 1, size: 10, pattern: 0),
            TraceRecord(time: 3, key: 3, size: 30, pattern: 1),
            TraceRecord(time: 9, key: 4, size: 40, op: .write),
        ])
        let s = TraceSummary(trace: trace)
        #expect(s.uniqueKeys == 4 && s.uniqueBytes == 100)
        #expect(s.reads == 4 && s.writes == 1)
        #expect(s.oneHitWonderRatio == 2.0 / 3.0)
        #expect(s.compulsoryMissRatio == 3.0 / 4.0)
        #expect(s.meanReadSize == 17.5)
        #expect(s.durationNanoseconds == 9)
        #expect(s.patterns.map(\.reads) == [2, 2])
    }

    @Test func kneeOfASaturatingCurve() {
        // Hit ratio rises fast to size 100 and is flat after: the knee is at 100.
        let sizes = [1, 10, 100, 1_000, 10_000]
        #expect(Knee.index(sizes: sizes, hitRatios: [0.1, 0.6, 0.9, 0.92, 0.93]) == 2)
        #expect(Knee.index(sizes: [1, 2], hitRatios: [0.1, 0.2]) == nil)
    }

    @Test func costHandWorked() {
        // 1,000 reads/s, half of reads hit, 1 unit (≤ 4 KB) each, eventually consistent:
        // 1,000 × 0.5 × 0.5 × 730 × 3,600 = 657,000,000 units → × $0.125/M = $82.125.
        // Cache 1 GiB × $0.125 × 730 = $91.25; net −$9.125.
        let model = CostModel(readsPerSecond: 1_000)
        let line = model.line(policy: "lru", size: 1, result: SimulationResultSummary(reads: 10, hitReadUnits: 5), cacheBytes: Double(1 << 30))
        #expect(abs(line.readUnitsSavedPerMonth - 657_000_000) < 1e-3)
        #expect(abs(line.readDollarsSavedPerMonth - 82.125) < 1e-9)
        #expect(abs(line.cacheDollarsPerMonth - 91.25) < 1e-9)
        #expect(abs(line.netDollarsPerMonth + 9.125) < 1e-9)
    }

    @Test func zipfTraceIsDeterministicAndSkewed() throws {
        let z = ZipfTrace(theta: 0.99, keys: 1_000, requests: 100_000, seed: 1)
        let a = z.generate()
        #expect(a == z.generate())
        #expect(a != ZipfTrace(theta: 0.99, keys: 1_000, requests: 100_000, seed: 2).generate())
        // P(rank 0) = 1/ζ(1000, 0.99) ≈ 1/7.3 ≈ 0.137 (ζ computed below, not from our code).
        var zeta = 0.0
        for i in 1...1_000 { zeta += 1 / pow(Double(i), 0.99) }
        let share = Double(a.keys.filter { $0 == 0 }.count) / 100_000
        #expect(abs(share - 1 / zeta) < 0.01)
        #expect(throws: TraceFormatError.self) { try ZipfTrace(theta: 1.5, keys: 10, requests: 10).validate() }
    }

    @Test func sizeSpecsParse() throws {
        #expect(try SizeSpec(parsing: "1000") == .absolute(1000))
        #expect(try SizeSpec(parsing: "1%") == .fractionOfWorkingSet(0.01))
        #expect(try SizeSpec(parsing: "64MB") == .absolute(64 << 20))
        #expect(throws: CacheConfigurationError.self) { try SizeSpec(parsing: "lots") }
        #expect(throws: CacheConfigurationError.self) { try SizeSpec(parsing: "150%") }
    }

    @Test func analyzerEndToEnd() throws {
        let trace = randomTrace(count: 20_000, keys: 2_000, seed: 9)
        var options = AnalysisOptions()
        options.sizes = [.absolute(50), .absolute(200), .fractionOfWorkingSet(0.5)]
        options.ttlsNanoseconds = [1_000]
        options.cost = CostModel(readsPerSecond: 100)
        options.samplingRate = 0.5
        let report = try Analyzer.analyze(trace, options: options)
        #expect(report.policies.map(\.policy) == PolicyKind.allCases.map(\.rawValue) + ["belady"])
        let belady = report.policies.last!
        for curve in report.policies {
            for (p, b) in zip(curve.points, belady.points) { #expect(b.missRatio <= p.missRatio + 1e-12, "\(curve.policy)") }
        }
        // The simulated LRU agrees with the exact curve at the simulated sizes.
        let lru = report.policies.first { $0.policy == "lru" }!
        for p in lru.points {
            let exact = report.lru!.points.first { $0.size == p.size }!
            #expect(abs(exact.missRatio - p.missRatio) < 1e-12)
        }
        #expect(report.cost!.lines.count == report.policies.count * report.sizes.count)
        #expect(report.staleness.count == 1)
        // JSON round trip of the Codable report.
        let data = try JSONEncoder().encode(report)
        let back = try JSONDecoder().decode(AnalysisReport.self, from: data)
        #expect(back.policies == report.policies)
        #expect(ReportTable.render(report).contains("belady"))
    }
}

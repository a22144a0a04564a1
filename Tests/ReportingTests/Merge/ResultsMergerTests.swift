import Testing
@testable import Reporting

@Suite struct ResultsMergerTests {
    @Test func mergingTwoHalvesEqualsTheWhole() throws {
        let messages = Fixtures.latencies(count: 3_000, median: 900_000, seed: 11)
        let groups = Fixtures.latencies(count: 1_000, median: 400_000, seed: 12)
        let whole = Fixtures.results(["list_messages": messages, "list_conversations": groups])
        // Interleaved halves, as two processes would see them, each with the same intervals.
        func half(_ values: [UInt64], _ parity: Int) -> [UInt64] { values.enumerated().filter { $0.offset / 4 % 2 == parity }.map(\.element) }
        let a = Fixtures.results(["list_messages": half(messages, 0), "list_conversations": half(groups, 0)])
        let b = Fixtures.results(["list_messages": half(messages, 1), "list_conversations": half(groups, 1)])
        let merged = try ResultsMerger.merge([a, b])
        #expect(merged.inexactPatterns.isEmpty)
        let result = merged.results
        #expect(result.totals.operations == whole.totals.operations)
        #expect(abs(result.totals.throughput - whole.totals.throughput) < 1e-6)
        #expect(result.run.threads == 4)
        for name in ["list_messages", "list_conversations"] {
            let got = result.patterns[name]!, want = whole.patterns[name]!
            #expect(got.operations == want.operations)
            #expect(got.latency.p50 == want.latency.p50)
            #expect(got.latency.p99 == want.latency.p99)
            #expect(got.latency.p999 == want.latency.p999)
            #expect(got.latency.max == want.latency.max)
            #expect(abs(got.latency.mean - want.latency.mean) < 1e-6 * want.latency.mean)
            #expect(got.serviceTime.p99 == want.serviceTime.p99)
            let gotHistogram = try HistogramCodec.decodeBase64(got.latencyHistogram!)
            let wantHistogram = try HistogramCodec.decodeBase64(want.latencyHistogram!)
            #expect(Array(gotHistogram.recordedValues()) == Array(wantHistogram.recordedValues()))
        }
        #expect(result.intervals.count == whole.intervals.count)
        for (got, want) in zip(result.intervals, whole.intervals) {
            #expect(got.t == want.t)
            for name in ["list_messages", "list_conversations"] {
                #expect(got.patterns[name]!.operations == want.patterns[name]!.operations)
                #expect(got.patterns[name]!.p99 == want.patterns[name]!.p99)
                #expect(got.patterns[name]!.max == want.patterns[name]!.max)
            }
        }
    }

    @Test func cacheFiguresAddAndTheRatioIsRecomputed() throws {
        let a = Fixtures.results(["list_messages": [1_000]], withCache: true)
        var b = a
        b.cache!.patterns["list_messages"] = CachePatternResults(hits: 100, misses: 300, hitRatio: 0.25, staleReads: 1)
        let merged = try ResultsMerger.merge([a, b]).results
        let cache = merged.cache!.patterns["list_messages"]!
        #expect(cache.hits == 400 && cache.misses == 400 && cache.staleReads == 3)
        #expect(cache.hitRatio == 0.5)
    }

    @Test func withoutHistogramsPercentilesAreUpperBoundsAndSaidSo() throws {
        var a = Fixtures.results(["list_messages": [1_000, 2_000]])
        let b = Fixtures.results(["list_messages": [5_000, 6_000]])
        a.patterns["list_messages"]!.latencyHistogram = nil
        let merged = try ResultsMerger.merge([a, b])
        #expect(merged.inexactPatterns == ["list_messages"])
        #expect(merged.results.patterns["list_messages"]!.latency.p50 == b.patterns["list_messages"]!.latency.p50)
    }

    @Test func refusesDifferentWorkloads() {
        let a = Fixtures.results(["list_messages": [1_000]])
        var b = a
        b.workload.name = "other"
        #expect(throws: MergeError.self) { try ResultsMerger.merge([a, b]) }
    }
}

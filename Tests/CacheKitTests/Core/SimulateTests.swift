import Testing
@testable import CacheKit

@Suite struct SimulateTests {
    @Test func ttlExpiresEntries() throws {
        // TTL 10 ns, infinite-enough LRU: reads of key 1 at t = 0 (miss, fill), 5 (hit),
        // 10 (age 10 ≥ TTL: expired → miss, refill), 19 (hit), 20 (expired) → 2 hits, 2 expirations.
        let times: [UInt64] = [0, 5, 10, 19, 20]
        let trace = Trace(times.map { TraceRecord(time: $0, key: 1, size: 100) })
        let r = try PolicyKind.lru.simulate(trace: trace, options: SimulationOptions(capacity: 10, ttlNanoseconds: 10))
        #expect(r.hits == 2)
        #expect(r.expirations == 2)
        #expect(r.reads == 5)
    }

    @Test func writesFollowTheWriteEffect() throws {
        // read 1 (miss), write 1, read 1: invalidate → miss; update → hit; ignore → hit.
        let trace = Trace([
            TraceRecord(time: 0, key: 1, size: 10),
            TraceRecord(time: 1, key: 1, size: 10, op: .write),
            TraceRecord(time: 2, key: 1, size: 10),
        ])
        let hits = try [WriteEffect.invalidate, .update, .ignore].map {
            try PolicyKind.lru.simulate(trace: trace, options: SimulationOptions(capacity: 4, writes: $0)).hits
        }
        #expect(hits == [0, 1, 1])
    }

    @Test func countsPerPatternAndReadUnits() throws {
        // Pattern 0: key 1 twice (1 hit); pattern 1: key 2 once. Size 5,000 B = 2 read units of 4 KB.
        let trace = Trace([
            TraceRecord(time: 0, key: 1, size: 5_000, pattern: 0),
            TraceRecord(time: 1, key: 1, size: 5_000, pattern: 0),
            TraceRecord(time: 2, key: 2, size: 100, pattern: 1),
        ])
        let r = try PolicyKind.sieve.simulate(trace: trace, options: SimulationOptions(capacity: 4))
        #expect(r.patternReads == [2, 1])
        #expect(r.patternHits == [1, 0])
        #expect(r.hitReadUnits == 2)
        #expect(r.readUnits == 5)
        #expect(r.hitBytes == 5_000)
    }

    @Test func registryLooksNamesUpAndRejectsUnknownOnes() throws {
        #expect(try PolicyKind(named: "S3FIFO") == .s3fifo)
        #expect(try PolicyKind(named: "tinylfu") == .wTinyLFU)
        #expect(throws: CacheConfigurationError.self) { try PolicyKind(named: "belady") }
        #expect(throws: CacheConfigurationError.self) { try PolicyKind(named: "lruu") }
        #expect(throws: CacheConfigurationError.self) { try PolicyParameters(parsing: "window") }
        #expect(try PolicyParameters(parsing: "window=0.02,protected=0.5").values == ["window": 0.02, "protected": 0.5])
    }
}

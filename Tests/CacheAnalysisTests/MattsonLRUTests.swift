import Testing
import CacheKit
@testable import CacheAnalysis

@Suite struct MattsonLRUTests {
    @Test(arguments: [1, 2, 3]) func objectCurveEqualsBruteForceLRUAtEverySize(seed: UInt64) throws {
        let trace = randomTrace(count: 3_000, keys: 300, seed: seed)
        let d = StackDistances(trace: trace)
        let unique = Set(trace.keys).count
        #expect(d.coldMisses == unique)
        for capacity in 1...(unique + 1) {
            let lru = try PolicyKind.lru.simulate(trace: trace, options: SimulationOptions(capacity: capacity))
            #expect(d.hits(capacity: capacity, unit: .objects) == lru.hits, "size \(capacity)")
            #expect(abs(d.byteMissRatio(capacity: capacity, unit: .objects) - lru.byteMissRatio) < 1e-12, "size \(capacity)")
        }
    }

    @Test func byteCurveEqualsBruteForceLRU() throws {
        let trace = randomTrace(count: 3_000, keys: 300, seed: 4)
        let d = StackDistances(trace: trace)
        // From the largest object (64 B) up: below it, a real cache bypasses objects that
        // cannot fit while the stack still counts them (see StackDistances' doc).
        for capacity in stride(from: 64, through: 12_000, by: 97) {
            let lru = try PolicyKind.lru.simulate(trace: trace, options: SimulationOptions(capacity: capacity, unit: .bytes))
            #expect(d.hits(capacity: capacity, unit: .bytes) == lru.hits, "bytes \(capacity)")
        }
    }

    @Test func handWorkedDistances() {
        // a b c a b d a: distances of the 2nd a = |{b, c, a}| = 3, 2nd b = |{c, a, b}| = 3,
        // 3rd a = |{b, d, a}| = 3; cold: a b c d.
        let keys: [UInt64] = [1, 2, 3, 1, 2, 4, 1]
        let d = StackDistances(trace: Trace(keys.map { TraceRecord(time: 0, key: $0, size: 10) }))
        #expect(d.hits(capacity: 2, unit: .objects) == 0)
        #expect(d.hits(capacity: 3, unit: .objects) == 3)
        #expect(d.byteDistances == [30, 30, 30])
        #expect(d.coldMisses == 4)
        #expect(d.smallestCapacity(hitRatio: 3.0 / 7.0, unit: .objects) == 3)
        #expect(d.smallestCapacity(hitRatio: 0.5, unit: .objects) == nil)
        // Histogram buckets [1,1], [2,3]: all three reuses in the second.
        #expect(d.reuseHistogram().map(\.reads) == [0, 3])
    }

    @Test func invalidationsMakeTheNextReadCold() {
        let trace = Trace([
            TraceRecord(time: 0, key: 1, size: 1),
            TraceRecord(time: 1, key: 1, size: 1, op: .write),
            TraceRecord(time: 2, key: 1, size: 1),
            TraceRecord(time: 3, key: 1, size: 1),
        ])
        #expect(StackDistances(trace: trace, writes: .invalidate).coldMisses == 2)
        #expect(StackDistances(trace: trace, writes: .ignore).coldMisses == 1)
    }

    @Test func shardsStaysWithinItsErrorOnALargeZipfTrace() {
        // SHARDS' claim (FAST'15 §5): sampled curves track the exact one closely once the
        // scaled size C·R spans many sampled keys. At R = 0.1 over 20,000 keys, sizes
        // ≥ 500 keep ≥ 50 sampled entries; we accept a mean absolute error of 0.02 and
        // require the measured error to fall within 3× the replica-spread estimate + 0.01.
        let trace = ZipfTrace(theta: 0.99, keys: 20_000, requests: 200_000, seed: 7).generate()
        let exact = StackDistances(trace: trace)
        let shards = ShardsCurve(trace: trace, rate: 0.1, unit: .objects)
        let sizes = [500, 1_000, 2_000, 4_000, 8_000, 16_000]
        let errors = sizes.map { abs(shards.missRatio(capacity: $0) - exact.missRatio(capacity: $0, unit: .objects)) }
        let mae = errors.reduce(0, +) / Double(errors.count)
        let estimate = ShardsCurve.errorEstimate(trace: trace, rate: 0.1, unit: .objects, sizes: sizes)
        #expect(mae <= 0.02)
        #expect(mae <= 3 * estimate + 0.01)
        #expect(abs(Double(shards.sampledReads) / 200_000 - 0.1) < 0.1)
    }
}

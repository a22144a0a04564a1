import Randomness
import Testing
@testable import CacheKit

/// ARC, 2Q, SLRU, S3-FIFO, W-TinyLFU against hand-traced runs of their papers' pseudo-code.
@Suite struct AdaptivePolicyTests {
    @Test func arcFollowsFigure4() throws {
        // c = 3, p = 0. 1 2 3 → T1 [3 2 1]. 4: case IV-A, |T1| = c → delete LRU of T1 (1),
        // no ghost. 1, 2, 5 likewise → T1 [5 2 1]. 1 h, 2 h → T2 [2 1], T1 [5].
        // 3: IV-B → REPLACE: |T1| = 1 > p → 5 to B1. 4: IV-B → 3 to B1 → B1 [3 5], T1 [4].
        // 5: case II, δ = 1 (|B1| ≥ |B2|) → p = 1; REPLACE: |T1| = 1 not > p → LRU of T2 (1)
        // to B2; T2 [5 2]. Misses: 10 of 12.
        var arc = try ARC(capacity: 3)
        var misses = 0
        for key in anomalyTrace where !arc.access(key) { misses += 1 }
        #expect(misses == 10)
        #expect(arc.p == 1)
        #expect(arc.sizes == (t1: 1, t2: 2, b1: 1, b2: 1))
        // 1: case III, δ = 1 (|B2| ≥ |B1|) → p = 0; REPLACE(x ∈ B2): |T1| = 1 > 0 → 4 to B1.
        let hit = arc.access(1)
        #expect(!hit)
        #expect(arc.p == 0)
        #expect(arc.sizes == (t1: 0, t2: 3, b1: 2, b2: 0))
    }

    @Test func twoQPromotesOnlyFromGhosts() throws {
        // c = 4: Kin = 1, Kout = 2. 1-4 → A1in [4 3 2 1]; 1 h 2 h (no move).
        // 5: |A1in| = 4 > Kin → 1 to A1out. 1 (A1out): 2 to A1out, 1 → Am.
        // 2 (A1out): 3 out, 2 → Am. 3: 4 out, 3 → Am [3 2 1], A1in [5].
        // 4 (A1out): |A1in| = 1 not > Kin → evict Am's tail (1); 4 → Am. 5 h.
        // Misses 1 2 3 4 5 1 2 3 4 = 9.
        #expect(try missCount(TwoQ.self, capacity: 4, anomalyTrace) == 9)
    }

    @Test func slruDemotesProtectedOverflow() throws {
        // c = 4, protected 25% (1 entry): 1 2 → protected holds one, the other is demoted to
        // probation's head; 5 evicts 3; 1, 2 swap through protected; 3 4 5 evict 4 5 1 → 8,
        // and 1 then misses → 9.
        let small = PolicyParameters(["protected": 0.25])
        #expect(try missCount(SLRU.self, capacity: 4, anomalyTrace + [1], parameters: small) == 9)
        // protected 50% (2): 1 and 2 stay protected; 3 4 5 cycle through probation → 8, 1 hits.
        let half = PolicyParameters(["protected": 0.5])
        #expect(try missCount(SLRU.self, capacity: 4, anomalyTrace + [1], parameters: half) == 8)
    }

    @Test func s3fifoFiltersOneHitWonders() throws {
        // c = 4: S gets 1, M 3, G 3. Steps (S, M, G head → tail):
        //  1 m; 1 h (f=1); 2 3 4 m → S [4 3 2 1]
        //  5 m: evictS: 1 (f=1) → M [1]; 2 → G [2]; S [5 4 3]
        //  2 m (ghost): evictS 3 → G [3]; 2 → M [2 1]
        //  1 h; 6 m: 4 → G [4 3]; S [6 5]
        //  3 m (ghost): 5 → G [5 4]; 3 → M [3 2 1]
        //  7 m: 6 → G [6 5 4]; 8 m: 7 → G [7 6 5]; 4 m (trimmed from G): 8 → G [8 7 6]; S [4]
        //  2 h (f=1); 9 m: 4 → G [4 8 7]; S [9]
        //  7 m (ghost): 9 → G; S empty; 7 → M [7 3 2 1]
        //  10 m: |S| = 0 → evictM: 1 (f=1) and 2 (f=1) reinserted, 3 evicted → M [2 1 7]
        //  1 h, 2 h, 3 m (main evictions leave no ghost)
        let keys: [UInt64] = [1, 1, 2, 3, 4, 5, 2, 1, 6, 3, 7, 8, 4, 2, 9, 7, 10, 1, 2, 3]
        #expect(try missCount(S3FIFO.self, capacity: 4, keys) == 15)
    }

    @Test func wTinyLFUAdmitsByFrequency() throws {
        // c = 4: window 1, main 3 (protected 2). width 1024 keeps this tiny key set free of
        // sketch collisions, so estimate = number of requests so far.
        //  1 1 1 (window hits); 2 pushes 1 to probation; 2 h; 3, 4 push 2, 3 → probation [3 2 1]
        //  5: candidate 4 (1) vs victim 1 (3) → 4 rejected; 6: 5 (1) vs 1 (3) → rejected
        //  1 h → protected; 4: 6 (1) vs 2 (2) rejected; 3 h → protected [3 1]
        //  7: 4 (2) vs 2 (2) → rejected (needs strictly more); 4: 7 (1) vs 2 (2) rejected
        //  8: 4 (3) vs 2 (2) → 2 evicted, 4 admitted; 2: 8 (1) vs 4 (3) rejected; 4 h
        // Hits at requests 2 3 5 10 12 17 → 11 misses of 17.
        let keys: [UInt64] = [1, 1, 1, 2, 2, 3, 4, 5, 6, 1, 4, 3, 7, 4, 8, 2, 4]
        let wide = PolicyParameters(["width": 1024])
        #expect(try missCount(WTinyLFU.self, capacity: 4, keys, parameters: wide) == 11)
    }

    @Test func wTinyLFUResistsScans() throws {
        // Hot keys 0..<50 seen 5 times each, then a scan of 2,000 new keys, then the hot
        // keys again: every scan key has estimate ≤ 1 (plus collisions) < 5, so the hot keys
        // that reached main survive. LRU of the same size loses them all.
        var keys: [UInt64] = []
        for _ in 0..<5 { keys += (0..<50).map { UInt64($0) } }
        keys += (1000..<3000).map { UInt64($0) }
        let hot = (0..<50).map { UInt64($0) }
        var tiny = try WTinyLFU(capacity: 100)
        var lru = try LRU(capacity: 100)
        for k in keys { _ = tiny.access(k); _ = lru.access(k) }
        var tinyHits = 0, lruHits = 0
        for k in hot {
            if tiny.access(k) { tinyHits += 1 }
            if lru.access(k) { lruHits += 1 }
        }
        #expect(tinyHits >= 49)
        #expect(lruHits == 0)
    }

    @Test func beladyIsOptimal() throws {
        // Textbook OPT on the anomaly string: 7 misses with 3 frames, 6 with 4.
        let trace = readTrace(anomalyTrace)
        #expect(Belady.simulate(trace: trace, options: SimulationOptions(capacity: 3)).misses == 7)
        #expect(Belady.simulate(trace: trace, options: SimulationOptions(capacity: 4)).misses == 6)
    }

    @Test(arguments: [1, 7, 42]) func beladyBoundsEveryPolicy(seed: UInt64) throws {
        let trace = readTrace(skewedKeys(count: 5_000, keys: 400, seed: seed))
        for capacity in [5, 20, 80, 200] {
            let options = SimulationOptions(capacity: capacity)
            let bound = Belady.simulate(trace: trace, options: options).misses
            for kind in PolicyKind.allCases {
                let misses = try kind.simulate(trace: trace, options: options).misses
                #expect(bound <= misses, "\(kind) at \(capacity): \(misses) < Belady \(bound)")
            }
        }
    }

    @Test func policiesNeverExceedCapacity() throws {
        var rng = SplitMix64(seed: 9)
        let keys = skewedKeys(count: 20_000, keys: 3_000, seed: 3)
        let records = keys.enumerated().map { TraceRecord(time: UInt64($0.offset), key: $0.element, size: UInt32.random(in: 1...50, using: &rng)) }
        let trace = Trace(records)
        for kind in PolicyKind.allCases {
            // Byte capacity with varied sizes exercises the weight loops; a full cache never
            // holds more than it may, and every read is a hit or a miss.
            let r = try kind.simulate(trace: trace, options: SimulationOptions(capacity: 500, unit: .bytes))
            #expect(r.reads == 20_000 && r.hits > 0 && r.hits < 20_000, "\(kind)")
        }
    }
}

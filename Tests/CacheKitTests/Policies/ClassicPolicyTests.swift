import Testing
@testable import CacheKit

/// FIFO, LRU, CLOCK, LFU, SIEVE on Belady's anomaly string 1 2 3 4 1 2 5 1 2 3 4 5.
/// Each expectation is traced by hand in the comment (queue written head → tail).
@Suite struct ClassicPolicyTests {
    @Test func fifoShowsBeladysAnomaly() throws {
        // 3 frames: 1 2 3 m; 4 m (evict 1); 1 m (2); 2 m (3); 5 m (4); 1 h 2 h; 3 m (1); 4 m (2); 5 h → 9
        #expect(try missCount(FIFO.self, capacity: 3, anomalyTrace) == 9)
        // 4 frames: 1-4 m; 1 h 2 h; 5 m (1); 1 m (2); 2 m (3); 3 m (4); 4 m (5); 5 m (1) → 10
        #expect(try missCount(FIFO.self, capacity: 4, anomalyTrace) == 10)
    }

    @Test func lruMatchesTextbook() throws {
        // 3: 1 2 3 m; 4 (1); 1 (2); 2 (3); 5 (4); 1 h 2 h; 3 (5); 4 (1); 5 (2) → 10
        #expect(try missCount(LRU.self, capacity: 3, anomalyTrace) == 10)
        // 4: 1-4 m; 1 h 2 h; 5 (3); 1 h 2 h; 3 (4); 4 (5); 5 (1) → 8
        #expect(try missCount(LRU.self, capacity: 4, anomalyTrace) == 8)
    }

    @Test func clockGivesSecondChances() throws {
        // 4: [4 3 2 1]; 1 h, 2 h set bits; 5: 1 and 2 get second chances, 3 evicted → [5 2 1 4];
        // 1 h 2 h; 3: 4 evicted → [3 5 2 1]; 4: 1, 2 second chances, 5 evicted → [4 2 1 3];
        // 5: 3 evicted → misses 4 + (5, 3, 4, 5) = 8
        #expect(try missCount(CLOCK.self, capacity: 4, anomalyTrace) == 8)
        // 3: as FIFO until 1 h 2 h at [5 2 1]; 3: 1, 2 second chances, 5 evicted → [3 2 1];
        // 4 evicts 1, 5 evicts 2 → 10
        #expect(try missCount(CLOCK.self, capacity: 3, anomalyTrace) == 10)
    }

    @Test func clockRejectsBadBits() {
        #expect(throws: CacheConfigurationError.self) { try CLOCK(capacity: 4, parameters: PolicyParameters(["bits": 9])) }
        #expect(throws: CacheConfigurationError.self) { try CLOCK(capacity: 4, parameters: PolicyParameters(["bitz": 1])) }
    }

    @Test func sieveKeepsHandPosition() throws {
        // 4: [4 3 2 1]; 1 h 2 h (visited); 5: hand at tail 1 → clear, 2 → clear, 3 evicted,
        // hand = 4 → [5 4 2 1]; 1 h 2 h; 3: hand 4 unvisited → evicted, hand = 5 → [3 5 2 1];
        // 4: 5 evicted, hand = 3 → [4 3 2 1]; 5: 3 evicted → misses 4 + 4 = 8
        #expect(try missCount(SIEVE.self, capacity: 4, anomalyTrace) == 8)
        // After the same trace, 2 and 1 survived (visited bits cleared, not moved): 1 and 2 hit.
        #expect(try missCount(SIEVE.self, capacity: 4, anomalyTrace + [1, 2]) == 8)
        // LRU at 4 ends with [5 4 3 2]: 1 misses and evicts 2, which then misses too.
        #expect(try missCount(LRU.self, capacity: 4, anomalyTrace + [1, 2]) == 10)
    }

    @Test func lfuKeepsFrequentKeys() throws {
        // 2 slots, 1 1 1 2 3 1: LFU evicts 2 (count 1) for 3, so the last 1 hits → 3 misses;
        // LRU evicts 1 (least recent) for 3 → 4 misses.
        let keys: [UInt64] = [1, 1, 1, 2, 3, 1]
        #expect(try missCount(LFU.self, capacity: 2, keys) == 3)
        #expect(try missCount(LRU.self, capacity: 2, keys) == 4)
        // 4 on the anomaly string: 1 2 counts 2 after hits; 5 evicts 3; 1 2 h (counts 3);
        // 3 evicts 4; 4 evicts 5; 5 evicts 3 → 8
        #expect(try missCount(LFU.self, capacity: 4, anomalyTrace) == 8)
    }

    @Test func byteCapacityEvictsUntilItFits() throws {
        var lru = try LRU(capacity: 10)
        let a = lru.insert(1, weight: 4, onEvict: { _ in })
        let b = lru.insert(2, weight: 4, onEvict: { _ in })
        var evicted: [UInt64] = []
        // 8 + 6 > 10: evict 1 (4) → 4 + 6 = 10 fits.
        let c = lru.insert(3, weight: 6, onEvict: { evicted.append($0) })
        #expect(a && b && c)
        #expect(evicted == [1])
        #expect(lru.occupied == 10)
        // Heavier than the whole cache: not admitted, nothing evicted.
        let d = lru.insert(4, weight: 11, onEvict: { evicted.append($0) })
        #expect(!d)
        #expect(evicted == [1] && lru.count == 2)
    }

    @Test func removeForgetsEntries() throws {
        for kind in PolicyKind.allCases {
            let trace = Trace([
                TraceRecord(time: 0, key: 7, size: 1),
                TraceRecord(time: 1, key: 7, size: 1, op: .invalidate),
                TraceRecord(time: 2, key: 7, size: 1),
            ])
            let r = try kind.simulate(trace: trace, options: SimulationOptions(capacity: 4))
            #expect(r.hits == 0, "\(kind): an invalidated key must miss")
        }
    }
}

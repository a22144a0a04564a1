import Dispatch
import Synchronization
import Randomness
import Testing
@testable import CacheKit

/// A clock the test advances by hand.
final class ManualClock: Sendable {
    private let value = Mutex<UInt64>(0)
    func advance(_ ns: UInt64) { value.withLock { $0 += ns } }
    var now: @Sendable () -> UInt64 { { [self] in value.withLock { $0 } } }
}

@Suite struct ReadAsideCacheTests {
    @Test func getPutInvalidateAndVersions() throws {
        let cache = try ReadAsideCache<String, String>(.init(policy: .lru, capacity: .objects(10), shards: 1))
        #expect(cache.get("a") == nil)
        cache.put("a", value: "A1", version: 1)
        #expect(cache.get("a")?.value == "A1")
        cache.put("a", value: "A2", version: 2)
        #expect(cache.get("a")?.version == 2)
        cache.invalidate("a")
        #expect(cache.get("a") == nil)
        let s = cache.stats
        #expect(s.hits == 2 && s.misses == 2 && s.puts == 2 && s.invalidations == 1 && s.entries == 0)
    }

    @Test func ttlUsesTheInjectedClock() throws {
        let clock = ManualClock()
        let cache = try ReadAsideCache<Int, Int>(.init(capacity: .objects(10), ttlNanoseconds: 100, shards: 1, now: clock.now))
        cache.put(1, value: 10, version: 1)
        clock.advance(99)
        #expect(cache.get(1)?.value == 10)
        clock.advance(1)  // age 100 ≥ TTL
        #expect(cache.get(1) == nil)
        #expect(cache.stats.expirations == 1)
        #expect(cache.stats.entries == 0)
    }

    @Test func evictsByPolicyWithinAShard() throws {
        // One shard of 2 LRU entries: after a, b, touch a, put c → b is evicted.
        let cache = try ReadAsideCache<String, Int>(.init(policy: .lru, capacity: .objects(2), shards: 1))
        cache.put("a", value: 1, version: 0)
        cache.put("b", value: 2, version: 0)
        _ = cache.get("a")
        cache.put("c", value: 3, version: 0)
        #expect(cache.get("b") == nil)
        #expect(cache.get("a")?.value == 1)
        #expect(cache.get("c")?.value == 3)
        #expect(cache.stats.evictions == 1)
    }

    @Test func byteCapacityCountsSizes() throws {
        let cache = try ReadAsideCache<Int, [UInt8]>(.init(policy: .fifo, capacity: .bytes(100), size: { _, v in v.count }, shards: 1))
        cache.put(1, value: [UInt8](repeating: 0, count: 60), version: 0)
        cache.put(2, value: [UInt8](repeating: 0, count: 30), version: 0)
        #expect(cache.stats.bytes == 90)
        cache.put(3, value: [UInt8](repeating: 0, count: 20), version: 0)  // 110 > 100: evict 1
        #expect(cache.get(1) == nil)
        #expect(cache.stats.bytes == 50)
        cache.put(4, value: [UInt8](repeating: 0, count: 101), version: 0)  // never fits
        #expect(cache.get(4) == nil)
        #expect(throws: CacheConfigurationError.self) {
            try ReadAsideCache<Int, Int>(.init(capacity: .bytes(10)))
        }
    }

    @Test(arguments: PolicyKind.allCases) func concurrentCountsAddUp(policy: PolicyKind) throws {
        let cache = try ReadAsideCache<Int, Int>(.init(policy: policy, capacity: .objects(512), shards: 8))
        let threads = 4, perThread = 20_000
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            var rng = SplitMix64(seed: UInt64(t + 1))
            for _ in 0..<perThread {
                let key = Int(UInt64.random(in: 0..<2_000, using: &rng))
                if let hit = cache.get(key) {
                    precondition(hit.value == key * 7, "cached value belongs to another key")
                } else {
                    cache.put(key, value: key * 7, version: 1)
                }
                if key % 97 == 0 { cache.invalidate(key) }
            }
        }
        let s = cache.stats
        #expect(s.hits + s.misses == threads * perThread)
        #expect(s.puts == s.misses)
        #expect(s.entries <= 512)
        #expect(s.hits > 0)
        // Every put either still resides, was evicted, invalidated, or was turned away.
        #expect(s.entries + s.evictions + s.invalidations <= s.puts)
    }
}

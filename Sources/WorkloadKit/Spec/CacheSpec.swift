/// The optional `cache:` section of a workload file: the read-aside cache `stbench run` puts in front of
/// patterns A and B (CachedTarget).
public struct CacheSpec: Sendable, Hashable {
    public enum Policy: String, Sendable, Hashable, CaseIterable {
        case lru, fifo, clock, lfu, arc, twoQ = "2q", slru, wtinylfu, s3fifo, sieve
    }
    public enum CapacityUnit: String, Sendable, Hashable, CaseIterable { case objects, bytes }
    /// What a write does to cached entries it affects.
    public enum WriteStrategy: String, Sendable, Hashable, CaseIterable {
        /// Drop affected entries; the next read refills them.
        case invalidate
        /// Write the new value into the cache as well.
        case update
        /// Leave the cache alone; entries expire after `ttl`.
        case ttlOnly = "ttl-only"
    }

    public var policy: Policy
    /// Objects or bytes, per `capacityUnit` (≥ 1).
    public var capacity: Int
    public var capacityUnit: CapacityUnit
    /// Entry lifetime in seconds; nil = no expiry. Required for `ttl-only`.
    public var ttlSeconds: Double?
    public var writeStrategy: WriteStrategy

    public init(policy: Policy, capacity: Int, capacityUnit: CapacityUnit = .objects, ttlSeconds: Double? = nil, writeStrategy: WriteStrategy = .invalidate) {
        self.policy = policy
        self.capacity = capacity
        self.capacityUnit = capacityUnit
        self.ttlSeconds = ttlSeconds
        self.writeStrategy = writeStrategy
    }
}

import Dispatch
import Synchronization

/// What capacity a `ReadAsideCache` has.
public enum CacheCapacity: Sendable, Hashable {
    /// At most this many entries.
    case objects(Int)
    /// At most this many bytes, as measured by the configuration's `size` function.
    case bytes(Int)
}

/// Monotonic nanoseconds (the default clock of `ReadAsideCache`).
@Sendable public func monotonicNanoseconds() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// The live read-aside cache that workload workers put in front of the table:
///
///     if let hit = cache.get(key) { use(hit.value); if hit.version < currentVersion { staleReads += 1 } }
///     else { let (value, version) = read from the table; cache.put(key, value: value, version: version) }
///     on write: cache.invalidate(key)   (or put the new value, for write-through)
///
/// Thread safety without a global lock: keys are spread by hash over N shards, each with
/// its own mutex, its own policy instance over 1/N of the capacity, and its own counters.
/// Threads contend only when they hit the same shard at the same moment.
///
/// Each entry remembers the `version` of the data it was filled from, so callers can count
/// stale reads, and when it was filled, for the TTL (read from the injectable `now` clock).
public final class ReadAsideCache<Key: Hashable, Value>: @unchecked Sendable {
    public struct Configuration {
        public var policy: PolicyKind
        public var parameters: PolicyParameters
        public var capacity: CacheCapacity
        /// Bytes an entry uses; required for `.bytes` capacity, optional otherwise (then it
        /// only feeds `CacheStats.bytes`).
        public var size: ((Key, Value) -> Int)?
        /// Entries filled this long ago or longer are misses (and are dropped); nil = no TTL.
        public var ttlNanoseconds: UInt64?
        /// Number of independent shards (rounded up to a power of two).
        public var shards: Int
        /// Monotonic time in nanoseconds; inject a fake clock in tests.
        public var now: @Sendable () -> UInt64

        public init(policy: PolicyKind = .lru, parameters: PolicyParameters = .init(), capacity: CacheCapacity,
                    size: ((Key, Value) -> Int)? = nil, ttlNanoseconds: UInt64? = nil, shards: Int = 16,
                    now: @escaping @Sendable () -> UInt64 = monotonicNanoseconds) {
            self.policy = policy
            self.parameters = parameters
            self.capacity = capacity
            self.size = size
            self.ttlNanoseconds = ttlNanoseconds
            self.shards = shards
            self.now = now
        }
    }

    /// A cached value with the version of the data it was filled from.
    public struct Hit {
        public var value: Value
        public var version: UInt64
        /// `now()` when the entry was filled.
        public var filledAt: UInt64
    }

    struct Entry {
        var key: Key
        var value: Value
        var version: UInt64
        var filledAt: UInt64
        var weight: Int
        var bytes: Int
    }

    /// One shard. The policy sees each key's 64-bit hash as its id: ids must stay stable
    /// across evictions so that ghost entries (ARC, 2Q, S3-FIFO) recognise a returning key.
    /// A collision of two live keys' 64-bit hashes (odds ~n²/2⁶⁵) costs a miss, never a
    /// wrong value: the entry stores its key and `get` compares it.
    struct ShardState {
        var policy: ShardPolicy
        var entries: [UInt64: Entry] = [:]
        var stats = CacheStats()

        mutating func drop(_ id: UInt64) {
            guard let entry = entries.removeValue(forKey: id) else { return }
            stats.entries -= 1
            stats.bytes -= entry.bytes
        }
    }

    final class Shard {
        let state: Mutex<ShardState>
        init(_ s: consuming ShardState) { state = Mutex(s) }
    }

    private let shards: [Shard]
    private let shardShift: UInt64
    private let byBytes: Bool
    private let size: ((Key, Value) -> Int)?
    private let ttl: UInt64?
    private let now: @Sendable () -> UInt64
    public let configuration: Configuration

    public init(_ configuration: Configuration) throws {
        var n = 1
        while n < max(1, configuration.shards) { n <<= 1 }
        let total: Int
        switch configuration.capacity {
        case .objects(let c): total = c; byBytes = false
        case .bytes(let c):
            total = c; byBytes = true
            guard configuration.size != nil else {
                throw CacheConfigurationError("ReadAsideCache: .bytes capacity needs a size function")
            }
        }
        guard total > 0 else { throw CacheConfigurationError("ReadAsideCache: capacity must be positive, got \(total)") }
        // Never more shards than capacity units, so each shard holds at least one.
        while n > 1 && total / n < 1 { n >>= 1 }
        let perShard = total / n
        shards = try (0..<n).map { _ in
            Shard(ShardState(policy: try configuration.policy.makeShardPolicy(capacity: perShard, parameters: configuration.parameters)))
        }
        shardShift = UInt64(64 - n.trailingZeroBitCount)
        size = configuration.size
        ttl = configuration.ttlNanoseconds
        now = configuration.now
        self.configuration = configuration
    }

    public var shardCount: Int { shards.count }

    @inline(__always)
    private static func id(_ key: Key) -> UInt64 { UInt64(bitPattern: Int64(key.hashValue)) }

    @inline(__always)
    private func shard(for id: UInt64) -> Shard {
        guard shards.count > 1 else { return shards[0] }
        return shards[Int(truncatingIfNeeded: (id &* 0x9E37_79B9_7F4A_7C15) >> shardShift)]
    }

    /// The cached value for `key`, or nil on a miss (absent, or expired and now dropped).
    public func get(_ key: Key) -> Hit? {
        let id = Self.id(key)
        let ttl = self.ttl
        let t = ttl == nil ? 0 : now()
        return shard(for: id).state.withLock { s -> Hit? in
            guard let entry = s.entries[id] else {
                // Tell the policy about the miss too: W-TinyLFU counts every request in its
                // sketch (for the others, finding an absent key changes nothing).
                _ = s.policy.find(id)
                s.stats.misses += 1
                return nil
            }
            guard entry.key == key else {
                s.stats.misses += 1
                return nil
            }
            if let ttl, t &- entry.filledAt >= ttl {
                _ = s.policy.remove(id)
                s.drop(id)
                s.stats.expirations += 1
                s.stats.misses += 1
                return nil
            }
            _ = s.policy.find(id)
            s.stats.hits += 1
            return Hit(value: entry.value, version: entry.version, filledAt: entry.filledAt)
        }
    }

    /// Caches `value`, filled from data at `version`, replacing any cached copy. An entry
    /// larger than a shard's capacity is not cached.
    public func put(_ key: Key, value: Value, version: UInt64) {
        let id = Self.id(key)
        let bytes = size?(key, value) ?? 0
        let weight = byBytes ? bytes : 1
        let t = now()
        shard(for: id).state.withLock { s in
            s.stats.puts += 1
            let entry = Entry(key: key, value: value, version: version, filledAt: t, weight: weight, bytes: bytes)
            if let old = s.entries[id] {
                if old.key == key && old.weight == weight {
                    // Replace in place: a write is not a read, so recency is left alone.
                    s.entries[id] = entry
                    s.stats.bytes += bytes - old.bytes
                    return
                }
                _ = s.policy.remove(id)
                s.drop(id)
            }
            let policy = s.policy
            var rejected = false
            let admitted = policy.insert(id, weight: weight) { evicted in
                if evicted == id {
                    rejected = true  // W-TinyLFU may turn the newcomer away
                } else {
                    s.drop(evicted)
                    s.stats.evictions += 1
                }
            }
            guard admitted && !rejected else { return }
            s.entries[id] = entry
            s.stats.entries += 1
            s.stats.bytes += bytes
        }
    }

    /// Drops the cached copy of `key`, if any (call on every write to the underlying item).
    public func invalidate(_ key: Key) {
        let id = Self.id(key)
        shard(for: id).state.withLock { s in
            guard let entry = s.entries[id], entry.key == key else { return }
            _ = s.policy.remove(id)
            s.drop(id)
            s.stats.invalidations += 1
        }
    }

    /// Counters summed over shards (each shard read under its own lock).
    public var stats: CacheStats {
        shards.reduce(CacheStats()) { sum, shard in sum + shard.state.withLock { $0.stats } }
    }

    public var count: Int { stats.entries }
}

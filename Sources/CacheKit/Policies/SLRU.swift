/// Segmented LRU: a probationary LRU segment for entries seen once and a protected LRU
/// segment for entries hit again; the protected segment's overflow is demoted back to
/// probation instead of being evicted, so one scan cannot flush frequently used entries.
///
/// Karedla, Love & Wherry, "Caching Strategies to Improve Disk System Performance",
/// IEEE Computer 27(3), 1994:
///
///     hit in probation(x): move x to the head of protected;
///                          while |protected| > P: move its tail to the head of probation
///     hit in protected(x): move x to the head of protected
///     miss(x): while full: evict the tail of probation (of protected if probation is empty)
///              push x at the head of probation
///
/// Parameter `protected`: P as a fraction of capacity (default 0.8, the split W-TinyLFU's
/// main cache uses; the paper leaves it to the workload).
public struct SLRU: EvictionPolicy {
    public static let name = "slru"
    static let probation: UInt8 = 0, protected: UInt8 = 1

    public let capacity: Int
    let protectedCapacity: Int
    private var map: IndexMap
    private var pool: NodePool
    private var lists = NodeLists()

    public init(capacity: Int, parameters: PolicyParameters = .init()) throws {
        try checkCapacity(capacity, policy: Self.name)
        try parameters.validate(policy: Self.name, allowed: ["protected"])
        self.capacity = capacity
        protectedCapacity = Int(Double(capacity) * (try parameters.fraction("protected", policy: Self.name, default: 0.8)))
        map = IndexMap(minimumCapacity: min(capacity, 1 << 16))
        pool = NodePool(reservingCapacity: min(capacity, 1 << 16))
    }

    public var occupied: Int { lists[0].weight + lists[1].weight }
    public var count: Int { lists[0].count + lists[1].count }

    public mutating func find(_ key: UInt64) -> Bool {
        guard let i = map.find(key) else { return false }
        let n = Int32(truncatingIfNeeded: i)
        if pool[n].queue == Self.protected {
            pool.moveToHead(n, &lists[1])
            return true
        }
        pool.unlink(n, &lists[0])
        pool[n].queue = Self.protected
        pool.pushHead(n, &lists[1])
        while lists[1].weight > protectedCapacity && lists[1].count > 1 {
            let t = lists[1].tail
            pool.unlink(t, &lists[1])
            pool[t].queue = Self.probation
            pool.pushHead(t, &lists[0])
        }
        return true
    }

    public mutating func insert(_ key: UInt64, weight: Int, onEvict: (UInt64) -> Void) -> Bool {
        guard weight <= capacity else { return false }
        makeRoom(for: weight, onEvict: onEvict)
        let n = pool.allocate(key: key, weight: weight, queue: Self.probation)
        pool.pushHead(n, &lists[0])
        map.set(key, Int(n))
        return true
    }

    public mutating func evict(onEvict: (UInt64) -> Void) -> Bool {
        let q = lists[0].isEmpty ? 1 : 0
        guard !lists[q].isEmpty else { return false }
        let n = lists[q].tail
        let key = pool[n].key
        pool.unlink(n, &lists[q])
        pool.release(n)
        map.remove(key)
        onEvict(key)
        return true
    }

    public mutating func remove(_ key: UInt64) -> Bool {
        guard let i = map.find(key) else { return false }
        let n = Int32(truncatingIfNeeded: i)
        pool.unlink(n, &lists[Int(pool[n].queue)])
        pool.release(n)
        map.remove(key)
        return true
    }
}

/// Least Frequently Used (in-cache counts): evict the resident entry with the fewest hits
/// since it was inserted; ties go to the least recently used among them.
///
/// O(1) per operation with one list per frequency, after Shah, Mitra & Matani, "An O(1)
/// algorithm for implementing the LFU cache eviction scheme" (2010):
///
///     hit(x):  move x from list[f] to the head of list[f+1]
///     miss(x): while full: evict the tail of list[minFreq]
///              push x at the head of list[1]; minFreq = 1
///
/// Counts are forgotten on eviction and saturate at 65,535 (bounding the bucket array).
public struct LFU: EvictionPolicy {
    public static let name = "lfu"
    static let maxFrequency = 65_535
    public let capacity: Int
    private var map: IndexMap
    private var pool: NodePool
    /// `buckets[f]` holds the entries with frequency f (index 0 unused).
    private var buckets: [NodeList] = [NodeList(), NodeList()]
    /// Frequency of node i (parallel to the pool).
    private var frequency: [UInt16] = []
    private var minFrequency = 1
    public private(set) var occupied = 0
    public private(set) var count = 0

    public init(capacity: Int, parameters: PolicyParameters = .init()) throws {
        try checkCapacity(capacity, policy: Self.name)
        try parameters.validate(policy: Self.name, allowed: [])
        self.capacity = capacity
        map = IndexMap(minimumCapacity: min(capacity, 1 << 16))
        pool = NodePool(reservingCapacity: min(capacity, 1 << 16))
    }

    public mutating func find(_ key: UInt64) -> Bool {
        guard let i = map.find(key) else { return false }
        let n = Int32(truncatingIfNeeded: i)
        let f = Int(frequency[Int(n)])
        guard f < Self.maxFrequency else {
            pool.moveToHead(n, &buckets[f])
            return true
        }
        pool.unlink(n, &buckets[f])
        if f + 1 == buckets.count { buckets.append(NodeList()) }
        pool.pushHead(n, &buckets[f + 1])
        frequency[Int(n)] = UInt16(f + 1)
        if minFrequency == f && buckets[f].isEmpty { minFrequency = f + 1 }
        return true
    }

    public mutating func insert(_ key: UInt64, weight: Int, onEvict: (UInt64) -> Void) -> Bool {
        guard makeRoom(for: weight, onEvict: onEvict) else { return false }
        let n = pool.allocate(key: key, weight: weight, queue: 0)
        if Int(n) == frequency.count { frequency.append(1) } else { frequency[Int(n)] = 1 }
        pool.pushHead(n, &buckets[1])
        map.set(key, Int(n))
        minFrequency = 1
        occupied += weight
        count += 1
        return true
    }

    public mutating func evict(onEvict: (UInt64) -> Void) -> Bool {
        guard count > 0 else { return false }
        while buckets[minFrequency].isEmpty { minFrequency += 1 }
        onEvict(drop(buckets[minFrequency].tail))
        return true
    }

    public mutating func remove(_ key: UInt64) -> Bool {
        guard let i = map.find(key) else { return false }
        drop(Int32(truncatingIfNeeded: i))
        return true
    }

    @discardableResult
    private mutating func drop(_ n: Int32) -> UInt64 {
        let key = pool[n].key
        occupied -= Int(pool[n].weight)
        count -= 1
        pool.unlink(n, &buckets[Int(frequency[Int(n)])])
        pool.release(n)
        map.remove(key)
        if count == 0 { minFrequency = 1 }
        return key
    }
}

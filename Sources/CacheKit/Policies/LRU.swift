/// Least Recently Used: evict the entry whose last access is oldest.
///
/// The classic stack algorithm (Mattson, Gecsei, Slutz & Traiger, "Evaluation techniques
/// for storage hierarchies", IBM Systems Journal 1970), which is why its miss-ratio curve
/// can be computed exactly in one pass (`CacheAnalysis.MattsonLRU`).
///
///     hit(x):  move x to the head
///     miss(x): while full: evict the tail;  push x at the head
public struct LRU: EvictionPolicy {
    public static let name = "lru"
    public let capacity: Int
    private var map: IndexMap
    private var pool: NodePool
    private var list = NodeList()

    public init(capacity: Int, parameters: PolicyParameters = .init()) throws {
        try checkCapacity(capacity, policy: Self.name)
        try parameters.validate(policy: Self.name, allowed: [])
        self.capacity = capacity
        map = IndexMap(minimumCapacity: min(capacity, 1 << 16))
        pool = NodePool(reservingCapacity: min(capacity, 1 << 16))
    }

    public var occupied: Int { list.weight }
    public var count: Int { list.count }

    public mutating func find(_ key: UInt64) -> Bool {
        guard let i = map.find(key) else { return false }
        pool.moveToHead(Int32(truncatingIfNeeded: i), &list)
        return true
    }

    public mutating func insert(_ key: UInt64, weight: Int, onEvict: (UInt64) -> Void) -> Bool {
        guard weight <= capacity else { return false }
        makeRoom(for: weight, onEvict: onEvict)
        let i = pool.allocate(key: key, weight: weight, queue: 0)
        pool.pushHead(i, &list)
        map.set(key, Int(i))
        return true
    }

    public mutating func evict(onEvict: (UInt64) -> Void) -> Bool {
        guard list.tail >= 0 else { return false }
        onEvict(drop(list.tail))
        return true
    }

    public mutating func remove(_ key: UInt64) -> Bool {
        guard let i = map.find(key) else { return false }
        drop(Int32(truncatingIfNeeded: i))
        return true
    }

    @discardableResult
    private mutating func drop(_ i: Int32) -> UInt64 {
        let key = pool[i].key
        pool.unlink(i, &list)
        pool.release(i)
        map.remove(key)
        return key
    }
}

/// SIEVE: a FIFO queue with a visited bit and a "hand" that sweeps from the tail toward
/// the head, keeping visited entries in place (lazy promotion) and evicting unvisited
/// ones. New entries enter at the head, so a one-hit wonder is evicted at the hand's
/// next pass (quick demotion).
///
/// Zhang, Yang, Yue, Vigfusson & Rashmi, "SIEVE is Simpler than LRU: an Efficient
/// Turn-Key Eviction Algorithm for Web Caches", NSDI'24, Figure 2:
///
///     hit(x):  x.visited = 1
///     miss(x): while full:
///                  o = hand ?? tail
///                  while o.visited: o.visited = 0; o = o.prev ?? tail   // toward the head
///                  hand = o.prev;  evict o
///              push x at the head with visited = 0
public struct SIEVE: EvictionPolicy {
    public static let name = "sieve"
    public let capacity: Int
    private var map: IndexMap
    private var pool: NodePool
    private var list = NodeList()
    /// Next node to examine; -1 means "start at the tail".
    private var hand: Int32 = -1

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
        pool[Int32(truncatingIfNeeded: i)].bits = 1
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
        var o = hand >= 0 ? hand : list.tail
        while pool[o].bits != 0 {
            pool[o].bits = 0
            o = pool[o].prev >= 0 ? pool[o].prev : list.tail
        }
        hand = pool[o].prev
        onEvict(drop(o))
        return true
    }

    public mutating func remove(_ key: UInt64) -> Bool {
        guard let i = map.find(key) else { return false }
        let n = Int32(truncatingIfNeeded: i)
        if hand == n { hand = pool[n].prev }
        drop(n)
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

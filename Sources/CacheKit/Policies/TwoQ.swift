/// 2Q (full version): a FIFO A1in for first references, a ghost FIFO A1out remembering
/// keys recently paged out of A1in, and an LRU Am for keys re-referenced after leaving
/// A1in. Correlated references (hits while in A1in) do not promote.
///
/// Johnson & Shasha, "2Q: A Low Overhead High Performance Buffer Management Replacement
/// Algorithm", VLDB'94, Figure 3 ("Full 2Q"):
///
///     x ∈ Am:    move x to the head of Am                                     (hit)
///     x ∈ A1in:  nothing                                                       (hit)
///     x ∈ A1out: reclaimfor(x); add x to the head of Am
///     otherwise: reclaimfor(x); add x to the head of A1in
///     reclaimfor(x): if there is free space: nothing
///       else if |A1in| > Kin: page out the tail of A1in, add its key to the head of
///            A1out; if |A1out| > Kout remove the tail of A1out
///       else page out the tail of Am (not remembered)
///
/// Defaults from the paper: Kin = 25% and Kout = 50% of the capacity (parameters `kin`,
/// `kout`, fractions of capacity, rounded down).
public struct TwoQ: EvictionPolicy {
    public static let name = "2q"
    static let a1in: UInt8 = 0, am: UInt8 = 1, a1out: UInt8 = 2

    public let capacity: Int
    let kin: Int
    let kout: Int
    private var map: IndexMap
    private var pool: NodePool
    private var lists = NodeLists()

    public init(capacity: Int, parameters: PolicyParameters = .init()) throws {
        try checkCapacity(capacity, policy: Self.name)
        try parameters.validate(policy: Self.name, allowed: ["kin", "kout"])
        self.capacity = capacity
        kin = Int(Double(capacity) * (try parameters.fraction("kin", policy: Self.name, default: 0.25)))
        kout = Int(Double(capacity) * (try parameters.fraction("kout", policy: Self.name, default: 0.5, in: 0...10)))
        map = IndexMap(minimumCapacity: min(capacity + capacity / 2, 1 << 17))
        pool = NodePool(reservingCapacity: min(capacity + capacity / 2, 1 << 17))
    }

    public var occupied: Int { lists[0].weight + lists[1].weight }
    public var count: Int { lists[0].count + lists[1].count }

    public mutating func find(_ key: UInt64) -> Bool {
        guard let i = map.find(key) else { return false }
        let n = Int32(truncatingIfNeeded: i)
        switch pool[n].queue {
        case Self.am: pool.moveToHead(n, &lists[1]); return true
        case Self.a1in: return true
        default: return false
        }
    }

    public mutating func insert(_ key: UInt64, weight: Int, onEvict: (UInt64) -> Void) -> Bool {
        guard weight <= capacity else { return false }
        var queue = Self.a1in
        if let i = map.find(key) {
            let n = Int32(truncatingIfNeeded: i)
            precondition(pool[n].queue == Self.a1out, "2Q.insert: key \(key) is already resident")
            pool.unlink(n, &lists[2])
            pool.release(n)
            map.remove(key)
            queue = Self.am
        }
        makeRoom(for: weight, onEvict: onEvict)
        let n = pool.allocate(key: key, weight: weight, queue: queue)
        pool.pushHead(n, &lists[Int(queue)])
        map.set(key, Int(n))
        return true
    }

    public mutating func evict(onEvict: (UInt64) -> Void) -> Bool {
        if lists[0].weight > kin || (lists[1].isEmpty && !lists[0].isEmpty) {
            let n = lists[0].tail
            pool.unlink(n, &lists[0])
            pool[n].queue = Self.a1out
            pool.pushHead(n, &lists[2])
            onEvict(pool[n].key)
            while lists[2].weight > kout && !lists[2].isEmpty { dropTail(2) }
            return true
        }
        guard !lists[1].isEmpty else { return false }
        onEvict(dropTail(1))
        return true
    }

    public mutating func remove(_ key: UInt64) -> Bool {
        guard let i = map.find(key) else { return false }
        let n = Int32(truncatingIfNeeded: i)
        let queue = pool[n].queue
        pool.unlink(n, &lists[Int(queue)])
        pool.release(n)
        map.remove(key)
        return queue != Self.a1out
    }

    @discardableResult
    private mutating func dropTail(_ q: Int) -> UInt64 {
        let n = lists[q].tail
        let key = pool[n].key
        pool.unlink(n, &lists[q])
        pool.release(n)
        map.remove(key)
        return key
    }
}

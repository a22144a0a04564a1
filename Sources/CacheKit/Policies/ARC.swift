/// ARC, the Adaptive Replacement Cache: balances recency (T1, seen once recently) and
/// frequency (T2, seen at least twice) with a target size p for T1 that ghost hits adapt.
///
/// Megiddo & Modha, "ARC: A Self-Tuning, Low Overhead Replacement Cache", FAST'03,
/// Figure 4 (c = capacity; L1 = T1 ∪ B1, L2 = T2 ∪ B2; B1, B2 hold evicted keys only):
///
///     Case I   x ∈ T1 ∪ T2: move x to the MRU end of T2.                        (hit)
///     Case II  x ∈ B1: p = min(p + δ1, c), δ1 = 1 if |B1| ≥ |B2| else |B2|/|B1|;
///              REPLACE(x, p); move x to the MRU end of T2.
///     Case III x ∈ B2: p = max(p − δ2, 0), δ2 = 1 if |B2| ≥ |B1| else |B1|/|B2|;
///              REPLACE(x, p); move x to the MRU end of T2.
///     Case IV  x nowhere:
///       A. |L1| = c: if |T1| < c { delete LRU of B1; REPLACE(x, p) }
///                    else { delete LRU of T1 (no ghost) }
///       B. |L1| < c and |L1| + |L2| ≥ c: if |L1| + |L2| = 2c { delete LRU of B2 }; REPLACE(x, p)
///       put x at the MRU end of T1.
///     REPLACE(x, p): if |T1| ≥ 1 and ((x ∈ B2 and |T1| = p) or |T1| > p)
///                      move the LRU of T1 to the MRU end of B1
///                    else move the LRU of T2 to the MRU end of B2
///
/// With byte capacity, sizes |·| are weights, δ is scaled by the object's weight and the
/// cases loop until the object fits; with unit weights this is exactly the paper. p starts
/// at 0 as in the paper. No parameters.
public struct ARC: EvictionPolicy {
    public static let name = "arc"
    static let t1: UInt8 = 0, t2: UInt8 = 1, b1: UInt8 = 2, b2: UInt8 = 3

    public let capacity: Int
    /// Target weight of T1.
    public private(set) var p: Double = 0
    private var map: IndexMap
    private var pool: NodePool
    private var lists = NodeLists()

    public init(capacity: Int, parameters: PolicyParameters = .init()) throws {
        try checkCapacity(capacity, policy: Self.name)
        try parameters.validate(policy: Self.name, allowed: [])
        self.capacity = capacity
        map = IndexMap(minimumCapacity: min(2 * capacity, 1 << 17))
        pool = NodePool(reservingCapacity: min(2 * capacity, 1 << 17))
    }

    public var occupied: Int { lists[0].weight + lists[1].weight }
    public var count: Int { lists[0].count + lists[1].count }
    /// Weights of T1, T2, B1, B2 (for tests and diagnostics).
    var sizes: (t1: Int, t2: Int, b1: Int, b2: Int) {
        (lists[0].weight, lists[1].weight, lists[2].weight, lists[3].weight)
    }

    public mutating func find(_ key: UInt64) -> Bool {
        guard let i = map.find(key) else { return false }
        let n = Int32(truncatingIfNeeded: i)
        switch pool[n].queue {
        case Self.t1:
            pool.unlink(n, &lists[0])
            pool[n].queue = Self.t2
            pool.pushHead(n, &lists[1])
            return true
        case Self.t2:
            pool.moveToHead(n, &lists[1])
            return true
        default:
            return false  // a ghost: the adaptation happens when the key is inserted
        }
    }

    public mutating func insert(_ key: UInt64, weight w: Int, onEvict: (UInt64) -> Void) -> Bool {
        guard w <= capacity else { return false }
        let c = capacity
        if let i = map.find(key) {
            let n = Int32(truncatingIfNeeded: i)
            let queue = pool[n].queue
            precondition(queue == Self.b1 || queue == Self.b2, "ARC.insert: key \(key) is already resident")
            let b1 = Double(lists[2].weight), b2 = Double(lists[3].weight)
            if queue == Self.b1 {  // Case II
                let delta = b1 >= b2 ? Double(w) : Double(w) * b2 / b1
                p = min(p + delta, Double(c))
            } else {  // Case III
                let delta = b2 >= b1 ? Double(w) : Double(w) * b1 / b2
                p = max(p - delta, 0)
            }
            pool.unlink(n, &lists[Int(queue)])
            pool.release(n)
            map.remove(key)
            replaceUntilFits(w, incomingInB2: queue == Self.b2, onEvict: onEvict)
            link(key, weight: w, queue: Self.t2)
        } else {  // Case IV
            if lists[0].weight + lists[2].weight + w > c {  // A: |L1| = c
                if !lists[2].isEmpty {
                    while !lists[2].isEmpty && lists[0].weight + lists[2].weight + w > c { dropTail(2) }
                    replaceUntilFits(w, incomingInB2: false, onEvict: onEvict)
                } else {
                    while occupied + w > c {
                        let q = lists[0].isEmpty ? 1 : 0
                        onEvict(dropTail(q))
                    }
                }
            } else if occupied + lists[2].weight + lists[3].weight + w > c {  // B
                while occupied + lists[2].weight + lists[3].weight + w > 2 * c && !lists[3].isEmpty { dropTail(3) }
                replaceUntilFits(w, incomingInB2: false, onEvict: onEvict)
            }
            link(key, weight: w, queue: Self.t1)
        }
        trimGhosts()
        return true
    }

    public mutating func evict(onEvict: (UInt64) -> Void) -> Bool {
        guard count > 0 else { return false }
        replace(incomingInB2: false, onEvict: onEvict)
        trimGhosts()
        return true
    }

    public mutating func remove(_ key: UInt64) -> Bool {
        guard let i = map.find(key) else { return false }
        let n = Int32(truncatingIfNeeded: i)
        let queue = pool[n].queue
        pool.unlink(n, &lists[Int(queue)])
        pool.release(n)
        map.remove(key)
        return queue == Self.t1 || queue == Self.t2
    }

    private mutating func link(_ key: UInt64, weight: Int, queue: UInt8) {
        let n = pool.allocate(key: key, weight: weight, queue: queue)
        pool.pushHead(n, &lists[Int(queue)])
        map.set(key, Int(n))
    }

    private mutating func replaceUntilFits(_ w: Int, incomingInB2: Bool, onEvict: (UInt64) -> Void) {
        while occupied + w > capacity && count > 0 {
            replace(incomingInB2: incomingInB2, onEvict: onEvict)
        }
    }

    /// REPLACE(x, p): demote the LRU of T1 or T2 to its ghost list.
    private mutating func replace(incomingInB2: Bool, onEvict: (UInt64) -> Void) {
        let t1 = Double(lists[0].weight)
        let fromT1 = !lists[0].isEmpty && ((incomingInB2 && t1 == p) || t1 > p)
        let (from, to): (Int, UInt8) = (fromT1 || lists[1].isEmpty) ? (0, Self.b1) : (1, Self.b2)
        let n = lists[from].tail
        pool.unlink(n, &lists[from])
        pool[n].queue = to
        pool.pushHead(n, &lists[Int(to)])
        onEvict(pool[n].key)
    }

    /// Keeps |L1| ≤ c and |L1| + |L2| ≤ 2c (no-ops with unit weights, where the cases
    /// above already maintain them).
    private mutating func trimGhosts() {
        while lists[0].weight + lists[2].weight > capacity && !lists[2].isEmpty { dropTail(2) }
        while occupied + lists[2].weight + lists[3].weight > 2 * capacity && !lists[3].isEmpty { dropTail(3) }
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

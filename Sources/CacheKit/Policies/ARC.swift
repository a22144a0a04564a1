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
    private var entries: EntryQueues

    public init(capacity: Int, parameters: PolicyParameters = .init()) throws {
        try checkCapacity(capacity, policy: Self.name)
        try parameters.validate(policy: Self.name, allowed: [])
        self.capacity = capacity
        entries = EntryQueues(reservingCapacity: min(2 * capacity, 1 << 17))
    }

    public var occupied: Int { entries[queue: 0].weight + entries[queue: 1].weight }
    public var count: Int { entries[queue: 0].count + entries[queue: 1].count }
    /// Weights of T1, T2, B1, B2 (for tests and diagnostics).
    var sizes: (t1: Int, t2: Int, b1: Int, b2: Int) {
        (entries[queue: 0].weight, entries[queue: 1].weight, entries[queue: 2].weight, entries[queue: 3].weight)
    }

    public mutating func find(_ key: UInt64) -> Bool {
        guard let n = entries.find(key) else { return false }
        switch entries[n].queue {
        case Self.t1:
            entries.move(n, from: 0, to: Self.t2)
            return true
        case Self.t2:
            entries.moveToHead(n, in: 1)
            return true
        default:
            return false  // a ghost: the adaptation happens when the key is inserted
        }
    }

    public mutating func insert(_ key: UInt64, weight w: Int, onEvict: (UInt64) -> Void) -> Bool {
        guard w <= capacity else { return false }
        let c = capacity
        if let n = entries.find(key) {
            let queue = entries[n].queue
            precondition(queue == Self.b1 || queue == Self.b2, "ARC.insert: key \(key) is already resident")
            let b1 = Double(entries[queue: 2].weight), b2 = Double(entries[queue: 3].weight)
            if queue == Self.b1 {  // Case II
                let delta = b1 >= b2 ? Double(w) : Double(w) * b2 / b1
                p = min(p + delta, Double(c))
            } else {  // Case III
                let delta = b2 >= b1 ? Double(w) : Double(w) * b1 / b2
                p = max(p - delta, 0)
            }
            entries.drop(n, from: Int(queue))
            replaceUntilFits(w, incomingInB2: queue == Self.b2, onEvict: onEvict)
            entries.insert(key, weight: w, queue: Self.t2)
        } else {  // Case IV
            if entries[queue: 0].weight + entries[queue: 2].weight + w > c {  // A: |L1| = c
                if !entries[queue: 2].isEmpty {
                    while !entries[queue: 2].isEmpty && entries[queue: 0].weight + entries[queue: 2].weight + w > c { entries.dropTail(2) }
                    replaceUntilFits(w, incomingInB2: false, onEvict: onEvict)
                } else {
                    while occupied + w > c {
                        let q = entries[queue: 0].isEmpty ? 1 : 0
                        onEvict(entries.dropTail(q))
                    }
                }
            } else if occupied + entries[queue: 2].weight + entries[queue: 3].weight + w > c {  // B
                while occupied + entries[queue: 2].weight + entries[queue: 3].weight + w > 2 * c && !entries[queue: 3].isEmpty { entries.dropTail(3) }
                replaceUntilFits(w, incomingInB2: false, onEvict: onEvict)
            }
            entries.insert(key, weight: w, queue: Self.t1)
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
        guard let queue = entries.remove(key) else { return false }
        return queue == Self.t1 || queue == Self.t2
    }

    private mutating func replaceUntilFits(_ w: Int, incomingInB2: Bool, onEvict: (UInt64) -> Void) {
        while occupied + w > capacity && count > 0 {
            replace(incomingInB2: incomingInB2, onEvict: onEvict)
        }
    }

    /// REPLACE(x, p): demote the LRU of T1 or T2 to its ghost list.
    private mutating func replace(incomingInB2: Bool, onEvict: (UInt64) -> Void) {
        let t1 = Double(entries[queue: 0].weight)
        let fromT1 = !entries[queue: 0].isEmpty && ((incomingInB2 && t1 == p) || t1 > p)
        let (from, to): (Int, UInt8) = (fromT1 || entries[queue: 1].isEmpty) ? (0, Self.b1) : (1, Self.b2)
        let n = entries[queue: from].tail
        entries.move(n, from: from, to: to)
        onEvict(entries[n].key)
    }

    /// Keeps |L1| ≤ c and |L1| + |L2| ≤ 2c (no-ops with unit weights, where the cases
    /// above already maintain them).
    private mutating func trimGhosts() {
        while entries[queue: 0].weight + entries[queue: 2].weight > capacity && !entries[queue: 2].isEmpty { entries.dropTail(2) }
        while occupied + entries[queue: 2].weight + entries[queue: 3].weight > 2 * capacity && !entries[queue: 3].isEmpty { entries.dropTail(3) }
    }
}

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
    private var entries: EntryQueues

    public init(capacity: Int, parameters: PolicyParameters = .init()) throws {
        try checkCapacity(capacity, policy: Self.name)
        try parameters.validate(policy: Self.name, allowed: ["kin", "kout"])
        self.capacity = capacity
        kin = Int(Double(capacity) * (try parameters.fraction("kin", policy: Self.name, default: 0.25)))
        kout = Int(Double(capacity) * (try parameters.fraction("kout", policy: Self.name, default: 0.5, in: 0...10)))
        entries = EntryQueues(reservingCapacity: min(capacity + capacity / 2, 1 << 17))
    }

    public var occupied: Int { entries[queue: 0].weight + entries[queue: 1].weight }
    public var count: Int { entries[queue: 0].count + entries[queue: 1].count }

    public mutating func find(_ key: UInt64) -> Bool {
        guard let n = entries.find(key) else { return false }
        switch entries[n].queue {
        case Self.am: entries.moveToHead(n, in: 1); return true
        case Self.a1in: return true
        default: return false
        }
    }

    public mutating func insert(_ key: UInt64, weight: Int, onEvict: (UInt64) -> Void) -> Bool {
        guard weight <= capacity else { return false }
        // A key remembered in A1out was re-referenced after leaving A1in: it goes to Am.
        let queue = entries.dropGhost(key, in: Self.a1out, policy: "2Q") ? Self.am : Self.a1in
        makeRoom(for: weight, onEvict: onEvict)
        entries.insert(key, weight: weight, queue: queue)
        return true
    }

    public mutating func evict(onEvict: (UInt64) -> Void) -> Bool {
        if entries[queue: 0].weight > kin || (entries[queue: 1].isEmpty && !entries[queue: 0].isEmpty) {
            let n = entries[queue: 0].tail
            entries.move(n, from: 0, to: Self.a1out)
            onEvict(entries[n].key)
            while entries[queue: 2].weight > kout && !entries[queue: 2].isEmpty { entries.dropTail(2) }
            return true
        }
        guard !entries[queue: 1].isEmpty else { return false }
        onEvict(entries.dropTail(1))
        return true
    }

    public mutating func remove(_ key: UInt64) -> Bool {
        guard let queue = entries.remove(key) else { return false }
        return queue != Self.a1out
    }
}

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
    private var entries: EntryQueues

    public init(capacity: Int, parameters: PolicyParameters = .init()) throws {
        try checkCapacity(capacity, policy: Self.name)
        try parameters.validate(policy: Self.name, allowed: ["protected"])
        self.capacity = capacity
        protectedCapacity = Int(Double(capacity) * (try parameters.fraction("protected", policy: Self.name, default: 0.8)))
        entries = EntryQueues(reservingCapacity: min(capacity, 1 << 16))
    }

    public var occupied: Int { entries[queue: 0].weight + entries[queue: 1].weight }
    public var count: Int { entries[queue: 0].count + entries[queue: 1].count }

    public mutating func find(_ key: UInt64) -> Bool {
        guard let n = entries.find(key) else { return false }
        if entries[n].queue == Self.protected {
            entries.moveToHead(n, in: 1)
            return true
        }
        entries.move(n, from: 0, to: Self.protected)
        while entries[queue: 1].weight > protectedCapacity && entries[queue: 1].count > 1 {
            entries.move(entries[queue: 1].tail, from: 1, to: Self.probation)
        }
        return true
    }

    public mutating func insert(_ key: UInt64, weight: Int, onEvict: (UInt64) -> Void) -> Bool {
        guard makeRoom(for: weight, onEvict: onEvict) else { return false }
        entries.insert(key, weight: weight, queue: Self.probation)
        return true
    }

    public mutating func evict(onEvict: (UInt64) -> Void) -> Bool {
        let q = entries[queue: 0].isEmpty ? 1 : 0
        guard !entries[queue: q].isEmpty else { return false }
        onEvict(entries.dropTail(q))
        return true
    }

    public mutating func remove(_ key: UInt64) -> Bool {
        entries.remove(key) != nil
    }
}

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
public struct SIEVE: SingleQueuePolicy {
    public static let name = "sieve"
    public let capacity: Int
    var entries: EntryQueues
    /// Next node to examine; -1 means "start at the tail".
    private var hand: Int32 = -1

    public init(capacity: Int, parameters: PolicyParameters = .init()) throws {
        try checkCapacity(capacity, policy: Self.name)
        try parameters.validate(policy: Self.name, allowed: [])
        self.capacity = capacity
        entries = EntryQueues(reservingCapacity: min(capacity, 1 << 16))
    }

    public mutating func find(_ key: UInt64) -> Bool {
        guard let n = entries.find(key) else { return false }
        entries[n].bits = 1
        return true
    }

    public mutating func evict(onEvict: (UInt64) -> Void) -> Bool {
        let tail = entries[queue: 0].tail
        guard tail >= 0 else { return false }
        var o = hand >= 0 ? hand : tail
        while entries[o].bits != 0 {
            entries[o].bits = 0
            o = entries[o].prev >= 0 ? entries[o].prev : tail
        }
        hand = entries[o].prev
        onEvict(entries.drop(o, from: 0))
        return true
    }

    public mutating func remove(_ key: UInt64) -> Bool {
        guard let n = entries.find(key) else { return false }
        if hand == n { hand = entries[n].prev }
        entries.drop(n, from: 0)
        return true
    }
}

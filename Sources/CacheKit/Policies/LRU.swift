/// Least Recently Used: evict the entry whose last access is oldest.
///
/// The classic stack algorithm (Mattson, Gecsei, Slutz & Traiger, "Evaluation techniques
/// for storage hierarchies", IBM Systems Journal 1970), which is why its miss-ratio curve
/// can be computed exactly in one pass (`CacheAnalysis.MattsonLRU`).
///
///     hit(x):  move x to the head
///     miss(x): while full: evict the tail;  push x at the head
public struct LRU: SingleQueuePolicy {
    public static let name = "lru"
    public let capacity: Int
    var entries: EntryQueues

    public init(capacity: Int, parameters: PolicyParameters = .init()) throws {
        try checkCapacity(capacity, policy: Self.name)
        try parameters.validate(policy: Self.name, allowed: [])
        self.capacity = capacity
        entries = EntryQueues(reservingCapacity: min(capacity, 1 << 16))
    }

    // @inline(__always): keeps the hit path inside `simulate`'s loop, as it was before the
    // shared `EntryQueues` (see `SingleQueuePolicy.insert`).
    @inline(__always)
    public mutating func find(_ key: UInt64) -> Bool {
        guard let n = entries.find(key) else { return false }
        entries.moveToHead(n, in: 0)
        return true
    }

    public mutating func evict(onEvict: (UInt64) -> Void) -> Bool {
        guard !entries[queue: 0].isEmpty else { return false }
        onEvict(entries.dropTail(0))
        return true
    }
}

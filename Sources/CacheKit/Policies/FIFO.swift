/// First In, First Out: evict the entry inserted longest ago; hits change nothing.
///
/// Belady, Nelson & Shedler's FIFO (CACM 1969, the FIFO anomaly paper). Cheapest policy:
/// a hit touches no metadata, which is why FIFO variants scale (see S3-FIFO, SIEVE).
///
///     hit(x):  nothing
///     miss(x): while full: evict the tail;  push x at the head
public struct FIFO: SingleQueuePolicy {
    public static let name = "fifo"
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
        entries.find(key) != nil
    }

    public mutating func evict(onEvict: (UInt64) -> Void) -> Bool {
        guard !entries[queue: 0].isEmpty else { return false }
        onEvict(entries.dropTail(0))
        return true
    }
}

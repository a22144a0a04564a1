/// A policy that keeps its resident entries in one queue (queue 0 of its `EntryQueues`):
/// FIFO, LRU, CLOCK and SIEVE differ only in what a hit does and which entry they evict,
/// so their size accounting, insertion and removal live here once.
///
/// The requirements are met by an internal stored property, and every call is specialised
/// on the concrete policy (see `PolicyKind.simulate`), so this costs no dispatch.
protocol SingleQueuePolicy: EvictionPolicy {
    var entries: EntryQueues { get set }
}

extension SingleQueuePolicy {
    public var occupied: Int { entries[queue: 0].weight }
    public var count: Int { entries[queue: 0].count }

    /// Makes room by the policy's own `evict`, then pushes `key` at the head of the queue.
    // @inline(__always): left to the optimiser, this generic method (once specialised) was no
    // longer inlined into `simulate`'s loop, and FIFO/LRU/CLOCK lost ~10–25% of their
    // throughput (1M Zipf 0.99 requests, release, loaded 2-core machine).
    @inline(__always)
    @discardableResult
    public mutating func insert(_ key: UInt64, weight: Int, onEvict: (UInt64) -> Void) -> Bool {
        guard makeRoom(for: weight, onEvict: onEvict) else { return false }
        entries.insert(key, weight: weight, queue: 0)
        return true
    }

    @discardableResult
    public mutating func remove(_ key: UInt64) -> Bool {
        entries.remove(key) != nil
    }
}

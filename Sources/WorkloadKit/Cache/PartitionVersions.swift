import Atomics

/// One write counter per partition (conversation or user), bumped by every write that changes what a
/// read of that partition returns.
///
/// A cached page remembers the counter it was filled at; serving it after the counter moved on is a
/// stale read. Plain atomics in one allocation: readers and writers on different threads never lock.
public final class PartitionVersions: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<UnsafeAtomic<UInt64>.Storage>
    public let count: Int

    public init(count: Int) {
        precondition(count >= 0, "PartitionVersions: count must be ≥ 0, got \(count)")
        self.count = count
        storage = .allocate(capacity: max(1, count))
        for i in 0..<max(1, count) { (storage + i).initialize(to: .init(0)) }
    }

    deinit {
        storage.deinitialize(count: max(1, count))
        storage.deallocate()
    }

    /// The current version of `partition` (0 for partitions outside the range: new conversations are never read).
    @inline(__always)
    public func current(_ partition: Int) -> UInt64 {
        guard partition >= 0 && partition < count else { return 0 }
        return UnsafeAtomic<UInt64>(at: storage + partition).load(ordering: .acquiring)
    }

    /// Records a write to `partition` (ignored outside the range).
    @inline(__always)
    public func bump(_ partition: Int) {
        guard partition >= 0 && partition < count else { return }
        UnsafeAtomic<UInt64>(at: storage + partition).wrappingIncrement(ordering: .releasing)
    }
}

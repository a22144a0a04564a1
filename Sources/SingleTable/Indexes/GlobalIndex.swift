/// A global secondary index: its own partitions (by the index partition key), each a B-tree of entries.
///
/// Eventually consistent like DynamoDB's: with a propagation delay, table writes queue index mutations
/// that become visible once the clock passes their due time (applied lazily by the next reader or writer).
/// With no delay they apply inside the table write. Guarded by its own lock, always taken after a table
/// stripe lock, never before.
final class GlobalIndex: @unchecked Sendable {
    let schema: IndexSchema
    let delayNanos: UInt64
    let clock: EngineClock
    let lock = ReadWriteLock()
    private(set) var partitions: [PartitionKey: BTree<IndexEntry>] = [:]
    private(set) var directory = BTree<DirectoryEntry>()
    private(set) var entryCount = 0
    private(set) var sizeBytes = 0

    private struct Mutation {
        let due: UInt64
        let remove: (PartitionKey, [UInt8])?
        let insert: (PartitionKey, IndexEntry)?
    }
    private var pending: [Mutation] = []
    private var pendingHead = 0

    init(schema: IndexSchema, delayNanos: UInt64, clock: EngineClock) {
        self.schema = schema
        self.delayNanos = delayNanos
        self.clock = clock
    }

    /// Records that a table item changed from `old` to `new`; called with the item's stripe write-locked.
    /// Returns the index write units this change costs (0 when the index is untouched).
    func itemChanged(old: StoredItem?, new: StoredItem?) -> Double {
        let oldEntry = old.flatMap { item in schema.entryKey(for: item).map { (PartitionKey(item.attribute(schema.keys.partitionKey)!), $0) } }
        let newEntry = new.flatMap { item in schema.entryKey(for: item).map { (PartitionKey(item.attribute(schema.keys.partitionKey)!), IndexEntry(key: $0, item: item)) } }
        let units: Double
        switch (oldEntry, newEntry) {
        case (nil, nil):
            return 0
        case let (before?, after?):
            // Same index key: one write of the new image. A moved key: delete the old, put the new.
            let moved = !(before.0 == after.0 && before.1 == after.1.key)
            units = CapacityMath.writeUnits(schema.projectedSize(new!)) + (moved ? CapacityMath.writeUnits(schema.projectedSize(old!)) : 0)
        case (_?, nil):
            units = CapacityMath.writeUnits(schema.projectedSize(old!))
        case (nil, _?):
            units = CapacityMath.writeUnits(schema.projectedSize(new!))
        }
        lock.withWriteLock {
            let mutation = Mutation(due: delayNanos == 0 ? 0 : clock.nowNanos() &+ delayNanos, remove: oldEntry, insert: newEntry)
            if delayNanos == 0 {
                apply(mutation)
            } else {
                pending.append(mutation)
                applyDueLocked()
            }
        }
        return units
    }

    /// Makes every mutation whose time has come visible. Call before reading.
    func catchUp() {
        guard delayNanos > 0 else { return }
        lock.withWriteLock { applyDueLocked() }
    }

    private func applyDueLocked() {
        let now = clock.nowNanos()
        while pendingHead < pending.count, pending[pendingHead].due <= now {
            apply(pending[pendingHead])
            pendingHead += 1
        }
        if pendingHead > 1024 && pendingHead * 2 > pending.count {
            pending.removeFirst(pendingHead)
            pendingHead = 0
        }
    }

    private func apply(_ mutation: Mutation) {
        if let (partition, key) = mutation.remove, var tree = partitions[partition] {
            partitions[partition] = nil  // keep the tree uniquely referenced while mutating
            if let removed = tree.remove(key) {
                entryCount -= 1
                sizeBytes -= schema.projectedSize(removed.item)
            }
            if tree.isEmpty {
                directory.remove(partition.directoryKey)
            } else {
                partitions[partition] = tree
            }
        }
        if let (partition, entry) = mutation.insert {
            var tree = partitions.removeValue(forKey: partition) ?? {
                directory.insert(DirectoryEntry(partition))
                return BTree<IndexEntry>()
            }()
            if let replaced = tree.insert(entry) {
                sizeBytes -= schema.projectedSize(replaced.item)
            } else {
                entryCount += 1
            }
            sizeBytes += schema.projectedSize(entry.item)
            partitions[partition] = tree
        }
    }
}

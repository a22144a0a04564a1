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
        let remove: (partition: PartitionKey, key: [UInt8])?
        let insert: (partition: PartitionKey, entry: IndexEntry)?
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
        let oldEntry = old.flatMap(entry(for:))
        let newEntry = new.flatMap(entry(for:))
        let units: Double
        switch (oldEntry, newEntry) {
        case (nil, nil):
            return 0
        case let (before?, after?):
            // Same index key: one write of the new image. A moved key: delete the old, put the new.
            let moved = !(before.partition == after.partition && before.key == after.key)
            units = CapacityMath.writeUnits(schema.projectedSize(new!)) + (moved ? CapacityMath.writeUnits(schema.projectedSize(old!)) : 0)
        case (_?, nil):
            units = CapacityMath.writeUnits(schema.projectedSize(old!))
        case (nil, _?):
            units = CapacityMath.writeUnits(schema.projectedSize(new!))
        }
        let inserted = newEntry.map { (partition: $0.partition, entry: IndexEntry(key: $0.key, item: new!)) }
        lock.withWriteLock {
            if delayNanos == 0 {
                // Applied in place: building a `Mutation` only to apply it copied and destroyed both
                // (PartitionKey, key) tuples (callgrind, D pattern: ~300 instructions per indexed write).
                apply(remove: oldEntry, insert: inserted)
            } else {
                pending.append(Mutation(due: clock.nowNanos() &+ delayNanos, remove: oldEntry, insert: inserted))
                applyDueLocked()
            }
        }
        return units
    }

    /// The index partition and entry key of a table item, or nil when the index does not hold it (sparse).
    private func entry(for item: StoredItem) -> (partition: PartitionKey, key: [UInt8])? {
        guard let value = item.attribute(schema.keys.partitionKey),
              let key = schema.entryKey(for: item, partitionKeyPresent: true) else { return nil }
        return (PartitionKey(value), key)
    }

    /// Makes every mutation whose time has come visible. Call before reading.
    func catchUp() {
        guard delayNanos > 0 else { return }
        lock.withWriteLock { applyDueLocked() }
    }

    private func applyDueLocked() {
        let now = clock.nowNanos()
        while pendingHead < pending.count, pending[pendingHead].due <= now {
            apply(remove: pending[pendingHead].remove, insert: pending[pendingHead].insert)
            pendingHead += 1
        }
        if pendingHead > 1024 && pendingHead * 2 > pending.count {
            pending.removeFirst(pendingHead)
            pendingHead = 0
        }
    }

    /// The index partition the last mutation touched (always one that `partitions` holds). Item moves touch
    /// one index partition several times in a row: a Cruddur conversation's group items are each deleted and
    /// put again under one message_group_uuid, and an update that changes an index sort key removes and
    /// inserts in one partition. A hit skips the Dictionary's SipHash of the key and its probe (callgrind,
    /// D pattern: ~536 instructions per lookup; 3 of its 4 lookups per operation hit).
    private var recentKey: PartitionKey?
    private var recentTree: BTree<IndexEntry>?

    /// The tree of an index partition, or nil when the index has none. Index lock write-locked.
    @inline(__always)
    private func tree(for partition: PartitionKey) -> BTree<IndexEntry>? {
        // Hash first, then the value's bytes (`ValueOrder.equal`; `AttributeValue ==` copied both values).
        if let recentTree, let recentKey, recentKey.hash == partition.hash, ValueOrder.equal(recentKey.value, partition.value) {
            return recentTree
        }
        guard let tree = partitions[partition] else { return nil }
        remember(partition, tree)
        return tree
    }

    @inline(__always)
    private func remember(_ partition: PartitionKey, _ tree: BTree<IndexEntry>) {
        recentKey = partition
        recentTree = tree
    }

    private func apply(remove: (partition: PartitionKey, key: [UInt8])?, insert: (partition: PartitionKey, entry: IndexEntry)?) {
        // Trees are classes: one dictionary lookup per side, mutated in place.
        if let (partition, key) = remove, let tree = tree(for: partition) {
            if let removed = tree.remove(key) {
                entryCount -= 1
                sizeBytes -= schema.projectedSize(removed.item)
            }
            if tree.isEmpty {
                partitions[partition] = nil
                recentKey = nil
                recentTree = nil
                directory.remove(partition.directoryKey)
            }
        }
        if let (partition, entry) = insert {
            let tree: BTree<IndexEntry>
            if let existing = self.tree(for: partition) {
                tree = existing
            } else {
                tree = BTree<IndexEntry>()
                partitions[partition] = tree
                remember(partition, tree)
                directory.insert(DirectoryEntry(partition))
            }
            if let replaced = tree.insert(entry) {
                sizeBytes -= schema.projectedSize(replaced.item)
            } else {
                entryCount += 1
            }
            sizeBytes += schema.projectedSize(entry.item)
        }
    }
}

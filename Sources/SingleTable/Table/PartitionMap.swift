/// A stripe's partitions by partition key: open addressing with linear probing over (hash, partition) slots.
///
/// Why not `[PartitionKey: Partition]`: every GetItem, Query and write looks its partition up here, and for a
/// random key in a big table each dependent memory load is a likely cache miss (~570 ns measured on the
/// development machine). Swift's Dictionary reads its occupancy bitmap, then the stored key (whose string
/// bytes it compares), then the value array, then the partition object, and it runs SipHash over the key's
/// precomputed 64-bit hash first. Here one 16-byte slot holds the full hash and the partition reference, so
/// a lookup is: the slot, the partition object, and the key bytes to confirm the match; no rehashing.
///
/// The slot index comes from the hash's low bits (the stripe was chosen by its top bits). Deletion shifts
/// later entries of the probe run back (no tombstones), so probe runs stay short under churn.
struct PartitionMap {
    private struct Slot {
        var hash: UInt64
        var partition: Table.Partition?
    }

    private var slots: [Slot]
    private(set) var count = 0

    init() {
        slots = Array(repeating: Slot(hash: 0, partition: nil), count: PartitionMap.initialCapacity)
    }

    /// Slots in a new map (a power of two).
    static var initialCapacity: Int { 16 }

    @inline(__always) private var mask: Int { slots.count &- 1 }

    @inline(__always) private func home(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: hash) & mask }

    /// The slot holding `key`, or the empty slot that ends its probe run.
    @inline(__always)
    private func position(of key: PartitionKey) -> (index: Int, found: Bool) {
        var i = home(key.hash)
        while let partition = slots[i].partition {
            if slots[i].hash == key.hash && partition.key.value == key.value { return (i, true) }
            i = (i &+ 1) & mask
        }
        return (i, false)
    }

    subscript(key: PartitionKey) -> Table.Partition? {
        @inline(__always) get {
            let (i, found) = position(of: key)
            return found ? slots[i].partition : nil
        }
        set {
            if let newValue {
                insert(newValue, for: key)
            } else {
                remove(key)
            }
        }
    }

    /// Every partition, in no particular order.
    var values: [Table.Partition] { slots.compactMap(\.partition) }

    private mutating func insert(_ partition: Table.Partition, for key: PartitionKey) {
        let (i, found) = position(of: key)
        if found {
            slots[i].partition = partition
            return
        }
        slots[i] = Slot(hash: key.hash, partition: partition)
        count += 1
        // At most half full: probe runs stay a slot or two long.
        if count &* 2 > slots.count { grow() }
    }

    private mutating func remove(_ key: PartitionKey) {
        var (hole, found) = position(of: key)
        guard found else { return }
        slots[hole] = Slot(hash: 0, partition: nil)
        count -= 1
        // Move back each later entry of the run that may no longer be reachable past the hole.
        var i = hole
        while true {
            i = (i &+ 1) & mask
            guard slots[i].partition != nil else { return }
            let wanted = home(slots[i].hash)
            // The entry at i may fill the hole unless its home lies cyclically in (hole, i].
            let homeAfterHole = hole <= i ? (wanted > hole && wanted <= i) : (wanted > hole || wanted <= i)
            if !homeAfterHole {
                slots[hole] = slots[i]
                slots[i] = Slot(hash: 0, partition: nil)
                hole = i
            }
        }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(hash: 0, partition: nil), count: old.count * 2)
        for slot in old where slot.partition != nil {
            var i = home(slot.hash)
            while slots[i].partition != nil { i = (i &+ 1) & mask }
            slots[i] = slot
        }
    }
}

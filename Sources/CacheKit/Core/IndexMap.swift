/// An open-addressing hash map from `UInt64` keys to `Int` values.
///
/// Why not `Dictionary`: the simulator performs one lookup per request and the policies
/// one or two more per eviction; `Dictionary<UInt64, Int>` hashes with SipHash and checks
/// for resizing/uniqueness in ways we don't need. This map uses Fibonacci hashing,
/// linear probing and backward-shift deletion (no tombstones, so probe lengths never
/// degrade after many removals) over one flat array of 16-byte slots.
///
/// The map grows (doubling) when it becomes more than half full, so steady-state
/// simulation does not allocate.
public struct IndexMap: Sendable {
    struct Slot: Sendable {
        var key: UInt64
        /// `IndexMap.empty` marks a free slot.
        var value: Int
    }

    static let empty = Int.min

    private var slots: [Slot]
    private var shift: UInt64
    public private(set) var count: Int = 0

    public init(minimumCapacity: Int = 16) {
        var size = 16
        while size < minimumCapacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(key: 0, value: IndexMap.empty), count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    @inline(__always)
    private func home(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The value stored for `key`, or nil.
    @inline(__always)
    public func find(_ key: UInt64) -> Int? {
        let mask = slots.count - 1
        var i = home(key)
        while true {
            let slot = slots[i]
            if slot.value == IndexMap.empty { return nil }
            if slot.key == key { return slot.value }
            i = (i + 1) & mask
        }
    }

    /// Inserts or replaces the value for `key`. `value` must not be `Int.min`.
    public mutating func set(_ key: UInt64, _ value: Int) {
        precondition(value != IndexMap.empty, "IndexMap.set: Int.min is reserved as the empty marker")
        if (count + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var i = home(key)
        while true {
            if slots[i].value == IndexMap.empty {
                slots[i] = Slot(key: key, value: value)
                count += 1
                return
            }
            if slots[i].key == key {
                slots[i].value = value
                return
            }
            i = (i + 1) & mask
        }
    }

    /// Removes `key`; returns its value if it was present.
    @discardableResult
    public mutating func remove(_ key: UInt64) -> Int? {
        let mask = slots.count - 1
        var i = home(key)
        while true {
            let slot = slots[i]
            if slot.value == IndexMap.empty { return nil }
            if slot.key == key { break }
            i = (i + 1) & mask
        }
        let removed = slots[i].value
        // Backward-shift deletion: pull later members of the probe run into the hole
        // when the hole lies cyclically between their home slot and where they sit.
        var hole = i
        var j = (i + 1) & mask
        while slots[j].value != IndexMap.empty {
            let h = home(slots[j].key)
            let distanceToJ = (j - h) & mask
            let distanceToHole = (hole - h) & mask
            if distanceToHole < distanceToJ {
                slots[hole] = slots[j]
                hole = j
            }
            j = (j + 1) & mask
        }
        slots[hole].value = IndexMap.empty
        count -= 1
        return removed
    }

    public mutating func removeAll() {
        for i in slots.indices { slots[i].value = IndexMap.empty }
        count = 0
    }

    private mutating func grow() {
        let old = slots
        let size = old.count * 2
        slots = Array(repeating: Slot(key: 0, value: IndexMap.empty), count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        count = 0
        for slot in old where slot.value != IndexMap.empty { set(slot.key, slot.value) }
    }
}

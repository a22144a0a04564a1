import SortedCollections

/// Key bytes ordered as unsigned bytes, a shorter prefix first (the engine's order), for swift-collections'
/// sorted containers, which need `Comparable` keys.
struct ByteKey: Comparable {
    let bytes: [UInt8]

    static func < (a: ByteKey, b: ByteKey) -> Bool {
        a.bytes.withUnsafeBytes { x in
            b.bytes.withUnsafeBytes { y in
                let common = min(x.count, y.count)
                let c = common == 0 ? 0 : memcmpBytes(x.baseAddress!, y.baseAddress!, common)
                return c != 0 ? c < 0 : x.count < y.count
            }
        }
    }

    static func == (a: ByteKey, b: ByteKey) -> Bool { a.bytes == b.bytes }
}

@inline(__always)
func memcmpBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Int {
    // A plain loop over 8-byte words then bytes; Glibc's memcmp would need Foundation or Glibc imports here.
    var i = 0
    while i + 8 <= count {
        let x = a.loadUnaligned(fromByteOffset: i, as: UInt64.self).byteSwapped
        let y = b.loadUnaligned(fromByteOffset: i, as: UInt64.self).byteSwapped
        if x != y { return x < y ? -1 : 1 }
        i += 8
    }
    while i < count {
        let x = a.load(fromByteOffset: i, as: UInt8.self), y = b.load(fromByteOffset: i, as: UInt8.self)
        if x != y { return x < y ? -1 : 1 }
        i += 1
    }
    return 0
}

/// A SortedSet element acting as a map entry: ordered by key only.
struct Entry: Comparable {
    let key: ByteKey
    let value: Int
    static func < (a: Entry, b: Entry) -> Bool { a.key < b.key }
    static func == (a: Entry, b: Entry) -> Bool { a.key == b.key }
}

enum SortedCollectionsContenders {
    /// SortedDictionary<ByteKey, Int>: insert and point get. Its 1.6.0 API has no key-range lookup (only exact
    /// `index(forKey:)`), so the range figure comes from `SortedSet` below, the same B-tree underneath.
    static func sortedDictionary(_ set: IndexKeySet, allocatedBytes: () -> Int) -> IndexRun {
        var dictionary = SortedDictionary<ByteKey, Int>()
        let before = allocatedBytes()
        let insert = nanosPerOp(set.keys.count) {
            for i in set.keys.indices { dictionary.updateValue(i, forKey: ByteKey(bytes: set.keys[i])) }
        }
        let bytes = allocatedBytes() - before
        var getSum = 0
        let get = nanosPerOp(set.getProbes.count) {
            for p in set.getProbes { getSum &+= dictionary[ByteKey(bytes: set.keys[p])] ?? 0 }
        }
        return IndexRun(insertNanos: insert, getNanos: get, rangeNanos: nil, getChecksum: getSum, rangeChecksum: nil, insertBytes: bytes)
    }

    /// SortedSet<Entry>: insert, point get (`index(of:)`), and newest-N by `set[..<upper].reversed()`.
    static func sortedSet(_ set: IndexKeySet, allocatedBytes: () -> Int) -> IndexRun {
        var sorted = SortedSet<Entry>()
        let before = allocatedBytes()
        let insert = nanosPerOp(set.keys.count) {
            for i in set.keys.indices { sorted.insert(Entry(key: ByteKey(bytes: set.keys[i]), value: i)) }
        }
        let bytes = allocatedBytes() - before
        var getSum = 0
        let get = nanosPerOp(set.getProbes.count) {
            for p in set.getProbes {
                if let index = sorted.index(of: Entry(key: ByteKey(bytes: set.keys[p]), value: 0)) { getSum &+= sorted[index].value }
            }
        }
        var rangeSum = 0
        let range = nanosPerOp(set.rangePrefixes.count) {
            for r in set.rangePrefixes.indices {
                let prefix = set.rangePrefixes[r]
                var taken = 0
                for entry in sorted[..<Entry(key: ByteKey(bytes: set.rangeUpperBounds[r]), value: 0)].reversed() {
                    guard hasPrefix(entry.key.bytes, prefix) else { break }
                    rangeSum &+= entry.value
                    taken += 1
                    if taken == set.rangeLimit { break }
                }
            }
        }
        return IndexRun(insertNanos: insert, getNanos: get, rangeNanos: range, getChecksum: getSum, rangeChecksum: rangeSum, insertBytes: bytes)
    }
}

func nanosPerOp(_ operations: Int, _ body: () -> Void) -> Double {
    let elapsed = ContinuousClock().measure(body)
    let nanos = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
    return nanos / Double(max(1, operations))
}

/// Whether `bytes` starts with `prefix` (word-wise compare, as the other contenders' memcmp-based checks).
@inline(__always)
func hasPrefix(_ bytes: [UInt8], _ prefix: [UInt8]) -> Bool {
    guard bytes.count >= prefix.count else { return false }
    return bytes.withUnsafeBytes { b in
        prefix.withUnsafeBytes { p in p.isEmpty || memcmpBytes(b.baseAddress!, p.baseAddress!, p.count) == 0 }
    }
}

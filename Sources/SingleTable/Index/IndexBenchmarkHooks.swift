/// A public entry point that runs the engine's `BTree` on keys given from outside, for `stbench bench index`
/// (module PeerBench), which compares it with other ordered maps on identical keys.
///
/// Why it lives in this module: `BTree` is internal, and generic code called across modules runs
/// unspecialised; here the tree is specialised on a concrete element class as the table's own trees are.
/// Not used by the engine itself.
public enum IndexBenchmarkHooks {
    /// Nanoseconds per operation of one run, and checksums every contender must reproduce.
    public struct Timings: Sendable, Hashable {
        public var insertNanos: Double
        public var getNanos: Double
        public var rangeNanos: Double
        /// Sum of the values found by the point gets.
        public var getChecksum: Int
        /// Sum of the values visited by the range scans.
        public var rangeChecksum: Int
        /// Bytes the allocator reported as allocated by the insert phase (`allocatedBytes()` after − before).
        public var insertAllocatedBytes: Int
        public var height: Int
    }

    /// An element as the table stores them: a class instance holding its key bytes and a value.
    final class Element: BTreeElement {
        let key: [UInt8]
        let value: Int
        init(key: [UInt8], value: Int) {
            self.key = key
            self.value = value
        }
        @inline(__always)
        func withKeyBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R { try key.withUnsafeBytes(body) }
    }

    /// One run on a fresh tree.
    /// - keys: inserted in this order, key `i` with value `i` (the key arrays are built by the caller; the
    ///   timed insert wraps each in the engine's per-element object, which is part of the engine's cost).
    /// - getProbes: indices into `keys`, looked up one by one.
    /// - rangeUpperBounds / rangePrefixes: per range probe, an exclusive upper bound just above a partition
    ///   and the partition's key prefix; the newest `rangeLimit` keys below the bound with that prefix are visited.
    /// - allocatedBytes: the process's allocated-bytes counter (jemalloc's stats.allocated), read around the insert.
    public static func run(
        keys: [[UInt8]], getProbes: [Int], rangeUpperBounds: [[UInt8]], rangePrefixes: [[UInt8]], rangeLimit: Int,
        nodeCapacity: Int? = nil, allocatedBytes: () -> Int
    ) -> Timings {
        precondition(rangeUpperBounds.count == rangePrefixes.count,
                     "IndexBenchmarkHooks.run: rangeUpperBounds (\(rangeUpperBounds.count)) and rangePrefixes (\(rangePrefixes.count)) differ in count")
        let tree = BTree<Element>(nodeCapacity: nodeCapacity ?? BTree<Element>.defaultNodeCapacity)
        let before = allocatedBytes()
        let insert = nanosPerOp(keys.count) {
            for i in keys.indices { tree.insert(Element(key: keys[i], value: i)) }
        }
        let allocated = allocatedBytes() - before
        var getChecksum = 0
        let get = nanosPerOp(getProbes.count) {
            for p in getProbes { getChecksum &+= keys[p].withUnsafeBytes { tree.find($0)?.value ?? 0 } }
        }
        var rangeChecksum = 0
        let range = nanosPerOp(rangePrefixes.count) {
            for r in rangePrefixes.indices {
                rangePrefixes[r].withUnsafeBytes { prefix in
                    var taken = 0
                    tree.visit(from: .exclusive(rangeUpperBounds[r]), direction: .backward) { e in
                        let inPartition = e.key.withUnsafeBytes { key in
                            key.count >= prefix.count && compareKeyBytes(UnsafeRawBufferPointer(rebasing: key[..<prefix.count]), prefix) == 0
                        }
                        guard inPartition else { return false }
                        rangeChecksum &+= e.value
                        taken += 1
                        return taken < rangeLimit
                    }
                }
            }
        }
        return Timings(insertNanos: insert, getNanos: get, rangeNanos: range, getChecksum: getChecksum,
                       rangeChecksum: rangeChecksum, insertAllocatedBytes: allocated, height: tree.shape().height)
    }

    static func nanosPerOp(_ operations: Int, _ body: () -> Void) -> Double {
        let elapsed = ContinuousClock().measure(body)
        let nanos = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        return nanos / Double(max(1, operations))
    }
}

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
        /// Levels of the tree after the inserts (a root leaf is height 1): each level is one more dependent
        /// node visit per lookup, so the shape explains a point-get figure.
        public var height: Int
        /// Elements per leaf slot over all leaves (0 ... 1), after the inserts.
        public var leafFill: Double
    }

    /// An element as the table stores them: one allocation holding its value and, inline, its key bytes
    /// (the table's `ItemRecord` is likewise a `ManagedBuffer` with the sort key at the start of its tail).
    /// An element holding a `[UInt8]` cost a second dependent miss per key comparison (object, then array).
    final class Element: ManagedBuffer<ElementHeader, UInt8>, BTreeElement {
        static func make(key: [UInt8], value: Int) -> Element {
            let buffer = Element.create(minimumCapacity: key.count) { _ in ElementHeader(value: value, keyLength: key.count) }
            let element = unsafeDowncast(buffer, to: Element.self)
            element.withUnsafeMutablePointerToElements { bytes in
                key.withUnsafeBufferPointer { source in
                    if let start = source.baseAddress, source.count > 0 { bytes.update(from: start, count: source.count) }
                }
            }
            return element
        }

        /// Through the header's address, not `header`: `ManagedBuffer.header` is a class's stored property,
        /// and each read of it paid a dynamic exclusivity check (`swift_beginAccess`, 76 instructions with its
        /// thread-local lookup: 6 % of a point get under callgrind).
        @inline(__always) var value: Int { withUnsafeMutablePointerToHeader { $0.pointee.value } }

        @inline(__always)
        func withKeyBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
            try withUnsafeMutablePointers { header, bytes in
                try body(UnsafeRawBufferPointer(start: bytes, count: header.pointee.keyLength))
            }
        }
    }

    struct ElementHeader {
        var value: Int
        var keyLength: Int
    }

    /// One run on a fresh tree.
    /// - keys: inserted in this order, key `i` with value `i` (the key arrays are built by the caller; the
    ///   timed insert copies each into the engine's per-element object, which is part of the engine's cost).
    /// - getProbes: indices into `keys`, looked up one by one.
    /// - rangeUpperBounds / rangePrefixes: per range probe, an exclusive upper bound just above a partition
    ///   and the partition's key prefix (the bound is the prefix with its last byte raised by one, so the keys
    ///   from the prefix up to the bound are exactly those with the prefix); the newest `rangeLimit` are visited.
    /// - allocatedBytes: the process's allocated-bytes counter (jemalloc's stats.allocated), read around the insert.
    public static func run(
        keys: [[UInt8]], getProbes: [Int], rangeUpperBounds: [[UInt8]], rangePrefixes: [[UInt8]], rangeLimit: Int,
        nodeCapacity: Int? = nil, allocatedBytes: () -> Int
    ) -> Timings {
        precondition(rangeUpperBounds.count == rangePrefixes.count,
                     "IndexBenchmarkHooks.run: rangeUpperBounds (\(rangeUpperBounds.count)) and rangePrefixes (\(rangePrefixes.count)) differ in count")
        let tree = BTree<Element>(nodeCapacity: nodeCapacity ?? BTree<Element>.defaultNodeCapacity)
        let before = allocatedBytes()
        let insert = nanosPerOp(keys.count) { insertPhase(keys, into: tree) }
        let allocated = allocatedBytes() - before
        var getChecksum = 0
        let get = nanosPerOp(getProbes.count) { getChecksum = getPhase(getProbes, keys: keys, in: tree) }
        var rangeChecksum = 0
        let range = nanosPerOp(rangePrefixes.count) {
            rangeChecksum = rangePhase(upperBounds: rangeUpperBounds, prefixes: rangePrefixes, limit: rangeLimit, in: tree)
        }
        let shape = tree.shape()
        return Timings(insertNanos: insert, getNanos: get, rangeNanos: range, getChecksum: getChecksum,
                       rangeChecksum: rangeChecksum, insertAllocatedBytes: allocated, height: shape.height, leafFill: shape.leafFill)
    }

    // The phases are separate functions, never inlined, so a profiler can count one phase alone
    // (`valgrind --tool=cachegrind --toggle-collect='*getPhase*'`).

    @inline(never)
    static func insertPhase(_ keys: [[UInt8]], into tree: BTree<Element>) {
        for i in keys.indices { tree.insert(Element.make(key: keys[i], value: i)) }
    }

    @inline(never)
    static func getPhase(_ probes: [Int], keys: [[UInt8]], in tree: BTree<Element>) -> Int {
        var checksum = 0
        for p in probes { checksum &+= keys[p].withUnsafeBytes { tree.withElement(forKey: $0) { $0.value } ?? 0 } }
        return checksum
    }

    /// Newest `limit` elements of each partition: backward from the bound just above the partition down to its
    /// prefix (inclusive), so the tree, not the body, tells where the partition ends (see `BTree.visit`).
    @inline(never)
    static func rangePhase(upperBounds: [[UInt8]], prefixes: [[UInt8]], limit: Int, in tree: BTree<Element>) -> Int {
        var checksum = 0
        for r in prefixes.indices {
            var taken = 0
            tree.visit(from: .exclusive(upperBounds[r]), to: .inclusive(prefixes[r]), direction: .backward) { e in
                checksum &+= e.value
                taken += 1
                return taken < limit
            }
        }
        return checksum
    }

    static func nanosPerOp(_ operations: Int, _ body: () -> Void) -> Double {
        let elapsed = ContinuousClock().measure(body)
        let nanos = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        return nanos / Double(max(1, operations))
    }
}

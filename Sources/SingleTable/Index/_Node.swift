#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CShims

/// One B-tree node: up to `elementCapacity` elements in key order and, in an internal node, `count + 1` children.
///
/// Why this shape: elements and children live in flat, fixed-size arrays in the node's one allocation, so a search
/// is a binary search over contiguous references with no copy-on-write checks, and an insert shifts a few
/// pointers. Child `i` holds the keys between `elements[i - 1]` and `elements[i]`.
/// Child slots are optionals, all initialised (nil when unused), so a node can be emptied by moving its
/// children out without bookkeeping about which slots are live.
///
/// Key chunks: comparing through an element costs two dependent cache misses (element, then its key bytes);
/// in the first version `perf` put over 90 % of the search loop's samples on those two loads. So each node
/// also keeps the prefix that all its keys share (`prefix`, up to `maximumPrefixLength` bytes) and, per
/// element, the next 8 key bytes as a big-endian integer (`chunks`). A search compares the key with the
/// prefix once, then binary-searches the chunks in node memory and only follows an element when chunks tie.
/// Invariant: every key in the node starts with `prefix[0..<prefixLength]` and `chunks[i]` is
/// `chunk(key(i), from: prefixLength)`; removals keep it (a common prefix stays common), insertions refresh
/// it when the new key does not share the prefix.
///
/// Tie chunks: chunks alone failed on composite keys. A leaf of the 1M-message index spans about two
/// conversations, so its prefix ends inside the conversation id and all ~50 keys of one conversation have
/// the same chunk; a binary search then followed ~6 elements one after another (12 dependent misses).
/// Keys with equal chunks form one consecutive run (chunks are monotone), and the keys of a run share a much
/// longer prefix (conversation id and the start of the timestamp). So each node also keeps `tieOffset`, a
/// length that every run of two or more equal chunks shares, and per element `tieChunks[i]` =
/// `chunk(key(i), from: tieOffset)`. A search follows one element at its first tie, which tells it whether
/// the key shares the run's first `tieOffset` bytes (then tie chunks order it within the run) or lies
/// wholly below or above the run. Invariant: for every run `i..<j` (j - i >= 2) of equal chunks,
/// `key(i)` and `key(j - 1)` share their first `tieOffset` bytes (so every key of the run does), and
/// `tieChunks[i]` is `chunk(key(i), from: tieOffset)` for every element. Removals keep it; an insertion
/// into a run whose new key does not share the run's `tieOffset` bytes lowers `tieOffset` and recomputes
/// the tie chunks.
final class _Node<Element: BTreeElement>: ManagedBuffer<_NodeHeader, UInt64> {
    static var maximumPrefixLength: Int { 64 }
    /// `tieOffset` of a node with no run of equal chunks: any run created later lowers it.
    static var noTieOffset: Int { Int(UInt16.max) }

    // The node is one allocation: the object header, `_NodeHeader`, then the tail words holding `prefix`,
    // `summary`, `chunks`, `tieChunks`, `children` (internal nodes) and `elements`, in the order a search
    // reads them; at capacity 128 the header, prefix and summary are the first 6 lines, and each of the
    // other arrays starts on a line, so a group of 8 chunks (or tie chunks, or slots) is one line.
    // As an object plus a separate block, every node on a search path cost two dependent misses (the
    // object, for the block's address, then the block); here the tail's address is the object's plus a
    // constant. Measured against the object-plus-block node (`stbench bench index-contender engine`, 1M
    // keys, alternating builds, 2 x 10 pairs): point get 1.14x and 1.07x faster (medians), range 1.03x and
    // 0.97x, insert 0.92x and 1.11x; instructions +0.2% on the gate's Query patterns. (A first attempt,
    // measured before paired runs, saw no gain and +2.7% instructions; most of those came from computing
    // the elements' offset on every access, now stored in the header.)

    /// A new, empty node with room for `capacity` elements.
    static func make(capacity: Int, isLeaf: Bool) -> _Node {
        precondition(
            MemoryLayout<Element>.stride == 8 && MemoryLayout<_Node?>.stride == 8,
            "_Node: expected elements and child slots to be one pointer wide")
        let prefixWords = maximumPrefixLength / 8
        let summaryWords = summaryWords(capacity: capacity)
        let childWords = childSlots(capacity: capacity)
        let words = prefixWords + summaryWords + 2 * capacity + (isLeaf ? 0 : childWords) + capacity
        let childrenOffset = childrenOffset(capacity: capacity)
        let buffer = create(minimumCapacity: words) { _ in
            _NodeHeader(count: 0, prefixLength: 0, tieOffset: noTieOffset, capacity: capacity, isLeaf: isLeaf,
                        elementsOffset: childrenOffset + (isLeaf ? 0 : 8 * childWords))
        }
        let node = unsafeDowncast(buffer, to: _Node.self)
        let base = node.tailStart
        assert(base - UnsafeMutableRawPointer(Unmanaged.passUnretained(node).toOpaque()) == tailOffset,
               "_Node: the tail starts \(base - UnsafeMutableRawPointer(Unmanaged.passUnretained(node).toOpaque())) bytes in, not \(tailOffset)")
        base.bindMemory(to: UInt8.self, capacity: maximumPrefixLength)
        (base + maximumPrefixLength).bindMemory(to: UInt64.self, capacity: summaryWords + 2 * capacity)
        if !isLeaf {
            let children = (base + childrenOffset).bindMemory(to: _Node?.self, capacity: childWords)
            children.initialize(repeating: nil, count: childWords)
        }
        (base + node.head.pointee.elementsOffset).bindMemory(to: Element.self, capacity: capacity)
        return node
    }

    deinit {
        elements.deinitialize(count: count)
        children?.deinitialize(count: _Node.childSlots(capacity: elementCapacity))
    }

    @inline(__always) private var head: UnsafeMutablePointer<_NodeHeader> { withUnsafeMutablePointerToHeader { $0 } }
    @inline(__always) private var tailStart: UnsafeMutableRawPointer {
        UnsafeMutableRawPointer(withUnsafeMutablePointerToElements { $0 })
    }
    /// Bytes from the tail's start to `children`: after the prefix, the summary, the chunks and the tie chunks.
    @inline(__always) private static func childrenOffset(capacity: Int) -> Int {
        maximumPrefixLength &+ 8 &* summaryWords(capacity: capacity) &+ 16 &* capacity
    }
    /// Words of the summary: a chunk and a tie chunk for each group of `groupSize` elements.
    @inline(__always) static func summaryWords(capacity: Int) -> Int { 2 &* groupCount(capacity) }
    /// Child slots: `capacity + 1`, rounded up to whole cache lines so the element slots after them start
    /// on a line, as a group's slots then fill one line (see `summary`).
    @inline(__always) static func childSlots(capacity: Int) -> Int { (capacity &+ 1 &+ 7) & ~7 }
    /// Elements per summary group: the chunks of one cache line.
    @inline(__always) static var groupSize: Int { 1 &<< groupShift }
    @inline(__always) static var groupShift: Int { 3 }
    /// Groups that `count` elements fill (the last one possibly in part).
    @inline(__always) static func groupCount(_ count: Int) -> Int { (count &+ groupSize &- 1) &>> groupShift }
    /// The summary word of the chunk of group `group`'s first element (the tie chunk's is the next one).
    @inline(__always) static func summaryWord(ofGroup group: Int) -> Int { 2 &* group }
    /// Bytes from a node's address to its tail: the object header (16) and `_NodeHeader` (48), one line
    /// (`make` checks it).
    @inline(__always) static var tailOffset: Int { 64 }

    /// Maximum elements.
    @inline(__always) var elementCapacity: Int { head.pointee.capacity }
    /// Number of elements (`elements[0..<count]` are initialised).
    @inline(__always) var count: Int {
        get { head.pointee.count }
        set { head.pointee.count = newValue }
    }
    @inline(__always) var prefixLength: Int {
        get { head.pointee.prefixLength }
        set { head.pointee.prefixLength = newValue }
    }
    /// A length every run of two or more equal chunks shares (see the type's comment).
    @inline(__always) var tieOffset: Int {
        get { head.pointee.tieOffset }
        set { head.pointee.tieOffset = newValue }
    }
    @inline(__always) var prefix: UnsafeMutablePointer<UInt8> { tailStart.assumingMemoryBound(to: UInt8.self) }
    /// Word `2k` is `chunks[8k]` and word `2k + 1` is `tieChunks[8k]`: the first (chunk, tie chunk) pair of
    /// each group of 8 elements, right after the prefix, so the lines a lookup reads first (header, prefix,
    /// summary) are adjacent and the parent can start loading them all (`prefetchChild`).
    ///
    /// Why: a lookup used to binary-search all the chunks and tie chunks, and prefetched their 32 lines to
    /// overlap its misses; then it read the element slot, then the element. The summary picks the group,
    /// and only that group's chunk, tie-chunk and slot lines are loaded, together: one step and 4 lines
    /// where there were two steps and 33 (see `firstPair(notBelow:_:stats:)`).
    /// Invariant: for every group `k` with `8k < count`, the words are `chunks[8k]` and `tieChunks[8k]`.
    @inline(__always) var summary: UnsafeMutablePointer<UInt64> {
        (tailStart + _Node.maximumPrefixLength).assumingMemoryBound(to: UInt64.self)
    }
    @inline(__always) var chunks: UnsafeMutablePointer<UInt64> {
        summary + _Node.summaryWords(capacity: elementCapacity)
    }
    @inline(__always) var tieChunks: UnsafeMutablePointer<UInt64> { chunks + elementCapacity }
    /// nil for a leaf; `capacity + 1` slots for an internal node (and unused ones to the next line).
    @inline(__always) var children: UnsafeMutablePointer<_Node?>? {
        head.pointee.isLeaf ? nil : (tailStart + _Node.childrenOffset(capacity: elementCapacity)).assumingMemoryBound(to: _Node?.self)
    }
    /// (The offset is stored: computed from the capacity and kind on every access, a leaf visit's loop
    /// took 139 more instructions per Query, callgrind.)
    @inline(__always) var elements: UnsafeMutablePointer<Element> {
        (tailStart + head.pointee.elementsOffset).assumingMemoryBound(to: Element.self)
    }

    @inline(__always) var isLeaf: Bool { head.pointee.isLeaf }

    @inline(__always) func child(_ index: Int) -> _Node {
        children.unsafelyUnwrapped[index].unsafelyUnwrapped
    }

    /// Runs `body` on the key bytes of element `index` without retaining the element.
    ///
    /// Why: reading a class reference out of node memory retains it and releases it afterwards, and each is
    /// an atomic read-modify-write on the element's first cache line (x86 `lock` instructions wait for the
    /// loads before them, so they also serialise the misses a search would overlap). The node keeps the
    /// element alive while the caller keeps the node, so a comparison needs no reference of its own.
    @inline(__always)
    func withKeyBytes<R>(ofElementAt index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withElement(at: index) { try $0.withKeyBytes(body) }
    }

    /// Runs `body` on element `index`, not retained for the call (see `withKeyBytes(ofElementAt:_:)`); `body`
    /// retains it if it keeps it.
    @inline(__always)
    func withElement<R>(at index: Int, _ body: (Element) throws -> R) rethrows -> R {
        try unretainedElement(index)._withUnsafeGuaranteedRef(body)
    }

    /// Element `index`, not retained (see `withKeyBytes(ofElementAt:_:)`): valid while this node keeps it.
    @inline(__always)
    func unretainedElement(_ index: Int) -> Unmanaged<Element> {
        Unmanaged.fromOpaque(UnsafeRawPointer(elements + index).load(as: UnsafeRawPointer.self))
    }

    /// Child `index` of an internal node, not retained (see `withKeyBytes(ofElementAt:_:)`): valid while this
    /// node keeps it, that is until the tree is next mutated.
    @inline(__always)
    func unretainedChild(_ index: Int) -> Unmanaged<_Node> {
        Unmanaged.fromOpaque(UnsafeRawPointer(children.unsafelyUnwrapped + index).load(as: UnsafeRawPointer.self))
    }

    /// Where `key` is (found) or, if absent, the index of the first element above it (in an internal node,
    /// the child that holds it), with the one or two element reads overlapped with loading that child.
    ///
    /// Why: a binary search over the chunks (`binarySearch`) resolves a tie of chunks by reading the run's
    /// first probed element, and only then knows the child to descend to, so the element's miss and the
    /// child's miss come one after the other. Parents of leaves in the 1M-key index tie on almost every
    /// lookup (a conversation's keys share their chunk, and most conversations hold a separator). Here the
    /// (chunk, tie chunk) pairs pick the position (`firstPair`) as if the key shared the run's first
    /// `tieOffset` bytes; the child there starts loading, and the one or two run elements beside the
    /// position are read and compared. If the key does share those bytes, tie chunks order it exactly and
    /// the comparisons agree. If it does not, it lies below or above the whole run, a comparison says so,
    /// and the run's start or end is the answer (a range's bound just above a partition, `MSG#<id>}`, is
    /// such a key: it shares the partition's chunk but not its keys' `|<timestamp>` bytes; sending it to
    /// `binarySearch` made the newest-20 range 1.07x-1.22x slower). At a pair equal to the key's, the
    /// element there is compared: it is most often the key; if not, `binarySearch` decides, as only whole
    /// keys order equal pairs.
    @inline(__always)
    func search<Stats: BTreeStatsSink>(_ key: UnsafeRawBufferPointer, stats: inout Stats) -> (index: Int, found: Bool) {
        stats.nodeVisited()
        if prefixLength > 0 { stats.keyCompared() }
        let comparator = _NodeKeyComparator(key, node: self)
        if comparator.prefixOrder != 0 { return (comparator.prefixOrder > 0 ? 0 : count, false) }
        let target = comparator.target
        let tieTarget = _Node.chunk(key, from: tieOffset)
        let position = firstPair(notBelow: target, tieTarget, stats: &stats)
        let atPosition = position < count ? pair(at: position) : nil
        if let atPosition, atPosition.chunk == target && atPosition.tie == tieTarget {
            // Most often the key itself (a removal, a replacing insert, a lookup ending at a separator).
            stats.keyCompared()
            if withKeyBytes(ofElementAt: position, { compareKeyBytes($0, key) }) == 0 { return (position, true) }
            return binarySearch(comparator, stats: &stats)
        }
        let aboveInRun = atPosition?.chunk == target
        if aboveInRun && key.count < tieOffset {
            return placeShortKey(key, atRunStart: position, chunk: target, stats: &stats)
        }
        if !isLeaf { prefetchChild(position) }
        let belowInRun = position > 0 && chunks[position &- 1] == target
        if belowInRun { prefetchElements(from: position &- 1, step: 1, count: 1) }
        if aboveInRun {
            stats.keyCompared()
            if withKeyBytes(ofElementAt: position, { compareKeyBytes($0, key) }) < 0 {
                return (runEnd(of: target, stats: &stats), false)  // above the whole run
            }
        }
        if belowInRun {
            stats.keyCompared()
            if withKeyBytes(ofElementAt: position &- 1, { compareKeyBytes($0, key) }) > 0 {
                return (firstPair(notBelow: target, 0, stats: &stats), false)  // below the whole run: its start
            }
        }
        return (position, false)
    }

    /// `search` for a key too short to share a run's first `tieOffset` bytes, whose chunk is the run's: it
    /// lies below or above the whole run, and the run's first element says which. Its tie chunk is zero,
    /// so `firstPair` put it at the run's start. A range's bound just above a partition (`MSG#<id>}`) is
    /// such a key; loading the child at the run's start before this comparison, as full-length keys do,
    /// loaded the wrong child whenever the key lay above the run, and the newest-20 range took 1.09x-1.13x
    /// the time of the binary search that `search` replaced.
    @inline(__always)
    private func placeShortKey<Stats: BTreeStatsSink>(
        _ key: UnsafeRawBufferPointer, atRunStart start: Int, chunk: UInt64, stats: inout Stats
    ) -> (index: Int, found: Bool) {
        prefetchRunEnd(of: chunk, stats: &stats)
        stats.keyCompared()
        // Not equal: an equal key has an equal pair, which `search` handled.
        let keyBelowRun = withKeyBytes(ofElementAt: start, { compareKeyBytes($0, key) }) > 0
        let index = keyBelowRun ? start : runEnd(of: chunk, stats: &stats)
        if !isLeaf { prefetchChild(index) }
        return (index, false)
    }

    /// The end of the run of elements whose chunk is `chunk`: the first index whose chunk is above it.
    @inline(__always)
    private func runEnd<Stats: BTreeStatsSink>(of chunk: UInt64, stats: inout Stats) -> Int {
        chunk == .max ? count : firstPair(notBelow: chunk &+ 1, 0, stats: &stats)
    }

    /// Starts loading the chunk line `runEnd(of: chunk)` will search (the summary, in cache already, tells
    /// which), so it loads while the caller reads an element.
    @inline(__always)
    private func prefetchRunEnd<Stats: BTreeStatsSink>(of chunk: UInt64, stats: inout Stats) {
        guard chunk != .max else { return }
        let group = summaryGroup(notBelow: chunk &+ 1, 0, stats: &stats)
        if group > 0 { stbench_prefetch(UnsafeRawPointer(chunks + ((group &- 1) &<< _Node.groupShift))) }
    }

    /// `search`'s exact fallback: a binary search over every chunk, following at most one element at the
    /// first tie of chunks, then one per tie of tie chunks (see `_NodeKeyComparator`). The caller has
    /// counted the visit and the prefix comparison, and `comparator` has placed the key within the prefix.
    private func binarySearch<Stats: BTreeStatsSink>(
        _ comparator: _NodeKeyComparator<Element>, stats: inout Stats
    ) -> (index: Int, found: Bool) {
        var comparator = comparator
        prefetchLines(of: chunks)
        var low = 0
        var high = count
        while low < high {
            let middle = (low &+ high) &>> 1
            stats.keyCompared()
            let order = comparator.compare(middle, in: self, searching: low..<high)
            if order < 0 {
                low = middle &+ 1
            } else if order > 0 {
                high = middle
            } else {
                return (middle, true)
            }
        }
        return (low, false)
    }

    /// Starts loading child `index`'s header, prefix and summary lines, which its lookup reads before
    /// anything else and which lie together at its start. (Also loading its 16 chunk lines, before the
    /// summary existed, made gets 3 % slower in interleaved blocks on one tree, two runs of 30 rounds: the
    /// misses of a get already queue.)
    @inline(__always)
    func prefetchChild(_ index: Int) {
        let start = UnsafeRawPointer(unretainedChild(index).toOpaque())
        // A child's layout up to its chunks is this node's (same capacity: only a root leaf differs).
        // (The bytes, not the chunks' address less the node's: computing that cost 12 instructions per get.)
        let end = _Node.tailOffset &+ _Node.maximumPrefixLength &+ 8 &* _Node.summaryWords(capacity: elementCapacity)
        var offset = 0
        while offset < end {
            stbench_prefetch(start + offset)
            offset &+= 64
        }
    }

    /// A leaf's element equal to `key`, if any: `search` for a lookup that need not place an absent key.
    ///
    /// Why: at a run of equal chunks `search` reads the run's first probed element to learn whether the key
    /// shares the run's first `tieOffset` bytes, and only then reads the element it finds: two dependent
    /// misses in a leaf of the 1M-key index. A lookup needs neither answer. The run's keys share those
    /// bytes, so their (chunk, tie chunk) pairs ascend, and only elements whose pair equals the key's can
    /// equal it (a key that does not share the bytes equals none of them, and the full comparison says
    /// so); those candidates, usually one, are read and compared whole.
    @inline(__always)
    func find<Stats: BTreeStatsSink>(leafKey key: UnsafeRawBufferPointer, stats: inout Stats) -> Int? {
        stats.nodeVisited()
        if prefixLength > 0 { stats.keyCompared() }
        guard sharesPrefix(key) else { return nil }
        let target = _Node.chunk(key, from: prefixLength)
        let tieTarget = _Node.chunk(key, from: tieOffset)
        var i = firstPair(notBelow: target, tieTarget, stats: &stats)
        while i < count {
            let candidate = pair(at: i)
            guard candidate.chunk == target && candidate.tie == tieTarget else { return nil }
            stats.keyCompared()
            if withKeyBytes(ofElementAt: i, { compareKeyBytes($0, key) }) == 0 { return i }
            i &+= 1
        }
        return nil
    }

    /// Element `index`'s chunk and tie chunk; a group's first from the summary, whose line a lookup has
    /// already read, where the group's own chunk lines may not be loading.
    @inline(__always)
    func pair(at index: Int) -> (chunk: UInt64, tie: UInt64) {
        if index & (_Node.groupSize &- 1) == 0 {
            let word = _Node.summaryWord(ofGroup: index &>> _Node.groupShift)
            return (summary[word], summary[word &+ 1])
        }
        return (chunks[index], tieChunks[index])
    }

    /// The first index whose (chunk, tie chunk) pair is not below (`chunk`, `tie`), or `count`: the summary
    /// picks the group, then that group's lines alone are searched. The pairs ascend (chunks ascend, and
    /// within a run of equal chunks the keys share their first `tieOffset` bytes, so tie chunks ascend).
    ///
    /// It starts loading, together, the group's chunk and tie-chunk lines and the element and child slots
    /// of the indices it can return, so the caller's next read (an element or a child) costs no further
    /// step.
    @inline(__always)
    func firstPair<Stats: BTreeStatsSink>(notBelow chunk: UInt64, _ tie: UInt64, stats: inout Stats) -> Int {
        let group = summaryGroup(notBelow: chunk, tie, stats: &stats)
        guard group > 0 else {
            stbench_prefetch(UnsafeRawPointer(elements))
            if let children { stbench_prefetch(UnsafeRawPointer(children)) }
            return 0
        }
        // Group `group - 1`'s first pair is below the key's and group `group`'s (if any) is not: the answer is
        // one of the indices after the former's first, up to the latter's first.
        let first = ((group &- 1) &<< _Node.groupShift) &+ 1
        let last = Swift.min(group &<< _Node.groupShift, count)
        let groupStart = first &- 1
        stbench_prefetch(UnsafeRawPointer(chunks + groupStart))
        stbench_prefetch(UnsafeRawPointer(tieChunks + groupStart))
        prefetchSlots(UnsafeRawPointer(elements + first), through: UnsafeRawPointer(elements + last))
        if let children { prefetchSlots(UnsafeRawPointer(children + first), through: UnsafeRawPointer(children + last)) }
        var low = first
        var high = last
        while low < high {
            let middle = (low &+ high) &>> 1
            stats.keyCompared()
            // (Written out, not a helper taking both words: the tie chunk is loaded only at equal chunks;
            // a helper loaded it every step, +11 instructions per index get.)
            let c = chunks[middle]
            if c < chunk || (c == chunk && tieChunks[middle] < tie) { low = middle &+ 1 } else { high = middle }
        }
        return low
    }

    /// The first group whose first pair is not below (`chunk`, `tie`), or the number of groups.
    @inline(__always)
    private func summaryGroup<Stats: BTreeStatsSink>(notBelow chunk: UInt64, _ tie: UInt64, stats: inout Stats) -> Int {
        var low = 0
        var high = _Node.groupCount(count)
        while low < high {
            let middle = (low &+ high) &>> 1
            stats.keyCompared()
            let word = _Node.summaryWord(ofGroup: middle)
            let c = summary[word]
            if c < chunk || (c == chunk && summary[word &+ 1] < tie) { low = middle &+ 1 } else { high = middle }
        }
        return low
    }

    /// Starts loading the lines from `start` through `end` (at most two: 8 slots from a group's second).
    @inline(__always)
    private func prefetchSlots(_ start: UnsafeRawPointer, through end: UnsafeRawPointer) {
        stbench_prefetch(start)
        if UInt(bitPattern: start) &>> 6 != UInt(bitPattern: end) &>> 6 { stbench_prefetch(end) }
    }

    /// Starts loading every cache line of `values[0..<count]` (the chunks or the tie chunks), so a binary
    /// search's misses overlap instead of following one another.
    @inline(__always)
    func prefetchLines(of values: UnsafeMutablePointer<UInt64>) {
        let bytes = count &* MemoryLayout<UInt64>.stride
        var offset = 0
        while offset < bytes {
            stbench_prefetch(UnsafeRawPointer(values) + offset)
            offset &+= 64
        }
    }

    /// Starts loading the objects of up to `count` elements from `index`, `step` apart (1 or -1), within
    /// the node. A visit's body reads each element, and a body that keeps it (Query's page) retains it (an
    /// atomic write, which waits for earlier loads), so without this the elements' misses come one after
    /// another.
    @inline(__always)
    func prefetchElements(from index: Int, step: Int, count: Int) {
        var i = index
        var left = count
        while left > 0 && i >= 0 && i < self.count {
            stbench_prefetch(UnsafeRawPointer(elements + i).load(as: UnsafeRawPointer.self))
            i &+= step
            left &-= 1
        }
    }

    /// Starts loading the chunk and element-slot lines of the `groups` groups a leaf visit walks first from
    /// `index` (`step` 1 forward, -1 backward): it reads each element's slot and, against an end key, its
    /// chunk. `search` loads only the lines of the group it lands in, and a newest-20 range read the next
    /// groups' lines one miss after another (this took the range from 1.13x to 1.09x the time of the build
    /// whose binary search loaded every chunk line; `placeShortKey` then took it to 0.97x).
    @inline(__always)
    func prefetchVisitLines(from index: Int, step: Int, groups: Int) {
        var i = index
        var left = groups
        while left > 0 && i >= 0 && i < count {
            stbench_prefetch(UnsafeRawPointer(chunks + i))
            stbench_prefetch(UnsafeRawPointer(elements + i))
            i &+= step &* _Node.groupSize
            left &-= 1
        }
    }

    /// Up to 8 key bytes from `offset` as a big-endian integer, zero-padded. Unequal chunks order their keys;
    /// equal chunks say nothing (padding looks like 0x00 bytes), so the caller then compares whole keys.
    @inline(__always)
    static func chunk(_ key: UnsafeRawBufferPointer, from offset: Int) -> UInt64 {
        if key.count >= offset &+ 8 {
            return key.loadUnaligned(fromByteOffset: offset, as: UInt64.self).bigEndian
        }
        var value: UInt64 = 0
        var shift: UInt64 = 56
        var i = offset
        while i < key.count {
            value |= UInt64(key[i]) &<< shift
            shift &-= 8
            i &+= 1
        }
        return value
    }

    /// `memcmp`'s sign for the first `length` bytes of `key` against the node's prefix (`length` at most
    /// `key.count` and `prefixLength`, above 0).
    ///
    /// Why not `memcmp` alone: every level of a lookup compares the prefix, and the 1M-key index's nodes
    /// mostly share 4 to 8 bytes (`MSG#` and the id's first characters); the library call cost about 20
    /// instructions each. Up to 8 bytes, one big-endian word of each, shifted to `length` bytes, orders
    /// them the same way (the prefix buffer is `maximumPrefixLength` bytes, so its word is readable).
    @inline(__always)
    func comparePrefix(_ key: UnsafeRawBufferPointer, length: Int) -> Int32 {
        guard length <= 8 && key.count >= 8 else { return memcmp(key.baseAddress!, prefix, length) }
        let shift = UInt64(64 &- 8 &* length)
        let a = key.loadUnaligned(as: UInt64.self).bigEndian &>> shift
        let b = UnsafeRawPointer(prefix).loadUnaligned(as: UInt64.self).bigEndian &>> shift
        return a == b ? 0 : (a < b ? -1 : 1)
    }

    /// Whether `key` starts with this node's common prefix.
    @inline(__always)
    func sharesPrefix(_ key: UnsafeRawBufferPointer) -> Bool {
        prefixLength == 0 || (key.count >= prefixLength && comparePrefix(key, length: prefixLength) == 0)
    }

    /// Recomputes the common prefix (of the first and last keys, hence of all), every chunk and the ties.
    func refreshPrefix() {
        guard count > 0 else {
            prefixLength = 0
            tieOffset = _Node.noTieOffset
            return
        }
        elements[0].withKeyBytes { first in
            elements[count - 1].withKeyBytes { last in
                let length = commonPrefixLength(first, last, limit: _Node.maximumPrefixLength)
                prefixLength = length
                if length > 0 { UnsafeMutableRawPointer(prefix).copyMemory(from: first.baseAddress!, byteCount: length) }
            }
        }
        for i in 0..<count {
            chunks[i] = elements[i].withKeyBytes { _Node.chunk($0, from: prefixLength) }
        }
        refreshTies()
    }

    /// Recomputes `tieOffset` (the shortest common prefix of a run of equal chunks: of its first and last
    /// keys, hence of all) and every tie chunk.
    func refreshTies() {
        var offset = _Node.noTieOffset
        var start = 0
        while start < count {
            var end = start &+ 1
            while end < count && chunks[end] == chunks[start] { end &+= 1 }
            if end &- start >= 2 {
                let shared = elements[start].withKeyBytes { first in
                    elements[end &- 1].withKeyBytes { last in commonPrefixLength(first, last, limit: offset) }
                }
                offset = Swift.min(offset, shared)
            }
            start = end
        }
        tieOffset = offset
        refreshTieChunks()
    }

    private func refreshTieChunks() {
        for i in 0..<count {
            tieChunks[i] = elements[i].withKeyBytes { _Node.chunk($0, from: tieOffset) }
        }
        refreshSummary(0..<count)
    }

    /// Recopies the summary pairs of the groups whose first element lies in `indices` (see `summary`).
    /// Only those: every group past them would touch a chunk line an insert's shift did not (measured: all
    /// groups to the capacity made the index insert 1.17x slower, 8 alternating fresh processes).
    @inline(__always)
    func refreshSummary(_ indices: Range<Int>) {
        // The pointers once, outside the loop: its stores could alias the header they are computed from.
        let (summary, chunks, tieChunks) = (self.summary, self.chunks, self.tieChunks)
        var head = (indices.lowerBound &+ _Node.groupSize &- 1) & ~(_Node.groupSize &- 1)
        while head < indices.upperBound {
            let word = _Node.summaryWord(ofGroup: head &>> _Node.groupShift)
            summary[word] = chunks[head]
            summary[word &+ 1] = tieChunks[head]
            head &+= _Node.groupSize
        }
    }

    /// Fills the chunk and tie chunk of the element just placed at `index` (the other elements' are valid).
    /// A key that joins a run of equal chunks without sharing the run's first `tieOffset` bytes lowers
    /// `tieOffset` (one key of the run is compared: the run's keys share those bytes). Returns false, caching
    /// nothing, when the key does not share the node's prefix: the caller must `refreshPrefix()`.
    /// `runNeighborAfterOnly`: the chunks before `index` are not filled yet (a batch of prepends, filled
    /// from the last), so only the element after it can be its run neighbour.
    func cacheChunks(at index: Int, runNeighborAfterOnly: Bool = false) -> Bool {
        elements[index].withKeyBytes { key in
            guard sharesPrefix(key) else { return false }
            let chunk = _Node.chunk(key, from: prefixLength)
            chunks[index] = chunk
            var runNeighbor = -1
            if !runNeighborAfterOnly && index > 0 && chunks[index &- 1] == chunk {
                runNeighbor = index &- 1
            } else if index &+ 1 < count && chunks[index &+ 1] == chunk {
                runNeighbor = index &+ 1
            }
            if runNeighbor >= 0 {
                let offset = tieOffset
                let shared = elements[runNeighbor].withKeyBytes { commonPrefixLength(key, $0, limit: offset) }
                if shared < offset {
                    tieOffset = shared
                    refreshTieChunks()
                    return true
                }
            }
            tieChunks[index] = _Node.chunk(key, from: tieOffset)
            refreshSummary(index..<(index &+ 1))
            return true
        }
    }

    /// Moves `count` chunks and tie chunks (overlapping ranges allowed: a memmove).
    @inline(__always)
    func shiftChunks(from source: Int, to destination: Int, count: Int) {
        guard count > 0 else { return }
        UnsafeMutableRawPointer(chunks + destination).copyMemory(from: chunks + source, byteCount: count &* 8)
        UnsafeMutableRawPointer(tieChunks + destination).copyMemory(from: tieChunks + source, byteCount: count &* 8)
        refreshSummary(Swift.min(source, destination)..<(Swift.max(source, destination) &+ count))
    }

    /// Puts `element` at `index` in place of the element there, keeping chunks and prefix valid.
    func replaceElement(at index: Int, with element: Element) {
        elements[index] = element
        if !cacheChunks(at: index) { refreshPrefix() }
    }

    // MARK: Insertion

    /// Inserts `element` at `index` and, in an internal node, `rightChild` just after it (at `index + 1`).
    /// Returns nil if it fitted, or the median and the new right sibling if the node had to split.
    ///
    /// An insert at the very end splits so the left node keeps all but one of the old elements and the right
    /// node starts with the new one: ascending inserts (new messages carry the newest timestamp) then leave
    /// full nodes behind instead of half-full ones (SQLite's "quick balance" does the same). An insert at the
    /// very start mirrors this for descending inserts. Other inserts split in the middle.
    func insert(_ element: Element, rightChild: _Node?, at index: Int) -> (median: Element, right: _Node)? {
        if count < elementCapacity {
            (elements + index + 1).moveInitialize(from: elements + index, count: count - index)
            (elements + index).initialize(to: element)
            shiftChunks(from: index, to: index + 1, count: count - index)
            if let children {
                (children + index + 2).moveInitialize(from: children + index + 1, count: count - index)
                (children + index + 1).initialize(to: rightChild)
            }
            count += 1
            if !cacheChunks(at: index) { refreshPrefix() }
            return nil
        }
        // Full: lay out the capacity + 1 elements (and capacity + 2 children) in scratch space, then cut.
        let total = elementCapacity + 1
        let medianIndex: Int
        if index == elementCapacity {
            medianIndex = elementCapacity - 1
        } else if index == 0 {
            medianIndex = 1
        } else {
            medianIndex = total / 2
        }
        let right = _Node.make(capacity: elementCapacity, isLeaf: isLeaf)
        let median = withUnsafeTemporaryAllocation(of: Element.self, capacity: total) { scratchBuffer in
            let scratch = scratchBuffer.baseAddress!
            scratch.moveInitialize(from: elements, count: index)
            (scratch + index).initialize(to: element)
            (scratch + index + 1).moveInitialize(from: elements + index, count: count - index)
            elements.moveInitialize(from: scratch, count: medianIndex)
            let median = (scratch + medianIndex).move()
            right.elements.moveInitialize(from: scratch + medianIndex + 1, count: total - medianIndex - 1)
            return median
        }
        count = medianIndex
        right.count = total - medianIndex - 1
        if let children {
            withUnsafeTemporaryAllocation(of: _Node?.self, capacity: total + 1) { scratchBuffer in
                let scratch = scratchBuffer.baseAddress!
                // Moving out leaves the slots uninitialised; each is re-initialised below (nil when unused).
                scratch.moveInitialize(from: children, count: index + 1)
                (scratch + index + 1).initialize(to: rightChild)
                (scratch + index + 2).moveInitialize(from: children + index + 1, count: elementCapacity - index)
                children.moveInitialize(from: scratch, count: medianIndex + 1)
                (children + medianIndex + 1).initialize(repeating: nil, count: elementCapacity - medianIndex)
                let rightChildren = right.children!
                rightChildren.deinitialize(count: elementCapacity + 1)
                rightChildren.moveInitialize(from: scratch + medianIndex + 1, count: total - medianIndex)
                (rightChildren + total - medianIndex).initialize(repeating: nil, count: elementCapacity + 1 - (total - medianIndex))
            }
        }
        refreshPrefix()
        right.refreshPrefix()
        return (median, right)
    }

    // MARK: Removal

    /// Removes the element at `index` of a leaf.
    func removeFromLeaf(at index: Int) -> Element {
        let removed = (elements + index).move()
        (elements + index).moveInitialize(from: elements + index + 1, count: count - index - 1)
        shiftChunks(from: index + 1, to: index, count: count - index - 1)
        count -= 1
        return removed
    }

    /// Moves this node's first element (and first child) out; the caller restores the invariants.
    func removeFirst() -> (element: Element, child: _Node?) {
        let element = elements.move()
        elements.moveInitialize(from: elements + 1, count: count - 1)
        shiftChunks(from: 1, to: 0, count: count - 1)
        var child: _Node?
        if let children {
            child = children.move()
            children.moveInitialize(from: children + 1, count: count)
            (children + count).initialize(to: nil)
        }
        count -= 1
        return (element, child)
    }

    /// Moves this node's last element (and last child) out.
    func removeLast() -> (element: Element, child: _Node?) {
        count -= 1
        let element = (elements + count).move()
        var child: _Node?
        if let children {
            child = children[count + 1]
            children[count + 1] = nil
        }
        return (element, child)
    }

    /// Inserts an element (and a child before it) at the front, for a rotation from the left sibling.
    /// Like an insert, it refreshes the prefix only when the element does not share it: a removal's borrow
    /// moves one element, and recomputing every chunk read all the node's keys.
    func prepend(_ element: Element, child: _Node?) {
        (elements + 1).moveInitialize(from: elements, count: count)
        elements.initialize(to: element)
        shiftChunks(from: 0, to: 1, count: count)
        if let children {
            (children + 1).moveInitialize(from: children, count: count + 1)
            children.initialize(to: child)
        }
        count += 1
        if !cacheChunks(at: 0) { refreshPrefix() }
    }

    /// Appends an element (and a child after it) at the end, for a rotation from the right sibling.
    func append(_ element: Element, child: _Node?) {
        (elements + count).initialize(to: element)
        if let children { children[count + 1] = child }
        count += 1
        if !cacheChunks(at: count - 1) { refreshPrefix() }
    }

    /// Moves `separator` and this node's first `n - 1` elements to the end of `left` (with this node's first
    /// `n` children, in an internal node) and returns element `n - 1`, the new separator between the two:
    /// a rotation of `n` elements at once, for an insert that makes room in a full node (`BTree.makeRoom`).
    /// One shift of this node and `left`'s chunks filled as appends would fill them; moving one element at
    /// a time shifted the whole node per element.
    func moveFront(_ n: Int, toEndOf left: _Node, after separator: Element) -> Element {
        precondition(n >= 1 && n < count && left.count + n <= left.elementCapacity,
                     "_Node.moveFront: cannot move \(n) of \(count) elements into a node holding \(left.count)")
        let start = left.count
        (left.elements + start).initialize(to: separator)
        (left.elements + start + 1).moveInitialize(from: elements, count: n - 1)
        let newSeparator = (elements + n - 1).move()
        if let children, let leftChildren = left.children {
            for i in 0..<n { leftChildren[start + 1 + i] = children[i] }
            for i in 0...(count - n) { children[i] = children[i + n] }
            for i in (count - n + 1)...count { children[i] = nil }
        }
        elements.moveInitialize(from: elements + n, count: count - n)
        shiftChunks(from: n, to: 0, count: count - n)
        count -= n
        left.fillAppendedChunks(from: start, count: n)
        return newSeparator
    }

    /// Moves this node's last `n - 1` elements and `separator` to the front of `right` (with this node's
    /// last `n` children, in an internal node) and returns the element before them, the new separator: the
    /// mirror of `moveFront(_:toEndOf:after:)`.
    func moveBack(_ n: Int, toFrontOf right: _Node, after separator: Element) -> Element {
        precondition(n >= 1 && n < count && right.count + n <= right.elementCapacity,
                     "_Node.moveBack: cannot move \(n) of \(count) elements into a node holding \(right.count)")
        let first = count - n  // the new separator's index here
        let old = right.count
        (right.elements + n).moveInitialize(from: right.elements, count: old)
        right.shiftChunks(from: 0, to: n, count: old)
        (right.elements).moveInitialize(from: elements + first + 1, count: n - 1)
        (right.elements + n - 1).initialize(to: separator)
        let newSeparator = (elements + first).move()
        if let children, let rightChildren = right.children {
            for i in stride(from: old, through: 0, by: -1) { rightChildren[i + n] = rightChildren[i] }
            for i in 0..<n {
                rightChildren[i] = children[first + 1 + i]
                children[first + 1 + i] = nil
            }
        }
        count = first
        // The moved elements' chunks, last first, each as a prepend would fill it (its right neighbour
        // already valid, the slots before it not yet).
        right.count = old + n
        for i in stride(from: n - 1, through: 0, by: -1) where !right.cacheChunks(at: i, runNeighborAfterOnly: true) {
            right.refreshPrefix()
            break
        }
        return newSeparator
    }

    /// Chunks of the `n` elements just placed at `start...` at the end of this node, as `n` appends would
    /// fill them (each one's left neighbour valid by then); `count` ends at `start + n`.
    private func fillAppendedChunks(from start: Int, count n: Int) {
        for i in start..<(start + n) {
            count = i + 1
            if !cacheChunks(at: i) {
                count = start + n
                refreshPrefix()
                return
            }
        }
    }

    /// Appends `separator` and all of `right`'s elements and children to this node, leaving `right` empty.
    func absorb(_ separator: Element, _ right: _Node) {
        (elements + count).initialize(to: separator)
        (elements + count + 1).moveInitialize(from: right.elements, count: right.count)
        if let children, let rightChildren = right.children {
            for i in 0...right.count {
                children[count + 1 + i] = rightChildren[i]
                rightChildren[i] = nil
            }
        }
        count += right.count + 1
        right.count = 0
        refreshPrefix()
    }

    /// Removes the element at `index` and the child after it (`index + 1`) from an internal node.
    func removeElementAndRightChild(at index: Int) -> Element {
        let removed = (elements + index).move()
        (elements + index).moveInitialize(from: elements + index + 1, count: count - index - 1)
        shiftChunks(from: index + 1, to: index, count: count - index - 1)
        let children = children.unsafelyUnwrapped
        _ = (children + index + 1).move()  // the emptied right node, released here
        (children + index + 1).moveInitialize(from: children + index + 2, count: count - index - 1)
        (children + count).initialize(to: nil)
        count -= 1
        return removed
    }
}

/// Orders the elements of one node against one key, in node memory where the cached chunks tell (see
/// `_Node`): it follows at most one element at the first tie of chunks, then one per tie of tie chunks.
/// Used by searches and by visits that stop at a bound key.
struct _NodeKeyComparator<Element: BTreeElement> {
    let key: UnsafeRawBufferPointer
    /// 1 when every element of the node is above the key, -1 when every one is below (the node prefix
    /// tells), else 0.
    let prefixOrder: Int
    /// The key's chunk at the node's prefix length.
    let target: UInt64
    /// Where the key stands against the one run of elements whose chunk equals `target`.
    var tie = _TieRelation.unknown
    /// The key's chunk at the node's tie offset, once `tie` is `.within`.
    var tieTarget: UInt64 = 0

    @inline(__always)
    init(_ key: UnsafeRawBufferPointer, node: _Node<Element>) {
        self.key = key
        let length = node.prefixLength
        var prefixOrder = 0
        if length > 0 {
            let common = Swift.min(length, key.count)
            let order = common > 0 ? node.comparePrefix(key, length: common) : 0
            if order < 0 || (order == 0 && key.count < length) { prefixOrder = 1 } else if order > 0 { prefixOrder = -1 }
        }
        self.prefixOrder = prefixOrder
        target = prefixOrder == 0 ? _Node<Element>.chunk(key, from: length) : 0
    }

    /// Negative, zero or positive as element `index` of `node` (the node given to `init`) is below, equal
    /// to or above the key. A binary search passes the indices it still considers: at its first tie, the
    /// tie chunks there are prefetched while the element is read.
    @inline(__always)
    mutating func compare(_ index: Int, in node: _Node<Element>, searching interval: Range<Int>? = nil) -> Int {
        if prefixOrder != 0 { return prefixOrder }
        let candidate = node.chunks[index]
        if candidate != target { return candidate < target ? -1 : 1 }
        switch tie {
        case .keyAbove: return -1
        case .keyBelow: return 1
        case .within:
            let tieCandidate = node.tieChunks[index]
            if tieCandidate != tieTarget { return tieCandidate < tieTarget ? -1 : 1 }
            return node.withKeyBytes(ofElementAt: index) { compareKeyBytes($0, key) }
        case .unknown:
            if let interval {
                var offset = interval.lowerBound &* 8
                let end = interval.upperBound &* 8
                while offset < end {
                    stbench_prefetch(UnsafeRawPointer(node.tieChunks) + offset)
                    offset &+= 64
                }
            }
            let offset = node.tieOffset
            var shares = false
            let key = self.key
            let order = node.withKeyBytes(ofElementAt: index) { element in
                shares = commonPrefixLength(element, key, limit: offset) == offset
                return compareKeyBytes(element, key)
            }
            if shares {
                tie = .within
                tieTarget = _Node<Element>.chunk(key, from: offset)
            } else if order != 0 {  // (equal to a lone element that is too short to share: stay unknown)
                tie = order < 0 ? .keyAbove : .keyBelow
            }
            return order
        }
    }
}

/// How a key stands against a node's run of elements whose chunk equals the key's chunk.
enum _TieRelation {
    /// No element of the run compared yet.
    case unknown
    /// The key is above every element of the run.
    case keyAbove
    /// The key is below every element of the run.
    case keyBelow
    /// The key shares the run's first `tieOffset` bytes: tie chunks order it within the run.
    case within
}

/// The length of the common prefix of `a` and `b`, at most `limit`.
@inline(__always)
func commonPrefixLength(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, limit: Int) -> Int {
    let end = Swift.min(a.count, b.count, limit)
    var i = 0
    while i &+ 8 <= end {
        // Little-endian order puts the first differing byte in the lowest set bits of the difference.
        let difference = (a.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            ^ b.loadUnaligned(fromByteOffset: i, as: UInt64.self)).littleEndian
        if difference != 0 { return i &+ difference.trailingZeroBitCount &>> 3 }
        i &+= 8
    }
    while i < end && a[i] == b[i] { i &+= 1 }
    return i
}

/// A node's fields, stored before its tail words (see `_Node`).
struct _NodeHeader {
    var count: Int
    var prefixLength: Int
    var tieOffset: Int
    let capacity: Int
    let isLeaf: Bool
    /// Bytes from the tail's start to `elements`.
    let elementsOffset: Int
}

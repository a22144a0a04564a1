/// An in-memory B-tree of class instances ordered by their encoded key bytes (see `KeyEncoding`).
///
/// The table keeps one tree per partition (sort keys) and one per GSI (composite keys across the table).
/// It is a B-tree, not a B+tree: every element is stored exactly once, in a leaf or an internal node, so the
/// tree never keeps a removed item alive as a separator and needs no copied separator keys.
/// A final class (not a copy-on-write struct) because the table mutates trees in place under its own lock
/// and keeps many of them in a dictionary; not thread-safe by itself.
///
/// Searches stay in node memory: each node caches its keys' common prefix and the next 8 bytes of every key,
/// plus 8 bytes further on for keys whose first 8 tie (see `_Node`), and follows at most about one element
/// per node.
///
/// ## Measurements that chose the node capacity and the layout
/// `STBENCH_BENCH=1 swift test -c release --filter BTreeBenchmarks` (`BTreeBenchmark`), Swift 6.3.1, Linux,
/// 2 shared cores with other builds running (figures vary by about ±30 % between runs; a dependent DRAM load
/// measured 574 ns on this machine, so cold figures are a count of cache misses). ns per operation, 1M
/// composite keys (`MSG#<uuid>` component + ISO-8601 timestamp component), 10k conversations; "hot" confines
/// requests to 50 conversations. Two runs on a quiet moment, run 1 / run 2:
///
///     capacity  find cold    newest-20 cold  find hot   newest-20 hot  append ins.  random ins.  height
///     16        2840/2975    6561/6927       716/689    1009/957       2364/2349    3141/2891    6
///     32        1848/2759    5116/6272       683/626     919/913       1347/2190    2881/3209    5
///     64        2718/2488    5829/5640       596/557     900/734       2064/1684    2957/2472    4
///     128       2130/2165    3851/3778       336/299     634/569       1575/1190    3460/2547    3
///     256       2213/3031    4297/5886       467/784     620/619       2002/2022    3342/3860    3
///
/// 128 is best for a big tree (one level fewer than 64; binary search over cached chunks is cheap), so it is
/// `defaultNodeCapacity`. For per-partition trees capacity is within noise (hash-of-trees layout at 32, 64
/// and 128 in a third, busier run); what mattered there was memory, since a node costs about
/// 64 + 24 × capacity bytes however few elements it holds: a new tree's root leaf therefore starts at
/// `initialRootCapacity` slots and doubles as needed.
///
/// Layout, 1M messages (capacity 64, run 1 / run 2):
///
///     layout                       get cold   newest-20 cold  get hot   newest-20 hot  insert
///     one tree, composite keys     2158/2752  4466/5106       294/699   654/843        2043/2147
///     hash of 10k partition trees  2054/2381   966/1507       304/495   212/289        1410/1772
///
/// Point gets cost about the same; newest-N per partition is 3-5x cheaper with a tree per partition (the
/// visit starts at the partition's own root, no bound key to build, no per-element prefix check).
///
/// ## Measurements that chose the search and visit details (one big tree of composite keys)
/// `stbench bench index` (1M `MSG#<uuid>|<ISO-8601>` keys, 10k partitions, elements holding their key
/// inline like `ItemRecord`). Cache misses per operation from callgrind's simulation (D1 48 KB, LL 32 MB,
/// `STBENCH_INDEX_ENGINE_ONLY=1 valgrind --tool=callgrind --cache-sim=yes --toggle-collect='*getPhase*'`
/// on a stripped release build, 20k operations), deterministic:
///
///     change                                    get D1 / LL    newest-20 D1 / LL
///     chunks only, element holding a [UInt8]    37.2 / 14.9    82.9 / 26.8
///     + tie chunks (see `_Node`)                28.6 /  8.3    82.5 / 26.6
///     + element with its key inline¹            28.8 /  9.6    66.0 / 19.7
///     + visit `to:` bound checked in node memory 28.8 /  9.6    47.7 / 12.6
///
/// ¹ A fair setup, not a speed-up for gets: the [UInt8] element shared its key buffer with the probe key,
/// so the final comparison of a hit cost no miss. Prefetching (a node's chunk lines on entry, the tie chunks
/// of the searched interval at the first tie, leaf elements 4 ahead in visits) changes no count but lets
/// misses overlap: wall time, engine alone, alternating builds, 3 pairs each: chunk lines get about -10 %,
/// tie chunks get about -8 %, elements newest-20 about -30 %.
/// Same-run ratios against Rust's std BTreeMap (`bench index --runs 3`, shared 2-core machine, medians):
/// before these changes get 0.67x, newest-20 0.61x; after them, three runs: get 1.1x / 0.9x / 1.0x
/// (e.g. 2290 vs 2500 ns), newest-20 1.5x / 1.0x / 1.4x, insert 1.0x / 0.7x / 1.2x (the insert now copies
/// each key into its element; Rust's keys are moved in). An optimistic tie resolution that reads only the
/// element found was first dropped (LL misses -3 %, instructions +28 %, no clear wall gain): it waited on
/// the run's tie chunks instead of the element. Its second form, leaves only and the tie chunks prefetched
/// with the chunks (`_Node.find(leafKey:)`), cut the get phase's instructions 7 % and was 1.07x faster
/// (median of 12 alternating pairs, spread 0.89x-1.37x). Reading nodes and elements unretained in searches
/// (`_Node.withKeyBytes(ofElementAt:_:)`) cut another 17 % (about 12 retain/release pairs per get).
/// Where a get's time goes (stopping it at each level, blocks of 20k gets alternating on one tree, 30 rounds,
/// Intel host, a dependent miss 180-300 ns): probe key 9 %, root and next level 12 %, the leaves' parent and
/// the leaf's header 30 %, the leaf's chunks and tie chunks 25 %, the element 25 %. The leaves' parent read a
/// separator at a tie of chunks on 99 % of gets and only then loaded the child; `_Node.descend` overlaps the
/// two (0.945x and 0.952x the get time in two such in-process runs, 0.905x median over 8 alternating fresh
/// processes; loading only the child's header and prefix lines there, not its chunks too, a further 0.97x;
/// that overlap now lives in `_Node.search`, which every lookup, insert, removal and visit uses).
/// Tried and dropped: prefetching each node's lines from its address before reading its header (18 or 50
/// lines), a leaf's element slots or only its run's tie chunks, and a branch-free chunk search (0.98x-1.06x,
/// within noise or worse); a lookup that returns the element borrowed instead of retained (1.02x).
/// What those failures said: a get was limited by how many lines it loaded, not only by how many loads
/// waited on each other (a leaf lookup loaded 33 lines, its header, chunks and tie chunks, then the slot,
/// then the element). The node summary (`_Node.summary`: the first chunk and tie chunk of every 8
/// elements, next to the header, loaded by the parent with the header) picks a group, and only that group's
/// chunk, tie-chunk and slot lines load, together: a leaf costs header+summary, group, element. Same-host
/// fresh processes, 8 alternating pairs against the build before: get 0.87x, newest-20 range 0.97x,
/// insert 0.83x the time; get D1 misses 28.5 -> 22.6 per get (callgrind, D1 48 KB), LL 9.3 -> 8.1 (32 MB),
/// instructions +2.3 % (27.73M -> 28.37M per 20k gets).
/// Also tried then: non-temporal prefetches for the leaf's group lines, to keep the internal nodes in L2
/// (0.99x, in-process interleaved blocks, three processes).
final class BTree<Element: BTreeElement> {
    /// Maximum elements per node.
    let nodeCapacity: Int
    /// Below this, a node that lost an element borrows from or merges with a sibling. An append split
    /// (see `_Node.insert`) may leave a node below it until a removal touches that node.
    let minimumCount: Int
    private(set) var root: _Node<Element>
    private(set) var count: Int = 0

    /// Maximum elements per node unless `init` is given another.
    /// See the figures at the top of this file.
    static var defaultNodeCapacity: Int { 128 }

    init(nodeCapacity: Int = BTree.defaultNodeCapacity) {
        precondition(nodeCapacity >= 4, "BTree.init: nodeCapacity must be at least 4, got \(nodeCapacity)")
        self.nodeCapacity = nodeCapacity
        self.minimumCount = nodeCapacity / 2 - 1
        self.root = _Node.make(capacity: Swift.min(BTree.initialRootCapacity, nodeCapacity), isLeaf: true)
    }

    /// A new tree's root leaf holds this many elements and doubles when full, up to `nodeCapacity`: most
    /// partitions are small, and a full-size node costs about 64 + 24 × capacity bytes however few
    /// elements it holds. Only a root leaf is ever smaller than `nodeCapacity`.
    static var initialRootCapacity: Int { 4 }

    var isEmpty: Bool { count == 0 }

    // MARK: Lookup

    /// The element whose key equals `key`, if any.
    @inline(__always)
    func find(_ key: UnsafeRawBufferPointer) -> Element? {
        if _slowPath(BTreeProfiling.enabled) {
            var counters = BTreeCounters()
            defer { BTreeProfiling.add(counters) }
            return find(key, stats: &counters)
        }
        var stats = BTreeNoStats()
        return find(key, stats: &stats)
    }

    func find(_ key: [UInt8]) -> Element? {
        key.withUnsafeBytes { find($0) }
    }

    func find<Stats: BTreeStatsSink>(_ key: UnsafeRawBufferPointer, stats: inout Stats) -> Element? {
        findUnretained(key, stats: &stats)?.takeUnretainedValue()
    }

    /// `body` applied to the element whose key equals `key`, if any, without retaining the element: for a
    /// caller that only reads from it (the index benchmark's point get reads its value). Not counted by
    /// `BTreeProfiling`, which follows the table's lookups (`find`).
    ///
    /// Why: returning the element retains it and the caller releases it, two atomic read-modify-writes on
    /// its first line per lookup. When `find` itself carried a strong `Element?` through its levels, callgrind
    /// counted 2 retains and 5 releases per point get of the 1M-key index (`IndexBenchmarkHooks.getPhase`);
    /// with this lookup (and the value read through the header's address, `IndexBenchmarkHooks.Element`), 1
    /// and 1 (the benchmark's own key array), and 1303 → 894 instructions per get. `body` must not let the
    /// element escape unretained.
    @inline(__always)
    func withElement<R>(forKey key: UnsafeRawBufferPointer, _ body: (Element) -> R) -> R? {
        var stats = BTreeNoStats()
        return findUnretained(key, stats: &stats)?._withUnsafeGuaranteedRef(body)
    }

    /// The lookup both `find` and `withElement(forKey:_:)` run: the element, unretained (valid while the
    /// tree keeps it, that is until the tree is next mutated).
    @inline(__always)
    func findUnretained<Stats: BTreeStatsSink>(_ key: UnsafeRawBufferPointer, stats: inout Stats) -> Unmanaged<Element>? {
        // Nodes are visited unretained (see `_Node.withKeyBytes(ofElementAt:_:)`): the tree keeps them alive.
        var node = Unmanaged.passUnretained(root)
        while true {
            var found: Unmanaged<Element>?
            var child: Unmanaged<_Node<Element>>?
            node._withUnsafeGuaranteedRef { node in
                if node.isLeaf {
                    if let index = node.find(leafKey: key, stats: &stats) { found = node.unretainedElement(index) }
                    return
                }
                let (index, isFound) = node.search(key, stats: &stats)
                if isFound {
                    found = node.unretainedElement(index)
                } else {
                    child = node.unretainedChild(index)
                }
            }
            guard let child else { return found }
            node = child
        }
    }

    /// The element with the smallest key.
    var first: Element? {
        var node = root
        while let children = node.children { node = children[0].unsafelyUnwrapped }
        return node.count > 0 ? node.elements[0] : nil
    }

    /// The element with the largest key.
    var last: Element? {
        var node = root
        while let children = node.children { node = children[node.count].unsafelyUnwrapped }
        return node.count > 0 ? node.elements[node.count - 1] : nil
    }

    // MARK: Insertion

    /// Inserts `element`; if an element with an equal key was present, it is replaced and returned.
    @discardableResult
    func insert(_ element: Element) -> Element? {
        var stats = BTreeNoStats()
        return insert(element, stats: &stats)
    }

    @discardableResult
    func insert<Stats: BTreeStatsSink>(_ element: Element, stats: inout Stats) -> Element? {
        if root.count == root.elementCapacity && root.elementCapacity < nodeCapacity { growRootLeaf() }
        let (replaced, split) = element.withKeyBytes { key in
            insert(element, key: key, into: root, stats: &stats)
        }
        if let (median, right) = split {
            let newRoot = _Node<Element>.make(capacity: nodeCapacity, isLeaf: false)
            newRoot.elements.initialize(to: median)
            newRoot.children.unsafelyUnwrapped[0] = root
            newRoot.children.unsafelyUnwrapped[1] = right
            newRoot.count = 1
            newRoot.refreshPrefix()
            root = newRoot
        }
        if replaced == nil { count += 1 }
        _checkInvariants()
        return replaced
    }

    /// Moves a full, small root leaf into one twice its size (capped at `nodeCapacity`).
    private func growRootLeaf() {
        let bigger = _Node<Element>.make(capacity: Swift.min(root.elementCapacity * 2, nodeCapacity), isLeaf: true)
        bigger.elements.moveInitialize(from: root.elements, count: root.count)
        bigger.count = root.count
        root.count = 0
        bigger.refreshPrefix()
        root = bigger
    }

    private func insert<Stats: BTreeStatsSink>(
        _ element: Element, key: UnsafeRawBufferPointer, into node: _Node<Element>, stats: inout Stats
    ) -> (replaced: Element?, split: (median: Element, right: _Node<Element>)?) {
        let (index, found) = node.search(key, stats: &stats)
        if found {
            let old = node.elements[index]
            node.elements[index] = element  // an equal key: same chunk, same prefix
            return (old, nil)
        }
        guard node.children != nil else {
            return (nil, node.insert(element, rightChild: nil, at: index))
        }
        if node.child(index).count == nodeCapacity && makeRoom(in: node, forChildAt: index) {
            // A separator moved: search this node again (the child the key belongs to now has room).
            return insert(element, key: key, into: node, stats: &stats)
        }
        let (replaced, split) = insert(element, key: key, into: node.child(index), stats: &stats)
        guard let (median, right) = split else { return (replaced, nil) }
        return (nil, node.insert(median, rightChild: right, at: index))
    }

    /// Before an insert descends into a full child, moves some of its elements through the parent into a
    /// sibling that has room for two more (a rotation, as a removal's `rebalance` borrows one), half the
    /// difference of their counts; returns whether it did. Nodes then split only when their siblings are
    /// nearly full too (as in a B*-tree).
    ///
    /// Why: message keys arrive in time order per conversation, so each conversation's run grows at its own
    /// end, mostly inside a leaf that holds the start of the next conversation; a split there leaves two
    /// half-full leaves that the moving run does not fill again. With 1M keys over 10k conversations
    /// (`stbench bench index`) the leaves were 72 % full and the tree 4 levels high (a root of one element
    /// above 2 nodes above 131 leaves' parents above 10,709 leaves); with rotations they are 82 % full,
    /// 9,450 leaves under one root of 89 children (height 3). callgrind, 20k gets on that tree: 1418 → 1303
    /// instructions and 5.26 → 4.30 last-level misses per get; per insert 2181 → 2643 instructions (the
    /// price; moving one element per rotation instead of half the difference cost 3006). Gate: D +0.04 %,
    /// C +0.41 %.
    private func makeRoom(in parent: _Node<Element>, forChildAt index: Int) -> Bool {
        let child = parent.child(index)
        if index > 0 {
            let left = parent.child(index - 1)
            if left.count <= nodeCapacity - 2 {
                let separator = child.moveFront((child.count - left.count) / 2, toEndOf: left,
                                                after: parent.elements[index - 1])
                parent.replaceElement(at: index - 1, with: separator)
                return true
            }
        }
        if index < parent.count {
            let right = parent.child(index + 1)
            if right.count <= nodeCapacity - 2 {
                let separator = child.moveBack((child.count - right.count) / 2, toFrontOf: right,
                                               after: parent.elements[index])
                parent.replaceElement(at: index, with: separator)
                return true
            }
        }
        return false
    }

    // MARK: Removal

    /// Removes and returns the element whose key equals `key`, if any.
    @discardableResult
    func remove(_ key: UnsafeRawBufferPointer) -> Element? {
        var stats = BTreeNoStats()
        return remove(key, stats: &stats)
    }

    @discardableResult
    func remove(_ key: [UInt8]) -> Element? {
        key.withUnsafeBytes { remove($0) }
    }

    @discardableResult
    func remove<Stats: BTreeStatsSink>(_ key: UnsafeRawBufferPointer, stats: inout Stats) -> Element? {
        let removed = remove(key, from: root, stats: &stats)
        if removed != nil {
            count -= 1
            if root.count == 0, root.children != nil {
                root = root.child(0)  // The old root's slots are released with it.
            }
        }
        _checkInvariants()
        return removed
    }

    private func remove<Stats: BTreeStatsSink>(
        _ key: UnsafeRawBufferPointer, from node: _Node<Element>, stats: inout Stats
    ) -> Element? {
        let (index, found) = node.search(key, stats: &stats)
        guard node.children != nil else {
            return found ? node.removeFromLeaf(at: index) : nil
        }
        if found {
            // Replace with the predecessor, the largest element of the left subtree.
            let predecessor = removeLast(from: node.child(index))
            let removed = node.elements[index]
            node.replaceElement(at: index, with: predecessor)
            rebalance(node, childAt: index)
            return removed
        }
        let removed = remove(key, from: node.child(index), stats: &stats)
        if removed != nil { rebalance(node, childAt: index) }
        return removed
    }

    private func removeLast(from node: _Node<Element>) -> Element {
        guard node.children != nil else { return node.removeFromLeaf(at: node.count - 1) }
        let last = node.count
        let removed = removeLast(from: node.child(last))
        rebalance(node, childAt: last)
        return removed
    }

    /// Restores the minimum count of `parent`'s child at `index` after it lost an element: borrow from a
    /// sibling that can spare one, else merge with a sibling (the two fit in one node then).
    private func rebalance(_ parent: _Node<Element>, childAt index: Int) {
        let child = parent.child(index)
        guard child.count < minimumCount || child.count == 0 else { return }
        if index > 0 {
            let left = parent.child(index - 1)
            if left.count > minimumCount {
                let (element, grandchild) = left.removeLast()
                child.prepend(parent.elements[index - 1], child: grandchild)
                parent.replaceElement(at: index - 1, with: element)
                return
            }
        }
        if index < parent.count {
            let right = parent.child(index + 1)
            if right.count > minimumCount {
                let (element, grandchild) = right.removeFirst()
                child.append(parent.elements[index], child: grandchild)
                parent.replaceElement(at: index, with: element)
                return
            }
        }
        let separatorIndex = index > 0 ? index - 1 : index
        let left = parent.child(separatorIndex)
        let right = parent.child(separatorIndex + 1)
        // The child is below the minimum and the sibling at or below it, so both fit in one node.
        precondition(
            left.count + right.count + 1 <= nodeCapacity,
            "BTree.rebalance: merging \(left.count) + 1 + \(right.count) elements overflows capacity \(nodeCapacity)")
        left.absorb(parent.elements[separatorIndex], right)
        _ = parent.removeElementAndRightChild(at: separatorIndex)
    }

    // MARK: Invariants

    #if STBENCH_INTERNAL_CHECKS
    /// After every mutation when built with STBENCH_INTERNAL_CHECKS: stops on the first broken invariant.
    func _checkInvariants() {
        let violations = invariantViolations()
        precondition(violations.isEmpty, "BTree invariants broken: \(violations.joined(separator: "; "))")
    }
    #else
    @inline(__always) func _checkInvariants() {}
    #endif
}

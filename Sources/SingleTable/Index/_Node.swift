#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One B-tree node: up to `capacity` elements in key order and, in an internal node, `count + 1` children.
///
/// Why this shape: elements and children live in flat, fixed-size allocations made once per node, so a search
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
final class _Node<Element: BTreeElement> {
    static var maximumPrefixLength: Int { 64 }

    let capacity: Int
    /// Number of elements (`elements[0..<count]` are initialised).
    var count: Int
    let elements: UnsafeMutablePointer<Element>
    /// nil for a leaf; `capacity + 1` slots for an internal node.
    let children: UnsafeMutablePointer<_Node?>?
    var prefixLength: Int = 0
    let prefix: UnsafeMutablePointer<UInt8>
    let chunks: UnsafeMutablePointer<UInt64>

    /// The one allocation behind `prefix`, `chunks`, `children` and `elements`, in that order (the order a
    /// search reads them). One block instead of four saves cache misses, which dominate big trees: a dependent
    /// DRAM load measured 574 ns on the development machine.
    private let storage: UnsafeMutableRawPointer

    init(capacity: Int, isLeaf: Bool) {
        self.capacity = capacity
        self.count = 0
        let word = MemoryLayout<UInt64>.stride
        precondition(
            MemoryLayout<Element>.stride == word && MemoryLayout<_Node?>.stride == word,
            "_Node: expected elements and child slots to be one pointer wide")
        let prefixBytes = _Node.maximumPrefixLength
        let childSlots = isLeaf ? 0 : capacity + 1
        let byteCount = prefixBytes + word * (capacity + childSlots + capacity)
        storage = .allocate(byteCount: byteCount, alignment: 64)
        prefix = storage.bindMemory(to: UInt8.self, capacity: prefixBytes)
        chunks = (storage + prefixBytes).bindMemory(to: UInt64.self, capacity: capacity)
        let childrenStart = storage + prefixBytes + word * capacity
        elements = (childrenStart + word * childSlots).bindMemory(to: Element.self, capacity: capacity)
        if isLeaf {
            self.children = nil
        } else {
            let slots = childrenStart.bindMemory(to: _Node?.self, capacity: capacity + 1)
            slots.initialize(repeating: nil, count: capacity + 1)
            self.children = slots
        }
    }

    deinit {
        elements.deinitialize(count: count)
        children?.deinitialize(count: capacity + 1)
        storage.deallocate()
    }

    @inline(__always) var isLeaf: Bool { children == nil }

    @inline(__always) func child(_ index: Int) -> _Node {
        children.unsafelyUnwrapped[index].unsafelyUnwrapped
    }

    /// Binary search: the index of the element equal to `key` (found) or of the first element above it.
    @inline(__always)
    func search<Stats: BTreeStatsSink>(_ key: UnsafeRawBufferPointer, stats: inout Stats) -> (index: Int, found: Bool) {
        stats.nodeVisited()
        let length = prefixLength
        if length > 0 {
            let common = Swift.min(length, key.count)
            let order = common > 0 ? memcmp(key.baseAddress!, prefix, common) : 0
            stats.keyCompared()
            if order < 0 || (order == 0 && key.count < length) { return (0, false) }  // below every key here
            if order > 0 { return (count, false) }  // above every key here
        }
        let target = _Node.chunk(key, from: length)
        var low = 0
        var high = count
        while low < high {
            let middle = (low &+ high) &>> 1
            let candidate = chunks[middle]
            stats.keyCompared()
            let order: Int
            if candidate != target {
                order = candidate < target ? -1 : 1
            } else {
                order = elements[middle].withKeyBytes { compareKeyBytes($0, key) }
            }
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

    /// Whether `key` starts with this node's common prefix.
    @inline(__always)
    func sharesPrefix(_ key: UnsafeRawBufferPointer) -> Bool {
        prefixLength == 0 || (key.count >= prefixLength && memcmp(key.baseAddress!, prefix, prefixLength) == 0)
    }

    /// Recomputes the common prefix (of the first and last keys, hence of all) and every chunk.
    func refreshPrefix() {
        guard count > 0 else {
            prefixLength = 0
            return
        }
        elements[0].withKeyBytes { first in
            elements[count - 1].withKeyBytes { last in
                var length = 0
                let limit = Swift.min(first.count, last.count, _Node.maximumPrefixLength)
                while length < limit && first[length] == last[length] { length += 1 }
                prefixLength = length
                if length > 0 { UnsafeMutableRawPointer(prefix).copyMemory(from: first.baseAddress!, byteCount: length) }
            }
        }
        for i in 0..<count {
            chunks[i] = elements[i].withKeyBytes { _Node.chunk($0, from: prefixLength) }
        }
    }

    /// Moves `count` chunks (overlapping ranges allowed: a memmove).
    @inline(__always)
    func shiftChunks(from source: Int, to destination: Int, count: Int) {
        guard count > 0 else { return }
        UnsafeMutableRawPointer(chunks + destination).copyMemory(from: chunks + source, byteCount: count &* 8)
    }

    /// Puts `element` at `index` in place of the element there, keeping chunks and prefix valid.
    func replaceElement(at index: Int, with element: Element) {
        elements[index] = element
        let fits = element.withKeyBytes { key in
            guard sharesPrefix(key) else { return false }
            chunks[index] = _Node.chunk(key, from: prefixLength)
            return true
        }
        if !fits { refreshPrefix() }
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
        if count < capacity {
            (elements + index + 1).moveInitialize(from: elements + index, count: count - index)
            (elements + index).initialize(to: element)
            shiftChunks(from: index, to: index + 1, count: count - index)
            if let children {
                (children + index + 2).moveInitialize(from: children + index + 1, count: count - index)
                (children + index + 1).initialize(to: rightChild)
            }
            count += 1
            let fits = element.withKeyBytes { key in
                guard sharesPrefix(key) else { return false }
                chunks[index] = _Node.chunk(key, from: prefixLength)
                return true
            }
            if !fits { refreshPrefix() }
            return nil
        }
        // Full: lay out the capacity + 1 elements (and capacity + 2 children) in scratch space, then cut.
        let total = capacity + 1
        let medianIndex: Int
        if index == capacity {
            medianIndex = capacity - 1
        } else if index == 0 {
            medianIndex = 1
        } else {
            medianIndex = total / 2
        }
        let right = _Node(capacity: capacity, isLeaf: isLeaf)
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
                (scratch + index + 2).moveInitialize(from: children + index + 1, count: capacity - index)
                children.moveInitialize(from: scratch, count: medianIndex + 1)
                (children + medianIndex + 1).initialize(repeating: nil, count: capacity - medianIndex)
                let rightChildren = right.children!
                rightChildren.deinitialize(count: capacity + 1)
                rightChildren.moveInitialize(from: scratch + medianIndex + 1, count: total - medianIndex)
                (rightChildren + total - medianIndex).initialize(repeating: nil, count: capacity + 1 - (total - medianIndex))
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
    func prepend(_ element: Element, child: _Node?) {
        (elements + 1).moveInitialize(from: elements, count: count)
        elements.initialize(to: element)
        if let children {
            (children + 1).moveInitialize(from: children, count: count + 1)
            children.initialize(to: child)
        }
        count += 1
        refreshPrefix()
    }

    /// Appends an element (and a child after it) at the end, for a rotation from the right sibling.
    func append(_ element: Element, child: _Node?) {
        (elements + count).initialize(to: element)
        if let children { children[count + 1] = child }
        count += 1
        refreshPrefix()
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

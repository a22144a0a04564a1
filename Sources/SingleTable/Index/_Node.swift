/// One B-tree node: up to `capacity` elements in key order and, in an internal node, `count + 1` children.
///
/// Why this shape: elements and children live in flat, fixed-size allocations made once per node, so a search
/// is a binary search over contiguous references with no copy-on-write checks, and an insert shifts a few
/// pointers. Child `i` holds the keys between `elements[i - 1]` and `elements[i]`.
/// Child slots are optionals, all initialised (nil when unused), so a node can be emptied by moving its
/// children out without bookkeeping about which slots are live.
final class _Node<Element: BTreeElement> {
    let capacity: Int
    /// Number of elements (`elements[0..<count]` are initialised).
    var count: Int
    let elements: UnsafeMutablePointer<Element>
    /// nil for a leaf; `capacity + 1` slots for an internal node.
    let children: UnsafeMutablePointer<_Node?>?

    init(capacity: Int, isLeaf: Bool) {
        self.capacity = capacity
        self.count = 0
        self.elements = .allocate(capacity: capacity)
        if isLeaf {
            self.children = nil
        } else {
            let slots = UnsafeMutablePointer<_Node?>.allocate(capacity: capacity + 1)
            slots.initialize(repeating: nil, count: capacity + 1)
            self.children = slots
        }
    }

    deinit {
        elements.deinitialize(count: count)
        elements.deallocate()
        if let children {
            children.deinitialize(count: capacity + 1)
            children.deallocate()
        }
    }

    @inline(__always) var isLeaf: Bool { children == nil }

    @inline(__always) func child(_ index: Int) -> _Node {
        children.unsafelyUnwrapped[index].unsafelyUnwrapped
    }

    /// Binary search: the index of the element equal to `key` (found) or of the first element above it.
    @inline(__always)
    func search<Stats: BTreeStatsSink>(_ key: UnsafeRawBufferPointer, stats: inout Stats) -> (index: Int, found: Bool) {
        stats.nodeVisited()
        var low = 0
        var high = count
        while low < high {
            let middle = (low &+ high) &>> 1
            let order = elements[middle].withKeyBytes { compareKeyBytes($0, key) }
            stats.keyCompared()
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
            if let children {
                (children + index + 2).moveInitialize(from: children + index + 1, count: count - index)
                (children + index + 1).initialize(to: rightChild)
            }
            count += 1
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
        return (median, right)
    }

    // MARK: Removal

    /// Removes the element at `index` of a leaf.
    func removeFromLeaf(at index: Int) -> Element {
        let removed = (elements + index).move()
        (elements + index).moveInitialize(from: elements + index + 1, count: count - index - 1)
        count -= 1
        return removed
    }

    /// Moves this node's first element (and first child) out; the caller restores the invariants.
    func removeFirst() -> (element: Element, child: _Node?) {
        let element = elements.move()
        elements.moveInitialize(from: elements + 1, count: count - 1)
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
    }

    /// Appends an element (and a child after it) at the end, for a rotation from the right sibling.
    func append(_ element: Element, child: _Node?) {
        (elements + count).initialize(to: element)
        if let children { children[count + 1] = child }
        count += 1
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
    }

    /// Removes the element at `index` and the child after it (`index + 1`) from an internal node.
    func removeElementAndRightChild(at index: Int) -> Element {
        let removed = (elements + index).move()
        (elements + index).moveInitialize(from: elements + index + 1, count: count - index - 1)
        let children = children.unsafelyUnwrapped
        let child = (children + index + 1).move()
        (children + index + 1).moveInitialize(from: children + index + 2, count: count - index - 1)
        (children + count).initialize(to: nil)
        _ = child
        count -= 1
        return removed
    }
}

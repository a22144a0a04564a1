/// Where an ordered visit starts. For a forward visit it is a lower bound, for a backward visit an upper bound.
enum BTreeBound: Hashable {
    case unbounded
    /// Start at the element with this key, if present.
    case inclusive([UInt8])
    /// Start just past the element with this key (after it forward, before it backward).
    case exclusive([UInt8])
}

enum BTreeDirection: Hashable {
    case forward
    case backward
}

extension BTree {
    /// Calls `body` with elements in key order (or reverse order) starting at `bound`, until `body` returns
    /// false or the elements run out. Does not allocate; the tree must not be mutated during the visit.
    @inline(__always)
    func visit(
        from bound: BTreeBound = .unbounded, direction: BTreeDirection = .forward, _ body: (Element) throws -> Bool
    ) rethrows {
        if _slowPath(BTreeProfiling.enabled) {
            // A local counter, added afterwards: `body` may itself do counted lookups (no overlapping access).
            var counters = BTreeCounters()
            defer { BTreeProfiling.add(counters) }
            try visit(from: bound, direction: direction, stats: &counters, body)
            return
        }
        var stats = BTreeNoStats()
        try visit(from: bound, direction: direction, stats: &stats, body)
    }

    func visit<Stats: BTreeStatsSink>(
        from bound: BTreeBound, direction: BTreeDirection, stats: inout Stats, _ body: (Element) throws -> Bool
    ) rethrows {
        switch bound {
        case .unbounded:
            if direction == .forward {
                _ = try visitAllForward(root, stats: &stats, body)
            } else {
                _ = try visitAllBackward(root, stats: &stats, body)
            }
        case .inclusive(let key), .exclusive(let key):
            let inclusive = if case .inclusive = bound { true } else { false }
            try key.withUnsafeBytes { key in
                if direction == .forward {
                    _ = try visitForward(root, from: key, inclusive: inclusive, stats: &stats, body)
                } else {
                    _ = try visitBackward(root, from: key, inclusive: inclusive, stats: &stats, body)
                }
            }
        }
    }

    // Each helper returns false once `body` asked to stop.

    private func visitAllForward<Stats: BTreeStatsSink>(
        _ node: _Node<Element>, stats: inout Stats, _ body: (Element) throws -> Bool
    ) rethrows -> Bool {
        stats.nodeVisited()
        guard node.children != nil else {
            for i in 0..<node.count where try !body(node.elements[i]) { return false }
            return true
        }
        for i in 0..<node.count {
            guard try visitAllForward(node.child(i), stats: &stats, body), try body(node.elements[i]) else { return false }
        }
        return try visitAllForward(node.child(node.count), stats: &stats, body)
    }

    private func visitAllBackward<Stats: BTreeStatsSink>(
        _ node: _Node<Element>, stats: inout Stats, _ body: (Element) throws -> Bool
    ) rethrows -> Bool {
        stats.nodeVisited()
        guard node.children != nil else {
            var i = node.count - 1
            while i >= 0 {
                guard try body(node.elements[i]) else { return false }
                i -= 1
            }
            return true
        }
        var i = node.count
        while i > 0 {
            guard try visitAllBackward(node.child(i), stats: &stats, body), try body(node.elements[i - 1]) else {
                return false
            }
            i -= 1
        }
        return try visitAllBackward(node.child(0), stats: &stats, body)
    }

    /// Forward from `key`: only the subtree on the search path is bounded; the ones after it are visited whole.
    private func visitForward<Stats: BTreeStatsSink>(
        _ node: _Node<Element>, from key: UnsafeRawBufferPointer, inclusive: Bool, stats: inout Stats,
        _ body: (Element) throws -> Bool
    ) rethrows -> Bool {
        let (index, found) = node.search(key, stats: &stats)
        let isLeaf = node.children == nil
        var next = index  // the next element to report
        if found {
            if inclusive {
                guard try body(node.elements[index]) else { return false }
            }
            next = index + 1
            if !isLeaf { guard try visitAllForward(node.child(next), stats: &stats, body) else { return false } }
        } else if !isLeaf {
            guard try visitForward(node.child(index), from: key, inclusive: inclusive, stats: &stats, body) else {
                return false
            }
        }
        while next < node.count {
            guard try body(node.elements[next]) else { return false }
            next += 1
            if !isLeaf { guard try visitAllForward(node.child(next), stats: &stats, body) else { return false } }
        }
        return true
    }

    /// Backward from `key` (an upper bound), mirroring `visitForward`.
    private func visitBackward<Stats: BTreeStatsSink>(
        _ node: _Node<Element>, from key: UnsafeRawBufferPointer, inclusive: Bool, stats: inout Stats,
        _ body: (Element) throws -> Bool
    ) rethrows -> Bool {
        let (index, found) = node.search(key, stats: &stats)
        let isLeaf = node.children == nil
        // Elements below `key` are 0..<index; child `index` holds keys between elements[index - 1] and key.
        if found {
            if inclusive {
                guard try body(node.elements[index]) else { return false }
            }
            if !isLeaf { guard try visitAllBackward(node.child(index), stats: &stats, body) else { return false } }
        } else if !isLeaf {
            guard try visitBackward(node.child(index), from: key, inclusive: inclusive, stats: &stats, body) else {
                return false
            }
        }
        var next = index - 1
        while next >= 0 {
            guard try body(node.elements[next]) else { return false }
            if !isLeaf { guard try visitAllBackward(node.child(next), stats: &stats, body) else { return false } }
            next -= 1
        }
        return true
    }
}

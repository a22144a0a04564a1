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

/// A visit's far bound as raw bytes: an upper bound going forward, a lower bound going backward.
struct _VisitEnd {
    let key: UnsafeRawBufferPointer
    let inclusive: Bool
    let forward: Bool

    /// Whether an element whose order against `key` is `order` (negative: the element is below) is within.
    @inline(__always)
    func admits(_ order: Int) -> Bool {
        if order == 0 { return inclusive }
        return forward ? order < 0 : order > 0
    }
}

extension BTree {
    /// Calls `body` with elements in key order (or reverse order) from `bound` to `end`, until `body` returns
    /// false or the elements run out. Going forward `bound` is a lower and `end` an upper bound; going
    /// backward the reverse. Does not allocate; the tree must not be mutated during the visit.
    ///
    /// Why an `end` rather than a check in `body`: the visit tells whether an element is within `end` from
    /// the node's cached chunks (see `_Node`), following at most one element per node, so `body` need not
    /// read every element's key (for a key prefix, pass the prefix and its successor as the bounds). On the
    /// newest-20 benchmark that saves one of the two cache lines each visited element cost.
    @inline(__always)
    func visit(
        from bound: BTreeBound = .unbounded, to end: BTreeBound = .unbounded, direction: BTreeDirection = .forward,
        _ body: (Element) throws -> Bool
    ) rethrows {
        if _slowPath(BTreeProfiling.enabled) {
            // A local counter, added afterwards: `body` may itself do counted lookups (no overlapping access).
            var counters = BTreeCounters()
            defer { BTreeProfiling.add(counters) }
            try visit(from: bound, to: end, direction: direction, stats: &counters, body)
            return
        }
        var stats = BTreeNoStats()
        try visit(from: bound, to: end, direction: direction, stats: &stats, body)
    }

    func visit<Stats: BTreeStatsSink>(
        from bound: BTreeBound, to end: BTreeBound = .unbounded, direction: BTreeDirection, stats: inout Stats,
        _ body: (Element) throws -> Bool
    ) rethrows {
        switch end {
        case .unbounded:
            try visit(from: bound, direction: direction, end: nil, stats: &stats, body)
        case .inclusive(let key), .exclusive(let key):
            let inclusive = if case .inclusive = end { true } else { false }
            try key.withUnsafeBytes { key in
                let end = _VisitEnd(key: key, inclusive: inclusive, forward: direction == .forward)
                try visit(from: bound, direction: direction, end: end, stats: &stats, body)
            }
        }
    }

    @inline(__always)
    private func visit<Stats: BTreeStatsSink>(
        from bound: BTreeBound, direction: BTreeDirection, end: _VisitEnd?, stats: inout Stats,
        _ body: (Element) throws -> Bool
    ) rethrows {
        switch bound {
        case .unbounded:
            if direction == .forward {
                _ = try visitAllForward(root, end: end, stats: &stats, body)
            } else {
                _ = try visitAllBackward(root, end: end, stats: &stats, body)
            }
        case .inclusive(let key), .exclusive(let key):
            let inclusive = if case .inclusive = bound { true } else { false }
            try key.withUnsafeBytes { key in
                if direction == .forward {
                    _ = try visitForward(root, from: key, inclusive: inclusive, end: end, stats: &stats, body)
                } else {
                    _ = try visitBackward(root, from: key, inclusive: inclusive, end: end, stats: &stats, body)
                }
            }
        }
    }

    /// How many elements ahead a leaf visit prefetches (see `_Node.prefetchElements`).
    static var prefetchDistance: Int { 4 }
    /// How many groups of chunk and slot lines a leaf visit from a key loads at its start (see
    /// `_Node.prefetchVisitLines`): 3 groups hold a 20-item page wherever it starts in its first group.
    static var prefetchGroups: Int { 3 }

    // Each helper returns false once `body` asked to stop or an element lay beyond `end`. `endCheck` is the
    // node's comparator against the end key (nil without an end).

    /// Reports element `index` of `node` unless it lies beyond `end`; false to stop the visit.
    @inline(__always)
    private func report(
        _ node: _Node<Element>, _ index: Int, end: _VisitEnd?, endCheck: inout _NodeKeyComparator<Element>?,
        _ body: (Element) throws -> Bool
    ) rethrows -> Bool {
        if let end, !end.admits(endCheck!.compare(index, in: node)) { return false }
        return try node.withElement(at: index, body)
    }

    private func visitAllForward<Stats: BTreeStatsSink>(
        _ node: _Node<Element>, end: _VisitEnd?, stats: inout Stats, _ body: (Element) throws -> Bool
    ) rethrows -> Bool {
        stats.nodeVisited()
        var endCheck = end.map { _NodeKeyComparator($0.key, node: node) }
        guard node.children != nil else {
            node.prefetchElements(from: 0, step: 1, count: Self.prefetchDistance)
            for i in 0..<node.count {
                node.prefetchElements(from: i + Self.prefetchDistance, step: 1, count: 1)
                guard try report(node, i, end: end, endCheck: &endCheck, body) else { return false }
            }
            return true
        }
        for i in 0..<node.count {
            guard try visitAllForward(node.child(i), end: end, stats: &stats, body),
                  try report(node, i, end: end, endCheck: &endCheck, body) else { return false }
        }
        return try visitAllForward(node.child(node.count), end: end, stats: &stats, body)
    }

    private func visitAllBackward<Stats: BTreeStatsSink>(
        _ node: _Node<Element>, end: _VisitEnd?, stats: inout Stats, _ body: (Element) throws -> Bool
    ) rethrows -> Bool {
        stats.nodeVisited()
        var endCheck = end.map { _NodeKeyComparator($0.key, node: node) }
        guard node.children != nil else {
            var i = node.count - 1
            node.prefetchElements(from: i, step: -1, count: Self.prefetchDistance)
            while i >= 0 {
                node.prefetchElements(from: i - Self.prefetchDistance, step: -1, count: 1)
                guard try report(node, i, end: end, endCheck: &endCheck, body) else { return false }
                i -= 1
            }
            return true
        }
        var i = node.count
        while i > 0 {
            guard try visitAllBackward(node.child(i), end: end, stats: &stats, body),
                  try report(node, i - 1, end: end, endCheck: &endCheck, body) else { return false }
            i -= 1
        }
        return try visitAllBackward(node.child(0), end: end, stats: &stats, body)
    }

    /// Forward from `key`: only the subtree on the search path is bounded; the ones after it are visited whole.
    private func visitForward<Stats: BTreeStatsSink>(
        _ node: _Node<Element>, from key: UnsafeRawBufferPointer, inclusive: Bool, end: _VisitEnd?, stats: inout Stats,
        _ body: (Element) throws -> Bool
    ) rethrows -> Bool {
        let (index, found) = node.search(key, stats: &stats)
        var endCheck = end.map { _NodeKeyComparator($0.key, node: node) }
        let isLeaf = node.children == nil
        var next = index  // the next element to report
        if found {
            if inclusive {
                guard try report(node, index, end: end, endCheck: &endCheck, body) else { return false }
            }
            next = index + 1
            if !isLeaf {
                guard try visitAllForward(node.child(next), end: end, stats: &stats, body) else { return false }
            }
        } else if !isLeaf {
            guard try visitForward(node.child(index), from: key, inclusive: inclusive, end: end, stats: &stats, body) else {
                return false
            }
        }
        if isLeaf {
            node.prefetchVisitLines(from: next, step: 1, groups: Self.prefetchGroups)
            node.prefetchElements(from: next, step: 1, count: Self.prefetchDistance)
        }
        while next < node.count {
            if isLeaf { node.prefetchElements(from: next + Self.prefetchDistance, step: 1, count: 1) }
            guard try report(node, next, end: end, endCheck: &endCheck, body) else { return false }
            next += 1
            if !isLeaf {
                guard try visitAllForward(node.child(next), end: end, stats: &stats, body) else { return false }
            }
        }
        return true
    }

    /// Backward from `key` (an upper bound), mirroring `visitForward`.
    private func visitBackward<Stats: BTreeStatsSink>(
        _ node: _Node<Element>, from key: UnsafeRawBufferPointer, inclusive: Bool, end: _VisitEnd?, stats: inout Stats,
        _ body: (Element) throws -> Bool
    ) rethrows -> Bool {
        let (index, found) = node.search(key, stats: &stats)
        var endCheck = end.map { _NodeKeyComparator($0.key, node: node) }
        let isLeaf = node.children == nil
        // Elements below `key` are 0..<index; child `index` holds keys between elements[index - 1] and key.
        if found {
            if inclusive {
                guard try report(node, index, end: end, endCheck: &endCheck, body) else { return false }
            }
            if !isLeaf {
                guard try visitAllBackward(node.child(index), end: end, stats: &stats, body) else { return false }
            }
        } else if !isLeaf {
            guard try visitBackward(node.child(index), from: key, inclusive: inclusive, end: end, stats: &stats, body) else {
                return false
            }
        }
        var next = index - 1
        if isLeaf {
            node.prefetchVisitLines(from: next, step: -1, groups: Self.prefetchGroups)
            node.prefetchElements(from: next, step: -1, count: Self.prefetchDistance)
        }
        while next >= 0 {
            if isLeaf { node.prefetchElements(from: next - Self.prefetchDistance, step: -1, count: 1) }
            guard try report(node, next, end: end, endCheck: &endCheck, body) else { return false }
            if !isLeaf {
                guard try visitAllBackward(node.child(next), end: end, stats: &stats, body) else { return false }
            }
            next -= 1
        }
        return true
    }
}

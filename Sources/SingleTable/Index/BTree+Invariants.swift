/// Structural checks, for tests and for STBENCH_INTERNAL_CHECKS builds.
extension BTree {
    /// Describes every broken invariant (empty when the tree is sound): strictly increasing keys within and
    /// across nodes, children bounded by their separators, `count` equal to the elements held, every
    /// non-root node holding 1 ... `nodeCapacity` elements, internal nodes with `count + 1` children and
    /// nil spare slots, all leaves at one depth, each node's cached key prefix, chunks, tie chunks and summary
    /// matching its keys, every node but a root leaf at full capacity.
    func invariantViolations() -> [String] {
        var violations: [String] = []
        var leafDepth: Int?
        let total = check(root, depth: 0, lower: nil, upper: nil, leafDepth: &leafDepth, violations: &violations)
        if total != count { violations.append("count is \(count) but the nodes hold \(total) elements") }
        return violations
    }

    func checkInvariants() -> Bool { invariantViolations().isEmpty }

    /// Node and element counts by level, root first, and the average fill of the leaves (0 ... 1).
    func shape() -> (height: Int, nodes: Int, leafFill: Double) {
        var height = 0, nodes = 0, leafSlots = 0, leafElements = 0
        func walk(_ node: _Node<Element>, depth: Int) {
            nodes += 1
            height = Swift.max(height, depth + 1)
            if node.children == nil {
                leafSlots += node.elementCapacity
                leafElements += node.count
            } else {
                for i in 0...node.count { walk(node.child(i), depth: depth + 1) }
            }
        }
        walk(root, depth: 0)
        return (height, nodes, Double(leafElements) / Double(leafSlots))
    }

    private func check(
        _ node: _Node<Element>, depth: Int, lower: Element?, upper: Element?,
        leafDepth: inout Int?, violations: inout [String]
    ) -> Int {
        if node !== root && (node.count < 1 || node.count > nodeCapacity) {
            violations.append("node at depth \(depth) holds \(node.count) elements; expected 1...\(nodeCapacity)")
        }
        if node.count > node.elementCapacity {
            violations.append("node at depth \(depth) holds \(node.count) elements over its capacity \(node.elementCapacity)")
        }
        if node.elementCapacity != nodeCapacity && !(node === root && node.children == nil) {
            violations.append("node at depth \(depth) has capacity \(node.elementCapacity); only a root leaf may differ")
        }
        for i in 0..<node.count {
            let element = node.elements[i]
            let previous = i > 0 ? node.elements[i - 1] : lower
            if let previous, Self.order(previous, element) >= 0 {
                violations.append("keys not strictly increasing at depth \(depth), index \(i)")
            }
        }
        for i in 0..<node.count {
            let cached = node.elements[i].withKeyBytes { key in
                node.sharesPrefix(key) && node.chunks[i] == _Node<Element>.chunk(key, from: node.prefixLength)
            }
            if !cached { violations.append("stale key prefix or chunk at depth \(depth), index \(i)") }
        }
        var runStart = 0
        while runStart < node.count {
            var runEnd = runStart + 1
            while runEnd < node.count && node.chunks[runEnd] == node.chunks[runStart] { runEnd += 1 }
            if runEnd - runStart >= 2 {
                let shared = node.elements[runStart].withKeyBytes { first in
                    node.elements[runEnd - 1].withKeyBytes { last in commonPrefixLength(first, last, limit: .max) }
                }
                if shared < node.tieOffset {
                    violations.append("run \(runStart)..<\(runEnd) of equal chunks at depth \(depth) shares \(shared) bytes, below the tie offset \(node.tieOffset)")
                }
            }
            runStart = runEnd
        }
        for i in 0..<node.count {
            let tieChunk = node.elements[i].withKeyBytes { _Node<Element>.chunk($0, from: node.tieOffset) }
            if node.tieChunks[i] != tieChunk { violations.append("stale tie chunk at depth \(depth), index \(i)") }
        }
        for i in stride(from: 0, to: node.count, by: _Node<Element>.groupSize) {
            let group = i / _Node<Element>.groupSize
            let word = _Node<Element>.summaryWord(ofGroup: group)
            if (node.summary[word], node.summary[word + 1]) != (node.chunks[i], node.tieChunks[i]) {
                violations.append("stale summary pair at depth \(depth), group \(group)")
            }
        }
        if node.prefixLength > _Node<Element>.maximumPrefixLength {
            violations.append("prefix length \(node.prefixLength) exceeds \(_Node<Element>.maximumPrefixLength)")
        }
        if let upper, node.count > 0, Self.order(node.elements[node.count - 1], upper) >= 0 {
            violations.append("node at depth \(depth) holds a key not below its upper separator")
        }
        guard let children = node.children else {
            if let leafDepth, leafDepth != depth {
                violations.append("leaf at depth \(depth), another at depth \(leafDepth)")
            }
            leafDepth = depth
            return node.count
        }
        var total = node.count
        for i in 0...node.count {
            guard let child = children[i] else {
                violations.append("internal node at depth \(depth) lacks child \(i) of \(node.count + 1)")
                continue
            }
            total += check(
                child, depth: depth + 1, lower: i > 0 ? node.elements[i - 1] : lower,
                upper: i < node.count ? node.elements[i] : upper, leafDepth: &leafDepth, violations: &violations)
        }
        for i in (node.count + 1)..<(nodeCapacity + 1) where children[i] != nil {
            violations.append("internal node at depth \(depth) has a stale child in spare slot \(i)")
        }
        return total
    }

    private static func order(_ a: Element, _ b: Element) -> Int {
        a.withKeyBytes { a in b.withKeyBytes { b in compareKeyBytes(a, b) } }
    }
}

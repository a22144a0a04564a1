extension BTree: Sequence {
    /// Iterates elements in key order. Keeps the path from the root in a small array (one allocation per
    /// iteration); hot paths use `visit`, which allocates nothing.
    struct Iterator: IteratorProtocol {
        /// (node, index of the next element of that node to return)
        private var path: [(node: _Node<Element>, index: Int)] = []

        init(root: _Node<Element>) {
            descendLeft(from: root)
        }

        private mutating func descendLeft(from start: _Node<Element>) {
            var node = start
            while true {
                path.append((node, 0))
                guard let children = node.children else { return }
                node = children[0].unsafelyUnwrapped
            }
        }

        mutating func next() -> Element? {
            while let (node, index) = path.last {
                if index < node.count {
                    path[path.count - 1].index = index + 1
                    if node.children != nil { descendLeft(from: node.child(index + 1)) }
                    return node.elements[index]
                }
                path.removeLast()
            }
            return nil
        }
    }

    func makeIterator() -> Iterator { Iterator(root: root) }

    var underestimatedCount: Int { count }
}

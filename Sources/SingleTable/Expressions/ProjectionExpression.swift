/// A parsed ProjectionExpression: the document paths to return.
struct ProjectionExpression: Hashable, Sendable {
    var paths: [DocumentPath]

    static func parse(_ text: String, attributes: inout ExpressionAttributes) throws(DynamoDBError) -> ProjectionExpression {
        var parser = try ExpressionParser(text, kind: .projection, attributes: attributes)
        var paths = [try parser.parsePath()]
        while parser.current.kind == .comma {
            parser.advance()
            paths.append(try parser.parsePath())
        }
        try parser.expectEnd()
        try DocumentPath.checkDisjoint(paths, kind: .projection)
        attributes = parser.attributes
        return ProjectionExpression(paths: paths)
    }

    /// The distinct top-level attributes the projection reads (e.g. to decide which stored attributes to decode).
    var topLevelNames: [String] {
        var seen: Set<String> = []
        return paths.compactMap { seen.insert($0.name).inserted ? $0.name : nil }
    }

    /// The projected item. Nested paths keep their nesting (`a.b` gives `{a: {b: …}}`), and list elements
    /// that are picked keep their relative order but are packed together, as DynamoDB returns them
    /// (`l[1], l[3]` of a four-element list gives a two-element list). Missing paths are left out.
    func project<Reader: AttributeReader>(_ item: Reader) -> Item {
        var tree: [String: Node] = [:]
        for path in paths {
            guard let top = item.attribute(path.name) else { continue }
            guard let node = Node.extract(top, path.elements[...]) else { continue }
            if let existing = tree[path.name] { tree[path.name] = existing.merged(with: node) } else { tree[path.name] = node }
        }
        return tree.mapValues(\.value)
    }

    /// The parts of a value a projection picked, before lists are compacted.
    private indirect enum Node {
        case whole(AttributeValue)
        case map([String: Node])
        case list([Int: Node])

        static func extract(_ value: AttributeValue, _ elements: ArraySlice<DocumentPath.Element>) -> Node? {
            guard let first = elements.first else { return .whole(value) }
            switch (first, value) {
            case let (.key(key), .m(map)):
                guard let child = map[key], let node = extract(child, elements.dropFirst()) else { return nil }
                return .map([key: node])
            case let (.index(index), .l(list)):
                guard index < list.count, let node = extract(list[index], elements.dropFirst()) else { return nil }
                return .list([index: node])
            default:
                return nil
            }
        }

        /// Paths of one projection never overlap, so merging only ever combines disjoint maps or lists.
        func merged(with other: Node) -> Node {
            switch (self, other) {
            case let (.map(a), .map(b)): return .map(a.merging(b) { x, y in x.merged(with: y) })
            case let (.list(a), .list(b)): return .list(a.merging(b) { x, y in x.merged(with: y) })
            default: return other
            }
        }

        var value: AttributeValue {
            switch self {
            case .whole(let v): return v
            case .map(let m): return .m(m.mapValues(\.value))
            case .list(let l): return .l(l.keys.sorted().map { l[$0]!.value })
            }
        }
    }
}

/// A document path (`a.b[2].c`) with its placeholders already resolved: a top-level attribute name
/// followed by map keys and list indexes.
struct DocumentPath: Hashable, Sendable, CustomStringConvertible {
    enum Element: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    /// The top-level attribute.
    var name: String
    /// Steps below the top-level attribute.
    var elements: [Element]

    init(name: String, elements: [Element] = []) {
        self.name = name
        self.elements = elements
    }

    /// The value at this path, or nil when any step is missing or of the wrong type.
    /// Allocation-free: it only walks existing values.
    @inline(__always)
    func resolve<Reader: AttributeReader>(in item: Reader) -> AttributeValue? {
        guard var value = item.attribute(name) else { return nil }
        for element in elements {
            switch (element, value) {
            case let (.key(key), .m(map)):
                guard let next = map[key] else { return nil }
                value = next
            case let (.index(index), .l(list)):
                guard index < list.count else { return nil }
                value = list[index]
            default:
                return nil
            }
        }
        return value
    }

    /// DynamoDB's rendering of a path in overlap messages: `[a, b, [2]]`.
    var description: String {
        var parts = [name]
        for element in elements {
            switch element {
            case .key(let key): parts.append(key)
            case .index(let index): parts.append("[\(index)]")
            }
        }
        return "[" + parts.joined(separator: ", ") + "]"
    }

    enum Relation { case disjoint, overlap, conflict }

    /// Whether two paths touch the same data: one is a prefix of the other (overlap), or they diverge
    /// by using a map key on one side and a list index on the other at the same step (conflict).
    func relation(to other: DocumentPath) -> Relation {
        guard name == other.name else { return .disjoint }
        for (a, b) in zip(elements, other.elements) {
            switch (a, b) {
            case let (.key(x), .key(y)): if x != y { return .disjoint }
            case let (.index(x), .index(y)): if x != y { return .disjoint }
            default: return .conflict
            }
        }
        return .overlap
    }

    /// Rejects any two paths of one expression that overlap or conflict, in DynamoDB's words.
    static func checkDisjoint(_ paths: [DocumentPath], kind: ExpressionKind) throws(DynamoDBError) {
        for i in paths.indices {
            for j in paths.indices where j > i {
                switch paths[i].relation(to: paths[j]) {
                case .disjoint: continue
                case .overlap:
                    throw kind.invalid(
                        "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: \(paths[i]), path two: \(paths[j])")
                case .conflict:
                    throw kind.invalid(
                        "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: \(paths[i]), path two: \(paths[j])")
                }
            }
        }
    }
}

/// An operand of a comparison: a document path, a literal from ExpressionAttributeValues, or `size(path)`.
enum Operand: Hashable, Sendable {
    case path(DocumentPath)
    case value(AttributeValue)
    case size(DocumentPath)

    /// The operand's value for one item; nil when the path is missing or `size` is undefined for its type.
    @inline(__always)
    func value<Reader: AttributeReader>(in item: Reader) -> AttributeValue? {
        switch self {
        case .value(let value): return value
        case .path(let path): return path.resolve(in: item)
        case .size(let path):
            guard let value = path.resolve(in: item), let count = Operand.size(of: value) else { return nil }
            return .n(Number(count))
        }
    }

    /// DynamoDB's `size`: bytes of a string (UTF-8) or binary, elements of a set, list or map; undefined otherwise.
    static func size(of value: AttributeValue) -> Int? {
        switch value {
        case .s(let s): return s.utf8.count
        case .b(let b): return b.count
        case .ss(let v): return v.count
        case .ns(let v): return v.count
        case .bs(let v): return v.count
        case .l(let v): return v.count
        case .m(let v): return v.count
        case .n, .bool, .null: return nil
        }
    }
}

enum Comparator: Hashable, Sendable {
    case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual

    /// Applies the comparator with DynamoDB's rules: `=`/`<>` compare any two values (different types are
    /// unequal); ordering applies to S and B (unsigned bytes) and N (numerically) of one type only, and is
    /// false for anything else.
    @inline(__always)
    func holds(_ a: AttributeValue, _ b: AttributeValue) -> Bool {
        switch self {
        case .equal: return ValueOrder.equal(a, b)
        case .notEqual: return !ValueOrder.equal(a, b)
        case .less: return (ValueOrder.order(a, b) ?? 0) < 0
        case .lessOrEqual: guard let c = ValueOrder.order(a, b) else { return false }; return c <= 0
        case .greater: return (ValueOrder.order(a, b) ?? 0) > 0
        case .greaterOrEqual: guard let c = ValueOrder.order(a, b) else { return false }; return c >= 0
        }
    }
}

/// The syntax tree of a condition (ConditionExpression, FilterExpression, KeyConditionExpression).
indirect enum Condition: Hashable, Sendable {
    case compare(Operand, Comparator, Operand)
    case between(Operand, Operand, Operand)
    case `in`(Operand, [Operand])
    case attributeExists(DocumentPath)
    case attributeNotExists(DocumentPath)
    case attributeType(DocumentPath, AttributeType)
    case beginsWith(Operand, Operand)
    case contains(Operand, Operand)
    case and(Condition, Condition)
    case or(Condition, Condition)
    case not(Condition)

    /// Evaluates the condition for one item. Placeholders were resolved at parse time, so this walks the
    /// tree and the item without building strings or collections.
    func evaluate<Reader: AttributeReader>(_ item: Reader) -> Bool {
        switch self {
        case let .compare(lhs, comparator, rhs):
            // A missing attribute equals nothing, so `<>` holds when either side is missing (even both,
            // as DynamoDB evaluates `a <> b` with neither present) and every other comparator fails.
            guard let a = lhs.value(in: item), let b = rhs.value(in: item) else { return comparator == .notEqual }
            return comparator.holds(a, b)
        case let .between(operand, low, high):
            guard let v = operand.value(in: item), let l = low.value(in: item), let h = high.value(in: item),
                let lowOrder = ValueOrder.order(v, l), let highOrder = ValueOrder.order(v, h)
            else { return false }
            return lowOrder >= 0 && highOrder <= 0
        case let .in(operand, candidates):
            guard let v = operand.value(in: item) else { return false }
            for candidate in candidates {
                if let c = candidate.value(in: item), ValueOrder.equal(c, v) { return true }
            }
            return false
        case .attributeExists(let path):
            return path.resolve(in: item) != nil
        case .attributeNotExists(let path):
            return path.resolve(in: item) == nil
        case let .attributeType(path, type):
            return path.resolve(in: item)?.type == type
        case let .beginsWith(operand, prefix):
            guard let v = operand.value(in: item), let p = prefix.value(in: item) else { return false }
            switch (v, p) {
            case let (.s(s), .s(prefix)): return ValueOrder.hasPrefix(s, prefix)
            case let (.b(b), .b(prefix)): return b.starts(with: prefix)
            default: return false
            }
        case let .contains(operand, element):
            guard let v = operand.value(in: item), let e = element.value(in: item) else { return false }
            return Condition.contains(v, e)
        case let .and(a, b):
            return a.evaluate(item) && b.evaluate(item)
        case let .or(a, b):
            return a.evaluate(item) || b.evaluate(item)
        case .not(let c):
            return !c.evaluate(item)
        }
    }

    /// `contains`: a substring of a string, a sub-sequence of a binary, a member of a set of the element's
    /// type, or an element of a list.
    static func contains(_ container: AttributeValue, _ element: AttributeValue) -> Bool {
        switch (container, element) {
        case let (.s(s), .s(sub)): return ValueOrder.contains(s, sub)
        case let (.b(b), .b(sub)): return ValueOrder.contains(b, sub)
        case let (.ss(set), .s(s)):
            // String sets are kept in byte order (AttributeValue.stringSet), so binary search.
            var low = 0, high = set.count
            while low < high {
                let mid = (low + high) / 2
                switch ValueOrder.compare(set[mid], s) {
                case 0: return true
                case ..<0: low = mid + 1
                default: high = mid
                }
            }
            return false
        case let (.ns(set), .n(n)): return set.contains(n)
        case let (.bs(set), .b(b)): return set.contains(b)
        case let (.l(list), _): return list.contains { ValueOrder.equal($0, element) }
        default: return false
        }
    }
}

extension Operand {
    /// Top-level attribute names this operand reads.
    var topLevelNames: [String] {
        switch self {
        case .path(let p), .size(let p): return [p.name]
        case .value: return []
        }
    }
}

extension Condition {
    /// Top-level attribute names the condition reads (Query rejects filters on key attributes).
    var topLevelNames: Set<String> {
        switch self {
        case let .compare(a, _, b): return Set(a.topLevelNames + b.topLevelNames)
        case let .between(a, b, c): return Set(a.topLevelNames + b.topLevelNames + c.topLevelNames)
        case let .in(a, list): return Set(a.topLevelNames + list.flatMap(\.topLevelNames))
        case .attributeExists(let p), .attributeNotExists(let p), .attributeType(let p, _): return [p.name]
        case let .beginsWith(a, b), let .contains(a, b): return Set(a.topLevelNames + b.topLevelNames)
        case .not(let c): return c.topLevelNames
        case let .and(a, b), let .or(a, b): return a.topLevelNames.union(b.topLevelNames)
        }
    }
}

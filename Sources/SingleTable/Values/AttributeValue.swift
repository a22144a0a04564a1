/// One DynamoDB attribute value.
///
/// Equality and hashing of strings are by UTF-8 bytes, as DynamoDB compares them: "é" (U+00E9) and
/// "e\u{301}" are different values here although Swift's `String ==` calls them equal.
/// Sets keep their elements in DynamoDB's key order (bytes, or numeric) so equal sets compare equal.
public enum AttributeValue: Sendable {
    case s(String)
    case n(Number)
    case b([UInt8])
    case bool(Bool)
    case null
    case m([String: AttributeValue])
    case l([AttributeValue])
    case ss([String])
    case ns([Number])
    case bs([[UInt8]])
}

public typealias Item = [String: AttributeValue]

/// DynamoDB's type descriptors, as `attribute_type` and the wire format name them.
public enum AttributeType: String, Sendable, Hashable, CaseIterable {
    case s = "S", n = "N", b = "B", bool = "BOOL", null = "NULL", m = "M", l = "L", ss = "SS", ns = "NS", bs = "BS"
}

extension AttributeValue {
    public var type: AttributeType {
        switch self {
        case .s: .s
        case .n: .n
        case .b: .b
        case .bool: .bool
        case .null: .null
        case .m: .m
        case .l: .l
        case .ss: .ss
        case .ns: .ns
        case .bs: .bs
        }
    }

    /// Builds a number value from DynamoDB's string form.
    public static func number(_ text: String) throws(DynamoDBError) -> AttributeValue { .n(try Number(parsing: text)) }

    /// A string set with duplicates removed and elements in byte order.
    public static func stringSet(_ values: some Sequence<String>) -> AttributeValue {
        var sorted = Array(values)
        sorted.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var unique: [String] = []
        for v in sorted where unique.last.map({ !$0.utf8.elementsEqual(v.utf8) }) ?? true { unique.append(v) }
        return .ss(unique)
    }

    public static func numberSet(_ values: some Sequence<Number>) -> AttributeValue {
        .ns(Array(Set(values)).sorted())
    }

    public static func binarySet(_ values: some Sequence<[UInt8]>) -> AttributeValue {
        var sorted = Array(values)
        sorted.sort { $0.lexicographicallyPrecedes($1) }
        var unique: [[UInt8]] = []
        for v in sorted where unique.last != v { unique.append(v) }
        return .bs(unique)
    }
}

// MARK: Equality by bytes

extension AttributeValue: Hashable {
    public static func == (lhs: AttributeValue, rhs: AttributeValue) -> Bool {
        switch (lhs, rhs) {
        case let (.s(a), .s(b)): return ValueOrder.compare(a, b) == 0
        case let (.n(a), .n(b)): return a == b
        case let (.b(a), .b(b)): return a == b
        case let (.bool(a), .bool(b)): return a == b
        case (.null, .null): return true
        case let (.m(a), .m(b)):
            guard a.count == b.count else { return false }
            for (key, value) in a {
                guard let other = b[key], other == value else { return false }
            }
            return true
        case let (.l(a), .l(b)): return a == b
        // Sets are unordered: equal when they hold the same elements, whatever order they were built in.
        case let (.ss(a), .ss(b)): return a.count == b.count && Set(a.map { Array($0.utf8) }) == Set(b.map { Array($0.utf8) })
        case let (.ns(a), .ns(b)): return a.count == b.count && Set(a) == Set(b)
        case let (.bs(a), .bs(b)): return a.count == b.count && Set(a) == Set(b)
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(type)
        switch self {
        case .s(let v): for byte in v.utf8 { hasher.combine(byte) }
        case .n(let v): hasher.combine(v)
        case .b(let v): hasher.combine(v)
        case .bool(let v): hasher.combine(v)
        case .null: break
        case .m(let v):
            // Order-independent: combine per-entry hashes commutatively.
            var sum = 0
            for (key, value) in v { sum &+= key.hashValue ^ value.hashValue }
            hasher.combine(v.count)
            hasher.combine(sum)
        case .l(let v): hasher.combine(v)
        case .ss(let v): hasher.combine(Set(v.map { Array($0.utf8) }))
        case .ns(let v): hasher.combine(Set(v))
        case .bs(let v): hasher.combine(Set(v))
        }
    }
}

// MARK: Ordering of key values

extension AttributeValue {
    /// DynamoDB's order for scalar values of one type: S and B by unsigned bytes, N numerically.
    /// Returns nil for values of different types or non-scalar types (they are not ordered).
    public func compare(to other: AttributeValue) -> Int? { ValueOrder.order(self, other) }

}

// MARK: Size, as DynamoDB counts it

extension AttributeValue {
    /// The value's size in bytes by DynamoDB's rules (the attribute name is counted by the caller).
    ///
    /// S and B: their length; N: one byte per two significant digits plus one; BOOL and NULL: one byte;
    /// L and M: three bytes plus, per element, one byte and the element's size (and, for M, its name);
    /// sets: the sum of their elements.
    public var sizeInBytes: Int {
        switch self {
        case .s(let v): return v.utf8.count
        case .n(let v): return v.sizeInBytes
        case .b(let v): return v.count
        case .bool, .null: return 1
        case .m(let v):
            var size = 3
            for (key, value) in v { size += key.utf8.count + value.sizeInBytes + 1 }
            return size
        case .l(let v):
            var size = 3
            for value in v { size += value.sizeInBytes + 1 }
            return size
        case .ss(let v): return v.reduce(0) { $0 + $1.utf8.count }
        case .ns(let v): return v.reduce(0) { $0 + $1.sizeInBytes }
        case .bs(let v): return v.reduce(0) { $0 + $1.count }
        }
    }
}

/// DynamoDB's size of a whole item: each attribute's name length plus its value's size.
@inlinable
public func itemSize(_ item: Item) -> Int {
    var size = 0
    for (name, value) in item { size += name.utf8.count + value.sizeInBytes }
    return size
}

// MARK: Literals, for tests and examples

extension AttributeValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .s(value) }
    public init(integerLiteral value: Int) { self = .n(Number(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension AttributeValue: CustomStringConvertible {
    /// DynamoDB-JSON-like text, for messages and debugging.
    public var description: String {
        switch self {
        case .s(let v): return "{S: \(v)}"
        case .n(let v): return "{N: \(v)}"
        case .b(let v): return "{B: \(v.count) bytes}"
        case .bool(let v): return "{BOOL: \(v)}"
        case .null: return "{NULL: true}"
        case .m(let v): return "{M: {" + v.keys.sorted().map { "\($0)=\(v[$0]!)" }.joined(separator: ", ") + "}}"
        case .l(let v): return "{L: [" + v.map(\.description).joined(separator: ", ") + "]}"
        case .ss(let v): return "{SS: [" + v.joined(separator: ", ") + "]}"
        case .ns(let v): return "{NS: [" + v.map(\.description).joined(separator: ", ") + "]}"
        case .bs(let v): return "{BS: \(v.count) values}"
        }
    }
}

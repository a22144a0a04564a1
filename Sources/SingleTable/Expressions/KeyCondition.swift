/// A parsed KeyConditionExpression, validated against the key schema of the table or index queried:
/// an equality on the partition key and at most one condition on the sort key.
struct KeyCondition: Hashable, Sendable {
    enum SortKeyCondition: Hashable, Sendable {
        case equal(AttributeValue)
        case lessThan(AttributeValue)
        case lessThanOrEqual(AttributeValue)
        case greaterThan(AttributeValue)
        case greaterThanOrEqual(AttributeValue)
        case between(AttributeValue, AttributeValue)
        case beginsWith(AttributeValue)

        /// Whether a sort key value satisfies the condition (values of another type never do).
        func matches(_ value: AttributeValue) -> Bool {
            switch self {
            case .equal(let v): return value == v
            case .lessThan(let v): return Comparator.less.holds(value, v)
            case .lessThanOrEqual(let v): return Comparator.lessOrEqual.holds(value, v)
            case .greaterThan(let v): return Comparator.greater.holds(value, v)
            case .greaterThanOrEqual(let v): return Comparator.greaterOrEqual.holds(value, v)
            case let .between(low, high):
                return Comparator.greaterOrEqual.holds(value, low) && Comparator.lessOrEqual.holds(value, high)
            case .beginsWith(let prefix):
                switch (value, prefix) {
                case let (.s(s), .s(p)): return ValueOrder.hasPrefix(s, p)
                case let (.b(b), .b(p)): return b.starts(with: p)
                default: return false
                }
            }
        }
    }

    var partitionKey: String
    var partitionValue: AttributeValue
    var sortKeyName: String?
    var sortKey: SortKeyCondition?

    static let kind = ExpressionKind.keyCondition

    /// One flattened condition: an attribute name and what its value must satisfy.
    typealias Part = (name: String, condition: SortKeyCondition)

    /// The conditions of a key condition that has at most two, which is every valid one: kept inline
    /// rather than in an array, because an array per Query was measurable (callgrind, newest-20 Query:
    /// building, filtering and freeing the parts array cost ~1.5k instructions).
    struct Parts {
        var first: Part
        var second: Part?

        /// The parts in order, as the general parser's `collect` lists them (for tests).
        var array: [Part] { [first] + (second.map { [$0] } ?? []) }
    }

    /// Parses `text` with the condition grammar, then checks it has the only shape a Query accepts.
    /// - Parameters:
    ///   - partitionKey, sortKey: the key schema of the table or index queried.
    ///   - keyTypes: the attribute definitions of those keys, to check the values' types.
    static func parse(
        _ text: String, partitionKey: String, sortKey: String?, keyTypes: [String: ScalarAttributeType],
        attributes: inout ExpressionAttributes
    ) throws(DynamoDBError) -> KeyCondition {
        try parse(text, partitionKey: partitionKey, partitionKeyType: keyTypes[partitionKey],
                  sortKey: sortKey, sortKeyType: sortKey.flatMap { keyTypes[$0] }, attributes: &attributes)
    }

    /// Parses `text` against a key schema whose types are known (nil: not defined, so no value matches).
    static func parse(
        _ text: String, partitionKey: String, partitionKeyType: ScalarAttributeType?, sortKey: String?,
        sortKeyType: ScalarAttributeType?, attributes: inout ExpressionAttributes
    ) throws(DynamoDBError) -> KeyCondition {
        let parts: Parts
        if let fast = try parseCommonShape(text, attributes: &attributes) {
            parts = fast
        } else {
            var parser = try ExpressionParser(text, kind: kind, attributes: attributes)
            let condition = try parser.parseCondition()
            try parser.expectEnd()
            attributes = parser.attributes
            var collected: [Part] = []
            try collect(condition, into: &collected)
            // `collect` yields at least one part; more than two always repeat a key.
            guard let first = collected.first else {
                throw .validation("Query condition missed key schema element: \(partitionKey)")
            }
            if collected.count > 2 { throw .validation("KeyConditionExpressions must only contain one condition per key") }
            parts = Parts(first: first, second: collected.count == 2 ? collected[1] : nil)
        }
        return try validated(parts, partitionKey: partitionKey, partitionKeyType: partitionKeyType,
                             sortKey: sortKey, sortKeyType: sortKeyType)
    }

    /// Checks the flattened conditions against the key schema (shared by both parsers), raising the
    /// first error DynamoDB reports, in the order the conditions appear.
    static func validated(
        _ parts: Parts, partitionKey: String, partitionKeyType: ScalarAttributeType?, sortKey: String?,
        sortKeyType: ScalarAttributeType?
    ) throws(DynamoDBError) -> KeyCondition {
        // The commonest key condition, a lone equality on the partition key, passes every check below but
        // the type; deciding it first skips copying the conditions around (~400 instructions per Query).
        if parts.second == nil, parts.first.name == partitionKey, case .equal(let v) = parts.first.condition {
            try checkType(v, of: partitionKey, partitionKeyType)
            return KeyCondition(partitionKey: partitionKey, partitionValue: v, sortKeyName: sortKey, sortKey: nil)
        }
        if let second = parts.second, second.name == parts.first.name {
            throw .validation("KeyConditionExpressions must only contain one condition per key")
        }
        var partitionValue: AttributeValue?
        var sortCondition: SortKeyCondition?
        for index in 0..<(parts.second == nil ? 1 : 2) {
            let part = index == 0 ? parts.first : parts.second!
            if part.name == partitionKey {
                guard case .equal(let v) = part.condition else { throw .validation("Query key condition not supported") }
                partitionValue = v
            } else if part.name == sortKey {
                sortCondition = part.condition
            } else {
                // A condition on a non-key attribute leaves a key element uncovered.
                let coversPartition = parts.first.name == partitionKey || parts.second?.name == partitionKey
                throw .validation("Query condition missed key schema element: \(coversPartition ? (sortKey ?? partitionKey) : partitionKey)")
            }
        }
        guard let partitionValue else {
            throw .validation("Query condition missed key schema element: \(partitionKey)")
        }
        try checkType(partitionValue, of: partitionKey, partitionKeyType)
        if let sortCondition, let sortKey {
            switch sortCondition {
            case .equal(let v), .lessThan(let v), .lessThanOrEqual(let v), .greaterThan(let v), .greaterThanOrEqual(let v):
                try checkType(v, of: sortKey, sortKeyType)
            case let .between(low, high):
                try checkType(low, of: sortKey, sortKeyType)
                try checkType(high, of: sortKey, sortKeyType)
            case .beginsWith(let prefix):
                try checkType(prefix, of: sortKey, sortKeyType)
                if case .n = prefix {
                    throw kind.invalid("Incorrect operand type for operator or function; operator or function: begins_with, operand type: N")
                }
            }
        }
        return KeyCondition(partitionKey: partitionKey, partitionValue: partitionValue, sortKeyName: sortKey, sortKey: sortCondition)
    }

    private static func checkType(_ value: AttributeValue, of key: String, _ expected: ScalarAttributeType?) throws(DynamoDBError) {
        let matches: Bool
        switch (value, expected) {
        case (.s, .s?), (.n, .n?), (.b, .b?): matches = true
        default: matches = false
        }
        guard matches else {
            throw .validation("One or more parameter values were invalid: Condition parameter type does not match schema type")
        }
        if Operand.size(of: value) == 0 {
            let typeName = value.type == .s ? "string" : "binary"
            throw .validation(
                "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty \(typeName) value. Key: \(key)")
        }
    }

    /// Flattens ANDs into per-attribute conditions; anything but `=`, `<`, `<=`, `>`, `>=`, BETWEEN and
    /// begins_with of a top-level attribute and a value is an operator DynamoDB refuses in a key condition.
    static func collectForTesting(_ condition: Condition, into parts: inout [Part]) throws(DynamoDBError) {
        try collect(condition, into: &parts)
    }

    private static func collect(_ condition: Condition, into parts: inout [Part]) throws(DynamoDBError) {
        switch condition {
        case let .and(a, b):
            try collect(a, into: &parts)
            try collect(b, into: &parts)
        case let .compare(.path(path), comparator, .value(v)):
            let name = try topLevel(path)
            switch comparator {
            case .equal: parts.append((name, .equal(v)))
            case .less: parts.append((name, .lessThan(v)))
            case .lessOrEqual: parts.append((name, .lessThanOrEqual(v)))
            case .greater: parts.append((name, .greaterThan(v)))
            case .greaterOrEqual: parts.append((name, .greaterThanOrEqual(v)))
            case .notEqual: throw unsupported("<>")
            }
        case let .between(.path(path), .value(low), .value(high)):
            parts.append((try topLevel(path), .between(low, high)))
        case let .beginsWith(.path(path), .value(prefix)):
            parts.append((try topLevel(path), .beginsWith(prefix)))
        case .or: throw unsupported("OR")
        case .not: throw unsupported("NOT")
        case .in: throw unsupported("IN")
        case .attributeExists: throw unsupported("attribute_exists")
        case .attributeNotExists: throw unsupported("attribute_not_exists")
        case .attributeType: throw unsupported("attribute_type")
        case .contains: throw unsupported("contains")
        default:
            throw kind.invalid("The key conditions must compare a key attribute with a value;")
        }
    }

    private static func unsupported(_ op: String) -> DynamoDBError {
        kind.invalid("Invalid operator used in KeyConditionExpression: \(op)")
    }

    private static func topLevel(_ path: DocumentPath) throws(DynamoDBError) -> String {
        guard path.elements.isEmpty else {
            throw kind.invalid("KeyConditionExpressions cannot have conditions on nested attributes;")
        }
        return path.name
    }
}

/// The value side of a SET action.
indirect enum UpdateOperand: Hashable, Sendable {
    case path(DocumentPath)
    case value(AttributeValue)
    case ifNotExists(DocumentPath, UpdateOperand)
    case listAppend(UpdateOperand, UpdateOperand)
    case plus(UpdateOperand, UpdateOperand)
    case minus(UpdateOperand, UpdateOperand)
}

enum UpdateAction: Hashable, Sendable {
    case set(DocumentPath, UpdateOperand)
    case remove(DocumentPath)
    case add(DocumentPath, AttributeValue)
    case delete(DocumentPath, AttributeValue)

    var path: DocumentPath {
        switch self {
        case .set(let p, _), .remove(let p), .add(let p, _), .delete(let p, _): return p
        }
    }
}

/// A parsed UpdateExpression: SET, REMOVE, ADD and DELETE clauses, each at most once, in any order.
struct UpdateExpression: Hashable, Sendable {
    var actions: [UpdateAction]

    static let incorrectDataType = DynamoDBError.validation("An operand in the update expression has an incorrect data type")
    static let missingAttribute = DynamoDBError.validation(
        "The provided expression refers to an attribute that does not exist in the item")

    static func parse(_ text: String, attributes: inout ExpressionAttributes) throws(DynamoDBError) -> UpdateExpression {
        var parser = try ExpressionParser(text, kind: .update, attributes: attributes)
        var actions: [UpdateAction] = []
        var seen: Set<String> = []
        while parser.current.kind != .end {
            let clause = parser.text(parser.current).uppercased()
            guard parser.current.kind == .identifier, ["SET", "REMOVE", "ADD", "DELETE"].contains(clause) else {
                throw parser.syntaxError()
            }
            guard seen.insert(clause).inserted else {
                throw ExpressionKind.update.invalid("The \"\(clause)\" section can only be used once in an update expression;")
            }
            parser.advance()
            actions.append(try parseAction(clause, &parser))
            while parser.current.kind == .comma {
                parser.advance()
                actions.append(try parseAction(clause, &parser))
            }
        }
        try DocumentPath.checkDisjoint(actions.map(\.path), kind: .update)
        attributes = parser.attributes
        return UpdateExpression(actions: actions)
    }

    private static func parseAction(_ clause: String, _ parser: inout ExpressionParser) throws(DynamoDBError) -> UpdateAction {
        let path = try parser.parsePath()
        switch clause {
        case "SET":
            try parser.expect(.equal)
            return .set(path, try parseSetValue(&parser))
        case "REMOVE":
            return .remove(path)
        default:
            let value = try parser.parseValue()
            let allowed: Bool
            switch value {
            case .ss, .ns, .bs: allowed = true
            case .n: allowed = clause == "ADD"
            default: allowed = false
            }
            guard allowed else {
                throw ExpressionKind.update.invalid(
                    "Incorrect operand type for operator or function; operator: \(clause), operand type: \(typeName(value))")
            }
            return clause == "ADD" ? .add(path, value) : .delete(path, value)
        }
    }

    /// DynamoDB's long type names, as its ADD/DELETE operand errors spell them.
    static func typeName(_ value: AttributeValue) -> String {
        switch value {
        case .s: "STRING"
        case .n: "NUMBER"
        case .b: "BINARY"
        case .bool: "BOOLEAN"
        case .null: "NULL"
        case .m: "MAP"
        case .l: "LIST"
        case .ss: "STRING_SET"
        case .ns: "NUMBER_SET"
        case .bs: "BINARY_SET"
        }
    }

    /// `operand ( ('+' | '-') operand )?`
    private static func parseSetValue(_ parser: inout ExpressionParser) throws(DynamoDBError) -> UpdateOperand {
        let lhs = try parseSetOperand(&parser)
        let isPlus = parser.current.kind == .plus
        guard isPlus || parser.current.kind == .minus else { return lhs }
        parser.advance()
        let rhs = try parseSetOperand(&parser)
        for case .value(let v) in [lhs, rhs] {
            guard case .n = v else { throw parser.incorrectOperandType(isPlus ? "+" : "-", v) }
        }
        return isPlus ? .plus(lhs, rhs) : .minus(lhs, rhs)
    }

    /// `:value | path | if_not_exists(path, operand) | list_append(operand, operand)`
    private static func parseSetOperand(_ parser: inout ExpressionParser) throws(DynamoDBError) -> UpdateOperand {
        if parser.current.kind == .valueRef { return .value(try parser.parseValue()) }
        guard parser.atFunctionCall else { return .path(try parser.parsePath()) }
        let name = parser.text(parser.current)
        guard ExpressionParser.updateFunctions.contains(name) else { throw parser.functionMisuse(name) }
        parser.advance()
        parser.advance()
        let result: UpdateOperand
        if name == "if_not_exists" {
            let path = try parser.parsePath()
            try parser.expect(.comma)
            result = .ifNotExists(path, try parseSetOperand(&parser))
        } else {
            let first = try parseSetOperand(&parser)
            try parser.expect(.comma)
            let second = try parseSetOperand(&parser)
            for case .value(let v) in [first, second] {
                guard case .l = v else { throw parser.incorrectOperandType("list_append", v) }
            }
            result = .listAppend(first, second)
        }
        try parser.expect(.rightParen)
        return result
    }

    // MARK: Applying

    /// Applies the actions to `item` (empty when UpdateItem creates the item). SET values are computed
    /// from the item as it was before the update, as DynamoDB does; then SETs, REMOVEs (list elements
    /// highest index first, so indexes refer to the original list), ADDs and DELETEs are applied.
    /// On error `item` is left unchanged.
    ///
    /// - Returns: the top-level attributes the update touched (for UPDATED_OLD / UPDATED_NEW).
    func apply(to item: inout Item, keyAttributes: [String]) throws(DynamoDBError) -> Set<String> {
        for action in actions where keyAttributes.contains(action.path.name) {
            throw .validation(
                "One or more parameter values were invalid: Cannot update attribute \(action.path.name). This attribute is part of the key")
        }
        let original = item
        var sets: [(DocumentPath, AttributeValue)] = []
        for case let .set(path, operand) in actions {
            sets.append((path, try UpdateExpression.evaluate(operand, in: original)))
        }
        var result = item
        for (path, value) in sets {
            try PathMutation.update(path, in: &result) { _ in value }
        }
        try applyRemovals(to: &result)
        for action in actions {
            switch action {
            case let .add(path, value):
                try PathMutation.update(path, in: &result) { (existing) throws(DynamoDBError) in
                    try UpdateExpression.add(value, to: existing)
                }
            case let .delete(path, value):
                try PathMutation.update(path, in: &result) { (existing) throws(DynamoDBError) in
                    try UpdateExpression.delete(value, from: existing)
                }
            default:
                continue
            }
        }
        item = result
        return Set(actions.map(\.path.name))
    }

    private func applyRemovals(to item: inout Item) throws(DynamoDBError) {
        var listRemovals: [(parent: DocumentPath, index: Int)] = []
        for case .remove(let path) in actions {
            if case .index(let index) = path.elements.last {
                listRemovals.append((DocumentPath(name: path.name, elements: path.elements.dropLast()), index))
            } else {
                try UpdateExpression.remove(path, from: &item)
            }
        }
        listRemovals.sort { $0.index > $1.index }
        for (parent, index) in listRemovals {
            try UpdateExpression.remove(DocumentPath(name: parent.name, elements: parent.elements + [.index(index)]), from: &item)
        }
    }

    /// REMOVE of something absent is a no-op; only a step of the wrong type is an error.
    private static func remove(_ path: DocumentPath, from item: inout Item) throws(DynamoDBError) {
        if path.elements.isEmpty {
            item.removeValue(forKey: path.name)
            return
        }
        var parent = path
        parent.elements.removeLast()
        guard parent.resolve(in: item) != nil else { return }
        try PathMutation.update(path, in: &item) { _ in nil }
    }

    static func evaluate(_ operand: UpdateOperand, in item: Item) throws(DynamoDBError) -> AttributeValue {
        switch operand {
        case .value(let v):
            return v
        case .path(let path):
            guard let v = path.resolve(in: item) else { throw missingAttribute }
            return v
        case let .ifNotExists(path, fallback):
            if let v = path.resolve(in: item) { return v }
            return try evaluate(fallback, in: item)
        case let .listAppend(a, b):
            guard case .l(let first) = try evaluate(a, in: item), case .l(let second) = try evaluate(b, in: item) else {
                throw incorrectDataType
            }
            return .l(first + second)
        case let .plus(a, b), let .minus(a, b):
            guard case .n(let x) = try evaluate(a, in: item), case .n(let y) = try evaluate(b, in: item) else {
                throw incorrectDataType
            }
            if case .plus = operand { return .n(try Number.adding(x, y)) }
            return .n(try Number.subtracting(x, y))
        }
    }

    /// ADD: a number is added to a number, a set's elements to a set of the same type; an absent
    /// attribute is created with the value.
    static func add(_ value: AttributeValue, to existing: AttributeValue?) throws(DynamoDBError) -> AttributeValue? {
        guard let existing else { return value }
        switch (existing, value) {
        case let (.n(a), .n(b)): return .n(try Number.adding(a, b))
        case let (.ss(a), .ss(b)): return .stringSet(a + b)
        case let (.ns(a), .ns(b)): return .numberSet(a + b)
        case let (.bs(a), .bs(b)): return .binarySet(a + b)
        default: throw incorrectDataType
        }
    }

    /// DELETE: removes the value's elements from a set of the same type; a set left empty is removed,
    /// as DynamoDB has no empty sets. Deleting from an absent attribute does nothing.
    static func delete(_ value: AttributeValue, from existing: AttributeValue?) throws(DynamoDBError) -> AttributeValue? {
        guard let existing else { return nil }
        let remaining: AttributeValue
        switch (existing, value) {
        case let (.ss(a), .ss(b)):
            let removed = Set(b.map { Array($0.utf8) })
            remaining = .ss(a.filter { !removed.contains(Array($0.utf8)) })
        case let (.ns(a), .ns(b)):
            let removed = Set(b)
            remaining = .ns(a.filter { !removed.contains($0) })
        case let (.bs(a), .bs(b)):
            let removed = Set(b)
            remaining = .bs(a.filter { !removed.contains($0) })
        default:
            throw incorrectDataType
        }
        return Operand.size(of: remaining) == 0 ? nil : remaining
    }
}

/// A recursive-descent parser over the tokens of one expression. It resolves `#name` and `:value`
/// placeholders as it goes (recording their use in `attributes`), so the trees it builds hold plain names
/// and values and need nothing from the request when they are evaluated.
///
/// Shared by every expression kind: paths, operands and the condition grammar live here; update,
/// projection and key-condition parsing add their own top-level rules on top.
struct ExpressionParser {
    let bytes: [UInt8]
    let tokens: [Token]
    let kind: ExpressionKind
    var position = 0
    var attributes: ExpressionAttributes
    /// Token positions of the `(` and `)` of the parenthesised condition parsed last, to spot `((…))`.
    private var lastGroup: (open: Int, close: Int)?

    /// The functions a condition may call, and those only an update may call; used for DynamoDB's
    /// "not allowed" messages, which differ from its message for unknown names.
    static let conditionFunctions: Set<String> = ["attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains", "size"]
    static let updateFunctions: Set<String> = ["if_not_exists", "list_append"]
    /// DynamoDB's limit on the length of any expression string: 4 KB.
    static let maximumExpressionBytes = 4096
    /// DynamoDB's limit on the operands of IN.
    static let maximumInOperands = 100

    init(_ text: String, kind: ExpressionKind, attributes: ExpressionAttributes) throws(DynamoDBError) {
        self.bytes = Array(text.utf8)
        self.kind = kind
        self.attributes = attributes
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw kind.invalid("The expression can not be empty;")
        }
        if bytes.count > ExpressionParser.maximumExpressionBytes {
            throw kind.invalid("Expression size has exceeded the maximum allowed size; expression size: \(bytes.count)")
        }
        self.tokens = try Tokenizer.tokenize(bytes, kind: kind)
    }

    // MARK: Tokens

    var current: Token { tokens[position] }
    func peek(_ offset: Int = 1) -> Token { tokens[min(position + offset, tokens.count - 1)] }
    mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    func text(_ token: Token) -> String { String(decoding: bytes[token.start..<token.end], as: UTF8.self) }

    /// Whether `token` is the keyword `word` (upper-case ASCII), compared case-insensitively in place.
    func isKeyword(_ token: Token, _ word: StaticString) -> Bool {
        guard token.kind == .identifier, token.end - token.start == word.utf8CodeUnitCount else { return false }
        let w = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for i in 0..<w.count where bytes[token.start + i] & 0xDF != w[i] { return false }
        return true
    }

    func syntaxError(_ token: Token? = nil) -> DynamoDBError {
        Tokenizer.syntaxError(bytes, tokens, token ?? current, kind: kind)
    }

    mutating func expect(_ expected: Token.Kind) throws(DynamoDBError) {
        guard current.kind == expected else { throw syntaxError() }
        advance()
    }

    /// Fails unless every token has been consumed.
    func expectEnd() throws(DynamoDBError) {
        guard current.kind == .end else { throw syntaxError() }
    }

    // MARK: Paths and operands

    /// One path component name: a plain name (not a reserved word) or a `#placeholder`.
    mutating func parseName() throws(DynamoDBError) -> String {
        let token = current
        switch token.kind {
        case .identifier:
            // An operator keyword where a name belongs is a syntax error, as DynamoDB reports it.
            for keyword: StaticString in ["AND", "OR", "NOT", "BETWEEN", "IN"] where isKeyword(token, keyword) {
                throw syntaxError()
            }
            let name = text(token)
            if ReservedWords.contains(name) {
                throw kind.invalid("Attribute name is a reserved keyword; reserved keyword: \(name)")
            }
            advance()
            return name
        case .nameRef:
            advance()
            return try attributes.name(text(token), kind: kind)
        default:
            throw syntaxError()
        }
    }

    /// `name ( '.' name | '[' index ']' )*`
    mutating func parsePath() throws(DynamoDBError) -> DocumentPath {
        var path = DocumentPath(name: try parseName())
        while true {
            if current.kind == .dot {
                advance()
                path.elements.append(.key(try parseName()))
            } else if current.kind == .leftBracket {
                advance()
                guard current.kind == .integer, let index = Int(text(current)) else { throw syntaxError() }
                advance()
                try expect(.rightBracket)
                path.elements.append(.index(index))
            } else {
                return path
            }
        }
    }

    /// A `:placeholder`'s value.
    mutating func parseValue() throws(DynamoDBError) -> AttributeValue {
        guard current.kind == .valueRef else { throw syntaxError() }
        let token = current
        advance()
        return try attributes.value(text(token), kind: kind)
    }

    var atFunctionCall: Bool { current.kind == .identifier && peek().kind == .leftParen }

    /// An operand of a comparison: a path, a value, or `size(path)`.
    mutating func parseOperand() throws(DynamoDBError) -> Operand {
        if current.kind == .valueRef { return .value(try parseValue()) }
        if atFunctionCall {
            let name = text(current)
            guard name == "size" else { throw functionMisuse(name) }
            advance()
            advance()
            let path = try parsePath()
            try expect(.rightParen)
            return .size(path)
        }
        return .path(try parsePath())
    }

    /// DynamoDB's error for a function name used where it cannot be.
    func functionMisuse(_ name: String) -> DynamoDBError {
        if ExpressionParser.conditionFunctions.contains(name) {
            if kind == .update {
                return kind.invalid("The function is not allowed in an update expression; function: \(name)")
            }
            return kind.invalid("The function is not allowed to be used this way in an expression; function: \(name)")
        }
        if ExpressionParser.updateFunctions.contains(name) {
            if kind == .update {
                return kind.invalid("The function is not allowed to be used this way in an expression; function: \(name)")
            }
            return kind.invalid("The function is not allowed in a condition expression; function: \(name)")
        }
        return kind.invalid("Invalid function name; function: \(name)")
    }

    func incorrectOperandType(_ function: String, _ value: AttributeValue) -> DynamoDBError {
        kind.invalid(
            "Incorrect operand type for operator or function; operator or function: \(function), operand type: \(value.type.rawValue)")
    }

    // MARK: Conditions

    /// `condition := or`; precedence, loosest first: OR, AND, NOT, then comparisons, BETWEEN, IN and functions.
    mutating func parseCondition() throws(DynamoDBError) -> Condition {
        var result = try parseAnd()
        while isKeyword(current, "OR") {
            advance()
            result = .or(result, try parseAnd())
        }
        return result
    }

    mutating func parseAnd() throws(DynamoDBError) -> Condition {
        var result = try parseNot()
        while isKeyword(current, "AND") {
            advance()
            result = .and(result, try parseNot())
        }
        return result
    }

    mutating func parseNot() throws(DynamoDBError) -> Condition {
        if isKeyword(current, "NOT") {
            advance()
            return .not(try parseNot())
        }
        return try parsePrimary()
    }

    mutating func parsePrimary() throws(DynamoDBError) -> Condition {
        if current.kind == .leftParen {
            let open = position
            advance()
            let inner = try parseCondition()
            // DynamoDB refuses parentheses that directly wrap another parenthesised condition.
            if let group = lastGroup, group.open == open + 1, group.close == position - 1 {
                throw kind.invalid("The expression has redundant parentheses;")
            }
            lastGroup = (open, position)
            try expect(.rightParen)
            return inner
        }
        if atFunctionCall, text(current) != "size" {
            return try parseConditionFunction()
        }
        let lhs = try parseOperand()
        let comparator: Comparator
        switch current.kind {
        case .equal: comparator = .equal
        case .notEqual: comparator = .notEqual
        case .less: comparator = .less
        case .lessOrEqual: comparator = .lessOrEqual
        case .greater: comparator = .greater
        case .greaterOrEqual: comparator = .greaterOrEqual
        default:
            if isKeyword(current, "BETWEEN") {
                advance()
                let low = try parseOperand()
                guard isKeyword(current, "AND") else { throw syntaxError() }
                advance()
                let high = try parseOperand()
                if case .value(let l) = low, case .value(let h) = high, let order = l.compare(to: h), order > 0 {
                    throw kind.invalid(
                        "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: \(l), upper bound operand: AttributeValue: \(h)")
                }
                try checkDistinct(lhs, [low, high], "BETWEEN")
                return .between(lhs, low, high)
            }
            if isKeyword(current, "IN") {
                advance()
                try expect(.leftParen)
                var candidates = [try parseOperand()]
                while current.kind == .comma {
                    advance()
                    candidates.append(try parseOperand())
                }
                try expect(.rightParen)
                if candidates.count > ExpressionParser.maximumInOperands {
                    throw kind.invalid(
                        "The IN operator is provided with too many operands; number of operands: \(candidates.count)")
                }
                try checkDistinct(lhs, candidates, "IN")
                return .in(lhs, candidates)
            }
            if case .size = lhs { throw kind.invalid("The function is not allowed to be used this way in an expression; function: size") }
            throw syntaxError()
        }
        let symbol = text(current)
        advance()
        let rhs = try parseOperand()
        try checkDistinct(lhs, [rhs], symbol)
        return .compare(lhs, comparator, rhs)
    }

    /// DynamoDB refuses an operator whose first operand is a path repeated among the other operands
    /// (`a = a`, `contains(a, a)`); repeated values (`:v = :v`) are allowed.
    func checkDistinct(_ first: Operand, _ others: [Operand], _ op: String) throws(DynamoDBError) {
        guard case .path(let path) = first, others.contains(.path(path)) else { return }
        throw kind.invalid(
            "The first operand must be distinct from the remaining operands for this operator or function; operator: \(op), first operand: \(path)")
    }

    /// `attribute_exists(path)`, `attribute_not_exists(path)`, `attribute_type(path, :t)`,
    /// `begins_with(operand, operand)`, `contains(operand, operand)`.
    mutating func parseConditionFunction() throws(DynamoDBError) -> Condition {
        let name = text(current)
        guard ExpressionParser.conditionFunctions.contains(name) else { throw functionMisuse(name) }
        advance()
        advance()
        let result: Condition
        switch name {
        case "attribute_exists":
            result = .attributeExists(try parsePath())
        case "attribute_not_exists":
            result = .attributeNotExists(try parsePath())
        case "attribute_type":
            let path = try parsePath()
            try expect(.comma)
            let value = try parseValue()
            guard case .s(let typeName) = value else { throw incorrectOperandType(name, value) }
            guard let type = AttributeType(rawValue: typeName) else {
                throw kind.invalid(
                    "Invalid attribute type name found in type: \(typeName), valid types: {B,BOOL,BS,L,M,N,NS,NULL,S,SS}")
            }
            result = .attributeType(path, type)
        case "begins_with":
            let operand = try parseOperand()
            try expect(.comma)
            let prefix = try parseOperand()
            for case .value(let v) in [operand, prefix] {
                switch v {
                case .s, .b: continue
                default: throw incorrectOperandType(name, v)
                }
            }
            try checkDistinct(operand, [prefix], name)
            result = .beginsWith(operand, prefix)
        default:  // contains
            let operand = try parseOperand()
            try expect(.comma)
            let element = try parseOperand()
            try checkDistinct(operand, [element], name)
            result = .contains(operand, element)
        }
        try expect(.rightParen)
        return result
    }
}

import Testing
@testable import SingleTable

@Suite("Expression placeholders, reserved words and syntax errors")
struct ExpressionErrorTests {
    @Test("undefined placeholders name the placeholder and the expression kind")
    func undefinedPlaceholders() {
        #expect(throws: DynamoDBError.validation(
            "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :v")) {
            try holds("a = :v", on: [:])
        }
        #expect(throws: DynamoDBError.validation(
            "Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #n")) {
            try updated([:], "SET #n = :v", values: [":v": 1], names: ["#m": "m"])
        }
        #expect(throws: DynamoDBError.validation(
            "Invalid FilterExpression: An expression attribute value used in expression is not defined; attribute value: :w")) {
            var attributes = ExpressionAttributes(names: nil, values: [":v": 1])
            return try ConditionExpression.parse("a = :v OR a = :w", kind: .filter, attributes: &attributes)
        }
    }

    @Test("placeholders unused by every expression of the request are rejected")
    func unusedPlaceholders() throws {
        var attributes = ExpressionAttributes(names: ["#n": "name", "#u": "unused"], values: [":v": 1, ":w": 2, ":x": 3])
        _ = try ConditionExpression.parse("#n = :v", kind: .condition, attributes: &attributes)
        _ = try UpdateExpression.parse("SET a = :w", attributes: &attributes)
        #expect(throws: DynamoDBError.validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {#u}")) {
            try attributes.checkAllUsed()
        }
        var values = ExpressionAttributes(names: nil, values: [":v": 1, ":w": 2, ":x": 3])
        _ = try ConditionExpression.parse("a = :v", kind: .condition, attributes: &values)
        #expect(throws: DynamoDBError.validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {:w, :x}")) {
            try values.checkAllUsed()
        }
        // Once every placeholder is used the request passes.
        _ = try UpdateExpression.parse("SET b = :w, c = :x", attributes: &values)
        try values.checkAllUsed()
        #expect(throws: DynamoDBError.validation("ExpressionAttributeValues must not be empty")) {
            try ExpressionAttributes(names: nil, values: [:]).checkAllUsed()
        }
        #expect(throws: DynamoDBError.validation("ExpressionAttributeNames must not be empty")) {
            try ExpressionAttributes(names: [:], values: nil).checkAllUsed()
        }
        try ExpressionAttributes(names: nil, values: nil).checkAllUsed()
    }

    @Test("reserved words cannot be plain names, in any case, at any depth")
    func reservedWords() throws {
        for (text, word) in [("name = :v", "name"), ("STATUS = :v", "STATUS"), ("a.Data = :v", "Data"), ("Timestamp > :v", "Timestamp")] {
            #expect(throws: DynamoDBError.validation(
                "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: \(word)")) {
                try holds(text, on: [:], values: [":v": 1])
            }
        }
        #expect(try holds("#n = :v", on: ["name": 1], values: [":v": 1], names: ["#n": "name"]))
        #expect(ReservedWords.all.count == 573)
        #expect(ReservedWords.contains("zone") && ReservedWords.contains("ABORT") && !ReservedWords.contains("message"))
    }

    /// The quoted text runs from the token before the offending one to the token after it.
    @Test("syntax errors quote the token and the text around it")
    func syntaxErrors() {
        let v: [String: AttributeValue] = [":v": 1]
        #expect(throws: DynamoDBError.validation("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"=\"")) {
            try holds("a =", on: [:], values: v)
        }
        #expect(throws: DynamoDBError.validation("Invalid ConditionExpression: Syntax error; token: \"=\", near: \"= =\"")) {
            try holds("= = :v", on: [:], values: v)
        }
        #expect(throws: DynamoDBError.validation("Invalid ConditionExpression: Syntax error; token: \"!\", near: \"a !\"")) {
            try holds("a != :v", on: [:], values: v)
        }
        #expect(throws: DynamoDBError.validation("Invalid UpdateExpression: Syntax error; token: \"=\", near: \"SET = :v\"")) {
            try updated([:], "SET = :v", values: v)
        }
        #expect(throws: DynamoDBError.validation("Invalid UpdateExpression: Syntax error; token: \"UPSERT\", near: \"UPSERT a\"")) {
            try updated([:], "UPSERT a = :v", values: v)
        }
        #expect(throws: DynamoDBError.validation("Invalid UpdateExpression: Syntax error; token: \"+\", near: \":v + :v\"")) {
            try updated([:], "SET a = :v + :v + :v", values: v)
        }
        #expect(throws: DynamoDBError.validation("Invalid ConditionExpression: Syntax error; token: \")\", near: \":v)\"")) {
            try holds("a = :v)", on: [:], values: v)
        }
        #expect(throws: DynamoDBError.validation("Invalid ConditionExpression: Syntax error; token: \"x\", near: \"[x]\"")) {
            try holds("a[x] = :v", on: [:], values: v)
        }
        #expect(throws: DynamoDBError.validation("Invalid ConditionExpression: Syntax error; token: \"b\", near: \"a b\"")) {
            try holds("a b", on: [:])
        }
        #expect(throws: DynamoDBError.validation("Invalid ConditionExpression: Syntax error; token: \"AND\", near: \"= AND :v\"")) {
            try holds("a = AND :v", on: [:], values: v)
        }
        #expect(throws: DynamoDBError.validation("Invalid ConditionExpression: The expression can not be empty;")) {
            try holds("  ", on: [:])
        }
    }

    @Test("parentheses that wrap a parenthesised condition are redundant; others are fine")
    func redundantParentheses() throws {
        let v: [String: AttributeValue] = [":v": 1]
        #expect(throws: DynamoDBError.validation("Invalid ConditionExpression: The expression has redundant parentheses;")) {
            try holds("((a = :v))", on: [:], values: v)
        }
        #expect(throws: DynamoDBError.validation("Invalid ConditionExpression: The expression has redundant parentheses;")) {
            try holds("a = :v AND ((b = :v))", on: [:], values: v)
        }
        #expect(try holds("(a = :v)", on: ["a": 1], values: v))
        #expect(try holds("((a = :v) AND (b = :v))", on: ["a": 1, "b": 1], values: v))
        #expect(try holds("(NOT (a = :v))", on: ["a": 2], values: v))
    }

    @Test("placeholder keys must start with # or :, and expressions are limited to 4 KB")
    func limits() throws {
        #expect(throws: DynamoDBError.validation("ExpressionAttributeNames contains invalid key: Syntax error; key: \"n\"")) {
            try ExpressionAttributes(names: ["n": "name"], values: nil).checkAllUsed()
        }
        #expect(throws: DynamoDBError.validation("ExpressionAttributeValues contains invalid key: Syntax error; key: \"v\"")) {
            try ExpressionAttributes(names: nil, values: ["v": 1]).checkAllUsed()
        }
        #expect(throws: DynamoDBError.validation("Invalid ConditionExpression: Syntax error; token: \":\", near: \"= :\"")) {
            try holds("a = :", on: [:])
        }
        // 4096 bytes are allowed, 4097 are not.
        let condition = "attribute_not_exists(b)"
        let atLimit = String(repeating: " ", count: 4096 - condition.utf8.count) + condition
        #expect(atLimit.utf8.count == 4096)
        #expect(try holds(atLimit, on: [:]))
        #expect(throws: DynamoDBError.validation(
            "Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 4097")) {
            try holds(" " + atLimit, on: [:])
        }
    }

    @Test("an operator's first path may not repeat among its other operands")
    func distinctOperands() throws {
        #expect(throws: DynamoDBError.validation(
            "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]")) {
            try holds("a = a", on: [:])
        }
        #expect(throws: DynamoDBError.validation(
            "Invalid FilterExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [a, b]")) {
            var attributes = ExpressionAttributes(names: ["#b": "b"], values: nil)
            return try ConditionExpression.parse("contains(a.b, a.#b)", kind: .filter, attributes: &attributes)
        }
        #expect(throws: DynamoDBError.validation(
            "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: IN, first operand: [a]")) {
            try holds("a IN (b, a)", on: [:])
        }
        // Repeated values and distinct paths are fine.
        #expect(try holds(":v = :v", on: [:], values: [":v": 1]))
        #expect(try holds("a = b", on: ["a": 1, "b": 1]))
    }

    @Test("empty sets are not valid expression attribute values")
    func emptySets() {
        #expect(throws: DynamoDBError.validation(
            "ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An string set  may not be empty for key :s")) {
            try ExpressionAttributes(names: nil, values: [":s": .ss([])]).checkAllUsed()
        }
        #expect(throws: DynamoDBError.validation(
            "ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An number set  may not be empty for key :n")) {
            try ExpressionAttributes(names: nil, values: [":n": .ns([])]).checkAllUsed()
        }
    }

    @Test("functions: names are case-sensitive, size is not a condition, BETWEEN bounds must be ordered")
    func functionErrors() {
        let v: [String: AttributeValue] = [":v": 1, ":w": 2]
        #expect(throws: DynamoDBError.validation("Invalid ConditionExpression: Invalid function name; function: Attribute_Exists")) {
            try holds("Attribute_Exists(a)", on: [:])
        }
        #expect(throws: DynamoDBError.validation(
            "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size")) {
            try holds("size(a)", on: [:])
        }
        #expect(throws: DynamoDBError.validation(
            "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: begins_with")) {
            try holds(":v = begins_with(a, :s)", on: [:], values: [":s": "x", ":v": 1])
        }
        #expect(throws: DynamoDBError.validation(
            "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N: 2}, upper bound operand: AttributeValue: {N: 1}")) {
            try holds("a BETWEEN :w AND :v", on: [:], values: v)
        }
    }
}

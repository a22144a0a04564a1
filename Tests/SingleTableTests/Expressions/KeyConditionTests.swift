import Testing
@testable import SingleTable

@Suite("KeyConditionExpression")
struct KeyConditionTests {
    static let types: [String: ScalarAttributeType] = ["pk": .s, "sk": .s, "n": .n]

    func parse(
        _ text: String, values: [String: AttributeValue], names: [String: String]? = nil, sortKey: String? = "sk"
    ) throws(DynamoDBError) -> KeyCondition {
        var attributes = ExpressionAttributes(names: names, values: values)
        return try KeyCondition.parse(text, partitionKey: "pk", sortKey: sortKey, keyTypes: Self.types, attributes: &attributes)
    }

    @Test("partition key alone, and with every sort key operator")
    func sortOperators() throws {
        let v: [String: AttributeValue] = [":p": "MSG#g", ":a": "2024", ":b": "2025"]
        let alone = try parse("pk = :p", values: v)
        #expect(alone.partitionValue == "MSG#g")
        #expect(alone.sortKey == nil)
        #expect(try parse("pk = :p AND sk = :a", values: v).sortKey == .equal("2024"))
        #expect(try parse("pk = :p AND sk < :a", values: v).sortKey == .lessThan("2024"))
        #expect(try parse("pk = :p AND sk <= :a", values: v).sortKey == .lessThanOrEqual("2024"))
        #expect(try parse("pk = :p AND sk > :a", values: v).sortKey == .greaterThan("2024"))
        #expect(try parse("pk = :p AND sk >= :a", values: v).sortKey == .greaterThanOrEqual("2024"))
        #expect(try parse("pk = :p AND sk BETWEEN :a AND :b", values: v).sortKey == .between("2024", "2025"))
        #expect(try parse("pk = :p AND begins_with(sk, :a)", values: v).sortKey == .beginsWith("2024"))
        // Either order, parentheses, placeholders for names.
        let reordered = try parse("(#s >= :a) and (#p = :p)", values: v, names: ["#s": "sk", "#p": "pk"])
        #expect(reordered.partitionValue == "MSG#g" && reordered.sortKey == .greaterThanOrEqual("2024"))
    }

    @Test("sort key conditions match values as DynamoDB orders them")
    func matching() {
        #expect(KeyCondition.SortKeyCondition.between("2024-01", "2024-02").matches("2024-01-15"))
        #expect(!KeyCondition.SortKeyCondition.between("2024-01", "2024-02").matches("2024-02-01"))  // > "2024-02"
        #expect(KeyCondition.SortKeyCondition.beginsWith("2024-01").matches("2024-01-15"))
        #expect(!KeyCondition.SortKeyCondition.beginsWith("2024-01").matches(20240115))
        #expect(KeyCondition.SortKeyCondition.lessThan(10).matches(9))
        #expect(!KeyCondition.SortKeyCondition.lessThan(10).matches("9"))
        #expect(KeyCondition.SortKeyCondition.greaterThanOrEqual(10).matches(10))
    }

    @Test("shape errors in DynamoDB's words")
    func shapeErrors() {
        let v: [String: AttributeValue] = [":p": "x", ":a": "a", ":b": "b"]
        #expect(throws: DynamoDBError.validation("Query condition missed key schema element: pk")) {
            try parse("sk = :a", values: v)
        }
        #expect(throws: DynamoDBError.validation("Query condition missed key schema element: sk")) {
            try parse("pk = :p AND colour = :a", values: v)
        }
        #expect(throws: DynamoDBError.validation("Query key condition not supported")) {
            try parse("pk > :p", values: v)
        }
        #expect(throws: DynamoDBError.validation("Query key condition not supported")) {
            try parse("begins_with(pk, :p)", values: v)
        }
        #expect(throws: DynamoDBError.validation("KeyConditionExpressions must only contain one condition per key")) {
            try parse("pk = :p AND sk > :a AND sk < :b", values: v)
        }
        #expect(throws: DynamoDBError.validation("Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: OR")) {
            try parse("pk = :p OR sk = :a", values: v)
        }
        #expect(throws: DynamoDBError.validation("Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: <>")) {
            try parse("pk = :p AND sk <> :a", values: v)
        }
        #expect(throws: DynamoDBError.validation("Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: IN")) {
            try parse("pk = :p AND sk IN (:a, :b)", values: v)
        }
        #expect(throws: DynamoDBError.validation(
            "Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: attribute_exists")) {
            try parse("pk = :p AND attribute_exists(sk)", values: v)
        }
    }

    @Test("values must have the key's type")
    func typeErrors() {
        let mismatch = DynamoDBError.validation("One or more parameter values were invalid: Condition parameter type does not match schema type")
        #expect(throws: mismatch) { try parse("pk = :n", values: [":n": 1]) }
        #expect(throws: mismatch) { try parse("pk = :p AND sk > :n", values: [":p": "x", ":n": 1]) }
        #expect(throws: mismatch) {
            var attributes = ExpressionAttributes(names: nil, values: [":p": "x", ":n": "1"])
            return try KeyCondition.parse("pk = :p AND n > :n", partitionKey: "pk", sortKey: "n", keyTypes: Self.types, attributes: &attributes)
        }
        #expect(throws: DynamoDBError.validation(
            "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N")) {
            var attributes = ExpressionAttributes(names: nil, values: [":p": "x", ":n": 1])
            return try KeyCondition.parse("pk = :p AND begins_with(n, :n)", partitionKey: "pk", sortKey: "n", keyTypes: Self.types, attributes: &attributes)
        }
        #expect(throws: DynamoDBError.validation(
            "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk")) {
            try parse("pk = :e", values: [":e": ""])
        }
        #expect(throws: DynamoDBError.validation(
            "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {S: b}, upper bound operand: AttributeValue: {S: a}")) {
            try parse("pk = :p AND sk BETWEEN :b AND :a", values: [":p": "x", ":a": "a", ":b": "b"])
        }
    }
}

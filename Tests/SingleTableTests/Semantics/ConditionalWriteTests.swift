// ConditionExpression semantics, from the Developer Guide "Condition and filter expressions, operators, and
// functions": comparators, BETWEEN, IN, attribute_exists / attribute_not_exists / attribute_type / begins_with /
// contains / size, nested paths, and precedence NOT > AND > OR. Comparing values of different types is false,
// not an error.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html

import SingleTable
import Testing

@Suite("ConditionExpression")
struct ConditionalWriteTests {
    private static let item: Item = [
        "pk": "a", "sk": "b", "n1": 5, "s1": "hello", "l1": .l([1, 2, 3]), "m1": .m(["x": 1]),
        "ss1": .stringSet(["a", "b"]), "t1": true, "z1": .null, "b1": .b([1, 2]),
    ]

    private static let values: [String: AttributeValue] = [
        ":one": 1, ":two": 2, ":three": 3, ":four": 4, ":five": 5, ":six": 6, ":ten": 10,
        ":he": "he", ":ell": "ell", ":hello": "hello", ":a": "a", ":strfive": "5", ":true": true,
        ":S": "S", ":N": "N", ":NULL": "NULL", ":L": "L", ":M": "M", ":SS": "SS", ":BOOL": "BOOL",
    ]

    /// The placeholders an expression uses, so that no unused value is passed (DynamoDB rejects those).
    /// The values the expression names; nil when it names none (DynamoDB rejects an empty ExpressionAttributeValues).
    private static func usedValues(_ expression: String) -> [String: AttributeValue]? {
        var used: [String: AttributeValue] = [:]
        var scalars = Array(expression.unicodeScalars)[...]
        while let colon = scalars.firstIndex(of: ":") {
            var end = colon + 1
            while end < scalars.endIndex, scalars[end].properties.isAlphabetic || ("0"..."9").contains(scalars[end]) || scalars[end] == "_" {
                end += 1
            }
            let name = String(String.UnicodeScalarView(scalars[colon..<end]))
            used[name] = values[name]
            scalars = scalars[end...]
        }
        return used.isEmpty ? nil : used
    }

    private static let cases: [(String, Bool)] = [
        ("n1 = :five", true), ("n1 <> :five", false), ("n1 < :ten", true), ("n1 <= :five", true),
        ("n1 > :four", true), ("n1 >= :six", false), ("n1 BETWEEN :four AND :six", true),
        ("n1 BETWEEN :six AND :ten", false), ("n1 IN (:four, :five)", true), ("n1 IN (:one, :two)", false),
        ("attribute_exists(s1)", true), ("attribute_exists(zz1)", false), ("attribute_not_exists(zz1)", true),
        ("attribute_not_exists(pk)", false), ("attribute_exists(z1)", true),
        ("attribute_type(s1, :S)", true), ("attribute_type(n1, :S)", false), ("attribute_type(n1, :N)", true),
        ("attribute_type(z1, :NULL)", true), ("attribute_type(l1, :L)", true), ("attribute_type(m1, :M)", true),
        ("attribute_type(ss1, :SS)", true), ("attribute_type(t1, :BOOL)", true),
        ("begins_with(s1, :he)", true), ("begins_with(s1, :ell)", false),
        ("contains(s1, :ell)", true), ("contains(ss1, :a)", true), ("contains(l1, :two)", true), ("contains(l1, :ten)", false),
        ("size(s1) = :five", true), ("size(l1) = :three", true), ("size(m1) = :one", true), ("size(ss1) = :two", true),
        ("size(b1) = :two", true), ("size(s1) > :six", false),
        ("m1.x = :one", true), ("l1[1] = :two", true), ("l1[9] = :two", false),
        ("t1 = :true", true), ("s1 = :hello", true),
        ("NOT n1 = :five", false), ("NOT n1 = :four", true),
        ("n1 = :five AND s1 = :he", false), ("n1 = :five OR s1 = :he", true),
        // AND binds tighter than OR.
        ("n1 = :five OR n1 = :four AND s1 = :he", true), ("(n1 = :five OR n1 = :four) AND s1 = :he", false),
        // Different types: false, not an error.
        ("n1 = :strfive", false), ("s1 < :ten", false), ("n1 <> :strfive", true),
        // Comparing with a missing attribute is false.
        ("zz1 = :one", false), ("zz1 < :one", false),
    ]

    @Test(arguments: cases)
    func conditionOutcome(_ expression: String, _ holds: Bool) throws {
        let db = try makeTable()
        try db.putItem(PutItemInput(tableName: "items", item: Self.item))
        let input = PutItemInput(tableName: "items", item: Self.item, conditionExpression: expression,
                                 expressionAttributeValues: Self.usedValues(expression))
        if holds {
            try db.putItem(input)
        } else {
            expectDynamoError(.conditionalCheckFailed, message: "The conditional request failed") { try db.putItem(input) }
        }
    }

    @Test func malformedConditions() throws {
        let db = try makeTable()
        try db.putItem(PutItemInput(tableName: "items", item: Self.item))
        for bad in ["n1 = ", "n1 == :five", "nosuchfunction(n1)", "size(n1, :five)", "n1 BETWEEN :six AND :four"] {
            // A syntax error, an unknown function, or a BETWEEN whose bounds are out of order
            // ("Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound").
            expectDynamoError(.validation) {
                try db.putItem(PutItemInput(tableName: "items", item: Self.item, conditionExpression: bad,
                                            expressionAttributeValues: Self.usedValues(bad)))
            }
        }
        // An undefined placeholder.
        expectDynamoError(.validation) {
            try db.putItem(PutItemInput(tableName: "items", item: Self.item, conditionExpression: "n1 = :missing"))
        }
    }
}

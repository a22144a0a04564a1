/// A parsed ConditionExpression or FilterExpression, evaluated once per item.
struct ConditionExpression: Hashable, Sendable {
    var condition: Condition

    /// Parses `text`; `kind` (.condition or .filter) names the parameter in error messages.
    static func parse(
        _ text: String, kind: ExpressionKind, attributes: inout ExpressionAttributes
    ) throws(DynamoDBError) -> ConditionExpression {
        var parser = try ExpressionParser(text, kind: kind, attributes: attributes)
        let condition = try parser.parseCondition()
        try parser.expectEnd()
        attributes = parser.attributes
        return ConditionExpression(condition: condition)
    }

    /// Whether `item` satisfies the condition. A missing item is evaluated as an empty item
    /// (pass `[:] as Item`), on which `attribute_not_exists` holds and comparisons with paths fail.
    @inline(__always)
    func evaluate<Reader: AttributeReader>(_ item: Reader) -> Bool {
        condition.evaluate(item)
    }
}

/// Which request parameter an expression came from. DynamoDB names it in every parse error
/// ("Invalid ConditionExpression: ..."), and a few rules (functions allowed, key conditions) depend on it.
enum ExpressionKind: String, Sendable, Hashable {
    case condition = "ConditionExpression"
    case filter = "FilterExpression"
    case keyCondition = "KeyConditionExpression"
    case update = "UpdateExpression"
    case projection = "ProjectionExpression"

    /// A validation error prefixed the way DynamoDB prefixes expression errors.
    func invalid(_ detail: String) -> DynamoDBError {
        .validation("Invalid \(rawValue): \(detail)")
    }
}

// TEMPORARY: stand-ins for Index/ (KeyEncoding, BTree) and Expressions/, which land from their branches.
// Deleted at merge.

protocol AttributeReader { func attribute(_ name: String) -> AttributeValue? }
extension Dictionary: AttributeReader where Key == String, Value == AttributeValue {
    func attribute(_ name: String) -> AttributeValue? { self[name] }
}

enum ExpressionKind { case condition, filter, keyCondition, update, projection }

struct ExpressionAttributes {
    init(names: [String: String]?, values: [String: AttributeValue]?) {}
    func checkAllUsed() throws(DynamoDBError) {}
}

struct ConditionExpression {
    static func parse(_ text: String, kind: ExpressionKind, attributes: inout ExpressionAttributes) throws(DynamoDBError) -> Self { fatalError("pending") }
    func evaluate(_ item: some AttributeReader) -> Bool { fatalError("pending") }
}

struct UpdateExpression {
    static func parse(_ text: String, attributes: inout ExpressionAttributes) throws(DynamoDBError) -> Self { fatalError("pending") }
    func apply(to item: inout Item, keyAttributes: [String]) throws(DynamoDBError) -> Set<String> { fatalError("pending") }
}

struct ProjectionExpression {
    static func parse(_ text: String, attributes: inout ExpressionAttributes) throws(DynamoDBError) -> Self { fatalError("pending") }
    func project(_ item: some AttributeReader) -> Item { fatalError("pending") }
    var topLevelNames: [String] { [] }
}

struct KeyCondition {
    enum SortKeyCondition {
        case equal(AttributeValue), lessThan(AttributeValue), lessThanOrEqual(AttributeValue), greaterThan(AttributeValue)
        case greaterThanOrEqual(AttributeValue), between(AttributeValue, AttributeValue), beginsWith(AttributeValue)
    }
    var partitionValue: AttributeValue
    var sortKey: SortKeyCondition?
    static func parse(_ text: String, partitionKey: String, sortKey: String?, keyTypes: [String: ScalarAttributeType], attributes: inout ExpressionAttributes) throws(DynamoDBError) -> Self { fatalError("pending") }
}

#if canImport(Glibc)
import Glibc
#endif
extension UpdateExpression { static var empty: UpdateExpression { fatalError("pending") } }

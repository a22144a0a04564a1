import Testing
@testable import SingleTable

/// The key-condition fast path must agree with the general parser on everything it accepts.
@Suite("KeyConditionExpression common shapes")
struct KeyConditionCommonShapeTests {
    static let values: [String: AttributeValue] = [":p": "MSG#1", ":a": "2026-01", ":b": "2026-12", ":n": 5]
    static let names = ["#p": "pk", "#s": "sk"]

    static let accepted = [
        "pk = :p", "#p = :p", "  pk=:p  ", "pk = :p AND sk = :a", "pk = :p and sk < :a", "pk = :p AND sk <= :a",
        "pk = :p AND #s > :a", "pk = :p AND sk >= :a", "pk = :p AND sk BETWEEN :a AND :b",
        "#p = :p AND begins_with(#s, :a)", "pk = :p AND begins_with ( sk , :a )",
    ]

    @Test(arguments: accepted)
    func fastPathMatchesTheGeneralParser(_ text: String) throws {
        var fastAttributes = ExpressionAttributes(names: Self.names, values: Self.values)
        let fast = try #require(try KeyCondition.parseCommonShape(text, attributes: &fastAttributes)).array
        var parser = try ExpressionParser(text, kind: .keyCondition, attributes: ExpressionAttributes(names: Self.names, values: Self.values))
        let condition = try parser.parseCondition()
        var general: [(name: String, condition: KeyCondition.SortKeyCondition)] = []
        try KeyCondition.collectForTesting(condition, into: &general)
        #expect(fast.map(\.name) == general.map(\.name))
        #expect(fast.map(\.condition) == general.map(\.condition))
    }

    static let declined = [
        "pk = :p OR sk = :a", "pk <> :p", "size(pk) = :p", "pk = :p AND sk = :a AND x = :b", "status = :p",
        "pk = :p AND sk BETWEEN :b AND :a", "pk = :p AND BEGINS_WITH(sk, :a)", "pk.x = :p", "pk = :p AND", "(pk = :p)",
    ]

    @Test(arguments: declined)
    func otherShapesGoToTheGeneralParser(_ text: String) throws {
        var attributes = ExpressionAttributes(names: Self.names, values: Self.values)
        #expect(try KeyCondition.parseCommonShape(text, attributes: &attributes) == nil)
    }
}

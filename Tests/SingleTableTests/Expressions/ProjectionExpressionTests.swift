import Testing
@testable import SingleTable

@Suite("ProjectionExpression")
struct ProjectionExpressionTests {
    @Test("top-level attributes; missing ones are left out")
    func topLevel() throws {
        let item = try projected(product, "Title, Price, Color, Nothing")
        #expect(item == ["Title": "Bicycle 123", "Price": 500, "Color": .stringSet(["Red", "Black"])])
    }

    @Test("nested paths keep their nesting and siblings merge")
    func nested() throws {
        // The guide's example projection.
        let item = try projected(product, "Description, RelatedItems[0], ProductReviews.FiveStar")
        #expect(item == [
            "Description": "123 description",
            "RelatedItems": .l([341]),
            "ProductReviews": .m(["FiveStar": .l(["Excellent! Can't recommend it highly enough! Buy it!", "Do yourself a favor and buy this."])]),
        ])
        let pictures = try projected(product, "Pictures.FrontView, Pictures.SideView, Pictures.TopView")
        #expect(pictures == ["Pictures": .m([
            "FrontView": "http://example.com/products/123_front.jpg",
            "SideView": "http://example.com/products/123_left_side.jpg",
        ])])
    }

    @Test("picked list elements are packed in index order")
    func listCompaction() throws {
        let item: Item = ["l": .l(["a", "b", "c", "d"]), "m": .l([.m(["x": 1, "y": 2]), .m(["x": 3, "y": 4])])]
        #expect(try projected(item, "l[3], l[1]") == ["l": .l(["b", "d"])])
        #expect(try projected(item, "l[7]") == [:])
        #expect(try projected(item, "m[1].y, m[0].x") == ["m": .l([.m(["x": 1]), .m(["y": 4])])])
    }

    @Test("placeholders, top-level names and overlap errors")
    func namesAndErrors() throws {
        var attributes = ExpressionAttributes(names: ["#c": "Comment", "#p": "Pictures"], values: nil)
        let projection = try ProjectionExpression.parse("#c, #p.FrontView, Title, #p.RearView", attributes: &attributes)
        #expect(projection.topLevelNames == ["Comment", "Pictures", "Title"])
        try attributes.checkAllUsed()
        #expect(throws: DynamoDBError.validation(
            "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [Pictures], path two: [Pictures, FrontView]")) {
            try projected(product, "Pictures, Pictures.FrontView")
        }
        #expect(throws: DynamoDBError.validation(
            "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: Comment")) {
            try projected(product, "Title, Comment")
        }
        #expect(throws: DynamoDBError.validation("Invalid ProjectionExpression: Syntax error; token: \"<EOF>\", near: \",\"")) {
            try projected(product, "Title,")
        }
    }
}

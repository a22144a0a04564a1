@testable import SingleTable

/// Parses `text` as a ConditionExpression with the given placeholders and evaluates it against `item`.
func holds(
    _ text: String, on item: Item, values: [String: AttributeValue]? = nil, names: [String: String]? = nil
) throws(DynamoDBError) -> Bool {
    var attributes = ExpressionAttributes(names: names, values: values)
    let condition = try ConditionExpression.parse(text, kind: .condition, attributes: &attributes)
    return condition.evaluate(item)
}

/// Parses and applies an UpdateExpression to `item`, returning the new item.
func updated(
    _ item: Item, _ text: String, values: [String: AttributeValue]? = nil, names: [String: String]? = nil,
    keys: [String] = ["pk", "sk"]
) throws(DynamoDBError) -> Item {
    var attributes = ExpressionAttributes(names: names, values: values)
    let update = try UpdateExpression.parse(text, attributes: &attributes)
    var result = item
    _ = try update.apply(to: &result, keyAttributes: keys)
    return result
}

func projected(_ item: Item, _ text: String, names: [String: String]? = nil) throws(DynamoDBError) -> Item {
    var attributes = ExpressionAttributes(names: names, values: nil)
    return try ProjectionExpression.parse(text, attributes: &attributes).project(item)
}

/// The ProductCatalog item used throughout the Developer Guide's expression examples (trimmed).
let product: Item = [
    "Id": 123,
    "Title": "Bicycle 123",
    "Description": "123 description",
    "BicycleType": "Hybrid",
    "Brand": "Brand-Company C",
    "Price": 500,
    "Color": .stringSet(["Red", "Black"]),
    "ProductCategory": "Bicycle",
    "InStock": true,
    "QuantityOnHand": .null,
    "RelatedItems": .l([341, 472, 649]),
    "Pictures": .m([
        "FrontView": "http://example.com/products/123_front.jpg",
        "RearView": "http://example.com/products/123_rear.jpg",
        "SideView": "http://example.com/products/123_left_side.jpg",
    ]),
    "ProductReviews": .m([
        "FiveStar": .l(["Excellent! Can't recommend it highly enough! Buy it!", "Do yourself a favor and buy this."]),
        "OneStar": .l(["Terrible product! Do not buy this."]),
    ]),
    "Comment": "This product sells out quickly during the summer",
    "Safety.Warning": "Always wear a helmet",
]

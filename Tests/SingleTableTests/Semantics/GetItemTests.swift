// GetItem, from the API Reference (API_GetItem): the key must hold exactly the primary key attributes
// ("The provided key element does not match the schema" otherwise); a missing item is no Item, not an error;
// ProjectionExpression selects top-level and nested attributes.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ProjectionExpressions.html

import SingleTable
import Testing

@Suite("GetItem")
struct GetItemTests {
    @Test func missingItemIsNotAnError() throws {
        let db = try makeTable()
        let output = try db.getItem(GetItemInput(tableName: "items", key: key("a", "b")))
        #expect(output.item == nil)
    }

    @Test func keyMustMatchTheSchemaExactly() throws {
        let db = try makeTable()
        try db.putItem(PutItemInput(tableName: "items", item: ["pk": "a", "sk": "b", "v1": 1]))
        let mismatch = DynamoDBError.keySchemaMismatch.message
        #expect(mismatch == "The provided key element does not match the schema")
        expectDynamoError(.validation, message: mismatch) {
            try db.getItem(GetItemInput(tableName: "items", key: ["pk": "a"]))  // sort key missing
        }
        expectDynamoError(.validation, message: mismatch) {
            try db.getItem(GetItemInput(tableName: "items", key: ["pk": "a", "sk": "b", "v1": 1]))  // extra attribute
        }
        expectDynamoError(.validation, message: mismatch) {
            try db.getItem(GetItemInput(tableName: "items", key: ["pk": "a", "sk": 1]))  // wrong type
        }
        expectDynamoError(.validation, message: mismatch) {
            try db.getItem(GetItemInput(tableName: "items", key: ["pk": "a", "other": "b"]))  // wrong name
        }
    }

    @Test func projectionExpressionSelectsAttributes() throws {
        let db = try makeTable()
        try db.putItem(PutItemInput(tableName: "items", item: [
            "pk": "a", "sk": "b", "a1": 1, "b1": 2,
            "m1": .m(["x": 10, "y": 20]), "l1": .l(["p", "q", "r"]),
        ]))
        let top = try db.getItem(GetItemInput(tableName: "items", key: key("a", "b"), projectionExpression: "a1, pk"))
        #expect(top.item == ["a1": 1, "pk": "a"])  // keys are returned only when projected
        let nested = try db.getItem(GetItemInput(tableName: "items", key: key("a", "b"), projectionExpression: "m1.y, l1[2]"))
        #expect(nested.item == ["m1": .m(["y": 20]), "l1": .l(["r"])])
        let aliased = try db.getItem(GetItemInput(tableName: "items", key: key("a", "b"), projectionExpression: "#s",
                                                  expressionAttributeNames: ["#s": "b1"]))
        #expect(aliased.item == ["b1": 2])
    }

    @Test func reservedWordsNeedAliases() throws {
        let db = try makeTable()
        try db.putItem(PutItemInput(tableName: "items", item: ["pk": "a", "sk": "b", "status": "ok"]))
        // "Attribute name is a reserved keyword; reserved keyword: status"
        expectDynamoError(.validation, contains: "reserved keyword") {
            try db.getItem(GetItemInput(tableName: "items", key: key("a", "b"), projectionExpression: "status"))
        }
        let ok = try db.getItem(GetItemInput(tableName: "items", key: key("a", "b"), projectionExpression: "#st",
                                             expressionAttributeNames: ["#st": "status"]))
        #expect(ok.item == ["status": "ok"])
    }

    @Test func unusedOrUndefinedNamePlaceholders() throws {
        let db = try makeTable()
        try db.putItem(PutItemInput(tableName: "items", item: ["pk": "a", "sk": "b", "a1": 1]))
        // "Value provided in ExpressionAttributeNames unused in expressions: keys: {#x}"
        expectDynamoError(.validation) {
            try db.getItem(GetItemInput(tableName: "items", key: key("a", "b"), projectionExpression: "a1",
                                        expressionAttributeNames: ["#x": "a1"]))
        }
        // "An expression attribute name used in the document path is not defined; attribute name: #y"
        expectDynamoError(.validation) {
            try db.getItem(GetItemInput(tableName: "items", key: key("a", "b"), projectionExpression: "#y"))
        }
    }

    @Test func consistentAndEventualReadsSeeCompletedWrites() throws {
        // The engine has a single copy of each item: both kinds of read see a completed PutItem.
        let db = try makeTable()
        try db.putItem(PutItemInput(tableName: "items", item: ["pk": "a", "sk": "b", "v1": 1]))
        #expect(try db.getItem(GetItemInput(tableName: "items", key: key("a", "b"), consistentRead: true)).item?["v1"] == 1)
        #expect(try db.getItem(GetItemInput(tableName: "items", key: key("a", "b"), consistentRead: false)).item?["v1"] == 1)
    }
}

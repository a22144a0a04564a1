// DeleteItem, from the API Reference (API_DeleteItem): deleting a missing item succeeds; ReturnValues
// NONE or ALL_OLD only; a failed ConditionExpression is ConditionalCheckFailedException.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteItem.html

import SingleTable
import Testing

@Suite("DeleteItem")
struct DeleteItemTests {
    @Test func deleteRemovesTheItem() throws {
        let db = try makeTable()
        try db.putItem(PutItemInput(tableName: "items", item: ["pk": "a", "sk": "b"]))
        try db.deleteItem(DeleteItemInput(tableName: "items", key: key("a", "b")))
        #expect(try db.getItem(GetItemInput(tableName: "items", key: key("a", "b"))).item == nil)
        #expect(try db.describeTable("items").itemCount == 0)
    }

    @Test func deletingAMissingItemSucceeds() throws {
        let db = try makeTable()
        let output = try db.deleteItem(DeleteItemInput(tableName: "items", key: key("a", "b"), returnValues: .allOld))
        #expect(output.attributes == nil)
    }

    @Test func returnValuesAllOld() throws {
        let db = try makeTable()
        let item: Item = ["pk": "a", "sk": "b", "v1": 1]
        try db.putItem(PutItemInput(tableName: "items", item: item))
        let output = try db.deleteItem(DeleteItemInput(tableName: "items", key: key("a", "b"), returnValues: .allOld))
        #expect(output.attributes == item)
    }

    @Test(arguments: [ReturnValue.allNew, .updatedOld, .updatedNew])
    func otherReturnValuesAreRejected(_ returnValues: ReturnValue) throws {
        let db = try makeTable()
        try db.putItem(PutItemInput(tableName: "items", item: ["pk": "a", "sk": "b"]))
        expectDynamoError(.validation) {
            try db.deleteItem(DeleteItemInput(tableName: "items", key: key("a", "b"), returnValues: returnValues))
        }
        #expect(try db.getItem(GetItemInput(tableName: "items", key: key("a", "b"))).item != nil)
    }

    @Test func keyMustMatchTheSchema() {
        let db = try! makeTable()
        expectDynamoError(.validation, message: "The provided key element does not match the schema") {
            try db.deleteItem(DeleteItemInput(tableName: "items", key: ["pk": "a"]))
        }
        expectDynamoError(.validation, message: "The provided key element does not match the schema") {
            try db.deleteItem(DeleteItemInput(tableName: "items", key: ["pk": "a", "sk": "b", "x1": 1]))
        }
    }

    @Test func conditionalDelete() throws {
        let db = try makeTable()
        let item: Item = ["pk": "a", "sk": "b", "v1": 1]
        try db.putItem(PutItemInput(tableName: "items", item: item))
        let error = expectDynamoError(.conditionalCheckFailed, message: "The conditional request failed") {
            try db.deleteItem(DeleteItemInput(tableName: "items", key: key("a", "b"), conditionExpression: "v1 > :v",
                                              expressionAttributeValues: [":v": 5], returnValuesOnConditionCheckFailure: .allOld))
        }
        #expect(error?.item == item)
        #expect(try db.getItem(GetItemInput(tableName: "items", key: key("a", "b"))).item == item)
        try db.deleteItem(DeleteItemInput(tableName: "items", key: key("a", "b"), conditionExpression: "v1 < :v",
                                          expressionAttributeValues: [":v": 5]))
        #expect(try db.getItem(GetItemInput(tableName: "items", key: key("a", "b"))).item == nil)
    }

    @Test func conditionOnAMissingItemSeesNoAttributes() {
        let db = try! makeTable()
        // attribute_exists on a missing item is false.
        expectDynamoError(.conditionalCheckFailed) {
            try db.deleteItem(DeleteItemInput(tableName: "items", key: key("a", "b"), conditionExpression: "attribute_exists(pk)"))
        }
    }
}

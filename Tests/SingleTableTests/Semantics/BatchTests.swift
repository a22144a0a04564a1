// BatchWriteItem and BatchGetItem, from the API Reference:
// - BatchWriteItem: "up to 25 put or delete requests"; more is a ValidationException; "There are more than
//   25 requests in the batch"; two requests on one item: "Provided list of item keys contains duplicates".
// - BatchGetItem: "up to 100 items"; more: "Too many items requested for the BatchGetItem call";
//   missing items are simply not in Responses; duplicate keys are a ValidationException.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html

import SingleTable
import Testing

@Suite("BatchWriteItem / BatchGetItem")
struct BatchTests {
    private func puts(_ range: Range<Int>, partition: String = "p") -> [WriteRequest] {
        range.map { .put(item: ["pk": .s(partition), "sk": .s(padded($0)), "n1": .n(Number($0))]) }
    }

    @Test func twentyFivePutsAreWritten() throws {
        let db = try makeTable()
        let output = try db.batchWriteItem(BatchWriteItemInput(requestItems: ["items": puts(0..<25)]))
        #expect(output.unprocessedItems.values.allSatisfy { $0.isEmpty })
        #expect(try db.describeTable("items").itemCount == 25)
    }

    @Test func twentySixRequestsAreRejected() throws {
        let db = try makeTable()
        expectDynamoError(.validation) { try db.batchWriteItem(BatchWriteItemInput(requestItems: ["items": puts(0..<26)])) }
        // The limit is on the whole batch, across tables.
        _ = try makeTable("other", in: db)
        expectDynamoError(.validation) {
            try db.batchWriteItem(BatchWriteItemInput(requestItems: ["items": puts(0..<13), "other": puts(0..<13)]))
        }
        #expect(try db.describeTable("items").itemCount == 0)
        #expect(try db.describeTable("other").itemCount == 0)
    }

    @Test func emptyBatchIsRejected() throws {
        let db = try makeTable()
        expectDynamoError(.validation) { try db.batchWriteItem(BatchWriteItemInput(requestItems: [:])) }
        expectDynamoError(.validation) { try db.batchWriteItem(BatchWriteItemInput(requestItems: ["items": []])) }
    }

    @Test func putsAndDeletesTogether() throws {
        let db = try makeTable()
        try db.batchWriteItem(BatchWriteItemInput(requestItems: ["items": puts(0..<10)]))
        try db.batchWriteItem(BatchWriteItemInput(requestItems: ["items":
            [.delete(key: key("p", padded(0))), .delete(key: key("p", padded(1))), .delete(key: key("p", "missing"))]
            + puts(10..<12)]))
        #expect(try db.describeTable("items").itemCount == 10)
        #expect(try db.getItem(GetItemInput(tableName: "items", key: key("p", padded(0)))).item == nil)
        #expect(try db.getItem(GetItemInput(tableName: "items", key: key("p", padded(11)))).item?["n1"] == 11)
    }

    @Test func duplicateKeysAreRejected() throws {
        let db = try makeTable()
        expectDynamoError(.validation, message: "Provided list of item keys contains duplicates") {
            try db.batchWriteItem(BatchWriteItemInput(requestItems: ["items": puts(0..<2) + puts(1..<2)]))
        }
        expectDynamoError(.validation, message: "Provided list of item keys contains duplicates") {
            try db.batchWriteItem(BatchWriteItemInput(requestItems: ["items": puts(0..<1) + [.delete(key: key("p", padded(0)))]]))
        }
        #expect(try db.describeTable("items").itemCount == 0)
    }

    @Test func anInvalidRequestRejectsTheWholeBatch() throws {
        let db = try makeTable()
        expectDynamoError(.validation) {
            try db.batchWriteItem(BatchWriteItemInput(requestItems: ["items": puts(0..<3) + [.put(item: ["pk": "p"])]]))
        }
        expectDynamoError(.validation) {
            try db.batchWriteItem(BatchWriteItemInput(requestItems: ["items": puts(0..<3) + [.delete(key: ["pk": "p"])]]))
        }
        expectDynamoError(.validation) {
            try db.batchWriteItem(BatchWriteItemInput(requestItems: ["items":
                puts(0..<3) + [.put(item: ["pk": "p", "sk": "big", "s1": .s(filler(409_600))])]]))
        }
        #expect(try db.describeTable("items").itemCount == 0)
    }

    @Test func unknownTableInABatch() throws {
        let db = try makeTable()
        expectDynamoError(.resourceNotFound) {
            try db.batchWriteItem(BatchWriteItemInput(requestItems: ["items": puts(0..<2), "nope": puts(0..<2)]))
        }
    }

    // MARK: BatchGetItem

    @Test func batchGetReturnsExistingItemsOnly() throws {
        let db = try makeTable()
        try db.batchWriteItem(BatchWriteItemInput(requestItems: ["items": puts(0..<25)]))
        try db.batchWriteItem(BatchWriteItemInput(requestItems: ["items": puts(25..<50)]))
        let keys = (0..<100).map { key("p", padded($0)) }  // 50 exist, 50 do not
        let output = try db.batchGetItem(BatchGetItemInput(requestItems: ["items": KeysAndAttributes(keys: keys)]))
        let items = try #require(output.responses["items"])
        #expect(items.count == 50)
        #expect(Set(items.compactMap { numberValue($0["n1"]) }) == Set((0..<50).map { Number($0) }))
        #expect(output.unprocessedKeys.isEmpty || output.unprocessedKeys.values.allSatisfy { $0.keys.isEmpty })
    }

    @Test func batchGetOfMoreThanOneHundredKeysIsRejected() throws {
        let db = try makeTable()
        let keys = (0..<101).map { key("p", padded($0)) }
        expectDynamoError(.validation, message: "Too many items requested for the BatchGetItem call") {
            try db.batchGetItem(BatchGetItemInput(requestItems: ["items": KeysAndAttributes(keys: keys)]))
        }
        _ = try makeTable("other", in: db)
        expectDynamoError(.validation) {  // the 100 are counted over all tables
            try db.batchGetItem(BatchGetItemInput(requestItems: [
                "items": KeysAndAttributes(keys: Array(keys[0..<60])),
                "other": KeysAndAttributes(keys: Array(keys[0..<41])),
            ]))
        }
    }

    @Test func batchGetDuplicateKeysAreRejected() throws {
        let db = try makeTable()
        expectDynamoError(.validation, message: "Provided list of item keys contains duplicates") {
            try db.batchGetItem(BatchGetItemInput(requestItems: ["items": KeysAndAttributes(keys: [key("p", "1"), key("p", "1")])]))
        }
    }

    @Test func batchGetValidatesKeys() throws {
        let db = try makeTable()
        expectDynamoError(.validation, message: "The provided key element does not match the schema") {
            try db.batchGetItem(BatchGetItemInput(requestItems: ["items": KeysAndAttributes(keys: [["pk": "p"]])]))
        }
        expectDynamoError(.validation) {
            try db.batchGetItem(BatchGetItemInput(requestItems: ["items": KeysAndAttributes(keys: [])]))
        }
    }

    @Test func batchGetAcrossTablesWithProjection() throws {
        let db = try makeTable()
        _ = try makeTable("other", sortKey: nil, in: db)
        try db.putItem(PutItemInput(tableName: "items", item: ["pk": "p", "sk": "s", "a1": 1, "b1": 2]))
        try db.putItem(PutItemInput(tableName: "other", item: ["pk": "x", "c1": 3]))
        let output = try db.batchGetItem(BatchGetItemInput(requestItems: [
            "items": KeysAndAttributes(keys: [key("p", "s")], projectionExpression: "a1"),
            "other": KeysAndAttributes(keys: [["pk": "x"], ["pk": "y"]], consistentRead: true),
        ]))
        #expect(output.responses["items"] == [["a1": 1]])
        #expect(output.responses["other"] == [["pk": "x", "c1": 3]])
    }
}

// TransactWriteItems and TransactGetItems, from the API Reference and the Developer Guide "Amazon DynamoDB
// Transactions":
// - "up to 100 action requests"; "no two actions can target the same item" ("Transaction request cannot
//   include multiple operations on one item");
// - all or nothing: a failed condition cancels every action with TransactionCanceledException, whose
//   CancellationReasons has one entry per action, in order: "ConditionalCheckFailed" where it failed, "None"
//   elsewhere; data errors of one action (e.g. an operand of the wrong type) give "ValidationError".
// - TransactGetItems: up to 100 gets, one response per request, in order.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactGetItems.html

import SingleTable
import Testing

@Suite("TransactWriteItems / TransactGetItems")
struct TransactionTests {
    private func get(_ db: Database, _ pk: String, _ sk: String = "s") throws -> Item? {
        try db.getItem(GetItemInput(tableName: "items", key: key(pk, sk), consistentRead: true)).item
    }

    private func seeded() throws -> Database {
        let db = try makeTable()
        try db.putItem(PutItemInput(tableName: "items", item: ["pk": "acct1", "sk": "s", "n1": 100]))
        try db.putItem(PutItemInput(tableName: "items", item: ["pk": "acct2", "sk": "s", "n1": 0]))
        try db.putItem(PutItemInput(tableName: "items", item: ["pk": "old", "sk": "s"]))
        return db
    }

    private var transfer: [TransactWriteItem] {
        [
            .update(UpdateItemInput(tableName: "items", key: key("acct1", "s"), updateExpression: "SET n1 = n1 - :amt",
                                    conditionExpression: "n1 >= :amt", expressionAttributeValues: [":amt": 30])),
            .update(UpdateItemInput(tableName: "items", key: key("acct2", "s"), updateExpression: "SET n1 = n1 + :amt",
                                    expressionAttributeValues: [":amt": 30])),
            .put(PutItemInput(tableName: "items", item: ["pk": "log1", "sk": "s", "n1": 30],
                              conditionExpression: "attribute_not_exists(pk)")),
            .delete(DeleteItemInput(tableName: "items", key: key("old", "s"))),
        ]
    }

    @Test func allActionsApply() throws {
        let db = try seeded()
        try db.transactWriteItems(TransactWriteItemsInput(transactItems: transfer))
        #expect(try get(db, "acct1")?["n1"] == 70)
        #expect(try get(db, "acct2")?["n1"] == 30)
        #expect(try get(db, "log1")?["n1"] == 30)
        #expect(try get(db, "old") == nil)
    }

    @Test func cancellationReasonsNameTheFailingAction() throws {
        let db = try seeded()
        try db.putItem(PutItemInput(tableName: "items", item: ["pk": "flag", "sk": "s", "open": false]))
        let check = TransactWriteItem.conditionCheck(ConditionCheck(
            tableName: "items", key: key("flag", "s"), conditionExpression: "#o = :yes",
            expressionAttributeNames: ["#o": "open"], expressionAttributeValues: [":yes": true]))
        let actions = Array(transfer[0..<2]) + [check] + Array(transfer[2...])
        let error = expectDynamoError(.transactionCanceled) {
            try db.transactWriteItems(TransactWriteItemsInput(transactItems: actions))
        }
        let codes = error?.cancellationReasons?.map(\.code)
        #expect(codes == ["None", "None", "ConditionalCheckFailed", "None", "None"])
        // "Transaction cancelled, please refer cancellation reasons for specific reasons [None, None, ConditionalCheckFailed, None, None]"
        #expect(error?.message.hasPrefix("Transaction cancelled") ?? false)
        #expect(error?.message.contains("ConditionalCheckFailed") ?? false)
        // Nothing was applied.
        #expect(try get(db, "acct1")?["n1"] == 100)
        #expect(try get(db, "acct2")?["n1"] == 0)
        #expect(try get(db, "log1") == nil)
        #expect(try get(db, "old") != nil)
    }

    @Test func failingConditionOnAWriteReturnsTheOldItemWhenAsked() throws {
        let db = try seeded()
        let actions: [TransactWriteItem] = [
            .put(PutItemInput(tableName: "items", item: ["pk": "new1", "sk": "s"])),
            .update(UpdateItemInput(tableName: "items", key: key("acct1", "s"), updateExpression: "SET n1 = :z",
                                    conditionExpression: "n1 < :z", expressionAttributeValues: [":z": 5],
                                    returnValuesOnConditionCheckFailure: .allOld)),
        ]
        let error = expectDynamoError(.transactionCanceled) {
            try db.transactWriteItems(TransactWriteItemsInput(transactItems: actions))
        }
        let reasons = try #require(error?.cancellationReasons)
        #expect(reasons.count == 2)
        #expect(reasons[0].code == "None")
        #expect(reasons[1].code == "ConditionalCheckFailed")
        #expect(reasons[1].item == ["pk": "acct1", "sk": "s", "n1": 100])
        #expect(try get(db, "new1") == nil)
    }

    @Test func aDataErrorInOneActionIsAValidationErrorReason() throws {
        let db = try seeded()
        try db.putItem(PutItemInput(tableName: "items", item: ["pk": "str", "sk": "s", "s1": "text"]))
        let actions: [TransactWriteItem] = [
            .put(PutItemInput(tableName: "items", item: ["pk": "new1", "sk": "s"])),
            .update(UpdateItemInput(tableName: "items", key: key("str", "s"), updateExpression: "ADD s1 :one",
                                    expressionAttributeValues: [":one": 1])),
        ]
        let error = expectDynamoError(.transactionCanceled) {
            try db.transactWriteItems(TransactWriteItemsInput(transactItems: actions))
        }
        #expect(error?.cancellationReasons?.map(\.code) == ["None", "ValidationError"])
        #expect(try get(db, "new1") == nil)
    }

    @Test func twoActionsOnOneItemAreRejected() throws {
        let db = try seeded()
        let actions: [TransactWriteItem] = [
            .conditionCheck(ConditionCheck(tableName: "items", key: key("acct1", "s"), conditionExpression: "attribute_exists(pk)")),
            .put(PutItemInput(tableName: "items", item: ["pk": "acct1", "sk": "s", "n1": 1])),
        ]
        expectDynamoError(.validation, message: "Transaction request cannot include multiple operations on one item") {
            try db.transactWriteItems(TransactWriteItemsInput(transactItems: actions))
        }
        #expect(try get(db, "acct1")?["n1"] == 100)
    }

    @Test func oneHundredActionsAtMost() throws {
        let db = try makeTable()
        let hundred: [TransactWriteItem] = (0..<100).map {
            .put(PutItemInput(tableName: "items", item: ["pk": .s("p\($0)"), "sk": "s"]))
        }
        try db.transactWriteItems(TransactWriteItemsInput(transactItems: hundred))
        #expect(try db.describeTable("items").itemCount == 100)
        let tooMany: [TransactWriteItem] = (0..<101).map {
            .put(PutItemInput(tableName: "items", item: ["pk": .s("q\($0)"), "sk": "s"]))
        }
        expectDynamoError(.validation) { try db.transactWriteItems(TransactWriteItemsInput(transactItems: tooMany)) }
        expectDynamoError(.validation) { try db.transactWriteItems(TransactWriteItemsInput(transactItems: [])) }
        #expect(try db.describeTable("items").itemCount == 100)
    }

    @Test func transactionsSpanTables() throws {
        let db = try makeTable()
        _ = try makeTable("other", sortKey: nil, in: db)
        try db.transactWriteItems(TransactWriteItemsInput(transactItems: [
            .put(PutItemInput(tableName: "items", item: ["pk": "a", "sk": "s"])),
            .put(PutItemInput(tableName: "other", item: ["pk": "a"])),
        ]))
        #expect(try db.getItem(GetItemInput(tableName: "other", key: ["pk": "a"])).item != nil)
        #expect(try get(db, "a") != nil)
    }

    @Test func invalidKeyInATransactionIsAValidationException() throws {
        let db = try makeTable()
        expectDynamoError(.validation) {
            try db.transactWriteItems(TransactWriteItemsInput(transactItems: [
                .put(PutItemInput(tableName: "items", item: ["pk": "a", "sk": "s"])),
                .put(PutItemInput(tableName: "items", item: ["pk": "b"])),
            ]))
        }
        #expect(try get(db, "a") == nil)
    }

    // MARK: TransactGetItems

    @Test func transactGetReturnsOneResponsePerRequestInOrder() throws {
        let db = try seeded()
        let output = try db.transactGetItems(TransactGetItemsInput(transactItems: [
            TransactGetItem(tableName: "items", key: key("acct2", "s")),
            TransactGetItem(tableName: "items", key: key("missing", "s")),
            TransactGetItem(tableName: "items", key: key("acct1", "s"), projectionExpression: "n1"),
        ]))
        #expect(output.responses.count == 3)
        #expect(output.responses[0] == ["pk": "acct2", "sk": "s", "n1": 0])
        #expect(output.responses[1] == nil)
        #expect(output.responses[2] == ["n1": 100])
    }

    @Test func transactGetLimitsAndDuplicates() throws {
        let db = try makeTable()
        let tooMany = (0..<101).map { TransactGetItem(tableName: "items", key: key("p\($0)", "s")) }
        expectDynamoError(.validation) { try db.transactGetItems(TransactGetItemsInput(transactItems: tooMany)) }
        let hundred = Array(tooMany.prefix(100))
        #expect(try db.transactGetItems(TransactGetItemsInput(transactItems: hundred)).responses.count == 100)
        expectDynamoError(.validation) {
            try db.transactGetItems(TransactGetItemsInput(transactItems: [
                TransactGetItem(tableName: "items", key: key("a", "s")), TransactGetItem(tableName: "items", key: key("a", "s")),
            ]))
        }
    }
}

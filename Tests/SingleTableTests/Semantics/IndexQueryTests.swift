// Queries on secondary indexes, from the Developer Guide "Global secondary indexes" / "Local secondary indexes":
// - an item appears in an index only if it has the index key attributes (sparse indexes);
// - GSI keys need not be unique; LastEvaluatedKey of an index query holds the table key and the index key;
// - a GSI returns only projected attributes ("Select ALL_ATTRIBUTES" on a GSI not projecting ALL is an error),
//   an LSI fetches unprojected attributes from the table;
// - "Strongly consistent reads are not supported on global secondary indexes"; LSIs support them.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html

import SingleTable
import Testing

@Suite("Query on indexes")
struct IndexQueryTests {
    private func gsiQuery(_ db: Database, group: String, limit: Int? = nil, forward: Bool = true, start: Item? = nil) throws -> QueryOutput {
        try db.query(QueryInput(
            tableName: Cruddur.tableName, indexName: Cruddur.gsiName, keyConditionExpression: "message_group_uuid = :g",
            expressionAttributeValues: [":g": .s(group)], scanIndexForward: forward, limit: limit, exclusiveStartKey: start))
    }

    private func put(_ db: Database, _ item: Item) throws {
        try db.putItem(PutItemInput(tableName: Cruddur.tableName, item: item))
    }

    /// Group g1 between users u1 and u2 with three messages; group g2 with one.
    private func seededCruddur() throws -> Database {
        let db = try makeCruddurTable()
        try put(db, Cruddur.message(group: "g1", at: "2026-11-21T10:00:00Z", uuid: "m1", text: "hello", user: "u1"))
        try put(db, Cruddur.message(group: "g1", at: "2026-11-21T10:01:00Z", uuid: "m2", text: "hi", user: "u2"))
        try put(db, Cruddur.message(group: "g1", at: "2026-11-21T10:02:00Z", uuid: "m3", text: "bye", user: "u1"))
        try put(db, Cruddur.group(owner: "u1", lastAt: "2026-11-21T10:02:00Z", group: "g1", message: "bye", other: "u2"))
        try put(db, Cruddur.group(owner: "u2", lastAt: "2026-11-21T10:02:00Z", group: "g1", message: "bye", other: "u1"))
        try put(db, Cruddur.message(group: "g2", at: "2026-11-21T11:00:00Z", uuid: "m4", text: "yo", user: "u3"))
        try put(db, ["pk": "CONFIG", "sk": "x"])  // no message_group_uuid: not in the index
        return db
    }

    @Test func gsiQueryFindsEveryItemOfTheGroupInSortKeyOrder() throws {
        let db = try seededCruddur()
        let output = try gsiQuery(db, group: "g1")
        #expect(output.count == 5)
        let sks = output.items.compactMap { stringValue($0["sk"]) }
        #expect(sks == sks.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(Set(output.items.compactMap { stringValue($0["pk"]) }) == ["MSG#g1", "GRP#u1", "GRP#u2"])
        // Projection ALL: whole items.
        let m1 = try #require(output.items.first)
        #expect(m1 == Cruddur.message(group: "g1", at: "2026-11-21T10:00:00Z", uuid: "m1", text: "hello", user: "u1"))
        #expect(try gsiQuery(db, group: "g2").count == 1)
        #expect(try gsiQuery(db, group: "nothing").count == 0)
    }

    @Test func gsiKeysNeedNotBeUniqueAndPaginationKeepsThemApart() throws {
        let db = try seededCruddur()
        // GRP#u1, GRP#u2 and MSG#g1/10:02 share (g1, 2026-11-21T10:02:00Z) in the index.
        let full = try gsiQuery(db, group: "g1").items
        for limit in [1, 2] {
            var pages: [QueryOutput] = []
            var start: Item? = nil
            repeat {
                let page = try gsiQuery(db, group: "g1", limit: limit, start: start)
                pages.append(page)
                start = page.lastEvaluatedKey
            } while start != nil && pages.count < 20
            #expect(pages.flatMap(\.items).count == 5)
            #expect(Set(pages.flatMap(\.items)) == Set(full))
        }
    }

    @Test func gsiLastEvaluatedKeyHoldsTableAndIndexKeys() throws {
        let db = try seededCruddur()
        let page = try gsiQuery(db, group: "g1", limit: 1)
        let lastKey = try #require(page.lastEvaluatedKey)
        #expect(Set(lastKey.keys) == ["pk", "sk", "message_group_uuid"])
        #expect(lastKey["pk"] == "MSG#g1")
        #expect(lastKey["sk"] == "2026-11-21T10:00:00Z")
        #expect(lastKey["message_group_uuid"] == "g1")
    }

    @Test func gsiNewestFirst() throws {
        let db = try seededCruddur()
        let output = try gsiQuery(db, group: "g1", forward: false)
        #expect(output.items.first?["sk"] == "2026-11-21T10:02:00Z")
        #expect(output.items.last?["sk"] == "2026-11-21T10:00:00Z")
    }

    @Test func messagesNewestFirstOnTheTable() throws {
        // Pattern A: Query pk = MSG#g, ScanIndexForward = false, Limit N.
        let db = try seededCruddur()
        let output = try db.query(QueryInput(
            tableName: Cruddur.tableName, keyConditionExpression: "pk = :pk", expressionAttributeValues: [":pk": "MSG#g1"],
            scanIndexForward: false, limit: 2))
        #expect(output.items.compactMap { stringValue($0["message_uuid"]) } == ["m3", "m2"])
        #expect(output.lastEvaluatedKey == ["pk": "MSG#g1", "sk": "2026-11-21T10:01:00Z"])
    }

    @Test func updatingTheIndexKeyMovesTheItem() throws {
        let db = try seededCruddur()
        try db.updateItem(UpdateItemInput(
            tableName: Cruddur.tableName, key: ["pk": "MSG#g2", "sk": "2026-11-21T11:00:00Z"],
            updateExpression: "SET message_group_uuid = :g", expressionAttributeValues: [":g": "g3"]))
        #expect(try gsiQuery(db, group: "g2").count == 0)
        #expect(try gsiQuery(db, group: "g3").count == 1)
        // Removing the index key takes the item out of the index.
        try db.updateItem(UpdateItemInput(
            tableName: Cruddur.tableName, key: ["pk": "MSG#g2", "sk": "2026-11-21T11:00:00Z"],
            updateExpression: "REMOVE message_group_uuid"))
        #expect(try gsiQuery(db, group: "g3").count == 0)
        // Deleting an item removes it from the index.
        try db.deleteItem(DeleteItemInput(tableName: Cruddur.tableName, key: ["pk": "GRP#u1", "sk": "2026-11-21T10:02:00Z"]))
        #expect(try gsiQuery(db, group: "g1").count == 4)
    }

    @Test func consistentReadOnAGSIIsRejected() throws {
        let db = try seededCruddur()
        expectDynamoError(.validation, message: "Consistent reads are not supported on global secondary indexes") {
            try db.query(QueryInput(
                tableName: Cruddur.tableName, indexName: Cruddur.gsiName, keyConditionExpression: "message_group_uuid = :g",
                expressionAttributeValues: [":g": "g1"], consistentRead: true))
        }
    }

    @Test func gsiKeyConditionMustUseTheIndexKey() throws {
        let db = try seededCruddur()
        expectDynamoError(.validation) {
            try db.query(QueryInput(tableName: Cruddur.tableName, indexName: Cruddur.gsiName, keyConditionExpression: "pk = :p",
                                    expressionAttributeValues: [":p": "MSG#g1"]))
        }
    }

    @Test func gsiRangeCondition() throws {
        let db = try seededCruddur()
        let output = try db.query(QueryInput(
            tableName: Cruddur.tableName, indexName: Cruddur.gsiName,
            keyConditionExpression: "message_group_uuid = :g AND sk > :t",
            expressionAttributeValues: [":g": "g1", ":t": "2026-11-21T10:01:00Z"]))
        #expect(output.count == 3)  // the three items at 10:02
    }

    // MARK: Projections

    /// Table pk/sk with: GSI gk (KEYS_ONLY), GSI gi (INCLUDE a1), LSI lk on lsk (KEYS_ONLY).
    private func projectionFixture() throws -> Database {
        let db = Database()
        _ = try db.createTable(CreateTableInput(
            tableName: "proj", keySchema: [.hash("pk"), .range("sk")],
            attributeDefinitions: [AttributeDefinition("pk", .s), AttributeDefinition("sk", .s),
                                   AttributeDefinition("gpk", .s), AttributeDefinition("lsk", .n)],
            globalSecondaryIndexes: [
                SecondaryIndex(indexName: "gk", keySchema: [.hash("gpk")], projection: .keysOnly),
                SecondaryIndex(indexName: "gi", keySchema: [.hash("gpk")], projection: .include(["a1"])),
            ],
            localSecondaryIndexes: [SecondaryIndex(indexName: "lk", keySchema: [.hash("pk"), .range("lsk")], projection: .keysOnly)]))
        try db.putItem(PutItemInput(tableName: "proj", item: ["pk": "p", "sk": "s1", "gpk": "g", "lsk": 7, "a1": 1, "b1": 2]))
        try db.putItem(PutItemInput(tableName: "proj", item: ["pk": "p", "sk": "s2", "gpk": "g", "lsk": 3, "a1": 3, "b1": 4]))
        return db
    }

    @Test func keysOnlyGSIReturnsTableAndIndexKeys() throws {
        let db = try projectionFixture()
        let output = try db.query(QueryInput(tableName: "proj", indexName: "gk", keyConditionExpression: "gpk = :g",
                                             expressionAttributeValues: [":g": "g"]))
        #expect(output.count == 2)
        for item in output.items { #expect(Set(item.keys) == ["pk", "sk", "gpk"]) }
        // Asking a GSI for attributes it does not project is an error.
        expectDynamoError(.validation) {
            try db.query(QueryInput(tableName: "proj", indexName: "gk", keyConditionExpression: "gpk = :g",
                                    expressionAttributeValues: [":g": "g"], select: .allAttributes))
        }
        expectDynamoError(.validation) {
            try db.query(QueryInput(tableName: "proj", indexName: "gk", keyConditionExpression: "gpk = :g",
                                    projectionExpression: "b1", expressionAttributeValues: [":g": "g"]))
        }
    }

    @Test func includeGSIReturnsKeysAndIncludedAttributes() throws {
        let db = try projectionFixture()
        let output = try db.query(QueryInput(tableName: "proj", indexName: "gi", keyConditionExpression: "gpk = :g",
                                             expressionAttributeValues: [":g": "g"], select: .allProjectedAttributes))
        #expect(output.count == 2)
        for item in output.items {
            #expect(Set(item.keys) == ["pk", "sk", "gpk", "a1"])
        }
    }

    @Test func lsiOrdersByItsSortKeyAndFetchesFromTheTable() throws {
        let db = try projectionFixture()
        let keysOnly = try db.query(QueryInput(tableName: "proj", indexName: "lk", keyConditionExpression: "pk = :p",
                                               expressionAttributeValues: [":p": "p"]))
        #expect(keysOnly.items.map { $0["sk"] } == ["s2", "s1"])  // lsk 3 before lsk 7
        for item in keysOnly.items { #expect(Set(item.keys) == ["pk", "sk", "lsk"]) }
        // An LSI may return unprojected attributes: DynamoDB fetches them from the table.
        let all = try db.query(QueryInput(tableName: "proj", indexName: "lk", keyConditionExpression: "pk = :p AND lsk > :three",
                                          expressionAttributeValues: [":p": "p", ":three": 3], select: .allAttributes))
        #expect(all.items == [["pk": "p", "sk": "s1", "gpk": "g", "lsk": 7, "a1": 1, "b1": 2]])
        // LastEvaluatedKey of an LSI query: table key plus the LSI sort key.
        let page = try db.query(QueryInput(tableName: "proj", indexName: "lk", keyConditionExpression: "pk = :p",
                                           expressionAttributeValues: [":p": "p"], limit: 1))
        #expect(page.lastEvaluatedKey == ["pk": "p", "sk": "s2", "lsk": 3])
    }

    @Test func lsiIsStronglyConsistent() throws {
        let db = try projectionFixture()
        try db.putItem(PutItemInput(tableName: "proj", item: ["pk": "p", "sk": "s3", "lsk": 5]))
        let output = try db.query(QueryInput(tableName: "proj", indexName: "lk", keyConditionExpression: "pk = :p",
                                             expressionAttributeValues: [":p": "p"], consistentRead: true))
        #expect(output.items.map { $0["sk"] } == ["s2", "s3", "s1"])
    }

    @Test func sparseIndexesSkipItemsWithoutTheIndexKey() throws {
        let db = try projectionFixture()
        try db.putItem(PutItemInput(tableName: "proj", item: ["pk": "p", "sk": "s9", "a1": 9]))  // no gpk, no lsk
        #expect(try db.query(QueryInput(tableName: "proj", indexName: "gk", keyConditionExpression: "gpk = :g",
                                        expressionAttributeValues: [":g": "g"])).count == 2)
        #expect(try db.query(QueryInput(tableName: "proj", indexName: "lk", keyConditionExpression: "pk = :p",
                                        expressionAttributeValues: [":p": "p"])).count == 2)
        #expect(try db.query(QueryInput(tableName: "proj", keyConditionExpression: "pk = :p",
                                        expressionAttributeValues: [":p": "p"])).count == 3)
    }
}

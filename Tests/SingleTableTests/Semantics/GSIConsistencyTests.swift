// GSI eventual consistency, from the Developer Guide "Global secondary indexes ... Read consistency":
// "Changes to the table data are propagated to the global secondary indexes within a fraction of a second,
// under normal conditions ... a query could return stale data". Modelled here by
// CreateTableInput.gsiPropagationDelayNanos and a hand-moved clock. LSIs are updated with the table.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.Reads

import SingleTable
import Testing

@Suite("GSI propagation lag")
struct GSIConsistencyTests {
    private let delay: UInt64 = 5_000_000  // 5 ms

    private func gsiItems(_ db: Database, group: String) throws -> [Item] {
        try db.query(QueryInput(tableName: Cruddur.tableName, indexName: Cruddur.gsiName,
                                keyConditionExpression: "message_group_uuid = :g", expressionAttributeValues: [":g": .s(group)])).items.materialized
    }

    private func tableItems(_ db: Database, pk: String) throws -> [Item] {
        try db.query(QueryInput(tableName: Cruddur.tableName, keyConditionExpression: "pk = :p",
                                expressionAttributeValues: [":p": .s(pk)], consistentRead: true)).items.materialized
    }

    @Test func aPutBecomesVisibleInTheGSIAfterTheDelay() throws {
        let clock = ManualClock()
        let db = try makeCruddurTable(clock: clock, gsiPropagationDelayNanos: delay)
        try db.putItem(PutItemInput(tableName: Cruddur.tableName, item: Cruddur.message(group: "g1", at: "t1", uuid: "m1", text: "hi")))
        #expect(try tableItems(db, pk: "MSG#g1").count == 1)  // the table sees it at once
        #expect(try gsiItems(db, group: "g1").isEmpty)
        clock.advance(byNanos: delay - 1)
        #expect(try gsiItems(db, group: "g1").isEmpty)
        clock.advance(byNanos: 2)
        #expect(try gsiItems(db, group: "g1").count == 1)
    }

    @Test func theGSIShowsTheOldVersionUntilTheDelayPasses() throws {
        let clock = ManualClock()
        let db = try makeCruddurTable(clock: clock, gsiPropagationDelayNanos: delay)
        try db.putItem(PutItemInput(tableName: Cruddur.tableName, item: Cruddur.message(group: "g1", at: "t1", uuid: "m1", text: "v1")))
        clock.advance(byNanos: delay + 1)
        try db.updateItem(UpdateItemInput(tableName: Cruddur.tableName, key: ["pk": "MSG#g1", "sk": "t1"],
                                          updateExpression: "SET #m = :v", expressionAttributeNames: ["#m": "message"],
                                          expressionAttributeValues: [":v": "v2"]))
        #expect(try tableItems(db, pk: "MSG#g1").first?["message"] == "v2")
        #expect(try gsiItems(db, group: "g1").first?["message"] == "v1")
        clock.advance(byNanos: delay + 1)
        #expect(try gsiItems(db, group: "g1").first?["message"] == "v2")
    }

    @Test func deletesAndKeyMovesLagToo() throws {
        let clock = ManualClock()
        let db = try makeCruddurTable(clock: clock, gsiPropagationDelayNanos: delay)
        try db.putItem(PutItemInput(tableName: Cruddur.tableName, item: Cruddur.message(group: "g1", at: "t1", uuid: "m1", text: "a")))
        try db.putItem(PutItemInput(tableName: Cruddur.tableName, item: Cruddur.message(group: "g1", at: "t2", uuid: "m2", text: "b")))
        clock.advance(byNanos: delay + 1)
        #expect(try gsiItems(db, group: "g1").count == 2)

        try db.deleteItem(DeleteItemInput(tableName: Cruddur.tableName, key: ["pk": "MSG#g1", "sk": "t1"]))
        try db.updateItem(UpdateItemInput(tableName: Cruddur.tableName, key: ["pk": "MSG#g1", "sk": "t2"],
                                          updateExpression: "SET message_group_uuid = :g", expressionAttributeValues: [":g": "g2"]))
        #expect(try gsiItems(db, group: "g1").count == 2)
        #expect(try gsiItems(db, group: "g2").isEmpty)
        clock.advance(byNanos: delay + 1)
        #expect(try gsiItems(db, group: "g1").isEmpty)
        #expect(try gsiItems(db, group: "g2").count == 1)
    }

    @Test func changesWithinTheDelayApplyInOrder() throws {
        let clock = ManualClock()
        let db = try makeCruddurTable(clock: clock, gsiPropagationDelayNanos: delay)
        let item = Cruddur.message(group: "g1", at: "t1", uuid: "m1", text: "a")
        try db.putItem(PutItemInput(tableName: Cruddur.tableName, item: item))
        try db.deleteItem(DeleteItemInput(tableName: Cruddur.tableName, key: ["pk": "MSG#g1", "sk": "t1"]))
        try db.putItem(PutItemInput(tableName: Cruddur.tableName, item: Cruddur.message(group: "g1", at: "t1", uuid: "m1", text: "final")))
        clock.advance(byNanos: delay + 1)
        let items = try gsiItems(db, group: "g1")
        #expect(items.count == 1)
        #expect(items.first?["message"] == "final")
    }

    @Test func zeroDelayIsImmediate() throws {
        let clock = ManualClock()
        let db = try makeCruddurTable(clock: clock, gsiPropagationDelayNanos: 0)
        try db.putItem(PutItemInput(tableName: Cruddur.tableName, item: Cruddur.message(group: "g1", at: "t1", uuid: "m1", text: "hi")))
        #expect(try gsiItems(db, group: "g1").count == 1)
    }

    @Test func localIndexesDoNotLag() throws {
        let clock = ManualClock()
        let db = Database(clock: clock)
        _ = try db.createTable(CreateTableInput(
            tableName: "lagged", keySchema: [.hash("pk"), .range("sk")],
            attributeDefinitions: [AttributeDefinition("pk", .s), AttributeDefinition("sk", .s),
                                   AttributeDefinition("g", .s), AttributeDefinition("l", .s)],
            globalSecondaryIndexes: [SecondaryIndex(indexName: "gi", keySchema: [.hash("g")], projection: .all)],
            localSecondaryIndexes: [SecondaryIndex(indexName: "li", keySchema: [.hash("pk"), .range("l")], projection: .all)],
            gsiPropagationDelayNanos: delay))
        try db.putItem(PutItemInput(tableName: "lagged", item: ["pk": "p", "sk": "s", "g": "G", "l": "L"]))
        let lsi = try db.query(QueryInput(tableName: "lagged", indexName: "li", keyConditionExpression: "pk = :p",
                                          expressionAttributeValues: [":p": "p"], consistentRead: true))
        #expect(lsi.count == 1)
        let gsi = try db.query(QueryInput(tableName: "lagged", indexName: "gi", keyConditionExpression: "g = :g",
                                          expressionAttributeValues: [":g": "G"]))
        #expect(gsi.count == 0)
    }
}

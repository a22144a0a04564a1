import Testing
@testable import SingleTable

@Suite struct StorageSmokeTests {
    func cruddur() throws -> Database {
        let db = Database()
        _ = try db.createTable(CreateTableInput(
            tableName: "cruddur-messages", keySchema: [.hash("pk"), .range("sk")],
            attributeDefinitions: [.init("pk", .s), .init("sk", .s), .init("message_group_uuid", .s)],
            globalSecondaryIndexes: [SecondaryIndex(indexName: "message-group-sk-index", keySchema: [.hash("message_group_uuid"), .range("sk")], projection: .all)]))
        return db
    }

    @Test func putGetRoundTrip() throws {
        let db = try cruddur()
        let item: Item = ["pk": "MSG#g1", "sk": "2026-01-01T00:00:00.000000+00:00", "message": "hello", "n": 42, "l": .l([.s("a"), .bool(true), .null]), "m": .m(["x": .ns([1, 2])])]
        try db.putItem(PutItemInput(tableName: "cruddur-messages", item: item))
        let got = try db.getItem(GetItemInput(tableName: "cruddur-messages", key: ["pk": "MSG#g1", "sk": "2026-01-01T00:00:00.000000+00:00"]))
        #expect(got.item == item)
        #expect(try db.describeTable("cruddur-messages").itemCount == 1)
        #expect(try db.describeTable("cruddur-messages").tableSizeBytes == itemSize(item))
    }

    @Test func batchThenScanSeesEverything() throws {
        let db = try cruddur()
        var requests: [WriteRequest] = []
        for i in 0..<25 { requests.append(.put(item: ["pk": .s("GRP#u\(i % 5)"), "sk": .s("t\(i)"), "message_group_uuid": .s("g\(i)")])) }
        try db.batchWriteItem(BatchWriteItemInput(requestItems: ["cruddur-messages": requests]))
        var seen = 0
        var start: Item? = nil
        repeat {
            let page = try db.scan(ScanInput(tableName: "cruddur-messages", limit: 7, exclusiveStartKey: start))
            seen += page.count
            start = page.lastEvaluatedKey
        } while start != nil
        #expect(seen == 25)
        let gsi = try db.describeTable("cruddur-messages").globalSecondaryIndexes?.first
        #expect(gsi?.itemCount == 25)
        try db.deleteItem(DeleteItemInput(tableName: "cruddur-messages", key: ["pk": "GRP#u0", "sk": "t0"]))
        #expect(try db.describeTable("cruddur-messages").itemCount == 24)
        #expect(try db.describeTable("cruddur-messages").globalSecondaryIndexes?.first?.itemCount == 24)
    }
}

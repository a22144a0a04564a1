import Testing
import SingleTable

/// DynamoDB limits an item collection (a partition key's items plus their LSI copies) on a table with LSIs
/// to 10 GB; the limit is a table setting here so a test can reach it.
@Suite struct ItemCollectionLimitTests {
    func table(limit: Int) throws -> Database {
        let db = Database()
        var input = CreateTableInput(
            tableName: "threads", keySchema: [.hash("pk"), .range("sk")],
            attributeDefinitions: [.init("pk", .s), .init("sk", .s), .init("lsk", .s)],
            localSecondaryIndexes: [SecondaryIndex(indexName: "by-lsk", keySchema: [.hash("pk"), .range("lsk")], projection: .all)])
        input.itemCollectionSizeLimitBytes = limit
        _ = try db.createTable(input)
        return db
    }

    @Test func writesPastTheLimitFailAndOtherPartitionsStillWork() throws {
        // Each item: pk(2+1) + sk(2+2) + lsk(3+2) + body(4+100) = 116 bytes, counted twice (table + ALL LSI copy).
        let db = try table(limit: 1_000)
        let body = String(repeating: "x", count: 100)
        for i in 0..<4 {
            try db.putItem(PutItemInput(tableName: "threads", item: ["pk": "a", "sk": .s("s\(i)"), "lsk": .s("l\(i)"), "body": .s(body)]))
        }
        // 4 × 232 = 928 bytes; a fifth item would make 1160 > 1000.
        var caught: DynamoDBError?
        do {
            try db.putItem(PutItemInput(tableName: "threads", item: ["pk": "a", "sk": "s4", "lsk": "l4", "body": .s(body)]))
        } catch { caught = error }
        #expect(caught?.name == .itemCollectionSizeLimitExceeded)
        #expect(try db.describeTable("threads").itemCount == 4)
        // Replacing an item with one of the same size does not grow the collection.
        try db.putItem(PutItemInput(tableName: "threads", item: ["pk": "a", "sk": "s0", "lsk": "l9", "body": .s(body)]))
        // Another partition key is another collection.
        try db.putItem(PutItemInput(tableName: "threads", item: ["pk": "b", "sk": "s0", "lsk": "l0", "body": .s(body)]))
    }

    @Test func tablesWithoutLocalIndexesHaveNoCollectionLimit() throws {
        let db = Database()
        var input = CreateTableInput(tableName: "plain", keySchema: [.hash("pk"), .range("sk")], attributeDefinitions: [.init("pk", .s), .init("sk", .s)])
        input.itemCollectionSizeLimitBytes = 10
        _ = try db.createTable(input)
        for i in 0..<5 { try db.putItem(PutItemInput(tableName: "plain", item: ["pk": "a", "sk": .s("s\(i)"), "body": "some text"])) }
        #expect(try db.describeTable("plain").itemCount == 5)
    }
}

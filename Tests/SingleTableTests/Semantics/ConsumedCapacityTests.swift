// Consumed capacity, from the Developer Guide "Read/write capacity mode" and "DynamoDB item sizes and formats":
// - reads: one unit per 4 KB (rounded up); eventually consistent reads cost half; reading a missing item still
//   costs 1 (strong) or 0.5 (eventual); the cost depends on the item size, not on the projected data;
// - Query/Scan: "the sum of the sizes of all the items evaluated" is rounded up to 4 KB once (filtered-out items
//   count); BatchGetItem rounds each item separately;
// - writes: one unit per 1 KB, on the larger of the old and new item; deleting a missing item costs 1;
// - transactions: two units per read/write unit;
// - GSI writes: adding an item to an index costs one index write, changing its index key two (delete + put),
//   updating a projected attribute one, removing from the index one; the INDEXES breakdown reports them.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.ThroughputConsiderations.Writes

import SingleTable
import Testing

@Suite("Consumed capacity")
struct ConsumedCapacityTests {
    /// An item of exactly `bytes` bytes in table "items": pk "p" (3) + sk (2 + sk length) + "s1" (2) + filler.
    private func sized(_ bytes: Int, sk: String = "s") -> Item {
        let overhead = 3 + 2 + sk.utf8.count + 2
        return ["pk": "p", "sk": .s(sk), "s1": .s(filler(bytes - overhead))]
    }

    private func put(_ db: Database, _ item: Item) throws {
        try db.putItem(PutItemInput(tableName: "items", item: item))
    }

    private func getCost(_ db: Database, consistent: Bool, sk: String = "s", projection: String? = nil) throws -> Double? {
        try db.getItem(GetItemInput(tableName: "items", key: key("p", sk), consistentRead: consistent,
                                    projectionExpression: projection, returnConsumedCapacity: .total)).consumedCapacity?.capacityUnits
    }

    @Test func sizedHelperIsExact() {
        #expect(itemSize(sized(100)) == 100)
        #expect(itemSize(sized(4096, sk: "0001")) == 4096)
    }

    // MARK: GetItem

    @Test(arguments: [(100, 1.0, 0.5), (4096, 1.0, 0.5), (4097, 2.0, 1.0), (8192, 2.0, 1.0), (10_000, 3.0, 1.5)])
    func getItemRoundsUpTo4KB(_ bytes: Int, _ strong: Double, _ eventual: Double) throws {
        let db = try makeTable()
        try put(db, sized(bytes))
        #expect(try getCost(db, consistent: true) == strong)
        #expect(try getCost(db, consistent: false) == eventual)
    }

    @Test func getItemCostsTheWholeItemEvenWhenProjected() throws {
        let db = try makeTable()
        try put(db, sized(8000))
        #expect(try getCost(db, consistent: true, projection: "pk") == 2.0)
    }

    @Test func getOfAMissingItemStillCosts() throws {
        let db = try makeTable()
        #expect(try getCost(db, consistent: true) == 1.0)
        #expect(try getCost(db, consistent: false) == 0.5)
    }

    @Test func noCapacityUnlessAsked() throws {
        let db = try makeTable()
        try put(db, sized(100))
        #expect(try db.getItem(GetItemInput(tableName: "items", key: key("p", "s"))).consumedCapacity == nil)
        let output = try db.getItem(GetItemInput(tableName: "items", key: key("p", "s"), returnConsumedCapacity: .total))
        #expect(output.consumedCapacity?.tableName == "items")
    }

    // MARK: Writes

    @Test(arguments: [(100, 1.0), (1024, 1.0), (1025, 2.0), (1536, 2.0), (3000, 3.0), (409_600, 400.0)])
    func putItemRoundsUpTo1KB(_ bytes: Int, _ units: Double) throws {
        let db = try makeTable()
        let output = try db.putItem(PutItemInput(tableName: "items", item: sized(bytes), returnConsumedCapacity: .total))
        #expect(output.consumedCapacity?.capacityUnits == units)
    }

    @Test func replacingCostsTheLargerItem() throws {
        let db = try makeTable()
        try put(db, sized(3000))
        let output = try db.putItem(PutItemInput(tableName: "items", item: sized(100), returnConsumedCapacity: .total))
        #expect(output.consumedCapacity?.capacityUnits == 3.0)
    }

    @Test func deleteCostsTheDeletedItem() throws {
        let db = try makeTable()
        try put(db, sized(2500))
        let output = try db.deleteItem(DeleteItemInput(tableName: "items", key: key("p", "s"), returnConsumedCapacity: .total))
        #expect(output.consumedCapacity?.capacityUnits == 3.0)
        let missing = try db.deleteItem(DeleteItemInput(tableName: "items", key: key("p", "s"), returnConsumedCapacity: .total))
        #expect(missing.consumedCapacity?.capacityUnits == 1.0)
    }

    @Test func updateCostsTheLargerOfBeforeAndAfter() throws {
        let db = try makeTable()
        try put(db, sized(100))
        // s1 grows from 92 to 2,092 bytes: the item becomes 2,100 bytes, 3 units.
        let grow = try db.updateItem(UpdateItemInput(
            tableName: "items", key: key("p", "s"), updateExpression: "SET s1 = :v",
            expressionAttributeValues: [":v": .s(filler(2092))], returnConsumedCapacity: .total))
        #expect(grow.consumedCapacity?.capacityUnits == 3.0)
        let shrink = try db.updateItem(UpdateItemInput(
            tableName: "items", key: key("p", "s"), updateExpression: "REMOVE s1", returnConsumedCapacity: .total))
        #expect(shrink.consumedCapacity?.capacityUnits == 3.0)
    }

    // MARK: Query and Scan

    /// Ten items of exactly 1,000 bytes in partition "p".
    private func tenKilobyteItems() throws -> Database {
        let db = try makeTable()
        for i in 1...10 { try put(db, sized(1000, sk: padded(i))) }
        return db
    }

    private func queryCost(_ db: Database, consistent: Bool, limit: Int? = nil, filter: String? = nil,
                           values: [String: AttributeValue] = [:], select: Select? = nil) throws -> Double? {
        var allValues = values
        allValues[":p"] = "p"
        return try db.query(QueryInput(
            tableName: "items", keyConditionExpression: "pk = :p", filterExpression: filter, expressionAttributeValues: allValues,
            limit: limit, consistentRead: consistent, select: select, returnConsumedCapacity: .total)).consumedCapacity?.capacityUnits
    }

    @Test func querySumsItemSizesThenRoundsOnce() throws {
        let db = try tenKilobyteItems()
        // 10 × 1,000 = 10,000 bytes: 3 units of 4 KB, not 10.
        #expect(try queryCost(db, consistent: true) == 3.0)
        #expect(try queryCost(db, consistent: false) == 1.5)
        // 5 × 1,000 = 5,000 bytes: 2 units.
        #expect(try queryCost(db, consistent: true, limit: 5) == 2.0)
        #expect(try queryCost(db, consistent: false, limit: 5) == 1.0)
    }

    @Test func filteredOutItemsStillCost() throws {
        let db = try tenKilobyteItems()
        #expect(try queryCost(db, consistent: true, filter: "attribute_exists(zz1)") == 3.0)
        #expect(try queryCost(db, consistent: true, select: .count) == 3.0)
    }

    @Test func smallItemsShareOneUnit() throws {
        let db = try makeTable()
        for i in 1...3 { try put(db, sized(100, sk: padded(i))) }
        #expect(try queryCost(db, consistent: true) == 1.0)
        #expect(try queryCost(db, consistent: false) == 0.5)
        let scan = try db.scan(ScanInput(tableName: "items", consistentRead: true, returnConsumedCapacity: .total))
        #expect(scan.consumedCapacity?.capacityUnits == 1.0)
    }

    @Test func scanSumsLikeQuery() throws {
        let db = try tenKilobyteItems()
        let strong = try db.scan(ScanInput(tableName: "items", consistentRead: true, returnConsumedCapacity: .total))
        #expect(strong.consumedCapacity?.capacityUnits == 3.0)
        let eventual = try db.scan(ScanInput(tableName: "items", returnConsumedCapacity: .total))
        #expect(eventual.consumedCapacity?.capacityUnits == 1.5)
    }

    // MARK: Batches

    @Test func batchGetRoundsEachItem() throws {
        let db = try makeTable()
        for i in 1...3 { try put(db, sized(100, sk: padded(i))) }
        let keys = (1...3).map { key("p", padded($0)) }
        let eventual = try db.batchGetItem(BatchGetItemInput(requestItems: ["items": KeysAndAttributes(keys: keys)],
                                                             returnConsumedCapacity: .total))
        #expect(eventual.consumedCapacity?.first { $0.tableName == "items" }?.capacityUnits == 1.5)
        let strong = try db.batchGetItem(BatchGetItemInput(requestItems: ["items": KeysAndAttributes(keys: keys, consistentRead: true)],
                                                           returnConsumedCapacity: .total))
        #expect(strong.consumedCapacity?.first { $0.tableName == "items" }?.capacityUnits == 3.0)
    }

    @Test func batchWriteRoundsEachItem() throws {
        let db = try makeTable()
        let output = try db.batchWriteItem(BatchWriteItemInput(
            requestItems: ["items": [.put(item: sized(1500, sk: "a")), .put(item: sized(100, sk: "b")), .put(item: sized(100, sk: "c"))]],
            returnConsumedCapacity: .total))
        #expect(output.consumedCapacity?.first { $0.tableName == "items" }?.capacityUnits == 4.0)
    }

    /// A batch put over an existing item is charged for the larger of the two (the batch path learns the old
    /// item from the tree instead of looking it up first), and a batch delete of an absent key for one unit.
    @Test func batchWriteChargesTheReplacedItemAndIndexes() throws {
        let db = try makeTable()
        try put(db, sized(1500, sk: "a"))
        let replaced = try db.batchWriteItem(BatchWriteItemInput(
            requestItems: ["items": [.put(item: sized(100, sk: "a")), .delete(key: key("p", "absent"))]],
            returnConsumedCapacity: .total))
        #expect(replaced.consumedCapacity?.first { $0.tableName == "items" }?.capacityUnits == 2.0 + 1.0)
        #expect(try db.getItem(GetItemInput(tableName: "items", key: key("p", "a"))).item.map(itemSize) == 100)

        let cruddur = try makeCruddurTable()
        let indexed = try #require(try cruddur.batchWriteItem(BatchWriteItemInput(
            requestItems: [Cruddur.tableName: [.put(item: Cruddur.message(group: "g1", at: "t1", uuid: "m1", text: "hi"))]],
            returnConsumedCapacity: .indexes)).consumedCapacity?.first)
        #expect(indexed.capacityUnits == 2.0)
        #expect(indexed.globalSecondaryIndexes?[Cruddur.gsiName]?.capacityUnits == 1.0)
    }

    // MARK: Transactions

    @Test func transactionalWritesCostDouble() throws {
        let db = try makeTable()
        let output = try db.transactWriteItems(TransactWriteItemsInput(
            transactItems: [.put(PutItemInput(tableName: "items", item: sized(500, sk: "a"))),
                            .put(PutItemInput(tableName: "items", item: sized(1500, sk: "b")))],
            returnConsumedCapacity: .total))
        #expect(output.consumedCapacity?.first { $0.tableName == "items" }?.capacityUnits == 2.0 + 4.0)
    }

    @Test func transactionalReadsCostDouble() throws {
        let db = try makeTable()
        try put(db, sized(100, sk: "a"))
        try put(db, sized(5000, sk: "b"))
        let output = try db.transactGetItems(TransactGetItemsInput(
            transactItems: [TransactGetItem(tableName: "items", key: key("p", "a")), TransactGetItem(tableName: "items", key: key("p", "b"))],
            returnConsumedCapacity: .total))
        #expect(output.consumedCapacity?.first { $0.tableName == "items" }?.capacityUnits == 2.0 + 4.0)
    }

    // MARK: Index writes

    private func cruddurPut(_ db: Database, _ item: Item) throws -> ConsumedCapacity? {
        try db.putItem(PutItemInput(tableName: Cruddur.tableName, item: item, returnConsumedCapacity: .indexes)).consumedCapacity
    }

    @Test func gsiWritesAreAddedAndBrokenDown() throws {
        let db = try makeCruddurTable()
        let message = Cruddur.message(group: "g1", at: "t1", uuid: "m1", text: "hi")
        #expect(itemSize(message) < 1024)
        let put = try #require(try cruddurPut(db, message))
        #expect(put.capacityUnits == 2.0)
        #expect(put.table?.capacityUnits == 1.0)
        #expect(put.globalSecondaryIndexes?[Cruddur.gsiName]?.capacityUnits == 1.0)

        // An item without the index key costs the table only.
        let unindexed = try #require(try cruddurPut(db, ["pk": "CONFIG", "sk": "x"]))
        #expect(unindexed.capacityUnits == 1.0)
        #expect((unindexed.globalSecondaryIndexes?[Cruddur.gsiName]?.capacityUnits ?? 0) == 0)
    }

    @Test func gsiKeyChangeCostsTwoIndexWrites() throws {
        let db = try makeCruddurTable()
        try db.putItem(PutItemInput(tableName: Cruddur.tableName, item: Cruddur.message(group: "g1", at: "t1", uuid: "m1", text: "hi")))
        let key: Item = ["pk": "MSG#g1", "sk": "t1"]
        let projected = try #require(try db.updateItem(UpdateItemInput(
            tableName: Cruddur.tableName, key: key, updateExpression: "SET #m = :v", expressionAttributeNames: ["#m": "message"],
            expressionAttributeValues: [":v": "edited"], returnConsumedCapacity: .indexes)).consumedCapacity)
        #expect(projected.capacityUnits == 2.0)
        #expect(projected.globalSecondaryIndexes?[Cruddur.gsiName]?.capacityUnits == 1.0)

        let moved = try #require(try db.updateItem(UpdateItemInput(
            tableName: Cruddur.tableName, key: key, updateExpression: "SET message_group_uuid = :g",
            expressionAttributeValues: [":g": "g2"], returnConsumedCapacity: .indexes)).consumedCapacity)
        #expect(moved.capacityUnits == 3.0)
        #expect(moved.table?.capacityUnits == 1.0)
        #expect(moved.globalSecondaryIndexes?[Cruddur.gsiName]?.capacityUnits == 2.0)

        let deleted = try #require(try db.deleteItem(DeleteItemInput(
            tableName: Cruddur.tableName, key: key, returnConsumedCapacity: .indexes)).consumedCapacity)
        #expect(deleted.capacityUnits == 2.0)
        #expect(deleted.globalSecondaryIndexes?[Cruddur.gsiName]?.capacityUnits == 1.0)
    }

    @Test func totalHasNoBreakdownButTheSameSum() throws {
        let db = try makeCruddurTable()
        let output = try db.putItem(PutItemInput(tableName: Cruddur.tableName, item: Cruddur.message(group: "g1", at: "t1", uuid: "m1", text: "hi"),
                                                 returnConsumedCapacity: .total))
        #expect(output.consumedCapacity?.capacityUnits == 2.0)
        #expect(output.consumedCapacity?.globalSecondaryIndexes == nil)
    }

    @Test func gsiQueryIsChargedToTheIndex() throws {
        let db = try makeCruddurTable()
        for i in 1...3 {
            try db.putItem(PutItemInput(tableName: Cruddur.tableName, item: Cruddur.message(group: "g1", at: "t\(i)", uuid: "m\(i)", text: "hi")))
        }
        let output = try db.query(QueryInput(
            tableName: Cruddur.tableName, indexName: Cruddur.gsiName, keyConditionExpression: "message_group_uuid = :g",
            expressionAttributeValues: [":g": "g1"], returnConsumedCapacity: .indexes))
        let consumed = try #require(output.consumedCapacity)
        #expect(consumed.capacityUnits == 0.5)
        #expect(consumed.globalSecondaryIndexes?[Cruddur.gsiName]?.capacityUnits == 0.5)
    }
}

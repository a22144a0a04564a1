// DescribeTable, ListTables, DeleteTable and ResourceNotFoundException.
// ListTables: "Returns an array of table names ... LastEvaluatedTableName: The name of the last table in the current
// page of results. Use this value as the ExclusiveStartTableName in a new request"; Limit is 1..100; names are sorted.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListTables.html

import SingleTable
import Testing

@Suite("DescribeTable / ListTables / DeleteTable")
struct TableManagementTests {
    @Test func describeCountsItemsAndSizes() throws {
        let db = try makeTable("tbl1")
        try db.putItem(PutItemInput(tableName: "tbl1", item: ["pk": "a", "sk": "b"]))              // 2+1 + 2+1 = 6
        try db.putItem(PutItemInput(tableName: "tbl1", item: ["pk": "a", "sk": "c", "n1": 123]))   // 6 + 2+3 = 11
        var description = try db.describeTable("tbl1")
        #expect(description.itemCount == 2)
        #expect(description.tableSizeBytes == 17)
        // Replacing an item changes the size, not the count.
        try db.putItem(PutItemInput(tableName: "tbl1", item: ["pk": "a", "sk": "b", "s1": "xyz"]))  // 6 + 2+3 = 11
        description = try db.describeTable("tbl1")
        #expect(description.itemCount == 2)
        #expect(description.tableSizeBytes == 22)
        try db.deleteItem(DeleteItemInput(tableName: "tbl1", key: key("a", "c")))
        description = try db.describeTable("tbl1")
        #expect(description.itemCount == 1)
        #expect(description.tableSizeBytes == 11)
    }

    @Test func describeCountsIndexItemsSparsely() throws {
        let db = try makeCruddurTable()
        try db.putItem(PutItemInput(tableName: Cruddur.tableName, item: Cruddur.message(group: "g1", at: "t1", uuid: "m1", text: "hi")))
        // No message_group_uuid: not in the GSI (sparse index).
        try db.putItem(PutItemInput(tableName: Cruddur.tableName, item: ["pk": "OTHER#1", "sk": "x"]))
        let description = try db.describeTable(Cruddur.tableName)
        #expect(description.itemCount == 2)
        #expect(description.globalSecondaryIndexes?.first?.itemCount == 1)
    }

    @Test func listTablesIsSortedAndPaginated() throws {
        let db = Database()
        let names = ["delta", "alpha", "echo", "charlie", "bravo"]
        for name in names { _ = try makeTable(name, in: db) }
        #expect(try db.listTables().tableNames == names.sorted())
        #expect(try db.listTables().lastEvaluatedTableName == nil)

        let first = try db.listTables(ListTablesInput(limit: 2))
        #expect(first.tableNames == ["alpha", "bravo"])
        #expect(first.lastEvaluatedTableName == "bravo")
        let second = try db.listTables(ListTablesInput(exclusiveStartTableName: "bravo", limit: 2))
        #expect(second.tableNames == ["charlie", "delta"])
        #expect(second.lastEvaluatedTableName == "delta")
        let third = try db.listTables(ListTablesInput(exclusiveStartTableName: "delta", limit: 2))
        #expect(third.tableNames == ["echo"])
        #expect(third.lastEvaluatedTableName == nil)

        // The start name need not exist: listing continues after it.
        #expect(try db.listTables(ListTablesInput(exclusiveStartTableName: "b")).tableNames == ["bravo", "charlie", "delta", "echo"])
    }

    @Test func listTablesWalkedPageByPageSeesEveryTableOnce() throws {
        let db = Database()
        let names = (0..<23).map { "table-\(padded($0, width: 3))" }
        for name in names.shuffled() { _ = try makeTable(name, sortKey: nil, in: db) }
        var seen: [String] = []
        var start: String? = nil
        repeat {
            let page = try db.listTables(ListTablesInput(exclusiveStartTableName: start, limit: 5))
            #expect(page.tableNames.count <= 5)
            seen += page.tableNames
            start = page.lastEvaluatedTableName
        } while start != nil
        #expect(seen == names)
    }

    @Test(arguments: [0, -1, 101])
    func listTablesLimitOutOfRange(_ limit: Int) {
        expectDynamoError(.validation) { try Database().listTables(ListTablesInput(limit: limit)) }
    }

    @Test func deleteTable() throws {
        let db = try makeTable("tbl1")
        _ = try makeTable("tbl2", in: db)
        try db.putItem(PutItemInput(tableName: "tbl1", item: ["pk": "a", "sk": "b"]))
        let deleted = try db.deleteTable("tbl1")
        #expect(deleted.tableName == "tbl1")
        #expect(try db.listTables().tableNames == ["tbl2"])
        expectDynamoError(.resourceNotFound) { try db.describeTable("tbl1") }
        expectDynamoError(.resourceNotFound) { try db.deleteTable("tbl1") }
        // The name can be used again, and the new table starts empty.
        _ = try makeTable("tbl1", in: db)
        #expect(try db.describeTable("tbl1").itemCount == 0)
        #expect(try db.getItem(GetItemInput(tableName: "tbl1", key: key("a", "b"))).item == nil)
    }

    @Test func unknownTableIsResourceNotFoundEverywhere() {
        let db = Database()
        expectDynamoError(.resourceNotFound) { try db.describeTable("nope") }
        expectDynamoError(.resourceNotFound) { try db.deleteTable("nope") }
        expectDynamoError(.resourceNotFound) { try db.table(named: "nope") }
        expectDynamoError(.resourceNotFound) { try db.putItem(PutItemInput(tableName: "nope", item: ["pk": "a"])) }
        expectDynamoError(.resourceNotFound) { try db.getItem(GetItemInput(tableName: "nope", key: ["pk": "a"])) }
        expectDynamoError(.resourceNotFound) { try db.deleteItem(DeleteItemInput(tableName: "nope", key: ["pk": "a"])) }
        expectDynamoError(.resourceNotFound) {
            try db.updateItem(UpdateItemInput(tableName: "nope", key: ["pk": "a"], updateExpression: "SET a1 = :v",
                                              expressionAttributeValues: [":v": 1]))
        }
        expectDynamoError(.resourceNotFound) {
            try db.query(QueryInput(tableName: "nope", keyConditionExpression: "pk = :p", expressionAttributeValues: [":p": "a"]))
        }
        expectDynamoError(.resourceNotFound) { try db.scan(ScanInput(tableName: "nope")) }
        expectDynamoError(.resourceNotFound) {
            try db.batchWriteItem(BatchWriteItemInput(requestItems: ["nope": [.put(item: ["pk": "a"])]]))
        }
        expectDynamoError(.resourceNotFound) {
            try db.batchGetItem(BatchGetItemInput(requestItems: ["nope": KeysAndAttributes(keys: [["pk": "a"]])]))
        }
        expectDynamoError(.resourceNotFound) { try db.readStream(tableName: "nope") }
    }

    @Test func describeMessageNamesTheTable() {
        let error = expectDynamoError(.resourceNotFound) { try Database().describeTable("missing-table") }
        #expect(error?.message.hasPrefix("Requested resource not found") ?? false)
    }

    @Test func tableHandleWorksLikeTheDatabase() throws {
        let db = try makeTable("tbl1")
        let table = try db.table(named: "tbl1")
        #expect(table.name == "tbl1")
        try table.putItem(PutItemInput(tableName: "tbl1", item: ["pk": "a", "sk": "b", "n1": 1]))
        // An empty tableName means "this table".
        try table.putItem(PutItemInput(tableName: "", item: ["pk": "a", "sk": "c"]))
        #expect(try db.getItem(GetItemInput(tableName: "tbl1", key: key("a", "b"))).item?["n1"] == 1)
        #expect(try table.getItem(GetItemInput(tableName: "", key: key("a", "c"))).item != nil)
        #expect(table.describe().itemCount == 2)
        #expect(try table.query(QueryInput(tableName: "tbl1", keyConditionExpression: "pk = :p",
                                           expressionAttributeValues: [":p": "a"])).count == 2)
        #expect(try table.scan(ScanInput(tableName: "tbl1")).count == 2)
    }
}

// Scan, from the API Reference (API_Scan) and the Developer Guide "Scanning tables":
// - reads every item (of the table or index), up to Limit items or 1 MB per page, then LastEvaluatedKey;
// - FilterExpression after reading (Count vs ScannedCount); ProjectionExpression; Select COUNT;
// - parallel scan: Segment and TotalSegments (1...1,000,000) split the table into disjoint segments that
//   together cover every item; one without the other is a ValidationException.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Scan.html#Scan.ParallelScan

import SingleTable
import Testing

@Suite("Scan")
struct ScanTests {
    /// 100 items over 25 partitions: pk P00...P24, sk 0...3, n1 = 0...99.
    private func fixture() throws -> Database {
        let db = try makeTable()
        for i in 0..<100 {
            try db.putItem(PutItemInput(tableName: "items", item: [
                "pk": .s("P" + padded(i / 4, width: 2)), "sk": .s(String(i % 4)), "n1": .n(Number(i)),
            ]))
        }
        return db
    }

    private func allPages(_ db: Database, _ base: ScanInput) throws -> [ScanOutput] {
        var pages: [ScanOutput] = []
        var input = base
        repeat {
            let page = try db.scan(input)
            pages.append(page)
            input.exclusiveStartKey = page.lastEvaluatedKey
        } while input.exclusiveStartKey != nil && pages.count < 1000
        return pages
    }

    private func numbers(_ items: [Item]) -> [Int] {
        items.compactMap { item in numberValue(item["n1"]).flatMap { Int($0.description) } }
    }

    @Test func scanReadsEverything() throws {
        let db = try fixture()
        let output = try db.scan(ScanInput(tableName: "items"))
        #expect(output.count == 100)
        #expect(output.scannedCount == 100)
        #expect(output.lastEvaluatedKey == nil)
        #expect(Set(numbers(output.items.materialized)) == Set(0..<100))
    }

    @Test func itemsOfOnePartitionComeOutInSortKeyOrder() throws {
        let db = try fixture()
        let items = try db.scan(ScanInput(tableName: "items")).items
        for p in 0..<25 {
            let pk = AttributeValue.s("P" + padded(p, width: 2))
            #expect(items.filter { $0["pk"] == pk }.map { $0["sk"] } == ["0", "1", "2", "3"])
        }
    }

    @Test(arguments: [1, 7, 50, 100, 150])
    func paginationCoversEveryItemOnce(_ limit: Int) throws {
        let db = try fixture()
        let pages = try allPages(db, ScanInput(tableName: "items", limit: limit))
        let seen = numbers(pages.flatMap(\.items))
        #expect(seen.count == 100)
        #expect(Set(seen) == Set(0..<100))
        for page in pages { #expect(page.items.count <= limit) }
    }

    @Test func filterAndCounts() throws {
        let db = try fixture()
        let output = try db.scan(ScanInput(tableName: "items", filterExpression: "n1 >= :ninety",
                                           expressionAttributeValues: [":ninety": 90]))
        #expect(output.count == 10)
        #expect(output.scannedCount == 100)
        #expect(Set(numbers(output.items.materialized)) == Set(90..<100))
        let limited = try db.scan(ScanInput(tableName: "items", filterExpression: "n1 >= :ninety",
                                            expressionAttributeValues: [":ninety": 90], limit: 10))
        #expect(limited.scannedCount == 10)
        #expect(limited.count <= 10)
        #expect(limited.lastEvaluatedKey != nil)
    }

    @Test func projectionAndCount() throws {
        let db = try fixture()
        let projected = try db.scan(ScanInput(tableName: "items", projectionExpression: "n1"))
        for item in projected.items { #expect(Set(item.keys) == ["n1"]) }
        let counted = try db.scan(ScanInput(tableName: "items", select: .count))
        #expect(counted.items.isEmpty)
        #expect(counted.count == 100)
    }

    @Test(arguments: [1, 2, 3, 4, 7, 16, 200])
    func parallelSegmentsAreDisjointAndComplete(_ totalSegments: Int) throws {
        let db = try fixture()
        var all: [Int] = []
        for segment in 0..<totalSegments {
            let pages = try allPages(db, ScanInput(tableName: "items", limit: 9, segment: segment, totalSegments: totalSegments))
            all += numbers(pages.flatMap(\.items))
        }
        #expect(all.count == 100)
        #expect(Set(all) == Set(0..<100))
    }

    @Test func segmentsSplitTheWork() throws {
        // With 25 partitions and 4 segments, no single segment should hold everything.
        let db = try fixture()
        let sizes = try (0..<4).map { segment in
            try allPages(db, ScanInput(tableName: "items", segment: segment, totalSegments: 4)).map(\.count).reduce(0, +)
        }
        #expect(sizes.reduce(0, +) == 100)
        #expect(sizes.allSatisfy { $0 < 100 })
    }

    @Test func invalidSegments() throws {
        let db = try fixture()
        expectDynamoError(.validation) { try db.scan(ScanInput(tableName: "items", segment: 0)) }
        expectDynamoError(.validation) { try db.scan(ScanInput(tableName: "items", totalSegments: 2)) }
        expectDynamoError(.validation) { try db.scan(ScanInput(tableName: "items", segment: 2, totalSegments: 2)) }
        expectDynamoError(.validation) { try db.scan(ScanInput(tableName: "items", segment: -1, totalSegments: 2)) }
        expectDynamoError(.validation) { try db.scan(ScanInput(tableName: "items", segment: 0, totalSegments: 0)) }
        expectDynamoError(.validation) { try db.scan(ScanInput(tableName: "items", segment: 0, totalSegments: 1_000_001)) }
        expectDynamoError(.validation) { try db.scan(ScanInput(tableName: "items", limit: 0)) }
    }

    @Test func scanAnIndexSeesOnlyIndexedItems() throws {
        let db = try makeCruddurTable()
        try db.putItem(PutItemInput(tableName: Cruddur.tableName, item: Cruddur.message(group: "g1", at: "t1", uuid: "m1", text: "a")))
        try db.putItem(PutItemInput(tableName: Cruddur.tableName, item: Cruddur.message(group: "g2", at: "t2", uuid: "m2", text: "b")))
        try db.putItem(PutItemInput(tableName: Cruddur.tableName, item: ["pk": "CONFIG", "sk": "x"]))
        #expect(try db.scan(ScanInput(tableName: Cruddur.tableName)).count == 3)
        let index = try db.scan(ScanInput(tableName: Cruddur.tableName, indexName: Cruddur.gsiName))
        #expect(index.count == 2)
        expectDynamoError(.validation) {
            try db.scan(ScanInput(tableName: Cruddur.tableName, indexName: Cruddur.gsiName, consistentRead: true))
        }
    }

    @Test func pagesStopNearOneMegabyte() throws {
        let db = try makeTable()
        for i in 0..<15 {
            try db.putItem(PutItemInput(tableName: "items", item: ["pk": .s("P\(i)"), "sk": "s", "s1": .s(filler(102_400))]))
        }
        let first = try db.scan(ScanInput(tableName: "items"))
        #expect((10...11).contains(first.scannedCount), "first page read \(first.scannedCount) items")
        #expect(first.lastEvaluatedKey != nil)
        #expect(try allPages(db, ScanInput(tableName: "items")).flatMap(\.items).count == 15)
    }
}

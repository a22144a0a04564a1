// Query pagination, from the Developer Guide "Paginating table query results": "A single Query only returns
// a result set that fits within the 1 MB size limit"; a response with LastEvaluatedKey continues with
// ExclusiveStartKey = LastEvaluatedKey; the last page has no LastEvaluatedKey. The 1 MB is counted on the
// items read, before any filter.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html

import SingleTable
import Testing

@Suite("Query pagination")
struct QueryPaginationTests {
    /// Every page of a query, following LastEvaluatedKey.
    private func allPages(_ db: Database, _ base: QueryInput, maxPages: Int = 100) throws -> [QueryOutput] {
        var pages: [QueryOutput] = []
        var input = base
        repeat {
            let page = try db.query(input)
            pages.append(page)
            input.exclusiveStartKey = page.lastEvaluatedKey
        } while input.exclusiveStartKey != nil && pages.count < maxPages
        return pages
    }

    @Test(arguments: [1, 3, 4, 10, 11])
    func pagesConcatenateToTheFullResult(_ limit: Int) throws {
        let db = try makeQueryFixture()
        for forward in [true, false] {
            let base = QueryInput(tableName: "items", keyConditionExpression: "pk = :p",
                                  expressionAttributeValues: [":p": "p"], scanIndexForward: forward)
            let full = try db.query(base).items
            var limited = base
            limited.limit = limit
            let pages = try allPages(db, limited)
            #expect(pages.flatMap(\.items) == full)
            for page in pages { #expect(page.items.count <= limit) }
            #expect(pages.last?.lastEvaluatedKey == nil)
            for page in pages.dropLast() { #expect(page.lastEvaluatedKey == page.items.last.map { key("p", stringValue($0["sk"]) ?? "") }) }
        }
    }

    /// Without capacity, a plain newest-N table page is collected as bare records (one reference per item);
    /// asking for capacity takes the per-item checked walk. Both must return the same page.
    @Test(arguments: [1, 5, 10, 11])
    func plainPageEqualsTheCheckedWalk(_ limit: Int) throws {
        let db = try makeQueryFixture()
        for forward in [true, false] {
            let plain = QueryInput(tableName: "items", keyConditionExpression: "pk = :p",
                                   expressionAttributeValues: [":p": "p"], scanIndexForward: forward, limit: limit)
            var checked = plain
            checked.returnConsumedCapacity = .total
            let a = try db.query(plain), b = try db.query(checked)
            #expect(a.items == b.items.materialized)
            #expect(a.count == min(limit, 10) && a.count == b.count && a.scannedCount == b.scannedCount)
            #expect(a.lastEvaluatedKey == b.lastEvaluatedKey)
            #expect((a.lastEvaluatedKey != nil) == (limit <= 10))
            for i in a.items.indices { #expect(a.items.attribute("n1", at: i) == b.items[i]["n1"]) }
            #expect(a.consumedCapacity == nil && b.consumedCapacity != nil)
        }
    }

    @Test func pagesWithAFilterConcatenateToTheFilteredResult() throws {
        let db = try makeQueryFixture()
        let base = QueryInput(tableName: "items", keyConditionExpression: "pk = :p", filterExpression: "n1 > :three",
                              expressionAttributeValues: [":p": "p", ":three": 3], limit: 3)
        let pages = try allPages(db, base)
        #expect(pages.flatMap(\.items).compactMap { numberValue($0["n1"]) } == (4...10).map { Number($0) })
        #expect(pages.map(\.scannedCount).reduce(0, +) == 10)
    }

    @Test func startKeyWithinARange() throws {
        let db = try makeQueryFixture()
        let output = try db.query(QueryInput(
            tableName: "items", keyConditionExpression: "pk = :p AND sk BETWEEN :lo AND :hi",
            expressionAttributeValues: [":p": "p", ":lo": "0002", ":hi": "0008"], exclusiveStartKey: key("p", "0005")))
        #expect(sortKeys(output) == ["0006", "0007", "0008"])
        let backwards = try db.query(QueryInput(
            tableName: "items", keyConditionExpression: "pk = :p AND sk BETWEEN :lo AND :hi",
            expressionAttributeValues: [":p": "p", ":lo": "0002", ":hi": "0008"], scanIndexForward: false,
            exclusiveStartKey: key("p", "0005")))
        #expect(sortKeys(backwards) == ["0004", "0003", "0002"])
    }

    @Test func startKeyOfADeletedItemStillPositions() throws {
        let db = try makeQueryFixture()
        try db.deleteItem(DeleteItemInput(tableName: "items", key: key("p", "0005")))
        let output = try db.query(QueryInput(tableName: "items", keyConditionExpression: "pk = :p",
                                             expressionAttributeValues: [":p": "p"], limit: 2, exclusiveStartKey: key("p", "0005")))
        #expect(sortKeys(output) == ["0006", "0007"])
    }

    @Test func pagesStopNearOneMegabyte() throws {
        let db = try makeTable()
        // 15 items of about 100 KB: 1 MB (1,048,576 bytes) holds ten of them and part of an eleventh.
        for i in 0..<15 {
            try db.putItem(PutItemInput(tableName: "items", item: ["pk": "big", "sk": .s(padded(i)), "s1": .s(filler(102_400))]))
        }
        let base = QueryInput(tableName: "items", keyConditionExpression: "pk = :p", expressionAttributeValues: [":p": "big"])
        let first = try db.query(base)
        #expect((10...11).contains(first.count), "first page has \(first.count) items")
        #expect(first.lastEvaluatedKey != nil)
        let pages = try allPages(db, base)
        #expect(pages.flatMap(\.items).count == 15)
        #expect(pages.count == 2)

        // The limit counts items read, not returned: a filter that drops everything still ends the page near 1 MB.
        var filtered = base
        filtered.filterExpression = "attribute_exists(zz1)"
        let emptyPage = try db.query(filtered)
        #expect(emptyPage.count == 0)
        #expect((10...11).contains(emptyPage.scannedCount))
        #expect(emptyPage.lastEvaluatedKey != nil)
    }
}

// Query on a table, from the API Reference (API_Query) and the Developer Guide "Querying tables":
// - KeyConditionExpression: partition key equality, optionally one sort key condition
//   (=, <, <=, >, >=, BETWEEN, begins_with); results in sort key order (bytes for S, numeric for N),
//   reversed by ScanIndexForward = false;
// - Limit caps the items *evaluated*; FilterExpression is applied afterwards, so Count ≤ ScannedCount;
// - Select COUNT returns only the count; ProjectionExpression selects attributes.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.FilterExpression.html

import SingleTable
import Testing

/// Partition "p" holds sk 0001...0010 with n1 = 1...10; partition "q" holds one item.
func makeQueryFixture() throws -> Database {
    let db = try makeTable()
    for i in 1...10 {
        try db.putItem(PutItemInput(tableName: "items", item: ["pk": "p", "sk": .s(padded(i)), "n1": .n(Number(i)), "a1": "x"]))
    }
    try db.putItem(PutItemInput(tableName: "items", item: ["pk": "q", "sk": "0001", "n1": 99]))
    return db
}

func sortKeys(_ output: QueryOutput) -> [String] { output.items.compactMap { stringValue($0["sk"]) } }

@Suite("Query")
struct QueryTests {
    private func query(
        _ db: Database, _ condition: String, _ values: [String: AttributeValue], forward: Bool = true, limit: Int? = nil,
        filter: String? = nil, projection: String? = nil, select: Select? = nil, start: Item? = nil
    ) throws -> QueryOutput {
        try db.query(QueryInput(
            tableName: "items", keyConditionExpression: condition, filterExpression: filter, projectionExpression: projection,
            expressionAttributeValues: values, scanIndexForward: forward, limit: limit, exclusiveStartKey: start, select: select))
    }

    @Test func partitionOnly() throws {
        let db = try makeQueryFixture()
        let output = try query(db, "pk = :p", [":p": "p"])
        #expect(sortKeys(output) == (1...10).map { padded($0) })
        #expect(output.count == 10)
        #expect(output.scannedCount == 10)
        #expect(output.lastEvaluatedKey == nil)
        #expect(try query(db, "pk = :p", [":p": "nobody"]).items.isEmpty)
    }

    @Test(arguments: [
        ("sk = :a", ["0004"]),
        ("sk < :a", ["0001", "0002", "0003"]),
        ("sk <= :a", ["0001", "0002", "0003", "0004"]),
        ("sk > :a", ["0005", "0006", "0007", "0008", "0009", "0010"]),
        ("sk >= :a", ["0004", "0005", "0006", "0007", "0008", "0009", "0010"]),
    ])
    func sortKeyComparisons(_ condition: String, _ expected: [String]) throws {
        let db = try makeQueryFixture()
        let output = try query(db, "pk = :p AND " + condition, [":p": "p", ":a": "0004"])
        #expect(sortKeys(output) == expected)
    }

    @Test func betweenIsInclusive() throws {
        let db = try makeQueryFixture()
        let output = try query(db, "pk = :p AND sk BETWEEN :lo AND :hi", [":p": "p", ":lo": "0003", ":hi": "0005"])
        #expect(sortKeys(output) == ["0003", "0004", "0005"])
    }

    @Test func beginsWith() throws {
        let db = try makeQueryFixture()
        let output = try query(db, "pk = :p AND begins_with(sk, :prefix)", [":p": "p", ":prefix": "000"])
        #expect(sortKeys(output) == (1...9).map { padded($0) })
        // Key names may come through placeholders, and the conditions in either order.
        let aliased = try db.query(QueryInput(
            tableName: "items", keyConditionExpression: "begins_with(#s, :prefix) AND #p = :p",
            expressionAttributeNames: ["#s": "sk", "#p": "pk"], expressionAttributeValues: [":p": "p", ":prefix": "001"]))
        #expect(sortKeys(aliased) == ["0010"])
    }

    @Test func scanIndexForwardFalseReverses() throws {
        let db = try makeQueryFixture()
        let output = try query(db, "pk = :p AND sk > :a", [":p": "p", ":a": "0006"], forward: false)
        #expect(sortKeys(output) == ["0010", "0009", "0008", "0007"])
        // Newest first with a Limit: Cruddur's pattern A.
        let newest = try query(db, "pk = :p", [":p": "p"], forward: false, limit: 3)
        #expect(sortKeys(newest) == ["0010", "0009", "0008"])
        #expect(newest.lastEvaluatedKey == key("p", "0008"))
    }

    @Test func stringSortKeysOrderByBytes() throws {
        let db = try makeTable()
        for sk in ["é", "a", "Z", "B", "ab", "e\u{301}"] {
            try db.putItem(PutItemInput(tableName: "items", item: ["pk": "p", "sk": .s(sk)]))
        }
        let output = try query(db, "pk = :p", [":p": "p"])
        // B 42 < Z 5A < a 61 < ab < e+U+0301 65 CC 81 < é C3 A9
        #expect(sortKeys(output).map { Array($0.utf8) } == ["B", "Z", "a", "ab", "e\u{301}", "\u{E9}"].map { Array($0.utf8) })
    }

    @Test func numberSortKeysOrderNumerically() throws {
        let db = try makeTable(sortKey: .n)
        for text in ["10", "-10", "2", "0", "-1", "1e-130", "-1e-130", "1e125", "2.5"] {
            try db.putItem(PutItemInput(tableName: "items", item: ["pk": "p", "sk": num(text)]))
        }
        let output = try query(db, "pk = :p", [":p": "p"])
        let expected = ["-10", "-1", "-1e-130", "0", "1e-130", "2", "2.5", "10", "1e125"].map(num)
        #expect(output.items.map { $0["sk"] } == expected)
        let range = try query(db, "pk = :p AND sk BETWEEN :lo AND :hi", [":p": "p", ":lo": num("-1"), ":hi": 2])
        #expect(range.items.map { $0["sk"] } == ["-1", "-1e-130", "0", "1e-130", "2"].map(num))
    }

    // MARK: Limit, filter, projection, select

    @Test func limitStopsEvaluation() throws {
        let db = try makeQueryFixture()
        let output = try query(db, "pk = :p", [":p": "p"], limit: 3)
        #expect(sortKeys(output) == ["0001", "0002", "0003"])
        #expect(output.scannedCount == 3)
        #expect(output.lastEvaluatedKey == key("p", "0003"))
    }

    @Test func filterIsAppliedAfterLimit() throws {
        let db = try makeQueryFixture()
        let output = try query(db, "pk = :p", [":p": "p", ":two": 2], limit: 4, filter: "n1 > :two")
        #expect(sortKeys(output) == ["0003", "0004"])
        #expect(output.count == 2)
        #expect(output.scannedCount == 4)
        #expect(output.lastEvaluatedKey == key("p", "0004"))
        // A page may be empty and still not be the last one.
        let empty = try query(db, "pk = :p", [":p": "p", ":big": 1000], limit: 2, filter: "n1 > :big")
        #expect(empty.items.isEmpty)
        #expect(empty.count == 0)
        #expect(empty.scannedCount == 2)
        #expect(empty.lastEvaluatedKey == key("p", "0002"))
    }

    @Test func countAndScannedCountWithoutLimit() throws {
        let db = try makeQueryFixture()
        let output = try query(db, "pk = :p", [":p": "p", ":eight": 8], filter: "n1 >= :eight")
        #expect(output.count == 3)
        #expect(output.scannedCount == 10)
        #expect(output.lastEvaluatedKey == nil)
    }

    @Test func filterCannotUseKeyAttributes() throws {
        let db = try makeQueryFixture()
        // "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk"
        expectDynamoError(.validation) { try query(db, "pk = :p", [":p": "p", ":s": "0001"], filter: "sk = :s") }
    }

    @Test func projection() throws {
        let db = try makeQueryFixture()
        let output = try query(db, "pk = :p AND sk = :s", [":p": "p", ":s": "0002"], projection: "n1")
        #expect(output.items == [["n1": 2]])
    }

    @Test func selectCount() throws {
        let db = try makeQueryFixture()
        let output = try query(db, "pk = :p", [":p": "p"], select: .count)
        #expect(output.items.isEmpty)
        #expect(output.count == 10)
        #expect(output.scannedCount == 10)
        let filtered = try query(db, "pk = :p", [":p": "p", ":five": 5], filter: "n1 <= :five", select: .count)
        #expect(filtered.count == 5)
        #expect(filtered.scannedCount == 10)
    }

    @Test func selectSpecificAttributesNeedsAProjection() throws {
        let db = try makeQueryFixture()
        expectDynamoError(.validation) { try query(db, "pk = :p", [":p": "p"], select: .specificAttributes) }
        let output = try query(db, "pk = :p AND sk = :s", [":p": "p", ":s": "0001"], projection: "a1", select: .specificAttributes)
        #expect(output.items == [["a1": "x"]])
        // COUNT together with a projection is contradictory.
        expectDynamoError(.validation) { try query(db, "pk = :p", [":p": "p"], projection: "a1", select: .count) }
        // ALL_PROJECTED_ATTRIBUTES is only for index queries.
        expectDynamoError(.validation) { try query(db, "pk = :p", [":p": "p"], select: .allProjectedAttributes) }
    }

    // MARK: Errors

    @Test func keyConditionMustNamePartitionKeyWithEquality() throws {
        let db = try makeQueryFixture()
        // "Query condition missed key schema element: pk"
        expectDynamoError(.validation, contains: "pk") { try query(db, "sk = :s", [":s": "0001"]) }
        expectDynamoError(.validation) { try query(db, "pk > :p", [":p": "p"]) }
        expectDynamoError(.validation) { try query(db, "begins_with(pk, :p)", [":p": "p"]) }
    }

    @Test func keyConditionOnlyOnKeyAttributes() throws {
        let db = try makeQueryFixture()
        expectDynamoError(.validation) { try query(db, "pk = :p AND n1 = :n", [":p": "p", ":n": 1]) }
        expectDynamoError(.validation) { try query(db, "pk = :p AND sk > :a AND sk < :b", [":p": "p", ":a": "0001", ":b": "0005"]) }
        expectDynamoError(.validation) { try query(db, "pk = :p OR sk = :a", [":p": "p", ":a": "0001"]) }
        expectDynamoError(.validation) { try query(db, "pk = :p AND sk <> :a", [":p": "p", ":a": "0001"]) }
        expectDynamoError(.validation) { try query(db, "pk = :p AND contains(sk, :a)", [":p": "p", ":a": "0001"]) }
        expectDynamoError(.validation) { try query(db, "pk = :p AND sk = :a", [":p": "p", ":a": 1]) }  // wrong type
        // "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound"
        expectDynamoError(.validation) {
            try query(db, "pk = :p AND sk BETWEEN :hi AND :lo", [":p": "p", ":lo": "0001", ":hi": "0005"])
        }
    }

    @Test func beginsWithNeedsAStringOrBinarySortKey() throws {
        let db = try makeTable(sortKey: .n)
        try db.putItem(PutItemInput(tableName: "items", item: ["pk": "p", "sk": 12]))
        expectDynamoError(.validation) { try query(db, "pk = :p AND begins_with(sk, :one)", [":p": "p", ":one": 1]) }
    }

    @Test(arguments: [0, -1])
    func limitMustBePositive(_ limit: Int) throws {
        let db = try makeQueryFixture()
        // "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"
        expectDynamoError(.validation) { try query(db, "pk = :p", [":p": "p"], limit: limit) }
    }

    @Test func unknownIndex() throws {
        let db = try makeQueryFixture()
        expectDynamoError(.validation, message: "The table does not have the specified index: nope") {
            try db.query(QueryInput(tableName: "items", indexName: "nope", keyConditionExpression: "pk = :p",
                                    expressionAttributeValues: [":p": "p"]))
        }
    }

    @Test func exclusiveStartKeyMustMatchTheSchema() throws {
        let db = try makeQueryFixture()
        expectDynamoError(.validation) { try query(db, "pk = :p", [":p": "p"], start: ["pk": "p"]) }
        expectDynamoError(.validation) { try query(db, "pk = :p", [":p": "p"], start: ["pk": "p", "sk": 1]) }
        // A start key from another partition is invalid for this query.
        expectDynamoError(.validation) { try query(db, "pk = :p", [":p": "p"], start: key("q", "0001")) }
    }
}

// PutItem, from the API Reference (API_PutItem) and the Developer Guide:
// - the item must contain the primary key attributes with the schema's types;
// - key values of type S/B may not be empty ("The AttributeValue for a key attribute cannot contain an empty
//   string value"), non-key S/B values may be empty;
// - partition key ≤ 2048 bytes, sort key ≤ 1024 bytes, item ≤ 400 KB (409,600 bytes, names + values);
// - ReturnValues: only NONE and ALL_OLD; sets may not be empty or hold duplicates.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html

import SingleTable
import Testing

@Suite("PutItem")
struct PutItemTests {
    @Test func putThenGetRoundTripsEveryType() throws {
        let db = try makeTable()
        let item: Item = [
            "pk": "a", "sk": "b", "s1": "text", "n1": num("-12.5"), "b1": .b([0, 255]), "t1": true, "z1": .null,
            "l1": .l(["x", 1, .l([])]), "m1": .m(["k": "v", "inner": .m(["n": 2])]),
            "ss1": .stringSet(["p", "q"]), "ns1": .numberSet([Number(1), Number(2)]), "bs1": .binarySet([[1], [2]]),
            "e1": "", "eb1": .b([]),  // empty non-key strings and binaries are allowed
        ]
        try db.putItem(PutItemInput(tableName: "items", item: item))
        let got = try db.getItem(GetItemInput(tableName: "items", key: key("a", "b"), consistentRead: true)).item
        #expect(got == item)
    }

    @Test func putReplacesTheWholeItem() throws {
        let db = try makeTable()
        try db.putItem(PutItemInput(tableName: "items", item: ["pk": "a", "sk": "b", "a1": 1, "b1": 2]))
        try db.putItem(PutItemInput(tableName: "items", item: ["pk": "a", "sk": "b", "c1": 3]))
        #expect(try db.getItem(GetItemInput(tableName: "items", key: key("a", "b"))).item == ["pk": "a", "sk": "b", "c1": 3])
    }

    @Test func numberKeysCompareNumerically() throws {
        let db = try makeTable(partitionKeyType: .n, sortKey: .n)
        try db.putItem(PutItemInput(tableName: "items", item: ["pk": num("1.0"), "sk": num("100"), "a1": "first"]))
        // 1 == 1.0 and 1e2 == 100: the same item.
        try db.putItem(PutItemInput(tableName: "items", item: ["pk": 1, "sk": num("1e2"), "a1": "second"]))
        #expect(try db.describeTable("items").itemCount == 1)
        let got = try db.getItem(GetItemInput(tableName: "items", key: ["pk": num("1.00"), "sk": 100])).item
        #expect(got?["a1"] == "second")
    }

    @Test func stringKeysCompareByBytes() throws {
        let db = try makeTable()
        try db.putItem(PutItemInput(tableName: "items", item: ["pk": "\u{E9}", "sk": "x", "a1": 1]))
        try db.putItem(PutItemInput(tableName: "items", item: ["pk": "e\u{301}", "sk": "x", "a1": 2]))
        #expect(try db.describeTable("items").itemCount == 2)
        #expect(try db.getItem(GetItemInput(tableName: "items", key: ["pk": "\u{E9}", "sk": "x"])).item?["a1"] == 1)
        #expect(try db.getItem(GetItemInput(tableName: "items", key: ["pk": "e\u{301}", "sk": "x"])).item?["a1"] == 2)
    }

    // MARK: Key validation

    @Test func missingKeyAttribute() {
        let db = try! makeTable()
        // "One or more parameter values were invalid: Missing the key sk in the item"
        expectDynamoError(.validation, contains: "sk") { try db.putItem(PutItemInput(tableName: "items", item: ["pk": "a"])) }
        expectDynamoError(.validation, contains: "pk") { try db.putItem(PutItemInput(tableName: "items", item: ["sk": "a"])) }
    }

    @Test func keyOfTheWrongType() {
        let db = try! makeTable()
        // "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N"
        expectDynamoError(.validation) { try db.putItem(PutItemInput(tableName: "items", item: ["pk": 1, "sk": "a"])) }
        expectDynamoError(.validation) { try db.putItem(PutItemInput(tableName: "items", item: ["pk": "a", "sk": true])) }
        expectDynamoError(.validation) { try db.putItem(PutItemInput(tableName: "items", item: ["pk": .ss(["a"]), "sk": "a"])) }
        expectDynamoError(.validation) { try db.putItem(PutItemInput(tableName: "items", item: ["pk": .null, "sk": "a"])) }
    }

    @Test func emptyStringOrBinaryKeyValue() {
        let db = try! makeTable()
        expectDynamoError(.validation, contains: "empty") { try db.putItem(PutItemInput(tableName: "items", item: ["pk": "", "sk": "a"])) }
        expectDynamoError(.validation, contains: "empty") { try db.putItem(PutItemInput(tableName: "items", item: ["pk": "a", "sk": ""])) }
        let binary = try! makeTable("bin", partitionKeyType: .b, sortKey: nil)
        expectDynamoError(.validation) { try binary.putItem(PutItemInput(tableName: "bin", item: ["pk": .b([])])) }
    }

    @Test func partitionKeySizeLimitIs2048Bytes() throws {
        let db = try makeTable()
        try db.putItem(PutItemInput(tableName: "items", item: ["pk": .s(filler(2048)), "sk": "a"]))
        // "Size of hashkey has exceeded the maximum size limit of2048 bytes" (sic)
        expectDynamoError(.validation, contains: "2048") {
            try db.putItem(PutItemInput(tableName: "items", item: ["pk": .s(filler(2049)), "sk": "a"]))
        }
        // Bytes, not characters: 1025 two-byte characters are 2050 bytes.
        expectDynamoError(.validation) {
            try db.putItem(PutItemInput(tableName: "items", item: ["pk": .s(filler(1025, "\u{E9}")), "sk": "a"]))
        }
    }

    @Test func sortKeySizeLimitIs1024Bytes() throws {
        let db = try makeTable()
        try db.putItem(PutItemInput(tableName: "items", item: ["pk": "a", "sk": .s(filler(1024))]))
        // "Aggregated size of all range keys has exceeded the size limit of 1024 bytes"
        expectDynamoError(.validation, contains: "1024") {
            try db.putItem(PutItemInput(tableName: "items", item: ["pk": "a", "sk": .s(filler(1025))]))
        }
    }

    @Test func keySizeLimitsApplyToReadsToo() {
        let db = try! makeTable()
        expectDynamoError(.validation) { try db.getItem(GetItemInput(tableName: "items", key: ["pk": .s(filler(2049)), "sk": "a"])) }
        expectDynamoError(.validation) { try db.getItem(GetItemInput(tableName: "items", key: ["pk": "a", "sk": .s(filler(1025))])) }
    }

    @Test func itemSizeLimitIs400KB() throws {
        let db = try makeTable()
        // pk "a" (2+1) + sk "b" (2+1) + "s1" (2) + value: exactly 409,600 bytes fits.
        let fits = 409_600 - 3 - 3 - 2
        try db.putItem(PutItemInput(tableName: "items", item: ["pk": "a", "sk": "b", "s1": .s(filler(fits))]))
        #expect(try db.describeTable("items").tableSizeBytes == 409_600)
        expectDynamoError(.validation, message: "Item size has exceeded the maximum allowed size") {
            try db.putItem(PutItemInput(tableName: "items", item: ["pk": "a", "sk": "c", "s1": .s(filler(fits + 1))]))
        }
        // Attribute names count: a longer name pushes the same value over.
        expectDynamoError(.validation, message: "Item size has exceeded the maximum allowed size") {
            try db.putItem(PutItemInput(tableName: "items", item: ["pk": "a", "sk": "c", "s12": .s(filler(fits))]))
        }
        #expect(try db.getItem(GetItemInput(tableName: "items", key: key("a", "c"))).item == nil)
    }

    @Test func setsMayNotBeEmptyOrHoldDuplicates() {
        let db = try! makeTable()
        expectDynamoError(.validation) { try db.putItem(PutItemInput(tableName: "items", item: ["pk": "a", "sk": "b", "ss1": .ss([])])) }
        expectDynamoError(.validation) { try db.putItem(PutItemInput(tableName: "items", item: ["pk": "a", "sk": "b", "ns1": .ns([])])) }
        expectDynamoError(.validation) { try db.putItem(PutItemInput(tableName: "items", item: ["pk": "a", "sk": "b", "bs1": .bs([])])) }
        // "Input collection [a, a] contains duplicates."
        expectDynamoError(.validation, contains: "duplicates") {
            try db.putItem(PutItemInput(tableName: "items", item: ["pk": "a", "sk": "b", "ss1": .ss(["a", "a"])]))
        }
    }

    @Test func gsiKeyAttributeOfTheWrongType() {
        let db = try! makeCruddurTable()
        // "Type mismatch for Index Key message_group_uuid Expected: S Actual: N IndexName: message-group-sk-index"
        expectDynamoError(.validation) {
            try db.putItem(PutItemInput(tableName: Cruddur.tableName, item: ["pk": "a", "sk": "b", "message_group_uuid": 7]))
        }
        expectDynamoError(.validation) {  // empty string as an index key value
            try db.putItem(PutItemInput(tableName: Cruddur.tableName, item: ["pk": "a", "sk": "b", "message_group_uuid": ""]))
        }
    }

    // MARK: ReturnValues

    @Test func returnValuesNoneAndAllOld() throws {
        let db = try makeTable()
        let first: Item = ["pk": "a", "sk": "b", "v1": 1]
        let created = try db.putItem(PutItemInput(tableName: "items", item: first, returnValues: .allOld))
        #expect(created.attributes == nil)  // nothing was replaced
        let replaced = try db.putItem(PutItemInput(tableName: "items", item: ["pk": "a", "sk": "b", "v1": 2], returnValues: .allOld))
        #expect(replaced.attributes == first)
        let none = try db.putItem(PutItemInput(tableName: "items", item: ["pk": "a", "sk": "b", "v1": 3], returnValues: .none))
        #expect(none.attributes == nil)
        #expect(none.consumedCapacity == nil)  // ReturnConsumedCapacity NONE
    }

    @Test(arguments: [ReturnValue.allNew, .updatedOld, .updatedNew])
    func otherReturnValuesAreRejected(_ returnValues: ReturnValue) {
        let db = try! makeTable()
        expectDynamoError(.validation) {
            try db.putItem(PutItemInput(tableName: "items", item: ["pk": "a", "sk": "b"], returnValues: returnValues))
        }
        #expect((try? db.getItem(GetItemInput(tableName: "items", key: key("a", "b"))).item) == nil)
    }

    // MARK: Conditions

    @Test func putIfAbsent() throws {
        let db = try makeTable()
        let input = PutItemInput(tableName: "items", item: ["pk": "a", "sk": "b", "v1": 1],
                                 conditionExpression: "attribute_not_exists(pk)")
        try db.putItem(input)
        expectDynamoError(.conditionalCheckFailed, message: "The conditional request failed") { try db.putItem(input) }
    }

    @Test func failedConditionReturnsTheOldItemWhenAsked() throws {
        let db = try makeTable()
        let old: Item = ["pk": "a", "sk": "b", "v1": 1]
        try db.putItem(PutItemInput(tableName: "items", item: old))
        let withItem = expectDynamoError(.conditionalCheckFailed) {
            try db.putItem(PutItemInput(tableName: "items", item: ["pk": "a", "sk": "b", "v1": 9],
                                        conditionExpression: "v1 = :two", expressionAttributeValues: [":two": 2],
                                        returnValuesOnConditionCheckFailure: .allOld))
        }
        #expect(withItem?.item == old)
        let without = expectDynamoError(.conditionalCheckFailed) {
            try db.putItem(PutItemInput(tableName: "items", item: ["pk": "a", "sk": "b", "v1": 9],
                                        conditionExpression: "v1 = :two", expressionAttributeValues: [":two": 2]))
        }
        #expect(without?.item == nil)
        #expect(try db.getItem(GetItemInput(tableName: "items", key: key("a", "b"))).item == old)
    }

    @Test func conditionOnExistingValue() throws {
        let db = try makeTable()
        try db.putItem(PutItemInput(tableName: "items", item: ["pk": "a", "sk": "b", "v1": 1]))
        try db.putItem(PutItemInput(tableName: "items", item: ["pk": "a", "sk": "b", "v1": 2],
                                    conditionExpression: "v1 = :one", expressionAttributeValues: [":one": 1]))
        #expect(try db.getItem(GetItemInput(tableName: "items", key: key("a", "b"))).item?["v1"] == 2)
    }
}

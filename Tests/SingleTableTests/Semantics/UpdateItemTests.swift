// UpdateItem, from the API Reference (API_UpdateItem) and the Developer Guide "Using update expressions":
// - "Edits an existing item's attributes, or adds a new item to the table if it does not already exist" (upsert);
// - SET (incl. `+`/`-`, if_not_exists, list_append, list index past the end appends), REMOVE, ADD (numbers
//   start from 0, sets union), DELETE (set difference; an emptied set disappears);
// - key attributes cannot be updated; each clause at most once; paths may not overlap;
// - ReturnValues NONE / ALL_OLD / UPDATED_OLD / ALL_NEW / UPDATED_NEW.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html

import SingleTable
import Testing

@Suite("UpdateItem")
struct UpdateItemTests {
    private func update(
        _ db: Database, _ expression: String, values: [String: AttributeValue]? = nil, names: [String: String]? = nil,
        condition: String? = nil, returnValues: ReturnValue = .none, key itemKey: Item = key("a", "b")
    ) throws -> UpdateItemOutput {
        try db.updateItem(UpdateItemInput(
            tableName: "items", key: itemKey, updateExpression: expression, conditionExpression: condition,
            expressionAttributeNames: names, expressionAttributeValues: values, returnValues: returnValues))
    }

    private func get(_ db: Database) throws -> Item? {
        try db.getItem(GetItemInput(tableName: "items", key: key("a", "b"), consistentRead: true)).item
    }

    private func seeded(_ item: Item = [:]) throws -> Database {
        let db = try makeTable()
        var full = item
        full["pk"] = "a"
        full["sk"] = "b"
        try db.putItem(PutItemInput(tableName: "items", item: full))
        return db
    }

    // MARK: Upsert

    @Test func updateCreatesAMissingItem() throws {
        let db = try makeTable()
        let output = try update(db, "SET a1 = :v", values: [":v": "new"], returnValues: .allNew)
        #expect(output.attributes == ["pk": "a", "sk": "b", "a1": "new"])
        #expect(try get(db) == ["pk": "a", "sk": "b", "a1": "new"])
    }

    @Test func conditionCanForbidTheUpsert() throws {
        let db = try makeTable()
        expectDynamoError(.conditionalCheckFailed, message: "The conditional request failed") {
            try update(db, "SET a1 = :v", values: [":v": 1], condition: "attribute_exists(pk)")
        }
        #expect(try get(db) == nil)
    }

    // MARK: SET

    @Test func setAndArithmetic() throws {
        let db = try seeded(["n1": 10])
        _ = try update(db, "SET n1 = n1 + :d, n2 = :d - n1", values: [":d": 3])
        // Every operand is read from the item as it was before the update.
        #expect(try get(db)?["n1"] == 13)
        #expect(try get(db)?["n2"] == num("-7"))
        _ = try update(db, "SET n1 = n1 - :d", values: [":d": num("0.5")])
        #expect(try get(db)?["n1"] == num("12.5"))
    }

    @Test func ifNotExists() throws {
        let db = try seeded(["a1": "kept"])
        _ = try update(db, "SET a1 = if_not_exists(a1, :v), b1 = if_not_exists(b1, :v)", values: [":v": "default"])
        #expect(try get(db)?["a1"] == "kept")
        #expect(try get(db)?["b1"] == "default")
        _ = try update(db, "SET c1 = if_not_exists(c1, :zero) + :one", values: [":zero": 0, ":one": 1])
        _ = try update(db, "SET c1 = if_not_exists(c1, :zero) + :one", values: [":zero": 0, ":one": 1])
        #expect(try get(db)?["c1"] == 2)
    }

    @Test func listAppendAndIndexes() throws {
        let db = try seeded(["l1": .l([1, 2, 3])])
        _ = try update(db, "SET l1 = list_append(l1, :tail)", values: [":tail": .l([4])])
        _ = try update(db, "SET l1 = list_append(:head, l1)", values: [":head": .l([0])])
        #expect(try get(db)?["l1"] == .l([0, 1, 2, 3, 4]))
        _ = try update(db, "SET l1[1] = :x", values: [":x": "one"])
        #expect(try get(db)?["l1"] == .l([0, "one", 2, 3, 4]))
        // An index past the end appends.
        _ = try update(db, "SET l1[99] = :y", values: [":y": "last"])
        #expect(try get(db)?["l1"] == .l([0, "one", 2, 3, 4, "last"]))
        // REMOVE of an element shifts the rest down.
        _ = try update(db, "REMOVE l1[0], l1[2]")
        #expect(try get(db)?["l1"] == .l(["one", 3, 4, "last"]))
    }

    @Test func nestedMapPaths() throws {
        let db = try seeded(["m1": .m(["x": 1, "deep": .m(["y": 2])])])
        _ = try update(db, "SET m1.x = :v, m1.deep.z = :w", values: [":v": 10, ":w": 3])
        #expect(try get(db)?["m1"] == .m(["x": 10, "deep": .m(["y": 2, "z": 3])]))
        _ = try update(db, "REMOVE m1.deep.y")
        #expect(try get(db)?["m1"] == .m(["x": 10, "deep": .m(["z": 3])]))
        // "The document path provided in the update expression is invalid for update"
        expectDynamoError(.validation) { try update(db, "SET nomap.x = :v", values: [":v": 1]) }
    }

    @Test func attributeNamePlaceholders() throws {
        let db = try seeded()
        // status, data and count are reserved words: only usable through #placeholders.
        _ = try update(db, "SET #s = :v, #d = :m", values: [":v": "ok", ":m": .m([:])], names: ["#s": "status", "#d": "data"])
        _ = try update(db, "SET #d.#n = :w", values: [":w": 1], names: ["#d": "data", "#n": "count"])
        #expect(try get(db) == ["pk": "a", "sk": "b", "status": "ok", "data": .m(["count": 1])])
        // "Attribute name is a reserved keyword; reserved keyword: status"
        expectDynamoError(.validation, contains: "reserved keyword") { try update(db, "SET status = :v", values: [":v": "no"]) }
    }

    // MARK: REMOVE / ADD / DELETE

    @Test func removeAttributes() throws {
        let db = try seeded(["a1": 1, "b1": 2, "c1": 3])
        _ = try update(db, "REMOVE a1, c1, zz1")  // removing a missing attribute is fine
        #expect(try get(db) == ["pk": "a", "sk": "b", "b1": 2])
    }

    @Test func addToNumbersAndSets() throws {
        let db = try seeded(["n1": 5, "ss1": .stringSet(["a"])])
        _ = try update(db, "ADD n1 :d, n2 :d, ss1 :more, ss2 :more", values: [":d": 2, ":more": .stringSet(["b", "c"])])
        let item = try #require(try get(db))
        #expect(item["n1"] == 7)
        #expect(item["n2"] == 2)  // a missing number starts from 0
        #expect(item["ss1"] == .stringSet(["a", "b", "c"]))
        #expect(item["ss2"] == .stringSet(["b", "c"]))
        _ = try update(db, "ADD n1 :neg", values: [":neg": num("-10")])
        #expect(try get(db)?["n1"] == num("-3"))
    }

    @Test func deleteFromSets() throws {
        let db = try seeded(["ss1": .stringSet(["a", "b", "c"]), "ns1": .numberSet([Number(1)])])
        _ = try update(db, "DELETE ss1 :gone", values: [":gone": .stringSet(["a", "c", "zz"])])
        #expect(try get(db)?["ss1"] == .stringSet(["b"]))
        // A set emptied by DELETE is removed (sets cannot be empty).
        _ = try update(db, "DELETE ns1 :one", values: [":one": .numberSet([Number(1)])])
        #expect(try get(db)?["ns1"] == nil)
    }

    @Test func addAndDeleteNeedNumbersOrSets() throws {
        let db = try seeded(["s1": "text", "ss1": .stringSet(["a"])])
        // "An operand in the update expression has an incorrect data type"
        expectDynamoError(.validation) { try update(db, "ADD s1 :d", values: [":d": 1]) }
        expectDynamoError(.validation) { try update(db, "ADD ss1 :d", values: [":d": 1]) }
        expectDynamoError(.validation) { try update(db, "DELETE ss1 :d", values: [":d": "a"]) }
        expectDynamoError(.validation) { try update(db, "ADD l9 :d", values: [":d": .l([1])]) }
        #expect(try get(db) == ["pk": "a", "sk": "b", "s1": "text", "ss1": .stringSet(["a"])])
    }

    @Test func arithmeticNeedsExistingNumbers() throws {
        let db = try seeded(["s1": "text"])
        // "The provided expression refers to an attribute that does not exist in the item"
        expectDynamoError(.validation) { try update(db, "SET n1 = n1 + :d", values: [":d": 1]) }
        // "An operand in the update expression has an incorrect data type"
        expectDynamoError(.validation) { try update(db, "SET s1 = s1 + :d", values: [":d": 1]) }
    }

    @Test func numberOverflowThroughAdd() throws {
        let db = try seeded(["n1": num("9E+125")])
        expectDynamoError(.validation, message: DynamoDBError.numberOverflow.message) {
            try update(db, "ADD n1 :d", values: [":d": num("9E+125")])
        }
        #expect(try get(db)?["n1"] == num("9E+125"))
    }

    // MARK: Invalid updates

    @Test func keyAttributesCannotBeUpdated() throws {
        let db = try seeded(["a1": 1])
        // "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key"
        expectDynamoError(.validation, contains: "part of the key") { try update(db, "SET pk = :v", values: [":v": "z"]) }
        expectDynamoError(.validation, contains: "part of the key") { try update(db, "REMOVE sk") }
        expectDynamoError(.validation) { try update(db, "SET #k = :v", values: [":v": "z"], names: ["#k": "sk"]) }
        #expect(try get(db) == ["pk": "a", "sk": "b", "a1": 1])
    }

    @Test func malformedUpdateExpressions() throws {
        let db = try seeded(["a1": 1, "m1": .m(["x": 1])])
        // "Two document paths overlap with each other"
        expectDynamoError(.validation, contains: "overlap") { try update(db, "SET a1 = :v REMOVE a1", values: [":v": 2]) }
        expectDynamoError(.validation, contains: "overlap") { try update(db, "SET m1 = :v, m1.x = :v", values: [":v": 2]) }
        // 'The "SET" section can only be used once in an update expression'
        expectDynamoError(.validation) { try update(db, "SET a1 = :v SET b1 = :v", values: [":v": 2]) }
        // "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}"
        expectDynamoError(.validation) { try update(db, "SET a1 = :v", values: [":v": 2, ":unused": 3]) }
        // "An expression attribute value used in expression is not defined; attribute value: :v"
        expectDynamoError(.validation) { try update(db, "SET a1 = :v") }
        // Syntax error.
        expectDynamoError(.validation) { try update(db, "SET a1 = ", values: [":v": 2]) }
        expectDynamoError(.validation) { try update(db, "UPSERT a1 = :v", values: [":v": 2]) }
        #expect(try get(db) == ["pk": "a", "sk": "b", "a1": 1, "m1": .m(["x": 1])])
    }

    @Test func updateCannotGrowPast400KB() throws {
        let db = try seeded()
        _ = try update(db, "SET s1 = :v", values: [":v": .s(filler(300_000))])
        // "Item size to update has exceeded the maximum allowed size"
        expectDynamoError(.validation) { try update(db, "SET s2 = :v", values: [":v": .s(filler(200_000))]) }
        #expect(try get(db)?["s2"] == nil)
    }

    // MARK: ReturnValues

    private let before: Item = ["pk": "a", "sk": "b", "a1": 1, "b1": 2, "c1": 3]
    private let expression = "SET a1 = :ten, d1 = :d REMOVE c1"
    private let values: [String: AttributeValue] = [":ten": 10, ":d": "dee"]

    @Test func returnValuesNone() throws {
        let db = try seeded(before)
        #expect(try update(db, expression, values: values, returnValues: .none).attributes == nil)
    }

    @Test func returnValuesAllOld() throws {
        let db = try seeded(before)
        #expect(try update(db, expression, values: values, returnValues: .allOld).attributes == before)
    }

    @Test func returnValuesUpdatedOld() throws {
        let db = try seeded(before)
        // Only the updated attributes, as they were: a1 and the removed c1 (d1 did not exist).
        #expect(try update(db, expression, values: values, returnValues: .updatedOld).attributes == ["a1": 1, "c1": 3])
    }

    @Test func returnValuesAllNew() throws {
        let db = try seeded(before)
        #expect(try update(db, expression, values: values, returnValues: .allNew).attributes
            == ["pk": "a", "sk": "b", "a1": 10, "b1": 2, "d1": "dee"])
    }

    @Test func returnValuesUpdatedNew() throws {
        let db = try seeded(before)
        #expect(try update(db, expression, values: values, returnValues: .updatedNew).attributes == ["a1": 10, "d1": "dee"])
    }

    @Test func failedConditionReturnsTheOldItem() throws {
        let db = try seeded(before)
        let error = expectDynamoError(.conditionalCheckFailed) {
            try db.updateItem(UpdateItemInput(
                tableName: "items", key: key("a", "b"), updateExpression: "SET a1 = :ten", conditionExpression: "a1 = :ten",
                expressionAttributeValues: [":ten": 10], returnValuesOnConditionCheckFailure: .allOld))
        }
        #expect(error?.item == before)
        #expect(try get(db) == before)
    }
}

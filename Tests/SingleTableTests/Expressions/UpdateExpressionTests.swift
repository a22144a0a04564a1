import Testing
@testable import SingleTable

@Suite("UpdateExpression")
struct UpdateExpressionTests {
    static let incorrectType = DynamoDBError.validation("An operand in the update expression has an incorrect data type")
    static let invalidPath = DynamoDBError.validation("The document path provided in the update expression is invalid for update")

    @Test("SET replaces, adds and does arithmetic")
    func setArithmetic() throws {
        let item = try updated(product, "SET Price = Price - :p, ProductCategory = :c, Discount = :d",
                               values: [":p": 15, ":c": "Bike", ":d": .n(try Number(parsing: "0.5"))])
        #expect(item["Price"] == 485)
        #expect(item["ProductCategory"] == "Bike")
        #expect(item["Discount"] == .n(try Number(parsing: ".5")))
        let more = try updated(["n": .n(try Number(parsing: "1.25"))], "SET n = n + :x", values: [":x": .n(try Number(parsing: "-3"))])
        #expect(more["n"] == .n(try Number(parsing: "-1.75")))
        let literal = try updated([:], "SET n = :a + :b", values: [":a": 2, ":b": 3])
        #expect(literal["n"] == 5)
    }

    @Test("SET values are computed from the item before the update")
    func setReadsOldItem() throws {
        let item = try updated(["a": 1, "b": 2], "SET a = b, b = a")
        #expect(item["a"] == 2)
        #expect(item["b"] == 1)
    }

    @Test("SET into nested maps and list elements; an index past the end appends")
    func setNested() throws {
        var item = try updated(product, "SET RelatedItems[1] = :ri, Pictures.RearView = :rv, RelatedItems[10] = :x",
                               values: [":ri": 999, ":rv": "rear", ":x": 7])
        #expect(item["RelatedItems"] == .l([341, 999, 649, 7]))
        guard case .m(let pictures)? = item["Pictures"] else { Issue.record("Pictures is not a map"); return }
        #expect(pictures["RearView"] == "rear")
        #expect(pictures["FrontView"] == "http://example.com/products/123_front.jpg")
        item = try updated(item, "SET Pictures.TopView = :t", values: [":t": "top"])
        guard case .m(let after)? = item["Pictures"] else { Issue.record("Pictures is not a map"); return }
        #expect(after.count == 4)
    }

    @Test("SET below a missing or non-document attribute is an invalid path")
    func setInvalidPath() {
        #expect(throws: Self.invalidPath) { try updated(product, "SET Nothing.x = :v", values: [":v": 1]) }
        #expect(throws: Self.invalidPath) { try updated(product, "SET Price.x = :v", values: [":v": 1]) }
        #expect(throws: Self.invalidPath) { try updated(product, "SET Pictures[0] = :v", values: [":v": 1]) }
    }

    @Test("if_not_exists keeps an existing value and fills a missing one")
    func ifNotExists() throws {
        let v: [String: AttributeValue] = [":p": 100]
        #expect(try updated(product, "SET Price = if_not_exists(Price, :p)", values: v)["Price"] == 500)
        #expect(try updated([:], "SET Price = if_not_exists(Price, :p)", values: v)["Price"] == 100)
        // The common counter idiom.
        let counter = try updated([:], "SET c = if_not_exists(c, :zero) + :one", values: [":zero": 0, ":one": 1])
        #expect(try updated(counter, "SET c = if_not_exists(c, :zero) + :one", values: [":zero": 0, ":one": 1])["c"] == 2)
    }

    @Test("list_append appends or prepends depending on argument order")
    func listAppend() throws {
        let v: [String: AttributeValue] = [":r": .l(["Yes"]), ":e": .l([])]
        let appended = try updated(["l": .l(["a", "b"])], "SET l = list_append(l, :r)", values: v)
        #expect(appended["l"] == .l(["a", "b", "Yes"]))
        let prepended = try updated(["l": .l(["a", "b"])], "SET l = list_append(:r, l)", values: v)
        #expect(prepended["l"] == .l(["Yes", "a", "b"]))
        let created = try updated([:], "SET l = list_append(if_not_exists(l, :e), :r)", values: v)
        #expect(created["l"] == .l(["Yes"]))
        #expect(throws: Self.incorrectType) { try updated(["l": "text"], "SET l = list_append(l, :r)", values: v) }
        #expect(throws: DynamoDBError.validation(
            "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: S")) {
            try updated([:], "SET l = list_append(l, :s)", values: [":s": "x"])
        }
    }

    @Test("arithmetic needs numbers and existing attributes")
    func arithmeticErrors() {
        #expect(throws: Self.incorrectType) { try updated(product, "SET Title = Title + :n", values: [":n": 1]) }
        #expect(throws: DynamoDBError.validation(
            "The provided expression refers to an attribute that does not exist in the item")) {
            try updated([:], "SET n = n + :n", values: [":n": 1])
        }
        #expect(throws: DynamoDBError.validation(
            "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S")) {
            try updated([:], "SET n = :n + :s", values: [":n": 1, ":s": "x"])
        }
    }

    @Test("REMOVE drops attributes, and list elements shifting the rest down")
    func remove() throws {
        let item = try updated(product, "REMOVE Brand, InStock, QuantityOnHand, RelatedItems[1], RelatedItems[2], Pictures.RearView, NotThere")
        #expect(item["Brand"] == nil)
        #expect(item["InStock"] == nil)
        #expect(item["QuantityOnHand"] == nil)
        // Indexes refer to the list before the update: elements 1 and 2 of [341, 472, 649] go.
        #expect(item["RelatedItems"] == .l([341]))
        guard case .m(let pictures)? = item["Pictures"] else { Issue.record("Pictures is not a map"); return }
        #expect(pictures.count == 2 && pictures["RearView"] == nil)
        let shifted = try updated(["l": .l(["a", "b", "c"])], "REMOVE l[0]")
        #expect(shifted["l"] == .l(["b", "c"]))
    }

    @Test("ADD adds to numbers and sets, creating missing attributes")
    func add() throws {
        let v: [String: AttributeValue] = [":q": 5, ":c": .stringSet(["Orange", "Red"]), ":n": .numberSet([3])]
        let item = try updated(product, "ADD QuantityOnHand2 :q, Color :c, Price :q, Ns :n", values: v)
        #expect(item["QuantityOnHand2"] == 5)
        #expect(item["Price"] == 505)
        #expect(item["Color"] == .stringSet(["Black", "Orange", "Red"]))
        #expect(item["Ns"] == .numberSet([3]))
        let twice = try updated(item, "ADD Ns :m", values: [":m": .numberSet([1, 3])])
        #expect(twice["Ns"] == .numberSet([1, 3]))
        let bytes = try updated(["b": .binarySet([[1]])], "ADD b :b", values: [":b": .binarySet([[2], [1]])])
        #expect(bytes["b"] == .binarySet([[1], [2]]))
    }

    @Test("ADD type errors")
    func addErrors() {
        #expect(throws: DynamoDBError.validation(
            "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING")) {
            try updated([:], "ADD a :s", values: [":s": "x"])
        }
        #expect(throws: DynamoDBError.validation(
            "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: LIST")) {
            try updated([:], "ADD a :l", values: [":l": .l([1])])
        }
        #expect(throws: Self.incorrectType) { try updated(product, "ADD Title :n", values: [":n": 1]) }
        #expect(throws: Self.incorrectType) { try updated(product, "ADD Color :n", values: [":n": .numberSet([1])]) }
        #expect(throws: Self.incorrectType) { try updated(product, "ADD Price :s", values: [":s": .stringSet(["x"])]) }
        // ADD takes a value, not a path.
        #expect(throws: DynamoDBError.validation("Invalid UpdateExpression: Syntax error; token: \"b\", near: \"a b\"")) {
            try updated(product, "ADD a b")
        }
    }

    @Test("DELETE removes set elements; an emptied set removes the attribute")
    func delete() throws {
        let item = try updated(product, "DELETE Color :p", values: [":p": .stringSet(["Red", "Yellow"])])
        #expect(item["Color"] == .stringSet(["Black"]))
        let emptied = try updated(item, "DELETE Color :p", values: [":p": .stringSet(["Black"])])
        #expect(emptied["Color"] == nil)
        #expect(emptied.count == product.count - 1)
        let absent = try updated([:], "DELETE Color :p", values: [":p": .stringSet(["Black"])])
        #expect(absent.isEmpty)
        let numbers = try updated(["n": .numberSet([1, 2, 3])], "DELETE n :d", values: [":d": .numberSet([2])])
        #expect(numbers["n"] == .numberSet([1, 3]))
        #expect(throws: Self.incorrectType) {
            try updated(product, "DELETE Title :p", values: [":p": .stringSet(["x"])])
        }
        #expect(throws: DynamoDBError.validation(
            "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER")) {
            try updated(product, "DELETE Price :n", values: [":n": 1])
        }
    }

    @Test("clauses in any order, each at most once, several actions each")
    func clauses() throws {
        let v: [String: AttributeValue] = [":one": 1, ":x": "x", ":s": .stringSet(["Red"])]
        let item = try updated(product, "remove Brand ADD Price :one SET Title = :x, Comment2 = :x delete Color :s", values: v)
        #expect(item["Brand"] == nil && item["Price"] == 501 && item["Title"] == "x" && item["Comment2"] == "x")
        #expect(item["Color"] == .stringSet(["Black"]))
        #expect(throws: DynamoDBError.validation(
            "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;")) {
            try updated(product, "SET a = :one SET b = :one", values: v)
        }
    }

    @Test("overlapping or conflicting paths are rejected")
    func overlap() {
        let v: [String: AttributeValue] = [":v": 1]
        #expect(throws: DynamoDBError.validation(
            "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]")) {
            try updated([:], "SET a = :v REMOVE a", values: v)
        }
        #expect(throws: DynamoDBError.validation(
            "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a]")) {
            try updated([:], "SET a.b = :v, a = :v", values: v)
        }
        #expect(throws: DynamoDBError.validation(
            "Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, [0]], path two: [a, b]")) {
            try updated([:], "SET a[0] = :v, a.b = :v", values: v)
        }
        // Siblings do not overlap.
        #expect(throws: Never.self) { try updated(["a": .m([:])], "SET a.b = :v, a.c = :v", values: v) }
    }

    @Test("key attributes cannot be updated")
    func keyAttributes() {
        #expect(throws: DynamoDBError.validation(
            "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key")) {
            try updated(["pk": "a"], "SET pk = :v", values: [":v": "b"])
        }
        #expect(throws: DynamoDBError.validation(
            "One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the key")) {
            try updated(["pk": "a"], "REMOVE sk")
        }
    }

    @Test("apply reports the touched top-level attributes and leaves the item alone on error")
    func applyResult() throws {
        var attributes = ExpressionAttributes(names: nil, values: [":v": 1, ":s": "x"])
        let update = try UpdateExpression.parse("SET a.b = :v, c = :v REMOVE d ADD e :v", attributes: &attributes)
        var item: Item = ["a": .m([:]), "d": 4]
        let changed = try update.apply(to: &item, keyAttributes: ["pk"])
        #expect(changed == ["a", "c", "d", "e"])
        #expect(item == ["a": .m(["b": 1]), "c": 1, "e": 1])

        let failing = try UpdateExpression.parse("SET c = :v ADD x :v", attributes: &attributes)
        var text: Item = ["x": "not a number"]
        #expect(throws: Self.incorrectType) { try failing.apply(to: &text, keyAttributes: []) }
        #expect(text == ["x": "not a number"])
    }

    @Test("functions from the wrong expression kind are refused")
    func misplacedFunctions() {
        #expect(throws: DynamoDBError.validation(
            "Invalid UpdateExpression: The function is not allowed in an update expression; function: size")) {
            try updated([:], "SET a = size(b)")
        }
        #expect(throws: DynamoDBError.validation("Invalid UpdateExpression: Invalid function name; function: concat")) {
            try updated([:], "SET a = concat(b, c)")
        }
        #expect(throws: DynamoDBError.validation(
            "Invalid ConditionExpression: The function is not allowed in a condition expression; function: if_not_exists")) {
            try holds("if_not_exists(a, :v) = :v", on: [:], values: [":v": 1])
        }
    }
}

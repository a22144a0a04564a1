import Testing
@testable import SingleTable

@Suite("ConditionExpression evaluation")
struct ConditionExpressionTests {
    @Test("comparators on numbers compare numerically")
    func numberComparators() throws {
        let v: [String: AttributeValue] = [":p": 500, ":lo": 100, ":hi": 1000]
        #expect(try holds("Price = :p", on: product, values: v))
        #expect(try !holds("Price <> :p", on: product, values: v))
        #expect(try holds("Price <> :lo", on: product, values: v))
        #expect(try holds("Price > :lo", on: product, values: v))
        #expect(try holds("Price >= :p", on: product, values: v))
        #expect(try !holds("Price > :p", on: product, values: v))
        #expect(try holds("Price < :hi", on: product, values: v))
        #expect(try holds("Price <= :p", on: product, values: v))
        #expect(try !holds("Price < :lo", on: product, values: v))
        // 9 < 10 numerically although "9" > "10" as text.
        #expect(try holds("a < :b", on: ["a": 9], values: [":b": 10]))
        #expect(try holds("a < :b", on: ["a": .n(try Number(parsing: "-2.5"))], values: [":b": .n(try Number(parsing: "-2.25"))]))
    }

    @Test("strings order by UTF-8 bytes, binaries by unsigned bytes")
    func byteOrder() throws {
        #expect(try holds("a < :b", on: ["a": "Z"], values: [":b": "a"]))  // 0x5A < 0x61
        #expect(try holds("a > :b", on: ["a": "é"], values: [":b": "z"]))  // 0xC3 > 0x7A
        #expect(try holds("a < :b", on: ["a": .b([0x7F])], values: [":b": .b([0x80])]))
        #expect(try holds("a < :b", on: ["a": "ab"], values: [":b": "abc"]))
        // Byte equality: precomposed and decomposed é differ.
        #expect(try !holds("a = :b", on: ["a": "\u{E9}"], values: [":b": "e\u{301}"]))
    }

    @Test("values of different types are never equal or ordered")
    func mixedTypes() throws {
        let item: Item = ["a": 1]
        #expect(try !holds("a = :s", on: item, values: [":s": "1"]))
        #expect(try holds("a <> :s", on: item, values: [":s": "1"]))
        #expect(try !holds("a < :s", on: item, values: [":s": "2"]))
        #expect(try !holds("a > :s", on: item, values: [":s": "0"]))
        #expect(try !holds("a >= :s", on: item, values: [":s": "1"]))
        #expect(try !holds("a BETWEEN :x AND :y", on: item, values: [":x": "0", ":y": "9"]))
    }

    @Test("maps, lists and sets compare for equality as whole values")
    func documentEquality() throws {
        let v: [String: AttributeValue] = [":c": .stringSet(["Black", "Red"]), ":l": .l([341, 472, 649])]
        #expect(try holds("Color = :c", on: product, values: v))
        #expect(try holds("RelatedItems = :l", on: product, values: v))
        #expect(try !holds("RelatedItems < :l", on: product, values: v))
    }

    @Test("a missing attribute makes comparisons false; NOT of that is true")
    func missingAttribute() throws {
        let v: [String: AttributeValue] = [":v": 1]
        for op in ["=", "<", "<=", ">", ">="] {
            #expect(try !holds("Absent \(op) :v", on: product, values: v))
            #expect(try holds("NOT Absent \(op) :v", on: product, values: v))
        }
        #expect(try !holds("Absent BETWEEN :v AND :v", on: product, values: v))
        #expect(try !holds("Absent IN (:v)", on: product, values: v))
        // An absent attribute is not equal to any value.
        #expect(try holds("Absent <> :v", on: product, values: v))
        #expect(try holds("Absent <> AlsoAbsent", on: product))
        #expect(try !holds("Absent = AlsoAbsent", on: product))
        // A missing item evaluates as an empty one.
        #expect(try holds("attribute_not_exists(pk)", on: [:]))
        #expect(try !holds("pk = :v", on: [:], values: v))
    }

    @Test("BETWEEN is inclusive at both ends")
    func between() throws {
        let v: [String: AttributeValue] = [":lo": 500, ":hi": 600, ":x": 501]
        #expect(try holds("Price BETWEEN :lo AND :hi", on: product, values: v))
        #expect(try holds("Price BETWEEN :x AND :hi", on: ["Price": 600], values: v))
        #expect(try !holds("Price BETWEEN :x AND :hi", on: product, values: v))
        #expect(try holds("Title BETWEEN :a AND :b", on: product, values: [":a": "Bicycle", ":b": "Bicycle 2"]))
    }

    @Test("IN matches any operand, of any type")
    func inOperator() throws {
        let v: [String: AttributeValue] = [":a": "Bicycle", ":b": "Book", ":c": 5]
        #expect(try holds("ProductCategory IN (:a, :b)", on: product, values: v))
        #expect(try !holds("ProductCategory IN (:b, :c)", on: product, values: v))
        #expect(try holds("Price IN (Id, ListPrice)", on: ["Price": 500, "Id": 1, "ListPrice": 500]))
        // 100 operands are allowed, 101 are not.
        var values: [String: AttributeValue] = [:]
        for i in 0..<101 { values[":v\(i)"] = .n(Number(i)) }
        let hundred = (0..<100).map { ":v\($0)" }.joined(separator: ", ")
        #expect(try holds("a IN (\(hundred))", on: ["a": 99], values: values))
        let all = (0..<101).map { ":v\($0)" }.joined(separator: ", ")
        #expect(throws: DynamoDBError.validation(
            "Invalid ConditionExpression: The IN operator is provided with too many operands; number of operands: 101")) {
            try holds("a IN (\(all))", on: [:], values: values)
        }
    }

    @Test("precedence: NOT binds tighter than AND, AND tighter than OR")
    func precedence() throws {
        let t: AttributeValue = true, f: AttributeValue = false
        let item: Item = ["t": t, "f": f]
        let v: [String: AttributeValue] = [":t": t]
        // true OR (false AND false) = true; (true OR false) AND false would be false.
        #expect(try holds("t = :t OR f = :t AND f = :t", on: item, values: v))
        #expect(try !holds("(t = :t OR f = :t) AND f = :t", on: item, values: v))
        // (NOT true) AND false = false; NOT (true AND false) would be true.
        #expect(try !holds("NOT t = :t AND f = :t", on: item, values: v))
        #expect(try holds("NOT (t = :t AND f = :t)", on: item, values: v))
        // (NOT false) OR false = true
        #expect(try holds("NOT f = :t OR f = :t", on: item, values: v))
        #expect(try holds("NOT NOT t = :t", on: item, values: v))
        // BETWEEN's AND is not the logical AND.
        #expect(try holds("t = :t AND Price BETWEEN :a AND :b AND t = :t", on: item.merging(["Price": 5]) { a, _ in a },
                          values: [":t": t, ":a": 1, ":b": 9]))
        // keywords are case-insensitive
        #expect(try holds("t = :t and not f = :t", on: item, values: v))
    }

    @Test("attribute_exists, attribute_not_exists and attribute_type")
    func existence() throws {
        #expect(try holds("attribute_exists(Pictures.SideView)", on: product))
        #expect(try !holds("attribute_exists(Pictures.TopView)", on: product))
        #expect(try holds("attribute_not_exists(Manufacturer)", on: product))
        #expect(try holds("attribute_exists(QuantityOnHand)", on: product))  // NULL values exist
        #expect(try holds("attribute_exists(RelatedItems[2])", on: product))
        #expect(try !holds("attribute_exists(RelatedItems[3])", on: product))
        #expect(try holds("attribute_type(ProductReviews.FiveStar, :t)", on: product, values: [":t": "L"]))
        #expect(try holds("attribute_type(Color, :t)", on: product, values: [":t": "SS"]))
        #expect(try !holds("attribute_type(Color, :t)", on: product, values: [":t": "S"]))
        #expect(try holds("attribute_type(QuantityOnHand, :t)", on: product, values: [":t": "NULL"]))
        #expect(try !holds("attribute_type(Nothing, :t)", on: product, values: [":t": "NULL"]))
        #expect(throws: DynamoDBError.validation(
            "Invalid ConditionExpression: Invalid attribute type name found in type: STRING, valid types: {B,BOOL,BS,L,M,N,NS,NULL,S,SS}")) {
            try holds("attribute_type(Color, :t)", on: product, values: [":t": "STRING"])
        }
    }

    @Test("begins_with on strings and binaries")
    func beginsWith() throws {
        #expect(try holds("begins_with(Pictures.FrontView, :v)", on: product, values: [":v": "http://"]))
        #expect(try !holds("begins_with(Pictures.FrontView, :v)", on: product, values: [":v": "https://"]))
        #expect(try holds("begins_with(a, :v)", on: ["a": .b([1, 2, 3])], values: [":v": .b([1, 2])]))
        #expect(try !holds("begins_with(a, :v)", on: ["a": 123], values: [":v": "1"]))
        #expect(throws: DynamoDBError.validation(
            "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N")) {
            try holds("begins_with(a, :v)", on: [:], values: [":v": 1])
        }
    }

    @Test("contains: substring, set member, list element")
    func contains() throws {
        #expect(try holds("contains(Brand, :v)", on: product, values: [":v": "Company"]))
        #expect(try !holds("contains(Brand, :v)", on: product, values: [":v": "company"]))
        #expect(try holds("contains(Color, :v)", on: product, values: [":v": "Red"]))
        #expect(try !holds("contains(Color, :v)", on: product, values: [":v": "Re"]))
        #expect(try holds("contains(RelatedItems, :v)", on: product, values: [":v": 472]))
        #expect(try !holds("contains(RelatedItems, :v)", on: product, values: [":v": "472"]))
        #expect(try holds("contains(n, :v)", on: ["n": .numberSet([1, 2])], values: [":v": 2]))
        #expect(try holds("contains(b, :v)", on: ["b": .b([9, 8, 7])], values: [":v": .b([8, 7])]))
        #expect(try holds("contains(Title, Id)", on: ["Title": "abc", "Id": "b"]))
    }

    @Test("size of strings, binaries, sets, lists and maps, usable as an operand")
    func size() throws {
        let v: [String: AttributeValue] = [":n": 2, ":s": 11, ":three": 3]
        #expect(try holds("size(Color) = :n", on: product, values: v))
        #expect(try holds("size(Title) = :s", on: product, values: v))  // "Bicycle 123"
        #expect(try holds("size(RelatedItems) = :three", on: product, values: v))
        #expect(try holds("size(Pictures) = :three", on: product, values: v))
        #expect(try holds("size(ProductReviews.FiveStar) = :n", on: product, values: v))
        #expect(try holds("size(a) = :n", on: ["a": "é"], values: v))  // two UTF-8 bytes
        #expect(try holds("size(a) = :n", on: ["a": .b([0, 0])], values: v))
        #expect(try holds(":three > size(Color)", on: product, values: v))
        #expect(try !holds("size(Price) = :three", on: product, values: v))  // undefined for numbers
        #expect(try !holds("size(Nothing) = :n", on: product, values: v))
    }

    @Test("nested paths through maps and lists")
    func nestedPaths() throws {
        let v: [String: AttributeValue] = [":r": "Terrible product! Do not buy this.", ":n": 649]
        #expect(try holds("ProductReviews.OneStar[0] = :r", on: product, values: v))
        #expect(try holds("RelatedItems[2] = :n", on: product, values: v))
        #expect(try !holds("RelatedItems[1] = :n", on: product, values: v))
        #expect(try !holds("Pictures[0] = :n", on: product, values: v))  // not a list
        #expect(try !holds("RelatedItems.x = :n", on: product, values: v))  // not a map
        let deep: Item = ["a": .m(["b": .l([.m(["c": .l([1, 2, 3])])])])]
        #expect(try holds("a.b[0].c[2] = :three", on: deep, values: [":three": 3]))
    }

    @Test("#name placeholders stand for names with dots or reserved words")
    func namePlaceholders() throws {
        // The guide's example: a top-level attribute whose name contains a dot.
        #expect(try holds("#sw = :v", on: product, values: [":v": "Always wear a helmet"], names: ["#sw": "Safety.Warning"]))
        #expect(try !holds("Safety.Warning = :v", on: product, values: [":v": "Always wear a helmet"]))
        #expect(try holds("#c = :v", on: product, values: [":v": "This product sells out quickly during the summer"],
                          names: ["#c": "Comment"]))
        #expect(try holds("#pr.#1star[0] = :r", on: product, values: [":r": "Terrible product! Do not buy this."],
                          names: ["#pr": "ProductReviews", "#1star": "OneStar"]))
    }

    @Test("the evaluator reads any AttributeReader, not only dictionaries")
    func customReader() throws {
        struct OneAttribute: AttributeReader {
            func attribute(_ name: String) -> AttributeValue? { name == "x" ? 7 : nil }
        }
        var attributes = ExpressionAttributes(names: nil, values: [":v": 7])
        let condition = try ConditionExpression.parse("x = :v AND attribute_not_exists(y)", kind: .filter, attributes: &attributes)
        #expect(condition.evaluate(OneAttribute()))
    }
}

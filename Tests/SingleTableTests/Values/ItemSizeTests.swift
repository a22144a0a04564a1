// Item size as DynamoDB counts it (Developer Guide, "DynamoDB item sizes and formats"):
// "The total size of an item is the sum of the lengths of its attribute names and values":
// S: UTF-8 bytes; N: 1 byte per two significant digits + 1; B: raw bytes; NULL/BOOL: 1 byte;
// L/M: 3 bytes + the nested elements, and "each List or Map element also requires 1 byte of overhead".
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html

import SingleTable
import Testing

@Suite("Item size")
struct ItemSizeTests {
    @Test func scalarSizesIncludeTheAttributeName() {
        #expect(itemSize(["pk": "abc"]) == 2 + 3)
        #expect(itemSize(["s1": "\u{E9}"]) == 2 + 2)         // é is two UTF-8 bytes
        #expect(itemSize(["s1": "e\u{301}"]) == 2 + 3)       // e + U+0301 is three
        #expect(itemSize(["\u{E9}": ""]) == 2 + 0)           // names count in UTF-8 bytes too
        #expect(itemSize(["n1": 123]) == 2 + 3)              // 3 digits: 2 bytes + 1
        #expect(itemSize(["n1": 1_000_000]) == 2 + 2)        // trailing zeros are trimmed: 1 digit
        #expect(itemSize(["b1": .b([1, 2, 3])]) == 2 + 3)
        #expect(itemSize(["f": true]) == 1 + 1)
        #expect(itemSize(["z": .null]) == 1 + 1)
    }

    @Test func listsAndMapsCostThreeBytesPlusOnePerElement() {
        #expect(itemSize(["l1": .l([])]) == 2 + 3)
        #expect(itemSize(["m1": .m([:])]) == 2 + 3)
        // [1, "ab"]: 3 + (2 + 1) + (2 + 1)
        #expect(itemSize(["l1": .l([1, "ab"])]) == 2 + 9)
        // {k: "v"}: 3 + (name 1 + value 1 + 1)
        #expect(itemSize(["m1": .m(["k": "v"])]) == 2 + 6)
        // Nested: {m: {k: [true]}} = 3 + (1 + (3 + (1 + 1)) + 1)
        #expect(itemSize(["m": .m(["k": .l([true])])]) == 1 + 10)
    }

    @Test func setsAreTheSumOfTheirElements() throws {
        #expect(itemSize(["ss1": .stringSet(["a", "bc"])]) == 3 + 3)
        #expect(itemSize(["ns1": .numberSet([Number(1), Number(22)])]) == 3 + 2 + 2)
        #expect(itemSize(["bs1": .binarySet([[1], [2, 3]])]) == 3 + 3)
    }

    @Test func wholeItemIsTheSumOfItsAttributes() {
        let item: Item = ["pk": "GRP#1", "sk": "2026-11-21T10:00:00Z", "n1": 42, "ok": true]
        // 2+5, 2+20, 2+(1+1), 2+1
        #expect(itemSize(item) == 7 + 22 + 4 + 3)
    }
}

// AttributeValue equality and ordering as DynamoDB defines them: strings compare by UTF-8 bytes
// ("Query ... sorted in order by UTF-8 bytes", Developer Guide "Query ... Key condition expressions"),
// binary by unsigned bytes, numbers numerically.

import SingleTable
import Testing

@Suite("AttributeValue: equality, ordering, sets")
struct AttributeValueTests {
    @Test func canonicallyEquivalentStringsAreDifferentValues() {
        let composed = AttributeValue.s("\u{E9}")       // é, one scalar (C3 A9)
        let decomposed = AttributeValue.s("e\u{301}")   // e + combining acute (65 CC 81)
        #expect("\u{E9}" == "e\u{301}")                  // Swift says equal...
        #expect(composed != decomposed)                  // ...DynamoDB does not.
        #expect(Set([composed, decomposed]).count == 2)
        #expect(composed.compare(to: decomposed) == 1)  // C3 > 65
        #expect(AttributeValue.stringSet(["\u{E9}", "e\u{301}"]) == .ss(["e\u{301}", "\u{E9}"]))
        #expect(AttributeValue.m(["k": composed]) != AttributeValue.m(["k": decomposed]))
    }

    @Test func stringsOrderByUTF8Bytes() {
        #expect(AttributeValue.s("Z").compare(to: .s("a")) == -1)          // 5A < 61
        #expect(AttributeValue.s("a").compare(to: .s("\u{E9}")) == -1)     // 61 < C3
        #expect(AttributeValue.s("ab").compare(to: .s("abc")) == -1)       // a prefix is smaller
        #expect(AttributeValue.s("abc").compare(to: .s("abc")) == 0)
        // U+FFFD is EF BF BD, U+1F600 is F0 9F 98 80: bytes put the emoji last (UTF-16 order would not).
        #expect(AttributeValue.s("\u{FFFD}").compare(to: .s("\u{1F600}")) == -1)
        // ISO-8601 timestamps sort chronologically as strings, as Cruddur relies on.
        #expect(AttributeValue.s("2026-11-21T09:59:59Z").compare(to: .s("2026-11-21T10:00:00Z")) == -1)
    }

    @Test func binaryOrdersByUnsignedBytes() {
        #expect(AttributeValue.b([0x7F]).compare(to: .b([0x80])) == -1)
        #expect(AttributeValue.b([0xFF]).compare(to: .b([0x00, 0x00])) == 1)
        #expect(AttributeValue.b([1, 2]).compare(to: .b([1, 2, 0])) == -1)
    }

    @Test func numbersOrderNumerically() throws {
        let ascending = try ["-1e125", "-1", "-1e-130", "0", "1e-130", "2", "10", "1e125"].map {
            text throws(DynamoDBError) in try AttributeValue.number(text)
        }
        for i in ascending.indices.dropLast() {
            #expect(ascending[i].compare(to: ascending[i + 1]) == -1)
            #expect(ascending[i + 1].compare(to: ascending[i]) == 1)
        }
        #expect(try AttributeValue.number("1.0").compare(to: .number("1")) == 0)
        #expect(try AttributeValue.number("1.0") == AttributeValue.number("1"))
    }

    @Test func unorderedCombinationsHaveNoOrder() {
        #expect(AttributeValue.s("1").compare(to: 1) == nil)
        #expect(AttributeValue.m([:]).compare(to: .m([:])) == nil)
        #expect(AttributeValue.l([1]).compare(to: .l([1])) == nil)
        #expect(AttributeValue.bool(true).compare(to: .bool(true)) == nil)
    }

    @Test func equalityIsTypedAndStructural() {
        #expect(AttributeValue.s("1") != .n(1))
        #expect(AttributeValue.ss(["a"]) != .s("a"))
        #expect(AttributeValue.m(["a": 1, "b": "x"]) == .m(["b": "x", "a": 1]))
        #expect(AttributeValue.l([1, 2]) != .l([2, 1]))
        #expect(AttributeValue.null == .null)
        #expect(AttributeValue.bool(true) != .bool(false))
        #expect(AttributeValue.b([]) != .s(""))
    }

    @Test func setsAreUnorderedAndDistinct() throws {
        #expect(AttributeValue.stringSet(["b", "a", "b"]) == .ss(["a", "b"]))
        #expect(AttributeValue.stringSet(["a", "b"]) == AttributeValue.stringSet(["b", "a"]))
        #expect(try AttributeValue.numberSet([Number(parsing: "1.0"), Number(1), Number(10), Number(9)])
            == .ns([Number(1), Number(9), Number(10)]))
        #expect(AttributeValue.binarySet([[2], [1], [2]]) == .bs([[1], [2]]))
    }

    @Test func typeDescriptors() throws {
        #expect(AttributeValue.s("x").type.rawValue == "S")
        #expect(try AttributeValue.number("3").type.rawValue == "N")
        #expect(AttributeValue.b([1]).type.rawValue == "B")
        #expect(AttributeValue.bool(false).type.rawValue == "BOOL")
        #expect(AttributeValue.null.type.rawValue == "NULL")
        #expect(AttributeValue.m([:]).type.rawValue == "M")
        #expect(AttributeValue.l([]).type.rawValue == "L")
        #expect(AttributeValue.stringSet(["a"]).type.rawValue == "SS")
        #expect(AttributeValue.numberSet([Number(1)]).type.rawValue == "NS")
        #expect(AttributeValue.binarySet([[1]]).type.rawValue == "BS")
    }

    @Test func numberFactoryRejectsBadText() {
        do {
            let v = try AttributeValue.number("12abc")
            Issue.record("parsed as \(v)")
        } catch {
            #expect(error.name == .validation)
        }
    }
}

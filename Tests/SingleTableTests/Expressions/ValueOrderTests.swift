import PropertyBased
import Testing
@testable import SingleTable

@Suite("ValueOrder (the evaluator's fast comparisons)")
struct ValueOrderTests {
    func n(_ text: String) throws -> AttributeValue { .n(try Number(parsing: text)) }

    @Test("numbers order numerically whatever their digits and exponents")
    func numbers() throws {
        let ascending = ["-1E+10", "-100", "-99.5", "-1", "-0.001", "0", "1E-130", "0.001", "0.5", "1", "1.0000001", "9", "10", "99.99", "100", "1E+125"]
        for (i, a) in ascending.enumerated() {
            for (j, b) in ascending.enumerated() {
                #expect(ValueOrder.order(try n(a), try n(b)) == (i < j ? -1 : i == j ? 0 : 1), "\(a) vs \(b)")
            }
        }
    }

    @Test("strings and binaries order by unsigned bytes; other types are not ordered")
    func bytes() {
        #expect(ValueOrder.order("a", "b") == -1)
        #expect(ValueOrder.order("ab", "a") == 1)
        #expect(ValueOrder.order("", "") == 0)
        #expect(ValueOrder.order("\u{E9}", "z") == 1)
        #expect(ValueOrder.order(.b([0xFF]), .b([0x01, 0x02])) == 1)
        #expect(ValueOrder.order(.bool(true), .bool(true)) == nil)
        #expect(ValueOrder.order("1", 1) == nil)
        #expect(ValueOrder.equal("long enough to live on the heap", "long enough to live on the heap"))
        #expect(!ValueOrder.equal("\u{E9}", "e\u{301}"))
    }

    @Test("number order agrees with Number's own < on random numbers")
    func numbersAgreeWithNumber() async {
        let digits = Gen.int(in: 0...9).array(of: 1...38)
        await propertyCheck(count: 300, input: digits, Gen.int(in: -60...60), digits, Gen.int(in: -60...60), Gen.bool, Gen.bool) {
            da, ea, db, eb, na, nb in
            func make(_ d: [Int], _ e: Int, _ negative: Bool) -> Number? {
                var c: UInt128 = 0
                for digit in d { c = c * 10 + UInt128(digit) }
                return try? Number(coefficient: c, exponent: Int32(e), negative: negative)
            }
            guard let a = make(da, ea, na), let b = make(db, eb, nb) else { return }
            let expected = a == b ? 0 : (a < b ? -1 : 1)
            #expect(ValueOrder.compare(a, b) == expected, "\(a) vs \(b)")
        }
    }

    @Test("string order agrees with AttributeValue.compare on random strings")
    func stringsAgreeWithAttributeValue() async {
        let text = Gen.letterOrNumber.string(of: 0...20)
        await propertyCheck(count: 300, input: text, text) { a, b in
            #expect(ValueOrder.order(.s(a), .s(b)) == AttributeValue.s(a).compare(to: .s(b)))
            #expect(ValueOrder.equal(.s(a), .s(b)) == (AttributeValue.s(a) == .s(b)))
        }
    }
}

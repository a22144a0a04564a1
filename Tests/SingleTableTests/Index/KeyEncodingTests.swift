import PropertyBased
import Testing

@testable import SingleTable

@Suite struct KeyEncodingTests {
    // MARK: Hand-worked examples

    @Test func stringsAreTheirUTF8Bytes() {
        #expect(KeyEncoding.encode("Za") == [0x5A, 0x61])
        // U+00E9 is C3 A9 in UTF-8; "e" + U+0301 is 65 CC 81: different keys although Swift's == equates them.
        #expect(KeyEncoding.encode(.s("\u{E9}")) == [0xC3, 0xA9])
        #expect(KeyEncoding.encode(.s("e\u{301}")) == [0x65, 0xCC, 0x81])
    }

    @Test func stringsOrderByUTF8Bytes() {
        // DynamoDB orders S by UTF-8 bytes: "Z" (5A) < "a" (61) < "e\u{301}" (65 ..) < "é" (C3 ..).
        let ordered: [AttributeValue] = [.s(""), .s("Z"), .s("a"), .s("ab"), .s("e\u{301}"), .s("\u{E9}"), .s("\u{10000}")]
        expectStrictlyIncreasing(ordered.map { KeyEncoding.encode($0) })
    }

    @Test func numbersHaveTheDocumentedLayout() throws {
        #expect(KeyEncoding.encode(0) == [0x02])
        // 1: positive tag, adjusted exponent 0 biased to 130, digits "1" padded to pair 10.
        #expect(KeyEncoding.encode(1) == [0x03, 130, 10])
        // 123: exponent 2 -> 132, pairs "12" "3(0)".
        #expect(KeyEncoding.encode(123) == [0x03, 132, 12, 30])
        #expect(KeyEncoding.encode(try .number("1.5")) == [0x03, 130, 15])
        // -1: negative tag, 255 - 130 = 125, 254 - 10 = 244, terminator.
        #expect(KeyEncoding.encode(-1) == [0x01, 125, 244, 0xFF])
        #expect(KeyEncoding.encode(try .number("1E-130")) == [0x03, 0, 10])
        #expect(KeyEncoding.encode(try .number("9E125")) == [0x03, 255, 90])
        // "1.50", "15e-1" and "1.5" are one number, so one key.
        #expect(KeyEncoding.encode(try .number("1.50")) == KeyEncoding.encode(try .number("15e-1")))
    }

    @Test func numbersOrderNumerically() throws {
        let texts = [
            "-9.9999999999999999999999999999999999999E+125", "-1E125", "-12345678901234567890123456789012345678",
            "-100", "-99.5", "-1.52", "-1.5", "-1", "-0.5", "-1E-130", "0", "1E-130", "1.0000000000000000000000000000000000001E-100",
            "0.5", "1", "1.5", "1.52", "2", "99.5", "100", "12345678901234567890123456789012345678",
            "99999999999999999999999999999999999999", "1E38", "1E125", "9.9999999999999999999999999999999999999E+125",
        ]
        let encoded = try texts.map { KeyEncoding.encode(try AttributeValue.number($0)) }
        expectStrictlyIncreasing(encoded)
    }

    @Test func binaryOrdersByUnsignedBytes() {
        let ordered: [[UInt8]] = [[], [0x00], [0x00, 0x00], [0x01], [0x7F], [0x80], [0x80, 0x00], [0xFF]]
        expectStrictlyIncreasing(ordered.map { KeyEncoding.encode(.b($0)) })
    }

    @Test func componentsEscapeZeroAndTerminate() {
        var out: [UInt8] = []
        KeyEncoding.append(.b([0x41, 0x00, 0x42]), to: &out)
        #expect(out == [0x41, 0x00, 0xFF, 0x42, 0x00, 0x01])
        // A component that is a prefix of another sorts first, even when the longer one continues with 0x00.
        var short: [UInt8] = [], long: [UInt8] = []
        KeyEncoding.append(.s("a"), to: &short)
        KeyEncoding.append(.s("a\u{0}"), to: &long)
        KeyEncoding.append(.s("z"), to: &short)
        KeyEncoding.append(.s("a"), to: &long)
        #expect(compare(short, long) < 0)
    }

    @Test func malformedEncodingsAreRejected() {
        #expect(throws: KeyDecodingError.self) { try KeyEncoding.decode([0x04, 1], as: .n) }
        #expect(throws: KeyDecodingError.self) { try KeyEncoding.decode([], as: .n) }
        #expect(throws: KeyDecodingError.self) { try KeyEncoding.decode([0x01, 125, 244], as: .n) }
        #expect(throws: KeyDecodingError.self) { try KeyEncoding.decode([0x03, 130, 100], as: .n) }
        #expect(throws: KeyDecodingError.self) { try KeyEncoding.decode([0xC3], as: .s) }
        #expect(throws: KeyDecodingError.self) { try KeyEncoding.decodeComponent([0x41, 0x00], at: 0, as: .s) }
        #expect(throws: KeyDecodingError.self) { try KeyEncoding.decodeComponent([0x41, 0x00, 0x05], at: 0, as: .s) }
        #expect(throws: KeyDecodingError.self) { try KeyEncoding.decodeComponent([0x41], at: 0, as: .s) }
    }

    // MARK: Properties

    @Test func numberOrderMatchesReference() async {
        await propertyCheck(count: 500, input: Self.numbers, Self.numbers) { a, b in
            let expected = Self.referenceCompare(a, b)
            let actual = compare(KeyEncoding.encode(.n(a)), KeyEncoding.encode(.n(b)))
            #expect(actual.signum() == expected, "\(a) vs \(b)")
        }
    }

    @Test func stringOrderMatchesCodePointOrder() async {
        await propertyCheck(count: 300, input: Self.strings, Self.strings) { a, b in
            // UTF-8 byte order equals code point order, an independent way to state DynamoDB's string order.
            let expected = Self.referenceCompare(a.unicodeScalars.map(\.value), b.unicodeScalars.map(\.value))
            #expect(compare(KeyEncoding.encode(.s(a)), KeyEncoding.encode(.s(b))).signum() == expected)
        }
    }

    @Test func binaryOrderMatchesReference() async {
        await propertyCheck(count: 300, input: Self.binaries, Self.binaries) { a, b in
            let expected = Self.referenceCompare(a.map(UInt32.init), b.map(UInt32.init))
            #expect(compare(KeyEncoding.encode(.b(a)), KeyEncoding.encode(.b(b))).signum() == expected)
        }
    }

    @Test func valuesRoundTrip() async throws {
        await propertyCheck(count: 300, input: Self.numbers, Self.strings, Self.binaries) { n, s, b in
            for (value, type) in [(AttributeValue.n(n), ScalarAttributeType.n), (.s(s), .s), (.b(b), .b)] {
                let decoded = try KeyEncoding.decode(KeyEncoding.encode(value), as: type)
                #expect(decoded == value)
            }
        }
    }

    @Test func compositeKeysSortLikeTuplesAndRoundTrip() async throws {
        let tuple = zip(Self.strings, Self.numbers, Self.binaries)
        await propertyCheck(count: 400, input: tuple, tuple) { a, b in
            let ea = Self.composite(a), eb = Self.composite(b)
            var expected = Self.referenceCompare(a.0.unicodeScalars.map(\.value), b.0.unicodeScalars.map(\.value))
            if expected == 0 { expected = Self.referenceCompare(a.1, b.1) }
            if expected == 0 { expected = Self.referenceCompare(a.2.map(UInt32.init), b.2.map(UInt32.init)) }
            #expect(compare(ea, eb).signum() == expected)

            let (s, afterS) = try KeyEncoding.decodeComponent(ea, at: 0, as: .s)
            let (n, afterN) = try KeyEncoding.decodeComponent(ea, at: afterS, as: .n)
            let (bytes, end) = try KeyEncoding.decodeComponent(ea, at: afterN, as: .b)
            #expect(s == .s(a.0) && n == .n(a.1) && bytes == .b(a.2))
            #expect(end == ea.count)
        }
    }

    // MARK: Generators and reference comparisons

    static func composite(_ t: (String, Number, [UInt8])) -> [UInt8] {
        var out: [UInt8] = []
        KeyEncoding.append(.s(t.0), to: &out)
        KeyEncoding.append(.n(t.1), to: &out)
        KeyEncoding.append(.b(t.2), to: &out)
        return out
    }

    /// Numbers of 1 ... 38 digits over the whole exponent range, often with nearby exponents and equal prefixes.
    static let numbers = zip(
        Gen.uint128(in: 0...(UInt128(10).power(38) - 1)), Gen.int(in: 0...37), Gen.int32(in: -170...127),
        Gen.bool, Gen.bool
    ).compactMap { raw, digits, exponent, negative, narrow -> Number? in
        let coefficient = raw % UInt128(10).power(digits + 1)
        return try? Number(coefficient: coefficient, exponent: narrow ? exponent % 3 : exponent, negative: negative)
    }

    static let interestingScalars: [Unicode.Scalar] = [
        "\u{0}", "\u{1}", "A", "Z", "a", "e", "z", "\u{7F}", "\u{80}", "\u{E9}", "\u{301}", "\u{7FF}", "\u{800}",
        "\u{D7FF}", "\u{E000}", "\u{FFFD}", "\u{FFFF}", "\u{10000}", "\u{1F600}", "\u{10FFFF}",
    ]
    static let strings = Gen.element(of: interestingScalars).compactMap { $0 }.array(of: 0...5).map { scalars in
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
    static let binaries = Gen.element(of: [UInt8(0x00), 0x01, 0x02, 0x7F, 0x80, 0xFF]).compactMap { $0 }.array(of: 0...5)

    /// Lexicographic order, a shorter prefix first: -1, 0 or 1.
    static func referenceCompare(_ a: [UInt32], _ b: [UInt32]) -> Int {
        var i = 0
        while i < a.count && i < b.count {
            if a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
            i += 1
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    /// Numeric order computed by writing both magnitudes as fixed-point digit strings over every decimal
    /// position DynamoDB allows (10^125 down to 10^-167) and comparing those: independent of exponent logic.
    static func referenceCompare(_ a: Number, _ b: Number) -> Int {
        func sign(_ n: Number) -> Int { n.isZero ? 0 : (n.negative ? -1 : 1) }
        if sign(a) != sign(b) { return sign(a) < sign(b) ? -1 : 1 }
        if sign(a) == 0 { return 0 }
        let magnitude = referenceCompare(fixedPoint(a), fixedPoint(b))
        return sign(a) < 0 ? -magnitude : magnitude
    }

    static func fixedPoint(_ n: Number) -> [UInt32] {
        var digits = [UInt32](repeating: 0, count: 125 + 167 + 1)
        var coefficient = n.coefficient
        var position = Int(n.exponent)  // decimal position of the coefficient's last digit
        while coefficient > 0 {
            digits[125 - position] = UInt32(coefficient % 10)
            coefficient /= 10
            position += 1
        }
        return digits
    }
}

// MARK: Helpers shared by the index tests

/// memcmp-style order of two byte arrays, a shorter prefix first.
func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
    a.withUnsafeBytes { a in b.withUnsafeBytes { b in compareKeyBytes(a, b) } }
}

func expectStrictlyIncreasing(_ keys: [[UInt8]], sourceLocation: SourceLocation = #_sourceLocation) {
    for i in 1..<keys.count {
        #expect(compare(keys[i - 1], keys[i]) < 0, "key \(i - 1) is not below key \(i)", sourceLocation: sourceLocation)
    }
}

extension UInt128 {
    func power(_ exponent: Int) -> UInt128 {
        var result: UInt128 = 1
        for _ in 0..<exponent { result *= self }
        return result
    }
}

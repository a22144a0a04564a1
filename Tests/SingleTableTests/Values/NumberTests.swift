// DynamoDB numbers, from the Developer Guide "Supported data types and naming rules":
// "Numbers can have up to 38 digits of precision ... Positive range: 1E-130 to 9.9999999999999999999999999999999999999E+125;
// Negative range: -9.9999999999999999999999999999999999999E+125 to -1E-130 ... Leading and trailing zeroes are trimmed."
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html

import SingleTable
import Testing

@Suite("Number: parsing, limits, ordering, size")
struct NumberTests {
    private func parse(_ text: String) throws(DynamoDBError) -> Number { try Number(parsing: text) }

    private func expectParseError(_ text: String, _ expected: DynamoDBError, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let n = try Number(parsing: text)
            Issue.record("\"\(text)\" parsed as \(n), expected \(expected)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.name == .validation, sourceLocation: sourceLocation)
            #expect(error.message == expected.message, sourceLocation: sourceLocation)
        }
    }

    // MARK: Normalization

    @Test func equalValuesWrittenDifferentlyAreOneNumber() throws {
        let forms = ["1.5", "1.50", "15e-1", "0.15E1", "+1.5", "0001.5000", "150E-2"]
        let numbers = try forms.map { text throws(DynamoDBError) in try parse(text) }
        for n in numbers { #expect(n == numbers[0]) }
        #expect(Set(numbers).count == 1)
        #expect(numbers[0].description == "1.5")
    }

    @Test func zeroHasOneForm() throws {
        for text in ["0", "-0", "0.000", "0e10", "-0.0E-5", "000"] {
            let n = try parse(text)
            #expect(n == Number.zero, "\(text)")
            #expect(n.isZero)
            #expect(n.description == "0")
        }
    }

    @Test func plainDecimalText() throws {
        #expect(try parse("1e3").description == "1000")
        #expect(try parse("1.23e-3").description == "0.00123")
        #expect(try parse("-5e-1").description == "-0.5")
        #expect(try parse("-42").description == "-42")
        #expect(Number(-42).description == "-42")
        #expect(Number(1_000) == (try parse("1E+3")))
    }

    // MARK: Precision

    @Test func thirtyEightSignificantDigitsAreAccepted() throws {
        let text = "12345678901234567890123456789012345678"  // 38 digits
        #expect(text.count == 38)
        let n = try parse(text)
        #expect(n.digits.count == 38)
        #expect(n.description == text)
        // Leading and trailing zeros are not significant.
        #expect(try parse("000" + text).digits.count == 38)
        #expect(try parse("0.000" + text).digits.count == 38)
        #expect(try parse(text + "000").digits.count == 38)
        #expect(try parse("1." + String(repeating: "0", count: 60)) == Number(1))
    }

    @Test func thirtyNineSignificantDigitsAreRejected() {
        expectParseError("123456789012345678901234567890123456789", .numberPrecision)  // 39 digits
        expectParseError("1.23456789012345678901234567890123456789", .numberPrecision)
        expectParseError("-123456789012345678901234567890123456789e-10", .numberPrecision)
    }

    @Test func trailingZerosBeyondThirtyEightDigitsOnlyScale() throws {
        // 1 followed by 40 zeros has one significant digit.
        let n = try parse("1" + String(repeating: "0", count: 40))
        #expect(n == (try parse("1e40")))
        #expect(n.digits == [1])
    }

    // MARK: Range

    @Test func rangeLimitsAreInclusive() throws {
        let largest = "9.9999999999999999999999999999999999999E+125"
        #expect(try parse(largest).adjustedExponent == 125)
        #expect(try parse("-" + largest).negative)
        #expect(try parse("1E-130").adjustedExponent == -130)
        #expect(try parse("-1E-130").negative)
    }

    @Test func overflowAndUnderflow() {
        expectParseError("1E+126", .numberOverflow)
        expectParseError("-1E+126", .numberOverflow)
        expectParseError("10E+125", .numberOverflow)
        expectParseError("1E-131", .numberUnderflow)
        expectParseError("-1E-131", .numberUnderflow)
        expectParseError("0.1E-130", .numberUnderflow)
        #expect(DynamoDBError.numberOverflow.message
            == "Number overflow. Attempting to store a number with magnitude larger than supported range")
        #expect(DynamoDBError.numberUnderflow.message
            == "Number underflow. Attempting to store a number with magnitude smaller than supported range")
        #expect(DynamoDBError.numberPrecision.message == "Attempting to store more than 38 significant digits in a Number")
    }

    @Test(arguments: ["", "abc", "1e", "1.2.3", "--1", "1e5x", " 1", "1 ", "NaN", "Infinity", "-", "e5", "0x10"])
    func malformedNumbersAreValidationErrors(_ text: String) {
        do {
            let n = try Number(parsing: text)
            Issue.record("\"\(text)\" parsed as \(n)")
        } catch {
            #expect(error.name == .validation)
        }
    }

    // MARK: Ordering

    @Test func numericOrder() throws {
        let ascending = [
            "-9.9999999999999999999999999999999999999E+125", "-1e125", "-10", "-9", "-1.1", "-1.09", "-1", "-1e-130",
            "0", "1e-130", "0.1", "0.11", "1", "1.09", "1.1", "9", "10", "11", "100.5", "1e125",
            "9.9999999999999999999999999999999999999E+125",
        ]
        let numbers = try ascending.map { text throws(DynamoDBError) in try parse(text) }
        for i in numbers.indices.dropLast() {
            #expect(numbers[i] < numbers[i + 1], "\(ascending[i]) < \(ascending[i + 1])")
            #expect(!(numbers[i + 1] < numbers[i]))
        }
        #expect(numbers.shuffled().sorted() == numbers)
        #expect(!(Number(5) < Number(5)))
        #expect(try parse("100") == parse("1e2"))
    }

    // MARK: Arithmetic (UpdateExpression `+`, `-` and ADD)

    @Test func decimalArithmeticIsExact() throws {
        #expect(try Number.adding(parse("0.1"), parse("0.2")) == parse("0.3"))
        #expect(try Number.subtracting(Number(5), Number(7)) == Number(-2))
        #expect(try Number.adding(Number(-3), Number(3)) == Number.zero)
        #expect(try Number.subtracting(parse("1.5"), parse("1.5")).description == "0")
        #expect(try Number.adding(parse("1e100"), parse("1e100")) == parse("2e100"))
    }

    @Test func arithmeticPastTheLimitsFails() throws {
        let largest = try parse("9.9999999999999999999999999999999999999E+125")
        do {
            let sum = try Number.adding(largest, largest)
            Issue.record("sum past the range gave \(sum)")
        } catch {
            #expect(error.name == .validation)
        }
        // 1 + 1e-40 needs 41 significant digits.
        do {
            let sum = try Number.adding(Number(1), parse("1e-40"))
            Issue.record("sum needing 41 digits gave \(sum)")
        } catch {
            #expect(error.name == .validation)
        }
    }

    // MARK: Size: "(1 byte per two significant digits) + (1 byte)"
    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html

    @Test(arguments: [
        ("1", 2), ("12", 2), ("123", 3), ("1234", 3), ("1000", 2), ("0.001", 2), ("1.5", 2), ("12.345", 4),
        ("12345678901234567890123456789012345678", 20),
    ])
    func sizeCountsSignificantDigits(_ text: String, _ bytes: Int) throws {
        #expect(try parse(text).sizeInBytes == bytes)
    }
}

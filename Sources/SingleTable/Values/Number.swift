/// A DynamoDB number: a decimal of up to 38 significant digits whose magnitude lies in
/// 1E-130 ... 9.9999999999999999999999999999999999999E+125, compared numerically.
///
/// Stored normalized, so equal numbers have equal representations ("1.50", "15e-1" and "1.5" are one value):
/// `value = (negative ? -1 : 1) * coefficient * 10^exponent` with no trailing zero digit in `coefficient`;
/// zero is `coefficient == 0, exponent == 0, negative == false`.
/// 38 decimal digits fit in `UInt128` (10^38 < 2^128), so arithmetic needs no big-number library.
public struct Number: Hashable, Sendable {
    public let coefficient: UInt128
    public let exponent: Int32
    public let negative: Bool

    public static let maximumSignificantDigits = 38
    /// Largest allowed position of the most significant digit (9.99…E+125).
    public static let maximumAdjustedExponent: Int32 = 125
    /// Smallest allowed position of the most significant digit (1E-130).
    public static let minimumAdjustedExponent: Int32 = -130

    public static let zero = Number(uncheckedCoefficient: 0, exponent: 0, negative: false)

    @usableFromInline
    init(uncheckedCoefficient: UInt128, exponent: Int32, negative: Bool) {
        self.coefficient = uncheckedCoefficient
        self.exponent = exponent
        self.negative = negative
    }

    /// Builds a normalized number, checking DynamoDB's precision and range rules.
    public init(coefficient: UInt128, exponent: Int32, negative: Bool) throws(DynamoDBError) {
        var c = coefficient
        var e = exponent
        if c == 0 { self = .zero; return }
        while c % 10 == 0 { c /= 10; e += 1 }
        let digits = Number.digitCount(c)
        if digits > Number.maximumSignificantDigits { throw .numberPrecision }
        let adjusted = e + Int32(digits) - 1
        if adjusted > Number.maximumAdjustedExponent { throw .numberOverflow }
        if adjusted < Number.minimumAdjustedExponent { throw .numberUnderflow }
        self.init(uncheckedCoefficient: c, exponent: e, negative: negative)
    }

    public init(_ value: Int) {
        let magnitude = UInt128(value.magnitude)
        // An Int has at most 19 digits and never leaves the range: cannot throw.
        self = (try? Number(coefficient: magnitude, exponent: 0, negative: value < 0)) ?? .zero
    }

    /// Parses DynamoDB's number syntax: optional sign, digits with an optional point, optional exponent.
    public init(parsing text: some StringProtocol) throws(DynamoDBError) {
        var negative = false
        var coefficient: UInt128 = 0
        var significant = 0          // digits accumulated into `coefficient` (leading zeros skipped)
        var droppedZeros: Int32 = 0  // integer-part zeros past 38 digits that only scale the value
        var fractionDigits: Int32 = 0
        var sawDigit = false
        var sawPoint = false
        var exponent: Int32 = 0
        var utf8 = Array(text.utf8)[...]
        if let first = utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            utf8 = utf8.dropFirst()
        }
        while let byte = utf8.first {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                sawDigit = true
                let digit = UInt128(byte - UInt8(ascii: "0"))
                if significant == 0 && digit == 0 {
                    if sawPoint { fractionDigits += 1 }
                } else if significant < Number.maximumSignificantDigits + 1 {
                    coefficient = coefficient * 10 + digit
                    significant += 1
                    if sawPoint { fractionDigits += 1 }
                } else if digit == 0 {
                    // Beyond the precision we keep only zeros, which may be trailing zeros.
                    if !sawPoint { droppedZeros += 1 }
                } else {
                    throw .numberPrecision
                }
            } else if byte == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
            } else {
                break
            }
            utf8 = utf8.dropFirst()
        }
        guard sawDigit else { throw .invalidNumber(String(text)) }
        if let byte = utf8.first, byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            utf8 = utf8.dropFirst()
            var exponentNegative = false
            if let sign = utf8.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
                exponentNegative = sign == UInt8(ascii: "-")
                utf8 = utf8.dropFirst()
            }
            guard !utf8.isEmpty else { throw .invalidNumber(String(text)) }
            var value: Int32 = 0
            for byte in utf8 {
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { throw .invalidNumber(String(text)) }
                if value < 100_000 { value = value * 10 + Int32(byte - UInt8(ascii: "0")) }
            }
            exponent = exponentNegative ? -value : value
            utf8 = utf8[utf8.endIndex...]
        }
        guard utf8.isEmpty else { throw .invalidNumber(String(text)) }
        try self.init(coefficient: coefficient, exponent: exponent - fractionDigits + droppedZeros, negative: negative)
    }

    /// Number of decimal digits in `value` (1 for zero).
    @inlinable
    static func digitCount(_ value: UInt128) -> Int {
        var count = 1
        var v = value
        while v >= 10 { v /= 10; count += 1 }
        return count
    }

    public var isZero: Bool { coefficient == 0 }

    /// The position of the most significant digit: 0 for 1...9, 2 for 100..., -1 for 0.1...
    public var adjustedExponent: Int32 { exponent + Int32(Number.digitCount(coefficient)) - 1 }

    /// Significant digits, most significant first (one element, 0, for zero).
    public var digits: [UInt8] {
        var result: [UInt8] = []
        var v = coefficient
        repeat { result.append(UInt8(v % 10)); v /= 10 } while v > 0
        return result.reversed()
    }

    /// DynamoDB's size of a number: one byte per two significant digits, plus one.
    public var sizeInBytes: Int { (Number.digitCount(coefficient) + 1) / 2 + 1 }
}

// MARK: Arithmetic

extension Number {
    /// Exact sum, as UpdateExpression `+` and ADD compute it; fails past 38 significant digits.
    public static func adding(_ a: Number, _ b: Number) throws(DynamoDBError) -> Number {
        if a.isZero { return b }
        if b.isZero { return a }
        let e = min(a.exponent, b.exponent)
        let ca = try scale(a.coefficient, by: a.exponent - e)
        let cb = try scale(b.coefficient, by: b.exponent - e)
        if a.negative == b.negative {
            let (sum, overflow) = ca.addingReportingOverflow(cb)
            if overflow { throw .numberPrecision }
            return try Number(coefficient: sum, exponent: e, negative: a.negative)
        }
        if ca >= cb { return try Number(coefficient: ca - cb, exponent: e, negative: a.negative) }
        return try Number(coefficient: cb - ca, exponent: e, negative: b.negative)
    }

    public static func subtracting(_ a: Number, _ b: Number) throws(DynamoDBError) -> Number {
        try adding(a, b.negated)
    }

    public var negated: Number {
        isZero ? self : Number(uncheckedCoefficient: coefficient, exponent: exponent, negative: !negative)
    }

    private static func scale(_ c: UInt128, by power: Int32) throws(DynamoDBError) -> UInt128 {
        var value = c
        for _ in 0..<power {
            let (product, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { throw .numberPrecision }
            value = product
        }
        return value
    }
}

// MARK: Ordering

extension Number: Comparable {
    /// Numeric order; see `ValueOrder.compare(_:_:)` (aligns coefficients in UInt128, never allocates).
    @inline(__always)
    public static func < (lhs: Number, rhs: Number) -> Bool { ValueOrder.compare(lhs, rhs) < 0 }
}

// MARK: Text

extension Number: CustomStringConvertible {
    /// Plain decimal notation as DynamoDB returns numbers: no exponent, no trailing zeros.
    public var description: String {
        if isZero { return "0" }
        var text = negative ? "-" : ""
        let digitText = String(coefficient)
        if exponent >= 0 {
            text += digitText
            text += String(repeating: "0", count: Int(exponent))
        } else {
            let fraction = Int(-exponent)
            if digitText.count > fraction {
                let split = digitText.index(digitText.endIndex, offsetBy: -fraction)
                text += digitText[..<split] + "." + digitText[split...]
            } else {
                text += "0." + String(repeating: "0", count: fraction - digitText.count) + digitText
            }
        }
        return text
    }
}

extension Number: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}

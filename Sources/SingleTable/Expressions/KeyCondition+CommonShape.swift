/// A fast path for the key conditions almost every Query uses, so the hot path skips the general parser.
///
/// Recognised (names plain or `#placeholder`, values `:placeholder`, any spacing):
///
///     a = :v
///     a = :v AND b <op> :w        (op: = < <= > >=)
///     a = :v AND b BETWEEN :w AND :x
///     a = :v AND begins_with(b, :w)
///
/// Anything else, including a reserved word used as a plain name and every malformed text, returns nil and
/// goes to the general parser, which then produces DynamoDB's exact error. Parts come out exactly as the
/// general parser's `collect` would produce them, and placeholders are marked used the same way.
/// Measured: parsing was 27% of a newest-20 Query's CPU time (perf, `stbench bench engine`, release).
extension KeyCondition {
    static func parseCommonShape(_ text: String, attributes: inout ExpressionAttributes) throws(DynamoDBError) -> Parts? {
        guard let shape = ShapeMemo.shape(of: text) else { return nil }
        // Resolve only now that the whole text matched, so a fallback never sees half-marked placeholders.
        let first = Part(name: try resolveName(shape.partitionName, &attributes),
                         condition: .equal(try attributes.value(shape.partitionValue, kind: kind)))
        guard let sort = shape.sort else { return Parts(first: first) }
        let name = try resolveName(sort.name, &attributes)
        let value = try attributes.value(sort.value, kind: kind)
        let condition: SortKeyCondition
        switch sort.op {
        case .equal: condition = .equal(value)
        case .less: condition = .lessThan(value)
        case .lessOrEqual: condition = .lessThanOrEqual(value)
        case .greater: condition = .greaterThan(value)
        case .greaterOrEqual: condition = .greaterThanOrEqual(value)
        case .beginsWith: condition = .beginsWith(value)
        case .between(let highPlaceholder):
            let high = try attributes.value(highPlaceholder, kind: kind)
            if let order = ValueOrder.order(value, high), order > 0 { return nil }  // the general parser words the error
            condition = .between(value, high)
        }
        return Parts(first: first, second: Part(name: name, condition: condition))
    }

    private static func resolveName(_ token: String, _ attributes: inout ExpressionAttributes) throws(DynamoDBError) -> String {
        token.utf8.first == UInt8(ascii: "#") ? try attributes.name(token, kind: kind) : token
    }
}

/// The tokens of a key condition in one of the common shapes, placeholders not yet resolved.
///
/// A class, immutable: `ShapeMemo` hands the same shape to every Query that repeats the text, and a
/// reference costs one retain to share where a struct of five Strings cost ~280 instructions to copy
/// and destroy (callgrind, newest-20 Query).
final class CommonShape {
    enum SortOperator: Equatable {
        case equal, less, lessOrEqual, greater, greaterOrEqual, beginsWith
        /// BETWEEN, with the high bound's placeholder.
        case between(String)
    }

    /// A plain name or a `#placeholder`.
    let partitionName: String
    /// A `:placeholder`.
    let partitionValue: String
    let sort: (name: String, op: SortOperator, value: String)?

    init(partitionName: String, partitionValue: String, sort: (name: String, op: SortOperator, value: String)?) {
        self.partitionName = partitionName
        self.partitionValue = partitionValue
        self.sort = sort
    }

    /// The shape of `text`, or nil if it has none of the common shapes.
    ///
    /// Works on the text's UTF-8 bytes in place and builds Strings only for the tokens it returns (short
    /// ones are stored inline, so nothing is allocated). Measured (callgrind, newest-20 Query): the
    /// previous scanner, which copied the bytes to an array and built Substrings, cost ~5k instructions
    /// per Query.
    static func scan(_ text: String) -> CommonShape? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> CommonShape? in
            var scanner = ShapeScanner(bytes: bytes)
            return scanner.scan()
        } ?? nil
    }
}

/// Splits the few tokens the common shapes use, as byte ranges of the text.
private struct ShapeScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    mutating func scan() -> CommonShape? {
        guard let first = name(), symbol(UInt8(ascii: "=")), let v = placeholder() else { return nil }
        guard !atEnd else { return CommonShape(partitionName: string(first), partitionValue: string(v), sort: nil) }
        guard keyword("AND") else { return nil }
        let sortName: Range<Int>, op: CommonShape.SortOperator, value: Range<Int>
        if keyword("begins_with", caseSensitive: true) {
            guard symbol(UInt8(ascii: "(")), let b = name(), symbol(UInt8(ascii: ",")), let w = placeholder(),
                  symbol(UInt8(ascii: ")")) else { return nil }
            (sortName, op, value) = (b, .beginsWith, w)
        } else {
            guard let b = name() else { return nil }
            if keyword("BETWEEN") {
                guard let w = placeholder(), keyword("AND"), let x = placeholder() else { return nil }
                (sortName, op, value) = (b, .between(string(x)), w)
            } else {
                guard let comparator = comparator(), let w = placeholder() else { return nil }
                (sortName, op, value) = (b, comparator, w)
            }
        }
        guard atEnd else { return nil }
        return CommonShape(partitionName: string(first), partitionValue: string(v), sort: (string(sortName), op, string(value)))
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    var atEnd: Bool {
        mutating get {
            skipSpaces()
            return index == bytes.count
        }
    }

    mutating func skipSpaces() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
    }

    /// The next word (letters, digits, `_`), optionally after a sigil; nil (nothing consumed) if there is none.
    mutating func word(sigil: UInt8?) -> Range<Int>? {
        skipSpaces()
        let start = index
        var end = index
        if let sigil {
            guard end < bytes.count, bytes[end] == sigil else { return nil }
            end += 1
        }
        let wordStart = end
        while end < bytes.count, ShapeScanner.isWordByte(bytes[end]) { end += 1 }
        guard end > wordStart else { return nil }
        index = end
        return start..<end
    }

    /// An attribute name: `#placeholder`, or a plain name that is not a reserved word and starts with a letter.
    mutating func name() -> Range<Int>? {
        if let placeholder = word(sigil: UInt8(ascii: "#")) { return placeholder }
        let saved = index
        guard let plain = word(sigil: nil) else { return nil }
        let first = bytes[plain.lowerBound]
        guard (first >= 0x41 && first <= 0x5A) || (first >= 0x61 && first <= 0x7A),
              !ReservedWords.contains(ascii: UnsafeBufferPointer(rebasing: bytes[plain])) else {
            index = saved
            return nil
        }
        return plain
    }

    mutating func placeholder() -> Range<Int>? { word(sigil: UInt8(ascii: ":")) }

    /// Consumes the next word if it is `keyword` (ASCII letters and `_`; upper case unless case-sensitive).
    mutating func keyword(_ keyword: StaticString, caseSensitive: Bool = false) -> Bool {
        let saved = index
        guard let w = word(sigil: nil), w.count == keyword.utf8CodeUnitCount else {
            index = saved
            return false
        }
        let expected = UnsafeBufferPointer(start: keyword.utf8Start, count: keyword.utf8CodeUnitCount)
        for (offset, e) in expected.enumerated() {
            var b = bytes[w.lowerBound + offset]
            if !caseSensitive, b >= 0x61, b <= 0x7A { b -= 0x20 }
            if b != e {
                index = saved
                return false
            }
        }
        return true
    }

    mutating func symbol(_ symbol: UInt8) -> Bool {
        skipSpaces()
        guard index < bytes.count, bytes[index] == symbol else { return false }
        index += 1
        return true
    }

    mutating func comparator() -> CommonShape.SortOperator? {
        skipSpaces()
        guard index < bytes.count else { return nil }
        let next: UInt8? = index + 1 < bytes.count ? bytes[index + 1] : nil
        switch (bytes[index], next) {
        case (UInt8(ascii: "="), _):
            index += 1
            return .equal
        case (UInt8(ascii: "<"), UInt8(ascii: "=")?):
            index += 2
            return .lessOrEqual
        case (UInt8(ascii: "<"), UInt8(ascii: ">")?):
            return nil
        case (UInt8(ascii: "<"), _):
            index += 1
            return .less
        case (UInt8(ascii: ">"), UInt8(ascii: "=")?):
            index += 2
            return .greaterOrEqual
        case (UInt8(ascii: ">"), _):
            index += 1
            return .greater
        default:
            return nil
        }
    }
}

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
    static func parseCommonShape(
        _ text: String, attributes: inout ExpressionAttributes
    ) throws(DynamoDBError) -> [(name: String, condition: SortKeyCondition)]? {
        var scanner = ShapeScanner(text)
        guard let first = scanner.name(), scanner.symbol("="), let v = scanner.placeholder() else { return nil }
        var sort: (name: Substring, op: Substring, values: [Substring])? = nil
        if !scanner.atEnd {
            guard scanner.keyword("AND") else { return nil }
            if scanner.keyword("begins_with") {
                guard scanner.symbol("("), let b = scanner.name(), scanner.symbol(","), let w = scanner.placeholder(),
                      scanner.symbol(")") else { return nil }
                sort = (b, "begins_with", [w])
            } else {
                guard let b = scanner.name() else { return nil }
                if scanner.keyword("BETWEEN") {
                    guard let w = scanner.placeholder(), scanner.keyword("AND"), let x = scanner.placeholder() else { return nil }
                    sort = (b, "BETWEEN", [w, x])
                } else {
                    guard let op = scanner.comparator(), let w = scanner.placeholder() else { return nil }
                    sort = (b, op, [w])
                }
            }
            guard scanner.atEnd else { return nil }
        }
        // Resolve only now that the whole text matched, so a fallback never sees half-marked placeholders.
        var parts: [(name: String, condition: SortKeyCondition)] = []
        parts.append((try resolveName(first, &attributes), .equal(try attributes.value(String(v), kind: kind))))
        if let sort {
            let name = try resolveName(sort.name, &attributes)
            let values = try sort.values.map { (p: Substring) throws(DynamoDBError) in try attributes.value(String(p), kind: kind) }
            let condition: SortKeyCondition
            switch sort.op {
            case "=": condition = .equal(values[0])
            case "<": condition = .lessThan(values[0])
            case "<=": condition = .lessThanOrEqual(values[0])
            case ">": condition = .greaterThan(values[0])
            case ">=": condition = .greaterThanOrEqual(values[0])
            case "BETWEEN":
                if let order = ValueOrder.order(values[0], values[1]), order > 0 { return nil }  // the general parser words the error
                condition = .between(values[0], values[1])
            default: condition = .beginsWith(values[0])
            }
            parts.append((name, condition))
        }
        return parts
    }

    private static func resolveName(_ token: Substring, _ attributes: inout ExpressionAttributes) throws(DynamoDBError) -> String {
        token.first == "#" ? try attributes.name(String(token), kind: kind) : String(token)
    }
}

/// Splits the few tokens the common shapes use; no allocation but the final strings.
private struct ShapeScanner {
    let utf8: [UInt8]
    var index = 0
    let text: String

    init(_ text: String) {
        self.text = text
        utf8 = Array(text.utf8)
    }

    var atEnd: Bool {
        mutating get {
            skipSpaces()
            return index == utf8.count
        }
    }

    mutating func skipSpaces() {
        while index < utf8.count, utf8[index] == 0x20 || utf8[index] == 0x09 || utf8[index] == 0x0A || utf8[index] == 0x0D { index += 1 }
    }

    static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
    }

    /// The next word (letters, digits, `_`), optionally after a sigil; nil if there is none.
    mutating func word(sigil: UInt8?) -> Substring? {
        skipSpaces()
        let start = index
        if let sigil {
            guard index < utf8.count, utf8[index] == sigil else { return nil }
            index += 1
        }
        let wordStart = index
        while index < utf8.count, ShapeScanner.isWordByte(utf8[index]) { index += 1 }
        guard index > wordStart else {
            index = start
            return nil
        }
        return substring(start, index)
    }

    func substring(_ start: Int, _ end: Int) -> Substring {
        let s = text.utf8.index(text.utf8.startIndex, offsetBy: start)
        let e = text.utf8.index(text.utf8.startIndex, offsetBy: end)
        return text[s..<e]
    }

    /// An attribute name: `#placeholder`, or a plain name that is not a reserved word and starts with a letter.
    mutating func name() -> Substring? {
        if let placeholder = word(sigil: UInt8(ascii: "#")) { return placeholder }
        guard let plain = word(sigil: nil), let first = plain.utf8.first,
              (first >= 0x41 && first <= 0x5A) || (first >= 0x61 && first <= 0x7A),
              !ReservedWords.contains(String(plain)) else { return nil }
        return plain
    }

    mutating func placeholder() -> Substring? { word(sigil: UInt8(ascii: ":")) }

    mutating func keyword(_ keyword: String) -> Bool {
        let saved = index
        guard let w = word(sigil: nil), w.caseInsensitiveEquals(keyword, caseSensitive: keyword == "begins_with") else {
            index = saved
            return false
        }
        return true
    }

    mutating func symbol(_ symbol: Character) -> Bool {
        skipSpaces()
        guard index < utf8.count, utf8[index] == symbol.asciiValue! else { return false }
        index += 1
        return true
    }

    mutating func comparator() -> Substring? {
        skipSpaces()
        let start = index
        guard index < utf8.count else { return nil }
        switch utf8[index] {
        case UInt8(ascii: "="): index += 1
        case UInt8(ascii: "<"), UInt8(ascii: ">"):
            index += 1
            if index < utf8.count, utf8[index] == UInt8(ascii: "=") { index += 1 }
            if utf8[start] == UInt8(ascii: "<"), index < utf8.count, utf8[index] == UInt8(ascii: ">") { return nil }  // <>
        default: return nil
        }
        return substring(start, index)
    }
}

private extension Substring {
    func caseInsensitiveEquals(_ other: String, caseSensitive: Bool) -> Bool {
        caseSensitive ? self == other : self.uppercased() == other.uppercased()
    }
}

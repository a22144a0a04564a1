/// One lexical token of an expression; `start..<end` are UTF-8 offsets into the expression text,
/// kept so that syntax errors can quote the text around the offending token as DynamoDB does.
struct Token: Equatable {
    enum Kind: Equatable {
        /// A plain name, keyword or function name: `[A-Za-z_][A-Za-z0-9_]*`.
        case identifier
        /// `#name`: an ExpressionAttributeNames placeholder.
        case nameRef
        /// `:value`: an ExpressionAttributeValues placeholder.
        case valueRef
        /// Decimal digits (list indexes).
        case integer
        case leftParen, rightParen, leftBracket, rightBracket, dot, comma
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual, plus, minus
        case end
    }

    var kind: Kind
    var start: Int
    var end: Int
}

/// Splits an expression into tokens, once per parse.
enum Tokenizer {
    static func tokenize(_ bytes: [UInt8], kind: ExpressionKind) throws(DynamoDBError) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        func isNameByte(_ b: UInt8) -> Bool {
            (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_")
        }
        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        while i < bytes.count {
            let b = bytes[i]
            let start = i
            switch b {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                i += 1
                continue
            case UInt8(ascii: "#"), UInt8(ascii: ":"):
                i += 1
                while i < bytes.count, isNameByte(bytes[i]) { i += 1 }
                if i == start + 1 { throw syntaxError(bytes, tokens, Token(kind: .identifier, start: start, end: i), kind: kind) }
                tokens.append(Token(kind: b == UInt8(ascii: "#") ? .nameRef : .valueRef, start: start, end: i))
                continue
            case UInt8(ascii: "("): tokens.append(Token(kind: .leftParen, start: i, end: i + 1))
            case UInt8(ascii: ")"): tokens.append(Token(kind: .rightParen, start: i, end: i + 1))
            case UInt8(ascii: "["): tokens.append(Token(kind: .leftBracket, start: i, end: i + 1))
            case UInt8(ascii: "]"): tokens.append(Token(kind: .rightBracket, start: i, end: i + 1))
            case UInt8(ascii: "."): tokens.append(Token(kind: .dot, start: i, end: i + 1))
            case UInt8(ascii: ","): tokens.append(Token(kind: .comma, start: i, end: i + 1))
            case UInt8(ascii: "="): tokens.append(Token(kind: .equal, start: i, end: i + 1))
            case UInt8(ascii: "+"): tokens.append(Token(kind: .plus, start: i, end: i + 1))
            case UInt8(ascii: "-"): tokens.append(Token(kind: .minus, start: i, end: i + 1))
            case UInt8(ascii: "<"):
                if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "=") {
                    tokens.append(Token(kind: .lessOrEqual, start: i, end: i + 2)); i += 1
                } else if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: ">") {
                    tokens.append(Token(kind: .notEqual, start: i, end: i + 2)); i += 1
                } else {
                    tokens.append(Token(kind: .less, start: i, end: i + 1))
                }
            case UInt8(ascii: ">"):
                if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "=") {
                    tokens.append(Token(kind: .greaterOrEqual, start: i, end: i + 2)); i += 1
                } else {
                    tokens.append(Token(kind: .greater, start: i, end: i + 1))
                }
            default:
                if isDigit(b) {
                    while i < bytes.count, isDigit(bytes[i]) { i += 1 }
                    // "1a" is neither an index nor a name.
                    if i < bytes.count, isNameByte(bytes[i]) {
                        while i < bytes.count, isNameByte(bytes[i]) { i += 1 }
                        throw syntaxError(bytes, tokens, Token(kind: .identifier, start: start, end: i), kind: kind)
                    }
                    tokens.append(Token(kind: .integer, start: start, end: i))
                    continue
                }
                if isNameByte(b) {
                    while i < bytes.count, isNameByte(bytes[i]) { i += 1 }
                    tokens.append(Token(kind: .identifier, start: start, end: i))
                    continue
                }
                // An unexpected character: report it (whole, if it is multi-byte UTF-8) as the token.
                var end = i + 1
                while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
                throw syntaxError(bytes, tokens, Token(kind: .identifier, start: start, end: end), kind: kind)
            }
            i += 1
        }
        tokens.append(Token(kind: .end, start: bytes.count, end: bytes.count))
        return tokens
    }

    /// DynamoDB's syntax error: the offending token and the text from the token before it to the one after.
    static func syntaxError(_ bytes: [UInt8], _ tokens: [Token], _ bad: Token, kind: ExpressionKind) -> DynamoDBError {
        let tokenText = bad.kind == .end ? "<EOF>" : String(decoding: bytes[bad.start..<bad.end], as: UTF8.self)
        let nearStart = tokens.last(where: { $0.end <= bad.start && $0.kind != .end })?.start ?? bad.start
        var nearEnd = bad.end
        if let next = tokens.first(where: { $0.start >= bad.end && $0.kind != .end }) { nearEnd = next.end }
        let near = String(decoding: bytes[nearStart..<nearEnd], as: UTF8.self)
        return kind.invalid("Syntax error; token: \"\(tokenText)\", near: \"\(near)\"")
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An order-preserving binary encoding of DynamoDB key values (S, N, B).
///
/// Why: the engine's trees compare keys millions of times per second. Encoding each key once, at write time,
/// into bytes whose unsigned lexicographic order (memcmp order, a shorter prefix first) equals DynamoDB's order
/// makes every comparison a `memcmp`, whatever the key's type, with no decoding or number arithmetic.
///
/// Two forms:
/// - *whole key* (`encode`): one value is the entire key (a partition's sort key, say). S and B are their bytes
///   as-is; N uses the number layout below.
/// - *component* (`append`): self-delimiting, so the concatenation of several components sorts like the tuple
///   of values (for composite index keys). Every 0x00 byte of the whole-key form is written as 0x00 0xFF and the
///   component ends with 0x00 0x01; a component that is a proper prefix of another therefore sorts first
///   (0x01 is below any byte that can follow), and equal components leave the order to the next one.
///
/// Number layout (whole-key form), for a normalized `Number` with significant digits d1 d2 … dk (no trailing
/// zero) and adjusted exponent `a` (the position of d1, -130 ... 125):
/// - zero: `[0x02]`
/// - positive: `[0x03, a + 130, pair1, pair2, …]` where each pair byte is `10·d(2i-1) + d(2i)` (0 ... 99) and
///   an odd digit count pads the last pair with 0. `a + 130` fills exactly 0 ... 255. A bigger exponent means a
///   bigger magnitude; for equal exponents the digit strings compare lexicographically with a shorter prefix
///   first, which the pair bytes preserve (a pad 0 is never above a real digit).
/// - negative: `[0x01, 255 - (a + 130), 254 - pair1, …, 0xFF]`: the exponent and digits are complemented so a
///   bigger magnitude sorts first, and the 0xFF terminator (above every complemented pair, 155 ... 254) makes a
///   shorter digit string (a smaller magnitude, so a bigger value) sort after its extensions.
enum KeyEncoding {
    // MARK: Whole-key form

    /// The whole-key encoding of a key value. Key values are S, N or B; the caller validates types first.
    static func encode(_ value: AttributeValue) -> [UInt8] {
        switch value {
        // One copy of the contiguous UTF-8: `Array(string.utf8)` walked the view (callgrind, D pattern:
        // ~250 instructions per Cruddur sort key).
        case .s(var string): return string.withUTF8 { Array($0) }
        case .b(let bytes): return bytes
        case .n(let number): return withNumberBytes(number) { Array($0) }
        default: preconditionFailure("KeyEncoding.encode: key values must be S, N or B, got \(value.type.rawValue)")
        }
    }

    /// Decodes a whole-key encoding made by `encode` back into a value of `type`.
    static func decode(_ bytes: some Collection<UInt8>, as type: ScalarAttributeType) throws(KeyDecodingError) -> AttributeValue {
        switch type {
        case .s: return .s(try decodeString(bytes))
        case .b: return .b(Array(bytes))
        case .n: return .n(try decodeNumber(Array(bytes)))
        }
    }

    // MARK: Component form

    /// Appends the self-delimiting component encoding of a key value (S, N or B) to `output`.
    static func append(_ value: AttributeValue, to output: inout [UInt8]) {
        switch value {
        case .s(let string):
            if string.utf8.withContiguousStorageIfAvailable({ appendEscaped(UnsafeRawBufferPointer($0), to: &output) }) == nil {
                appendEscaped(string.utf8, to: &output)
            }
        case .b(let bytes): bytes.withUnsafeBytes { appendEscaped($0, to: &output) }
        case .n(let number): withNumberBytes(number) { appendEscaped($0, to: &output) }
        default: preconditionFailure("KeyEncoding.append: key values must be S, N or B, got \(value.type.rawValue)")
        }
    }

    /// Decodes the component that starts at `offset` in `bytes`; returns the value and the offset just past the
    /// component's terminator (where the next component starts, or `bytes.count`).
    static func decodeComponent(
        _ bytes: [UInt8], at offset: Int, as type: ScalarAttributeType
    ) throws(KeyDecodingError) -> (value: AttributeValue, next: Int) {
        guard offset >= 0 && offset <= bytes.count else {
            throw KeyDecodingError("component offset \(offset) is outside the key's \(bytes.count) bytes")
        }
        var raw: [UInt8] = []
        var i = offset
        while true {
            guard i < bytes.count else {
                throw KeyDecodingError("component starting at offset \(offset) has no 0x00 0x01 terminator")
            }
            let byte = bytes[i]
            if byte != 0 {
                raw.append(byte)
                i += 1
                continue
            }
            guard i + 1 < bytes.count else {
                throw KeyDecodingError("0x00 at offset \(i) is the last byte; expected 0x00 0xFF or 0x00 0x01")
            }
            switch bytes[i + 1] {
            case 0xFF: raw.append(0); i += 2
            case 0x01: return (try decode(raw, as: type), i + 2)
            default:
                throw KeyDecodingError("0x00 at offset \(i) is followed by \(bytes[i + 1]); expected 0xFF or 0x01")
            }
        }
    }

    // MARK: Helpers

    /// The common case of `appendEscaped`: contiguous bytes, copied in one go when they hold no 0x00
    /// (key text never does). Byte-by-byte appends were most of secondary index upkeep's key building
    /// (callgrind, dataset load: 2.5k instructions for a 40-byte partition key component).
    @inline(__always)
    static func appendEscaped(_ bytes: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            output.append(0)
            output.append(1)
            return
        }
        if memchr(base, 0, bytes.count) != nil {
            appendEscaped(bytes[...], to: &output)  // the byte-by-byte version below
            return
        }
        output.reserveCapacity(output.count + bytes.count + 2)
        output.append(contentsOf: bytes)
        output.append(0)
        output.append(1)
    }

    @inline(__always)
    static func appendEscaped(_ bytes: some Sequence<UInt8>, to output: inout [UInt8]) {
        for byte in bytes {
            output.append(byte)
            if byte == 0 { output.append(0xFF) }
        }
        output.append(0)
        output.append(1)
    }

    private static func decodeString(_ bytes: some Collection<UInt8>) throws(KeyDecodingError) -> String {
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw KeyDecodingError("S key bytes are not valid UTF-8")
        }
        return string
    }

    static let negativeTag: UInt8 = 0x01
    static let zeroTag: UInt8 = 0x02
    static let positiveTag: UInt8 = 0x03
    static let exponentBias: Int32 = 130
    /// 38 digits make 19 pairs; tag, exponent and the negative terminator add 3.
    static let maximumNumberBytes = 22

    /// Calls `body` with the whole-key encoding of `number`, built in stack memory (no heap allocation).
    static func withNumberBytes<R>(_ number: Number, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumNumberBytes) { buffer in
            let count = writeNumber(number, into: buffer)
            return try body(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[0..<count]))
        }
    }

    /// Writes the encoding of `number` at the start of `buffer` (at least `maximumNumberBytes`); returns its length.
    private static func writeNumber(_ number: Number, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        if number.isZero {
            buffer[0] = zeroTag
            return 1
        }
        // Digits, least significant first, split at 10^19 so the loop divides UInt64s, not UInt128s.
        var digits: (UInt64, UInt64) = (0, 0)
        let split = UInt128(10_000_000_000_000_000_000)
        digits.0 = UInt64(number.coefficient % split)
        digits.1 = UInt64(number.coefficient / split)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { scratch in
            var digitCount = 0
            var low = digits.0, high = digits.1
            if high == 0 {
                while low > 0 { scratch[digitCount] = UInt8(low % 10); low /= 10; digitCount += 1 }
            } else {
                for _ in 0..<19 { scratch[digitCount] = UInt8(low % 10); low /= 10; digitCount += 1 }
                while high > 0 { scratch[digitCount] = UInt8(high % 10); high /= 10; digitCount += 1 }
            }
            // scratch[digitCount - 1] is the most significant digit.
            let adjusted = number.exponent + Int32(digitCount) - 1
            let biased = UInt8(adjusted + exponentBias)
            let negative = number.negative
            buffer[0] = negative ? negativeTag : positiveTag
            buffer[1] = negative ? 255 - biased : biased
            var out = 2
            var position = digitCount - 1
            while position >= 0 {
                let first = scratch[position]
                let second = position > 0 ? scratch[position - 1] : 0
                let pair = first &* 10 &+ second
                buffer[out] = negative ? 254 - pair : pair
                out += 1
                position -= 2
            }
            if negative {
                buffer[out] = 0xFF
                out += 1
            }
            return out
        }
    }

    private static func decodeNumber(_ bytes: [UInt8]) throws(KeyDecodingError) -> Number {
        guard let tag = bytes.first else { throw KeyDecodingError("N key is empty; expected at least a tag byte") }
        switch tag {
        case zeroTag:
            guard bytes.count == 1 else { throw KeyDecodingError("N key zero (0x02) has \(bytes.count - 1) extra bytes") }
            return .zero
        case positiveTag, negativeTag:
            let negative = tag == negativeTag
            var pairs = bytes.dropFirst(2)
            if negative {
                guard pairs.last == 0xFF else { throw KeyDecodingError("negative N key lacks its 0xFF terminator") }
                pairs = pairs.dropLast()
            }
            guard bytes.count >= 2, !pairs.isEmpty else {
                throw KeyDecodingError("N key has \(bytes.count) bytes; expected tag, exponent and digits")
            }
            guard pairs.count <= 19 else {
                throw KeyDecodingError("N key has \(pairs.count) digit pairs; expected at most 19 (38 digits)")
            }
            let biased = negative ? 255 - bytes[1] : bytes[1]
            var coefficient: UInt128 = 0
            for byte in pairs {
                let pair = negative ? 254 &- byte : byte
                guard pair <= 99 else { throw KeyDecodingError("N key digit pair byte \(byte) is out of range") }
                coefficient = coefficient * 100 + UInt128(pair)
            }
            let adjusted = Int32(biased) - exponentBias
            let exponent = adjusted - Int32(2 * pairs.count - 1)
            let number: Number
            do {
                number = try Number(coefficient: coefficient, exponent: exponent, negative: negative)
            } catch {
                throw KeyDecodingError("N key does not decode to a valid number: \(error)")
            }
            guard !number.isZero, number.adjustedExponent == adjusted else {
                throw KeyDecodingError("N key digits start with 0; the encoding is not normalized")
            }
            return number
        default:
            throw KeyDecodingError("N key tag \(tag) is unknown; expected 0x01 (negative), 0x02 (zero) or 0x03 (positive)")
        }
    }
}

/// A key encoding that does not decode: what was wrong with it.
struct KeyDecodingError: Error, Hashable, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { "KeyDecodingError: \(message)" }
}

/// The constant tables of DEFLATE (RFC 1951 section 3.2.5): base values and extra-bit counts of
/// length codes 257...285 and distance codes 0...29, and the order code-length codes are sent in.
enum DeflateTables {
    static let lengthBase: [Int] = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
        35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
    ]
    static let lengthExtraBits: [Int] = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
        3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    static let distanceBase: [Int] = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
        257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
    ]
    static let distanceExtraBits: [Int] = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
        7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]
    static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// Code lengths of the fixed literal/length code (RFC 1951 section 3.2.6).
    static let fixedLiteralLengths: [Int] = (0..<288).map { symbol in
        switch symbol {
        case 0...143: return 8
        case 144...255: return 9
        case 256...279: return 7
        default: return 8
        }
    }
    /// The fixed distance code: 30 (+2 unused) five-bit codes.
    static let fixedDistanceLengths: [Int] = Array(repeating: 5, count: 30)

    /// Canonical Huffman codes for the given code lengths (RFC 1951 section 3.2.2), as (code, length).
    static func canonicalCodes(lengths: [Int]) -> [(code: UInt32, length: Int)] {
        let maxLength = lengths.max() ?? 0
        var lengthCount = [Int](repeating: 0, count: maxLength + 1)
        for length in lengths where length > 0 { lengthCount[length] += 1 }
        var nextCode = [UInt32](repeating: 0, count: maxLength + 2)
        var code: UInt32 = 0
        if maxLength > 0 {
            for bits in 1...maxLength {
                code = (code + UInt32(lengthCount[bits - 1])) << 1
                nextCode[bits] = code
            }
        }
        return lengths.map { length in
            guard length > 0 else { return (0, 0) }
            defer { nextCode[length] += 1 }
            return (nextCode[length], length)
        }
    }
}

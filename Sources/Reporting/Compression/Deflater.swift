extension Zlib {
    /// How `compress` encodes its deflate data.
    public enum Method: Sendable {
        /// Stored (uncompressed) blocks: every inflater reads them; output is input + 5 bytes per 64 KiB.
        case stored
        /// One fixed-Huffman block (RFC 1951 3.2.6) with greedy LZ77 matching over a 32 KiB window.
        case fixedHuffman
    }

    /// Wraps deflate data in zlib framing: header 0x78 0x01 (deflate, 32 KiB window, FCHECK valid),
    /// then the blocks, then the big-endian Adler-32 of the input.
    public static func compress(_ input: [UInt8], method: Method = .fixedHuffman) -> [UInt8] {
        var output: [UInt8] = [0x78, 0x01]
        switch method {
        case .stored: appendStoredBlocks(input, to: &output)
        case .fixedHuffman:
            var writer = BitWriter()
            FixedHuffmanEncoder.encode(input, into: &writer)
            output.append(contentsOf: writer.finish())
        }
        let adler = Adler32.checksum(input)
        output.append(contentsOf: [UInt8(adler >> 24), UInt8(truncatingIfNeeded: adler >> 16), UInt8(truncatingIfNeeded: adler >> 8), UInt8(truncatingIfNeeded: adler)])
        return output
    }

    private static func appendStoredBlocks(_ input: [UInt8], to output: inout [UInt8]) {
        let maxBlock = 65_535
        var start = 0
        repeat {
            let end = min(start + maxBlock, input.count)
            let length = end - start
            output.append(end == input.count ? 1 : 0)  // BFINAL in bit 0, BTYPE 00, rest of byte padding
            output.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)])
            output.append(contentsOf: input[start..<end])
            start = end
        } while start < input.count
    }
}

/// Packs bits least-significant first, as DEFLATE requires; Huffman codes go in most-significant first.
struct BitWriter {
    private var bytes: [UInt8] = []
    private var buffer: UInt64 = 0
    private var count = 0

    mutating func write(_ value: Int, bits: Int) {
        buffer |= UInt64(value) << UInt64(count)
        count += bits
        while count >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            count -= 8
        }
    }

    mutating func writeCode(_ code: UInt32, length: Int) {
        var reversed = 0
        for bit in 0..<length where code & (1 << UInt32(length - 1 - bit)) != 0 { reversed |= 1 << bit }
        write(reversed, bits: length)
    }

    mutating func finish() -> [UInt8] {
        if count > 0 { bytes.append(UInt8(truncatingIfNeeded: buffer)) }
        buffer = 0
        count = 0
        return bytes
    }
}

/// Greedy LZ77 over hash chains of 3-byte prefixes, emitted with the fixed Huffman code.
enum FixedHuffmanEncoder {
    private static let literalCodes = DeflateTables.canonicalCodes(lengths: DeflateTables.fixedLiteralLengths)
    private static let distanceCodes = DeflateTables.canonicalCodes(lengths: DeflateTables.fixedDistanceLengths)
    private static let windowSize = 32_768
    private static let maxMatch = 258
    private static let minMatch = 3
    /// Bounds the work per position; histogram payloads are small so a short chain loses little.
    private static let maxChain = 64
    private static let hashBits = 15

    static func encode(_ input: [UInt8], into writer: inout BitWriter) {
        writer.write(1, bits: 1)  // BFINAL
        writer.write(1, bits: 2)  // BTYPE 01: fixed Huffman
        var head = [Int](repeating: -1, count: 1 << hashBits)
        var previous = [Int](repeating: -1, count: input.count)
        var position = 0
        func hash(_ at: Int) -> Int {
            let key = Int(input[at]) << 16 | Int(input[at + 1]) << 8 | Int(input[at + 2])
            return (key &* 2_654_435_761) >> (32 - hashBits) & ((1 << hashBits) - 1)
        }
        func insert(_ at: Int) {
            guard at + minMatch <= input.count else { return }
            let h = hash(at)
            previous[at] = head[h]
            head[h] = at
        }
        while position < input.count {
            var bestLength = 0, bestDistance = 0
            if position + minMatch <= input.count {
                var candidate = head[hash(position)]
                var chain = 0
                let limit = min(maxMatch, input.count - position)
                while candidate >= 0, position - candidate <= windowSize, chain < maxChain {
                    var length = 0
                    while length < limit, input[candidate + length] == input[position + length] { length += 1 }
                    if length > bestLength {
                        bestLength = length
                        bestDistance = position - candidate
                        if length == limit { break }
                    }
                    candidate = previous[candidate]
                    chain += 1
                }
            }
            if bestLength >= minMatch {
                writeMatch(length: bestLength, distance: bestDistance, into: &writer)
                for offset in 0..<bestLength { insert(position + offset) }
                position += bestLength
            } else {
                let code = literalCodes[Int(input[position])]
                writer.writeCode(code.code, length: code.length)
                insert(position)
                position += 1
            }
        }
        let end = literalCodes[256]
        writer.writeCode(end.code, length: end.length)
    }

    private static func writeMatch(length: Int, distance: Int, into writer: inout BitWriter) {
        let lengthIndex = lastIndex(in: DeflateTables.lengthBase, atMost: length)
        let lengthCode = literalCodes[257 + lengthIndex]
        writer.writeCode(lengthCode.code, length: lengthCode.length)
        writer.write(length - DeflateTables.lengthBase[lengthIndex], bits: DeflateTables.lengthExtraBits[lengthIndex])
        let distanceIndex = lastIndex(in: DeflateTables.distanceBase, atMost: distance)
        let distanceCode = distanceCodes[distanceIndex]
        writer.writeCode(distanceCode.code, length: distanceCode.length)
        writer.write(distance - DeflateTables.distanceBase[distanceIndex], bits: DeflateTables.distanceExtraBits[distanceIndex])
    }

    private static func lastIndex(in bases: [Int], atMost value: Int) -> Int {
        var index = bases.count - 1
        while bases[index] > value { index -= 1 }
        return index
    }
}

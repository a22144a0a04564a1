/// A DEFLATE (RFC 1951) decoder for all three block types, wrapped in zlib (RFC 1950) framing.
///
/// Histogram payloads are a few kilobytes, so clarity beats speed here: Huffman codes are decoded
/// one bit at a time against per-length symbol counts (the canonical-code walk of RFC 1951 3.2.2),
/// which needs no lookup tables and rejects over-subscribed or incomplete codes naturally.
public enum Zlib {
    /// Inflates a zlib stream (2-byte header, deflate data, Adler-32) and verifies its checksum.
    public static func decompress(_ stream: [UInt8]) throws(ZlibError) -> [UInt8] {
        guard stream.count >= 6 else { throw .truncated("\(stream.count) bytes, a zlib stream needs at least 6") }
        let cmf = stream[0], flg = stream[1]
        guard cmf & 0x0F == 8 else { throw .badHeader("compression method \(cmf & 0x0F), expected 8 (deflate)") }
        guard cmf >> 4 <= 7 else { throw .badHeader("window size exponent \(cmf >> 4) above 7") }
        guard (UInt16(cmf) << 8 | UInt16(flg)) % 31 == 0 else { throw .badHeader("FCHECK: CMF*256+FLG is not a multiple of 31") }
        guard flg & 0x20 == 0 else { throw .badHeader("preset dictionary requested (FDICT), not supported") }
        var reader = BitReader(bytes: stream, position: 2)
        let output = try inflate(&reader)
        let trailerStart = reader.alignedBytePosition
        guard trailerStart + 4 <= stream.count else { throw .truncated("Adler-32 trailer missing") }
        let expected = stream[trailerStart..<trailerStart + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let computed = Adler32.checksum(output)
        guard expected == computed else { throw .checksumMismatch(expected: expected, computed: computed) }
        return output
    }

    static func inflate(_ reader: inout BitReader) throws(ZlibError) -> [UInt8] {
        var output: [UInt8] = []
        var isFinal = false
        while !isFinal {
            isFinal = try reader.bits(1) == 1
            switch try reader.bits(2) {
            case 0: try copyStoredBlock(&reader, into: &output)
            case 1: try inflateBlock(&reader, literal: fixedLiteral, distance: fixedDistance, into: &output)
            case 2:
                let (literal, distance) = try readDynamicCodes(&reader)
                try inflateBlock(&reader, literal: literal, distance: distance, into: &output)
            default: throw .badBlock("block type 3 is reserved")
            }
        }
        return output
    }

    private static func copyStoredBlock(_ reader: inout BitReader, into output: inout [UInt8]) throws(ZlibError) {
        var position = reader.alignedBytePosition
        let bytes = reader.bytes
        guard position + 4 <= bytes.count else { throw .truncated("stored block header") }
        let length = Int(bytes[position]) | Int(bytes[position + 1]) << 8
        let complement = Int(bytes[position + 2]) | Int(bytes[position + 3]) << 8
        guard length == ~complement & 0xFFFF else { throw .badBlock("stored block LEN \(length) does not match NLEN") }
        position += 4
        guard position + length <= bytes.count else { throw .truncated("stored block of \(length) bytes") }
        output.append(contentsOf: bytes[position..<position + length])
        reader = BitReader(bytes: bytes, position: position + length)
    }

    private static let fixedLiteral = HuffmanDecoder(lengths: DeflateTables.fixedLiteralLengths)
    private static let fixedDistance = HuffmanDecoder(lengths: DeflateTables.fixedDistanceLengths)

    private static func readDynamicCodes(_ reader: inout BitReader) throws(ZlibError) -> (HuffmanDecoder, HuffmanDecoder) {
        let literalCount = try reader.bits(5) + 257
        let distanceCount = try reader.bits(5) + 1
        let codeLengthCount = try reader.bits(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else {
            throw .badBlock("dynamic block declares \(literalCount) literal and \(distanceCount) distance codes (max 286, 30)")
        }
        var codeLengthLengths = [Int](repeating: 0, count: 19)
        for index in 0..<codeLengthCount {
            codeLengthLengths[DeflateTables.codeLengthOrder[index]] = try reader.bits(3)
        }
        let codeLengthDecoder = HuffmanDecoder(lengths: codeLengthLengths)
        var lengths: [Int] = []
        lengths.reserveCapacity(literalCount + distanceCount)
        while lengths.count < literalCount + distanceCount {
            let symbol = try codeLengthDecoder.decode(&reader)
            switch symbol {
            case 0...15: lengths.append(symbol)
            case 16:
                guard let previous = lengths.last else { throw .badBlock("repeat code 16 with no previous length") }
                lengths.append(contentsOf: repeatElement(previous, count: 3 + (try reader.bits(2))))
            case 17: lengths.append(contentsOf: repeatElement(0, count: 3 + (try reader.bits(3))))
            default: lengths.append(contentsOf: repeatElement(0, count: 11 + (try reader.bits(7))))
            }
        }
        guard lengths.count == literalCount + distanceCount else { throw .badBlock("code length repeat overruns the code count") }
        guard lengths[256] > 0 else { throw .badBlock("dynamic block has no end-of-block code") }
        return (
            HuffmanDecoder(lengths: Array(lengths[0..<literalCount])),
            HuffmanDecoder(lengths: Array(lengths[literalCount...]))
        )
    }

    private static func inflateBlock(
        _ reader: inout BitReader, literal: HuffmanDecoder, distance: HuffmanDecoder, into output: inout [UInt8]
    ) throws(ZlibError) {
        while true {
            let symbol = try literal.decode(&reader)
            if symbol < 256 {
                output.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                let lengthIndex = symbol - 257
                guard lengthIndex < DeflateTables.lengthBase.count else { throw .badBlock("length symbol \(symbol) out of range") }
                let length = DeflateTables.lengthBase[lengthIndex] + (try reader.bits(DeflateTables.lengthExtraBits[lengthIndex]))
                let distanceSymbol = try distance.decode(&reader)
                guard distanceSymbol < DeflateTables.distanceBase.count else { throw .badBlock("distance symbol \(distanceSymbol) out of range") }
                let back = DeflateTables.distanceBase[distanceSymbol] + (try reader.bits(DeflateTables.distanceExtraBits[distanceSymbol]))
                guard back <= output.count else { throw .badBlock("distance \(back) reaches before the start of the output") }
                let start = output.count - back
                // Byte by byte: a match may overlap the bytes it is producing (distance < length).
                for offset in 0..<length { output.append(output[start + offset]) }
            }
        }
    }
}

/// Reads DEFLATE's bit stream: bits are packed starting at each byte's least significant bit.
struct BitReader {
    let bytes: [UInt8]
    private var position: Int
    private var bitBuffer: UInt64 = 0
    private var bitCount = 0

    init(bytes: [UInt8], position: Int) {
        self.bytes = bytes
        self.position = position
    }

    /// The byte position after discarding the bits left in the current byte (stored blocks, trailer).
    var alignedBytePosition: Int { position - bitCount / 8 }

    mutating func bits(_ count: Int) throws(ZlibError) -> Int {
        while bitCount < count {
            guard position < bytes.count else { throw .truncated("deflate data ended mid-block") }
            bitBuffer |= UInt64(bytes[position]) << UInt64(bitCount)
            position += 1
            bitCount += 8
        }
        let value = Int(bitBuffer & ((1 << UInt64(count)) - 1))
        bitBuffer >>= UInt64(count)
        bitCount -= count
        return value
    }
}

/// A canonical Huffman code kept as symbol counts per length plus symbols in canonical order.
struct HuffmanDecoder {
    private var countPerLength = [Int](repeating: 0, count: 16)
    private var symbols: [Int] = []

    init(lengths: [Int]) {
        for length in lengths { countPerLength[length] += 1 }
        countPerLength[0] = 0
        var offsets = [Int](repeating: 0, count: 16)
        for length in 1..<15 { offsets[length + 1] = offsets[length] + countPerLength[length] }
        symbols = [Int](repeating: 0, count: lengths.count)
        for (symbol, length) in lengths.enumerated() where length > 0 {
            symbols[offsets[length]] = symbol
            offsets[length] += 1
        }
    }

    func decode(_ reader: inout BitReader) throws(ZlibError) -> Int {
        var code = 0, first = 0, index = 0
        for length in 1...15 {
            code |= try reader.bits(1)
            let count = countPerLength[length]
            if code - count < first { return symbols[index + (code - first)] }
            index += count
            first = (first + count) << 1
            code <<= 1
        }
        throw .badBlock("Huffman code not in the table")
    }
}

import Testing
import Randomness
@testable import Reporting

@Suite struct ZlibTests {
    @Test func adler32MatchesThePublishedExample() {
        // Wikipedia's Adler-32 article works "Wikipedia" by hand to 0x11E60398.
        #expect(Adler32.checksum(Array("Wikipedia".utf8)) == 0x11E6_0398)
    }

    @Test func inflatesAFixedHuffmanStreamFromZlib() throws {
        // zlib.compress(b"hello") with zlib's default level, as CPython 3.11 / zlib 1.2 writes it.
        let stream: [UInt8] = [0x78, 0x9c, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00, 0x06, 0x2c, 0x02, 0x15]
        #expect(try Zlib.decompress(stream) == Array("hello".utf8))
    }

    @Test func inflatesADynamicHuffmanStreamFromZlib() throws {
        // 600 bytes over a skewed alphabet, compressed by CPython 3.11 zlib.compress(data, 9): its first
        // block header has BTYPE 2 (dynamic Huffman). Both strings were produced by that zlib, not by this code.
        let original = Base64.decode(dynamicOriginal)!
        let stream = Base64.decode(dynamicStream)!
        #expect((stream[2] >> 1) & 3 == 2)
        #expect(try Zlib.decompress(stream) == original)
    }

    @Test(arguments: [Zlib.Method.stored, .fixedHuffman])
    func roundTripsAcrossBlockAndWindowBoundaries(method: Zlib.Method) throws {
        var generator = SplitMix64(seed: 42)
        // 70 000 bytes: more than one stored block (65 535) and than the 32 KiB window; half repetitive.
        var input: [UInt8] = []
        for index in 0..<70_000 {
            input.append(index % 3 == 0 ? UInt8(truncatingIfNeeded: generator.next()) : UInt8(index % 7))
        }
        for sample in [[], [7], Array("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".utf8), input] {
            let compressed = Zlib.compress(sample, method: method)
            #expect(try Zlib.decompress(compressed) == sample)
        }
    }

    @Test func fixedHuffmanActuallyCompressesRepetitiveInput() {
        let input = [UInt8](repeating: 0, count: 10_000)
        #expect(Zlib.compress(input, method: .fixedHuffman).count < 200)
        #expect(Zlib.compress(input, method: .stored).count == 10_000 + 2 + 5 + 4)
    }

    @Test func rejectsACorruptChecksum() {
        var stream = Zlib.compress(Array("payload".utf8))
        stream[stream.count - 1] ^= 0xFF
        #expect(throws: ZlibError.self) { try Zlib.decompress(stream) }
    }

    @Test func rejectsANonDeflateHeader() {
        #expect(throws: ZlibError.badHeader("compression method 15, expected 8 (deflate)")) {
            try Zlib.decompress([0x7F, 0x01, 0, 0, 0, 0, 0])
        }
    }
}

private let dynamicOriginal = """
YWFhY2FhCmJhYWJhYmFhYWFhYWFhYmFhCmJhYWNjYmFiYmFhYWFiCmFhYWFiYWJhYgpjYWFiYmNhYWFiY2FiYWJhYmNiYWRhYmJiYWFhZGFjZGFhYmFiYmFjYmFiYWFiYWFkYWFiYWFjYWRiYmQKYWFjYWJiYmRiYQphYWJjY2FhY2NhY2JjCmJhY2FjYWFiYWFiYWJhYWRhYWNhYWEKYmFhYmFiYWEKYQpiYWNhYWNhYWFhYWFhY2FhYgpiYWFhYWFhYmFiYmFhYwpiYmNjY2FiCmQKY2RiYWFhYWFiY2FhYWFhYmFhYWJhYWFiYWJhYWJhYQphYmFhY2FhYmFiYWEKYmJiYmFhYWFjYWNhYgpjYWJhYWJhYWNiYWRiYWMKYWMKYWJhYWFkYWJiZGJhY2FiZGRkCmFkYQphY2RhYWJiYWNhYWRhYmFhY2JhYmRjYWFhYWFhYmFhYWJiYgphYmNhZGNhCmNhYWRjZGFiYWFkY2FhZGNhYmFjYWNhYWFhYWJiZGNhYgpiYmNhYWJiYWFhZGNjYWJjYWEKYQoKYWFhYWFiYWRiYWFiYQphYWNhYmNiCmJhCmJhYmFiYmEKYmRhYmFkZGFhYWJiY2FiYWFjYmJiYmRkYWJhYWFhYWRhYmJiYWRhYmFiYmJiYWNhYmJiZGJiYWNiYWJhCmJhYWFhYmFhY2FhYWFjYWRhZGFjY2NhYWFhYmFjYWFiYWMKYWFjYWJhYWFhYWFhY2FhYWJiYmNhYWFiYmFiYWFkYWFhYWFhZGFhZGEKYQpjCmFhYWJiYmJjYWFh
"""
private let dynamicStream = """
eNpFUckVhFAMuqfLBPqvYVi+b3QWRSRAdhe7c7un8x1XBBAW8KawzhH9Dr5FEbEoyEQuGN4tonfG/IvlHccXovJ2LAAPERUaBxv5fDC2/r5mwwjow9S5z61nS0J6Uh8O2EeHL8771tHU0FO+Ws98pyvHoTRx/GmyuNZjUjEokUSNK743jtj/xFNrciDMnRFhMZf74obm20ml7dAhkMjzxBhPLQ/OPdfUcxYltzuJC9fLt8vuhSHHarp/y2l/90qVUa8PKJh60JH/zv1+/96SOiR1jNmZY8YPOM3Yuw==
"""

import Histogram
import PropertyBased
import Testing
@testable import Reporting

@Suite struct HistogramCodecTests {
    /// HdrHistogram_c's "standard Hdr test histogram" as listed in HdrHistogram/HdrHistogram_py
    /// tests/test_hdrhistogram.py (ENCODE_SAMPLES_HDRHISTOGRAM_C): Histogram(1, 3_600_000_000, 3)
    /// with 1000 recorded 10 000 times and 100 000 000 once, encoded by the C implementation.
    static let cStandardHistogram = "HISTFAAAACl4nJNpmSzMwMBgyAABzFCaEURcm7yEwf4DROA8/4I5jNM7mJgAlWkH9g=="

    /// A Vala HdrHistogram port's encode_compressed test: Histogram(1, 300, 3) after recording 100, 200, 250.
    static let valaThreeValues = "HISTFAAAACV4nJNpmSzMwMDAwQABzFCaEUrp2H+AsI4zMh1lZEpkAgBdIQSk"

    @Test func decodesTheCImplementationsStandardHistogram() throws {
        let histogram = try HistogramCodec.decodeBase64(Self.cStandardHistogram)
        #expect(histogram.totalCount == 10_001)
        #expect(histogram.countForValue(1000) == 10_000)
        #expect(histogram.valuesAreEquivalent(histogram.max, 100_000_000))
        #expect(histogram.lowestDiscernibleValue == 1)
        #expect(histogram.numberOfSignificantValueDigits == .three)
        // Percentiles the Python test suite states for this histogram (check_percentiles, within 0.1%).
        #expect(histogram.valuesAreEquivalent(histogram.valueAtPercentile(99.99), 1000))
        #expect(histogram.valuesAreEquivalent(histogram.valueAtPercentile(99.999), 100_000_000))
    }

    @Test func producesTheSameV2PayloadAsTheCImplementation() throws {
        var histogram = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
        histogram.record(1000, count: 10_000)
        histogram.record(100_000_000)
        let foreign = Base64.decode(Self.cStandardHistogram)!
        let foreignPayload = try Zlib.decompress(Array(foreign[8...]))
        let ours = HistogramCodec.encode(histogram)
        // Header fields after the payload length, and every count byte, must agree. The C writer's length
        // field counts the 40-byte header too (49 where the payload is 9 bytes), a quirk the decoder accepts.
        #expect(Array(ours[8...]) == Array(foreignPayload[8...]))
        #expect(HistogramCodec.readBigEndian32(ours, at: 4) == 9)
        #expect(HistogramCodec.readBigEndian32(ours, at: 0) & ~0xF0 == HistogramCodec.readBigEndian32(foreignPayload, at: 0) & ~0xF0)
    }

    @Test func decodesTheValaPortsHistogram() throws {
        let histogram = try HistogramCodec.decodeBase64(Self.valaThreeValues)
        #expect(histogram.totalCount == 3)
        for value: UInt64 in [100, 200, 250] { #expect(histogram.countForValue(value) == 1) }
        #expect(histogram.highestTrackableValue == 300)
    }

    @Test func encodedTextStartsWithTheCompressedV2Cookie() {
        var histogram = Histogram<UInt64>(highestTrackableValue: 1_000_000)
        histogram.record(42)
        // 0x1c849314 in base64 begins "HISTFAA" for any payload shorter than 2^16 bytes.
        #expect(HistogramCodec.encodeBase64(histogram).hasPrefix("HISTFAA"))
    }

    @Test func zeroRunsAreWrittenAsNegativeCounts() {
        // Values 0 and 5 in a 2-digit histogram: counts [1, 0, 0, 0, 0, 1] -> varints 1, -4, 1
        // which ZigZag-encode to 2, 7, 2.
        var histogram = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 1000, numberOfSignificantValueDigits: .two)
        histogram.record(0)
        histogram.record(5)
        let bytes = HistogramCodec.encode(histogram)
        #expect(Array(bytes[40...]) == [2, 7, 2])
        #expect(HistogramCodec.readBigEndian32(bytes, at: 4) == 3)
    }

    @Test func varintsUseTheNinthByteWhole() {
        var bytes: [UInt8] = []
        ZigZagVarint.append(Int64.min, to: &bytes)
        #expect(bytes.count == 9)
        #expect(bytes.last == 0xFF)
        var position = 0
        #expect(ZigZagVarint.read(bytes, at: &position, end: bytes.count) == Int64.min)
    }

    @Test func roundTripsRandomValueSets() async {
        let values = Gen.int(in: 0...5_000_000_000).array(of: 0...200)
        let digits = Gen.int(in: 1...4)
        await propertyCheck(count: 20, input: values, digits) { values, digits in
            var histogram = Histogram<UInt64>(numberOfSignificantValueDigits: SignificantDigits(rawValue: Int8(digits))!)
            for value in values { histogram.record(UInt64(value)) }
            for method in [Zlib.Method.stored, .fixedHuffman] {
                let decoded = try? HistogramCodec.decode(HistogramCodec.encodeCompressed(histogram, method: method))
                #expect(decoded?.totalCount == histogram.totalCount)
                #expect(decoded.map { Array($0.recordedValues()) } == Array(histogram.recordedValues()))
            }
            #expect((try? HistogramCodec.decode(HistogramCodec.encode(histogram))) == histogram)
        }
    }

    @Test func narrowCountTypesEncodeTheSameBytes() {
        var narrow = Histogram<UInt32>(lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
        var wide = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
        for value: UInt64 in [1, 999, 1000, 123_456, 99_999_999] {
            narrow.record(value, count: 3)
            wide.record(value, count: 3)
        }
        #expect(HistogramCodec.encode(narrow) == HistogramCodec.encode(wide))
    }

    @Test func rejectsAnUnknownCookie() {
        #expect(throws: HistogramCodecError.unknownCookie(0xDEAD_BEEF)) {
            try HistogramCodec.decode([0xDE, 0xAD, 0xBE, 0xEF, 0, 0, 0, 0])
        }
        #expect(throws: HistogramCodecError.notBase64) { try HistogramCodec.decodeBase64("HIST*AA") }
    }
}

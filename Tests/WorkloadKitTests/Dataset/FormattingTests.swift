import Foundation
import Testing
@testable import WorkloadKit

@Suite struct FormattingTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000000+00:00"),
        (DatasetLayout.datasetEnd, "2026-11-21T00:00:00.000000+00:00"),
        (Int64(1_709_210_096_789_012), "2024-02-29T12:34:56.789012+00:00"),   // leap day
        (Int64(951_868_800_000_001), "2000-03-01T00:00:00.000001+00:00"),     // after a 400-year leap day
        (Int64(946_684_799_999_999), "1999-12-31T23:59:59.999999+00:00"),
    ])
    func timestampHandWorkedExamples(micros: Int64, expected: String) {
        #expect(Timestamp.format(microseconds: micros) == expected)
    }

    /// Random instants 1970...2200 against Foundation's calendar (in the test only).
    @Test func timestampAgreesWithFoundation() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        var rng = Xoshiro256StarStar(seed: 21)
        for _ in 0..<2000 {
            let micros = Int64(rng.nextIndex(below: 7_258_118_400_000_000))   // < 2200-01-01
            let seconds = micros / 1_000_000
            let fraction = String(micros % 1_000_000)
            let expected = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
                + "." + String(repeating: "0", count: 6 - fraction.count) + fraction + "+00:00"
            #expect(Timestamp.format(microseconds: micros) == expected)
        }
    }

    @Test func timestampsSortAsText() {
        var rng = Xoshiro256StarStar(seed: 22)
        let values = (0..<500).map { _ in Int64(rng.nextIndex(below: 4_000_000_000_000_000)) }.sorted()
        let texts = values.map { Timestamp.format(microseconds: $0) }
        #expect(texts == texts.sorted())
    }

    @Test func uuidAgreesWithFoundation() {
        var rng = Xoshiro256StarStar(seed: 23)
        for _ in 0..<1000 {
            let high = rng.next(), low = rng.next()
            let text = UUIDText.format(high: high, low: low)
            // The same bytes with the version-4 / variant bits, through Foundation.
            var bytes = (0..<8).map { UInt8(truncatingIfNeeded: high >> (56 - 8 * UInt64($0))) }
                + (0..<8).map { UInt8(truncatingIfNeeded: low >> (56 - 8 * UInt64($0))) }
            bytes[6] = (bytes[6] & 0x0F) | 0x40
            bytes[8] = (bytes[8] & 0x3F) | 0x80
            let uuid = UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                                   bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
            #expect(text == uuid.uuidString.lowercased())
            #expect(UUID(uuidString: text)?.uuidString.lowercased() == text)
        }
    }

    @Test func uuidHandWorkedExample() {
        #expect(UUIDText.format(high: 0x0123_4567_89AB_CDEF, low: 0x0123_4567_89AB_CDEF)
                == "01234567-89ab-4def-8123-456789abcdef")
    }

    @Test func messageTextHasTheRequestedLength() {
        for (length, position) in [(0, UInt64(5)), (1, 99), (240, UInt64.max), (MessageText.maximumLength, 12_345)] {
            let text = MessageText.text(length: length, position: position)
            #expect(text.utf8.count == length)
            #expect(text.utf8.allSatisfy { $0 == UInt8(ascii: " ") || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) })
        }
    }
}

/// Lowercase 8-4-4-4-12 hex text of 16 bytes, the form Cruddur stores (Python's `str(uuid.uuid4())`).
///
/// Hand-written because Foundation's `UUID().uuidString` is uppercase, allocates a bridged string and draws
/// from the system RNG; here the bytes come from the seeded generator so the dataset is reproducible.
public enum UUIDText {
    /// Formats `high` (bytes 0–7, most significant first) and `low` (bytes 8–15) with the version-4 and
    /// RFC 4122 variant bits set, as a random UUID has them.
    @inline(__always)
    public static func format(high: UInt64, low: UInt64) -> String {
        let hi = (high & ~0xF000) | 0x4000                          // version nibble (byte 6 high) = 4
        let lo = (low & ~(0xC0 << 56)) | (0x80 << 56)                 // variant bits (byte 8) = 10xxxxxx
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var i = 0
            @inline(__always) func put(_ word: UInt64, bytes: Range<Int>) {
                for b in bytes {
                    let byte = UInt8(truncatingIfNeeded: word >> (56 - 8 * UInt64(b)))
                    if i == 8 || i == 13 || i == 18 || i == 23 { buffer[i] = UInt8(ascii: "-"); i += 1 }
                    buffer[i] = hexDigit(byte >> 4)
                    buffer[i + 1] = hexDigit(byte & 0xF)
                    i += 2
                }
            }
            put(hi, bytes: 0..<8)
            put(lo, bytes: 0..<8)
            return 36
        }
    }

    /// Draws 16 bytes from `rng` and formats them.
    @inline(__always)
    public static func random(using rng: inout some RandomNumberGenerator) -> String {
        let high = rng.next()
        let low = rng.next()
        return format(high: high, low: low)
    }

    @inline(__always)
    static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}

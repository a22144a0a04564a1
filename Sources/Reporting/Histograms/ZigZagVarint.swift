/// HdrHistogram's "LEB128-64b9B" ZigZag varints: the signed value is ZigZag-mapped, then written
/// 7 bits per byte, least significant group first, high bit = more follows; the ninth byte, if
/// reached, carries the remaining 8 bits whole so no value needs more than 9 bytes.
enum ZigZagVarint {
    static func append(_ value: Int64, to bytes: inout [UInt8]) {
        var zigzag = UInt64(bitPattern: (value << 1) ^ (value >> 63))
        for _ in 0..<8 {
            if zigzag < 0x80 {
                bytes.append(UInt8(zigzag))
                return
            }
            bytes.append(UInt8(zigzag & 0x7F) | 0x80)
            zigzag >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: zigzag))
    }

    /// Reads one varint at `position`, advancing it; nil when the bytes end mid-value.
    static func read(_ bytes: [UInt8], at position: inout Int, end: Int) -> Int64? {
        var zigzag: UInt64 = 0
        for group in 0..<9 {
            guard position < end else { return nil }
            let byte = bytes[position]
            position += 1
            if group == 8 {
                zigzag |= UInt64(byte) << 56
                break
            }
            zigzag |= UInt64(byte & 0x7F) << UInt64(7 * group)
            if byte & 0x80 == 0 { break }
        }
        return Int64(bitPattern: (zigzag >> 1) ^ (0 &- (zigzag & 1)))
    }
}

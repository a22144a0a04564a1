/// Adler-32 (RFC 1950 section 8.2): the checksum a zlib stream ends with.
///
/// Sums are reduced modulo 65521 only every 5552 bytes, the largest run for which the 32-bit sums
/// cannot overflow (RFC 1950's note on deferring the modulo).
struct Adler32 {
    private static let modulus: UInt32 = 65_521
    private static let deferredRun = 5_552

    private(set) var a: UInt32 = 1
    private(set) var b: UInt32 = 0

    mutating func update(_ bytes: some Collection<UInt8>) {
        var pending = 0
        for byte in bytes {
            a &+= UInt32(byte)
            b &+= a
            pending += 1
            if pending == Self.deferredRun {
                a %= Self.modulus
                b %= Self.modulus
                pending = 0
            }
        }
        a %= Self.modulus
        b %= Self.modulus
    }

    var value: UInt32 { (b << 16) | a }

    static func checksum(_ bytes: some Collection<UInt8>) -> UInt32 {
        var adler = Adler32()
        adler.update(bytes)
        return adler.value
    }
}

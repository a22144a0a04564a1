/// Zipfian popularity spread over the key space: the rank drawn by `ZipfianDistribution` is mapped to a key
/// through a fixed permutation, so hot keys are scattered instead of clustered at 0, 1, 2, …
///
/// YCSB's ScrambledZipfianGenerator hashes the rank with FNV-1a 64 and reduces it modulo the key count,
/// which merges colliding ranks. Here the permutation orders the keys by their FNV-1a 64 hash instead:
/// the same hashing idea, but a bijection, so the rank-frequency profile is exactly Zipf's.
public struct ScrambledZipfianDistribution: KeyDistribution {
    public var count: UInt64 { zipfian.count }
    let zipfian: ZipfianDistribution
    /// rank → key.
    let permutation: [UInt64]

    public init(count: UInt64, theta: Double) {
        zipfian = ZipfianDistribution(count: count, theta: theta)
        var keys = Array(0..<count)
        keys.sort { a, b in
            let ha = FNV1a64.hash(a), hb = FNV1a64.hash(b)
            return ha != hb ? ha < hb : a < b
        }
        permutation = keys
    }

    @inline(__always)
    public func next(using rng: inout some RandomNumberGenerator) -> UInt64 {
        permutation[Int(zipfian.next(using: &rng))]
    }
}

/// FNV-1a, 64-bit (Fowler, Noll, Vo; parameters from the IETF draft-eastlake-fnv): offset basis
/// 0xcbf29ce484222325, prime 0x100000001b3, over the value's 8 bytes, least significant first.
public enum FNV1a64 {
    public static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    public static let prime: UInt64 = 0x0000_0100_0000_01B3

    @inline(__always)
    public static func hash(_ value: UInt64) -> UInt64 {
        var h = offsetBasis
        var v = value
        for _ in 0..<8 {
            h ^= v & 0xFF
            h &*= prime
            v >>= 8
        }
        return h
    }

    public static func hash(bytes: some Sequence<UInt8>) -> UInt64 {
        var h = offsetBasis
        for byte in bytes {
            h ^= UInt64(byte)
            h &*= prime
        }
        return h
    }
}

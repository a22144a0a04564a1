/// xoshiro256** 1.0 (Blackman & Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 2021):
/// the fast, statistically strong generator every worker and the dataset generator draw from.
///
/// Seeded through SplitMix64, as the authors recommend, so that any 64-bit seed (even 0) gives a
/// non-zero state.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    public init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        s0 = seeder.next()
        s1 = seeder.next()
        s2 = seeder.next()
        s3 = seeder.next()
    }

    /// An independent stream for one worker (or one dataset partition): same (seed, stream) → same numbers.
    public init(seed: UInt64, stream: UInt64) {
        self.init(seed: SplitMix64.mix(seed: seed, domain: 0x5354_5245_414D, index: stream))
    }

    /// A generator with this exact state (test vectors); the state must not be all zero.
    init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state != (0, 0, 0, 0), "Xoshiro256StarStar: the all-zero state is a fixed point")
        (s0, s1, s2, s3) = state
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inline(__always)
    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

extension RandomNumberGenerator {
    /// A double uniform in [0, 1) from the top 53 bits.
    @inline(__always)
    mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// An integer uniform in 0..<bound by Lemire's multiply-high (bias ≤ bound / 2^64, negligible here;
    /// no division on the hot path).
    @inline(__always)
    mutating func nextIndex(below bound: UInt64) -> UInt64 {
        bound.multipliedFullWidth(by: next()).high
    }
}

/// SplitMix64 (Steele, Lea, Flood: "Fast splittable pseudorandom number generators", OOPSLA 2014; the
/// constants are those of Vigna's reference `splitmix64.c`).
///
/// Used two ways: as a tiny sequential generator to seed `Xoshiro256StarStar`, and as a *stateless mixer*
/// (`mix`) so that derived values — a user's UUID, a conversation's participants — can be computed from
/// (seed, index) in O(1) without replaying a whole stream. That is what keeps the dataset, the operation
/// sources and the target in agreement without sharing tables.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The generator's whole state (public so the hot loops that inline `next()` across modules can use it).
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for stream `stream` (e.g. a worker) of a run seeded with `seed`: same pair, same stream.
    public init(seed: UInt64, stream: Int) {
        var mixer = SplitMix64(seed: seed ^ (0x9E37_79B9_7F4A_7C15 &* UInt64(stream &+ 1)))
        state = mixer.next()
    }

    // @inlinable: the load generator's worker loop draws from it per operation; inlining across modules
    // took the null-target loop from 2.2M to 3.4M ops/s (release, loaded machine; LoadGenerator's notes).
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.finalize(state)
    }

    /// A number in 0..<bound by multiply-shift (Lemire, "Fast random integer generation in an interval",
    /// 2019, without the rejection step: the bias is below bound / 2^64), instead of `%`, whose 64-bit
    /// division was the largest cost of choosing an operation.
    @inlinable
    public mutating func next(below bound: UInt64) -> UInt64 {
        next().multipliedFullWidth(by: bound).high
    }

    /// A uniform double in [0, 1) from the top 53 bits.
    @inlinable
    public mutating func nextUnitInterval() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// The SplitMix64 output function (a variant of MurmurHash3's fmix64): a bijection on UInt64.
    @inlinable
    public static func finalize(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A well-mixed value for (seed, domain, index): distinct domains keep e.g. user and conversation
    /// derivations independent even for equal indices.
    @inline(__always)
    public static func mix(seed: UInt64, domain: UInt64, index: UInt64) -> UInt64 {
        let a = finalize(seed &+ 0x9E37_79B9_7F4A_7C15 &* (domain &+ 1))
        return finalize(a ^ (index &* 0xD1B5_4A32_D192_ED03 &+ 0x8CB9_2BA7_2F3D_8DD7))
    }
}

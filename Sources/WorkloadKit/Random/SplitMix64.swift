/// SplitMix64 (Steele, Lea, Flood: "Fast splittable pseudorandom number generators", OOPSLA 2014; the
/// constants are those of Vigna's reference `splitmix64.c`).
///
/// Used two ways: as a tiny sequential generator to seed `Xoshiro256StarStar`, and as a *stateless mixer*
/// (`mix`) so that derived values — a user's UUID, a conversation's participants — can be computed from
/// (seed, index) in O(1) without replaying a whole stream. That is what keeps the dataset, the operation
/// sources and the target in agreement without sharing tables.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.finalize(state)
    }

    /// The SplitMix64 output function (a variant of MurmurHash3's fmix64): a bijection on UInt64.
    @inline(__always)
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

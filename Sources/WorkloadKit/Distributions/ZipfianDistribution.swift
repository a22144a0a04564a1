#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Zipf-distributed ranks: P(rank i) ∝ 1 / (i + 1)^θ for i in 0..<count; rank 0 is the most popular.
///
/// Drawn with the inverse-CDF approximation of Gray et al., "Quickly Generating Billion-Record Synthetic
/// Databases", SIGMOD 1994 (the method of YCSB's ZipfianGenerator): ranks 0 and 1 exactly, the tail by the
/// closed form `count · (η·u − η + 1)^α`. One uniform draw and one `pow` per key; the O(count) zeta sum is
/// paid once at construction. Valid for 0 < θ < 1 (α = 1 / (1 − θ) diverges at 1).
public struct ZipfianDistribution: KeyDistribution {
    public let count: UInt64
    public let theta: Double
    /// ζ(count, θ) = Σ_{i=1}^{count} 1 / i^θ.
    public let zetaN: Double
    let alpha: Double
    let eta: Double
    /// u·ζ below 1 → rank 0; below 1 + 0.5^θ → rank 1.
    let secondThreshold: Double

    public init(count: UInt64, theta: Double) {
        precondition(count >= 1, "ZipfianDistribution: count must be ≥ 1, got \(count)")
        precondition(theta > 0 && theta < 1, "ZipfianDistribution: theta must be in (0, 1), got \(theta)")
        self.count = count
        self.theta = theta
        let zetaN = ZipfianDistribution.zeta(count, theta)
        let zeta2 = ZipfianDistribution.zeta(min(count, 2), theta)
        self.zetaN = zetaN
        alpha = 1 / (1 - theta)
        // With count ≤ 2 the closed form is never reached (thresholds cover every u), so η is irrelevant.
        eta = count > 2 ? (1 - pow(2 / Double(count), 1 - theta)) / (1 - zeta2 / zetaN) : 0
        secondThreshold = 1 + pow(0.5, theta)
    }

    /// ζ(n, θ), summed smallest terms first for accuracy.
    static func zeta(_ n: UInt64, _ theta: Double) -> Double {
        var sum = 0.0
        var i = n
        while i >= 1 {
            sum += 1 / pow(Double(i), theta)
            i -= 1
        }
        return sum
    }

    @inline(__always)
    public func next(using rng: inout some RandomNumberGenerator) -> UInt64 {
        let u = rng.nextUnitDouble()
        let uz = u * zetaN
        if uz < 1 { return 0 }
        if uz < secondThreshold { return min(1, count - 1) }
        let rank = UInt64(Double(count) * pow(eta * u - eta + 1, alpha))
        return min(rank, count - 1)
    }
}

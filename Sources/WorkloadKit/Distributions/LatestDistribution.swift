/// Recency-skewed keys: the newest key (count − 1) is the most popular, then the one before it, … —
/// Zipf over recency, as YCSB's SkewedLatestGenerator (workload D: "read the latest inserts").
///
/// Conversations are numbered in creation order, so the highest indices are the newest.
public struct LatestDistribution: KeyDistribution {
    public var count: UInt64 { zipfian.count }
    let zipfian: ZipfianDistribution

    public init(count: UInt64, theta: Double) {
        zipfian = ZipfianDistribution(count: count, theta: theta)
    }

    @inline(__always)
    public func next(using rng: inout some RandomNumberGenerator) -> UInt64 {
        count - 1 - zipfian.next(using: &rng)
    }
}

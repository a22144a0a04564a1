import CacheKit

/// SHARDS: an approximate LRU miss-ratio curve from a spatially hashed sample of keys.
///
/// Waldspurger, Park, Garthwaite & Ahmad, "Efficient MRC Construction with SHARDS",
/// FAST'15, §3 (fixed-rate sampling):
///
///     keep a reference to key x iff hash(x) mod P < T        (rate R = T / P)
///     run Mattson on the kept references; a sampled distance d stands for d / R
///     SHARDS_adj: add (expected − actual) kept reads, N·R − n, to the smallest-distance
///     bucket, correcting for the sampled keys being hotter or colder than average
///
/// Because whole keys are sampled, every reuse of a kept key is kept and distances scale
/// by 1/R. Error estimate: the paper reports mean absolute error ≈ 0.002–0.01 for
/// R = 0.001–0.01 on its traces; here `errorEstimate` is measured on the trace itself as
/// the mean (over the curve's sizes) of the standard deviation of the hit ratio across
/// `replicas` independent hash salts.
public struct ShardsCurve: Sendable {
    public let rate: Double
    public let sampledReads: Int
    public let totalReads: Int
    let distances: StackDistances
    /// N·R − n (SHARDS_adj).
    let adjustment: Double
    let unit: CapacityUnit

    public init(trace: Trace, rate: Double, unit: CapacityUnit, writes: WriteEffect = .invalidate, salt: UInt64 = 0) {
        precondition(rate > 0 && rate <= 1, "SHARDS rate must lie in (0, 1], got \(rate)")
        let modulus: UInt64 = 1 << 24
        let threshold = UInt64(rate * Double(modulus))
        let sample: (UInt64) -> Bool = { key in Self.hash(key ^ salt) & (modulus - 1) < threshold }
        distances = StackDistances(trace: trace, writes: writes, bytes: unit == .bytes, sample: sample)
        self.rate = rate
        self.unit = unit
        sampledReads = distances.reads
        totalReads = trace.ops.reduce(0) { $0 + ($1 == .read ? 1 : 0) }
        adjustment = Double(totalReads) * rate - Double(sampledReads)
    }

    @inline(__always)
    static func hash(_ key: UInt64) -> UInt64 {
        var z = key &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Estimated LRU hit ratio at `capacity` (objects or bytes, full-trace scale).
    public func hitRatio(capacity: Int) -> Double {
        let expected = Double(sampledReads) + adjustment
        guard expected > 0 else { return 0 }
        let scaled = Int((Double(capacity) * rate).rounded(.down))
        let hits = Double(distances.hits(capacity: scaled, unit: unit)) + adjustment
        return min(1, max(0, hits / expected))
    }

    public func missRatio(capacity: Int) -> Double { 1 - hitRatio(capacity: capacity) }

    /// Mean over `sizes` of the standard deviation of the hit ratio across `replicas`
    /// differently salted samples (including this one's salt 0).
    public static func errorEstimate(trace: Trace, rate: Double, unit: CapacityUnit, sizes: [Int],
                                     writes: WriteEffect = .invalidate, replicas: Int = 4) -> Double {
        guard !sizes.isEmpty, replicas > 1 else { return 0 }
        let curves = (0..<UInt64(replicas)).map {
            ShardsCurve(trace: trace, rate: rate, unit: unit, writes: writes, salt: $0 &* 0x5851_F42D_4C95_7F2D)
        }
        var total = 0.0
        for size in sizes {
            let values = curves.map { $0.hitRatio(capacity: size) }
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
            total += variance.squareRoot()
        }
        return total / Double(sizes.count)
    }
}

/// A hot set and a cold set, each uniform inside (YCSB's HotspotIntegerGenerator): the first
/// `hotFraction` of the keys receive `hotProbability` of the draws.
public struct HotspotDistribution: KeyDistribution {
    public let count: UInt64
    public let hotCount: UInt64
    public let hotProbability: Double

    public init(count: UInt64, hotFraction: Double, hotProbability: Double) {
        precondition(count >= 1, "HotspotDistribution: count must be ≥ 1, got \(count)")
        precondition(hotFraction > 0 && hotFraction <= 1, "HotspotDistribution: hotFraction must be in (0, 1], got \(hotFraction)")
        precondition(hotProbability >= 0 && hotProbability <= 1, "HotspotDistribution: hotProbability must be in [0, 1], got \(hotProbability)")
        self.count = count
        self.hotCount = min(count, max(1, UInt64((Double(count) * hotFraction).rounded())))
        self.hotProbability = hotProbability
    }

    @inline(__always)
    public func next(using rng: inout some RandomNumberGenerator) -> UInt64 {
        let coldCount = count - hotCount
        if coldCount == 0 || rng.nextUnitDouble() < hotProbability {
            return rng.nextIndex(below: hotCount)
        }
        return hotCount + rng.nextIndex(below: coldCount)
    }
}

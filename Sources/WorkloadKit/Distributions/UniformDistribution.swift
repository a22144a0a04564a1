/// Every key equally likely (YCSB's UniformLongGenerator).
public struct UniformDistribution: KeyDistribution {
    public let count: UInt64

    public init(count: UInt64) {
        precondition(count >= 1, "UniformDistribution: count must be ≥ 1, got \(count)")
        self.count = count
    }

    @inline(__always)
    public func next(using rng: inout some RandomNumberGenerator) -> UInt64 {
        rng.nextIndex(below: count)
    }
}

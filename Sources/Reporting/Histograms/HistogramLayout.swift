/// The counts-array layout HdrHistogram derives from (lowest discernible value, significant digits).
///
/// hdrhistogram-swift keeps its counts array internal, so encoding and decoding recompute the
/// index of a value the way every HdrHistogram implementation does: buckets of `subBucketCount`
/// slots, each bucket covering twice the range of the one before with half the resolution.
struct HistogramLayout: Equatable {
    let unitMagnitude: Int
    let subBucketHalfCountMagnitude: Int

    init(lowestDiscernibleValue: UInt64, significantDigits: Int) {
        precondition(lowestDiscernibleValue >= 1, "lowestDiscernibleValue must be >= 1, got \(lowestDiscernibleValue)")
        precondition((0...5).contains(significantDigits), "significantDigits must be 0...5, got \(significantDigits)")
        unitMagnitude = 63 - lowestDiscernibleValue.leadingZeroBitCount
        var largestSingleUnit: UInt64 = 2
        for _ in 0..<significantDigits { largestSingleUnit *= 10 }
        // ceil(log2(largestSingleUnit))
        let subBucketCountMagnitude = 64 - (largestSingleUnit - 1).leadingZeroBitCount
        subBucketHalfCountMagnitude = max(subBucketCountMagnitude, 1) - 1
    }

    var subBucketHalfCount: Int { 1 << subBucketHalfCountMagnitude }
    var subBucketCount: Int { 1 << (subBucketHalfCountMagnitude + 1) }

    func countsIndex(for value: UInt64) -> Int {
        let subBucketMask = UInt64(subBucketCount - 1) << UInt64(unitMagnitude)
        let leadingZeroCountBase = 64 - unitMagnitude - (subBucketHalfCountMagnitude + 1)
        let bucketIndex = leadingZeroCountBase - (value | subBucketMask).leadingZeroBitCount
        let subBucketIndex = Int(value >> UInt64(bucketIndex + unitMagnitude))
        return ((bucketIndex + 1) << subBucketHalfCountMagnitude) + (subBucketIndex - subBucketHalfCount)
    }

    /// The lowest value counted at `index`.
    func value(at index: Int) -> UInt64 {
        var bucketIndex = (index >> subBucketHalfCountMagnitude) - 1
        var subBucketIndex = (index & (subBucketHalfCount - 1)) + subBucketHalfCount
        if bucketIndex < 0 {
            subBucketIndex -= subBucketHalfCount
            bucketIndex = 0
        }
        return UInt64(subBucketIndex) << UInt64(bucketIndex + unitMagnitude)
    }
}

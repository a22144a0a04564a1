import Histogram

/// HdrHistogram's `outputPercentileDistribution` text: the "Value Percentile TotalCount
/// 1/(1-Percentile)" table and the Mean/StdDeviation/Max/Total count/Buckets/SubBuckets footer.
///
/// hdrhistogram-swift implements the same format strings as the Java original, so this only picks
/// the unit and collects the text.
public enum PercentileDistribution {
    /// - Parameters:
    ///   - unitRatio: values are divided by this in the output (1000 prints nanosecond data as µs).
    ///   - ticksPerHalfDistance: reporting points per halving of the distance to 100% (HdrHistogram's default is 5).
    public static func text(_ histogram: Histogram<UInt64>, unitRatio: Double = 1, ticksPerHalfDistance: Int = 5) -> String {
        var text = ""
        histogram.outputPercentileDistribution(
            to: &text, outputValueUnitScalingRatio: unitRatio, percentileTicksPerHalfDistance: ticksPerHalfDistance)
        return text
    }
}

import Histogram

extension LatencySummary {
    /// The summary of a histogram of nanosecond values. Percentiles are HdrHistogram's
    /// `valueAtPercentile` (highest value equivalent to the percentile's bucket); `max` and `mean`
    /// are passed in when the caller knows them exactly, else taken from the histogram.
    ///
    /// A decoded histogram knows only the top bucket, not the exact max; given `exactMax`,
    /// percentiles are clamped to it as hdrhistogram-swift clamps to its recorded max, so a summary
    /// of a decoded (or merged) histogram equals the summary of the histogram it was encoded from.
    public init(histogram: Histogram<UInt64>, exactMax: UInt64? = nil, exactMean: Double? = nil) {
        let ceiling = exactMax ?? UInt64.max
        func at(_ percentile: Double) -> UInt64 { Swift.min(histogram.valueAtPercentile(percentile), ceiling) }
        self.init(
            unit: "ns", p50: at(50), p90: at(90), p99: at(99), p999: at(99.9), p9999: at(99.99),
            max: exactMax ?? histogram.max,
            mean: exactMean ?? histogram.mean)
    }

    /// The value of a named metric: "p50", "p90", "p99", "p999"/"p99.9", "p9999"/"p99.99", "max", "mean".
    func value(of metric: String) -> Double? {
        switch metric {
        case "p50": return Double(p50)
        case "p90": return Double(p90)
        case "p99": return Double(p99)
        case "p999", "p99.9": return Double(p999)
        case "p9999", "p99.99": return Double(p9999)
        case "max": return Double(max)
        case "mean": return mean
        default: return nil
        }
    }
}

import Histogram

extension LatencySummary {
    /// The summary of a histogram of nanosecond values. Percentiles are HdrHistogram's
    /// `valueAtPercentile` (highest value equivalent to the percentile's bucket); `max` and `mean`
    /// are passed in when the caller knows them exactly, else taken from the histogram.
    public init(histogram: Histogram<UInt64>, exactMax: UInt64? = nil, exactMean: Double? = nil) {
        self.init(
            unit: "ns",
            p50: histogram.valueAtPercentile(50),
            p90: histogram.valueAtPercentile(90),
            p99: histogram.valueAtPercentile(99),
            p999: histogram.valueAtPercentile(99.9),
            p9999: histogram.valueAtPercentile(99.99),
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

import Histogram

/// The histogram layout of every latency and service-time figure: 1 ns to 60 s, 3 significant digits.
/// All histograms of a run share it, so they merge losslessly.
public enum LatencyHistogram {
    public static let lowest: UInt64 = 1
    /// Longer latencies are recorded as 60 s (and the clamp is visible as a max of exactly 60 s).
    public static let highest: UInt64 = 60_000_000_000

    public static func make() -> Histogram<UInt64> {
        Histogram<UInt64>(lowestDiscernibleValue: lowest, highestTrackableValue: highest, numberOfSignificantValueDigits: .three)
    }
}

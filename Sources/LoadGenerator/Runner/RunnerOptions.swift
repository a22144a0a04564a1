import Histogram

/// Turns a histogram into the text `results.json` carries (HdrHistogram V2 compressed, base64).
public typealias HistogramEncoder = @Sendable (Histogram<UInt64>) -> String

/// What a run reports while it runs.
public struct ProgressSnapshot: Sendable {
    /// Seconds since the run (warmup included) started.
    public var elapsedSeconds: Double
    /// Warmup plus duration, when the run has a duration.
    public var plannedSeconds: Double?
    public var inWarmup: Bool
    /// Measured operations so far (all workers).
    public var operations: UInt64
    /// Whether an interval of the measured run has completed (the two figures below are 0 until then).
    public var hasInterval: Bool
    /// Throughput of the latest complete interval, operations per second.
    public var intervalThroughput: Double
    /// p99 latency of the latest complete interval, all patterns, nanoseconds.
    public var intervalP99: UInt64
}

public struct RunnerOptions: Sendable {
    /// Encodes interval histograms as they are finalised (nil: `IntervalPatternSnapshot.histogram` stays nil).
    public var histogramEncoder: HistogramEncoder?
    /// Called on the coordinating thread about every `progressPeriodSeconds` of real time.
    public var progress: (@Sendable (ProgressSnapshot) -> Void)?
    public var progressPeriodSeconds: Double

    public init(histogramEncoder: HistogramEncoder? = nil, progress: (@Sendable (ProgressSnapshot) -> Void)? = nil, progressPeriodSeconds: Double = 1) {
        self.histogramEncoder = histogramEncoder
        self.progress = progress
        self.progressPeriodSeconds = progressPeriodSeconds
    }
}

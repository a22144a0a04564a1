import Foundation
import WorkloadKit

/// Everything a run measured, before it is turned into `RunResults`.
public struct RunOutcome: Sendable {
    /// False when the run was stopped (Ctrl-C / `Runner.stop()`) before reaching its duration or count.
    public var complete: Bool
    /// Wall-clock time the run (warmup included) started.
    public var startedAt: Date
    public var spec: RunSpec
    public var seed: UInt64
    public var targetName: String
    /// Nanoseconds of measured time (after warmup) that the throughput figures divide by.
    public var measuredNanos: UInt64
    /// Whole-run figures per pattern (only patterns that ran).
    public var patterns: [Pattern: PatternRecorder]
    /// The time series, one entry per interval in order, gaps included as empty intervals.
    public var intervals: [IntervalSnapshot]

    public var measuredSeconds: Double { Double(measuredNanos) / 1e9 }
    public var totalOperations: UInt64 { patterns.values.reduce(0) { $0 + $1.operations } }
    public var totalErrors: UInt64 { patterns.values.reduce(0) { $0 + $1.errorCount } }
}

/// One interval of the time series.
public struct IntervalSnapshot: Sendable, Equatable {
    /// 0-based; the interval covers [index × interval, (index + 1) × interval) of measured time.
    public var index: Int
    public var patterns: [Pattern: IntervalPatternSnapshot]
}

public struct IntervalPatternSnapshot: Sendable, Equatable {
    public var operations: UInt64
    public var errors: UInt64
    /// Latency percentiles of the interval, nanoseconds.
    public var p50: UInt64
    public var p99: UInt64
    public var max: UInt64
    /// The interval's latency histogram, encoded by `RunnerOptions.histogramEncoder` if one was given.
    public var histogram: String?
}

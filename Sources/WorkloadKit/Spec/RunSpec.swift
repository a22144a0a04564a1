/// How a workload is driven: the `run:` section of a workload file (flags on `stbench run` override it).
/// Validated by the workload parser; the load generator trusts these values.
public struct RunSpec: Sendable, Hashable {
    public enum Mode: String, Sendable, Hashable { case closed, open }
    public enum Arrival: String, Sendable, Hashable { case constant, poisson }

    public var mode: Mode
    /// Worker threads (≥ 1).
    public var threads: Int
    /// Closed loop: outstanding operations per worker (1 = issue the next when the last completes).
    public var concurrency: Int
    /// Closed loop: pause between an operation's end and the next start, nanoseconds.
    public var thinkTimeNanos: UInt64
    /// Open loop: operations per second across all workers (> 0).
    public var targetRate: Double?
    /// Open loop: spacing of intended start times.
    public var arrival: Arrival
    public var warmupSeconds: Double
    /// Measured duration; the run stops at whichever of duration / operations comes first.
    public var durationSeconds: Double?
    /// Measured operations across all workers.
    public var operations: Int?
    /// Interval of the throughput / percentile time series (default 1 s).
    public var intervalSeconds: Double

    public init(
        mode: Mode = .closed, threads: Int = 1, concurrency: Int = 1, thinkTimeNanos: UInt64 = 0, targetRate: Double? = nil,
        arrival: Arrival = .constant, warmupSeconds: Double = 0, durationSeconds: Double? = 10, operations: Int? = nil,
        intervalSeconds: Double = 1
    ) {
        self.mode = mode
        self.threads = threads
        self.concurrency = concurrency
        self.thinkTimeNanos = thinkTimeNanos
        self.targetRate = targetRate
        self.arrival = arrival
        self.warmupSeconds = warmupSeconds
        self.durationSeconds = durationSeconds
        self.operations = operations
        self.intervalSeconds = intervalSeconds
    }
}

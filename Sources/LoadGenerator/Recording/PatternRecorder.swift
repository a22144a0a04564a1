import Histogram

/// One pattern's figures over some stretch of a run: latency and service-time histograms, operations and
/// errors by name. Values, merged by `add`.
public struct PatternRecorder: Sendable {
    /// From the intended start (open loop) or the actual start (closed loop) to the end.
    public var latency: Histogram<UInt64>
    /// From the actual start to the end.
    public var serviceTime: Histogram<UInt64>
    /// Completed operations, failed ones included (their latency is recorded too).
    public var operations: UInt64 = 0
    /// Failed operations by `TargetError.name`.
    public var errors: [String: UInt64] = [:]

    public init() {
        latency = LatencyHistogram.make()
        serviceTime = LatencyHistogram.make()
    }

    @inlinable
    mutating func record(latency: UInt64, serviceTime: UInt64) {
        operations &+= 1
        self.latency.record(Swift.min(latency, LatencyHistogram.highest))
        self.serviceTime.record(Swift.min(serviceTime, LatencyHistogram.highest))
    }

    @usableFromInline
    mutating func recordError(named name: String) {
        errors[name, default: 0] += 1
    }

    public mutating func add(_ other: PatternRecorder) {
        operations += other.operations
        latency.add(other.latency)
        serviceTime.add(other.serviceTime)
        for (name, count) in other.errors { errors[name, default: 0] += count }
    }

    public var errorCount: UInt64 { errors.values.reduce(0, +) }
}

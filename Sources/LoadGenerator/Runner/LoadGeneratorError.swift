import WorkloadKit

/// A run that cannot start, with what was wrong and what was expected.
public struct LoadGeneratorError: Error, CustomStringConvertible, Sendable, Equatable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }

    static func check(_ spec: RunSpec, sources: Int) throws(LoadGeneratorError) {
        guard spec.threads >= 1 else { throw LoadGeneratorError("run.threads is \(spec.threads); expected at least 1") }
        guard sources == spec.threads else {
            throw LoadGeneratorError("got \(sources) operation sources for \(spec.threads) threads; expected one per thread")
        }
        guard spec.concurrency == 1 else {
            throw LoadGeneratorError(
                "run.concurrency is \(spec.concurrency); this load generator supports 1 outstanding operation per worker thread (use more threads, or open-loop mode for a fixed arrival rate)"
            )
        }
        guard spec.intervalSeconds > 0, spec.intervalSeconds.isFinite else {
            throw LoadGeneratorError("run.interval is \(spec.intervalSeconds) s; expected a positive number of seconds")
        }
        guard spec.warmupSeconds >= 0, spec.warmupSeconds.isFinite else {
            throw LoadGeneratorError("run.warmup is \(spec.warmupSeconds) s; expected 0 or more seconds")
        }
        if let duration = spec.durationSeconds, !(duration > 0 && duration.isFinite) {
            throw LoadGeneratorError("run.duration is \(duration) s; expected a positive number of seconds")
        }
        if let operations = spec.operations, operations < 1 {
            throw LoadGeneratorError("run.operations is \(operations); expected at least 1")
        }
        guard spec.durationSeconds != nil || spec.operations != nil else {
            throw LoadGeneratorError("the run has neither a duration nor an operation count; expected at least one of them")
        }
        if spec.mode == .open {
            guard let rate = spec.targetRate else {
                throw LoadGeneratorError("open-loop mode needs run.rate (operations per second across all threads)")
            }
            guard rate > 0, rate.isFinite else { throw LoadGeneratorError("run.rate is \(rate); expected a positive number of operations per second") }
        }
    }
}

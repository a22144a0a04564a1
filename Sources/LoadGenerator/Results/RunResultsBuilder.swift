import Foundation
import Histogram
import Reporting
import WorkloadKit

/// Turns a `RunOutcome` into the `results.json` schema.
public enum RunResultsBuilder {
    public static func build(_ outcome: RunOutcome, context: RunContext) -> RunResults {
        let seconds = outcome.measuredSeconds
        var patterns: [String: PatternResults] = [:]
        for (pattern, recorder) in outcome.patterns {
            patterns[pattern.name] = PatternResults(
                operations: recorder.operations,
                throughput: rate(recorder.operations, seconds),
                errors: recorder.errors,
                latency: summary(recorder.latency),
                serviceTime: summary(recorder.serviceTime),
                latencyHistogram: context.histogramEncoder?(recorder.latency),
                serviceTimeHistogram: context.histogramEncoder?(recorder.serviceTime)
            )
        }
        let intervalSeconds = outcome.spec.intervalSeconds
        let intervals = outcome.intervals.map { snapshot in
            IntervalResults(
                t: min(Double(snapshot.index + 1) * intervalSeconds, max(seconds, Double(snapshot.index) * intervalSeconds)),
                patterns: Dictionary(uniqueKeysWithValues: snapshot.patterns.map { pattern, figures in
                    (pattern.name, IntervalPattern(operations: figures.operations, p50: figures.p50, p99: figures.p99, max: figures.max, histogram: figures.histogram))
                })
            )
        }
        let spec = outcome.spec
        let open = spec.mode == .open
        return RunResults(
            tool: context.tool,
            workload: WorkloadInfo(name: context.workloadName, file: context.workloadFile, seed: outcome.seed),
            target: outcome.targetName,
            complete: outcome.complete,
            startedAt: iso8601(outcome.startedAt),
            environment: context.environment,
            run: RunSettings(
                mode: spec.mode.rawValue, threads: spec.threads, targetRate: open ? spec.targetRate : nil,
                arrival: open ? spec.arrival.rawValue : nil, warmupSeconds: spec.warmupSeconds, measuredSeconds: seconds
            ),
            totals: Totals(operations: outcome.totalOperations, errors: outcome.totalErrors, throughput: rate(outcome.totalOperations, seconds)),
            patterns: patterns,
            intervals: intervals,
            metrics: context.metrics
        )
    }

    /// p50 … p99.99, max and mean of a histogram (zeros when it is empty).
    public static func summary(_ histogram: Histogram<UInt64>) -> LatencySummary {
        guard histogram.totalCount > 0 else { return LatencySummary(p50: 0, p90: 0, p99: 0, p999: 0, p9999: 0, max: 0, mean: 0) }
        return LatencySummary(
            p50: histogram.valueAtPercentile(50), p90: histogram.valueAtPercentile(90), p99: histogram.valueAtPercentile(99),
            p999: histogram.valueAtPercentile(99.9), p9999: histogram.valueAtPercentile(99.99), max: histogram.max,
            mean: histogram.mean
        )
    }

    private static func rate(_ operations: UInt64, _ seconds: Double) -> Double {
        seconds > 0 ? Double(operations) / seconds : 0
    }

    /// "2026-11-22T00:01:43.123Z" (UTC, milliseconds), as the schema asks.
    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}

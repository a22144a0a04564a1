import WorkloadKit

/// HdrHistogram's classic percentile distribution (`outputPercentileDistribution`) per pattern, in
/// microseconds, for `stbench run --percentiles`.
public enum PercentileDistribution {
    public static func render(_ outcome: RunOutcome) -> String {
        var text = ""
        for pattern in Pattern.allCases {
            guard let recorder = outcome.patterns[pattern], recorder.operations > 0 else { continue }
            text += "\n# \(pattern.name): latency (µs)\n"
            recorder.latency.outputPercentileDistribution(to: &text, outputValueUnitScalingRatio: 1000)
            if outcome.spec.mode == .open {
                text += "\n# \(pattern.name): service time (µs)\n"
                recorder.serviceTime.outputPercentileDistribution(to: &text, outputValueUnitScalingRatio: 1000)
            }
        }
        return text
    }
}

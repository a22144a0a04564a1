/// Median and spread of the repetitions of one figure.
public struct SampleStatistics: Sendable, Equatable {
    public var samples: [Double]

    public init(_ samples: [Double]) { self.samples = samples }

    public var count: Int { samples.count }

    public var median: Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    public var mean: Double { samples.isEmpty ? .nan : samples.reduce(0, +) / Double(samples.count) }

    /// Coefficient of variation: sample standard deviation over mean (nil below two samples).
    public var coefficientOfVariation: Double? {
        guard samples.count >= 2 else { return nil }
        let mean = self.mean
        guard mean != 0 else { return nil }
        let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(samples.count - 1)
        return variance.squareRoot() / abs(mean)
    }
}

import CacheKit

/// Everything `stbench cache analyze` computes; Codable so Reporting can render the curves.
public struct AnalysisReport: Codable, Sendable {
    public var trace: TraceSummary
    public var unit: CapacityUnit
    public var writes: WriteEffect
    public var sizes: [Int]
    public var targetHitRatio: Double
    /// One curve per policy (and "belady", the offline bound), at `sizes`.
    public var policies: [PolicyCurve]
    /// Exact LRU curve from Mattson stack distances (nil when skipped for size).
    public var lru: LRUCurve?
    /// SHARDS-sampled LRU curve, when a sampling rate was asked for (or the trace was too
    /// large for the exact pass).
    public var shards: SampledCurve?
    public var reuseHistogram: [ReuseBucket]
    public var staleness: [StalenessPoint]
    public var cost: CostSection?
    public var timings: Timings

    public struct Timings: Codable, Sendable, Hashable {
        public var simulationSeconds = 0.0
        public var lruCurveSeconds = 0.0
        /// CPU time of the Mattson pass (thread clock).
        public var lruCurveCPUSeconds = 0.0
        public var shardsSeconds = 0.0
    }
}

public struct CurvePoint: Codable, Sendable, Hashable {
    public var size: Int
    public var hitRatio: Double
    public var missRatio: Double
    public var byteMissRatio: Double
}

public struct PolicyPoint: Codable, Sendable, Hashable {
    public var size: Int
    public var hitRatio: Double
    public var missRatio: Double
    public var byteMissRatio: Double
    public var evictions: Int
    /// Hit ratio per access pattern (index = pattern; nil where the pattern had no reads).
    public var patternHitRatios: [Double?]
}

public struct PolicyCurve: Codable, Sendable, Hashable {
    public var policy: String
    public var points: [PolicyPoint]
    /// Smallest simulated size reaching the target hit ratio (nil if none does).
    public var sizeForTarget: Int?
    /// Knee of the curve among the simulated sizes (Kneedle over log size).
    public var kneeSize: Int?
}

public struct LRUCurve: Codable, Sendable, Hashable {
    public var points: [CurvePoint]
    /// Exact smallest LRU size reaching the target (any size, not only simulated ones).
    public var sizeForTarget: Int?
    public var kneeSize: Int?
    public var coldMisses: Int
}

public struct SampledCurve: Codable, Sendable, Hashable {
    public var rate: Double
    public var sampledReads: Int
    public var points: [CurvePoint]
    /// Mean standard deviation of the hit ratio across 4 salted samples.
    public var errorEstimate: Double
    /// Mean |SHARDS − exact| over the points, when the exact curve was computed too.
    public var meanAbsoluteErrorVersusExact: Double?
}

public struct CostSection: Codable, Sendable, Hashable {
    public var model: CostModel
    public var lines: [CostLine]
}

/// The subset of a `SimulationResult` the cost model needs.
struct SimulationResultSummary {
    var reads: Int
    var hitReadUnits: Int
}

/// Miss-ratio curves by eviction policy, from the cache analyser, for the HTML report.
///
/// JSON: `{"unit": "objects", "policies": {"lru": [{"size": 1000, "missRatio": 0.41}, ...], ...}}`.
public struct MissRatioCurves: Codable, Sendable, Equatable {
    public struct Point: Codable, Sendable, Equatable {
        public var size: Double
        public var missRatio: Double
        public init(size: Double, missRatio: Double) {
            self.size = size
            self.missRatio = missRatio
        }
    }

    /// What `size` counts: "objects" or "bytes".
    public var unit: String
    public var policies: [String: [Point]]

    public init(unit: String = "objects", policies: [String: [Point]]) {
        self.unit = unit
        self.policies = policies
    }
}

/// One run of one contender: nanoseconds per operation, checksums, and the insert phase's allocated bytes.
public struct IndexRun: Sendable, Hashable, Codable {
    public var insertNanos: Double
    public var getNanos: Double
    /// nil when the contender has no key-range lookup.
    public var rangeNanos: Double?
    public var getChecksum: Int
    public var rangeChecksum: Int?
    /// Bytes allocated (net) by building the map, keys excluded (every contender gets prebuilt keys).
    public var insertBytes: Int
    /// The engine's tree after the inserts: levels, and elements per leaf slot (0 ... 1). nil for the other
    /// contenders, whose internals are not visible.
    public var treeShape: TreeShape?

    public struct TreeShape: Sendable, Hashable, Codable {
        public var height: Int
        public var leafFill: Double

        public init(height: Int, leafFill: Double) {
            self.height = height
            self.leafFill = leafFill
        }
    }

    public init(insertNanos: Double, getNanos: Double, rangeNanos: Double?, getChecksum: Int, rangeChecksum: Int?, insertBytes: Int,
                treeShape: TreeShape? = nil) {
        self.insertNanos = insertNanos
        self.getNanos = getNanos
        self.rangeNanos = rangeNanos
        self.getChecksum = getChecksum
        self.rangeChecksum = rangeChecksum
        self.insertBytes = insertBytes
        self.treeShape = treeShape
    }
}

/// A contender's runs, or why it was skipped.
public struct ContenderResult: Sendable, Codable {
    public var name: String
    /// How its memory figure was measured.
    public var memoryMethod: String
    public var runs: [IndexRun]
    public var skipped: String?

    public init(name: String, memoryMethod: String, runs: [IndexRun], skipped: String? = nil) {
        self.name = name
        self.memoryMethod = memoryMethod
        self.runs = runs
        self.skipped = skipped
    }
}

/// Median and spread of a figure over runs.
public struct Spread: Sendable, Hashable, Codable {
    public var median: Double
    public var minimum: Double
    public var maximum: Double

    /// nil for no values. The median of an even count is the mean of the middle two.
    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        minimum = sorted[0]
        maximum = sorted[sorted.count - 1]
    }
}

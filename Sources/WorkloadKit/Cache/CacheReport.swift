/// What a cached run measured: per read pattern, and the cache's resident size at the end.
public struct CacheReport: Sendable, Hashable {
    public struct PatternFigures: Sendable, Hashable {
        public var hits: UInt64
        public var misses: UInt64
        /// Hits served although a write to the page's partition came after the page was filled.
        public var staleReads: UInt64
        public init(hits: UInt64, misses: UInt64, staleReads: UInt64) {
            self.hits = hits
            self.misses = misses
            self.staleReads = staleReads
        }
        public var hitRatio: Double { hits + misses == 0 ? 0 : Double(hits) / Double(hits + misses) }
        /// Stale reads per read of the pattern.
        public var staleRate: Double { hits + misses == 0 ? 0 : Double(staleReads) / Double(hits + misses) }
    }

    public var spec: CacheSpec
    /// A and B (the patterns that read through the cache).
    public var patterns: [Pattern: PatternFigures]
    public var entries: Int
    /// Sum of resident pages' DynamoDB sizes.
    public var bytes: Int
    public var evictions: Int
    public var invalidations: Int
    public var expirations: Int

    /// Hits over reads, A and B together.
    public var hitRatio: Double {
        let hits = patterns.values.reduce(0) { $0 + $1.hits }, reads = patterns.values.reduce(0) { $0 + $1.hits + $1.misses }
        return reads == 0 ? 0 : Double(hits) / Double(reads)
    }
}

/// Counters of a `ReadAsideCache` (summed over shards when read).
public struct CacheStats: Sendable, Hashable, Codable {
    public var hits = 0
    public var misses = 0
    public var puts = 0
    public var evictions = 0
    /// Gets that found an entry older than the TTL (counted in `misses` too).
    public var expirations = 0
    public var invalidations = 0
    public var entries = 0
    /// Sum of resident entries' sizes (0 unless a size function was configured).
    public var bytes = 0

    public init() {}

    public var hitRatio: Double { hits + misses == 0 ? 0 : Double(hits) / Double(hits + misses) }

    static func + (a: CacheStats, b: CacheStats) -> CacheStats {
        var s = a
        s.hits += b.hits; s.misses += b.misses; s.puts += b.puts; s.evictions += b.evictions
        s.expirations += b.expirations; s.invalidations += b.invalidations
        s.entries += b.entries; s.bytes += b.bytes
        return s
    }
}

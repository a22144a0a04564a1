/// What capacity counts.
public enum CapacityUnit: String, Sendable, Codable, CaseIterable {
    case objects
    case bytes
}

/// What a traced write does to a read-aside cache.
public enum WriteEffect: String, Sendable, Codable, CaseIterable {
    /// Delete the cached copy (the usual read-aside discipline).
    case invalidate
    /// Write-through: refresh the cached copy (insert it if absent).
    case update
    /// Leave the cache alone; only the TTL bounds staleness.
    case ignore
}

public struct SimulationOptions: Sendable, Hashable, Codable {
    public var capacity: Int
    public var unit: CapacityUnit
    /// Entries older than this are misses and are removed; nil = no TTL.
    public var ttlNanoseconds: UInt64?
    public var writes: WriteEffect

    public init(capacity: Int, unit: CapacityUnit = .objects, ttlNanoseconds: UInt64? = nil, writes: WriteEffect = .invalidate) {
        self.capacity = capacity
        self.unit = unit
        self.ttlNanoseconds = ttlNanoseconds
        self.writes = writes
    }
}

/// Counts from replaying a trace through one policy at one size.
public struct SimulationResult: Sendable, Hashable, Codable {
    public var reads = 0
    public var hits = 0
    public var readBytes = 0
    public var hitBytes = 0
    public var evictions = 0
    public var expirations = 0
    /// Σ over hits of ⌈size / 4 KB⌉: the DynamoDB read units the hits would have consumed
    /// with strongly consistent reads (halve for eventually consistent).
    public var hitReadUnits = 0
    public var readUnits = 0
    /// Reads and hits per access pattern (index = pattern).
    public var patternReads: [Int] = []
    public var patternHits: [Int] = []

    public init() {}

    public var misses: Int { reads - hits }
    public var hitRatio: Double { reads == 0 ? 0 : Double(hits) / Double(reads) }
    public var missRatio: Double { reads == 0 ? 0 : 1 - hitRatio }
    public var byteHitRatio: Double { readBytes == 0 ? 0 : Double(hitBytes) / Double(readBytes) }
    public var byteMissRatio: Double { readBytes == 0 ? 0 : 1 - byteHitRatio }
}

import CacheKit

/// How stale a TTL-only cache would be: for each TTL, replay the trace through an infinite
/// cache in which writes do not touch the cache (only the TTL bounds staleness).
///
///     read x at t: if x cached and t − filled(x) < TTL: hit; stale if a write to x came
///                  after the fill
///                  else: miss; fill x at t (with the current data)
///     write x: remember it;  invalidate x: drop x's cached copy
///
/// The stale share is what a "TTL instead of invalidation" design would serve; the hit
/// ratio is the ceiling that TTL imposes on any cache size.
public struct StalenessPoint: Codable, Sendable, Hashable {
    public var ttlNanoseconds: UInt64
    public var reads: Int
    public var hits: Int
    public var staleReads: Int
    public var hitRatio: Double { reads == 0 ? 0 : Double(hits) / Double(reads) }
    public var staleReadRatio: Double { reads == 0 ? 0 : Double(staleReads) / Double(reads) }

    enum CodingKeys: String, CodingKey { case ttlNanoseconds, reads, hits, staleReads, hitRatio, staleReadRatio }

    public init(ttlNanoseconds: UInt64, reads: Int, hits: Int, staleReads: Int) {
        self.ttlNanoseconds = ttlNanoseconds
        self.reads = reads
        self.hits = hits
        self.staleReads = staleReads
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(ttlNanoseconds: try c.decode(UInt64.self, forKey: .ttlNanoseconds), reads: try c.decode(Int.self, forKey: .reads),
                  hits: try c.decode(Int.self, forKey: .hits), staleReads: try c.decode(Int.self, forKey: .staleReads))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(ttlNanoseconds, forKey: .ttlNanoseconds)
        try c.encode(reads, forKey: .reads)
        try c.encode(hits, forKey: .hits)
        try c.encode(staleReads, forKey: .staleReads)
        try c.encode(hitRatio, forKey: .hitRatio)
        try c.encode(staleReadRatio, forKey: .staleReadRatio)
    }

    public static func measure(trace: Trace, ttlNanoseconds ttl: UInt64) -> StalenessPoint {
        var fillIndex = IndexMap(minimumCapacity: 1 << 14)   // key → index of the fill
        var lastWrite = IndexMap(minimumCapacity: 1 << 12)   // key → index of the latest write
        var reads = 0, hits = 0, stale = 0
        for i in 0..<trace.count {
            let key = trace.keys[i]
            switch trace.ops[i] {
            case .read:
                reads += 1
                if let f = fillIndex.find(key), trace.times[i] &- trace.times[f] < ttl {
                    hits += 1
                    if let w = lastWrite.find(key), w > f { stale += 1 }
                } else {
                    fillIndex.set(key, i)
                }
            case .write:
                lastWrite.set(key, i)
            case .invalidate:
                fillIndex.remove(key)
            }
        }
        return StalenessPoint(ttlNanoseconds: ttl, reads: reads, hits: hits, staleReads: stale)
    }
}

import CacheKit

/// Facts about a trace that don't depend on a cache: volume, working set, skew.
public struct TraceSummary: Codable, Sendable, Hashable {
    public var requests = 0
    public var reads = 0
    public var writes = 0
    public var invalidations = 0
    /// Distinct keys read or written.
    public var uniqueKeys = 0
    /// Σ over distinct keys of their latest size.
    public var uniqueBytes = 0
    public var meanReadSize = 0.0
    /// Share of read keys read exactly once (no cache can ever hit them).
    public var oneHitWonderRatio = 0.0
    /// Share of reads that are the first read of their key (an infinite cache's misses,
    /// ignoring invalidations).
    public var compulsoryMissRatio = 0.0
    public var durationNanoseconds: UInt64 = 0
    public var patterns: [PatternSummary] = []

    public struct PatternSummary: Codable, Sendable, Hashable {
        public var pattern: Int
        public var reads: Int
        public var uniqueKeys: Int
    }

    public init(trace: Trace) {
        requests = trace.count
        var lastSize = IndexMap(minimumCapacity: 1 << 14)
        var readCount = IndexMap(minimumCapacity: 1 << 14)
        var readBytes = 0
        var patternReads: [Int] = []
        var patternKeys: [IndexMap] = []
        for i in 0..<trace.count {
            let key = trace.keys[i]
            lastSize.set(key, Int(trace.sizes[i]))
            switch trace.ops[i] {
            case .read:
                reads += 1
                readBytes += Int(trace.sizes[i])
                readCount.set(key, (readCount.find(key) ?? 0) + 1)
                let p = Int(trace.patterns[i])
                while patternReads.count <= p { patternReads.append(0); patternKeys.append(IndexMap()) }
                patternReads[p] += 1
                patternKeys[p].set(key, 1)
            case .write: writes += 1
            case .invalidate: invalidations += 1
            }
        }
        uniqueKeys = lastSize.count
        var total = 0
        var once = 0
        for i in 0..<trace.count where lastSize.find(trace.keys[i]) != nil {
            let key = trace.keys[i]
            total += lastSize.remove(key) ?? 0
            if readCount.find(key) == 1 { once += 1 }
        }
        uniqueBytes = total
        meanReadSize = reads == 0 ? 0 : Double(readBytes) / Double(reads)
        oneHitWonderRatio = readCount.count == 0 ? 0 : Double(once) / Double(readCount.count)
        compulsoryMissRatio = reads == 0 ? 0 : Double(readCount.count) / Double(reads)
        if let first = trace.times.first, let last = trace.times.last, last >= first { durationNanoseconds = last - first }
        patterns = patternReads.indices.filter { patternReads[$0] > 0 }.map {
            PatternSummary(pattern: $0, reads: patternReads[$0], uniqueKeys: patternKeys[$0].count)
        }
    }
}

import CacheKit

/// LRU stack distances of every read, from which the exact LRU miss-ratio curve at every
/// size follows in one pass.
///
/// Mattson, Gecsei, Slutz & Traiger, "Evaluation techniques for storage hierarchies", IBM
/// Systems Journal 9(2), 1970: LRU is a stack algorithm, so a read hits in an LRU cache of
/// size C iff its stack distance (distinct objects, or their bytes, referenced since the
/// previous read of the same key, itself included) is ≤ C.
///
/// Distances come from a Fenwick tree over read times holding a marker (1, or the object's
/// size) at each key's latest read: distance = markers after the previous read + the key
/// itself. O(N log N) time, O(N) memory.
///
/// In bytes the curve is exact for capacities of at least the largest object (smaller
/// caches bypass objects that cannot fit, which the stack still counts) when each key keeps
/// one size.
///
/// Writes under `.invalidate` and explicit invalidations remove the key from the stack (its
/// next read is cold). That is exact only without invalidations: after a removal, a real
/// LRU cache does not get back the entry that had been pushed out, so with invalidations
/// the curve is an optimistic approximation.
public struct StackDistances: Sendable {
    /// `cumulativeHits[d]`: reads whose object stack distance is ≤ d (d = 0 … max).
    private var cumulativeHits: [Int]
    /// `cumulativeHitBytes[d]`: Σ size of those reads.
    private var cumulativeHitBytes: [Int]
    /// `objectHistogram[d]`: reads at object stack distance exactly d.
    private var objectHistogram: [Int]
    /// Byte stack distances of the reads that had a previous read, ascending (empty unless
    /// computed with `bytes: true`).
    public private(set) var byteDistances: [Int]
    private var cumulativeBytesByByteDistance: [Int]
    /// Reads with no previous read of their key (or whose key was invalidated since).
    public private(set) var coldMisses: Int
    public private(set) var reads: Int
    public private(set) var readBytes: Int

    /// Computes the distances of `trace`'s reads. `sample`, when given, keeps only reads
    /// (and writes) of keys it accepts: SHARDS uses it. Byte distances cost a second
    /// Fenwick tree and a sort; ask for them with `bytes` only when needed.
    public init(trace: Trace, writes: WriteEffect = .invalidate, bytes includeBytes: Bool = true,
                sample: ((UInt64) -> Bool)? = nil) {
        let n = trace.count
        var objects = FenwickTree(count: n)
        var bytes = FenwickTree(count: includeBytes ? n : 0)
        var last = IndexMap(minimumCapacity: 1 << 14)  // key → position of its latest read
        var sizeAt = [Int](repeating: 0, count: includeBytes ? n : 0)
        var histogram = [Int](repeating: 0, count: 1)
        var histogramBytes = [Int](repeating: 0, count: 1)
        struct ByteReuse { var distance: Int; var size: Int }
        var byteReuses: [ByteReuse] = []
        if includeBytes { byteReuses.reserveCapacity(n) }
        var live = 0, liveBytes = 0
        var cold = 0, reads = 0, readBytes = 0
        let keys = trace.keys, sizes = trace.sizes, ops = trace.ops
        do {
            for t in 0..<n {
                let key = keys[t]
                if let sample, !sample(key) { continue }
                let op = ops[t]
                if op != .read {
                    if op == .invalidate || writes == .invalidate, let p = last.remove(key) {
                        objects.add(p, -1)
                        live -= 1
                        if includeBytes { bytes.add(p, -sizeAt[p]); liveBytes -= sizeAt[p] }
                    }
                    continue
                }
                let size = Int(sizes[t])
                reads += 1
                readBytes += size
                if let p = last.find(key) {
                    // Markers after p: the distinct keys read since, each once. Every marker
                    // sits before t, so that is `live` minus the markers up to p.
                    let d = live - objects.prefixSum(p + 1) + 1
                    while histogram.count <= d { histogram.append(0); histogramBytes.append(0) }
                    histogram[d] += 1
                    histogramBytes[d] += size
                    objects.add(p, -1)
                    live -= 1
                    if includeBytes {
                        byteReuses.append(ByteReuse(distance: liveBytes - bytes.prefixSum(p + 1) + size, size: size))
                        bytes.add(p, -sizeAt[p])
                        liveBytes -= sizeAt[p]
                    }
                } else {
                    cold += 1
                }
                objects.add(t, 1)
                live += 1
                if includeBytes {
                    bytes.add(t, size)
                    liveBytes += size
                    sizeAt[t] = size
                }
                last.set(key, t)
            }
        }
        var running = 0, runningBytes = 0
        cumulativeHits = histogram.map { running += $0; return running }
        cumulativeHitBytes = histogramBytes.map { runningBytes += $0; return runningBytes }
        objectHistogram = histogram
        byteReuses.sort { $0.distance < $1.distance }
        byteDistances = byteReuses.map(\.distance)
        runningBytes = 0
        cumulativeBytesByByteDistance = byteReuses.map { runningBytes += $0.size; return runningBytes }
        coldMisses = cold
        self.reads = reads
        self.readBytes = readBytes
    }

    /// Number of elements of a sorted array ≤ value.
    static func countAtMost(_ sorted: [Int], _ value: Int) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] <= value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Hits of an LRU cache holding `capacity` objects (or bytes).
    public func hits(capacity: Int, unit: CapacityUnit) -> Int {
        guard capacity > 0 else { return 0 }
        switch unit {
        case .objects: return cumulativeHits[min(capacity, cumulativeHits.count - 1)]
        case .bytes: return Self.countAtMost(byteDistances, capacity)
        }
    }

    public func missRatio(capacity: Int, unit: CapacityUnit) -> Double {
        reads == 0 ? 0 : 1 - Double(hits(capacity: capacity, unit: unit)) / Double(reads)
    }

    /// Share of read bytes missed by an LRU cache of `capacity` objects (or bytes).
    public func byteMissRatio(capacity: Int, unit: CapacityUnit) -> Double {
        guard readBytes > 0, capacity > 0 else { return readBytes > 0 ? 1 : 0 }
        let hit: Int
        switch unit {
        case .objects:
            hit = cumulativeHitBytes[min(capacity, cumulativeHitBytes.count - 1)]
        case .bytes:
            let k = Self.countAtMost(byteDistances, capacity)
            hit = k == 0 ? 0 : cumulativeBytesByByteDistance[k - 1]
        }
        return 1 - Double(hit) / Double(readBytes)
    }

    /// The smallest LRU size whose hit ratio reaches `target`, or nil if even an infinite
    /// cache cannot (cold misses).
    public func smallestCapacity(hitRatio target: Double, unit: CapacityUnit) -> Int? {
        let needed = Int((target * Double(reads)).rounded(.up))
        if needed <= 0 { return 0 }
        switch unit {
        case .objects:
            guard let total = cumulativeHits.last, needed <= total else { return nil }
            var lo = 0, hi = cumulativeHits.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulativeHits[mid] >= needed { hi = mid } else { lo = mid + 1 }
            }
            return lo
        case .bytes:
            guard needed <= byteDistances.count else { return nil }
            return byteDistances[needed - 1]
        }
    }

    /// Reuse-distance histogram: object stack distances in power-of-two buckets
    /// (bucket i counts distances in [2ⁱ, 2ⁱ⁺¹)).
    public func reuseHistogram() -> [ReuseBucket] {
        var counts: [Int] = []
        for (d, c) in objectHistogram.enumerated() where d > 0 && c > 0 {
            let b = Int.bitWidth - 1 - d.leadingZeroBitCount
            while counts.count <= b { counts.append(0) }
            counts[b] += c
        }
        return counts.enumerated().map { ReuseBucket(from: 1 << $0.offset, to: (1 << ($0.offset + 1)) - 1, reads: $0.element) }
    }
}

/// Reads whose reuse (stack) distance lies in from...to.
public struct ReuseBucket: Codable, Sendable, Hashable {
    public var from: Int
    public var to: Int
    public var reads: Int
}

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
    /// Object stack distances of the reads that had a previous read, ascending.
    public private(set) var objectDistances: [Int]
    /// Byte stack distances of the same reads, ascending.
    public private(set) var byteDistances: [Int]
    /// Reads with no previous read of their key (or whose key was invalidated since).
    public private(set) var coldMisses: Int
    public private(set) var reads: Int
    /// Running Σ of the sizes of the reads in `objectDistances` / `byteDistances` order,
    /// for byte miss ratios.
    private var cumulativeBytesByObjectDistance: [Int]
    private var cumulativeBytesByByteDistance: [Int]
    public private(set) var readBytes: Int

    /// Computes the distances of `trace`'s reads. `sample`, when given, keeps only reads
    /// (and writes) of keys it accepts: SHARDS uses it.
    public init(trace: Trace, writes: WriteEffect = .invalidate, sample: ((UInt64) -> Bool)? = nil) {
        let n = trace.count
        var objects = FenwickTree(count: n)
        var bytes = FenwickTree(count: n)
        var last = IndexMap(minimumCapacity: 1 << 14)  // key → position of its latest read
        var sizeAt = [Int](repeating: 0, count: n)
        var objectDistances: [Int] = []
        var byteDistances: [Int] = []
        var hitSizes: [Int] = []
        objectDistances.reserveCapacity(n)
        byteDistances.reserveCapacity(n)
        hitSizes.reserveCapacity(n)
        var cold = 0, reads = 0, readBytes = 0
        trace.keys.withUnsafeBufferPointer { keys in
        trace.sizes.withUnsafeBufferPointer { sizes in
        trace.ops.withUnsafeBufferPointer { ops in
            for t in 0..<n {
                let key = keys[t]
                if let sample, !sample(key) { continue }
                let op = ops[t]
                if op != .read {
                    if op == .invalidate || writes == .invalidate, let p = last.remove(key) {
                        objects.add(p, -1)
                        bytes.add(p, -sizeAt[p])
                    }
                    continue
                }
                let size = Int(sizes[t])
                reads += 1
                readBytes += size
                if let p = last.find(key) {
                    let objectsAfter = objects.prefixSum(t) - objects.prefixSum(p + 1)
                    let bytesAfter = bytes.prefixSum(t) - bytes.prefixSum(p + 1)
                    objectDistances.append(objectsAfter + 1)
                    byteDistances.append(bytesAfter + size)
                    hitSizes.append(size)
                    objects.add(p, -1)
                    bytes.add(p, -sizeAt[p])
                } else {
                    cold += 1
                }
                objects.add(t, 1)
                bytes.add(t, size)
                sizeAt[t] = size
                last.set(key, t)
            }
        }}}
        func sortedWithCumulativeBytes(_ distances: [Int]) -> ([Int], [Int]) {
            let order = distances.indices.sorted { distances[$0] < distances[$1] }
            var running = 0
            let cumulative = order.map { running += hitSizes[$0]; return running }
            return (order.map { distances[$0] }, cumulative)
        }
        (self.objectDistances, cumulativeBytesByObjectDistance) = sortedWithCumulativeBytes(objectDistances)
        (self.byteDistances, cumulativeBytesByByteDistance) = sortedWithCumulativeBytes(byteDistances)
        self.coldMisses = cold
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
        Self.countAtMost(unit == .objects ? objectDistances : byteDistances, capacity)
    }

    public func missRatio(capacity: Int, unit: CapacityUnit) -> Double {
        reads == 0 ? 0 : 1 - Double(hits(capacity: capacity, unit: unit)) / Double(reads)
    }

    /// Share of read bytes missed by an LRU cache of `capacity` objects (or bytes).
    public func byteMissRatio(capacity: Int, unit: CapacityUnit) -> Double {
        guard readBytes > 0 else { return 0 }
        let k = hits(capacity: capacity, unit: unit)
        let cumulative = unit == .objects ? cumulativeBytesByObjectDistance : cumulativeBytesByByteDistance
        let hit = k == 0 ? 0 : cumulative[k - 1]
        return 1 - Double(hit) / Double(readBytes)
    }

    /// The smallest LRU size whose hit ratio reaches `target`, or nil if even an infinite
    /// cache cannot (cold misses).
    public func smallestCapacity(hitRatio target: Double, unit: CapacityUnit) -> Int? {
        let sorted = unit == .objects ? objectDistances : byteDistances
        let needed = Int((target * Double(reads)).rounded(.up))
        if needed <= 0 { return 0 }
        guard needed <= sorted.count else { return nil }
        return sorted[needed - 1]
    }

    /// Reuse-distance histogram: object stack distances in power-of-two buckets
    /// (bucket i counts distances in [2ⁱ, 2ⁱ⁺¹)).
    public func reuseHistogram() -> [ReuseBucket] {
        var counts: [Int] = []
        for d in objectDistances {
            let b = Int.bitWidth - 1 - d.leadingZeroBitCount
            while counts.count <= b { counts.append(0) }
            counts[b] += 1
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

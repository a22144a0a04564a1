/// Belady's MIN / OPT: on a miss with a full cache, evict the entry whose next request is
/// furthest in the future (never-again first); an object never requested again is not
/// cached at all (bypass). Offline: it needs each request's next-access time, so it runs
/// only in the analyser, as the lower bound on misses.
///
/// Belady, "A study of replacement algorithms for a virtual-storage computer", IBM
/// Systems Journal 5(2), 1966:
///
///     next[i] = index of the next read of keys[i] (∞ if none)
///     read i of x: if x cached: hit; x.next = next[i]
///                  else if next[i] = ∞: bypass
///                  else: insert x with x.next = next[i];
///                        while over capacity: evict the cached y with the largest y.next
///
/// Optimal for unit sizes (capacity in objects). With byte capacity, furthest-first is a
/// heuristic, not the optimum (that problem is NP-hard), so it is reported but not a
/// guaranteed bound. Only reads are replayed: invalidations can only add misses, so
/// ignoring them keeps the count a lower bound for the object case.
public enum Belady {
    /// For each read, the index of the next read of the same key (`Int.max` if none);
    /// non-reads get `Int.max`.
    public static func nextReads(_ trace: Trace) -> [Int] {
        var next = [Int](repeating: Int.max, count: trace.count)
        var last = IndexMap(minimumCapacity: 1 << 12)
        for i in stride(from: trace.count - 1, through: 0, by: -1) where trace.ops[i] == .read {
            if let j = last.find(trace.keys[i]) { next[i] = j }
            last.set(trace.keys[i], i)
        }
        return next
    }

    public static func simulate(trace: Trace, options: SimulationOptions, nextReads precomputed: [Int]? = nil) -> SimulationResult {
        let next = precomputed ?? nextReads(trace)
        var result = SimulationResult()
        let patternCount = Int(trace.patterns.max() ?? 0) + 1
        result.patternReads = [Int](repeating: 0, count: patternCount)
        result.patternHits = [Int](repeating: 0, count: patternCount)
        // Resident key → its next read index; a lazy max-heap of (next, key) whose stale
        // entries (key gone or next changed) are skipped when popped.
        var resident = IndexMap(minimumCapacity: 1 << 12)
        var weights = IndexMap(minimumCapacity: 1 << 12)
        var heap = MaxHeap()
        var occupied = 0
        let byBytes = options.unit == .bytes
        for i in 0..<trace.count where trace.ops[i] == .read {
            let key = trace.keys[i]
            let size = Int(trace.sizes[i])
            let units = (size + 4095) >> 12
            let pattern = Int(trace.patterns[i])
            result.reads += 1
            result.readBytes += size
            result.readUnits += units
            result.patternReads[pattern] += 1
            if resident.find(key) != nil {
                result.hits += 1
                result.hitBytes += size
                result.hitReadUnits += units
                result.patternHits[pattern] += 1
                if next[i] == Int.max {
                    resident.remove(key)
                    occupied -= weights.remove(key) ?? 0
                } else {
                    resident.set(key, next[i])
                    heap.push(next[i], key)
                }
                continue
            }
            let weight = byBytes ? size : 1
            guard next[i] != Int.max, weight <= options.capacity else { continue }
            resident.set(key, next[i])
            weights.set(key, weight)
            heap.push(next[i], key)
            occupied += weight
            while occupied > options.capacity {
                let (when, victim) = heap.pop()
                guard resident.find(victim) == when else { continue }
                resident.remove(victim)
                occupied -= weights.remove(victim) ?? 0
                if victim != key { result.evictions += 1 }
            }
        }
        return result
    }
}

/// A binary max-heap of (priority, key) pairs.
struct MaxHeap {
    private var priorities: [Int] = []
    private var keys: [UInt64] = []

    var isEmpty: Bool { priorities.isEmpty }

    mutating func push(_ priority: Int, _ key: UInt64) {
        priorities.append(priority)
        keys.append(key)
        var i = priorities.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard priorities[parent] < priorities[i] else { break }
            priorities.swapAt(parent, i)
            keys.swapAt(parent, i)
            i = parent
        }
    }

    mutating func pop() -> (Int, UInt64) {
        let top = (priorities[0], keys[0])
        let lastP = priorities.removeLast()
        let lastK = keys.removeLast()
        if !priorities.isEmpty {
            priorities[0] = lastP
            keys[0] = lastK
            var i = 0
            let n = priorities.count
            while true {
                let l = 2 * i + 1, r = l + 1
                var largest = i
                if l < n && priorities[l] > priorities[largest] { largest = l }
                if r < n && priorities[r] > priorities[largest] { largest = r }
                if largest == i { break }
                priorities.swapAt(i, largest)
                keys.swapAt(i, largest)
                i = largest
            }
        }
        return top
    }
}

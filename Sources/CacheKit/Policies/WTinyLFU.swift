/// W-TinyLFU: a small LRU "window" admits every new entry; entries leaving the window
/// compete for the main segmented LRU against its victim, and TinyLFU's frequency
/// sketch decides who stays.
///
/// Einziger, Friedman & Manes, "TinyLFU: A Highly Efficient Cache Admission Policy",
/// ACM TOS 2017, §4 (W-TinyLFU); defaults as there: window 1% of capacity, main 99%
/// split into probation 20% / protected 80% (SLRU).
///
///     every request x: sketch.record(x)
///     hit in window: move to its head;  hit in main: as SLRU
///     miss(x): push x at the head of the window
///              while |window| > W: c = tail of window
///                  if main has room for c: push c at the head of probation
///                  else: v = tail of probation (of protected if empty)
///                        if sketch.estimate(c) > sketch.estimate(v): evict v, admit c
///                        else: evict c
///
/// Parameters: `window` (fraction, default 0.01; at least one unit), `protected`
/// (fraction of main, default 0.8), `width` (sketch counters per row, default the next
/// power of two ≥ capacity, capped at 2²⁰ for byte capacities).
public struct WTinyLFU: EvictionPolicy {
    public static let name = "w-tinylfu"
    static let window: UInt8 = 0, probation: UInt8 = 1, protected: UInt8 = 2

    public let capacity: Int
    let windowCapacity: Int
    let mainCapacity: Int
    let protectedCapacity: Int
    private var sketch: FrequencySketch
    private var map: IndexMap
    private var pool: NodePool
    private var lists = NodeLists()

    public init(capacity: Int, parameters: PolicyParameters = .init()) throws {
        try checkCapacity(capacity, policy: Self.name)
        try parameters.validate(policy: Self.name, allowed: ["window", "protected", "width"])
        self.capacity = capacity
        let windowFraction = try parameters.fraction("window", policy: Self.name, default: 0.01)
        windowCapacity = min(capacity, max(1, Int(Double(capacity) * windowFraction)))
        mainCapacity = capacity - windowCapacity
        protectedCapacity = Int(Double(mainCapacity) * (try parameters.fraction("protected", policy: Self.name, default: 0.8)))
        let width = try parameters.fraction("width", policy: Self.name, default: Double(min(capacity, 1 << 20)), in: 1...Double(1 << 28))
        sketch = FrequencySketch(width: Int(width))
        map = IndexMap(minimumCapacity: min(capacity, 1 << 16))
        pool = NodePool(reservingCapacity: min(capacity, 1 << 16))
    }

    public var occupied: Int { lists[0].weight + lists[1].weight + lists[2].weight }
    public var count: Int { lists[0].count + lists[1].count + lists[2].count }

    func estimate(_ key: UInt64) -> Int { sketch.estimate(key) }

    public mutating func find(_ key: UInt64) -> Bool {
        sketch.record(key)
        guard let i = map.find(key) else { return false }
        let n = Int32(truncatingIfNeeded: i)
        switch pool[n].queue {
        case Self.window:
            pool.moveToHead(n, &lists[0])
        case Self.protected:
            pool.moveToHead(n, &lists[2])
        default:
            pool.unlink(n, &lists[1])
            pool[n].queue = Self.protected
            pool.pushHead(n, &lists[2])
            while lists[2].weight > protectedCapacity && lists[2].count > 1 {
                let t = lists[2].tail
                pool.unlink(t, &lists[2])
                pool[t].queue = Self.probation
                pool.pushHead(t, &lists[1])
            }
        }
        return true
    }

    public mutating func insert(_ key: UInt64, weight: Int, onEvict: (UInt64) -> Void) -> Bool {
        guard weight <= capacity else { return false }
        let n = pool.allocate(key: key, weight: weight, queue: Self.window)
        pool.pushHead(n, &lists[0])
        map.set(key, Int(n))
        while lists[0].weight > windowCapacity {
            let candidate = lists[0].tail
            pool.unlink(candidate, &lists[0])
            admitToMain(candidate, onEvict: onEvict)
        }
        return true
    }

    /// Offers a node leaving the window to the main cache (TinyLFU admission).
    private mutating func admitToMain(_ c: Int32, onEvict: (UInt64) -> Void) {
        let w = Int(pool[c].weight)
        let mainWeight = lists[1].weight + lists[2].weight
        if mainWeight + w > mainCapacity {
            let victimQueue = lists[1].isEmpty ? 2 : 1
            let victim = lists[victimQueue].tail
            if victim < 0 || w > mainCapacity || sketch.estimate(pool[c].key) <= sketch.estimate(pool[victim].key) {
                onEvict(release(c))
                return
            }
            while lists[1].weight + lists[2].weight + w > mainCapacity {
                let q = lists[1].isEmpty ? 2 : 1
                let v = lists[q].tail
                pool.unlink(v, &lists[q])
                onEvict(release(v))
            }
        }
        pool[c].queue = Self.probation
        pool.pushHead(c, &lists[1])
    }

    public mutating func evict(onEvict: (UInt64) -> Void) -> Bool {
        for q in [1, 2, 0] where !lists[q].isEmpty {
            let n = lists[q].tail
            pool.unlink(n, &lists[q])
            onEvict(release(n))
            return true
        }
        return false
    }

    public mutating func remove(_ key: UInt64) -> Bool {
        guard let i = map.find(key) else { return false }
        let n = Int32(truncatingIfNeeded: i)
        pool.unlink(n, &lists[Int(pool[n].queue)])
        release(n)
        return true
    }

    /// Frees an unlinked node and forgets its key.
    @discardableResult
    private mutating func release(_ n: Int32) -> UInt64 {
        let key = pool[n].key
        pool.release(n)
        map.remove(key)
        return key
    }
}

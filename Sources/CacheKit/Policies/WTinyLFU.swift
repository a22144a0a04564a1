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
    private var entries: EntryQueues

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
        entries = EntryQueues(reservingCapacity: min(capacity, 1 << 16))
    }

    public var occupied: Int { entries[queue: 0].weight + entries[queue: 1].weight + entries[queue: 2].weight }
    public var count: Int { entries[queue: 0].count + entries[queue: 1].count + entries[queue: 2].count }

    func estimate(_ key: UInt64) -> Int { sketch.estimate(key) }

    public mutating func find(_ key: UInt64) -> Bool {
        sketch.record(key)
        guard let n = entries.find(key) else { return false }
        switch entries[n].queue {
        case Self.window:
            entries.moveToHead(n, in: 0)
        case Self.protected:
            entries.moveToHead(n, in: 2)
        default:
            entries.move(n, from: 1, to: Self.protected)
            while entries[queue: 2].weight > protectedCapacity && entries[queue: 2].count > 1 {
                entries.move(entries[queue: 2].tail, from: 2, to: Self.probation)
            }
        }
        return true
    }

    public mutating func insert(_ key: UInt64, weight: Int, onEvict: (UInt64) -> Void) -> Bool {
        guard weight <= capacity else { return false }
        entries.insert(key, weight: weight, queue: Self.window)
        while entries[queue: 0].weight > windowCapacity {
            admitToMain(entries[queue: 0].tail, onEvict: onEvict)
        }
        return true
    }

    /// Offers the window's tail `c` to the main cache (TinyLFU admission): it moves to
    /// probation or is evicted.
    private mutating func admitToMain(_ c: Int32, onEvict: (UInt64) -> Void) {
        let w = Int(entries[c].weight)
        let mainWeight = entries[queue: 1].weight + entries[queue: 2].weight
        if mainWeight + w > mainCapacity {
            let victimQueue = entries[queue: 1].isEmpty ? 2 : 1
            let victim = entries[queue: victimQueue].tail
            if victim < 0 || w > mainCapacity || sketch.estimate(entries[c].key) <= sketch.estimate(entries[victim].key) {
                onEvict(entries.drop(c, from: 0))
                return
            }
            while entries[queue: 1].weight + entries[queue: 2].weight + w > mainCapacity {
                onEvict(entries.dropTail(entries[queue: 1].isEmpty ? 2 : 1))
            }
        }
        entries.move(c, from: 0, to: Self.probation)
    }

    public mutating func evict(onEvict: (UInt64) -> Void) -> Bool {
        for q in [1, 2, 0] where !entries[queue: q].isEmpty {
            onEvict(entries.dropTail(q))
            return true
        }
        return false
    }

    public mutating func remove(_ key: UInt64) -> Bool {
        entries.remove(key) != nil
    }
}

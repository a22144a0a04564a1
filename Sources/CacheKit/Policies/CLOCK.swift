/// CLOCK (second chance), generalised to an n-bit frequency counter.
///
/// Corbató, "A paging experiment with the Multics system" (1968): a FIFO queue in which
/// a referenced entry reaching the tail gets a second chance instead of being evicted.
/// With `bits=n` the reference bit becomes a counter saturating at 2ⁿ−1 (libCacheSim's
/// `Clock` with `n-bit-counter`); the default, 1, is the classic algorithm.
///
///     hit(x):  x.counter = min(x.counter + 1, 2ⁿ−1)
///     miss(x): while full:
///                  t = tail
///                  if t.counter > 0: t.counter -= 1; move t to the head
///                  else: evict t
///              push x at the head with counter 0
///
/// Parameters: `bits` (1…8, default 1).
public struct CLOCK: SingleQueuePolicy {
    public static let name = "clock"
    public let capacity: Int
    private let maxCounter: UInt8
    var entries: EntryQueues

    public init(capacity: Int, parameters: PolicyParameters = .init()) throws {
        try checkCapacity(capacity, policy: Self.name)
        try parameters.validate(policy: Self.name, allowed: ["bits"])
        let bits = try parameters.fraction("bits", policy: Self.name, default: 1, in: 1...8)
        guard bits == bits.rounded() else {
            throw CacheConfigurationError("clock: parameter bits=\(bits) must be a whole number")
        }
        self.capacity = capacity
        maxCounter = UInt8((1 << Int(bits)) - 1)
        entries = EntryQueues(reservingCapacity: min(capacity, 1 << 16))
    }

    public mutating func find(_ key: UInt64) -> Bool {
        guard let n = entries.find(key) else { return false }
        if entries[n].bits < maxCounter { entries[n].bits += 1 }
        return true
    }

    public mutating func evict(onEvict: (UInt64) -> Void) -> Bool {
        while !entries[queue: 0].isEmpty {
            let t = entries[queue: 0].tail
            if entries[t].bits > 0 {
                entries[t].bits -= 1
                entries.moveToHead(t, in: 0)
            } else {
                onEvict(entries.drop(t, from: 0))
                return true
            }
        }
        return false
    }
}

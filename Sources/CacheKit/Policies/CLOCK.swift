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
public struct CLOCK: EvictionPolicy {
    public static let name = "clock"
    public let capacity: Int
    private let maxCounter: UInt8
    private var map: IndexMap
    private var pool: NodePool
    private var list = NodeList()

    public init(capacity: Int, parameters: PolicyParameters = .init()) throws {
        try checkCapacity(capacity, policy: Self.name)
        try parameters.validate(policy: Self.name, allowed: ["bits"])
        let bits = try parameters.fraction("bits", policy: Self.name, default: 1, in: 1...8)
        guard bits == bits.rounded() else {
            throw CacheConfigurationError("clock: parameter bits=\(bits) must be a whole number")
        }
        self.capacity = capacity
        maxCounter = UInt8((1 << Int(bits)) - 1)
        map = IndexMap(minimumCapacity: min(capacity, 1 << 16))
        pool = NodePool(reservingCapacity: min(capacity, 1 << 16))
    }

    public var occupied: Int { list.weight }
    public var count: Int { list.count }

    public mutating func find(_ key: UInt64) -> Bool {
        guard let i = map.find(key) else { return false }
        let n = Int32(truncatingIfNeeded: i)
        if pool[n].bits < maxCounter { pool[n].bits += 1 }
        return true
    }

    public mutating func insert(_ key: UInt64, weight: Int, onEvict: (UInt64) -> Void) -> Bool {
        guard weight <= capacity else { return false }
        makeRoom(for: weight, onEvict: onEvict)
        let i = pool.allocate(key: key, weight: weight, queue: 0)
        pool.pushHead(i, &list)
        map.set(key, Int(i))
        return true
    }

    public mutating func evict(onEvict: (UInt64) -> Void) -> Bool {
        while list.tail >= 0 {
            let t = list.tail
            if pool[t].bits > 0 {
                pool[t].bits -= 1
                pool.moveToHead(t, &list)
            } else {
                onEvict(drop(t))
                return true
            }
        }
        return false
    }

    public mutating func remove(_ key: UInt64) -> Bool {
        guard let i = map.find(key) else { return false }
        drop(Int32(truncatingIfNeeded: i))
        return true
    }

    @discardableResult
    private mutating func drop(_ i: Int32) -> UInt64 {
        let key = pool[i].key
        pool.unlink(i, &list)
        pool.release(i)
        map.remove(key)
        return key
    }
}

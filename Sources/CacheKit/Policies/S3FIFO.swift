/// S3-FIFO: three static FIFO queues. A small queue S (10%) filters one-hit wonders;
/// entries hit while in S move to the main queue M (a 2-bit CLOCK); keys evicted from S
/// are remembered in a ghost FIFO G so that a quick return goes straight to M.
///
/// Yang, Zhang, Qiu, Yue & Rashmi, "FIFO queues are all you need for cache eviction",
/// SOSP'23, Algorithm 1:
///
///     hit(x):    x.freq = min(x.freq + 1, 3)
///     miss(x):   while full: evict()
///                if x ∈ G: remove x from G; push x at the head of M
///                else: push x at the head of S                       (freq = 0)
///     evict():   if |S| ≥ 0.1·capacity: evictS() else evictM()
///     evictS():  while S is not empty:
///                    t = tail of S; remove t from S
///                    if t.freq ≥ 1: push t at the head of M (freq = 0); if M is over full: evictM()
///                    else: push t's key at the head of G (trim G to its size); return
///     evictM():  while M is not empty:
///                    t = tail of M
///                    if t.freq > 0: t.freq -= 1; move t to the head of M
///                    else: evict t; return
///
/// "Over full" means M's weight exceeds capacity − |S's share|. The ghost holds at most
/// as much weight as M's share (as in the paper, "G is sized like M").
/// Parameters: `small` (fraction, default 0.1), `ghost` (ghost size as a fraction of
/// M's share, default 1.0), `threshold` (hits in S needed to move to M, default 1).
public struct S3FIFO: EvictionPolicy {
    public static let name = "s3-fifo"
    static let small: UInt8 = 0, main: UInt8 = 1, ghost: UInt8 = 2

    public let capacity: Int
    let smallCapacity: Int
    let mainCapacity: Int
    let ghostCapacity: Int
    let threshold: UInt8
    private var map: IndexMap
    private var pool: NodePool
    private var lists = NodeLists()

    public init(capacity: Int, parameters: PolicyParameters = .init()) throws {
        try checkCapacity(capacity, policy: Self.name)
        try parameters.validate(policy: Self.name, allowed: ["small", "ghost", "threshold"])
        self.capacity = capacity
        let smallFraction = try parameters.fraction("small", policy: Self.name, default: 0.1)
        smallCapacity = max(1, Int(Double(capacity) * smallFraction))
        mainCapacity = max(1, capacity - smallCapacity)
        ghostCapacity = Int(Double(mainCapacity) * (try parameters.fraction("ghost", policy: Self.name, default: 1, in: 0...10)))
        threshold = UInt8(try parameters.fraction("threshold", policy: Self.name, default: 1, in: 1...3))
        map = IndexMap(minimumCapacity: min(2 * capacity, 1 << 17))
        pool = NodePool(reservingCapacity: min(2 * capacity, 1 << 17))
    }

    public var occupied: Int { lists[0].weight + lists[1].weight }
    public var count: Int { lists[0].count + lists[1].count }

    public mutating func find(_ key: UInt64) -> Bool {
        guard let i = map.find(key) else { return false }
        let n = Int32(truncatingIfNeeded: i)
        guard pool[n].queue != Self.ghost else { return false }
        if pool[n].bits < 3 { pool[n].bits += 1 }
        return true
    }

    public mutating func insert(_ key: UInt64, weight: Int, onEvict: (UInt64) -> Void) -> Bool {
        guard weight <= capacity else { return false }
        var queue = Self.small
        if let i = map.find(key) {
            let n = Int32(truncatingIfNeeded: i)
            precondition(pool[n].queue == Self.ghost, "S3FIFO.insert: key \(key) is already resident")
            pool.unlink(n, &lists[2])
            pool.release(n)
            map.remove(key)
            queue = Self.main
        }
        makeRoom(for: weight, onEvict: onEvict)
        let n = pool.allocate(key: key, weight: weight, queue: queue)
        pool.pushHead(n, &lists[Int(queue)])
        map.set(key, Int(n))
        return true
    }

    public mutating func evict(onEvict: (UInt64) -> Void) -> Bool {
        if lists[0].weight >= smallCapacity || lists[1].isEmpty {
            if evictSmall(onEvict: onEvict) { return true }
        }
        return evictMain(onEvict: onEvict)
    }

    private mutating func evictSmall(onEvict: (UInt64) -> Void) -> Bool {
        var evictedAny = false
        while !lists[0].isEmpty {
            let t = lists[0].tail
            pool.unlink(t, &lists[0])
            if pool[t].bits >= threshold {
                pool[t].bits = 0
                pool[t].queue = Self.main
                pool.pushHead(t, &lists[1])
                if lists[1].weight > mainCapacity {
                    evictedAny = evictMain(onEvict: onEvict) || evictedAny
                }
            } else {
                pool[t].queue = Self.ghost
                pool.pushHead(t, &lists[2])
                onEvict(pool[t].key)
                while lists[2].weight > ghostCapacity && !lists[2].isEmpty { dropTail(2) }
                return true
            }
        }
        return evictedAny
    }

    private mutating func evictMain(onEvict: (UInt64) -> Void) -> Bool {
        while !lists[1].isEmpty {
            let t = lists[1].tail
            if pool[t].bits > 0 {
                pool[t].bits -= 1
                pool.moveToHead(t, &lists[1])
            } else {
                onEvict(dropTail(1))
                return true
            }
        }
        return false
    }

    public mutating func remove(_ key: UInt64) -> Bool {
        guard let i = map.find(key) else { return false }
        let n = Int32(truncatingIfNeeded: i)
        let queue = pool[n].queue
        pool.unlink(n, &lists[Int(queue)])
        pool.release(n)
        map.remove(key)
        return queue != Self.ghost
    }

    @discardableResult
    private mutating func dropTail(_ q: Int) -> UInt64 {
        let n = lists[q].tail
        let key = pool[n].key
        pool.unlink(n, &lists[q])
        pool.release(n)
        map.remove(key)
        return key
    }
}

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
    private var entries: EntryQueues

    public init(capacity: Int, parameters: PolicyParameters = .init()) throws {
        try checkCapacity(capacity, policy: Self.name)
        try parameters.validate(policy: Self.name, allowed: ["small", "ghost", "threshold"])
        self.capacity = capacity
        let smallFraction = try parameters.fraction("small", policy: Self.name, default: 0.1)
        smallCapacity = max(1, Int(Double(capacity) * smallFraction))
        mainCapacity = max(1, capacity - smallCapacity)
        ghostCapacity = Int(Double(mainCapacity) * (try parameters.fraction("ghost", policy: Self.name, default: 1, in: 0...10)))
        threshold = UInt8(try parameters.fraction("threshold", policy: Self.name, default: 1, in: 1...3))
        entries = EntryQueues(reservingCapacity: min(2 * capacity, 1 << 17))
    }

    public var occupied: Int { entries[queue: 0].weight + entries[queue: 1].weight }
    public var count: Int { entries[queue: 0].count + entries[queue: 1].count }

    public mutating func find(_ key: UInt64) -> Bool {
        guard let n = entries.find(key), entries[n].queue != Self.ghost else { return false }
        if entries[n].bits < 3 { entries[n].bits += 1 }
        return true
    }

    public mutating func insert(_ key: UInt64, weight: Int, onEvict: (UInt64) -> Void) -> Bool {
        guard weight <= capacity else { return false }
        // A key remembered by the ghost returns straight to M.
        let queue = entries.dropGhost(key, in: Self.ghost, policy: "S3FIFO") ? Self.main : Self.small
        makeRoom(for: weight, onEvict: onEvict)
        entries.insert(key, weight: weight, queue: queue)
        return true
    }

    public mutating func evict(onEvict: (UInt64) -> Void) -> Bool {
        if entries[queue: 0].weight >= smallCapacity || entries[queue: 1].isEmpty {
            if evictSmall(onEvict: onEvict) { return true }
        }
        return evictMain(onEvict: onEvict)
    }

    private mutating func evictSmall(onEvict: (UInt64) -> Void) -> Bool {
        var evictedAny = false
        while !entries[queue: 0].isEmpty {
            let t = entries[queue: 0].tail
            if entries[t].bits >= threshold {
                entries[t].bits = 0
                entries.move(t, from: 0, to: Self.main)
                if entries[queue: 1].weight > mainCapacity {
                    evictedAny = evictMain(onEvict: onEvict) || evictedAny
                }
            } else {
                entries.move(t, from: 0, to: Self.ghost)
                onEvict(entries[t].key)
                while entries[queue: 2].weight > ghostCapacity && !entries[queue: 2].isEmpty { entries.dropTail(2) }
                return true
            }
        }
        return evictedAny
    }

    private mutating func evictMain(onEvict: (UInt64) -> Void) -> Bool {
        while !entries[queue: 1].isEmpty {
            let t = entries[queue: 1].tail
            if entries[t].bits > 0 {
                entries[t].bits -= 1
                entries.moveToHead(t, in: 1)
            } else {
                onEvict(entries.dropTail(1))
                return true
            }
        }
        return false
    }

    public mutating func remove(_ key: UInt64) -> Bool {
        guard let queue = entries.remove(key) else { return false }
        return queue != Self.ghost
    }
}

/// A policy's cache entries: up to four queues of nodes (resident or ghost), each node
/// findable by key in O(1), with the queues' counts and weights kept up to date.
///
/// Every linked-list policy does the same bookkeeping on insert, move and eviction: keep
/// the key → node map, the node pool and the queue that links the node in step. This type
/// does it once, so a policy's file holds only its own logic (which queue, promotion, the
/// CLOCK hand, visited bits, ghost trimming). Queue numbers are the policy's (`Node.queue`);
/// a policy with one queue uses queue 0.
///
/// The methods are `@inline(__always)` so that each policy's loop compiles to what it did
/// when it drove `IndexMap` and `NodePool` by hand (constant queue numbers fold away).
struct EntryQueues {
    private var map: IndexMap
    private var pool: NodePool
    private var lists = NodeLists()

    /// - Parameter n: how many entries (resident plus ghost) to reserve room for.
    init(reservingCapacity n: Int) {
        map = IndexMap(minimumCapacity: n)
        pool = NodePool(reservingCapacity: n)
    }

    /// The head, tail, count and weight of queue `q`.
    @inline(__always)
    subscript(queue q: Int) -> NodeList { lists[q] }

    /// Node `n`'s metadata; policies update `bits` in place.
    @inline(__always)
    subscript(_ n: Int32) -> Node {
        get { pool[n] }
        _modify { yield &pool[n] }
    }

    /// The node holding `key` (in any queue), or nil.
    @inline(__always)
    func find(_ key: UInt64) -> Int32? {
        guard let i = map.find(key) else { return nil }
        return Int32(truncatingIfNeeded: i)
    }

    /// Adds absent `key` at the head of `queue`; returns its node.
    @inline(__always)
    @discardableResult
    mutating func insert(_ key: UInt64, weight: Int, queue: UInt8) -> Int32 {
        let n = pool.allocate(key: key, weight: weight, queue: queue)
        pool.pushHead(n, &lists[Int(queue)])
        map.set(key, Int(n))
        return n
    }

    /// Moves member `n` of queue `q` to that queue's head.
    @inline(__always)
    mutating func moveToHead(_ n: Int32, in q: Int) {
        pool.moveToHead(n, &lists[q])
    }

    /// Moves member `n` of queue `from` to the head of queue `to`.
    @inline(__always)
    mutating func move(_ n: Int32, from: Int, to: UInt8) {
        pool.unlink(n, &lists[from])
        pool[n].queue = to
        pool.pushHead(n, &lists[Int(to)])
    }

    /// Forgets member `n` of queue `q`; returns its key.
    @inline(__always)
    @discardableResult
    mutating func drop(_ n: Int32, from q: Int) -> UInt64 {
        let key = pool[n].key
        pool.unlink(n, &lists[q])
        pool.release(n)
        map.remove(key)
        return key
    }

    /// Forgets the tail (oldest) of non-empty queue `q`; returns its key.
    @inline(__always)
    @discardableResult
    mutating func dropTail(_ q: Int) -> UInt64 {
        drop(lists[q].tail, from: q)
    }

    /// Forgets `key` if it is a ghost in queue `ghost` and returns true; returns false if it is
    /// absent. `insert` is for absent keys, so a resident `key` is the caller's error.
    @inline(__always)
    mutating func dropGhost(_ key: UInt64, in ghost: UInt8, policy: StaticString) -> Bool {
        guard let n = find(key) else { return false }
        precondition(pool[n].queue == ghost, "\(policy).insert: key \(key) is already resident")
        drop(n, from: Int(ghost))
        return true
    }

    /// Forgets `key` wherever it is; returns the queue it was in, or nil if it was absent.
    @inline(__always)
    mutating func remove(_ key: UInt64) -> UInt8? {
        guard let n = find(key) else { return nil }
        let queue = pool[n].queue
        drop(n, from: Int(queue))
        return queue
    }
}

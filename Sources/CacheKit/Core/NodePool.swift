/// One cache entry's metadata, linked into one of a policy's queues by index.
struct Node {
    var key: UInt64
    var prev: Int32
    var next: Int32
    /// Capacity units this entry uses: 1 when capacity counts objects, its size in bytes otherwise.
    var weight: Int32
    /// Which of the policy's queues holds the node (policy-defined numbering).
    var queue: UInt8
    /// Policy-defined bits: a CLOCK/SIEVE visited bit, an S3-FIFO frequency, …
    var bits: UInt8
}

/// The head and tail of an intrusive doubly linked list threaded through a `NodePool`.
/// Head is the most recently inserted (MRU) end, tail the oldest (LRU) end.
struct NodeList {
    var head: Int32 = -1
    var tail: Int32 = -1
    var count = 0
    /// Sum of the member nodes' weights.
    var weight = 0

    var isEmpty: Bool { head < 0 }
}

/// Flat storage for nodes with a free list, so that inserting and evicting entries
/// reuses slots instead of allocating: a policy allocates one node per resident
/// (or ghost) entry and links it into `NodeList`s by index.
struct NodePool {
    private(set) var nodes: [Node] = []
    private var freeHead: Int32 = -1

    init(reservingCapacity n: Int = 0) { nodes.reserveCapacity(n) }

    @inline(__always)
    subscript(_ i: Int32) -> Node {
        get { nodes[Int(i)] }
        _modify { yield &nodes[Int(i)] }
    }

    mutating func allocate(key: UInt64, weight: Int, queue: UInt8) -> Int32 {
        let node = Node(key: key, prev: -1, next: -1, weight: Int32(truncatingIfNeeded: weight), queue: queue, bits: 0)
        if freeHead >= 0 {
            let i = freeHead
            freeHead = nodes[Int(i)].next
            nodes[Int(i)] = node
            return i
        }
        nodes.append(node)
        return Int32(nodes.count - 1)
    }

    mutating func release(_ i: Int32) {
        nodes[Int(i)].next = freeHead
        freeHead = i
    }

    /// Links node `i` at the head (MRU end) of `list`.
    @inline(__always)
    mutating func pushHead(_ i: Int32, _ list: inout NodeList) {
        nodes[Int(i)].prev = -1
        nodes[Int(i)].next = list.head
        if list.head >= 0 { nodes[Int(list.head)].prev = i } else { list.tail = i }
        list.head = i
        list.count += 1
        list.weight += Int(nodes[Int(i)].weight)
    }

    /// Unlinks node `i` from `list` (it must be a member).
    @inline(__always)
    mutating func unlink(_ i: Int32, _ list: inout NodeList) {
        let n = nodes[Int(i)]
        if n.prev >= 0 { nodes[Int(n.prev)].next = n.next } else { list.head = n.next }
        if n.next >= 0 { nodes[Int(n.next)].prev = n.prev } else { list.tail = n.prev }
        list.count -= 1
        list.weight -= Int(n.weight)
    }

    /// Moves member `i` of `list` to its head.
    @inline(__always)
    mutating func moveToHead(_ i: Int32, _ list: inout NodeList) {
        if list.head == i { return }
        unlink(i, &list)
        pushHead(i, &list)
    }
}

/// Up to four `NodeList`s stored inline, addressed by queue number.
///
/// Why not `[NodeList]`: every `&lists[q]` on an array pays a uniqueness check and a
/// bounds check, and the lists live in a separate heap block; the policies with several
/// queues (ARC, 2Q, SLRU, W-TinyLFU, S3-FIFO) touch them on every request.
struct NodeLists {
    private var l0 = NodeList(), l1 = NodeList(), l2 = NodeList(), l3 = NodeList()

    init() {}

    @inline(__always)
    subscript(_ q: Int) -> NodeList {
        get {
            switch q {
            case 0: return l0
            case 1: return l1
            case 2: return l2
            default: return l3
            }
        }
        // One yield, not one per case: the optimiser does not inline a coroutine with several
        // yields, and the out-of-line `modify` call cost SIEVE ~6% of its throughput once it
        // moved onto `NodeLists` (1M Zipf 0.99 requests, release). Inlined, the copy out and
        // back folds away.
        _modify {
            var list = self[q]
            defer { store(list, at: q) }
            yield &list
        }
    }

    @inline(__always)
    private mutating func store(_ list: NodeList, at q: Int) {
        switch q {
        case 0: l0 = list
        case 1: l1 = list
        case 2: l2 = list
        default: l3 = list
        }
    }
}

/// What a traced request did to the data.
public enum TraceOp: UInt8, Sendable, Codable, CaseIterable {
    case read = 0
    case write = 1
    /// An explicit cache invalidation (e.g. a stream-triggered delete).
    case invalidate = 2
}

/// One request in a cache trace.
public struct TraceRecord: Hashable, Sendable {
    /// Nanoseconds since the start of the run (monotonic).
    public var time: UInt64
    /// Object id: in stbench a hash of the read's partition key and query shape.
    public var key: UInt64
    /// Bytes the request returned or wrote.
    public var size: UInt32
    public var op: TraceOp
    /// Access pattern (A = 0, B = 1, … in the reference workload).
    public var pattern: UInt8

    public init(time: UInt64, key: UInt64, size: UInt32, op: TraceOp = .read, pattern: UInt8 = 0) {
        self.time = time
        self.key = key
        self.size = size
        self.op = op
        self.pattern = pattern
    }
}

/// A trace held as columns, so that replay loops read only the columns they need.
public struct Trace: Sendable, Equatable {
    public private(set) var times: [UInt64] = []
    public private(set) var keys: [UInt64] = []
    public private(set) var sizes: [UInt32] = []
    public private(set) var ops: [TraceOp] = []
    public private(set) var patterns: [UInt8] = []

    public init() {}

    public init<S: Sequence>(_ records: S) where S.Element == TraceRecord {
        for r in records { append(r) }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    public mutating func reserveCapacity(_ n: Int) {
        times.reserveCapacity(n); keys.reserveCapacity(n); sizes.reserveCapacity(n)
        ops.reserveCapacity(n); patterns.reserveCapacity(n)
    }

    public mutating func append(_ r: TraceRecord) {
        times.append(r.time); keys.append(r.key); sizes.append(r.size)
        ops.append(r.op); patterns.append(r.pattern)
    }

    public subscript(_ i: Int) -> TraceRecord {
        TraceRecord(time: times[i], key: keys[i], size: sizes[i], op: ops[i], pattern: patterns[i])
    }

    public var records: [TraceRecord] { (0..<count).map { self[$0] } }
}

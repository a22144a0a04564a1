/// Operations drawn ahead of time and replayed in order.
///
/// For runs that should time the target and not the generator: drawing an operation costs about 320
/// instructions (a Zipf draw alone is one `pow`), which in the peer duel was charged to both targets alike
/// and so pulled their throughput ratio toward 1 (the engine's list_messages takes ~1.7 µs, the draw
/// ~0.07 µs of it). Replaying costs one array read. Holds exactly the operations a run will perform;
/// asking for more is a programming error.
public struct RecordedOperationSource: OperationSource, Sendable {
    public let operations: [Operation]
    private var position = 0

    /// The next `count` operations of `source`, which is left where it was (it is copied).
    public init<Source: OperationSource>(recording source: Source, count: Int) {
        precondition(count >= 0, "RecordedOperationSource: count must not be negative, got \(count)")
        var live = source
        operations = (0..<count).map { _ in live.next() }
    }

    public mutating func next() -> Operation {
        precondition(position < operations.count,
                     "RecordedOperationSource: asked for operation \(position + 1) of \(operations.count) recorded")
        defer { position &+= 1 }
        return operations[position]
    }
}

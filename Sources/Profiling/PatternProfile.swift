import WorkloadKit

/// What `PatternProfiler.measure` saw: totals over the loop and per-operation figures.
public struct PatternProfile: Sendable {
    public var pattern: Pattern
    public var operations: Int
    /// Items returned (reads) or written (writes) in total.
    public var items: Int
    /// Each operation's duration, in loop order.
    public var nanoseconds: [UInt64]
    /// Bytes the thread allocated during the loop (jemalloc `thread.allocated`; exact).
    public var allocatedBytes: UInt64
    /// Allocation requests during the loop (jemalloc arena statistics; nil without jemalloc statistics).
    public var allocations: UInt64?
    /// B-tree nodes searched and key comparisons (nil when tree counting was off).
    public var nodesVisited: Int?
    public var keyComparisons: Int?

    func perOperation(_ total: UInt64) -> Double { operations > 0 ? Double(total) / Double(operations) : 0 }

    public var meanNanoseconds: Double { perOperation(nanoseconds.reduce(0, &+)) }
    public var bytesPerOperation: Double { perOperation(allocatedBytes) }
    public var allocationsPerOperation: Double? { allocations.map(perOperation) }
    public var nodesPerOperation: Double? { nodesVisited.map { perOperation(UInt64($0)) } }
    public var comparisonsPerOperation: Double? { keyComparisons.map { perOperation(UInt64($0)) } }

    /// The duration at quantile `q` (0...1) by the nearest-rank method; 0 without operations.
    public func nanoseconds(atQuantile q: Double) -> UInt64 {
        guard !nanoseconds.isEmpty else { return 0 }
        let sorted = nanoseconds.sorted()
        let rank = max(1, Int((q * Double(sorted.count)).rounded(.up)))
        return sorted[min(rank, sorted.count) - 1]
    }
}

/// Receives profiling events from tree operations.
///
/// Operations are generic over the sink, so with `BTreeNoStats` the calls specialise to nothing and cost
/// nothing; pass a `BTreeCounters` to count the work one operation did.
protocol BTreeStatsSink {
    /// One node was searched.
    mutating func nodeVisited()
    /// One key comparison was made.
    mutating func keyCompared()
}

/// The sink that records nothing (the default for every operation).
struct BTreeNoStats: BTreeStatsSink {
    @inline(__always) init() {}
    @inline(__always) mutating func nodeVisited() {}
    @inline(__always) mutating func keyCompared() {}
}

/// Counts nodes visited and key comparisons.
struct BTreeCounters: BTreeStatsSink, Hashable {
    var nodesVisited = 0
    var keyComparisons = 0
    init() {}
    @inline(__always) mutating func nodeVisited() { nodesVisited += 1 }
    @inline(__always) mutating func keyCompared() { keyComparisons += 1 }
}

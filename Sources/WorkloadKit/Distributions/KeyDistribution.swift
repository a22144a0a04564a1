/// A distribution over the keys 0..<count (users or conversations, ranked: 0 is the hottest for skewed ones).
///
/// Implementations follow YCSB's generators (Cooper et al., "Benchmarking Cloud Serving Systems with YCSB",
/// SoCC 2010); the code here is written from the papers' formulas. Generic over the generator so that the
/// per-operation path is specialised, not dispatched through an existential.
public protocol KeyDistribution: Sendable {
    /// Number of keys; `next` returns values in 0..<count.
    var count: UInt64 { get }
    mutating func next(using rng: inout some RandomNumberGenerator) -> UInt64
}

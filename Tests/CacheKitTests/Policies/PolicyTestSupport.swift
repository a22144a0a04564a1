import Randomness
@testable import CacheKit

/// The reference string of Belady's FIFO anomaly (Belady, Nelson & Shedler, CACM 1969),
/// the textbook trace whose miss counts are known for FIFO, LRU and OPT.
let anomalyTrace: [UInt64] = [1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5]

/// Misses of a fresh `P` with `capacity` over `keys` (unit weights).
func missCount<P: EvictionPolicy>(_ type: P.Type, capacity: Int, _ keys: [UInt64],
                                  parameters: PolicyParameters = .init()) throws -> Int {
    var policy = try P(capacity: capacity, parameters: parameters)
    var misses = 0
    for key in keys where !policy.access(key) { misses += 1 }
    return misses
}

func readTrace(_ keys: [UInt64], size: UInt32 = 1) -> Trace {
    Trace(keys.enumerated().map { TraceRecord(time: UInt64($0.offset), key: $0.element, size: size) })
}

/// A skewed random read trace: key = ⌊n·u³⌋, so small keys are hot.
func skewedKeys(count: Int, keys n: Int, seed: UInt64) -> [UInt64] {
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { _ in
        let u = Double.random(in: 0..<1, using: &rng)
        return UInt64(Double(n) * u * u * u)
    }
}

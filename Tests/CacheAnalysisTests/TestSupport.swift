import CacheKit

/// SplitMix64 for reproducible test traces.
struct TestRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Reads of skewed random keys; each key has a fixed size in 1...64 (LRU's stack property
/// in bytes needs a key's size to be constant).
func randomTrace(count: Int, keys: Int, seed: UInt64) -> Trace {
    var rng = TestRandom(state: seed)
    return Trace((0..<count).map { i in
        let u = Double.random(in: 0..<1, using: &rng)
        let key = UInt64(Double(keys) * u * u)
        return TraceRecord(time: UInt64(i), key: key, size: UInt32(key % 64 + 1))
    })
}

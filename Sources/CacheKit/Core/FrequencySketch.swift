/// TinyLFU's approximate frequency histogram: a count-min sketch of 4-bit counters in
/// front of which a "doorkeeper" Bloom filter absorbs first occurrences, with periodic
/// halving ("reset") so that old popularity fades.
///
/// Einziger, Friedman & Manes, "TinyLFU: A Highly Efficient Cache Admission Policy",
/// ACM TOS 2017, §3.3–3.4:
///
///     record(x): if x ∉ doorkeeper: add x to doorkeeper
///                else: increment x's counters (saturating at 15)
///                if ++samples == W: halve every counter; clear doorkeeper; samples /= 2
///     estimate(x) = min over rows of x's counters + (x ∈ doorkeeper ? 1 : 0)
///
/// Depth 4 rows; `width` counters per row (a power of two); W = 10 × width, the sample
/// size the paper evaluates (W/C = 10 with width ≈ C).
struct FrequencySketch {
    static let depth = 4
    private var counters: [UInt8]
    private var doorkeeper: [UInt64]
    private let mask: Int
    private let doorkeeperMask: Int
    let sampleSize: Int
    private(set) var samples = 0

    init(width requested: Int) {
        var width = 16
        while width < requested { width <<= 1 }
        counters = Array(repeating: 0, count: width * Self.depth)
        mask = width - 1
        // 8 bits per counter slot, two probes.
        doorkeeper = Array(repeating: 0, count: max(1, width * 8 / 64))
        doorkeeperMask = width * 8 - 1
        sampleSize = 10 * width
    }

    @inline(__always)
    private static func mix(_ key: UInt64) -> UInt64 {
        // SplitMix64's finaliser: spreads sequential ids over all bits.
        var z = key &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    private func index(_ h: UInt64, row: Int) -> Int {
        let h1 = Int(truncatingIfNeeded: h & 0xFFFF_FFFF)
        let h2 = Int(truncatingIfNeeded: h >> 32) | 1
        return row * (mask + 1) + ((h1 &+ row &* h2) & mask)
    }

    @inline(__always)
    private func doorkeeperBits(_ h: UInt64) -> (Int, Int) {
        let a = Int(truncatingIfNeeded: h >> 7) & doorkeeperMask
        let b = Int(truncatingIfNeeded: h >> 37) & doorkeeperMask
        return (a, b)
    }

    private func inDoorkeeper(_ h: UInt64) -> Bool {
        let (a, b) = doorkeeperBits(h)
        return doorkeeper[a >> 6] & (1 << UInt64(a & 63)) != 0 && doorkeeper[b >> 6] & (1 << UInt64(b & 63)) != 0
    }

    mutating func record(_ key: UInt64) {
        let h = Self.mix(key)
        if !inDoorkeeper(h) {
            let (a, b) = doorkeeperBits(h)
            doorkeeper[a >> 6] |= 1 << UInt64(a & 63)
            doorkeeper[b >> 6] |= 1 << UInt64(b & 63)
        } else {
            for row in 0..<Self.depth {
                let i = index(h, row: row)
                if counters[i] < 15 { counters[i] += 1 }
            }
        }
        samples += 1
        if samples >= sampleSize { reset() }
    }

    func estimate(_ key: UInt64) -> Int {
        let h = Self.mix(key)
        var least = UInt8.max
        for row in 0..<Self.depth { least = min(least, counters[index(h, row: row)]) }
        return Int(least) + (inDoorkeeper(h) ? 1 : 0)
    }

    private mutating func reset() {
        for i in counters.indices { counters[i] >>= 1 }
        for i in doorkeeper.indices { doorkeeper[i] = 0 }
        samples /= 2
    }
}

import CacheKit
import Randomness

/// A deterministic synthetic read trace with Zipf-distributed keys, so published figures
/// can be reproduced from the command line (`--zipf 0.99 --keys 100000 …`).
///
/// Gray, Sundaresan, Englert, Baclawski & Weinberger, "Quickly generating billion-record
/// synthetic databases", SIGMOD'94 (the generator YCSB's ZipfianGenerator uses):
///
///     ζ(n, θ) = Σ_{i=1..n} 1/i^θ,  α = 1/(1−θ),  η = (1 − (2/n)^(1−θ)) / (1 − ζ(2,θ)/ζ(n,θ))
///     u uniform in [0,1); uz = u·ζ(n)
///     rank = 0 if uz < 1; 1 if uz < 1 + 0.5^θ; else ⌊n·(η·u − η + 1)^α⌋
///
/// Rank 0 is the hottest key; key ids are ranks (no scrambling: ids only need to be
/// distinct). Requests are spaced `intervalNanoseconds` apart; every object has `size` bytes.
public struct ZipfTrace: Sendable, Codable, Hashable {
    public var theta: Double
    public var keys: Int
    public var requests: Int
    public var seed: UInt64
    public var size: UInt32
    public var intervalNanoseconds: UInt64

    public init(theta: Double, keys: Int, requests: Int, seed: UInt64 = 1, size: UInt32 = 1024, intervalNanoseconds: UInt64 = 1_000_000) {
        self.theta = theta
        self.keys = keys
        self.requests = requests
        self.seed = seed
        self.size = size
        self.intervalNanoseconds = intervalNanoseconds
    }

    public func validate() throws {
        guard theta > 0, theta < 1 else { throw TraceFormatError("--zipf: θ must lie in (0, 1), got \(theta)") }
        guard keys >= 2 else { throw TraceFormatError("--keys: need at least 2 keys, got \(keys)") }
        guard requests >= 1 else { throw TraceFormatError("--requests: need at least 1 request, got \(requests)") }
    }

    public func generate() -> Trace {
        let n = Double(keys)
        var zetaN = 0.0
        for i in 1...keys { zetaN += 1 / pow(Double(i), theta) }
        let zeta2 = 1 + 1 / pow(2, theta)
        let alpha = 1 / (1 - theta)
        let eta = (1 - pow(2 / n, 1 - theta)) / (1 - zeta2 / zetaN)
        let half = pow(0.5, theta)
        var rng = SplitMix64(seed: seed)
        var trace = Trace()
        trace.reserveCapacity(requests)
        for i in 0..<requests {
            let u = rng.nextUnitInterval()
            let uz = u * zetaN
            let rank: Int
            if uz < 1 { rank = 0 } else if uz < 1 + half { rank = 1 } else {
                rank = min(keys - 1, Int(n * pow(eta * u - eta + 1, alpha)))
            }
            trace.append(TraceRecord(time: UInt64(i) &* intervalNanoseconds, key: UInt64(rank), size: size))
        }
        return trace
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Foundation
import Randomness

/// The keys every contender of `stbench bench index` gets, generated once: Cruddur's message keys as one
/// composite byte string, `MSG#<uuid>|<ISO-8601 created_at>` (73 bytes). The partition part has a fixed
/// width, so byte order is (partition, time) order, as in the engine's composite GSI keys.
///
/// Messages arrive in time order, each in a random conversation, so inserts interleave appends across
/// partitions the way a chat service's writes do. Probes (point gets and newest-N ranges) are drawn up front.
public struct IndexKeySet: Sendable {
    /// Insert order; key `i` carries value `i`.
    public let keys: [[UInt8]]
    /// Indices into `keys` for the point gets.
    public let getProbes: [Int]
    /// Per range probe: the exclusive upper bound just above the partition (`MSG#<uuid>}`; '}' sorts after
    /// '|' and every timestamp byte) and the partition's prefix `MSG#<uuid>|`.
    public let rangeUpperBounds: [[UInt8]]
    public let rangePrefixes: [[UInt8]]
    public let rangeLimit: Int
    public let conversations: Int

    public static let maximumKeys = 80_000_000

    public init(keys count: Int, conversations: Int? = nil, operations: Int, rangeLimit: Int = 20, seed: UInt64 = 42) {
        precondition(count > 0 && count <= IndexKeySet.maximumKeys,
                     "IndexKeySet: keys must be in 1...\(IndexKeySet.maximumKeys) (timestamps stay within one day), got \(count)")
        precondition(operations > 0, "IndexKeySet: operations must be positive, got \(operations)")
        var rng = SplitMix64(seed: seed)
        let groups = conversations ?? max(1, count / 100)
        let partitions: [[UInt8]] = (0..<groups).map { _ in Array("MSG#".utf8) + IndexKeySet.uuid(&rng) }
        var keys: [[UInt8]] = []
        keys.reserveCapacity(count)
        for i in 0..<count {
            var key = partitions[Int(rng.next() % UInt64(groups))]
            key.reserveCapacity(73)
            key.append(UInt8(ascii: "|"))
            IndexKeySet.appendTimestamp(microsecondsOfDay: i * 1_000, to: &key)
            keys.append(key)
        }
        self.keys = keys
        self.conversations = groups
        self.rangeLimit = rangeLimit
        getProbes = (0..<operations).map { _ in Int(rng.next() % UInt64(count)) }
        var bounds: [[UInt8]] = [], prefixes: [[UInt8]] = []
        for _ in 0..<operations {
            let partition = partitions[Int(rng.next() % UInt64(groups))]
            bounds.append(partition + [UInt8(ascii: "}")])
            prefixes.append(partition + [UInt8(ascii: "|")])
        }
        rangeUpperBounds = bounds
        rangePrefixes = prefixes
    }

    /// Lowercase 8-4-4-4-12 hex.
    static func uuid(_ rng: inout SplitMix64) -> [UInt8] {
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(36)
        var bits = rng.next(), left = 16
        for i in 0..<32 {
            if i == 8 || i == 12 || i == 16 || i == 20 { out.append(UInt8(ascii: "-")) }
            if left == 0 { bits = rng.next(); left = 16 }
            out.append(hex[Int(bits & 15)])
            bits >>= 4
            left -= 1
        }
        return out
    }

    /// "2026-11-21THH:MM:SS.ffffff+00:00" (32 bytes, the dataset's format) for a time within the day.
    static func appendTimestamp(microsecondsOfDay: Int, to key: inout [UInt8]) {
        key.append(contentsOf: "2026-11-21T".utf8)
        let micros = microsecondsOfDay % 1_000_000, seconds = microsecondsOfDay / 1_000_000
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var v = value
            for _ in 0..<width {
                key.append(UInt8(ascii: "0") + UInt8(v / divisor))
                v %= divisor
                divisor /= 10
            }
        }
        digits(seconds / 3600, 2)
        key.append(UInt8(ascii: ":"))
        digits(seconds / 60 % 60, 2)
        key.append(UInt8(ascii: ":"))
        digits(seconds % 60, 2)
        key.append(UInt8(ascii: "."))
        digits(micros, 6)
        key.append(contentsOf: "+00:00".utf8)
    }

    /// Writes the set for the Rust and C++ programs: "N G R L", the keys, the get probes, then
    /// "upper<TAB>prefix" per range probe, one per line (keys hold no tab or newline).
    public func write(to path: String) throws {
        var out: [UInt8] = []
        out.reserveCapacity(keys.count * 74 + getProbes.count * 8 + rangePrefixes.count * 84 + 64)
        out.append(contentsOf: "\(keys.count) \(getProbes.count) \(rangePrefixes.count) \(rangeLimit)\n".utf8)
        for key in keys {
            out.append(contentsOf: key)
            out.append(UInt8(ascii: "\n"))
        }
        for probe in getProbes { out.append(contentsOf: "\(probe)\n".utf8) }
        for r in rangePrefixes.indices {
            out.append(contentsOf: rangeUpperBounds[r])
            out.append(UInt8(ascii: "\t"))
            out.append(contentsOf: rangePrefixes[r])
            out.append(UInt8(ascii: "\n"))
        }
        try Data(out).write(to: URL(fileURLWithPath: path))
    }
}

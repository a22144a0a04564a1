/// The Mann-Whitney U test (Mann & Whitney 1947), one-sided: is `current` stochastically larger
/// than `baseline`? Rank-based, so a single outlier repetition cannot fake or hide a shift.
///
/// Without ties and with at most 30 samples a side the p-value is exact, from the count of rank
/// arrangements giving each U (recurrence f(m, n, u) = f(m-1, n, u-n) + f(m, n-1, u)); otherwise it
/// uses the normal approximation with tie-corrected variance and a continuity correction.
public enum MannWhitney {
    public struct Result: Sendable, Equatable {
        /// U of `current`: pairs (b, c) with c > b, ties counting one half.
        public var u: Double
        /// P(U >= observed) when both sides come from one distribution.
        public var pValue: Double
        public var exact: Bool
    }

    public static func greater(current: [Double], baseline: [Double]) -> Result {
        let m = current.count, n = baseline.count
        precondition(m > 0 && n > 0, "Mann-Whitney needs samples on both sides, got \(m) current and \(n) baseline")
        var u = 0.0
        var hasTies = false
        for c in current {
            for b in baseline {
                if c > b { u += 1 } else if c == b { u += 0.5; hasTies = true }
            }
        }
        if !hasTies, m <= 30, n <= 30 {
            let counts = arrangementCounts(m: m, n: n)
            let total = counts.reduce(0, +)
            let observed = Int(u)
            let atLeast = counts[observed...].reduce(0, +)
            return Result(u: u, pValue: atLeast / total, exact: true)
        }
        // Normal approximation with tie correction on the pooled ranks.
        let pooled = (current + baseline).sorted()
        var tieTerm = 0.0
        var index = 0
        while index < pooled.count {
            var end = index
            while end + 1 < pooled.count, pooled[end + 1] == pooled[index] { end += 1 }
            let t = Double(end - index + 1)
            tieTerm += t * t * t - t
            index = end + 1
        }
        let nm = Double(m * n), total = Double(m + n)
        let mean = nm / 2
        let variance = nm / 12 * ((total + 1) - tieTerm / (total * (total - 1)))
        guard variance > 0 else { return Result(u: u, pValue: 1, exact: false) }
        let z = (u - mean - 0.5) / variance.squareRoot()
        return Result(u: u, pValue: 0.5 * erfc(z / 2.0.squareRoot()), exact: false)
    }

    /// The smallest one-sided p-value samples of these sizes can reach (complete separation):
    /// below alpha, the test can speak; above it, no data could ever be significant.
    public static func smallestPValue(m: Int, n: Int) -> Double {
        var arrangements = 1.0
        for k in 0..<min(m, n) { arrangements = arrangements * Double(m + n - k) / Double(k + 1) }
        return 1 / arrangements
    }

    /// Number of orderings of m current and n baseline samples giving each U = 0...m*n (as Double: C(60,30) ~ 1e17).
    static func arrangementCounts(m: Int, n: Int) -> [Double] {
        // table[i][j] = counts for i current, j baseline samples.
        var table = [[[Double]]](repeating: [[Double]](repeating: [], count: n + 1), count: m + 1)
        for i in 0...m {
            for j in 0...n {
                if i == 0 || j == 0 {
                    table[i][j] = [Double](repeating: 0, count: i * j + 1)
                    table[i][j][0] = 1
                    continue
                }
                var counts = [Double](repeating: 0, count: i * j + 1)
                // The largest sample is a current one (beats all j baseline) or a baseline one.
                for (u, count) in table[i - 1][j].enumerated() { counts[u + j] += count }
                for (u, count) in table[i][j - 1].enumerated() { counts[u] += count }
                table[i][j] = counts
            }
        }
        return table[m][n]
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

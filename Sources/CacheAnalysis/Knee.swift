#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The knee of a hit-ratio curve: where extra cache stops paying off quickly.
///
/// Kneedle (Satopää, Albrecht, Irwin & Raghavan, "Finding a 'Kneedle' in a Haystack",
/// ICDCS Workshops 2011) for a concave increasing curve: normalise x and y to [0, 1] and
/// take the point furthest above the diagonal, max(yₙ − xₙ). Sizes are spread over orders
/// of magnitude, so x is log(size).
enum Knee {
    /// Index of the knee of `points` (size ascending), or nil with fewer than 3 points or
    /// a flat curve.
    static func index(sizes: [Int], hitRatios: [Double]) -> Int? {
        guard sizes.count >= 3, sizes.count == hitRatios.count else { return nil }
        let xs = sizes.map { log(Double(max(1, $0))) }
        guard let x0 = xs.first, let x1 = xs.last, x1 > x0,
              let y0 = hitRatios.min(), let y1 = hitRatios.max(), y1 > y0 else { return nil }
        var best: Int?
        var bestDistance = 0.0
        for i in xs.indices {
            let d = (hitRatios[i] - y0) / (y1 - y0) - (xs[i] - x0) / (x1 - x0)
            if d > bestDistance { bestDistance = d; best = i }
        }
        return best
    }
}

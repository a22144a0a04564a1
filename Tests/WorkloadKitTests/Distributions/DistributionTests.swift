import Foundation
import Testing
@testable import WorkloadKit

/// Goodness of fit at fixed seeds. Critical values of χ² at α = 0.001 (standard tables): 9 degrees of
/// freedom → 27.877. A correct generator fails such a test with probability 0.1 % per seed; the seeds are
/// fixed, so the outcome is reproducible.
@Suite struct DistributionTests {
    static let chiSquare9df = 27.877
    static let samples = 200_000

    static func chiSquare(observed: [Int], expected probabilities: [Double], samples: Int) -> Double {
        zip(observed, probabilities).reduce(0) { sum, pair in
            let e = pair.1 * Double(samples)
            return sum + (Double(pair.0) - e) * (Double(pair.0) - e) / e
        }
    }

    static func counts(of distribution: some KeyDistribution, samples: Int, seed: UInt64) -> [Int] {
        var rng = Xoshiro256StarStar(seed: seed)
        var d = distribution
        var counts = Array(repeating: 0, count: Int(d.count))
        for _ in 0..<samples { counts[Int(d.next(using: &rng))] += 1 }
        return counts
    }

    @Test func uniformFitsChiSquare() {
        let observed = Self.counts(of: UniformDistribution(count: 10), samples: Self.samples, seed: 11)
        let x2 = Self.chiSquare(observed: observed, expected: Array(repeating: 0.1, count: 10), samples: Self.samples)
        #expect(x2 < Self.chiSquare9df, "χ² = \(x2)")
    }

    /// The probabilities Gray et al.'s method produces, derived from the paper's formulas: rank 0 for
    /// u·ζn < 1, rank 1 for u·ζn < 1 + 0.5^θ (both exactly Zipf's), otherwise rank ⌊n(ηu − η + 1)^α⌋, whose
    /// value is ≥ k exactly when u ≥ ((k/n)^(1−θ) − 1)/η + 1.
    static func grayProbabilities(n: Int, theta: Double) -> [Double] {
        let zetaN = (1...n).reduce(0.0) { $0 + 1 / pow(Double($1), theta) }
        let zeta2 = 1 + pow(0.5, theta)
        let eta = (1 - pow(2 / Double(n), 1 - theta)) / (1 - zeta2 / zetaN)
        let u2 = zeta2 / zetaN
        func start(_ k: Int) -> Double { k >= n ? 1 : max(u2, (pow(Double(k) / Double(n), 1 - theta) - 1) / eta + 1) }
        var p = [1 / zetaN, pow(0.5, theta) / zetaN]
        for k in 2..<n { p.append(start(k + 1) - start(k)) }
        return p
    }

    @Test(arguments: [0.5, 0.99])
    func zipfianFitsChiSquare(theta: Double) {
        let expected = Self.grayProbabilities(n: 10, theta: theta)
        #expect(abs(expected.reduce(0, +) - 1) < 1e-9)
        let observed = Self.counts(of: ZipfianDistribution(count: 10, theta: theta), samples: Self.samples, seed: 12)
        let x2 = Self.chiSquare(observed: observed, expected: expected, samples: Self.samples)
        #expect(x2 < Self.chiSquare9df, "χ² = \(x2)")
        // The approximation stays close to the true Zipf law (within 10 % per rank for n = 10).
        let zeta = (1...10).reduce(0.0) { $0 + 1 / pow(Double($1), theta) }
        for rank in 0..<10 {
            let truth = 1 / pow(Double(rank + 1), theta) / zeta
            #expect(abs(expected[rank] / truth - 1) < 0.1, "rank \(rank)")
        }
        // Monotone: rank i at least as popular as rank i + 1.
        for rank in 0..<9 { #expect(observed[rank] > observed[rank + 1]) }
    }

    @Test func zipfianZetaMatchesHandSum() {
        // ζ(3, 0.5) = 1 + 1/√2 + 1/√3.
        let d = ZipfianDistribution(count: 3, theta: 0.5)
        #expect(abs(d.zetaN - (1 + 1 / 2.0.squareRoot() + 1 / 3.0.squareRoot())) < 1e-12)
    }

    @Test func fnv1a64MatchesPublishedVectors() {
        // From the FNV reference test suite: "" → offset basis, "a" → 0xaf63dc4c8601ec8c.
        #expect(FNV1a64.hash(bytes: []) == 0xCBF2_9CE4_8422_2325)
        #expect(FNV1a64.hash(bytes: Array("a".utf8)) == 0xAF63_DC4C_8601_EC8C)
        #expect(FNV1a64.hash(bytes: Array("foobar".utf8)) == 0x8594_4171_F739_67E8)
        // The UInt64 form hashes the 8 little-endian bytes.
        #expect(FNV1a64.hash(0x0102) == FNV1a64.hash(bytes: [2, 1, 0, 0, 0, 0, 0, 0]))
    }

    @Test func scrambledZipfianKeepsTheRankFrequencyProfile() {
        let n: UInt64 = 1000
        let zipf = Self.counts(of: ZipfianDistribution(count: n, theta: 0.99), samples: Self.samples, seed: 13)
        let scrambled = Self.counts(of: ScrambledZipfianDistribution(count: n, theta: 0.99), samples: Self.samples, seed: 13)
        // Same draws through a bijection: identical sorted frequencies.
        #expect(zipf.sorted(by: >) == scrambled.sorted(by: >))
        // …but the hot keys moved: the hottest key is not key 0 and the top 10 are not 0..<10.
        let top = scrambled.indices.sorted { scrambled[$0] > scrambled[$1] }.prefix(10)
        #expect(Set(top) != Set(0..<10))
        let permutation = ScrambledZipfianDistribution(count: n, theta: 0.99).permutation
        #expect(Set(permutation).count == Int(n))
    }

    @Test func latestFavoursTheNewestKeys() {
        let n: UInt64 = 100
        let zipf = Self.counts(of: ZipfianDistribution(count: n, theta: 0.9), samples: 50_000, seed: 14)
        let latest = Self.counts(of: LatestDistribution(count: n, theta: 0.9), samples: 50_000, seed: 14)
        #expect(latest == zipf.reversed())
        #expect(latest.last! == latest.max()!)
    }

    @Test func hotspotShareWithinBounds() {
        let d = HotspotDistribution(count: 1000, hotFraction: 0.2, hotProbability: 0.8)
        #expect(d.hotCount == 200)
        let observed = Self.counts(of: d, samples: Self.samples, seed: 15)
        let hotShare = Double(observed[0..<200].reduce(0, +)) / Double(Self.samples)
        // σ of the share = √(0.8 · 0.2 / 200 000) ≈ 0.0009; ±0.005 is over 5σ.
        #expect(abs(hotShare - 0.8) < 0.005, "hot share \(hotShare)")
        // Inside each set, keys are uniform: hot keys average 800 draws, cold ones 50.
        let hotMean = Double(observed[0..<200].reduce(0, +)) / 200
        let coldMean = Double(observed[200...].reduce(0, +)) / 800
        #expect(abs(hotMean / coldMean - 16) < 1)
    }

    @Test func sizeDistributionsStayInBounds() {
        var rng = Xoshiro256StarStar(seed: 16)
        let normal = SizeDistribution.normal(mean: 10, stddev: 20, min: 1, max: 30)
        let uniform = SizeDistribution.uniform(min: 3, max: 5)
        var seen = Set<Int>()
        var sum = 0
        for _ in 0..<10_000 {
            let v = normal.next(using: &rng)
            #expect(v >= 1 && v <= 30)
            let u = uniform.next(using: &rng)
            seen.insert(u)
            sum += u
        }
        #expect(seen == [3, 4, 5])
        #expect(abs(Double(sum) / 10_000 - 4) < 0.05)
        #expect(SizeDistribution.constant(7).next(using: &rng) == 7)
    }
}

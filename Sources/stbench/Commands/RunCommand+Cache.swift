import Foundation
import LoadGenerator
import Reporting
import Synchronization
import WorkloadKit

/// Turns a cached target's counters into results: the measured part only (a baseline is taken when the
/// warmup ends) and a hit ratio per pattern per interval, from counters sampled at each progress tick.
///
/// Sampling rides on the runner's progress callback (about once per interval), so interval boundaries
/// are matched to the nearest sample: the per-interval ratios are approximate, the totals are exact
/// except for the operations between the warmup's end and the first sample after it.
final class CacheObserver: Sendable {
    struct Sample {
        var elapsed: Double
        var report: CacheReport
    }

    let report: @Sendable () -> CacheReport
    let warmupSeconds: Double
    private let state = Mutex<(baseline: CacheReport?, samples: [Sample])>((nil, []))

    init(warmupSeconds: Double, report: @escaping @Sendable () -> CacheReport) {
        self.report = report
        self.warmupSeconds = warmupSeconds
    }

    func sample(_ snapshot: ProgressSnapshot) {
        let now = report()
        state.withLock { s in
            if snapshot.inWarmup { return }
            if s.baseline == nil { s.baseline = warmupSeconds == 0 ? Self.zero(now) : now }
            s.samples.append(Sample(elapsed: snapshot.elapsedSeconds, report: now))
        }
    }

    static func zero(_ r: CacheReport) -> CacheReport {
        var z = r
        for key in z.patterns.keys { z.patterns[key] = .init(hits: 0, misses: 0, staleReads: 0) }
        return z
    }

    static func minus(_ a: CacheReport, _ b: CacheReport) -> CacheReport {
        var d = a
        for (pattern, f) in a.patterns {
            let g = b.patterns[pattern] ?? .init(hits: 0, misses: 0, staleReads: 0)
            d.patterns[pattern] = .init(hits: f.hits &- g.hits, misses: f.misses &- g.misses, staleReads: f.staleReads &- g.staleReads)
        }
        return d
    }

    /// The measured figures (total minus the warmup baseline).
    func measured() -> CacheReport {
        let end = report()
        let baseline = state.withLock { $0.baseline } ?? Self.zero(end)
        return Self.minus(end, baseline)
    }

    /// Fills `results.cache` and each interval's per-pattern `hitRatio`.
    func apply(to results: inout RunResults) {
        let m = measured()
        results.cache = CacheResults(
            policy: m.spec.policy.rawValue, capacityUnit: m.spec.capacityUnit.rawValue, capacity: m.spec.capacity,
            ttlSeconds: m.spec.ttlSeconds, writeStrategy: m.spec.writeStrategy.rawValue, memoryBytes: m.bytes,
            patterns: Dictionary(uniqueKeysWithValues: m.patterns.map { pattern, f in
                (pattern.name, CachePatternResults(hits: f.hits, misses: f.misses, hitRatio: f.hitRatio, staleReads: f.staleReads))
            }))
        let samples = state.withLock { $0.samples }
        guard samples.count >= 2 else { return }
        func nearest(_ t: Double) -> CacheReport {
            samples.min(by: { abs($0.elapsed - t) < abs($1.elapsed - t) })!.report
        }
        var previousEnd = 0.0
        for i in results.intervals.indices {
            let end = results.intervals[i].t
            let d = Self.minus(nearest(warmupSeconds + end), nearest(warmupSeconds + previousEnd))
            previousEnd = end
            for (pattern, f) in d.patterns where f.hits + f.misses > 0 {
                results.intervals[i].patterns[pattern.name]?.hitRatio = f.hitRatio
            }
        }
    }

    /// The cache lines of the run summary on stdout.
    static func summary(_ m: CacheReport) -> String {
        var out = "cache: \(m.spec.policy.rawValue), \(m.spec.capacity) \(m.spec.capacityUnit.rawValue), write strategy \(m.spec.writeStrategy.rawValue)"
        out += ", ttl " + (m.spec.ttlSeconds.map { "\($0) s" } ?? "none")
        out += "; \(m.entries) pages resident, \(m.bytes) bytes (item sizes), \(m.evictions) evictions, \(m.invalidations) invalidations, \(m.expirations) expirations\n"
        for pattern in [Pattern.listMessages, .listConversations] {
            guard let f = m.patterns[pattern], f.hits + f.misses > 0 else { continue }
            out += "  \(pattern.name.padding(toLength: 20, withPad: " ", startingAt: 0)) hits \(f.hits)  misses \(f.misses)  hit ratio \(percent(f.hitRatio))  stale reads \(f.staleReads) (\(percent(f.staleRate)) of reads)\n"
        }
        return out
    }

    static func percent(_ x: Double) -> String {
        let tenths = Int((x * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}

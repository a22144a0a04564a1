import CacheKit
import Foundation

/// Plain-text rendering of an `AnalysisReport` for stdout (not on any hot path).
public enum ReportTable {
    public static func render(_ r: AnalysisReport) -> String {
        var out = ""
        let t = r.trace
        out += "trace: \(t.requests) requests (\(t.reads) reads, \(t.writes) writes, \(t.invalidations) invalidations), "
        out += "\(t.uniqueKeys) keys, \(t.uniqueBytes) bytes unique, mean read \(fmt(t.meanReadSize, 0)) B\n"
        out += "one-hit wonders \(pct(t.oneHitWonderRatio)) of keys; compulsory misses \(pct(t.compulsoryMissRatio)) of reads\n"
        for p in t.patterns { out += "  pattern \(p.pattern): \(p.reads) reads over \(p.uniqueKeys) keys\n" }
        out += "\nmiss ratio by policy (capacity in \(r.unit.rawValue), writes \(r.writes.rawValue)):\n"
        out += pad("policy", 10) + r.sizes.map { pad(String($0), 10) }.joined() + "  target \(pct(r.targetHitRatio)) hit   knee\n"
        for c in r.policies {
            out += pad(c.policy, 10) + c.points.map { pad(fmt($0.missRatio, 4), 10) }.joined()
            out += "  " + pad(c.sizeForTarget.map(String.init) ?? "-", 14) + (c.kneeSize.map(String.init) ?? "-") + "\n"
        }
        if r.policies.first?.points.first?.patternHitRatios.count ?? 0 > 1 {
            out += "\nhit ratio per pattern at the largest size:\n"
            for c in r.policies {
                guard let last = c.points.last else { continue }
                out += pad(c.policy, 10) + last.patternHitRatios.enumerated().map { "p\($0.offset)=" + ($0.element.map { pct($0) } ?? "-") }.joined(separator: " ") + "\n"
            }
        }
        if let lru = r.lru {
            out += "\nexact LRU (Mattson, \(fmt(r.timings.lruCurveSeconds, 3)) s wall, \(fmt(r.timings.lruCurveCPUSeconds, 3)) s CPU): smallest size for \(pct(r.targetHitRatio)) hit: "
            out += (lru.sizeForTarget.map(String.init) ?? "unreachable") + "; knee " + (lru.kneeSize.map(String.init) ?? "-") + "\n"
            let step = max(1, lru.points.count / 12)
            out += "  " + stride(from: 0, to: lru.points.count, by: step).map { "\(lru.points[$0].size):\(fmt(lru.points[$0].missRatio, 3))" }.joined(separator: " ") + "\n"
        }
        if let s = r.shards {
            out += "SHARDS rate \(s.rate): \(s.sampledReads) sampled reads, error estimate ±\(fmt(s.errorEstimate, 4))"
            if let mae = s.meanAbsoluteErrorVersusExact { out += ", mean |error| vs exact \(fmt(mae, 4))" }
            out += "\n"
        }
        if !r.reuseHistogram.isEmpty {
            out += "reuse distance histogram: " + r.reuseHistogram.map { "\($0.from)-\($0.to):\($0.reads)" }.joined(separator: " ") + "\n"
        }
        if !r.staleness.isEmpty {
            out += "\nTTL-only caching (infinite cache, writes not invalidating):\n"
            for s in r.staleness {
                out += "  TTL \(fmt(Double(s.ttlNanoseconds) / 1e9, 3)) s: hit \(pct(s.hitRatio)), stale reads \(pct(s.staleReadRatio)) of reads\n"
            }
        }
        if let cost = r.cost {
            let m = cost.model
            out += "\ncost per month at \(fmt(m.readsPerSecond, 0)) reads/s (read $\(m.readPricePerMillionUnits)/M units, "
            out += "\(m.eventuallyConsistent ? "eventually" : "strongly") consistent; cache $\(m.cachePricePerGiBHour)/GiB-hour):\n"
            out += pad("policy", 10) + pad("size", 12) + pad("GiB", 10) + pad("RRU saved", 14) + pad("$ saved", 12) + pad("$ cache", 12) + "$ net\n"
            for l in cost.lines {
                out += pad(l.policy, 10) + pad(String(l.size), 12) + pad(fmt(l.cacheGiB, 4), 10) + pad(fmt(l.readUnitsSavedPerMonth, 0), 14)
                out += pad(fmt(l.readDollarsSavedPerMonth, 2), 12) + pad(fmt(l.cacheDollarsPerMonth, 2), 12) + fmt(l.netDollarsPerMonth, 2) + "\n"
            }
        }
        out += "\nsimulation \(fmt(r.timings.simulationSeconds, 2)) s\n"
        return out
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }

    static func fmt(_ v: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", v) }
    static func pct(_ v: Double) -> String { String(format: "%.1f%%", v * 100) }
}

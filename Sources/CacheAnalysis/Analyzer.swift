import CacheKit
import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What to analyse; defaults match `stbench cache analyze` without options.
public struct AnalysisOptions: Sendable {
    public var policies: [PolicyKind] = PolicyKind.allCases
    public var parameters: [PolicyKind: PolicyParameters] = [:]
    /// Add Belady's offline bound as a policy named "belady".
    public var includeBelady = true
    public var sizes: [SizeSpec] = [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5].map { .fractionOfWorkingSet($0) }
    public var unit: CapacityUnit = .objects
    public var writes: WriteEffect = .invalidate
    public var targetHitRatio = 0.9
    public var ttlsNanoseconds: [UInt64] = []
    public var cost: CostModel?
    /// SHARDS sampling rate; nil = only when the trace has more than `exactLimit` requests
    /// (then at a rate that samples about 10,000 keys).
    public var samplingRate: Double?
    public var exactLimit = 50_000_000
    /// Threads over which the (policy, size) simulations are spread.
    public var threads = 2

    public init() {}
}

/// Replays one trace through many policies and sizes at once, plus the curves, statistics
/// and cost views that don't need a policy.
public enum Analyzer {
    public static func analyze(_ trace: Trace, options: AnalysisOptions) throws -> AnalysisReport {
        guard options.targetHitRatio > 0 && options.targetHitRatio <= 1 else {
            throw CacheConfigurationError("--target-hit-ratio must lie in (0, 1], got \(options.targetHitRatio)")
        }
        let summary = TraceSummary(trace: trace)
        let workingSet = options.unit == .objects ? summary.uniqueKeys : summary.uniqueBytes
        let sizes = Array(Set(options.sizes.map { $0.resolve(workingSet: max(1, workingSet)) })).sorted()
        guard !sizes.isEmpty else { throw CacheConfigurationError("no cache sizes to simulate") }

        // Policy × size simulations, spread over threads. Each job builds its own policy,
        // so workers share nothing but the read-only trace.
        struct Job { var policy: PolicyKind?; var size: Int }
        var jobs: [Job] = []
        for p in options.policies { for s in sizes { jobs.append(Job(policy: p, size: s)) } }
        if options.includeBelady { for s in sizes { jobs.append(Job(policy: nil, size: s)) } }
        let next = Mutex(0)
        let results = Mutex([SimulationResult?](repeating: nil, count: jobs.count))
        let failure = Mutex<Error?>(nil)
        let beladyNext = options.includeBelady ? Belady.nextReads(trace) : nil
        let simulationStart = DispatchTime.now()
        DispatchQueue.concurrentPerform(iterations: max(1, min(options.threads, jobs.count))) { _ in
            while true {
                let i = next.withLock { n -> Int in defer { n += 1 }; return n }
                guard i < jobs.count else { return }
                let job = jobs[i]
                let simOptions = SimulationOptions(capacity: job.size, unit: options.unit, writes: options.writes)
                do {
                    let r: SimulationResult
                    if let policy = job.policy {
                        r = try policy.simulate(trace: trace, options: simOptions, parameters: options.parameters[policy] ?? .init())
                    } else {
                        r = Belady.simulate(trace: trace, options: simOptions, nextReads: beladyNext)
                    }
                    results.withLock { $0[i] = r }
                } catch {
                    failure.withLock { $0 = error }
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        let simulationSeconds = seconds(since: simulationStart)
        let all = results.withLock { $0 }

        var curves: [PolicyCurve] = []
        var costLines: [CostLine] = []
        let names = options.policies.map(\.rawValue) + (options.includeBelady ? ["belady"] : [])
        for (pi, name) in names.enumerated() {
            var points: [PolicyPoint] = []
            for (si, size) in sizes.enumerated() {
                let r = all[pi * sizes.count + si]!
                points.append(PolicyPoint(
                    size: size, hitRatio: r.hitRatio, missRatio: r.missRatio, byteMissRatio: r.byteMissRatio,
                    evictions: r.evictions,
                    patternHitRatios: zip(r.patternReads, r.patternHits).map { $0.0 == 0 ? nil : Double($0.1) / Double($0.0) }))
                if let cost = options.cost {
                    let bytes = options.unit == .bytes ? Double(size) : Double(size) * summary.meanReadSize
                    costLines.append(cost.line(policy: name, size: size, result: SimulationResultSummary(reads: r.reads, hitReadUnits: r.hitReadUnits), cacheBytes: bytes))
                }
            }
            let target = points.first { $0.hitRatio >= options.targetHitRatio }?.size
            let knee = Knee.index(sizes: sizes, hitRatios: points.map(\.hitRatio)).map { sizes[$0] }
            curves.append(PolicyCurve(policy: name, points: points, sizeForTarget: target, kneeSize: knee))
        }

        // Exact LRU curve (Mattson) and, if asked or needed, SHARDS.
        var timings = AnalysisReport.Timings(simulationSeconds: simulationSeconds)
        var lru: LRUCurve?
        var exact: StackDistances?
        var reuse: [ReuseBucket] = []
        let curveSizes = curveGrid(workingSet: max(1, workingSet), extra: sizes)
        if trace.count <= options.exactLimit {
            let start = DispatchTime.now()
            let cpuStart = threadCPUNanoseconds()
            let d = StackDistances(trace: trace, writes: options.writes, bytes: options.unit == .bytes)
            timings.lruCurveSeconds = seconds(since: start)
            timings.lruCurveCPUSeconds = Double(threadCPUNanoseconds() - cpuStart) / 1e9
            exact = d
            reuse = d.reuseHistogram()
            let points = curveSizes.map { s in
                CurvePoint(size: s, hitRatio: 1 - d.missRatio(capacity: s, unit: options.unit),
                           missRatio: d.missRatio(capacity: s, unit: options.unit),
                           byteMissRatio: d.byteMissRatio(capacity: s, unit: options.unit))
            }
            lru = LRUCurve(points: points,
                           sizeForTarget: d.smallestCapacity(hitRatio: options.targetHitRatio, unit: options.unit),
                           kneeSize: Knee.index(sizes: curveSizes, hitRatios: points.map(\.hitRatio)).map { curveSizes[$0] },
                           coldMisses: d.coldMisses)
        }
        var sampled: SampledCurve?
        // Unasked, sample ~10,000 keys: fewer make the curve hostage to whether the hottest keys
        // fall in the sample (SHARDS' error grows as the sampled key count shrinks).
        let automaticRate = min(1, max(0.001, 10_000 / Double(max(1, summary.uniqueKeys))))
        if let rate = options.samplingRate ?? (exact == nil ? automaticRate : nil) {
            guard rate > 0 && rate <= 1 else { throw CacheConfigurationError("--sampling-rate must lie in (0, 1], got \(rate)") }
            let start = DispatchTime.now()
            let curve = ShardsCurve(trace: trace, rate: rate, unit: options.unit, writes: options.writes)
            let points = curveSizes.map { s in
                CurvePoint(size: s, hitRatio: curve.hitRatio(capacity: s), missRatio: curve.missRatio(capacity: s), byteMissRatio: 0)
            }
            let error = ShardsCurve.errorEstimate(trace: trace, rate: rate, unit: options.unit, sizes: curveSizes, writes: options.writes)
            timings.shardsSeconds = seconds(since: start)
            var mae: Double?
            if let lru {
                mae = zip(points, lru.points).map { abs($0.0.hitRatio - $0.1.hitRatio) }.reduce(0, +) / Double(points.count)
            }
            sampled = SampledCurve(rate: rate, sampledReads: curve.sampledReads,
                                   points: points,
                                   errorEstimate: error, meanAbsoluteErrorVersusExact: mae)
        }

        let staleness = options.ttlsNanoseconds.map { StalenessPoint.measure(trace: trace, ttlNanoseconds: $0) }
        return AnalysisReport(
            trace: summary, unit: options.unit, writes: options.writes, sizes: sizes,
            targetHitRatio: options.targetHitRatio, policies: curves, lru: lru, shards: sampled,
            reuseHistogram: reuse, staleness: staleness,
            cost: options.cost.map { CostSection(model: $0, lines: costLines) }, timings: timings)
    }

    /// About 8 points per decade from 1 to the working set, plus the simulated sizes.
    static func curveGrid(workingSet: Int, extra: [Int]) -> [Int] {
        var sizes = Set(extra)
        var s = 1.0
        while s < Double(workingSet) {
            sizes.insert(Int(s.rounded()))
            s *= 1.334
        }
        sizes.insert(workingSet)
        return sizes.filter { $0 > 0 }.sorted()
    }

    /// This thread's CPU time: unlike wall time, not inflated by waiting for a core on a
    /// shared machine.
    static func threadCPUNanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}

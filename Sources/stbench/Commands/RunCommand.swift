import ArgumentParser
import CacheKit
import Foundation
import LoadGenerator
import MemoryStats
import Reporting
import SQLiteTarget
import WorkloadKit

/// `stbench run`: drives a workload against a target, prints a per-pattern summary, writes results.json.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a workload and write results.json.",
        discussion: """
            Flags override the workload file's run: section. Without a workload, \(WorkloadGlue.defaultWorkloadPath) is used. \
            Ctrl-C stops the run and writes what was measured with "complete": false (exit status 130).
            """
    )

    @Argument(help: "Workload file (default: \(WorkloadGlue.defaultWorkloadPath)).")
    var workload: String?

    @Option(help: "Measured duration, e.g. 30s, 500ms, 2m.")
    var duration: String?

    @Option(help: "Worker threads.")
    var threads: Int?

    @Option(help: "closed (next operation when the last completes) or open (fixed arrival rate).")
    var mode: String?

    @Option(help: "Open loop: operations per second across all threads.")
    var rate: Double?

    @Option(help: "Seed of the operation streams.")
    var seed: UInt64?

    @Option(help: "Warmup before measuring, e.g. 5s (not in the results).")
    var warmup: String?

    @Option(help: "Stop after this many measured operations (or at the duration, whichever comes first).")
    var operations: Int?

    @Option(help: "Directory for results.json (default: Reports/<workload>/<UTC timestamp>).")
    var out: String?

    @Option(help: "Target: embedded, sqlite or null (default: the workload's). Repeat to run the same workload against each and compare.")
    var target: [String] = []

    @Option(help: "Self-test: stall the target this long (e.g. 100ms) every --stall-every, to show coordinated omission.")
    var stall: String?

    @Option(help: "Self-test: period of --stall (default 1s).")
    var stallEvery: String?

    @Option(help: "Cache policy (lru, fifo, clock, lfu, arc, 2q, slru, wtinylfu, s3fifo, sieve): overrides the workload's cache: section, or adds one.")
    var cachePolicy: String?

    @Option(help: "Cache capacity in pages (or bytes with --cache-unit bytes); overrides the workload's.")
    var cacheCapacity: Int?

    @Option(help: "Cache capacity unit: objects or bytes.")
    var cacheUnit: String?

    @Option(help: "What C and D do to cached pages: invalidate, update or ttl-only.")
    var writeStrategy: String?

    @Option(help: "Cache entry lifetime, e.g. 30s (required by ttl-only).")
    var cacheTtl: String?

    @Flag(help: "Ignore the workload's cache: section.")
    var noCache = false

    @Option(help: "Record every page read and write into this CacheKit trace (for `stbench cache analyze`); runs without the cache.")
    var trace: String?

    @Option(help: "Threads that load the dataset (BatchWriteItem, split by conversation range; default 2).")
    var loadThreads: Int = 2

    @Flag(help: "No progress line on stderr.")
    var quiet = false

    @Option(help: "Run the measured part N times on the same dataset (each repetition replays the same operation streams) and keep every repetition, for `stbench compare`'s statistical test.")
    var `repeat`: Int = 1

    @Flag(help: "Also print the HdrHistogram percentile distribution of each pattern.")
    var percentiles = false

    func run() throws {
        if target.count > 1 { return try runEachTarget(target) }
        var workload = try resolveWorkload()
        try applyOverrides(to: &workload)
        var spec = workload.spec
        spec.seed = workload.seed  // flags override the file
        spec.run = workload.run
        spec.target = workload.target
        let sources = (0..<spec.run.threads).map { spec.makeOperationSource(worker: $0, workers: spec.run.threads) }
        switch workload.target {
        case "null":
            return try executeMaybeStalled(workload, target: NullTarget(), sources: sources)
        case "embedded":
            if !quiet { FileHandle.standardError.write(Data("loading the \(spec.name) dataset…\n".utf8)) }
            let target: EmbeddedTarget
            do { target = try EmbeddedTarget(spec: spec, loadThreads: loadThreads) } catch { throw ValidationError("\(error.name): \(error.message)") }
            let load = target.loadStatistics
            if !quiet {
                FileHandle.standardError.write(Data((load.summary + "\n").utf8))
            }
            let metrics = load.metrics
            if let trace {
                let writer: TraceWriter
                do { writer = try TraceWriter(path: trace) } catch { throw ValidationError("--trace \(trace): \(error)") }
                let tracing = TracingTarget(inner: target, writer: writer)
                try executeMaybeStalled(workload, target: tracing, sources: sources, metrics: metrics, finish: tracing.finish)
                if !quiet { print("trace: \(trace) (\(writer.recordCount) records)") }
                return
            }
            if let cacheSpec = try resolveCache(spec.cache) {
                let cached: CachedTarget<EmbeddedTarget>
                do { cached = try CachedTarget(inner: target, spec: cacheSpec) } catch { throw ValidationError("cache: \(error.message)") }
                let observer = CacheObserver(warmupSeconds: workload.run.warmupSeconds) { cached.report() }
                return try executeMaybeStalled(workload, target: cached, sources: sources, metrics: metrics, cache: observer)
            }
            return try executeMaybeStalled(workload, target: target, sources: sources, metrics: metrics)
        case "sqlite":
            return try executeSQLite(workload, spec: spec, sources: sources)
        default:
            throw ValidationError("unknown target \"\(workload.target)\"; expected embedded, sqlite or null")
        }
    }

    /// The workload's cache section with the --cache-* / --write-strategy flags applied (nil: no cache).
    private func resolveCache(_ fromFile: CacheSpec?) throws -> CacheSpec? {
        if noCache { return nil }
        guard fromFile != nil || cachePolicy != nil else {
            if cacheCapacity != nil || writeStrategy != nil || cacheTtl != nil || cacheUnit != nil {
                throw ValidationError("--cache-capacity/--write-strategy/--cache-ttl/--cache-unit need a cache: give --cache-policy or a workload with a cache: section")
            }
            return nil
        }
        var spec = fromFile ?? CacheSpec(policy: .lru, capacity: 10_000)
        if let cachePolicy {
            guard let p = CacheSpec.Policy(rawValue: cachePolicy.lowercased()) else {
                throw ValidationError("--cache-policy \(cachePolicy): expected one of \(CacheSpec.Policy.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            spec.policy = p
        }
        if let cacheCapacity {
            guard cacheCapacity >= 1 else { throw ValidationError("--cache-capacity \(cacheCapacity): expected at least 1") }
            spec.capacity = cacheCapacity
        }
        if let cacheUnit {
            guard let u = CacheSpec.CapacityUnit(rawValue: cacheUnit) else { throw ValidationError("--cache-unit \(cacheUnit): expected objects or bytes") }
            spec.capacityUnit = u
        }
        if let cacheTtl {
            guard let s = DurationArgument.seconds(cacheTtl), s > 0 else { throw ValidationError("--cache-ttl \(cacheTtl): expected a positive duration such as 30s") }
            spec.ttlSeconds = s
        }
        if let writeStrategy {
            guard let w = CacheSpec.WriteStrategy(rawValue: writeStrategy) else {
                throw ValidationError("--write-strategy \(writeStrategy): expected invalidate, update or ttl-only")
            }
            spec.writeStrategy = w
        }
        if spec.writeStrategy == .ttlOnly && spec.ttlSeconds == nil {
            throw ValidationError("write strategy ttl-only needs a TTL: give --cache-ttl or cache.ttl in the workload")
        }
        return spec
    }

    /// The named workload file, or the default one.
    private func resolveWorkload() throws -> ResolvedWorkload {
        let path = workload ?? WorkloadGlue.defaultWorkloadPath
        do {
            return try WorkloadGlue.load(path: path)
        } catch {
            throw ValidationError(error.description)
        }
    }

    private func applyOverrides(to workload: inout ResolvedWorkload) throws {
        if let duration {
            guard let seconds = DurationArgument.seconds(duration), seconds > 0 else {
                throw ValidationError("--duration \(duration): expected a positive duration such as 30s, 500ms or 2m")
            }
            workload.run.durationSeconds = seconds
        }
        if let warmup {
            guard let seconds = DurationArgument.seconds(warmup) else {
                throw ValidationError("--warmup \(warmup): expected a duration such as 5s or 0")
            }
            workload.run.warmupSeconds = seconds
        }
        if let threads {
            guard threads >= 1 else { throw ValidationError("--threads \(threads): expected at least 1") }
            workload.run.threads = threads
        }
        if let mode {
            guard let parsed = RunSpec.Mode(rawValue: mode) else { throw ValidationError("--mode \(mode): expected closed or open") }
            workload.run.mode = parsed
        }
        if let rate {
            guard rate > 0, rate.isFinite else { throw ValidationError("--rate \(rate): expected a positive number of operations per second") }
            workload.run.targetRate = rate
        }
        if let operations {
            guard operations >= 1 else { throw ValidationError("--operations \(operations): expected at least 1") }
            workload.run.operations = operations
        }
        if let seed { workload.seed = seed }
        if let target = target.first { workload.target = target }
    }

    /// `--target sqlite`: the same dataset loaded into SQLite (see `SQLiteTarget`), then the same run.
    private func executeSQLite<S: OperationSource>(_ workload: ResolvedWorkload, spec: WorkloadSpec, sources: [S]) throws {
        if !quiet { FileHandle.standardError.write(Data("loading the \(spec.name) dataset into SQLite…\n".utf8)) }
        let target: SQLiteTarget
        do { target = try SQLiteTarget(spec: spec) } catch { throw ValidationError("\(error.name): \(error.message)") }
        let load = target.loadStatistics
        if !quiet {
            FileHandle.standardError.write(Data((load.summary + "\n").utf8))
        }
        try executeMaybeStalled(workload, target: target, sources: sources, metrics: load.metrics)
    }

    /// Wraps `target` in a `FaultInjectingTarget` when --stall is given.
    private func executeMaybeStalled<T: Target, S: OperationSource>(
        _ workload: ResolvedWorkload, target: T, sources: [S], metrics: [String: Double]? = nil,
        cache: CacheObserver? = nil, finish: (() throws -> Void)? = nil
    ) throws {
        guard let stall else {
            return try execute(workload, target: target, sources: sources, metrics: metrics, cache: cache, finish: finish)
        }
        guard let pause = DurationArgument.seconds(stall), pause > 0 else {
            throw ValidationError("--stall \(stall): expected a positive duration such as 100ms")
        }
        let periodText = stallEvery ?? "1s"
        guard let period = DurationArgument.seconds(periodText), period > pause else {
            throw ValidationError("--stall-every \(periodText): expected a duration longer than --stall, such as 1s")
        }
        let faulty = FaultInjectingTarget(
            wrapping: target, clock: MonotonicClock(),
            schedule: .everyNanos(UInt64(period * 1e9), pauseNanos: UInt64(pause * 1e9))
        )
        try execute(workload, target: faulty, sources: sources, metrics: metrics, cache: cache, finish: finish)
    }

    /// Runs on a concrete target and source type, so the workers' loop is specialised on both.
    /// `metrics` go to results.json as they are (e.g. the dataset load rate).
    private func execute<T: Target, S: OperationSource>(
        _ workload: ResolvedWorkload, target: T, sources: [S], metrics: [String: Double]? = nil,
        cache: CacheObserver? = nil, finish: (() throws -> Void)? = nil
    ) throws {
        guard `repeat` >= 1 else { throw ValidationError("--repeat \(`repeat`): expected at least 1") }
        guard loadThreads >= 1 else { throw ValidationError("--load-threads \(loadThreads): expected at least 1") }
        var repetitions: [RunResults] = []
        for repetition in 1...`repeat` {
            if `repeat` > 1, !quiet { FileHandle.standardError.write(Data("repetition \(repetition) of \(`repeat`)\n".utf8)) }
            let (results, complete) = try measure(workload, target: target, sources: sources, metrics: metrics, cache: cache, finish: finish,
                                                  last: repetition == `repeat`)
            repetitions.append(results)
            if !complete { break }
        }
        try write(repetitions, workload: workload)
    }

    /// One measured run; prints its summary. Returns the results and whether it completed.
    private func measure<T: Target, S: OperationSource>(
        _ workload: ResolvedWorkload, target: T, sources: [S], metrics: [String: Double]?,
        cache: CacheObserver?, finish: (() throws -> Void)?, last: Bool
    ) throws -> (RunResults, Bool) {
        let printer = quiet ? nil : ProgressPrinter()
        let progress: (@Sendable (ProgressSnapshot) -> Void)?
        if printer != nil || cache != nil {
            progress = { @Sendable snapshot in
                cache?.sample(snapshot)
                printer?.show(snapshot)
            }
        } else {
            progress = nil
        }
        let options = RunnerOptions(histogramEncoder: Self.histogramEncoder, progress: progress,
                                    progressPeriodSeconds: cache == nil ? 1 : min(0.1, workload.run.intervalSeconds))
        let runner: Runner<MonotonicClock, T, S>
        do {
            runner = try Runner(spec: workload.run, seed: workload.seed, target: target, clock: MonotonicClock(), sources: sources, options: options)
        } catch {
            throw ValidationError(error.description)
        }
        let interrupt = InterruptHandler { runner.stop() }
        let outcome = runner.run()
        interrupt.cancel()
        printer?.finish()
        if last || !outcome.complete { try finish?() }

        let context = RunContext(
            workloadName: workload.name, workloadFile: workload.file,
            tool: ToolInfo(version: STBench.configuration.version, gitCommit: EnvironmentProbe.gitCommit()),
            environment: EnvironmentProbe.current(allocator: Jemalloc.allocatorDescription),
            histogramEncoder: Self.histogramEncoder, metrics: metrics
        )
        var results = RunResultsBuilder.build(outcome, context: context)
        cache?.apply(to: &results)
        print(SummaryTable.render(results), terminator: "")
        if let cache { print(CacheObserver.summary(cache.measured()), terminator: "") }
        if percentiles { print(PercentileDistribution.render(outcome)) }
        return (results, outcome.complete)
    }

    /// Writes results.json (a repetitions document when there were several) and the reports, atomically.
    private func write(_ repetitions: [RunResults], workload: ResolvedWorkload) throws {
        guard let first = repetitions.first else { return }
        let started = ISO8601DateFormatter().date(from: first.startedAt.replacingOccurrences(of: #"\.\d+"#, with: "", options: .regularExpression)) ?? Date()
        let directory = out ?? ResultsWriter.defaultDirectory(workload: workload.name, startedAt: started)
        let path: String
        let reports: [String]
        if repetitions.count == 1 {
            path = try ResultsWriter.write(first, toDirectory: directory)
            reports = try ReportWriter.writeAll(results: first, to: directory)
        } else {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let document = ResultsDocument.repeated(RepeatedResults(repetitions: repetitions))
            path = (directory as NSString).appendingPathComponent("results.json")
            try AtomicFile.write(try document.encoded(), to: path)
            reports = try ReportWriter.writeAll(document: document, to: directory)
        }
        if out == nil {
            try? ReportWriter.updateLatestLink(reportsRoot: "Reports", workload: workload.name, runDirectory: directory)
        }
        print("results: \(path)\(repetitions.count > 1 ? " (\(repetitions.count) repetitions)" : "")")
        print("reports: \(reports.joined(separator: ", "))")
        if repetitions.contains(where: { !$0.complete }) { throw ExitCode(130) }
    }

    /// HdrHistogram V2 (compressed, base64) for results.json: fills each pattern's `latencyHistogram` /
    /// `serviceTimeHistogram` and each interval's `histogram`, so reports can be recomputed from the file.
    static let histogramEncoder: HistogramEncoder? = { HistogramCodec.encodeBase64($0) }
}

// MARK: - WorkloadSpec glue

// The seam between the CLI and WorkloadKit's parser, shared by `run`, `validate` and `workloads`.

/// A workload as the commands need it: the fields of `WorkloadSpec` that `run`, `validate` and
/// `workloads` use (flags override `seed`, `run` and `target`).
struct ResolvedWorkload {
    var name: String
    var description: String
    /// The file it came from.
    var file: String
    var seed: UInt64
    var run: RunSpec
    /// "embedded", "null", …
    var target: String
    /// The parsed file.
    var spec: WorkloadSpec
}

enum WorkloadGlue {
    static let defaultWorkloadPath = "Workloads/messaging-default.yaml"

    /// Reads and validates a workload file.
    static func load(path: String) throws(WorkloadFileError) -> ResolvedWorkload {
        do {
            let spec = try WorkloadSpec.load(path: path)
            return ResolvedWorkload(
                name: spec.name, description: spec.description, file: spec.file, seed: spec.seed,
                run: spec.run, target: spec.target, spec: spec)
        } catch {
            throw WorkloadFileError(description: error.description)
        }
    }
}

/// A workload file that cannot be used, with what was wrong (file, line:column, field, expectation).
struct WorkloadFileError: Error, CustomStringConvertible {
    var description: String
}

import ArgumentParser
import CacheAnalysis
import CacheKit
import Dispatch
import Foundation
import LoadGenerator
import WorkloadKit

/// `stbench cache …`: offline cache analysis of request traces.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Analyse read-aside caching for a request trace.",
        subcommands: [Analyze.self]
    )

    struct Analyze: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replay a trace through many eviction policies and sizes; LRU curves, staleness and cost.",
            discussion: """
            TRACE is an stbench binary trace (from `stbench run --trace`) or a libCacheSim CSV \
            (`time,obj_id,obj_size`, by .csv extension), or a workload file (.yaml/.yml): it is run briefly \
            (--trace-duration) on the embedded engine without a cache while every page read and write is traced. \
            Or generate one: --zipf 0.99 --keys 100000 --requests 1000000 --seed 1.
            """
        )

        @Argument(help: "Trace file (.csv for libCacheSim CSV, .yaml/.yml for a workload to trace, otherwise stbench binary).")
        var trace: String?

        @Option(name: .customLong("trace-duration"), help: "Workload input: how long to run it while tracing, e.g. 10s.")
        var traceDuration: String = "10s"

        @Option(name: .customLong("save-trace"), help: "Workload input: keep the recorded trace at this path.")
        var saveTrace: String?

        @Option(help: "Comma-separated policies (\(PolicyKind.allCases.map(\.rawValue).joined(separator: ",")))")
        var policies: String?

        @Option(name: .customLong("param"), help: "Policy parameters as policy:name=value[,name=value], repeatable (e.g. s3-fifo:small=0.2).")
        var params: [String] = []

        @Option(help: "Comma-separated sizes: counts (10000), byte sizes (64MB) or shares of the working set (1%).")
        var sizes: String?

        @Option(help: "Capacity unit: objects or bytes.")
        var by: CapacityUnit = .objects

        @Option(help: "What writes do to the cache: invalidate, update or ignore.")
        var writes: WriteEffect = .invalidate

        @Option(help: "Write the full report, curves included, as JSON to this file.")
        var json: String?

        @Option(name: .customLong("target-hit-ratio"), help: "Hit ratio the recommendation aims for.")
        var targetHitRatio: Double = 0.9

        @Option(help: "Comma-separated TTLs for the staleness view (e.g. 500ms,10s,1m).")
        var ttl: String?

        @Option(help: "Reads per second, to turn hit ratios into DynamoDB read units and dollars per month.")
        var rate: Double?

        @Option(name: .customLong("read-price"), help: "Dollars per million read request units (DynamoDB on-demand; us-east-1 since Nov 2024).")
        var readPrice: Double = 0.125

        @Option(name: .customLong("cache-price"), help: "Cache dollars per GiB-hour.")
        var cachePrice: Double = 0.125

        @Flag(name: .customLong("strongly-consistent"), help: "Price reads as strongly consistent (1 unit per 4 KB instead of ½).")
        var stronglyConsistent = false

        @Option(name: .customLong("sampling-rate"), help: "Also compute a SHARDS-sampled LRU curve at this rate (0–1].")
        var samplingRate: Double?

        @Flag(name: .customLong("no-belady"), help: "Skip Belady's offline bound.")
        var noBelady = false

        @Option(help: "Threads for the policy × size simulations.")
        var threads: Int = 2

        @Option(help: "Generate a Zipf trace with this skew θ instead of reading TRACE.")
        var zipf: Double?
        @Option(help: "Keys of the generated trace.")
        var keys: Int = 100_000
        @Option(help: "Requests of the generated trace.")
        var requests: Int = 1_000_000
        @Option(help: "Seed of the generated trace.")
        var seed: UInt64 = 1
        @Option(name: .customLong("object-size"), help: "Bytes per object of the generated trace.")
        var objectSize: UInt32 = 1024

        @Option(name: .customLong("export-csv"), help: "Also write the (read) trace as libCacheSim CSV to this file.")
        var exportCSV: String?

        @Flag(help: "Print single-thread simulation throughput per policy (requests/s) at each size.")
        var throughput = false

        func validate() throws {
            if trace == nil && zipf == nil { throw ValidationError("give a TRACE file or --zipf θ to generate one") }
            if trace != nil && zipf != nil { throw ValidationError("give either a TRACE file or --zipf, not both") }
            if threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        }

        func loadTrace() throws -> Trace {
            if let zipf {
                let z = ZipfTrace(theta: zipf, keys: keys, requests: requests, seed: seed, size: objectSize)
                try z.validate()
                return z.generate()
            }
            let path = trace!
            let lower = path.lowercased()
            if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return try traceWorkload(path) }
            return lower.hasSuffix(".csv") ? try CSVTrace.read(path: path) : try BinaryTraceFormat.read(path: path)
        }

        /// Runs the workload for --trace-duration on a cache-less embedded target with tracing on, and reads
        /// the trace back. The workload's threads, mode and rate apply; its warmup is skipped (the trace
        /// starts cold, as a new cache would).
        func traceWorkload(_ path: String) throws -> Trace {
            guard let seconds = DurationArgument.seconds(traceDuration), seconds > 0 else {
                throw ValidationError("--trace-duration \(traceDuration): expected a positive duration such as 10s")
            }
            var spec: WorkloadSpec
            do { spec = try WorkloadSpec.load(path: path) } catch { throw ValidationError(error.description) }
            guard spec.target == "embedded" else {
                throw ValidationError("\(path): target \(spec.target) has no pages to trace; cache analyze needs target: embedded")
            }
            spec.run.warmupSeconds = 0
            spec.run.durationSeconds = seconds
            spec.run.operations = nil
            let tracePath = saveTrace ?? FileManager.default.temporaryDirectory
                .appendingPathComponent("stbench-\(spec.name)-\(getpid()).trace").path
            FileHandle.standardError.write(Data("loading the \(spec.name) dataset…\n".utf8))
            let engine: EmbeddedTarget
            do { engine = try EmbeddedTarget(spec: spec) } catch { throw ValidationError("\(error.name): \(error.message)") }
            let target = TracingTarget(inner: engine, writer: try TraceWriter(path: tracePath))
            let sources = (0..<spec.run.threads).map { spec.makeOperationSource(worker: $0, workers: spec.run.threads) }
            FileHandle.standardError.write(Data("tracing \(spec.name) for \(traceDuration)…\n".utf8))
            let runner: Runner<MonotonicClock, TracingTarget<EmbeddedTarget>, WorkloadOperationSource>
            do {
                runner = try Runner(spec: spec.run, seed: spec.seed, target: target, clock: MonotonicClock(), sources: sources, options: RunnerOptions())
            } catch {
                throw ValidationError(error.description)
            }
            _ = runner.run()
            try target.finish()
            defer { if saveTrace == nil { try? FileManager.default.removeItem(atPath: tracePath) } }
            let trace = try BinaryTraceFormat.read(path: tracePath)
            FileHandle.standardError.write(Data("traced \(trace.count) requests\(saveTrace.map { " into \($0)" } ?? "")\n".utf8))
            return trace
        }

        func run() throws {
            let trace = try loadTrace()
            if let exportCSV { try CSVTrace.write(trace, path: exportCSV) }
            var options = AnalysisOptions()
            if let policies {
                options.policies = try policies.split(separator: ",").map { try PolicyKind(named: String($0)) }
            }
            for text in params {
                let parts = text.split(separator: ":", maxSplits: 1)
                guard parts.count == 2 else {
                    throw CacheConfigurationError("--param '\(text)': expected policy:name=value[,name=value]")
                }
                let kind = try PolicyKind(named: String(parts[0]))
                options.parameters[kind] = try PolicyParameters(parsing: String(parts[1]))
            }
            if let sizes { options.sizes = try sizes.split(separator: ",").map { try SizeSpec(parsing: String($0)) } }
            options.unit = by
            options.writes = writes
            options.targetHitRatio = targetHitRatio
            options.includeBelady = !noBelady
            options.samplingRate = samplingRate
            options.threads = threads
            if let ttl { options.ttlsNanoseconds = try ttl.split(separator: ",").map { try Self.parseDuration(String($0)) } }
            if let rate {
                options.cost = CostModel(readsPerSecond: rate, readPricePerMillionUnits: readPrice,
                                         cachePricePerGiBHour: cachePrice, eventuallyConsistent: !stronglyConsistent)
            }
            let report = try Analyzer.analyze(trace, options: options)
            print(ReportTable.render(report), terminator: "")
            if throughput { try printThroughput(trace, options: options, sizes: report.sizes) }
            if let json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                try encoder.encode(report).write(to: URL(fileURLWithPath: json))
            }
        }

        /// Best of 3 runs per cell, timed by this thread's CPU clock (CLOCK_THREAD_CPUTIME_ID)
        /// so that time spent waiting for a core on a shared machine is not counted.
        func printThroughput(_ trace: Trace, options: AnalysisOptions, sizes: [Int]) throws {
            print("\nsingle-thread simulation throughput (M requests/s, best of 3, thread CPU time):")
            print("policy    " + sizes.map { String($0).padding(toLength: 10, withPad: " ", startingAt: 0) }.joined())
            for policy in options.policies {
                var line = policy.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
                for size in sizes {
                    var best = Double.infinity
                    for _ in 0..<3 {
                        let start = Self.threadCPUNanoseconds()
                        _ = try policy.simulate(trace: trace, options: SimulationOptions(capacity: size, unit: options.unit, writes: options.writes))
                        best = min(best, Double(Self.threadCPUNanoseconds() - start) / 1e9)
                    }
                    line += String(format: "%-10.1f", Double(trace.count) / best / 1e6)
                }
                print(line)
            }
        }

        static func threadCPUNanoseconds() -> UInt64 {
            var ts = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
            return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
        }

        /// "500ms", "10s", "2m", "1h", "250us", "100ns"; a bare number means seconds.
        static func parseDuration(_ text: String) throws -> UInt64 {
            let units: [(String, Double)] = [("ns", 1), ("us", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9)]
            for (suffix, scale) in units where text.hasSuffix(suffix) {
                if let v = Double(text.dropLast(suffix.count)), v > 0 { return UInt64(v * scale) }
            }
            if let v = Double(text), v > 0 { return UInt64(v * 1e9) }
            throw CacheConfigurationError("--ttl '\(text)': expected a positive duration like 500ms, 10s, 2m or 1h")
        }
    }
}

extension CapacityUnit: ExpressibleByArgument {}
extension WriteEffect: ExpressibleByArgument {}

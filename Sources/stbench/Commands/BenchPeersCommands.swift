import ArgumentParser
import Foundation
import LoadGenerator
import MemoryStats
import PeerBench
import Reporting
import WorkloadKit

/// Options shared by `bench index` and `bench peers`.
struct IndexOptions: ParsableArguments {
    @Option(help: "Keys per contender (MSG#<uuid>|<ISO-8601>, 100 per partition).") var keys = 1_000_000
    @Option(help: "Point gets and newest-20 ranges per run.") var operations = 200_000
    @Option(help: "Runs per contender (medians and spread over them).") var runs = 5
    @Option(help: "Seed for keys and probes.") var seed: UInt64 = 42
    @Flag(help: "Only the Swift contenders (no cargo / g++ builds).") var swiftOnly = false
    @Flag(help: "Run the Swift contenders in this process instead of each run in a fresh process (faster; a contender then inherits the heap the others churned).")
    var sameProcess = false

    func validate() throws {
        guard keys >= 1 && keys <= IndexKeySet.maximumKeys else {
            throw ValidationError("--keys \(keys): expected 1...\(IndexKeySet.maximumKeys)")
        }
        guard operations >= 1 else { throw ValidationError("--operations \(operations): expected at least 1") }
        guard runs >= 1 else { throw ValidationError("--runs \(runs): expected at least 1") }
    }

    var benchmarkOptions: IndexBenchmark.Options {
        IndexBenchmark.Options(keys: keys, operations: operations, runs: runs, seed: seed, repository: ".",
                               buildDirectory: ".build/peers", swiftOnly: swiftOnly, isolateProcesses: !sameProcess)
    }
}

extension Bench {
    /// `stbench bench index`: the engine's B-tree against SortedDictionary, Rust's BTreeMap and C++.
    struct Index: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare the engine's B-tree with SortedDictionary, Rust BTreeMap and C++ on identical keys (release build).",
            discussion: "Run from the repository root: the Rust and C++ contenders are built from peers/ into .build/peers.")

        @OptionGroup var index: IndexOptions
        @Option(help: "Also write the Markdown table to this file.") var markdown: String?

        func run() throws {
            #if DEBUG
            print("warning: debug build; figures are not meaningful (swift build -c release)")
            #endif
            let result = try IndexBenchmark(index.benchmarkOptions).run { FileHandle.standardError.write(Data("… \($0)\n".utf8)) }
            let table = IndexReport.markdown(result)
            print(table)
            if let markdown { try Data((table + "\n").utf8).write(to: URL(fileURLWithPath: markdown), options: .atomic) }
            if !result.checksumMismatches.isEmpty { throw ExitCode(1) }
        }
    }

    /// `stbench bench index-contender NAME`: one Swift contender's runs in this (fresh) process, printed as the JSON
    /// line the Rust and C++ contenders print; `bench index` and `bench peers` start it once per contender.
    struct IndexContender: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "index-contender",
            abstract: "Internal: run one Swift contender of `bench index` and print its runs as JSON.", shouldDisplay: false)

        @Argument(help: "engine, sorted-dictionary or sorted-set.") var contender: String
        @OptionGroup var index: IndexOptions

        func run() throws {
            guard let which = IndexBenchmark.SwiftContender(rawValue: contender) else {
                throw ValidationError("contender \(contender): expected one of \(IndexBenchmark.SwiftContender.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            var options = index.benchmarkOptions
            options.isolateProcesses = false
            print(try IndexBenchmark(options).contenderJSON(which))
        }
    }

    /// `stbench bench peers`: the index comparison plus SQLite vs the engine per pattern, as Reports/peers.md.
    struct Peers: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write Reports/peers.md: machine, index comparison, and SQLite vs the embedded engine per pattern.")

        @OptionGroup var index: IndexOptions
        @Option(help: "Workload whose dataset and keys the SQLite comparison uses.") var workload = "Workloads/messaging-default.yaml"
        @Option(help: "Operations per pattern and target in the SQLite comparison.") var patternOperations = 20_000
        @Option(help: "Worker threads in the SQLite comparison.") var threads = 1
        @Option(help: "Rounds of the SQLite comparison (each pattern on each target once per round, side by side; medians and spread over the rounds).")
        var rounds = 5
        @Option(help: "Markdown report to write (its HTML twin goes next to it, .md replaced by .html).") var out = "Reports/peers.md"

        func run() throws {
            let progress: (String) -> Void = { FileHandle.standardError.write(Data("… \($0)\n".utf8)) }
            let loadBefore = Self.loadAverage()
            let spec: WorkloadSpec
            do { spec = try WorkloadSpec.load(path: workload) } catch { throw ValidationError(error.description) }
            let tool = ToolInfo(version: STBench.configuration.version, gitCommit: EnvironmentProbe.gitCommit())
            guard rounds >= 1, patternOperations >= 1, threads >= 1 else {
                throw ValidationError("--rounds, --pattern-operations and --threads must be at least 1")
            }
            let duel = try PatternDuel.run(
                spec: spec, options: PatternDuel.Options(operationsPerPattern: patternOperations, threads: threads, rounds: rounds),
                tool: tool, progress: progress)
            let comparison = TargetComparison(rounds: duel)
            let index = try IndexBenchmark(self.index.benchmarkOptions).run(progress: progress)
            let environment = EnvironmentProbe.current(allocator: Jemalloc.allocatorDescription)
            let report = PeersReport.markdown(
                environment: environment, command: (["stbench"] + CommandLine.arguments.dropFirst()).joined(separator: " "),
                comparison: comparison, patternOperations: patternOperations, threads: threads, rounds: rounds, index: index,
                machineLoad: "1-minute load average \(loadBefore) at the start, \(Self.loadAverage()) at the end")
            let html = Self.htmlPath(out)
            try Data(report.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            try Data(MarkdownPage.render(markdown: report, title: "stbench against its peers").utf8)
                .write(to: URL(fileURLWithPath: html), options: .atomic)
            print(report)
            print("written: \(out), \(html)")
        }

        /// The HTML twin of the Markdown report: `out` with its `.md` extension replaced by `.html` (added otherwise).
        static func htmlPath(_ out: String) -> String {
            (out.hasSuffix(".md") ? String(out.dropLast(3)) : out) + ".html"
        }

        /// The 1-minute load average from /proc/loadavg ("unknown" elsewhere): how busy the machine was.
        static func loadAverage() -> String {
            guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8),
                  let first = text.split(separator: " ").first else { return "unknown" }
            return String(first)
        }
    }
}

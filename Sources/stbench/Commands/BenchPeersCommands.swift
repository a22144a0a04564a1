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

    func validate() throws {
        guard keys >= 1 && keys <= IndexKeySet.maximumKeys else {
            throw ValidationError("--keys \(keys): expected 1...\(IndexKeySet.maximumKeys)")
        }
        guard operations >= 1 else { throw ValidationError("--operations \(operations): expected at least 1") }
        guard runs >= 1 else { throw ValidationError("--runs \(runs): expected at least 1") }
    }

    var benchmarkOptions: IndexBenchmark.Options {
        IndexBenchmark.Options(keys: keys, operations: operations, runs: runs, seed: seed, repository: ".",
                               buildDirectory: ".build/peers", swiftOnly: swiftOnly)
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
            if let markdown { try Data((table + "\n").utf8).write(to: URL(fileURLWithPath: markdown)) }
            if !result.checksumMismatches.isEmpty { throw ExitCode(1) }
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
        @Option(help: "Markdown report to write.") var out = "Reports/peers.md"

        func run() throws {
            let progress: (String) -> Void = { FileHandle.standardError.write(Data("… \($0)\n".utf8)) }
            let spec: WorkloadSpec
            do { spec = try WorkloadSpec.load(path: workload) } catch { throw ValidationError(error.description) }
            let tool = ToolInfo(version: STBench.configuration.version, gitCommit: EnvironmentProbe.gitCommit())
            let duel = try PatternDuel.run(spec: spec, options: PatternDuel.Options(operationsPerPattern: patternOperations, threads: threads),
                                           tool: tool, progress: progress)
            let comparison = TargetComparison(duel)
            let index = try IndexBenchmark(self.index.benchmarkOptions).run(progress: progress)
            let environment = EnvironmentProbe.current(allocator: Jemalloc.isActive ? "jemalloc" : "system")
            let report = PeersReport.markdown(
                environment: environment, command: (["stbench"] + CommandLine.arguments.dropFirst()).joined(separator: " "),
                comparison: comparison, patternOperations: patternOperations, threads: threads, index: index)
            try Data(report.utf8).write(to: URL(fileURLWithPath: out))
            print(report)
            print("written: \(out)")
        }
    }
}

import Foundation
import LoadGenerator
import MemoryStats
import Reporting
import SQLiteTarget
import WorkloadKit

/// SQLite against the embedded engine one pattern at a time: each target loads the same dataset (same
/// spec and seed), then runs A, B, C, D in that order as single-pattern runs of a fixed operation count
/// (same seed, so the same operation streams; reads first, so both read the pristine dataset and the
/// writes leave both tables in the same state). Isolating the patterns gives a per-pattern speed that a
/// mixed closed-loop run cannot (there every pattern's throughput follows the mix).
public enum PatternDuel {
    public struct Options: Sendable {
        public var operationsPerPattern: Int
        public var threads: Int
        public init(operationsPerPattern: Int = 20_000, threads: Int = 1) {
            self.operationsPerPattern = operationsPerPattern
            self.threads = threads
        }
    }

    /// One results document per target (embedded first), its `patterns` holding all four isolated runs.
    public static func run(spec: WorkloadSpec, options: Options, tool: ToolInfo, progress: (String) -> Void = { _ in }) throws -> [RunResults] {
        progress("loading \(spec.name) into the engine")
        let embedded: EmbeddedTarget
        do { embedded = try EmbeddedTarget(spec: spec) } catch { throw DuelError(description: "embedded: \(error.name): \(error.message)") }
        let first = try runPatterns(spec: spec, target: embedded, options: options, tool: tool, progress: progress)
        progress("loading \(spec.name) into SQLite")
        let sqlite: SQLiteTarget
        do { sqlite = try SQLiteTarget(spec: spec) } catch { throw DuelError(description: "sqlite: \(error.name): \(error.message)") }
        let second = try runPatterns(spec: spec, target: sqlite, options: options, tool: tool, progress: progress)
        return [first, second]
    }

    struct DuelError: Error, CustomStringConvertible {
        var description: String
    }

    static func runPatterns<T: Target>(spec: WorkloadSpec, target: T, options: Options, tool: ToolInfo,
                                       progress: (String) -> Void) throws -> RunResults {
        var combined: RunResults?
        for pattern in Pattern.allCases {
            progress("\(target.name): \(pattern.name), \(options.operationsPerPattern) operations")
            var single = spec
            single.mix = PatternMix(
                listMessages: pattern == .listMessages ? 1 : 0, listConversations: pattern == .listConversations ? 1 : 0,
                createMessageNewConversation: pattern == .createMessageNewConversation ? 1 : 0,
                createMessageExistingConversation: pattern == .createMessageExistingConversation ? 1 : 0)
            single.run = RunSpec(threads: options.threads, warmupSeconds: 0, durationSeconds: 600, operations: options.operationsPerPattern)
            let sources = (0..<options.threads).map { single.makeOperationSource(worker: $0, workers: options.threads) }
            let runner: Runner<MonotonicClock, T, WorkloadOperationSource>
            do {
                runner = try Runner(spec: single.run, seed: single.seed, target: target, clock: MonotonicClock(), sources: sources)
            } catch {
                throw DuelError(description: error.description)
            }
            let outcome = runner.run()
            let context = RunContext(workloadName: spec.name, workloadFile: spec.file, tool: tool,
                                     environment: EnvironmentProbe.current(allocator: Jemalloc.isActive ? "jemalloc" : "system"))
            let results = RunResultsBuilder.build(outcome, context: context)
            if var merged = combined {
                merged.patterns.merge(results.patterns) { a, _ in a }
                combined = merged
            } else {
                combined = results
            }
        }
        return combined!
    }
}

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
///
/// In rounds: both targets are loaded first, then each pattern runs `rounds` times on each target,
/// alternating which target goes first. This VM's speed drifts by 20-40% over minutes, so two runs
/// minutes apart compare the machine's moods as much as the targets; side by side, a round's two runs see
/// the same machine, and the median over rounds of each round's ratio is what the report states, with
/// the spread. Round r continues each worker's operation stream where round r-1 stopped, so writes
/// never repeat a key or a timestamp, and both targets get identical streams in every round. Each round's
/// operations are drawn before its runs (`RecordedOperationSource`), so the generator's cost is in neither
/// target's figures.
public enum PatternDuel {
    public struct Options: Sendable {
        public var operationsPerPattern: Int
        public var threads: Int
        public var rounds: Int
        public init(operationsPerPattern: Int = 20_000, threads: Int = 1, rounds: Int = 5) {
            self.operationsPerPattern = operationsPerPattern
            self.threads = threads
            self.rounds = rounds
        }
    }

    /// Per round, one results document per target (embedded first), its `patterns` holding the round's
    /// four single-pattern runs.
    public static func run(spec: WorkloadSpec, options: Options, tool: ToolInfo, progress: (String) -> Void = { _ in }) throws -> [[RunResults]] {
        precondition(options.rounds >= 1 && options.operationsPerPattern >= 1 && options.threads >= 1,
                     "PatternDuel: rounds, operations and threads must be at least 1")
        progress("loading \(spec.name) into the engine")
        let embedded: EmbeddedTarget
        do { embedded = try EmbeddedTarget(spec: spec) } catch { throw DuelError(description: "embedded: \(error.name): \(error.message)") }
        progress("loading \(spec.name) into SQLite")
        let sqlite: SQLiteTarget
        do { sqlite = try SQLiteTarget(spec: spec) } catch { throw DuelError(description: "sqlite: \(error.name): \(error.message)") }
        let context = RunContext(workloadName: spec.name, workloadFile: spec.file, tool: tool,
                                 environment: EnvironmentProbe.current(allocator: Jemalloc.allocatorDescription))
        let runners: [(name: String, run: (WorkloadSpec, [RecordedOperationSource]) throws -> RunOutcome)] = [
            (embedded.name, { try runPattern(spec: $0, target: embedded, sources: $1) }),
            (sqlite.name, { try runPattern(spec: $0, target: sqlite, sources: $1) }),
        ]
        // rounds[r][t]: target t's results of round r, patterns merged in as they are run.
        var rounds: [[RunResults?]] = Array(repeating: Array(repeating: nil, count: runners.count), count: options.rounds)
        for pattern in Pattern.allCases {
            let single = singlePatternSpec(spec, pattern, options)
            for round in 0..<options.rounds {
                let sources = roundSources(single, round: round, options: options)
                let order = round % 2 == 0 ? Array(runners.indices) : runners.indices.reversed()
                for t in order {
                    progress("round \(round + 1)/\(options.rounds): \(runners[t].name) \(pattern.name), \(options.operationsPerPattern) operations")
                    let results = RunResultsBuilder.build(try runners[t].run(single, sources), context: context)
                    if var merged = rounds[round][t] {
                        merged.patterns.merge(results.patterns) { a, _ in a }
                        rounds[round][t] = merged
                    } else {
                        rounds[round][t] = results
                    }
                }
            }
        }
        return rounds.map { $0.map { $0! } }
    }

    struct DuelError: Error, CustomStringConvertible {
        var description: String
    }

    /// `spec` with only `pattern` in its mix and a run of exactly `operationsPerPattern` operations.
    static func singlePatternSpec(_ spec: WorkloadSpec, _ pattern: Pattern, _ options: Options) -> WorkloadSpec {
        var single = spec
        single.mix = PatternMix(
            listMessages: pattern == .listMessages ? 1 : 0, listConversations: pattern == .listConversations ? 1 : 0,
            createMessageNewConversation: pattern == .createMessageNewConversation ? 1 : 0,
            createMessageExistingConversation: pattern == .createMessageExistingConversation ? 1 : 0)
        single.run = RunSpec(threads: options.threads, warmupSeconds: 0, durationSeconds: 600, operations: options.operationsPerPattern)
        return single
    }

    /// Each worker's operations for `round`, drawn now so the run times the target and not the generator:
    /// its stream from the start, past the operations the worker performed in the earlier rounds (the
    /// runner gives each worker a fixed share), then that share.
    static func roundSources(_ single: WorkloadSpec, round: Int, options: Options) -> [RecordedOperationSource] {
        (0..<options.threads).map { worker in
            var source = single.makeOperationSource(worker: worker, workers: options.threads)
            let share = operationBudget(total: options.operationsPerPattern, worker: worker, workers: options.threads)
            for _ in 0..<UInt64(round) * share { _ = source.next() }
            return RecordedOperationSource(recording: source, count: Int(share))
        }
    }

    static func runPattern<T: Target>(spec: WorkloadSpec, target: T, sources: [RecordedOperationSource]) throws -> RunOutcome {
        let runner: Runner<MonotonicClock, T, RecordedOperationSource>
        do {
            runner = try Runner(spec: spec.run, seed: spec.seed, target: target, clock: MonotonicClock(), sources: sources)
        } catch {
            throw DuelError(description: error.description)
        }
        return runner.run()
    }
}

import ArgumentParser
import Profiling
import WorkloadKit

/// `stbench profile PATTERN [--operations N] [--workload FILE] [--gate-loop]`: one access pattern in a
/// tight loop on the embedded engine, with per-operation time, allocation and B-tree figures.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Run one pattern in a tight loop and report per-operation costs.",
        discussion: """
        Loads the workload's dataset on one thread, then performs N operations of PATTERN (the workload's \
        keys, page sizes and message lengths) on this thread. Reports per operation: time (mean, p50, p99), \
        bytes allocated (jemalloc thread.allocated, exact), allocations (jemalloc arena counters: jemalloc \
        keeps no per-thread count, and this process has only one working thread), B-tree nodes visited and \
        key comparisons (every find and range visit). No cache is configured on the embedded target, so \
        there are no cache lookups to count. Use a release build for figures. \
        --gate-loop performs the operations with nothing measured, for callgrind (scripts/instruction-gate.sh).
        """)

    @Argument(help: "list_messages | list_conversations | create_message_new_conversation | create_message_existing_conversation")
    var pattern: String

    @Option(help: "Operations to perform.")
    var operations = 10_000

    @Option(help: "Workload file whose dataset and key distributions are used.")
    var workload = "Workloads/smoke.yaml"

    @Flag(help: "Only perform the operations (no timing or counters): the loop the callgrind gate measures.")
    var gateLoop = false

    func validate() throws {
        if Pattern(name: pattern) == nil {
            CLIOutput.usageError("unknown pattern \"\(pattern)\"; expected one of \(Pattern.allCases.map(\.name).joined(separator: ", "))")
        }
        if operations < 0 { CLIOutput.usageError("--operations must be 0 or more, got \(operations)") }
    }

    func run() throws {
        let pattern = Pattern(name: pattern)!
        let spec: WorkloadSpec
        do {
            spec = try WorkloadSpec.load(path: workload)
        } catch {
            CLIOutput.usageError("\(error.description)")
        }
        do {
            var profiler = try PatternProfiler(spec: spec, pattern: pattern)
            let operations = profiler.operations(operations)
            if gateLoop {
                let items = try profiler.profilerGateLoop(operations)
                print("\(pattern.name): \(operations.count) operations, \(items) items")
                return
            }
            // A short warm-up (a tenth, at most 1000) so first-touch costs do not dominate small runs.
            _ = try profiler.profilerGateLoop(profiler.operations(min(1000, operations.count / 10)))
            print(ProfileText.render(try profiler.measure(operations)))
        } catch {
            throw ValidationError("\(pattern.name) failed: \(error.name): \(error.message)")
        }
    }
}

/// The text `stbench profile` prints.
enum ProfileText {
    static func render(_ p: PatternProfile) -> String {
        func f(_ value: Double?) -> String {
            guard let value else { return "n/a" }
            let tenths = Int((value * 10).rounded())
            return "\(tenths / 10).\(tenths % 10)"
        }
        return """
        pattern \(p.pattern.name): \(p.operations) operations, \(p.items) items
        per operation:
          time            mean \(f(p.meanNanoseconds)) ns, p50 \(p.nanoseconds(atQuantile: 0.5)) ns, p99 \(p.nanoseconds(atQuantile: 0.99)) ns
          allocated       \(f(p.bytesPerOperation)) bytes
          allocations     \(f(p.allocationsPerOperation))
          B-tree nodes    \(f(p.nodesPerOperation))
          key comparisons \(f(p.comparisonsPerOperation))
          cache lookups   n/a (no cache on the embedded target)
        """
    }
}

import ArgumentParser
import Foundation
import Reporting

/// `stbench compare BASELINE CURRENT [--threshold 10%] [--metric p99 ...] [--alpha 0.05]`
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two results files per pattern and flag regressions.",
        discussion: """
        Either file may hold repetitions (stbench run --repeat N). A pattern regresses when its median \
        got worse by more than the threshold and, given enough repetitions (3+ per side at alpha 0.05), \
        a one-sided Mann-Whitney U test finds the change significant; with fewer, the threshold decides \
        alone and the output says so. The coefficient of variation of each side shows the noise. \
        Metrics: \(ComparisonMetric.accepted). Exit codes: 0 within threshold, 1 regression, 2 usage error.
        """)

    @Argument(help: "Baseline results.json.")
    var baseline: String

    @Argument(help: "Current results.json.")
    var current: String

    @Option(help: "Allowed worsening, e.g. 10% (a bare number is a percentage too).")
    var threshold: String = "10%"

    @Option(help: "Figure to compare; repeat for several (any regression fails).")
    var metric: [String] = ["p99"]

    @Option(help: "Significance level of the Mann-Whitney test.")
    var alpha: Double = 0.05

    func validate() throws {
        if Comparison.parseThreshold(threshold) == nil { CLIOutput.usageError("--threshold \"\(threshold)\" is not a percentage like 10%") }
        for name in metric where ComparisonMetric(name) == nil {
            CLIOutput.usageError("--metric \"\(name)\" is not known; expected one of \(ComparisonMetric.accepted)")
        }
        if !(alpha > 0 && alpha < 1) { CLIOutput.usageError("--alpha \(alpha) must lie strictly between 0 and 1") }
    }

    func run() throws {
        let base: [RunResults], now: [RunResults]
        do {
            base = try ResultsDocument.load(path: baseline).repetitions
            now = try ResultsDocument.load(path: current).repetitions
        } catch {
            CLIOutput.usageError("\(error)")
        }
        var regressed = false
        for name in metric {
            let comparison = Comparison(
                baseline: base, current: now, metric: ComparisonMetric(name)!,
                threshold: Comparison.parseThreshold(threshold)!, alpha: alpha)
            print(comparison.text())
            regressed = regressed || comparison.hasRegression
        }
        print(regressed ? "REGRESSION" : "OK")
        if regressed { throw ExitCode(1) }
    }
}

/// `stbench instructions-gate --baseline FILE [--threshold 1%] [--update] PATTERN=CALLGRIND_OUT ...`
struct InstructionGateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instructions-gate",
        abstract: "Gate on callgrind instruction counts against a committed baseline.",
        discussion: """
        Each PATTERN=FILE names a callgrind.out file (its totals:/summary: line) or saved \
        callgrind_annotate output (its PROGRAM TOTALS line). The baseline is \
        {"unit": "instructions", "patterns": {name: count}}; --update rewrites it from the current counts. \
        A pattern missing from the current counts fails the gate. Exit codes: 0 pass, 1 regression, 2 usage error.
        """)

    @Option(help: "Baseline JSON with instruction counts per pattern.")
    var baseline: String

    @Option(help: "Allowed increase, e.g. 1%.")
    var threshold: String = "1%"

    @Flag(help: "Write the current counts as the new baseline instead of gating.")
    var update = false

    @Argument(help: "PATTERN=callgrind output file, one per pattern.")
    var measurements: [String]

    func validate() throws {
        if Comparison.parseThreshold(threshold) == nil { CLIOutput.usageError("--threshold \"\(threshold)\" is not a percentage like 1%") }
        if measurements.isEmpty { CLIOutput.usageError("give at least one PATTERN=FILE measurement") }
        for item in measurements where !item.contains("=") { CLIOutput.usageError("\"\(item)\" is not PATTERN=FILE") }
    }

    func run() throws {
        var current: [String: UInt64] = [:]
        for item in measurements {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard let text = try? String(contentsOfFile: parts[1], encoding: .utf8) else { CLIOutput.usageError("cannot read \(parts[1])") }
            guard let total = CallgrindTotals.parse(text) else {
                CLIOutput.usageError("\(parts[1]) has no totals:/summary: line nor a PROGRAM TOTALS line")
            }
            current[parts[0]] = total
        }
        if update {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            do {
                try AtomicFile.write(encoder.encode(InstructionBaseline(patterns: current)), to: baseline)
            } catch {
                CLIOutput.usageError("\(error)")
            }
            print("baseline \(baseline) updated")
            return
        }
        let stored: InstructionBaseline
        do {
            stored = try JSONDecoder().decode(InstructionBaseline.self, from: Data(contentsOf: URL(fileURLWithPath: baseline)))
        } catch {
            CLIOutput.usageError("cannot read baseline \(baseline): \(error)")
        }
        let gate = InstructionGate(baseline: stored, current: current, threshold: Comparison.parseThreshold(threshold)!)
        print(gate.text())
        print(gate.failed ? "REGRESSION" : "OK")
        if gate.failed { throw ExitCode(1) }
    }
}

import ArgumentParser
import Foundation
import Reporting

/// `stbench merge A.json B.json ... --out C.json`
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine results of runs that ran side by side into one results file.",
        discussion: """
        Counts, errors and throughputs add; histograms are added exactly and percentiles recomputed \
        from them; intervals pair up by index. Inputs must be single runs of one workload. \
        Exit codes: 0 merged, 2 bad input.
        """)

    @Argument(help: "Two or more results.json files.")
    var inputs: [String]

    @Option(help: "Where to write the merged results.json.")
    var out: String

    func validate() throws {
        if inputs.count < 2 { CLIOutput.usageError("merge needs at least two results files, got \(inputs.count)") }
    }

    func run() throws {
        var runs: [RunResults] = []
        for path in inputs {
            do {
                switch try ResultsDocument.load(path: path) {
                case .single(let results): runs.append(results)
                case .repeated: CLIOutput.usageError("\(path) holds repetitions; merge combines single runs (report or compare repetitions instead)")
                }
            } catch {
                CLIOutput.usageError("\(error)")
            }
        }
        do {
            let merged = try ResultsMerger.merge(runs)
            if !merged.inexactPatterns.isEmpty {
                CLIOutput.note("no histograms for \(merged.inexactPatterns.joined(separator: ", ")): their percentiles are upper bounds")
            }
            try AtomicFile.write(ResultsDocument.single(merged.results).encoded(), to: out)
            print(out)
        } catch {
            CLIOutput.usageError("\(error)")
        }
    }
}

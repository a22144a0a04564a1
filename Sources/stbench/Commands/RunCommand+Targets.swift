import ArgumentParser
import Foundation
import LoadGenerator
import PeerBench
import Reporting

extension RunCommand {
    /// `--target a --target b …`: the same workload (seed, dataset, operation streams) once per target, each
    /// into its own subdirectory `<out>/<target>/` (unchanged results.json schema), then
    /// `<out>/comparison.json`, `<out>/comparison.md` and `<out>/comparison.html` with the first target's speed-up
    /// over the others.
    func runEachTarget(_ targets: [String]) throws {
        var seen = Set<String>()
        for t in targets where !seen.insert(t).inserted {
            throw ValidationError("--target \(t) is given twice; name each target once")
        }
        let workloadName = (try? WorkloadGlue.load(path: workload ?? WorkloadGlue.defaultWorkloadPath).name) ?? "run"
        let directory = out ?? ResultsWriter.defaultDirectory(workload: workloadName, startedAt: Date()) + "-compare"
        var results: [RunResults] = []
        for t in targets {
            var single = self
            single.target = [t]
            single.out = directory + "/" + t
            if !quiet { FileHandle.standardError.write(Data("== target \(t)\n".utf8)) }
            try single.run()
            do {
                results.append(try ResultsDocument.load(path: directory + "/" + t + "/results.json").representative)
            } catch {
                throw ValidationError("cannot read back \(directory)/\(t)/results.json: \(error)")
            }
        }
        let comparison = TargetComparison(results)
        try comparison.json().write(to: URL(fileURLWithPath: directory + "/comparison.json"), options: .atomic)
        let markdown = "# \(comparison.workload): \(targets.joined(separator: " vs "))\n\n"
            + "Same seed (\(comparison.seed)), dataset and operation streams per target; service time. "
            + "Speed-up = \(targets[0])'s throughput ÷ the other's, and the other's latency ÷ \(targets[0])'s (> 1: \(targets[0]) faster). "
            + "In a mixed closed-loop run each pattern's throughput follows the mix, so per-pattern speed is best read from p50/p99.\n\n"
            + comparison.markdown()
        try Data(markdown.utf8).write(to: URL(fileURLWithPath: directory + "/comparison.md"), options: .atomic)
        try Data(MarkdownPage.render(markdown: markdown, title: "\(comparison.workload): \(targets.joined(separator: " vs "))").utf8)
            .write(to: URL(fileURLWithPath: directory + "/comparison.html"), options: .atomic)
        print("")
        print(markdown, terminator: "")
        print("comparison: \(directory)/comparison.md, \(directory)/comparison.html, \(directory)/comparison.json")
    }
}

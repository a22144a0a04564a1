import ArgumentParser

@main
struct STBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stbench",
        abstract: "Benchmark and load-generation harness for single-table NoSQL designs.",
        version: "0.1.0",
        subcommands: [
            Bench.self, ReportCommand.self, MergeCommand.self, CompareCommand.self, InstructionGateCommand.self,
        ]
    )
}

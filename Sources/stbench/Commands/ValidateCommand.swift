import ArgumentParser

/// `stbench validate WORKLOAD`: exit 0 when the file is a valid workload, 2 with the error otherwise.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a workload file (exit 0 valid, 2 invalid with the error)."
    )

    @Argument(help: "Workload file.")
    var workload: String

    func run() throws {
        let resolved: ResolvedWorkload
        do {
            resolved = try WorkloadGlue.load(path: workload)
        } catch {
            throw ValidationError(error.description)
        }
        print("\(workload): valid workload \"\(resolved.name)\" (\(resolved.run.mode.rawValue) loop, \(resolved.run.threads) thread(s), target \(resolved.target))")
    }
}

import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@main
struct STBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stbench",
        abstract: "Benchmark and load-generation harness for single-table NoSQL designs.",
        version: "0.1.0",
        subcommands: [
            RunCommand.self, ValidateCommand.self, WorkloadsCommand.self,
            Bench.self, CacheCommand.self, ReportCommand.self, MergeCommand.self, CompareCommand.self,
            InstructionGateCommand.self, ProfileCommand.self,
        ]
    )

    /// Like ArgumentParser's own `main`, except usage and validation errors exit with status 2 (the
    /// convention of most Unix tools) instead of 64. Errors from parsing come with the usage line;
    /// validation errors a command finds while running (a bad workload file, a bad flag value) without.
    static func main() async {
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            fail(error, message: fullMessage(for: error))
        }
        do {
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            fail(error, message: "Error: " + message(for: error))
        }
    }

    private static func fail(_ error: Error, message: String) -> Never {
        if exitCode(for: error) == .validationFailure {
            fputs(message + "\n", stderr)
            terminate(status: 2)
        }
        exit(withError: error)
    }
}

/// The C library's `exit`, out of reach of `ParsableCommand.exit(withError:)`'s name.
private func terminate(status: Int32) -> Never {
    exit(status)
}

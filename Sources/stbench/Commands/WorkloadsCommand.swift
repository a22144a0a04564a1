import ArgumentParser
import Foundation

/// `stbench workloads`: lists Workloads/*.yaml with their descriptions.
///
/// Reads only the top-level `description:` line of each file, so a broken workload still shows up in the
/// list (`stbench validate` says what is wrong with it).
struct WorkloadsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workloads",
        abstract: "List the workload files in Workloads/ with their descriptions."
    )

    @Option(help: "Directory to list.")
    var directory = "Workloads"

    func run() throws {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw ValidationError("\(directory): no such directory; expected a folder of workload .yaml files")
        }
        let files = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        if files.isEmpty {
            print("no workload files in \(directory)/")
            return
        }
        let width = files.map(\.count).max() ?? 0
        for file in files {
            let path = (directory as NSString).appendingPathComponent(file)
            let description = Self.topLevelValue("description", inFile: path) ?? "(no description)"
            print(file.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + description)
        }
    }

    /// The value of a top-level `key: value` line (quotes removed; a `>` or `|` block is joined into one
    /// line), or nil.
    static func topLevelValue(_ key: String, inFile path: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (number, line) in lines.enumerated() where line.hasPrefix(key + ":") {
            let value = line.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
            if value.hasPrefix(">") || value.hasPrefix("|") {
                let block = lines[(number + 1)...].prefix { $0.hasPrefix(" ") || $0.isEmpty }
                let joined = block.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
                return joined.isEmpty ? nil : joined
            }
            let unquoted = value.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            return unquoted.isEmpty ? nil : unquoted
        }
        return nil
    }
}

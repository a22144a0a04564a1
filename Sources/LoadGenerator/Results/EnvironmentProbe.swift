import Foundation
import Reporting

/// Describes the machine and build a run happened on, from /proc/cpuinfo, /etc/os-release and the compiler.
public enum EnvironmentProbe {
    /// - Parameter allocator: "jemalloc thp:<mode>" or "system" (the CLI asks `MemoryStats.Jemalloc.allocatorDescription`).
    public static func current(allocator: String) -> EnvironmentInfo {
        EnvironmentInfo(
            cpu: cpuModel(), cores: ProcessInfo.processInfo.activeProcessorCount, os: operatingSystem(),
            swift: swiftVersion, build: buildConfiguration, allocator: allocator, hostname: ProcessInfo.processInfo.hostName
        )
    }

    public static var buildConfiguration: String {
        #if DEBUG
        "debug"
        #else
        "release"
        #endif
    }

    /// The compiler that built this binary, from the `compiler(>=)` checks (precise to the patch version for 6.3).
    public static var swiftVersion: String {
        #if compiler(>=6.4)
        "Swift 6.4+"
        #elseif compiler(>=6.3.1)
        "Swift 6.3.1"
        #elseif compiler(>=6.3)
        "Swift 6.3"
        #elseif compiler(>=6.2)
        "Swift 6.2"
        #elseif compiler(>=6.1)
        "Swift 6.1"
        #elseif compiler(>=6.0)
        "Swift 6.0"
        #else
        "Swift 5"
        #endif
    }

    static func cpuModel() -> String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") || line.hasPrefix("Model") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return "unknown"
    }

    static func operatingSystem() -> String {
        if let text = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8) {
            for line in text.split(separator: "\n") where line.hasPrefix("PRETTY_NAME=") {
                return line.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return ProcessInfo.processInfo.operatingSystemVersionString
    }

    /// `git rev-parse --short HEAD` in the current directory, or "unknown" (not a checkout, no git).
    public static func gitCommit() -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "rev-parse", "--short=12", "HEAD"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            return "unknown"
        }
        guard process.terminationStatus == 0 else { return "unknown" }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "unknown" : text
    }
}

import Foundation
import Reporting

/// Writes `results.json` atomically: to a temporary file in the same directory, then `rename(2)`, so a
/// reader (or a Ctrl-C mid-write) never sees half a file.
public enum ResultsWriter {
    public static let fileName = "results.json"

    /// Writes `results` to `directory/results.json`, creating the directory. Returns the file's path.
    @discardableResult
    public static func write(_ results: RunResults, toDirectory directory: String) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(results)
        let path = (directory as NSString).appendingPathComponent(fileName)
        let temporary = (directory as NSString).appendingPathComponent(".\(fileName).\(getpid()).tmp")
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(atPath: temporary)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
        return path
    }

    /// `Reports/<workload>/<UTC timestamp like 20261122T001500Z>`.
    public static func defaultDirectory(workload: String, startedAt: Date, root: String = "Reports") -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: startedAt)
        let stamp = String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
        return "\(root)/\(workload)/\(stamp)"
    }
}

/// A workload file that cannot be used: names the file, the line and column (when known), the field path
/// and what was expected, e.g. `Workloads/x.yaml:12:5: run.threads: expected an integer ≥ 1, got 0`.
public struct WorkloadError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based; nil when the problem is the file itself (missing, unreadable).
    public var line: Int?
    public var column: Int?
    /// Dotted path of the field, e.g. `dataset.messages_per_conversation.mean`; empty for the whole document.
    public var path: String
    public var message: String

    public init(file: String, line: Int?, column: Int?, path: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let column { text += ":\(column)" }
        text += ": "
        if !path.isEmpty { text += path + ": " }
        return text + message
    }
}

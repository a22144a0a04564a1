#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shows run progress on stderr: one line rewritten in place on a terminal, plain lines otherwise (logs, CI).
public final class ProgressPrinter: @unchecked Sendable {
    private let rewritesLine: Bool
    private var wroteInPlace = false

    /// - Parameter terminal: whether stderr is a terminal; by default asks `isatty`.
    public init(terminal: Bool = isatty(STDERR_FILENO) == 1) {
        rewritesLine = terminal
    }

    /// Called by the runner's coordinating thread (only ever one at a time).
    public func show(_ snapshot: ProgressSnapshot) {
        let line = Self.line(for: snapshot)
        if rewritesLine {
            write("\r\u{1B}[2K" + line)
            wroteInPlace = true
        } else {
            write(line + "\n")
        }
    }

    /// Ends the in-place line so what follows starts on a fresh one.
    public func finish() {
        if wroteInPlace {
            write("\n")
            wroteInPlace = false
        }
    }

    static func line(for snapshot: ProgressSnapshot) -> String {
        var text = "[" + seconds(snapshot.elapsedSeconds)
        if let planned = snapshot.plannedSeconds { text += "/" + seconds(planned) }
        text += "]"
        if snapshot.inWarmup { return text + " warmup" }
        guard snapshot.hasInterval else { return text + " measuring" }
        text += " ops \(snapshot.operations)"
        text += "  \(Int(snapshot.intervalThroughput.rounded())) ops/s"
        text += "  p99 " + DurationText.format(nanos: snapshot.intervalP99)
        return text
    }

    private static func seconds(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)s"
    }

    private func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            _ = fwrite(buffer.baseAddress, 1, buffer.count, stderr)
        }
        fflush(stderr)
    }
}

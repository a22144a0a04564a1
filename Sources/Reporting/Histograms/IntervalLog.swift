import Histogram

/// One line of an HdrHistogram interval log: a tagged histogram for one interval.
public struct IntervalLogEntry: Sendable, Equatable {
    public var tag: String?
    /// Seconds from the log's BaseTime to the interval's start.
    public var startTimestamp: Double
    public var intervalLength: Double
    /// The interval's max value divided by the log's max value unit ratio.
    public var intervalMax: Double
    /// Base64 of the compressed V2 histogram.
    public var histogram: String

    public init(tag: String?, startTimestamp: Double, intervalLength: Double, intervalMax: Double, histogram: String) {
        self.tag = tag
        self.startTimestamp = startTimestamp
        self.intervalLength = intervalLength
        self.intervalMax = intervalMax
        self.histogram = histogram
    }

    public func decodedHistogram() throws(HistogramCodecError) -> Histogram<UInt64> {
        try HistogramCodec.decodeBase64(histogram)
    }
}

/// An HdrHistogram interval log (`.hlog`, format version 1.3) as HistogramLogWriter writes it:
///
///     #[Histogram log format version 1.3]
///     #[StartTime: 1763769703.123 (seconds since epoch), 2026-11-22T00:01:43.123Z]
///     #[BaseTime: 1763769703.123 (seconds since epoch)]
///     "StartTimestamp","Interval_Length","Interval_Max","Interval_Compressed_Histogram"
///     Tag=list_messages,0.000,1.000,1.234,HISTFAAA...
///
/// Timestamps are relative to BaseTime, three decimals; Interval_Max is the max divided by
/// `maxValueUnitRatio` (1e6 turns nanosecond values into milliseconds, as HdrHistogram's tools assume).
public struct IntervalLog: Sendable, Equatable {
    public static let formatVersion = "1.3"
    public static let legend = "\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\""

    /// Seconds since the epoch when the logged run started.
    public var startTime: Double?
    /// Seconds since the epoch that the timestamps count from.
    public var baseTime: Double?
    public var maxValueUnitRatio: Double
    public var comments: [String]
    public var entries: [IntervalLogEntry]

    public init(startTime: Double?, baseTime: Double?, maxValueUnitRatio: Double = 1e6, comments: [String] = [], entries: [IntervalLogEntry] = []) {
        self.startTime = startTime
        self.baseTime = baseTime
        self.maxValueUnitRatio = maxValueUnitRatio
        self.comments = comments
        self.entries = entries
    }

    /// The log text. `startTimeText` is appended to the StartTime line as the human-readable date.
    public func text(startTimeText: String? = nil) -> String {
        var text = ""
        for comment in comments { text += "#[\(comment)]\n" }
        text += "#[Histogram log format version \(Self.formatVersion)]\n"
        if let startTime {
            text += "#[StartTime: \(NumberText.fixed(startTime, places: 3)) (seconds since epoch)"
            text += startTimeText.map { ", \($0)]\n" } ?? "]\n"
        }
        if let baseTime { text += "#[BaseTime: \(NumberText.fixed(baseTime, places: 3)) (seconds since epoch)]\n" }
        text += Self.legend + "\n"
        for entry in entries {
            if let tag = entry.tag { text += "Tag=\(tag)," }
            text += NumberText.fixed(entry.startTimestamp, places: 3) + ","
            text += NumberText.fixed(entry.intervalLength, places: 3) + ","
            text += NumberText.fixed(entry.intervalMax, places: 3) + ","
            text += entry.histogram + "\n"
        }
        return text
    }

    /// Parses log text. Comment lines other than StartTime/BaseTime are kept in `comments`; the
    /// max value unit ratio is not stored in the format, so the caller states it.
    public static func parse(_ text: String, maxValueUnitRatio: Double = 1e6) throws(IntervalLogError) -> IntervalLog {
        var log = IntervalLog(startTime: nil, baseTime: nil, maxValueUnitRatio: maxValueUnitRatio)
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            if line.isEmpty || line.hasPrefix("\"StartTimestamp\"") { continue }
            if line.hasPrefix("#") {
                if let value = headerNumber(line, key: "#[StartTime: ") {
                    log.startTime = value
                } else if let value = headerNumber(line, key: "#[BaseTime: ") {
                    log.baseTime = value
                } else if line.hasPrefix("#[Histogram log format version") {
                    continue
                } else if line.hasPrefix("#[") && line.hasSuffix("]") {
                    log.comments.append(String(line.dropFirst(2).dropLast()))
                }
                continue
            }
            log.entries.append(try parseEntry(line, lineNumber: lineNumber))
        }
        return log
    }

    private static func headerNumber(_ line: Substring, key: String) -> Double? {
        guard line.hasPrefix(key) else { return nil }
        let rest = line.dropFirst(key.count)
        return Double(rest.prefix { $0 != " " && $0 != "]" })
    }

    private static func parseEntry(_ line: Substring, lineNumber: Int) throws(IntervalLogError) -> IntervalLogEntry {
        var fields = line.split(separator: ",", omittingEmptySubsequences: false)
        var tag: String?
        if let first = fields.first, first.hasPrefix("Tag=") {
            tag = String(first.dropFirst(4))
            fields.removeFirst()
        }
        guard fields.count == 4 else {
            throw .malformedLine(lineNumber, "expected [Tag=name,]start,length,max,histogram; found \(fields.count) fields")
        }
        guard let start = Double(fields[0]), let length = Double(fields[1]), let max = Double(fields[2]) else {
            throw .malformedLine(lineNumber, "start, length and max must be decimal numbers")
        }
        return IntervalLogEntry(tag: tag, startTimestamp: start, intervalLength: length, intervalMax: max, histogram: String(fields[3]))
    }
}

public enum IntervalLogError: Error, Equatable, CustomStringConvertible {
    case malformedLine(Int, String)

    public var description: String {
        switch self {
        case .malformedLine(let line, let why): return "interval log line \(line): \(why)"
        }
    }
}

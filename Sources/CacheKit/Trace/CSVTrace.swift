import Foundation

/// The CSV layout libCacheSim's csv reader takes: a header `time,obj_id,obj_size` and one
/// request per line with numeric fields (run it with
/// `-t "time-col=1,obj-id-col=2,obj-size-col=3,has-header=true"`).
///
/// Only reads are expressible; export skips writes and invalidations (libCacheSim would
/// count them as reads), import yields reads of pattern 0.
public enum CSVTrace {
    public static let header = "time,obj_id,obj_size"

    public static func export(_ trace: Trace) -> String {
        var out = header + "\n"
        out.reserveCapacity(trace.count * 24)
        for i in 0..<trace.count where trace.ops[i] == .read {
            out += "\(trace.times[i]),\(trace.keys[i]),\(trace.sizes[i])\n"
        }
        return out
    }

    public static func write(_ trace: Trace, path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(export(trace).utf8)) else {
            throw TraceFormatError("cannot write CSV trace '\(path)'")
        }
    }

    public static func read(path: String) throws -> Trace {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TraceFormatError("cannot read CSV trace '\(path)'")
        }
        return try parse(Array(data), source: path)
    }

    /// Parses CSV bytes; the header line is optional. Errors name the line.
    public static func parse(_ bytes: [UInt8], source: String = "csv") throws -> Trace {
        var trace = Trace()
        var line = 1
        var i = 0
        let n = bytes.count
        // Skip a header (a first line starting with a letter).
        if i < n, (bytes[i] | 0x20) >= UInt8(ascii: "a"), (bytes[i] | 0x20) <= UInt8(ascii: "z") {
            while i < n && bytes[i] != UInt8(ascii: "\n") { i += 1 }
            i += 1
            line += 1
        }
        var fields = [UInt64](repeating: 0, count: 3)
        while i < n {
            if bytes[i] == UInt8(ascii: "\n") || bytes[i] == UInt8(ascii: "\r") { i += 1; if bytes[i - 1] == UInt8(ascii: "\n") { line += 1 }; continue }
            var field = 0
            while true {
                guard field < 3 else {
                    throw TraceFormatError("\(source):\(line): expected 3 fields time,obj_id,obj_size")
                }
                var value: UInt64 = 0
                var digits = 0
                while i < n, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
                    let (m, o1) = value.multipliedReportingOverflow(by: 10)
                    let (s, o2) = m.addingReportingOverflow(UInt64(bytes[i] - UInt8(ascii: "0")))
                    guard !o1 && !o2 else { throw TraceFormatError("\(source):\(line): number too large") }
                    value = s
                    digits += 1
                    i += 1
                }
                guard digits > 0 else {
                    throw TraceFormatError("\(source):\(line): expected an unsigned integer in field \(field + 1) of time,obj_id,obj_size")
                }
                fields[field] = value
                field += 1
                if i < n && bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                break
            }
            while i < n && bytes[i] == UInt8(ascii: "\r") { i += 1 }
            guard field == 3, i == n || bytes[i] == UInt8(ascii: "\n") else {
                throw TraceFormatError("\(source):\(line): expected 3 fields time,obj_id,obj_size")
            }
            guard fields[2] <= UInt64(UInt32.max) else {
                throw TraceFormatError("\(source):\(line): obj_size \(fields[2]) exceeds \(UInt32.max)")
            }
            trace.append(TraceRecord(time: fields[0], key: fields[1], size: UInt32(fields[2])))
        }
        return trace
    }
}

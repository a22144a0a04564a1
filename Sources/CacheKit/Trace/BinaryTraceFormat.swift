import Foundation

/// stbench's binary trace file: a 16-byte header then fixed 24-byte little-endian records.
///
///     header:  "STBTRACE" (8 bytes) | version UInt32 = 1 | record size UInt32 = 24
///     record:  time UInt64 | key UInt64 | size UInt32 | op UInt8 | pattern UInt8 | 2 zero bytes
///
/// Fixed-size records let a reader find request i without parsing and keep writers cheap
/// (one memcpy-able struct per request, no formatting on the hot path).
public enum BinaryTraceFormat {
    static let magic: [UInt8] = Array("STBTRACE".utf8)
    static let version: UInt32 = 1
    static let recordSize = 24
    static let headerSize = 16

    static func header() -> [UInt8] {
        var bytes = magic
        appendLE(version, to: &bytes)
        appendLE(UInt32(recordSize), to: &bytes)
        return bytes
    }

    @inline(__always)
    static func appendLE<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        var v = value.littleEndian
        withUnsafeBytes(of: &v) { bytes.append(contentsOf: $0) }
    }

    static func encode(_ r: TraceRecord, into bytes: inout [UInt8]) {
        appendLE(r.time, to: &bytes)
        appendLE(r.key, to: &bytes)
        appendLE(r.size, to: &bytes)
        bytes.append(r.op.rawValue)
        bytes.append(r.pattern)
        bytes.append(0)
        bytes.append(0)
    }

    /// Decodes a whole file's bytes.
    public static func decode(_ data: Data, source: String = "trace") throws -> Trace {
        guard data.count >= headerSize, Array(data.prefix(8)) == magic else {
            throw TraceFormatError("\(source): not an stbench binary trace (expected the 'STBTRACE' header)")
        }
        return try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Trace in
            let version = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
            let size = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 12, as: UInt32.self)))
            guard version == Self.version, size == recordSize else {
                throw TraceFormatError("\(source): unsupported trace version \(version) / record size \(size) (expected \(Self.version) / \(recordSize))")
            }
            let body = raw.count - headerSize
            guard body % recordSize == 0 else {
                throw TraceFormatError("\(source): truncated: \(body) bytes of records is not a multiple of \(recordSize)")
            }
            let n = body / recordSize
            var trace = Trace()
            trace.reserveCapacity(n)
            for i in 0..<n {
                let o = headerSize + i * recordSize
                let opByte = raw[o + 20]
                guard let op = TraceOp(rawValue: opByte) else {
                    throw TraceFormatError("\(source): record \(i) has unknown op \(opByte) (expected 0 read, 1 write, 2 invalidate)")
                }
                trace.append(TraceRecord(
                    time: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: o, as: UInt64.self)),
                    key: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: o + 8, as: UInt64.self)),
                    size: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: o + 16, as: UInt32.self)),
                    op: op,
                    pattern: raw[o + 21]))
            }
            return trace
        }
    }

    public static func read(path: String) throws -> Trace {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TraceFormatError("cannot read trace file '\(path)'")
        }
        return try decode(data, source: path)
    }

    public static func write(_ trace: Trace, path: String) throws {
        var bytes = header()
        bytes.reserveCapacity(headerSize + trace.count * recordSize)
        for i in 0..<trace.count { encode(trace[i], into: &bytes) }
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw TraceFormatError("cannot write trace file '\(path)'")
        }
    }
}

/// A malformed or unreadable trace.
public struct TraceFormatError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

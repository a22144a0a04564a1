import Foundation
import Synchronization

/// Appends trace records to a binary trace file from several worker threads.
///
/// Each `append` copies 24 bytes into a buffer under a mutex (no allocation, no
/// formatting); full buffers are written out by the appending thread. For heavy tracing
/// give each worker its own `TraceWriter.Buffer` (`makeBuffer()`), which batches locally
/// and takes the lock once per `batchSize` records.
///
///     let writer = try TraceWriter(path: "run.trace")
///     writer.append(TraceRecord(time: t, key: k, size: 812, op: .read, pattern: 0))
///     try writer.close()
public final class TraceWriter: Sendable {
    private struct State {
        var handle: FileHandle?
        var buffer: [UInt8]
        var written: Int
        var error: String?
    }

    private let state: Mutex<State>
    private let flushThreshold: Int
    public let path: String

    /// Creates (truncating) `path` and writes the header.
    public init(path: String, bufferRecords: Int = 16_384) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(BinaryTraceFormat.header())) else {
            throw TraceFormatError("cannot create trace file '\(path)'")
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw TraceFormatError("cannot open trace file '\(path)' for writing")
        }
        handle.seekToEndOfFile()
        self.path = path
        flushThreshold = max(1, bufferRecords) * BinaryTraceFormat.recordSize
        var buffer: [UInt8] = []
        buffer.reserveCapacity(flushThreshold + BinaryTraceFormat.recordSize)
        state = Mutex(State(handle: handle, buffer: buffer, written: 0, error: nil))
    }

    /// Number of records appended so far.
    public var recordCount: Int { state.withLock { $0.written } }

    public func append(_ record: TraceRecord) {
        state.withLock { s in
            guard s.handle != nil else { return }
            BinaryTraceFormat.encode(record, into: &s.buffer)
            s.written += 1
            if s.buffer.count >= flushThreshold { Self.flush(&s) }
        }
    }

    public func append<C: Collection>(contentsOf records: C) where C.Element == TraceRecord {
        state.withLock { s in
            guard s.handle != nil else { return }
            for r in records { BinaryTraceFormat.encode(r, into: &s.buffer) }
            s.written += records.count
            if s.buffer.count >= flushThreshold { Self.flush(&s) }
        }
    }

    /// A per-thread batch: not thread-safe itself; call `flush()` (or let it fill) to hand
    /// its records to the writer.
    public struct Buffer {
        let writer: TraceWriter
        var records: [TraceRecord] = []
        let batchSize: Int

        public mutating func append(_ r: TraceRecord) {
            records.append(r)
            if records.count >= batchSize { flush() }
        }

        public mutating func flush() {
            writer.append(contentsOf: records)
            records.removeAll(keepingCapacity: true)
        }
    }

    public func makeBuffer(batchSize: Int = 1024) -> Buffer {
        var b = Buffer(writer: self, batchSize: max(1, batchSize))
        b.records.reserveCapacity(b.batchSize)
        return b
    }

    /// Writes buffered records and closes the file. Appends after `close` are ignored.
    public func close() throws {
        let error: String? = state.withLock { s in
            Self.flush(&s)
            try? s.handle?.close()
            s.handle = nil
            return s.error
        }
        if let error { throw TraceFormatError("writing '\(path)': \(error)") }
    }

    private static func flush(_ s: inout State) {
        guard let handle = s.handle, !s.buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: s.buffer)
        } catch {
            s.error = "\(error)"
        }
        s.buffer.removeAll(keepingCapacity: true)
    }
}

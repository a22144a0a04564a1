import CacheKit
import Dispatch
import SingleTable
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Records every cache-relevant access of a run into a CacheKit trace (`stbench run --trace FILE`), for
/// `stbench cache analyze`: each A/B read as a `.read` of its page, each C/D write as a `.write` of every
/// page it changed (with the page's new size, re-read after the write so that the analyser's `update`
/// mode caches the right number of bytes).
///
/// Tracing costs: the page's byte size is measured per read and the changed pages are re-read per write.
/// It is an analysis mode; latencies of a traced run are not the untraced target's.
///
/// Per-thread buffers: records go to one of `stripes` buffers picked by the calling thread, so workers
/// take uncontended locks and the shared writer's lock once per batch.
public final class TracingTarget<Inner: PageSource>: Target {
    public var name: String { inner.name + "+trace" }
    public let inner: Inner
    public let writer: TraceWriter
    let start: UInt64
    let now: @Sendable () -> UInt64
    private let buffers: [Stripe]

    final class Stripe: Sendable {
        let buffer: Mutex<TraceWriter.Buffer>
        init(_ b: TraceWriter.Buffer) { buffer = Mutex(b) }
    }

    public init(inner: Inner, writer: TraceWriter, stripes: Int = 16, now: @escaping @Sendable () -> UInt64 = monotonicNanoseconds) {
        self.inner = inner
        self.writer = writer
        self.now = now
        start = now()
        var n = 1
        while n < max(1, stripes) { n <<= 1 }
        buffers = (0..<n).map { _ in Stripe(writer.makeBuffer()) }
    }

    public func perform(_ operation: Operation) throws(TargetError) -> Int {
        switch operation.pattern {
        case .listMessages:
            return try traceRead(PageKey(pattern: .listMessages, partition: operation.conversation, limit: operation.limit))
        case .listConversations:
            return try traceRead(PageKey(pattern: .listConversations, partition: operation.user, limit: operation.limit))
        case .createMessageNewConversation, .createMessageExistingConversation:
            let written = try inner.perform(operation)
            inner.forEachPageWrittenBy(operation) { key in
                let bytes = (try? inner.readPage(key)).map { CachedPage(items: $0).bytes } ?? 0
                record(key, bytes: bytes, op: .write)
            }
            return written
        }
    }

    func traceRead(_ key: PageKey) throws(TargetError) -> Int {
        let page = try inner.readPage(key)
        record(key, bytes: CachedPage(items: page).bytes, op: .read)
        return page.count
    }

    @inline(__always)
    func record(_ key: PageKey, bytes: Int, op: TraceOp) {
        let r = TraceRecord(time: now() &- start, key: key.traceID, size: UInt32(clamping: bytes), op: op, pattern: UInt8(key.pattern.rawValue))
        buffers[Self.threadStripe(buffers.count)].buffer.withLock { $0.append(r) }
    }

    /// The calling thread's stripe: its pthread id mixed (thread ids are aligned addresses).
    @inline(__always)
    static func threadStripe(_ count: Int) -> Int {
        let id = UInt64(UInt(bitPattern: Int(bitPattern: UInt(pthread_self()))))
        return Int(truncatingIfNeeded: (id &* 0x9E37_79B9_7F4A_7C15) >> 40) & (count - 1)
    }

    /// Hands every buffered record to the writer and closes the file (call once the workers have stopped).
    public func finish() throws {
        for stripe in buffers { stripe.buffer.withLock { $0.flush() } }
        try writer.close()
    }
}

import CacheKit
import Foundation
import Testing
@testable import WorkloadKit

/// `run --trace`: what the tracing target writes is read back by CacheKit's trace reader record for record.
@Suite struct TracingTargetTests {
    @Test func traceRoundTrip() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stbench-trace-\(UInt32.random(in: 0...UInt32.max)).trace").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let clock = ManualClock()
        let inner = try EmbeddedTarget(spec: CachedTargetTests.spec())
        let target = TracingTarget(inner: inner, writer: try TraceWriter(path: path), now: clock.function)
        let limit = CachedTargetTests.limit
        let (a, b) = DatasetLayout(seed: CachedTargetTests.spec().seed, spec: CachedTargetTests.spec().dataset).participants(of: 7)

        clock.advance(seconds: 1)
        _ = try target.perform(CachedTargetTests.listMessages(7))
        clock.advance(seconds: 1)
        _ = try target.perform(CachedTargetTests.listMessages(7))
        clock.advance(seconds: 1)
        _ = try target.perform(CachedTargetTests.reply(7, sequence: 1))
        clock.advance(seconds: 1)
        _ = try target.perform(CachedTargetTests.listConversations(a))
        try target.finish()

        let trace = try BinaryTraceFormat.read(path: path)
        let messages = PageKey(pattern: .listMessages, partition: 7, limit: limit)
        let listA = PageKey(pattern: .listConversations, partition: a, limit: limit)
        let listB = PageKey(pattern: .listConversations, partition: b, limit: limit)
        #expect(trace.keys == [messages, messages, messages, listA, listB, listA].map(\.traceID))
        #expect(trace.ops == [.read, .read, .write, .write, .write, .read])
        #expect(trace.patterns == [0, 0, 0, 1, 1, 1])
        #expect(trace.times == [1, 2, 3, 3, 3, 4].map { UInt64($0) * 1_000_000_000 })
        // Sizes are the pages' DynamoDB sizes: the same page read twice has one size; the write's size is
        // the page after the write, which is the size B's next read of that page sees.
        #expect(trace.sizes[0] > 0 && trace.sizes[0] == trace.sizes[1])
        #expect(trace.sizes[3] == trace.sizes[5])
        let engineSize = CachedPage(items: try inner.listConversationsPage(user: a, limit: limit)).bytes
        #expect(Int(trace.sizes[5]) == engineSize)
    }
}

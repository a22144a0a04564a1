import Foundation
import Randomness
import Testing
@testable import CacheKit

@Suite struct TraceFormatTests {
    func sampleTrace() -> Trace {
        var rng = SplitMix64(seed: 5)
        return Trace((0..<1_000).map { i in
            TraceRecord(time: UInt64(i) * 1_000 + UInt64.random(in: 0..<1_000, using: &rng),
                        key: UInt64.random(in: 0..<UInt64.max, using: &rng),
                        size: UInt32.random(in: 0..<UInt32.max, using: &rng),
                        op: TraceOp.allCases.randomElement(using: &rng)!,
                        pattern: UInt8.random(in: 0..<4, using: &rng))
        })
    }

    func temporaryPath(_ name: String) -> String {
        NSTemporaryDirectory() + "stbench-\(name)-\(UInt64.random(in: 0..<UInt64.max))"
    }

    @Test func binaryRoundTrip() throws {
        let trace = sampleTrace()
        let path = temporaryPath("bin")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try BinaryTraceFormat.write(trace, path: path)
        #expect(try BinaryTraceFormat.read(path: path) == trace)
        // 16-byte header + 24 bytes per record.
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
        #expect(size == 16 + 24 * 1_000)
    }

    @Test func traceWriterFromSeveralThreads() throws {
        let path = temporaryPath("writer")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try TraceWriter(path: path, bufferRecords: 100)
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            var buffer = writer.makeBuffer(batchSize: 64)
            for i in 0..<2_500 {
                buffer.append(TraceRecord(time: UInt64(i), key: UInt64(thread), size: 1, pattern: UInt8(thread)))
            }
            buffer.flush()
        }
        try writer.close()
        let trace = try BinaryTraceFormat.read(path: path)
        #expect(trace.count == 10_000)
        for thread in 0..<4 {
            // Each thread's records arrive complete and in its own order.
            let times = (0..<trace.count).filter { trace.keys[$0] == UInt64(thread) }.map { trace.times[$0] }
            #expect(times == (0..<2_500).map { UInt64($0) })
        }
    }

    @Test func rejectsForeignFiles() {
        #expect(throws: TraceFormatError.self) { try BinaryTraceFormat.decode(Data("time,obj_id,obj_size\n".utf8)) }
        var bytes = BinaryTraceFormat.header()
        bytes += [1, 2, 3]
        #expect(throws: TraceFormatError.self) { try BinaryTraceFormat.decode(Data(bytes)) }
    }

    @Test func csvRoundTrip() throws {
        let reads = Trace(sampleTrace().records.filter { $0.op == .read }.map {
            TraceRecord(time: $0.time, key: $0.key, size: $0.size)
        })
        let text = CSVTrace.export(reads)
        #expect(text.hasPrefix("time,obj_id,obj_size\n"))
        #expect(try CSVTrace.parse(Array(text.utf8)) == reads)
    }

    @Test func csvLayoutAndErrors() throws {
        let t = try CSVTrace.parse(Array("time,obj_id,obj_size\n1,42,100\r\n2,43,7\n".utf8))
        #expect(t.records == [TraceRecord(time: 1, key: 42, size: 100), TraceRecord(time: 2, key: 43, size: 7)])
        #expect(throws: TraceFormatError("csv:3: expected an unsigned integer in field 2 of time,obj_id,obj_size")) {
            try CSVTrace.parse(Array("time,obj_id,obj_size\n1,42,100\n2,x,7\n".utf8))
        }
        #expect(throws: TraceFormatError.self) { try CSVTrace.parse(Array("1,2\n".utf8)) }
        // Writes are not expressible in libCacheSim's CSV: export drops them.
        let mixed = Trace([TraceRecord(time: 0, key: 1, size: 1), TraceRecord(time: 1, key: 1, size: 1, op: .write)])
        #expect(CSVTrace.export(mixed) == "time,obj_id,obj_size\n0,1,1\n")
    }
}

@Suite struct TraceKeyTests {
    @Test func fnv1aTestVectors() {
        // Published FNV-1a 64-bit vectors (isthe.com/chongo/tech/comp/fnv).
        #expect(TraceKey.id("") == 0xcbf2_9ce4_8422_2325)
        #expect(TraceKey.id("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(TraceKey.id("foobar") == 0x8594_4171_f739_67e8)
    }
}

import Foundation
import MemoryStats
import Testing

@Suite struct JemallocTests {
    @Test func jemallocIsTheAllocator() {
        #expect(Jemalloc.isActive)
        #expect(Jemalloc.version.first?.isNumber == true)
    }

    @Test func threadCounterSeesAnAllocation() {
        let meter = ThreadAllocationMeter()
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 1 << 20, alignment: 16)
        let allocated = meter.allocatedBytes
        buffer.deallocate()
        #expect(allocated >= 1 << 20)
        #expect(meter.deallocatedBytes >= 1 << 20)
    }

    /// `stats.allocated` is process-wide and other suites allocate and free in parallel, so one reading can
    /// be off by whatever they freed meanwhile (seen: 59 MB of a 64 MB buffer). A few attempts, one must
    /// see the buffer: a counter that never grows still fails.
    @Test func globalAllocatedGrowsWithLiveMemory() {
        var growths: [Int] = []
        for _ in 0..<5 {
            let before = Jemalloc.allocatedBytes
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: 64 << 20, alignment: 16)
            let during = Jemalloc.allocatedBytes
            buffer.deallocate()
            growths.append(during - before)
            if growths.last! >= 64 << 20 { break }
        }
        #expect(growths.contains { $0 >= 64 << 20 }, "stats.allocated growth per 64 MiB buffer: \(growths)")
        #expect(Jemalloc.residentBytes > 0)
    }

    /// stbench asks jemalloc for transparent huge pages (CShims/allocator_config.c); MALLOC_CONF overrides it.
    @Test func transparentHugePagesAsConfigured() throws {
        let override = ProcessInfo.processInfo.environment["MALLOC_CONF"] ?? ""
        try #require(!override.contains("thp"), "MALLOC_CONF sets thp itself")
        #expect(Jemalloc.transparentHugePages == "always")
        #expect(Jemalloc.allocatorDescription == "jemalloc thp:always")
    }
}

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
    /// be off by whatever they freed meanwhile (seen: 59 MB of a 64 MB buffer, and five readings each a few
    /// hundred bytes to 44 KB short of it). A few attempts, one must see at least 7/8 of the buffer: a
    /// counter that never grows (or misses the buffer) still fails.
    @Test func globalAllocatedGrowsWithLiveMemory() {
        let size = 64 << 20
        let seen = size / 8 * 7
        var growths: [Int] = []
        for _ in 0..<5 {
            let before = Jemalloc.allocatedBytes
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
            let during = Jemalloc.allocatedBytes
            buffer.deallocate()
            growths.append(during - before)
            if growths.last! >= seen { break }
        }
        #expect(growths.contains { $0 >= seen }, "stats.allocated growth per 64 MiB buffer: \(growths)")
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

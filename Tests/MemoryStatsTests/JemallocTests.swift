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

    @Test func globalAllocatedGrowsWithLiveMemory() {
        let before = Jemalloc.allocatedBytes
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 64 << 20, alignment: 16)
        let during = Jemalloc.allocatedBytes
        buffer.deallocate()
        #expect(during - before >= 60 << 20)
        #expect(Jemalloc.residentBytes > 0)
    }
}

import CJemalloc

/// Allocation figures read from jemalloc, the process allocator (Debian's libjemalloc-dev, linked through
/// the `CJemalloc` system-library target).
///
/// jemalloc's global statistics are cached and only refreshed when the `epoch` control is written, so
/// every global read here bumps the epoch first. The per-thread counters (`thread.allocated`,
/// `thread.deallocated`) are exact and always current, which makes them the right tool for
/// "bytes allocated per operation" on one thread.
public enum Jemalloc {
    /// Refreshes jemalloc's cached global statistics.
    public static func refresh() {
        var epoch: UInt64 = 1
        _ = mallctl("epoch", nil, nil, &epoch, MemoryLayout<UInt64>.size)
    }

    /// Bytes currently allocated by the application (`stats.allocated`), after a refresh.
    public static var allocatedBytes: Int {
        refresh()
        return readSize("stats.allocated") ?? 0
    }

    /// Bytes in physically resident data pages mapped by the allocator (`stats.resident`), after a refresh.
    public static var residentBytes: Int {
        refresh()
        return readSize("stats.resident") ?? 0
    }

    /// Total bytes ever allocated by the calling thread (`thread.allocated`); monotonic.
    @inline(__always)
    public static var threadAllocatedBytes: UInt64 { readUInt64("thread.allocated") ?? 0 }

    /// Total bytes ever deallocated by the calling thread (`thread.deallocated`); monotonic.
    @inline(__always)
    public static var threadDeallocatedBytes: UInt64 { readUInt64("thread.deallocated") ?? 0 }

    /// Whether jemalloc is really the allocator answering `mallctl` (false would mean the statistics are zero).
    public static var isActive: Bool { readSize("stats.allocated") != nil }

    /// jemalloc's version string, e.g. "5.3.0-0-g54eaed1d8b56b1aa528be3bdd1877e59c56fa90c".
    public static var version: String {
        var pointer: UnsafePointer<CChar>? = nil
        var size = MemoryLayout<UnsafePointer<CChar>?>.size
        guard mallctl("version", &pointer, &size, nil, 0) == 0, let pointer else { return "unknown" }
        return String(cString: pointer)
    }

    /// jemalloc's transparent-huge-page mode (`opt.thp`: "always", "never" or "default"; stbench asks for
    /// "always", see CShims/allocator_config.c), or nil when jemalloc is not active.
    public static var transparentHugePages: String? {
        var pointer: UnsafePointer<CChar>? = nil
        var size = MemoryLayout<UnsafePointer<CChar>?>.size
        guard mallctl("opt.thp", &pointer, &size, nil, 0) == 0, let pointer else { return nil }
        return String(cString: pointer)
    }

    /// The allocator as reports name it: "jemalloc thp:always" (with its huge-page mode) or "system".
    public static var allocatorDescription: String {
        guard isActive else { return "system" }
        return "jemalloc thp:" + (transparentHugePages ?? "unknown")
    }

    private static func readSize(_ name: String) -> Int? {
        var value = 0
        var size = MemoryLayout<Int>.size
        return mallctl(name, &value, &size, nil, 0) == 0 ? value : nil
    }

    private static func readUInt64(_ name: String) -> UInt64? {
        var value: UInt64 = 0
        var size = MemoryLayout<UInt64>.size
        return mallctl(name, &value, &size, nil, 0) == 0 ? value : nil
    }
}

/// Counts what one thread allocates between `init` and a read: exact, from jemalloc's per-thread counters.
public struct ThreadAllocationMeter: Sendable {
    private let startAllocated: UInt64
    private let startDeallocated: UInt64

    public init() {
        startAllocated = Jemalloc.threadAllocatedBytes
        startDeallocated = Jemalloc.threadDeallocatedBytes
    }

    /// Bytes this thread allocated since `init`.
    public var allocatedBytes: UInt64 { Jemalloc.threadAllocatedBytes &- startAllocated }
    /// Bytes this thread freed since `init`.
    public var deallocatedBytes: UInt64 { Jemalloc.threadDeallocatedBytes &- startDeallocated }
}

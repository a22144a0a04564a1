import CJemalloc

/// How many allocations the process made, from jemalloc's arena statistics.
///
/// jemalloc keeps per-thread *byte* counters (`thread.allocated`) but no per-thread allocation *count*;
/// the counts exist only per arena (`stats.arenas.<i>.small.nrequests` and `.large.nrequests`, which
/// include requests served from the thread caches). Summed over all arenas they count every thread, so
/// a count taken around a loop is per-thread only while one thread is working (as in `stbench profile`).
/// The statistics are refreshed by writing `epoch`; each read costs a few microseconds, so read around
/// a whole loop, not around each operation.
public enum AllocationCounter {
    /// `MALLCTL_ARENAS_ALL`: the arena index that merges all arenas.
    static let allArenas = 4096

    /// Allocation requests served so far by all arenas, or nil when jemalloc was built without statistics.
    public static func requests() -> UInt64? {
        var epoch: UInt64 = 1
        _ = mallctl("epoch", nil, nil, &epoch, MemoryLayout<UInt64>.size)
        guard let small = read("stats.arenas.\(allArenas).small.nrequests"),
              let large = read("stats.arenas.\(allArenas).large.nrequests") else { return nil }
        return small &+ large
    }

    private static func read(_ name: String) -> UInt64? {
        var value: UInt64 = 0
        var size = MemoryLayout<UInt64>.size
        return mallctl(name, &value, &size, nil, 0) == 0 ? value : nil
    }
}

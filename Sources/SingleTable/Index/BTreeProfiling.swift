#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opt-in counting of B-tree work for `stbench profile`: nodes visited and key comparisons made by every
/// lookup (`find`) and range visit (`visit`, the Query path) on any tree in the process.
///
/// Off by default. When off, a lookup pays one load of a global flag and a predictable branch (the
/// counting variant is a separate specialisation of the generic `Stats` code, so the uncounted path is
/// the same machine code as before). When on, only the thread that enabled it counts (other threads'
/// lookups are ignored: the totals are not synchronised, and a test suite runs engine tests in parallel).
/// Inserts and deletes are not counted (their stats variants exist for the benchmarks in `BTreeBenchmark`).
public enum BTreeProfiling {
    nonisolated(unsafe) static var enabled = false
    nonisolated(unsafe) static var totals = BTreeCounters()
    /// The thread whose lookups are counted.
    nonisolated(unsafe) static var owner = pthread_self()

    /// Whether tree lookups are being counted (setting it to true makes the calling thread the counted one).
    public static var isEnabled: Bool {
        get { enabled }
        set {
            if newValue { owner = pthread_self() }
            enabled = newValue
        }
    }

    /// Nodes searched since the last `reset()` (while enabled).
    public static var nodesVisited: Int { totals.nodesVisited }
    /// Key comparisons made since the last `reset()` (while enabled).
    public static var keyComparisons: Int { totals.keyComparisons }

    @inline(never)
    static func add(_ counters: BTreeCounters) {
        guard pthread_equal(pthread_self(), owner) != 0 else { return }
        totals.nodesVisited += counters.nodesVisited
        totals.keyComparisons += counters.keyComparisons
    }

    /// Zeroes the totals.
    public static func reset() { totals = BTreeCounters() }
}

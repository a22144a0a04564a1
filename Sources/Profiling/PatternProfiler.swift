import MemoryStats
import SingleTable
import WorkloadKit

/// Runs one access pattern in a tight loop on the embedded engine, on the calling thread, and measures
/// what each operation costs: time, bytes and allocations (jemalloc), and B-tree work (nodes visited,
/// key comparisons; see `BTreeProfiling`).
///
/// The operations are the workload's own (its key distributions, page sizes and message lengths) with
/// the mix narrowed to the one pattern, drawn before the loop so choosing them is not measured.
public struct PatternProfiler {
    public let pattern: Pattern
    public let target: EmbeddedTarget
    var source: WorkloadOperationSource

    /// Loads the workload's dataset (on one thread, so repeated runs do the same work) and prepares
    /// the operation stream for `pattern`.
    public init(spec: WorkloadSpec, pattern: Pattern) throws(TargetError) {
        var narrowed = spec
        narrowed.mix = PatternMix()
        narrowed.mix[pattern] = 1
        self.pattern = pattern
        target = try EmbeddedTarget(spec: narrowed, loadThreads: 1)
        source = WorkloadOperationSource(spec: narrowed, worker: 0, workers: 1)
    }

    /// Draws the next `count` operations (all of `pattern`).
    public mutating func operations(_ count: Int) -> [Operation] {
        (0..<count).map { _ in source.next() }
    }

    /// Performs `operations` one after another, timing each.
    ///
    /// - Parameter countTreeWork: whether to enable `BTreeProfiling` during the loop (costs a little time).
    public func measure(_ operations: [Operation], countTreeWork: Bool = true) throws(TargetError) -> PatternProfile {
        var nanoseconds = [UInt64]()
        nanoseconds.reserveCapacity(operations.count)
        var items = 0
        BTreeProfiling.reset()
        BTreeProfiling.isEnabled = countTreeWork
        defer { BTreeProfiling.isEnabled = false }
        let requestsBefore = AllocationCounter.requests()
        let meter = ThreadAllocationMeter()
        for operation in operations {
            let start = MonotonicClock.nanoseconds()
            items &+= try target.perform(operation)
            nanoseconds.append(MonotonicClock.nanoseconds() &- start)
        }
        let bytes = meter.allocatedBytes
        let requestsAfter = AllocationCounter.requests()
        let allocations = requestsBefore.flatMap { before in requestsAfter.map { $0 &- before } }
        return PatternProfile(
            pattern: pattern, operations: operations.count, items: items, nanoseconds: nanoseconds,
            allocatedBytes: bytes, allocations: allocations,
            nodesVisited: countTreeWork ? BTreeProfiling.nodesVisited : nil,
            keyComparisons: countTreeWork ? BTreeProfiling.keyComparisons : nil)
    }
}

extension PatternProfiler {
    /// Performs `operations` with nothing measured: the loop the callgrind gate counts instructions in
    /// (`valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*profilerGateLoop*'`), kept out
    /// of line so its symbol exists. Returns the items read or written (so the work cannot be dropped).
    @inline(never)
    public func profilerGateLoop(_ operations: [Operation]) throws(TargetError) -> Int {
        var items = 0
        for operation in operations { items &+= try target.perform(operation) }
        return items
    }
}

import Testing

@testable import SingleTable

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Prints B-tree figures; runs only with STBENCH_BENCH=1 (use a release build:
/// `STBENCH_BENCH=1 swift test -c release --filter BTreeBenchmarks`). Makes no timing assertions.
@Suite struct BTreeBenchmarks {
    static var enabled: Bool { getenv("STBENCH_BENCH").map { String(cString: $0) == "1" } ?? false }
    static var messages: Int { getenv("STBENCH_BENCH_N").flatMap { Int(String(cString: $0)) } ?? 1_000_000 }

    @Test(.enabled(if: enabled))
    func nodeCapacity() {
        let workload = BTreeBenchmark.Workload(groups: 10_000, total: Self.messages, seed: 1)
        let lines = BTreeBenchmark.nodeCapacitySweep(
            capacities: [16, 32, 64, 128, 256], workload: workload, queries: 200_000)
        print("BTree node capacity, one tree of \(Self.messages) composite keys:\n" + lines.joined(separator: "\n"))
        #expect(lines.count == 7)
    }

    @Test(.enabled(if: enabled))
    func layout() {
        let workload = BTreeBenchmark.Workload(groups: 10_000, total: Self.messages, seed: 2)
        for capacity in [32, 64, 128] {
            let lines = BTreeBenchmark.layoutComparison(workload: workload, queries: 200_000, capacity: capacity)
            print("BTree layout:\n" + lines.joined(separator: "\n"))
            #expect(lines.count == 4)
        }
    }
}

import Foundation
import Testing
@testable import WorkloadKit

/// Not a test of speed (no timing assertions): prints the dataset load rate of a workload file for the
/// report. Run in release: `STBENCH_MEASURE_LOAD=Workloads/messaging-default.yaml swift test -c release
/// --filter LoadThroughputMeasurement`.
@Suite struct LoadThroughputMeasurement {
    static let file = ProcessInfo.processInfo.environment["STBENCH_MEASURE_LOAD"]

    @Test(.enabled(if: file != nil))
    func measureLoad() throws {
        let spec = try WorkloadSpec.load(path: Self.file!)
        let generator = DatasetGenerator(seed: spec.seed, spec: spec.dataset)
        var generated = 0
        let start = EmbeddedTarget.LoadStatistics.processCPUSeconds()
        generator.forEachItem(conversations: 0..<spec.dataset.conversations) { _ in generated += 1 }
        let generateSeconds = EmbeddedTarget.LoadStatistics.processCPUSeconds() - start
        for threads in [1, 2] {
            let target = try EmbeddedTarget(spec: spec, loadThreads: threads)
            let s = target.loadStatistics
            print("load \(spec.name): \(s.items) items, \(s.threads) threads, \(String(format: "%.3f", s.seconds)) s wall (\(Int(s.itemsPerSecond)) items/s), \(String(format: "%.3f", s.cpuSeconds)) CPU s (\(Int(Double(s.items) / s.cpuSeconds)) items per CPU-second)")
            #expect(s.items == generated)
        }
        // Per-pattern cost on one thread, operations drawn by the workload's own source.
        let target = try EmbeddedTarget(spec: spec, loadThreads: 2)
        var source = spec.makeOperationSource(worker: 0, workers: 1)
        let operations = (0..<200_000).map { _ in source.next() }
        var nanos = [UInt64](repeating: 0, count: 4), counts = [Int](repeating: 0, count: 4)
        for op in operations {
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = try target.perform(op)
            nanos[op.pattern.rawValue] += DispatchTime.now().uptimeNanoseconds - t0
            counts[op.pattern.rawValue] += 1
        }
        for pattern in Pattern.allCases where counts[pattern.rawValue] > 0 {
            let mean = Double(nanos[pattern.rawValue]) / Double(counts[pattern.rawValue]) / 1000
            print("perform \(spec.name) \(pattern.name): \(counts[pattern.rawValue]) ops, mean \(String(format: "%.2f", mean)) µs")
        }
        print("generate only \(spec.name): \(generated) items, 1 thread, \(String(format: "%.3f", generateSeconds)) CPU s, \(Int(Double(generated) / generateSeconds)) items per CPU-second")
    }
}

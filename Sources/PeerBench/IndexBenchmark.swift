import Foundation
import MemoryStats
import SingleTable

/// `stbench bench index`: the engine's B-tree against other ordered maps on identical composite keys.
/// Bulk insert (in arrival order), random point get, newest-N range per partition; medians over runs.
public struct IndexBenchmark {
    public struct Options: Sendable {
        public var keys: Int
        public var operations: Int
        public var runs: Int
        public var seed: UInt64
        /// The repository root (holds peers/), and where the external contenders are built.
        public var repository: String
        public var buildDirectory: String
        /// Skip the Rust and C++ contenders (tests).
        public var swiftOnly: Bool

        public init(keys: Int = 1_000_000, operations: Int = 200_000, runs: Int = 5, seed: UInt64 = 42,
                    repository: String = ".", buildDirectory: String = ".build/peers", swiftOnly: Bool = false) {
            self.keys = keys
            self.operations = operations
            self.runs = runs
            self.seed = seed
            self.repository = repository
            self.buildDirectory = buildDirectory
            self.swiftOnly = swiftOnly
        }
    }

    public struct Result: Sendable, Codable {
        public var keys: Int
        public var conversations: Int
        public var operations: Int
        public var runs: Int
        public var rangeLimit: Int
        public var contenders: [ContenderResult]
        /// Contenders whose checksums differ from the engine's (none when all found the same values).
        public var checksumMismatches: [String]
    }

    public let options: Options

    public init(_ options: Options) {
        precondition(options.runs >= 1, "IndexBenchmark: runs must be at least 1, got \(options.runs)")
        self.options = options
    }

    static let jemallocMethod = "jemalloc stats.allocated delta"

    public func run(progress: (String) -> Void = { _ in }) throws -> Result {
        progress("generating \(options.keys) keys")
        let set = IndexKeySet(keys: options.keys, operations: options.operations, seed: options.seed)
        let allocated: () -> Int = { Jemalloc.allocatedBytes }
        var engine = ContenderResult(name: "stbench engine BTree (capacity 128)", memoryMethod: Self.jemallocMethod, runs: [])
        var dictionary = ContenderResult(name: "swift-collections SortedDictionary", memoryMethod: Self.jemallocMethod, runs: [])
        var sortedSet = ContenderResult(name: "swift-collections SortedSet (entries by key)", memoryMethod: Self.jemallocMethod, runs: [])
        // For profiling the engine alone (e.g. under cachegrind, where every other contender costs minutes).
        let engineOnly = ProcessInfo.processInfo.environment["STBENCH_INDEX_ENGINE_ONLY"] == "1"
        // Interleaved runs, so a noisy moment on the shared machine hits every contender rather than one.
        for run in 1...options.runs {
            progress("run \(run)/\(options.runs): engine")
            let t = IndexBenchmarkHooks.run(keys: set.keys, getProbes: set.getProbes, rangeUpperBounds: set.rangeUpperBounds,
                                            rangePrefixes: set.rangePrefixes, rangeLimit: set.rangeLimit, allocatedBytes: allocated)
            engine.runs.append(IndexRun(insertNanos: t.insertNanos, getNanos: t.getNanos, rangeNanos: t.rangeNanos, getChecksum: t.getChecksum,
                                        rangeChecksum: t.rangeChecksum, insertBytes: t.insertAllocatedBytes))
            if engineOnly { continue }
            progress("run \(run)/\(options.runs): SortedDictionary")
            dictionary.runs.append(SortedCollectionsContenders.sortedDictionary(set, allocatedBytes: allocated))
            progress("run \(run)/\(options.runs): SortedSet")
            sortedSet.runs.append(SortedCollectionsContenders.sortedSet(set, allocatedBytes: allocated))
        }
        var contenders = engineOnly ? [engine] : [engine, dictionary, sortedSet]
        if !options.swiftOnly && !engineOnly {
            let file = options.buildDirectory + "/index-keys.txt"
            try FileManager.default.createDirectory(atPath: options.buildDirectory, withIntermediateDirectories: true)
            try set.write(to: file)
            for external in [ExternalContender.rust, ExternalContender.cpp] {
                progress("building and running \(external.label)")
                contenders.append(external.run(keyFile: file, runs: options.runs, repository: options.repository,
                                               buildDirectory: options.buildDirectory))
            }
            try? FileManager.default.removeItem(atPath: file)
        }
        return Result(keys: set.keys.count, conversations: set.conversations, operations: options.operations, runs: options.runs,
                      rangeLimit: set.rangeLimit, contenders: contenders, checksumMismatches: Self.mismatches(contenders))
    }

    /// Every contender must find the same values as the engine (first contender) in every run.
    static func mismatches(_ contenders: [ContenderResult]) -> [String] {
        guard let reference = contenders.first?.runs.first else { return [] }
        var names: [String] = []
        for contender in contenders.dropFirst() where contender.skipped == nil {
            let bad = contender.runs.contains {
                $0.getChecksum != reference.getChecksum || ($0.rangeChecksum.map { $0 != reference.rangeChecksum } ?? false)
            }
            if bad { names.append(contender.name) }
        }
        return names
    }
}

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
        /// Run each Swift contender in a fresh process of this executable (`stbench bench index-contender`), as
        /// the Rust and C++ contenders run, so no contender inherits a heap another one churned. (Suspected
        /// after one in-process run where the engine's first run was 40% faster than its later ones; in fresh
        /// processes the engine measured like those later runs, so that gap was this VM's drift, not the heap.)
        public var isolateProcesses: Bool

        public init(keys: Int = 1_000_000, operations: Int = 200_000, runs: Int = 5, seed: UInt64 = 42,
                    repository: String = ".", buildDirectory: String = ".build/peers", swiftOnly: Bool = false,
                    isolateProcesses: Bool = false) {
            self.keys = keys
            self.operations = operations
            self.runs = runs
            self.seed = seed
            self.repository = repository
            self.buildDirectory = buildDirectory
            self.swiftOnly = swiftOnly
            self.isolateProcesses = isolateProcesses
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
        if options.isolateProcesses {
            return try runIsolated(set, progress: progress)
        }
        let allocated: () -> Int = { Jemalloc.allocatedBytes }
        var engine = ContenderResult(name: SwiftContender.engine.label, memoryMethod: Self.jemallocMethod, runs: [])
        var dictionary = ContenderResult(name: SwiftContender.sortedDictionary.label, memoryMethod: Self.jemallocMethod, runs: [])
        var sortedSet = ContenderResult(name: SwiftContender.sortedSet.label, memoryMethod: Self.jemallocMethod, runs: [])
        // For profiling the engine alone (e.g. under cachegrind, where every other contender costs minutes).
        let engineOnly = ProcessInfo.processInfo.environment["STBENCH_INDEX_ENGINE_ONLY"] == "1"
        // Interleaved runs, so a noisy moment on the shared machine hits every contender rather than one.
        for run in 1...options.runs {
            progress("run \(run)/\(options.runs): engine")
            engine.runs.append(Self.measure(.engine, set, allocatedBytes: allocated))
            if engineOnly { continue }
            progress("run \(run)/\(options.runs): SortedDictionary")
            dictionary.runs.append(Self.measure(.sortedDictionary, set, allocatedBytes: allocated))
            progress("run \(run)/\(options.runs): SortedSet")
            sortedSet.runs.append(Self.measure(.sortedSet, set, allocatedBytes: allocated))
        }
        var contenders = engineOnly ? [engine] : [engine, dictionary, sortedSet]
        if !engineOnly { try appendExternal(to: &contenders, set: set, progress: progress) }
        return Result(keys: set.keys.count, conversations: set.conversations, operations: options.operations, runs: options.runs,
                      rangeLimit: set.rangeLimit, contenders: contenders, checksumMismatches: Self.mismatches(contenders))
    }

    /// Every contender in its own process: the Swift ones through this executable, then Rust and C++.
    private func runIsolated(_ set: IndexKeySet, progress: (String) -> Void) throws -> Result {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var contenders: [ContenderResult] = []
        for contender in SwiftContender.allCases {
            progress("running \(contender.label) in its own process")
            let arguments = ["bench", "index-contender", contender.rawValue, "--keys", String(options.keys),
                             "--operations", String(options.operations), "--runs", String(options.runs), "--seed", String(options.seed)]
            do {
                let output = try Shell.run(executable, arguments)
                contenders.append(try ExternalContender.parse(output, label: contender.label, memoryMethod: Self.jemallocMethod))
            } catch {
                contenders.append(ContenderResult(name: contender.label, memoryMethod: Self.jemallocMethod, runs: [],
                                                  skipped: "\(contender.label) failed: \(error)"))
            }
        }
        try appendExternal(to: &contenders, set: set, progress: progress)
        return Result(keys: set.keys.count, conversations: set.conversations, operations: options.operations, runs: options.runs,
                      rangeLimit: set.rangeLimit, contenders: contenders, checksumMismatches: Self.mismatches(contenders))
    }

    /// The Swift contenders, by the name `stbench bench index-contender` takes.
    public enum SwiftContender: String, CaseIterable, Sendable {
        case engine, sortedDictionary = "sorted-dictionary", sortedSet = "sorted-set"

        public var label: String {
            switch self {
            case .engine: "stbench engine BTree (capacity 128)"
            case .sortedDictionary: "swift-collections SortedDictionary"
            case .sortedSet: "swift-collections SortedSet (entries by key)"
            }
        }
    }

    /// `runs` runs of one Swift contender in this process, as the JSON line the external contenders print.
    public func contenderJSON(_ contender: SwiftContender) throws -> String {
        let set = IndexKeySet(keys: options.keys, operations: options.operations, seed: options.seed)
        let allocated: () -> Int = { Jemalloc.allocatedBytes }
        let runs = (0..<options.runs).map { _ in Self.measure(contender, set, allocatedBytes: allocated) }
        let output = ExternalContender.Output(contender: contender.label, runs: runs.map(ExternalContender.Output.Run.init))
        return String(decoding: try JSONEncoder().encode(output), as: UTF8.self)
    }

    /// One run of one Swift contender on a fresh map.
    static func measure(_ contender: SwiftContender, _ set: IndexKeySet, allocatedBytes: () -> Int) -> IndexRun {
        switch contender {
        case .engine:
            let t = IndexBenchmarkHooks.run(keys: set.keys, getProbes: set.getProbes, rangeUpperBounds: set.rangeUpperBounds,
                                            rangePrefixes: set.rangePrefixes, rangeLimit: set.rangeLimit, allocatedBytes: allocatedBytes)
            return IndexRun(insertNanos: t.insertNanos, getNanos: t.getNanos, rangeNanos: t.rangeNanos, getChecksum: t.getChecksum,
                            rangeChecksum: t.rangeChecksum, insertBytes: t.insertAllocatedBytes)
        case .sortedDictionary: return SortedCollectionsContenders.sortedDictionary(set, allocatedBytes: allocatedBytes)
        case .sortedSet: return SortedCollectionsContenders.sortedSet(set, allocatedBytes: allocatedBytes)
        }
    }

    /// The Rust and C++ contenders (unless `swiftOnly`), run on the same keys written to a file.
    private func appendExternal(to contenders: inout [ContenderResult], set: IndexKeySet, progress: (String) -> Void) throws {
        if !options.swiftOnly {
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

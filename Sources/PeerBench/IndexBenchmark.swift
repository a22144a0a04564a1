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

    /// Interleaved: run r measures every contender once (in reverse order on odd runs) before run r + 1, so
    /// this VM's drift (20-40% over minutes) lands on every contender alike, and each run's ratios compare
    /// contenders measured moments apart (`IndexReport.speedUp` takes the median of those per-run ratios).
    /// Running each contender's runs back to back instead put minutes between the engine and Rust, and the
    /// engine's point get came out 0.83x-1.18x Rust's over four same-day runs.
    public func run(progress: (String) -> Void = { _ in }) throws -> Result {
        progress("generating \(options.keys) keys")
        let set = IndexKeySet(keys: options.keys, operations: options.operations, seed: options.seed)
        // For profiling the engine alone (e.g. under cachegrind, where every other contender costs minutes).
        let engineOnly = ProcessInfo.processInfo.environment["STBENCH_INDEX_ENGINE_ONLY"] == "1"
        var contenders: [(result: ContenderResult, measure: () throws -> (name: String?, run: IndexRun))] = []
        for swift in engineOnly ? [SwiftContender.engine] : SwiftContender.allCases {
            contenders.append((ContenderResult(name: swift.label, memoryMethod: Self.jemallocMethod, runs: []),
                               { (nil, try self.measureOnce(swift, set)) }))
        }
        let keyFile = options.buildDirectory + "/index-keys.txt"
        if !options.swiftOnly && !engineOnly {
            try FileManager.default.createDirectory(atPath: options.buildDirectory, withIntermediateDirectories: true)
            try set.write(to: keyFile)
            for external in [ExternalContender.rust, ExternalContender.cpp] {
                progress("building \(external.label)")
                do {
                    let executable = try external.build(options.repository, options.buildDirectory)
                    contenders.append((ContenderResult(name: external.label, memoryMethod: external.memoryMethod, runs: []),
                                       { try external.measureOnce(executable: executable, keyFile: keyFile) }))
                } catch {
                    contenders.append((ContenderResult(name: external.label, memoryMethod: external.memoryMethod, runs: [],
                                                       skipped: "\(error)"), { throw error }))
                }
            }
        }
        defer { try? FileManager.default.removeItem(atPath: keyFile) }
        for run in 0..<options.runs {
            let order = run % 2 == 0 ? Array(contenders.indices) : contenders.indices.reversed()
            for i in order where contenders[i].result.skipped == nil {
                progress("run \(run + 1)/\(options.runs): \(contenders[i].result.name)")
                do {
                    let measured = try contenders[i].measure()
                    // An external contender names itself (e.g. which C++ map it was built with).
                    if run == 0, let name = measured.name { contenders[i].result.name = name }
                    contenders[i].result.runs.append(measured.run)
                } catch {
                    contenders[i].result.runs = []
                    contenders[i].result.skipped = "\(contenders[i].result.name) failed: \(error)"
                }
            }
        }
        let results = contenders.map(\.result)
        return Result(keys: set.keys.count, conversations: set.conversations, operations: options.operations, runs: options.runs,
                      rangeLimit: set.rangeLimit, contenders: results, checksumMismatches: Self.mismatches(results))
    }

    /// One run of a Swift contender: in a fresh process of this executable (`stbench bench index-contender`)
    /// when `isolateProcesses`, so no contender inherits a heap another one churned; else in this process.
    private func measureOnce(_ contender: SwiftContender, _ set: IndexKeySet) throws -> IndexRun {
        guard options.isolateProcesses else { return Self.measure(contender, set, allocatedBytes: { Jemalloc.allocatedBytes }) }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let arguments = ["bench", "index-contender", contender.rawValue, "--keys", String(options.keys),
                         "--operations", String(options.operations), "--runs", "1", "--seed", String(options.seed)]
        let parsed = try ExternalContender.parse(try Shell.run(executable, arguments), label: contender.label, memoryMethod: Self.jemallocMethod)
        guard let run = parsed.runs.first else { throw ExternalContender.Skip(description: "\(contender.label) printed no run") }
        return run
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
                            rangeChecksum: t.rangeChecksum, insertBytes: t.insertAllocatedBytes,
                            treeShape: IndexRun.TreeShape(height: t.height, leafFill: t.leafFill))
        case .sortedDictionary: return SortedCollectionsContenders.sortedDictionary(set, allocatedBytes: allocatedBytes)
        case .sortedSet: return SortedCollectionsContenders.sortedSet(set, allocatedBytes: allocatedBytes)
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

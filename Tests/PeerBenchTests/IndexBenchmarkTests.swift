import Foundation
import Testing
@testable import PeerBench

@Suite struct IndexKeySetTests {
    @Test func timestampIsTheDatasetsISO8601Format() {
        var key: [UInt8] = []
        // 1 h 2 min 3 s and 4 µs into the day, worked by hand.
        IndexKeySet.appendTimestamp(microsecondsOfDay: 3_723_000_004, to: &key)
        #expect(String(decoding: key, as: UTF8.self) == "2026-11-21T01:02:03.000004+00:00")
    }

    @Test func keysAreCompositeAndIncreasingWithinAPartition() {
        let set = IndexKeySet(keys: 2_000, conversations: 7, operations: 50, seed: 3)
        #expect(set.keys.count == 2_000)
        #expect(set.keys.allSatisfy { $0.count == 73 && $0.starts(with: Array("MSG#".utf8)) && $0[40] == UInt8(ascii: "|") })
        var last: [[UInt8]: [UInt8]] = [:]
        for key in set.keys {
            let partition = Array(key[..<40])
            if let previous = last[partition] { #expect(previous.lexicographicallyPrecedes(key)) }
            last[partition] = key
        }
        #expect(last.count == 7)
        #expect(set.getProbes.allSatisfy { (0..<2_000).contains($0) })
        #expect(zip(set.rangeUpperBounds, set.rangePrefixes).allSatisfy { bound, prefix in
            bound.count == 41 && bound.last == UInt8(ascii: "}") && prefix.dropLast() == bound.dropLast()
        })
    }

    @Test func fileHasTheDocumentedLayout() throws {
        let set = IndexKeySet(keys: 10, conversations: 2, operations: 3, seed: 1)
        let path = NSTemporaryDirectory() + "/stbench-index-keys-\(getpid()).txt"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try set.write(to: path)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "10 3 3 20")
        #expect(lines.count == 1 + 10 + 3 + 3 + 1)  // trailing newline
        #expect(Array(lines[1].utf8) == set.keys[0])
        #expect(Int(lines[11]) == set.getProbes[0])
        #expect(Array(lines[14].utf8) == set.rangeUpperBounds[0] + [9] + set.rangePrefixes[0])
    }
}

@Suite struct IndexBenchmarkTests {
    /// Value i is stored under key i, so a get's checksum is the sum of the probed indices, and a range's is the
    /// sum of the 20 largest indices of the partition (timestamps grow with the index) — computed here by brute force.
    @Test func swiftContendersFindTheExpectedValues() throws {
        let options = IndexBenchmark.Options(keys: 3_000, operations: 200, runs: 2, seed: 5, swiftOnly: true)
        let set = IndexKeySet(keys: options.keys, operations: options.operations, seed: options.seed)
        let expectedGet = set.getProbes.reduce(0, +)
        var expectedRange = 0
        for prefix in set.rangePrefixes {
            expectedRange += set.keys.indices.filter { set.keys[$0].starts(with: prefix) }.suffix(20).reduce(0, +)
        }
        let result = try IndexBenchmark(options).run()
        #expect(result.contenders.count == 3)
        for contender in result.contenders {
            #expect(contender.runs.count == 2)
            for run in contender.runs {
                #expect(run.getChecksum == expectedGet, "\(contender.name)")
                if let range = run.rangeChecksum { #expect(range == expectedRange, "\(contender.name)") }
            }
        }
        #expect(result.contenders[2].runs[0].rangeChecksum != nil)
        #expect(result.checksumMismatches.isEmpty)
        // Only the engine reports its tree: 3,000 keys need more than one 128-slot leaf, and no 1,000-way fanout.
        for run in result.contenders[0].runs {
            let shape = try #require(run.treeShape)
            #expect(shape.height == 2)
            #expect(shape.leafFill > 0.5 && shape.leafFill <= 1)
        }
        #expect(result.contenders.dropFirst().allSatisfy { $0.runs.allSatisfy { $0.treeShape == nil } })
        let markdown = IndexReport.markdown(result)
        #expect(markdown.contains("| stbench engine BTree (capacity 128) |"))
        #expect(markdown.contains("Engine tree after the inserts: height 2, leaves "))
    }

    /// Runs that differ in shape show the range; runs without a shape (older results) print no line.
    @Test func engineShapeLineSummarisesTheRuns() {
        func result(_ shapes: [IndexRun.TreeShape?]) -> IndexBenchmark.Result {
            let runs = shapes.map { IndexRun(insertNanos: 1, getNanos: 1, rangeNanos: 1, getChecksum: 0, rangeChecksum: 0, insertBytes: 0, treeShape: $0) }
            return IndexBenchmark.Result(keys: 10, conversations: 1, operations: 1, runs: runs.count, rangeLimit: 20,
                                         contenders: [ContenderResult(name: "engine", memoryMethod: "", runs: runs)], checksumMismatches: [])
        }
        let same = IndexRun.TreeShape(height: 3, leafFill: 0.8214)
        #expect(IndexReport.engineShape(result([same, same])) == "Engine tree after the inserts: height 3, leaves 82.1% full.")
        #expect(IndexReport.engineShape(result([same, IndexRun.TreeShape(height: 4, leafFill: 0.72)]))
            == "Engine tree after the inserts: height 3–4, leaves 72.0–82.1% full.")
        #expect(IndexReport.engineShape(result([nil])) == nil)
    }

    @Test func spreadMedianOfOddAndEvenCounts() throws {
        let odd = try #require(Spread([5, 1, 3]))
        #expect(odd.median == 3 && odd.minimum == 1 && odd.maximum == 5)
        let even = try #require(Spread([4, 1, 3, 10]))
        #expect(even.median == 3.5 && even.minimum == 1 && even.maximum == 10)
        #expect(Spread([]) == nil)
    }

    /// Ratios pair each run's contender with the same run's engine: a machine twice as slow in run 2 for
    /// both leaves the ratio alone, where the ratio of the medians would mix the runs.
    @Test func speedUpPairsTheRuns() throws {
        let engine: [Double] = [100, 200, 110]
        let contender: [Double] = [300, 600, 220]  // 3x, 3x, 2x
        let paired = try #require(IndexReport.speedUp(contender, over: engine))
        #expect(paired.median == 3 && paired.minimum == 2 && paired.maximum == 3)
        #expect(IndexReport.ratio(contender, engine) == "3.0x [2.0–3.0]")
        // Unequal counts (a contender that failed part-way): the ratio of the medians, as one value.
        let unpaired = try #require(IndexReport.speedUp([300, 600], over: engine))
        #expect(unpaired.median == 450.0 / 110.0 && unpaired.minimum == unpaired.maximum)
        #expect(IndexReport.speedUp([], over: engine) == nil)
        #expect(IndexReport.ratio([1], []) == "n/a")
    }

    @Test func parsesTheExternalProgramsJSON() throws {
        let output = #"{"contender":"Rust std BTreeMap<Vec<u8>, u64>","runs":[{"insert_ns":101.5,"get_ns":80.0,"range_ns":300.2,"get_checksum":12,"range_checksum":34,"insert_bytes":5600}]}"#
        let result = try ExternalContender.parse(output, label: "Rust", memoryMethod: "m")
        #expect(result.name == "Rust std BTreeMap<Vec<u8>, u64>")
        #expect(result.runs == [IndexRun(insertNanos: 101.5, getNanos: 80, rangeNanos: 300.2, getChecksum: 12, rangeChecksum: 34, insertBytes: 5600)])
        #expect(throws: (any Error).self) { try ExternalContender.parse("not json", label: "Rust", memoryMethod: "m") }
    }

    @Test func mismatchedChecksumsAreNamed() {
        let good = IndexRun(insertNanos: 1, getNanos: 1, rangeNanos: 1, getChecksum: 10, rangeChecksum: 20, insertBytes: 0)
        var bad = good
        bad.rangeChecksum = 21
        let names = IndexBenchmark.mismatches([
            ContenderResult(name: "engine", memoryMethod: "", runs: [good]),
            ContenderResult(name: "same", memoryMethod: "", runs: [good]),
            ContenderResult(name: "off", memoryMethod: "", runs: [bad]),
        ])
        #expect(names == ["off"])
    }
}

/// The JSON a Swift contender prints from its own process (`bench index-contender`) reads back as the runs
/// the in-process benchmark measures: same checksums, and no range for SortedDictionary.
@Suite struct IsolatedContenderTests {
    let options = IndexBenchmark.Options(keys: 3_000, operations: 200, runs: 1, seed: 5, swiftOnly: true)

    @Test func contenderJSONRoundTripsThroughTheExternalParser() throws {
        let inProcess = try IndexBenchmark(options).run()
        for contender in IndexBenchmark.SwiftContender.allCases {
            let json = try IndexBenchmark(options).contenderJSON(contender)
            let parsed = try ExternalContender.parse(json, label: contender.label, memoryMethod: "m")
            let reference = try #require(inProcess.contenders.first { $0.name == contender.label }?.runs.first)
            let run = try #require(parsed.runs.first)
            #expect(parsed.name == contender.label)
            #expect(run.getChecksum == reference.getChecksum, "\(contender)")
            #expect(run.rangeChecksum == reference.rangeChecksum, "\(contender)")
            #expect((run.rangeNanos == nil) == (contender == .sortedDictionary), "\(contender)")
            #expect(run.treeShape == reference.treeShape, "\(contender)")
            #expect((run.treeShape != nil) == (contender == .engine), "\(contender)")
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Randomness
import Testing

@testable import SingleTable

@Suite struct BTreeTests {
    @Test func emptyTree() {
        let tree = BTree<TestElement>()
        #expect(tree.isEmpty && tree.count == 0)
        #expect(tree.find(testKey(1)) == nil)
        #expect(tree.first == nil && tree.last == nil)
        #expect(tree.remove(testKey(1)) == nil)
        #expect(tree.values == [])
        #expect(tree.visitedValues(from: .unbounded, .forward) == [])
        #expect(tree.visitedValues(from: .inclusive(testKey(3)), .backward) == [])
        #expect(tree.checkInvariants())
    }

    @Test func singleElement() {
        let tree = BTree<TestElement>()
        let element = TestElement(7)
        #expect(tree.insert(element) == nil)
        #expect(tree.count == 1 && !tree.isEmpty)
        #expect(tree.find(testKey(7)) === element)
        #expect(tree.find(testKey(6)) == nil && tree.find(testKey(8)) == nil)
        #expect(tree.first === element && tree.last === element)
        #expect(tree.remove(testKey(7)) === element)
        #expect(tree.isEmpty && tree.checkInvariants())
    }

    @Test func smallRootLeafGrowsBeforeSplitting() {
        let tree = BTree<TestElement>(nodeCapacity: 32)
        var capacities: [Int] = []
        for value in 0..<33 {
            tree.insert(TestElement(value))
            if capacities.last != tree.root.elementCapacity { capacities.append(tree.root.elementCapacity) }
            #expect(tree.checkInvariants())
        }
        // Doubling from 4 up to the node capacity, then the 33rd element splits the root.
        #expect(capacities == [4, 8, 16, 32])
        #expect(tree.shape().height == 2)
        #expect(tree.values == Array(0..<33))
    }

    @Test func keysThatArePrefixesOfOthers() {
        let tree = BTree<TestElement>(nodeCapacity: 4)
        let keys: [[UInt8]] = [[0x61, 0x00], [], [0x61], [0x61, 0x61], [0x60, 0xFF], [0x61, 0x00, 0x00], [0xFF]]
        for (tag, key) in keys.enumerated() { tree.insert(TestElement(key, tag: tag)) }
        // Expected byte order, worked by hand: [] < 60 FF < 61 < 61 00 < 61 00 00 < 61 61 < FF.
        #expect(tree.map(\.key) == [[], [0x60, 0xFF], [0x61], [0x61, 0x00], [0x61, 0x00, 0x00], [0x61, 0x61], [0xFF]])
        for (tag, key) in keys.enumerated() { #expect(tree.find(key)?.tag == tag) }
        #expect(tree.checkInvariants())
    }

    /// A run of keys whose chunk is all 0xFF bytes (the largest chunk) in a leaf without a common prefix: a
    /// leaf lookup must find the run's end without computing a chunk above it.
    @Test(arguments: [16, 128])
    func runOfTheLargestChunk(capacity: Int) {
        let tree = BTree<TestElement>(nodeCapacity: capacity)
        let run = (0..<10).map { [UInt8](repeating: 0xFF, count: 8) + [UInt8(2 * $0)] }
        for (tag, key) in ([[0x00]] + run).enumerated() { tree.insert(TestElement(key, tag: tag)) }
        #expect(tree.shape().height == 1)
        for (i, key) in run.enumerated() { #expect(tree.find(key)?.tag == i + 1) }
        #expect(tree.find([UInt8](repeating: 0xFF, count: 8) + [5]) == nil)
        #expect(tree.find([UInt8](repeating: 0xFF, count: 9)) == nil)
        #expect(tree.find([0x00])?.tag == 0)
        #expect(tree.checkInvariants())
    }

    @Test(arguments: [4, 5, 16, 64])
    func ascendingInsertsFillNodes(capacity: Int) {
        let tree = BTree<TestElement>(nodeCapacity: capacity)
        for value in 0..<2000 {
            tree.insert(TestElement(value))
            #expect(tree.last.map { testValue($0.key) } == value)
        }
        #expect(tree.checkInvariants())
        #expect(tree.values == Array(0..<2000))
        // Append splits leave capacity - 1 of capacity elements in every leaf but the last.
        let shape = tree.shape()
        #expect(shape.leafFill >= Double(capacity - 1) / Double(capacity) * 0.95, "leaf fill \(shape.leafFill)")
    }

    @Test(arguments: [4, 16])
    func descendingInsertsFillNodes(capacity: Int) {
        let tree = BTree<TestElement>(nodeCapacity: capacity)
        for value in (0..<2000).reversed() { tree.insert(TestElement(value)) }
        #expect(tree.checkInvariants())
        #expect(tree.values == Array(0..<2000))
        #expect(tree.shape().leafFill >= Double(capacity - 1) / Double(capacity) * 0.95)
    }

    /// Appends interleaved across partitions (each partition's keys ascending, the partition random, as
    /// messages arrive) grow runs in the middle of leaves; full leaves rotate into siblings with room before
    /// they split (`BTree.makeRoom`), so leaves end up fuller than the two half-full nodes of a split.
    @Test(arguments: [8, 16, 32])
    func interleavedAppendsRotateBeforeSplitting(capacity: Int) {
        var rng = SplitMix64(seed: 11)
        let partitions = 100
        var next = [Int](repeating: 0, count: partitions)
        let tree = BTree<TestElement>(nodeCapacity: capacity)
        var values: [Int] = []
        for _ in 0..<(partitions * 30) {
            let p = Int(rng.next() % UInt64(partitions))
            // The partition in the high bits and its sequence number below: byte order is (partition, time).
            let value = p << 16 | next[p]
            next[p] += 1
            values.append(value)
            tree.insert(TestElement(value))
        }
        #expect(tree.checkInvariants())
        #expect(tree.values == values.sorted())
        let fill = tree.shape().leafFill
        #expect(fill >= 0.75, "leaf fill \(fill)")
    }

    @Test(arguments: [4, 7, 32])
    func randomInsertsAndFinds(capacity: Int) {
        var rng = SplitMix64(seed: 42)
        let values = Array(0..<3000).map { $0 * 3 }.shuffled(using: &rng)
        let tree = BTree<TestElement>(nodeCapacity: capacity)
        for value in values { #expect(tree.insert(TestElement(value)) == nil) }
        #expect(tree.count == 3000)
        #expect(tree.checkInvariants())
        #expect(tree.values == values.sorted())
        for value in values {
            #expect(tree.find(testKey(value)).map { testValue($0.key) } == value)
            #expect(tree.find(testKey(value + 1)) == nil)
        }
        #expect(tree.first.map { testValue($0.key) } == 0)
        #expect(tree.last.map { testValue($0.key) } == 2999 * 3)
    }

    @Test func insertReplacesEqualKey() {
        let tree = BTree<TestElement>(nodeCapacity: 4)
        for value in 0..<50 { tree.insert(TestElement(value, tag: 1)) }
        for value in [0, 17, 49] {
            let old = tree.insert(TestElement(value, tag: 2))
            #expect(old?.tag == 1 && old.map { testValue($0.key) } == value)
            #expect(tree.find(testKey(value))?.tag == 2)
        }
        #expect(tree.count == 50)
        #expect(tree.checkInvariants())
    }

    @Test(arguments: [4, 5, 8])
    func removalsBorrowAndMerge(capacity: Int) {
        var rng = SplitMix64(seed: 7)
        let tree = BTree<TestElement>(nodeCapacity: capacity)
        var remaining = Set(0..<500)
        for value in Array(remaining).shuffled(using: &rng) { tree.insert(TestElement(value)) }
        let shapeBefore = tree.shape()
        #expect(shapeBefore.height >= 3)
        for value in Array(remaining).shuffled(using: &rng) {
            #expect(tree.remove(testKey(value)).map { testValue($0.key) } == value)
            #expect(tree.remove(testKey(value)) == nil)
            remaining.remove(value)
            #expect(tree.count == remaining.count)
            #expect(tree.checkInvariants(), "after removing \(value)")
            if remaining.count == 250 {
                #expect(tree.values == remaining.sorted())
                // Merges free nodes: half the elements must fit in fewer nodes than before.
                #expect(tree.shape().nodes < shapeBefore.nodes)
            }
        }
        #expect(tree.isEmpty)
        #expect(tree.shape().height == 1)
    }

    @Test func removingFromEitherEndAfterAppends() {
        let tree = BTree<TestElement>(nodeCapacity: 4)
        for value in 0..<300 { tree.insert(TestElement(value)) }
        for value in 0..<100 { #expect(tree.remove(testKey(value)) != nil) }
        for value in (200..<300).reversed() { #expect(tree.remove(testKey(value)) != nil) }
        #expect(tree.checkInvariants())
        #expect(tree.values == Array(100..<200))
    }

    // MARK: Visits

    /// Even keys 0, 2, ..., 98 in a tree with small nodes, so visits cross several levels.
    static func evenTree() -> BTree<TestElement> {
        let tree = BTree<TestElement>(nodeCapacity: 4)
        var rng = SplitMix64(seed: 3)
        for value in stride(from: 0, through: 98, by: 2).shuffled(using: &rng) { tree.insert(TestElement(value)) }
        return tree
    }

    @Test func forwardVisits() {
        let tree = Self.evenTree()
        let all = Array(stride(from: 0, through: 98, by: 2))
        #expect(tree.visitedValues(from: .unbounded, .forward) == all)
        #expect(tree.visitedValues(from: .inclusive(testKey(10)), .forward) == all.filter { $0 >= 10 })
        #expect(tree.visitedValues(from: .exclusive(testKey(10)), .forward) == all.filter { $0 > 10 })
        #expect(tree.visitedValues(from: .inclusive(testKey(11)), .forward) == all.filter { $0 >= 12 })
        #expect(tree.visitedValues(from: .exclusive(testKey(11)), .forward) == all.filter { $0 >= 12 })
        #expect(tree.visitedValues(from: .inclusive([]), .forward) == all)
        #expect(tree.visitedValues(from: .exclusive(testKey(98)), .forward) == [])
        #expect(tree.visitedValues(from: .inclusive(testKey(99)), .forward) == [])
        for start in 0...100 {
            #expect(tree.visitedValues(from: .inclusive(testKey(start)), .forward) == all.filter { $0 >= start })
            #expect(tree.visitedValues(from: .exclusive(testKey(start)), .forward) == all.filter { $0 > start })
        }
    }

    @Test func backwardVisits() {
        let tree = Self.evenTree()
        let all = Array(stride(from: 98, through: 0, by: -2))
        #expect(tree.visitedValues(from: .unbounded, .backward) == all)
        #expect(tree.visitedValues(from: .inclusive(testKey(10)), .backward) == [10, 8, 6, 4, 2, 0])
        #expect(tree.visitedValues(from: .exclusive(testKey(10)), .backward) == [8, 6, 4, 2, 0])
        #expect(tree.visitedValues(from: .inclusive(testKey(11)), .backward) == [10, 8, 6, 4, 2, 0])
        #expect(tree.visitedValues(from: .exclusive(testKey(0)), .backward) == [])
        #expect(tree.visitedValues(from: .inclusive([0xFF]), .backward) == all)
        for start in 0...100 {
            #expect(tree.visitedValues(from: .inclusive(testKey(start)), .backward) == all.filter { $0 <= start })
            #expect(tree.visitedValues(from: .exclusive(testKey(start)), .backward) == all.filter { $0 < start })
        }
    }

    @Test func visitsStopEarly() {
        let tree = Self.evenTree()
        #expect(tree.visitedValues(from: .unbounded, .forward, limit: 3) == [0, 2, 4])
        #expect(tree.visitedValues(from: .unbounded, .backward, limit: 3) == [98, 96, 94])
        #expect(tree.visitedValues(from: .inclusive(testKey(50)), .forward, limit: 2) == [50, 52])
        #expect(tree.visitedValues(from: .exclusive(testKey(50)), .backward, limit: 20).count == 20)
        #expect(tree.visitedValues(from: .exclusive(testKey(50)), .backward, limit: 1) == [48])
        var calls = 0
        tree.visit(from: .inclusive(testKey(20)), direction: .backward) { _ in
            calls += 1
            return false
        }
        #expect(calls == 1)
    }

    // MARK: Profiling counters

    @Test func countersCountNodesAndComparisons() {
        let capacity = 8
        let tree = BTree<TestElement>(nodeCapacity: capacity)
        var rng = SplitMix64(seed: 11)
        for value in Array(0..<1000).map({ $0 * 2 }).shuffled(using: &rng) { tree.insert(TestElement(value)) }
        let height = tree.shape().height
        // A missing key is searched for on every level. Per node a lookup compares at most: the prefix (1),
        // the summary of one group (1), 7 pairs of the group (3), and the one or two elements beside the
        // position (2): 7.
        var stats = BTreeCounters()
        let missing = testKey(501)
        #expect(missing.withUnsafeBytes { tree.find($0, stats: &stats) } == nil)
        #expect(stats.nodesVisited == height)
        #expect(stats.keyComparisons >= height && stats.keyComparisons <= height * 7)
    }

    /// The word-at-a-time prefix comparison (prefixes up to 8 bytes, keys of 8 or more) orders keys as
    /// `memcmp` does, for every prefix length either side of the word: keys equal to the prefix, differing in
    /// its last byte, past it (bytes after `length` must not count), and short keys (the `memcmp` fallback).
    @Test func prefixComparisonAgreesWithMemcmp() {
        var rng = SplitMix64(seed: 19)
        for length in 1...12 {
            // Two elements sharing exactly `length` bytes give the root leaf that prefix.
            let shared = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next() % 4 + 0x60) }
            let tree = BTree<TestElement>(nodeCapacity: 16)
            tree.insert(TestElement(shared + [0x10] + [UInt8](repeating: 1, count: 10)))
            tree.insert(TestElement(shared + [0x20] + [UInt8](repeating: 2, count: 10)))
            tree.root.refreshPrefix()  // inserts into a root leaf keep no prefix; a split's refresh sets it
            #expect(tree.root.prefixLength == length && tree.checkInvariants())
            for _ in 0..<400 {
                var key = shared + (0..<Int(rng.next() % 12)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                if rng.next() % 2 == 0, !key.isEmpty {
                    let i = Int(rng.next() % UInt64(min(length, key.count)))
                    key[i] = UInt8(truncatingIfNeeded: Int(key[i]) + (rng.next() % 2 == 0 ? 1 : -1))
                }
                let common = min(length, key.count)
                guard common > 0 else { continue }
                let expected = key.withUnsafeBytes { k in shared.withUnsafeBytes { memcmp(k.baseAddress!, $0.baseAddress!, common) } }
                let actual = key.withUnsafeBytes { tree.root.comparePrefix($0, length: common) }
                #expect(actual.signum() == expected.signum(), "length \(length), key \(key)")
                #expect(key.withUnsafeBytes { tree.root.sharesPrefix($0) } == (key.count >= length && expected == 0))
            }
        }
    }

    /// `withElement(forKey:)` reaches the element `find` returns (internal separators and leaves alike), and
    /// nothing for an absent key.
    @Test func withElementForKeyMatchesFind() {
        let tree = BTree<TestElement>(nodeCapacity: 8)
        for value in stride(from: 0, to: 2_000, by: 2) { tree.insert(TestElement(value, tag: value * 3)) }
        #expect(tree.shape().height >= 3)
        for value in 0..<2_001 {
            let tag = testKey(value).withUnsafeBytes { tree.withElement(forKey: $0) { $0.tag } }
            #expect(tag == tree.find(testKey(value))?.tag)
            #expect(tag == (value % 2 == 0 && value < 2_000 ? value * 3 : nil))
        }
    }
}

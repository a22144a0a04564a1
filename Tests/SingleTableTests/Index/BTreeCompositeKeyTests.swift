import Randomness
import Testing

@testable import SingleTable

/// Keys shaped like the message index's (`MSG#<id>|<timestamp>`): few partitions, many keys each, so a
/// node's keys share long prefixes and its chunks tie across whole partitions (the tie chunks' case).
@Suite struct BTreeCompositeKeyTests {
    static let partitions = ["MSG#0a1b2c3d-0000-4000-8000-00000000000a", "MSG#0a1b2c3d-0000-4000-8000-00000000000b",
                             "MSG#7f000000-1111-4111-8111-111111111111"]

    /// Partition `p`'s key at `second`: "…|2026-11-21T00:MM:SS" (fixed width, so byte order is time order).
    static func key(_ p: Int, _ second: Int) -> [UInt8] {
        let two = { (v: Int) in [UInt8(ascii: "0") + UInt8(v / 10), UInt8(ascii: "0") + UInt8(v % 10)] }
        return Array(partitions[p].utf8) + Array("|2026-11-21T00:".utf8) + two(second / 60) + [UInt8(ascii: ":")] + two(second % 60)
    }

    /// Messages in time order, each in a pseudo-random partition; even seconds only, so odd ones are absent keys.
    static func build(capacity: Int) -> (BTree<TestElement>, [[UInt8]]) {
        let tree = BTree<TestElement>(nodeCapacity: capacity)
        var rng = SplitMix64(seed: 7)
        var keys: [[UInt8]] = []
        for second in stride(from: 0, to: 3600, by: 2) {
            let key = key(Int(rng.next() % 3), second)
            keys.append(key)
            tree.insert(TestElement(key, tag: second))
        }
        return (tree, keys)
    }

    @Test(arguments: [4, 8, 16, 128])
    func findsEveryKeyAndNoAbsentOne(capacity: Int) {
        let (tree, keys) = Self.build(capacity: capacity)
        #expect(tree.count == keys.count)
        #expect(tree.invariantViolations() == [])
        #expect(keys.allSatisfy { tree.find($0)?.key == $0 })
        for p in 0..<3 {
            #expect(tree.find(Self.key(p, 1)) == nil && tree.find(Self.key(p, 3599)) == nil)
            #expect(tree.find(Array(Self.partitions[p].utf8)) == nil)
        }
        // A partition that differs from the first two only in its last id byte: its keys tie with theirs on
        // chunks and, at the same second, on tie chunks, so only the whole-key comparison tells them apart.
        let twin = Array("MSG#0a1b2c3d-0000-4000-8000-00000000000c".utf8)
        let twinKeys = keys.map { twin + $0.dropFirst(twin.count) }
        #expect(twinKeys.allSatisfy { tree.find($0) == nil })
    }

    /// Lookups through internal nodes take the position their tie chunks give and check it against the run's
    /// elements beside it (`_Node.search`). Keys of a partition's own time range share the run's bytes; keys of
    /// another day or hour do not and lie below or above every run of their partition, so the check must send
    /// them past the run. Each lookup must agree with a sorted model: found exactly when the key is present.
    @Test(arguments: [4, 5, 8, 16, 128])
    func lookupsOutsideARunsSharedBytesAgreeWithTheModel(capacity: Int) {
        let (tree, keys) = Self.build(capacity: capacity)
        let present = Set(keys)
        let probes = Self.probesInAndAroundEachPartition()
        var found = 0
        for probe in probes {
            let element = tree.find(probe)
            #expect((element?.key == probe) == present.contains(probe), "\(String(decoding: probe, as: UTF8.self))")
            #expect(element == nil || element?.key == probe)
            if element != nil { found += 1 }
        }
        #expect(found == probes.filter { present.contains($0) }.count && found > 0)
    }

    /// Keys of each partition's time range (every 7th second, half of them present) and keys of other days,
    /// hours and shapes that lie outside its runs' shared bytes.
    static func probesInAndAroundEachPartition() -> [[UInt8]] {
        var probes: [[UInt8]] = []
        for p in 0..<3 {
            let partition = Array(partitions[p].utf8)
            for second in stride(from: 0, to: 3600, by: 7) { probes.append(key(p, second)) }
            for stamp in ["|2026-11-20T23:59:59", "|2026-11-21T01:00:00", "|2026-11-21T00", "|2026-11-21T00:30",
                          "|2026-11-21T00:30:00.5", "|", "|~", "}"] {
                probes.append(partition + Array(stamp.utf8))
            }
        }
        return probes
    }

    /// Inserts and removals place keys with the same summary search as lookups (`_Node.search`), so keys
    /// outside a run's shared bytes must land below or above the whole run there too: inserting every absent
    /// probe, then removing them all again, must keep the invariants (order, chunks, ties, summary) and agree
    /// with a set model at each stage.
    @Test(arguments: [4, 5, 8, 16, 128])
    func insertsAndRemovalsOutsideARunsSharedBytesAgreeWithTheModel(capacity: Int) {
        let (tree, keys) = Self.build(capacity: capacity)
        var model = Set(keys)
        var rng = SplitMix64(seed: 5)
        let added = Self.probesInAndAroundEachPartition().filter { !model.contains($0) }.shuffled(using: &rng)
        for key in added {
            #expect(tree.insert(TestElement(key)) == nil)
            model.insert(key)
        }
        #expect(tree.invariantViolations() == [] && tree.count == model.count)
        #expect(model.allSatisfy { tree.find($0)?.key == $0 })
        var sorted: [[UInt8]] = []
        tree.visit { element in
            sorted.append(element.key)
            return true
        }
        #expect(sorted == model.sorted { $0.lexicographicallyPrecedes($1) })
        for key in added.shuffled(using: &rng) { #expect(tree.remove(key)?.key == key) }
        #expect(tree.invariantViolations() == [] && tree.count == keys.count)
        #expect(added.allSatisfy { tree.find($0) == nil } && keys.allSatisfy { tree.find($0)?.key == $0 })
    }

    @Test(arguments: [4, 8, 16, 128])
    func newestOfAPartitionStopAtItsPrefix(capacity: Int) {
        let (tree, keys) = Self.build(capacity: capacity)
        for p in 0..<3 {
            let prefix = Array(Self.partitions[p].utf8) + [UInt8(ascii: "|")]
            let above = Array(Self.partitions[p].utf8) + [UInt8(ascii: "}")]
            let own = keys.filter { $0.starts(with: prefix) }  // time order is key order within a partition
            for limit in [1, 20, 10_000] {
                var newest: [[UInt8]] = []
                tree.visit(from: .exclusive(above), to: .inclusive(prefix), direction: .backward) { element in
                    newest.append(element.key)
                    return newest.count < limit
                }
                #expect(newest == Array(own.reversed().prefix(limit)))
                var oldest: [[UInt8]] = []
                tree.visit(from: .inclusive(prefix), to: .exclusive(above), direction: .forward) { element in
                    oldest.append(element.key)
                    return oldest.count < limit
                }
                #expect(oldest == Array(own.prefix(limit)))
            }
        }
    }

    @Test(arguments: [4, 8, 128])
    func removalsKeepTheCachedChunksValid(capacity: Int) {
        let (tree, keys) = Self.build(capacity: capacity)
        var rng = SplitMix64(seed: 11)
        let shuffled = keys.shuffled(using: &rng)
        let removed = shuffled.prefix(keys.count / 2)
        for key in removed { #expect(tree.remove(key)?.key == key) }
        #expect(tree.invariantViolations() == [])
        #expect(removed.allSatisfy { tree.find($0) == nil })
        #expect(shuffled.dropFirst(keys.count / 2).allSatisfy { tree.find($0)?.key == $0 })
        // Reinserting shrinks runs' shared prefixes again (joins across minutes).
        for key in removed.reversed() { tree.insert(TestElement(key)) }
        #expect(tree.invariantViolations() == [] && tree.count == keys.count)
        #expect(keys.allSatisfy { tree.find($0)?.key == $0 })
    }
}

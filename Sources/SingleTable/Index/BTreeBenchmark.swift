/// Release-mode measurements of `BTree`, printed by the gated test `BTreeBenchmarks` (`STBENCH_BENCH=1 swift
/// test -c release --filter BTreeBenchmarks`).
///
/// Why it lives in the module: generic code called from another module runs unspecialised; here the tree is
/// specialised on a concrete element exactly as the table's own item class will be, so the figures hold for
/// the engine. Not used by the engine itself.
enum BTreeBenchmark {
    /// An element like the table's items: a class holding its encoded key.
    final class Element: BTreeElement {
        let key: [UInt8]
        let id: Int
        init(key: [UInt8], id: Int) {
            self.key = key
            self.id = id
        }
        @inline(__always)
        func withKeyBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R { try key.withUnsafeBytes(body) }
    }

    /// The chat workload's keys: `groups` conversations ("MSG#<uuid>") and `total` messages with increasing
    /// ISO-8601 timestamps, each in a random conversation (so appends interleave across conversations).
    struct Workload {
        var groupKeys: [[UInt8]] = []
        /// Per message: its conversation and its timestamp bytes, in arrival (time) order.
        var messages: [(group: Int, timestamp: [UInt8])] = []

        init(groups: Int, total: Int, seed: UInt64) {
            var rng = Xorshift(seed: seed)
            groupKeys = (0..<groups).map { _ in Array("MSG#".utf8) + Self.uuidBytes(&rng) }
            messages.reserveCapacity(total)
            for i in 0..<total {
                messages.append((Int(rng.next() % UInt64(groups)), Self.timestamp(microseconds: 1_763_000_000_000_000 + i * 1_000)))
            }
        }

        /// The composite GSI-style key: group component, then timestamp component.
        func compositeKey(_ message: Int) -> [UInt8] {
            var key: [UInt8] = []
            key.reserveCapacity(72)
            KeyEncoding.appendEscaped(groupKeys[messages[message].group], to: &key)
            KeyEncoding.appendEscaped(messages[message].timestamp, to: &key)
            return key
        }

        static func uuidBytes(_ rng: inout Xorshift) -> [UInt8] {
            let hex = Array("0123456789abcdef".utf8)
            var out: [UInt8] = []
            for i in 0..<32 {
                if i == 8 || i == 12 || i == 16 || i == 20 { out.append(UInt8(ascii: "-")) }
                out.append(hex[Int(rng.next() & 15)])
            }
            return out
        }

        /// "YYYY-MM-DDTHH:MM:SS.ffffffZ"-shaped, increasing with `microseconds` (calendar details don't matter
        /// for ordering; fixed width does).
        static func timestamp(microseconds: Int) -> [UInt8] {
            var digits: [UInt8] = []
            var v = microseconds
            for _ in 0..<20 { digits.append(UInt8(ascii: "0") + UInt8(v % 10)); v /= 10 }
            digits.reverse()
            var out: [UInt8] = []
            let template = Array("2025-11-22T00:00:00.000000Z".utf8)
            var d = 0
            for byte in template {
                if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                    out.append(digits[d])
                    d += 1
                } else {
                    out.append(byte)
                }
            }
            return out
        }
    }

    struct Xorshift: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed | 1 }
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
    }

    /// Nanoseconds per operation for `operations` runs of `body`.
    static func nanosPerOp(_ operations: Int, _ body: () -> Void) -> Double {
        let elapsed = ContinuousClock().measure(body)
        let nanos = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        return nanos / Double(operations)
    }

    static func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// The newest 20 messages of a conversation in a tree over composite keys, as the engine would find them:
    /// build the conversation's key prefix, visit backward from just above it, stop when leaving it.
    static func newest20(_ tree: BTree<Element>, group: [UInt8], checksum: inout Int) {
        var bound: [UInt8] = []
        KeyEncoding.appendEscaped(group, to: &bound)
        let prefixLength = bound.count
        bound.append(0xFF)
        var taken = 0
        bound.withUnsafeBytes { b in
            let prefix = UnsafeRawBufferPointer(rebasing: b[..<prefixLength])
            tree.visit(from: .exclusive(bound), direction: .backward) { e in
                let inGroup = e.key.withUnsafeBytes { key in
                    key.count >= prefixLength
                        && compareKeyBytes(UnsafeRawBufferPointer(rebasing: key[..<prefixLength]), prefix) == 0
                }
                guard inGroup else { return false }
                checksum &+= e.id
                taken += 1
                return taken < 20
            }
        }
    }

    /// One big tree over composite keys, per node capacity: build cost (interleaved appends, random order),
    /// point find, newest-20 backward visit, random removal, leaf fill.
    static func nodeCapacitySweep(capacities: [Int], workload: Workload, queries: Int) -> [String] {
        var lines = [
            "capacity | append-build ns | random-build ns | find ns | newest20 ns | find hot ns | newest20 hot ns | "
                + "remove ns | height | leaf fill"
        ]
        let n = workload.messages.count
        let elements = (0..<n).map { Element(key: workload.compositeKey($0), id: $0) }
        var rng = Xorshift(seed: 99)
        let shuffled = elements.shuffled(using: &rng)
        let probes = (0..<queries).map { _ in elements[Int(rng.next() % UInt64(n))] }
        let probeGroups = (0..<queries).map { _ in workload.groupKeys[Int(rng.next() % UInt64(workload.groupKeys.count))] }
        // Hot: 50 conversations, small enough to stay in cache.
        let hotElements = elements.filter { workload.messages[$0.id].group < 50 }
        let hotProbes = (0..<queries).map { _ in hotElements[Int(rng.next() % UInt64(hotElements.count))] }
        let hotGroups = (0..<queries).map { _ in workload.groupKeys[Int(rng.next() % 50)] }
        var checksum = 0
        for capacity in capacities {
            let tree = BTree<Element>(nodeCapacity: capacity)
            let appendBuild = nanosPerOp(n) { for e in elements { tree.insert(e) } }
            let shape = tree.shape()
            let find = nanosPerOp(queries) {
                for p in probes { checksum &+= p.key.withUnsafeBytes { tree.find($0)?.id ?? 0 } }
            }
            let newest = nanosPerOp(queries) {
                for group in probeGroups { newest20(tree, group: group, checksum: &checksum) }
            }
            let findHot = nanosPerOp(queries) {
                for p in hotProbes { checksum &+= p.key.withUnsafeBytes { tree.find($0)?.id ?? 0 } }
            }
            let newestHot = nanosPerOp(queries) {
                for group in hotGroups { newest20(tree, group: group, checksum: &checksum) }
            }
            let removeCount = n / 10
            let remove = nanosPerOp(removeCount) {
                for e in shuffled[0..<removeCount] { checksum &+= e.key.withUnsafeBytes { tree.remove($0)?.id ?? 0 } }
            }
            let randomTree = BTree<Element>(nodeCapacity: capacity)
            let randomBuild = nanosPerOp(n) { for e in shuffled { randomTree.insert(e) } }
            lines.append(
                "\(capacity) | \(format(appendBuild)) | \(format(randomBuild)) | \(format(find)) | \(format(newest)) | "
                    + "\(format(findHot)) | \(format(newestHot)) | \(format(remove)) | \(shape.height) | \(format(shape.leafFill * 100))%")
        }
        lines.append("(checksum \(checksum))")
        return lines
    }

    /// The two layouts the table could use for the base table's messages: one tree over composite
    /// (partition, sort) keys, or a hash map from partition key to a per-partition tree over sort keys.
    static func layoutComparison(workload: Workload, queries: Int, capacity: Int, hotGroups: Int = 50) -> [String] {
        let n = workload.messages.count
        var rng = Xorshift(seed: 7)
        var checksum = 0

        let big = BTree<Element>(nodeCapacity: capacity)
        let bigBuild = nanosPerOp(n) { for i in 0..<n { big.insert(Element(key: workload.compositeKey(i), id: i)) } }

        var partitions: [[UInt8]: BTree<Element>] = [:]
        let hashBuild = nanosPerOp(n) {
            for i in 0..<n {
                let message = workload.messages[i]
                let groupKey = workload.groupKeys[message.group]
                let tree: BTree<Element>
                if let existing = partitions[groupKey] {
                    tree = existing
                } else {
                    tree = BTree<Element>(nodeCapacity: capacity)
                    partitions[groupKey] = tree
                }
                tree.insert(Element(key: message.timestamp, id: i))
            }
        }

        // Cold: probes spread over all conversations, so nearly every node and item is a cache miss.
        // Hot: probes confined to `hotGroups` conversations, whose nodes and items stay in cache.
        var lines = ["layout | build ns/insert | get ns (cold) | newest-20 ns (cold) | get ns (hot) | newest-20 ns (hot)"]
        var figures: [(find: Double, newest: Double, hashFind: Double, hashNewest: Double)] = []
        for groupLimit in [workload.groupKeys.count, hotGroups] {
            // Hot probes cycle through a few thousand requests so the request keys themselves stay cached, as a
            // freshly parsed request's key would be.
            let distinct = groupLimit == hotGroups ? 4096 : queries
            let rounds = queries / distinct
            let operations = rounds * distinct
            let candidates = (0..<n).filter { workload.messages[$0].group < groupLimit }
            let probeMessages = (0..<distinct).map { _ in candidates[Int(rng.next() % UInt64(candidates.count))] }
            let probeComposite = probeMessages.map { workload.compositeKey($0) }
            let bigFind = nanosPerOp(operations) {
                for _ in 0..<rounds {
                    for key in probeComposite { checksum &+= big.find(key)?.id ?? 0 }
                }
            }
            let hashFind = nanosPerOp(operations) {
                for _ in 0..<rounds {
                    for m in probeMessages {
                        let message = workload.messages[m]
                        checksum &+= partitions[workload.groupKeys[message.group]]?.find(message.timestamp)?.id ?? 0
                    }
                }
            }
            let probeGroups = (0..<distinct).map { _ in Int(rng.next() % UInt64(groupLimit)) }
            let bigNewest = nanosPerOp(operations) {
                for _ in 0..<rounds {
                    for g in probeGroups { newest20(big, group: workload.groupKeys[g], checksum: &checksum) }
                }
            }
            let hashNewest = nanosPerOp(operations) {
                for _ in 0..<rounds {
                    for g in probeGroups {
                        var taken = 0
                        partitions[workload.groupKeys[g]]?.visit(from: .unbounded, direction: .backward) { e in
                            checksum &+= e.id
                            taken += 1
                            return taken < 20
                        }
                    }
                }
            }
            figures.append((bigFind, bigNewest, hashFind, hashNewest))
        }
        lines.append(
            "one tree, composite keys | \(format(bigBuild)) | \(format(figures[0].find)) | \(format(figures[0].newest)) | "
                + "\(format(figures[1].find)) | \(format(figures[1].newest))")
        lines.append(
            "hash of \(partitions.count) trees | \(format(hashBuild)) | \(format(figures[0].hashFind)) | "
                + "\(format(figures[0].hashNewest)) | \(format(figures[1].hashFind)) | \(format(figures[1].hashNewest))")
        lines.append("(capacity \(capacity), \(n) messages, hot set \(hotGroups) conversations, checksum \(checksum))")
        return lines
    }
}

import PropertyBased
import Testing

@testable import SingleTable

/// Random operation sequences run against the tree and against a sorted array; every result must agree and
/// the tree's invariants must hold after every step.
@Suite struct BTreePropertyTests {
    enum Operation: CustomStringConvertible {
        case insert(Int, tag: Int)
        case remove(Int)
        case find(Int)
        /// A visit from the first bound to the second (`to:`), stopping after `limit` elements.
        case visit(BTreeBound, BTreeBound, BTreeDirection, limit: Int)

        var description: String {
            switch self {
            case .insert(let key, let tag): "insert \(key)#\(tag)"
            case .remove(let key): "remove \(key)"
            case .find(let key): "find \(key)"
            case .visit(let bound, let end, let direction, let limit): "visit \(bound) to \(end) \(direction) limit \(limit)"
            }
        }
    }

    /// Keys from a small domain so inserts often replace and removes often hit. Inserts dominate so trees
    /// grow several levels deep with small nodes.
    static let operation = zip(Gen.int(in: 0...19), Gen.int(in: 0...299), Gen.int(in: 0...999), Gen.int(in: 1...30))
        .map { kind, key, tag, limit -> Operation in
            switch kind {
            case 0...8: .insert(key, tag: tag)
            case 9...12: .remove(key)
            case 13...14: .find(key)
            case 15: .visit(.unbounded, end(tag), tag % 2 == 0 ? .forward : .backward, limit: limit)
            case 16, 17: .visit(.inclusive(testKey(key)), end(tag), tag % 2 == 0 ? .forward : .backward, limit: limit)
            default: .visit(.exclusive(testKey(key)), end(tag), tag % 2 == 0 ? .forward : .backward, limit: limit)
            }
        }

    /// The far bound of a visit: unbounded half the time, else an inclusive or exclusive key of the domain.
    static func end(_ tag: Int) -> BTreeBound {
        switch tag / 2 % 4 {
        case 0: .inclusive(testKey(tag / 8 % 300))
        case 1: .exclusive(testKey(tag / 8 % 300))
        default: .unbounded
        }
        }

    @Test func matchesSortedArrayModel() async {
        await propertyCheck(count: 150, input: Gen.element(of: [4, 5, 6, 8, 32]).compactMap { $0 },
                            Self.operation.array(of: 1...400)) { capacity, operations in
            Self.run(operations, capacity: capacity, keyBytes: testKey)
        }
    }

    /// Keys that share long prefixes (none, 7 bytes, 70 bytes: beyond the nodes' 64-byte prefix cache), are
    /// prefixes of each other and contain 0x00 and 0xFF, so chunk ties and prefix refreshes happen often.
    static func awkwardKey(_ value: Int) -> [UInt8] {
        var key = [UInt8](repeating: 0x41, count: [0, 7, 70][value % 3])
        var rest = value / 3
        while rest > 0 {
            key.append([0x00, 0x01, 0xFF][rest % 3])
            rest /= 3
        }
        if value % 2 == 0 { key.append(contentsOf: [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]) }
        return key
    }

    @Test func matchesSortedArrayModelWithAwkwardKeys() async {
        await propertyCheck(count: 100, input: Gen.element(of: [4, 5, 8, 16]).compactMap { $0 },
                            Self.operation.array(of: 1...400)) { capacity, operations in
            Self.run(operations, capacity: capacity, keyBytes: Self.awkwardKey)
        }
    }

    static func run(_ operations: [Operation], capacity: Int, keyBytes: (Int) -> [UInt8]) {
        let tree = BTree<TestElement>(nodeCapacity: capacity)
        var model: [(key: [UInt8], tag: Int)] = []  // sorted by key bytes
        func position(_ key: [UInt8]) -> (index: Int, found: Bool) {
            let index = model.firstIndex { compare($0.key, key) >= 0 } ?? model.count
            return (index, index < model.count && model[index].key == key)
        }
        for (step, operation) in operations.enumerated() {
            let context = Comment(rawValue: "step \(step): \(operation), capacity \(capacity)")
            switch operation {
            case .insert(let value, let tag):
                let key = keyBytes(value)
                let old = tree.insert(TestElement(key, tag: tag))
                let (index, found) = position(key)
                if found {
                    #expect(old?.tag == model[index].tag && old?.key == key, context)
                    model[index].tag = tag
                } else {
                    #expect(old == nil, context)
                    model.insert((key, tag), at: index)
                }
            case .remove(let value):
                let key = keyBytes(value)
                let removed = tree.remove(key)
                let (index, found) = position(key)
                if found {
                    #expect(removed?.tag == model[index].tag && removed?.key == key, context)
                    model.remove(at: index)
                } else {
                    #expect(removed == nil, context)
                }
            case .find(let value):
                let key = keyBytes(value)
                let (index, found) = position(key)
                #expect(tree.find(key)?.tag == (found ? model[index].tag : nil), context)
            case .visit(let bound, let end, let direction, let limit):
                // Bounds carry testKey bytes; translate them into this run's key space.
                func mapped(_ bound: BTreeBound) -> BTreeBound {
                    switch bound {
                    case .unbounded: .unbounded
                    case .inclusive(let k): .inclusive(keyBytes(testValue(k)))
                    case .exclusive(let k): .exclusive(keyBytes(testValue(k)))
                    }
                }
                var visited: [(key: [UInt8], tag: Int)] = []
                tree.visit(from: mapped(bound), to: mapped(end), direction: direction) { element in
                    visited.append((element.key, element.tag))
                    return visited.count < limit
                }
                let expected = Self.modelVisit(model, mapped(bound), mapped(end), direction, limit)
                #expect(visited.map(\.key) == expected.map(\.key) && visited.map(\.tag) == expected.map(\.tag), context)
            }
            #expect(tree.count == model.count, context)
            let violations = tree.invariantViolations()
            #expect(violations.isEmpty, "\(context): \(violations)")
            if !violations.isEmpty { return }
        }
        #expect(tree.map(\.key) == model.map(\.key))
        #expect(tree.first?.key == model.first?.key)
        #expect(tree.last?.key == model.last?.key)
    }

    /// The visit's meaning stated on the sorted model: filter by the bound (a lower bound forward, an upper
    /// bound backward) and by the end (the other side), order by direction, take `limit`.
    static func modelVisit(
        _ model: [(key: [UInt8], tag: Int)], _ bound: BTreeBound, _ end: BTreeBound, _ direction: BTreeDirection,
        _ limit: Int
    ) -> [(key: [UInt8], tag: Int)] {
        let forward = direction == .forward
        let selected = model.filter { entry in
            let afterBound = switch bound {
            case .unbounded: true
            case .inclusive(let key): forward ? compare(entry.key, key) >= 0 : compare(entry.key, key) <= 0
            case .exclusive(let key): forward ? compare(entry.key, key) > 0 : compare(entry.key, key) < 0
            }
            let beforeEnd = switch end {
            case .unbounded: true
            case .inclusive(let key): forward ? compare(entry.key, key) <= 0 : compare(entry.key, key) >= 0
            case .exclusive(let key): forward ? compare(entry.key, key) < 0 : compare(entry.key, key) > 0
            }
            return afterBound && beforeEnd
        }
        return Array((forward ? selected : selected.reversed()).prefix(limit))
    }
}

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
        case visit(BTreeBound, BTreeDirection, limit: Int)

        var description: String {
            switch self {
            case .insert(let key, let tag): "insert \(key)#\(tag)"
            case .remove(let key): "remove \(key)"
            case .find(let key): "find \(key)"
            case .visit(let bound, let direction, let limit): "visit \(bound) \(direction) limit \(limit)"
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
            case 15: .visit(.unbounded, tag % 2 == 0 ? .forward : .backward, limit: limit)
            case 16, 17: .visit(.inclusive(testKey(key)), tag % 2 == 0 ? .forward : .backward, limit: limit)
            default: .visit(.exclusive(testKey(key)), tag % 2 == 0 ? .forward : .backward, limit: limit)
            }
        }

    @Test func matchesSortedArrayModel() async {
        await propertyCheck(count: 150, input: Gen.element(of: [4, 5, 6, 8, 32]).compactMap { $0 },
                            Self.operation.array(of: 1...400)) { capacity, operations in
            let tree = BTree<TestElement>(nodeCapacity: capacity)
            var model: [(key: Int, tag: Int)] = []  // sorted by key
            for (step, operation) in operations.enumerated() {
                let context = Comment(rawValue: "step \(step): \(operation), capacity \(capacity)")
                switch operation {
                case .insert(let key, let tag):
                    let old = tree.insert(TestElement(key, tag: tag))
                    let position = model.firstIndex { $0.key >= key } ?? model.count
                    if position < model.count && model[position].key == key {
                        #expect(old?.tag == model[position].tag, context)
                        model[position].tag = tag
                    } else {
                        #expect(old == nil, context)
                        model.insert((key, tag), at: position)
                    }
                case .remove(let key):
                    let removed = tree.remove(testKey(key))
                    if let position = model.firstIndex(where: { $0.key == key }) {
                        #expect(removed?.tag == model[position].tag && removed.map { testValue($0.key) } == key, context)
                        model.remove(at: position)
                    } else {
                        #expect(removed == nil, context)
                    }
                case .find(let key):
                    #expect(tree.find(testKey(key))?.tag == model.first { $0.key == key }?.tag, context)
                case .visit(let bound, let direction, let limit):
                    var visited: [(Int, Int)] = []
                    tree.visit(from: bound, direction: direction) { element in
                        visited.append((testValue(element.key), element.tag))
                        return visited.count < limit
                    }
                    let expected = Self.modelVisit(model, bound, direction, limit)
                    #expect(visited.map(\.0) == expected.map(\.key) && visited.map(\.1) == expected.map(\.tag), context)
                }
                #expect(tree.count == model.count, context)
                let violations = tree.invariantViolations()
                #expect(violations.isEmpty, "\(context): \(violations)")
                if !violations.isEmpty { return }
            }
            #expect(tree.map { testValue($0.key) } == model.map(\.key))
            #expect(tree.first.map { testValue($0.key) } == model.first?.key)
            #expect(tree.last.map { testValue($0.key) } == model.last?.key)
        }
    }

    /// The visit's meaning stated on the sorted model: filter by the bound, order by direction, take `limit`.
    static func modelVisit(
        _ model: [(key: Int, tag: Int)], _ bound: BTreeBound, _ direction: BTreeDirection, _ limit: Int
    ) -> [(key: Int, tag: Int)] {
        let forward = direction == .forward
        let selected = model.filter { entry in
            switch bound {
            case .unbounded: true
            case .inclusive(let key): forward ? entry.key >= testValue(key) : entry.key <= testValue(key)
            case .exclusive(let key): forward ? entry.key > testValue(key) : entry.key < testValue(key)
            }
        }
        return Array((forward ? selected : selected.reversed()).prefix(limit))
    }
}

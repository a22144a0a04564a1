import PropertyBased
import Testing

@testable import SingleTable

/// Random insert/remove/lookup sequences against a Dictionary model. A 60-key domain in a map that starts
/// with 16 slots makes home-slot collisions, wrapped probe runs and backward-shift deletions common.
@Suite struct PartitionMapTests {
    enum Operation: CustomStringConvertible {
        case insert(Int)
        case remove(Int)
        case find(Int)

        var description: String {
            switch self {
            case .insert(let k): "insert \(k)"
            case .remove(let k): "remove \(k)"
            case .find(let k): "find \(k)"
            }
        }
    }

    static let operation = zip(Gen.int(in: 0...9), Gen.int(in: 0...59)).map { kind, key -> Operation in
        switch kind {
        case 0...4: .insert(key)
        case 5...7: .remove(key)
        default: .find(key)
        }
    }

    static let keys = KeyAttributes(partitionKey: "pk", partitionKeyType: .s, sortKey: nil, sortKeyType: nil)

    static func partitionKey(_ k: Int) -> PartitionKey { PartitionKey(.s("GRP#user-\(k)")) }

    @Test func matchesDictionaryModel() async {
        await propertyCheck(count: 200, input: Self.operation.array(of: 1...300)) { operations in
            var map = PartitionMap()
            var model: [Int: Table.Partition] = [:]
            for (step, operation) in operations.enumerated() {
                let context = Comment(rawValue: "step \(step): \(operation)")
                switch operation {
                case .insert(let k):
                    let partition = Table.Partition(context: PartitionContext(key: Self.partitionKey(k), keys: Self.keys), localIndexCount: 0)
                    map[Self.partitionKey(k)] = partition
                    model[k] = partition
                case .remove(let k):
                    map[Self.partitionKey(k)] = nil
                    model[k] = nil
                case .find(let k):
                    #expect(map[Self.partitionKey(k)] === model[k], context)
                }
                #expect(map.count == model.count, context)
            }
            // Every key, present or not, after the whole sequence (a broken shift loses keys further on).
            for k in 0..<60 { #expect(map[Self.partitionKey(k)] === model[k], "key \(k) at the end") }
            #expect(Set(map.values.map(ObjectIdentifier.init)) == Set(model.values.map(ObjectIdentifier.init)))
        }
    }

    @Test func growsPastManyPartitions() {
        var map = PartitionMap()
        for k in 0..<5000 {
            map[Self.partitionKey(k)] = Table.Partition(context: PartitionContext(key: Self.partitionKey(k), keys: Self.keys), localIndexCount: 0)
        }
        for k in stride(from: 0, to: 5000, by: 2) { map[Self.partitionKey(k)] = nil }
        #expect(map.count == 2500)
        for k in 0..<5000 {
            #expect((map[Self.partitionKey(k)] != nil) == (k % 2 == 1), "key \(k)")
            if let found = map[Self.partitionKey(k)] { #expect(found.key == Self.partitionKey(k)) }
        }
    }
}

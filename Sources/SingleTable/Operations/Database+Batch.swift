/// BatchWriteItem and BatchGetItem: many independent single-item operations in one call.
extension Database {
    static let maximumBatchWrite = 25
    static let maximumBatchGet = 100
    static let maximumBatchGetResponseBytes = 16 * 1024 * 1024

    @discardableResult
    public func batchWriteItem(_ input: BatchWriteItemInput) throws(DynamoDBError) -> BatchWriteItemOutput {
        let total = input.requestItems.values.reduce(0) { $0 + $1.count }
        guard (1...Database.maximumBatchWrite).contains(total), input.requestItems.values.allSatisfy({ !$0.isEmpty }) else {
            throw .validation("1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]")
        }
        // Validate everything before writing anything, as DynamoDB rejects the whole call on a bad request.
        var prepared: [(Table, [WriteIntent])] = []
        for (tableName, requests) in input.requestItems.sorted(by: { $0.key < $1.key }) {
            let table = try requireTable(tableName)
            var intents: [WriteIntent] = []
            intents.reserveCapacity(requests.count)
            for request in requests {
                let intent: WriteIntent
                switch request {
                case .put(let item):
                    // A batch put has no expressions: validate and encode the item, nothing else to prepare.
                    let prepared = try table.prepareItem(item)
                    intent = WriteIntent(partition: prepared.partition, sortKey: prepared.sortKey, key: Item(),
                                         action: .put(prepared.record), condition: nil, returnOldOnConditionFailure: false)
                case .delete(let key): intent = try table.prepareDelete(DeleteItemInput(tableName: tableName, key: key))
                }
                // At most 25 keys: comparing with the earlier ones (partition hashes first) is cheaper than a
                // hashed set (5.8% of a dataset load's instructions, callgrind).
                let duplicate = intents.contains {
                    $0.partition.hash == intent.partition.hash && $0.sortKey == intent.sortKey && $0.partition == intent.partition
                }
                guard !duplicate else {
                    throw .validation("Provided list of item keys contains duplicates")
                }
                intents.append(intent)
            }
            prepared.append((table, intents))
        }
        var capacities: [ConsumedCapacity] = []
        for (table, intents) in prepared {
            let tally = table.performBatch(intents)
            if let rendered = tally.render(tableName: table.name, mode: input.returnConsumedCapacity) { capacities.append(rendered) }
        }
        return BatchWriteItemOutput(unprocessedItems: [:], consumedCapacity: input.returnConsumedCapacity == .none ? nil : capacities)
    }

    public func batchGetItem(_ input: BatchGetItemInput) throws(DynamoDBError) -> BatchGetItemOutput {
        let total = input.requestItems.values.reduce(0) { $0 + $1.keys.count }
        guard total <= Database.maximumBatchGet else {
            throw .validation("Too many items requested for the BatchGetItem call")
        }
        guard total >= 1, input.requestItems.values.allSatisfy({ !$0.keys.isEmpty }) else {
            throw .validation("1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 100, Member must have length greater than or equal to 1]")
        }
        var plans: [(Table, KeysAndAttributes, [(PartitionKey, [UInt8])], ProjectionExpression?)] = []
        for (tableName, request) in input.requestItems.sorted(by: { $0.key < $1.key }) {
            let table = try requireTable(tableName)
            var keys: [(PartitionKey, [UInt8])] = []
            var seen = Set<KeyIdentity>()
            for key in request.keys {
                let validated = try table.validateKey(key)
                guard seen.insert(KeyIdentity(validated.partition, validated.sortKey)).inserted else {
                    throw .validation("Provided list of item keys contains duplicates")
                }
                keys.append(validated)
            }
            var expressions = try Table.RequestExpressions(names: request.expressionAttributeNames, values: nil)
            let projection = try expressions.projection(request.projectionExpression)
            try expressions.finish()
            plans.append((table, request, keys, projection))
        }
        var responses: [String: [Item]] = [:]
        var unprocessed: [String: KeysAndAttributes] = [:]
        var capacities: [ConsumedCapacity] = []
        var responseBytes = 0
        for (table, request, keys, projection) in plans {
            var items: [Item] = []
            var tally = CapacityTally(isWrite: false)
            for (i, (partition, sortKey)) in keys.enumerated() {
                if responseBytes >= Database.maximumBatchGetResponseBytes {
                    var rest = request
                    rest.keys = Array(request.keys[i...])
                    unprocessed[table.name] = rest
                    break
                }
                let stored = table.lookup(partition, sortKey)
                tally.read += CapacityMath.readUnits(stored?.size ?? 0, consistent: request.consistentRead)
                if let stored {
                    responseBytes += stored.size
                    items.append(projection?.project(stored) ?? stored.item)
                }
            }
            responses[table.name] = items
            if let rendered = tally.render(tableName: table.name, mode: input.returnConsumedCapacity) { capacities.append(rendered) }
        }
        return BatchGetItemOutput(responses: responses, unprocessedKeys: unprocessed,
                                  consumedCapacity: input.returnConsumedCapacity == .none ? nil : capacities)
    }
}

/// A primary key's identity inside one table, for duplicate detection.
struct KeyIdentity: Hashable {
    let partition: PartitionKey
    let sortKey: [UInt8]
    init(_ partition: PartitionKey, _ sortKey: [UInt8]) {
        self.partition = partition
        self.sortKey = sortKey
    }
    init(_ intent: WriteIntent) { self.init(intent.partition, intent.sortKey) }

    // The partition's hash is already computed; the sort key is hashed as one byte run, not byte by byte
    // (the synthesized version was 8% of BatchWriteItem's CPU time: perf, `stbench bench engine` load phase).
    func hash(into hasher: inout Hasher) {
        hasher.combine(partition.hash)
        sortKey.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}

extension Table {
    /// Applies unconditional writes, taking each stripe's lock once for all the writes that fall in it.
    /// Used by BatchWriteItem; this is the dataset loader's path.
    func performBatch(_ intents: [WriteIntent]) -> CapacityTally {
        var tally = CapacityTally(isWrite: true)
        var records: [StreamRecord] = []
        let order = intents.indices.sorted { stripeIndex(intents[$0].partition) < stripeIndex(intents[$1].partition) }
        var i = 0
        while i < order.count {
            let stripeNumber = stripeIndex(intents[order[i]].partition)
            let stripe = stripes[stripeNumber]
            stripe.lock.lockWrite()
            while i < order.count, stripeIndex(intents[order[i]].partition) == stripeNumber {
                let intent = intents[order[i]]
                // BatchWriteItem has no conditions: its puts and deletes plan blind unless the table has LSIs.
                if let plan = plansBlind(intent) ? Table.blindPlan(intent) : (try? plan(intent, in: stripe.partitions[intent.partition])) {
                    let (units, record, _) = commit(plan, in: stripe)
                    tally.add(units)
                    if let record { records.append(record) }
                }
                i += 1
            }
            stripe.lock.unlock()
        }
        stream?.deliver(records)
        return tally
    }
}


/// TransactWriteItems and TransactGetItems: all-or-nothing across items and tables.
///
/// Every stripe an action touches is locked (in one global order, so concurrent transactions cannot
/// deadlock), every action is planned, and only if all succeed is anything committed.
extension Database {
    static let maximumTransactItems = 100

    @discardableResult
    public func transactWriteItems(_ input: TransactWriteItemsInput) throws(DynamoDBError) -> TransactWriteItemsOutput {
        let count = input.transactItems.count
        guard (1...Database.maximumTransactItems).contains(count) else {
            throw .validation("1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100, Member must have length greater than or equal to 1")
        }
        var actions: [(Table, WriteIntent)] = []
        actions.reserveCapacity(count)
        var seen = Set<TransactionKey>()
        for item in input.transactItems {
            let (table, intent) = try prepare(item)
            guard seen.insert(TransactionKey(table: ObjectIdentifier(table), key: KeyIdentity(intent))).inserted else {
                throw .validation("Transaction request cannot include multiple operations on one item")
            }
            actions.append((table, intent))
        }

        let stripes = lockOrder(actions.map { ($0.0, $0.1.partition) })
        for (table, index) in stripes { table.stripes[index].lock.lockWrite() }
        var plans: [WritePlan] = []
        var reasons: [CancellationReason] = []
        var failed = false
        for (table, intent) in actions {
            do {
                plans.append(try table.plan(intent, in: table.stripe(for: intent.partition).partitions[intent.partition]))
                reasons.append(.none)
            } catch {
                failed = true
                reasons.append(Database.cancellationReason(error))
            }
        }
        if failed {
            for (table, index) in stripes.reversed() { table.stripes[index].lock.unlock() }
            let codes = reasons.map(\.code).joined(separator: ", ")
            throw DynamoDBError(
                .transactionCanceled,
                "Transaction cancelled, please refer cancellation reasons for specific reasons [\(codes)]",
                cancellationReasons: reasons)
        }
        var tallies: [ObjectIdentifier: (Table, CapacityTally)] = [:]
        var records: [(Table, StreamRecord)] = []
        for (plan, (table, intent)) in zip(plans, actions) {
            let (tally, record, _) = table.commit(plan, in: table.stripe(for: intent.partition))
            tallies[ObjectIdentifier(table), default: (table, CapacityTally(isWrite: true))].1.add(tally)
            if let record { records.append((table, record)) }
        }
        for (table, index) in stripes.reversed() { table.stripes[index].lock.unlock() }
        for (table, record) in records { table.stream?.deliver(record) }

        let capacities = tallies.values.compactMap { table, tally -> ConsumedCapacity? in
            var doubled = tally
            doubled.scale(by: 2)
            return doubled.render(tableName: table.name, mode: input.returnConsumedCapacity)
        }
        return TransactWriteItemsOutput(consumedCapacity: input.returnConsumedCapacity == .none ? nil : capacities)
    }

    private func prepare(_ item: TransactWriteItem) throws(DynamoDBError) -> (Table, WriteIntent) {
        switch item {
        case .put(let input):
            let table = try requireTable(input.tableName)
            return (table, try table.preparePut(input))
        case .delete(let input):
            let table = try requireTable(input.tableName)
            return (table, try table.prepareDelete(input))
        case .update(let input):
            let table = try requireTable(input.tableName)
            return (table, try table.prepareUpdate(input))
        case .conditionCheck(let check):
            let table = try requireTable(check.tableName)
            let (partition, sortKey) = try table.validateKey(check.key)
            var expressions = try Table.RequestExpressions(names: check.expressionAttributeNames, values: check.expressionAttributeValues)
            let condition = try expressions.condition(check.conditionExpression)
            try expressions.finish()
            return (table, WriteIntent(
                partition: partition, sortKey: sortKey, key: check.key, action: .conditionCheck, condition: condition,
                returnOldOnConditionFailure: check.returnValuesOnConditionCheckFailure == .allOld))
        }
    }

    static func cancellationReason(_ error: DynamoDBError) -> CancellationReason {
        switch error.name {
        case .conditionalCheckFailed: return CancellationReason(code: "ConditionalCheckFailed", message: error.message, item: error.item)
        case .itemCollectionSizeLimitExceeded: return CancellationReason(code: "ItemCollectionSizeLimitExceeded", message: error.message)
        case .validation: return CancellationReason(code: "ValidationError", message: error.message)
        default: return CancellationReason(code: error.name.rawValue, message: error.message)
        }
    }

    /// The distinct (table, stripe) pairs of a transaction, in the one global locking order.
    func lockOrder(_ keys: [(Table, PartitionKey)]) -> [(Table, Int)] {
        var pairs: [(Table, Int)] = []
        var seen = Set<StripeID>()
        for (table, partition) in keys {
            let index = table.stripeIndex(partition)
            if seen.insert(StripeID(table: ObjectIdentifier(table), stripe: index)).inserted { pairs.append((table, index)) }
        }
        pairs.sort { a, b in
            let ta = ObjectIdentifier(a.0), tb = ObjectIdentifier(b.0)
            return ta != tb ? ta < tb : a.1 < b.1
        }
        return pairs
    }

    public func transactGetItems(_ input: TransactGetItemsInput) throws(DynamoDBError) -> TransactGetItemsOutput {
        let count = input.transactItems.count
        guard (1...Database.maximumTransactItems).contains(count) else {
            throw .validation("1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100, Member must have length greater than or equal to 1")
        }
        var requests: [(Table, PartitionKey, [UInt8], ProjectionExpression?)] = []
        var seen = Set<TransactionKey>()
        for get in input.transactItems {
            let table = try requireTable(get.tableName)
            let (partition, sortKey) = try table.validateKey(get.key)
            guard seen.insert(TransactionKey(table: ObjectIdentifier(table), key: KeyIdentity(partition, sortKey))).inserted else {
                throw .validation("Transaction request cannot include multiple operations on one item")
            }
            var expressions = try Table.RequestExpressions(names: get.expressionAttributeNames, values: nil)
            let projection = try expressions.projection(get.projectionExpression)
            try expressions.finish()
            requests.append((table, partition, sortKey, projection))
        }
        let stripes = lockOrder(requests.map { ($0.0, $0.1) })
        for (table, index) in stripes { table.stripes[index].lock.lockRead() }
        let found: [StoredItem?] = requests.map { table, partition, sortKey, _ in
            table.stripe(for: partition).partitions[partition]?.items.find(sortKey).map { table.storedItem($0, in: partition) }
        }
        for (table, index) in stripes.reversed() { table.stripes[index].lock.unlock() }

        var tallies: [ObjectIdentifier: (Table, CapacityTally)] = [:]
        var responses: [Item?] = []
        for (stored, request) in zip(found, requests) {
            let (table, _, _, projection) = request
            tallies[ObjectIdentifier(table), default: (table, CapacityTally(isWrite: false))].1.read +=
                2 * CapacityMath.readUnits(stored?.size ?? 0, consistent: true)
            responses.append(stored.map { projection?.project($0) ?? $0.item })
        }
        let capacities = tallies.values.compactMap { $0.1.render(tableName: $0.0.name, mode: input.returnConsumedCapacity) }
        return TransactGetItemsOutput(responses: responses, consumedCapacity: input.returnConsumedCapacity == .none ? nil : capacities)
    }
}

struct TransactionKey: Hashable {
    let table: ObjectIdentifier
    let key: KeyIdentity
}

struct StripeID: Hashable {
    let table: ObjectIdentifier
    let stripe: Int
}

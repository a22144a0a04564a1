/// PutItem, GetItem, DeleteItem, UpdateItem.
extension Table {
    /// Parses the expressions of one request against its ExpressionAttributeNames/Values, and rejects
    /// names or values the expressions do not use (DynamoDB does).
    struct RequestExpressions {
        var attributes: ExpressionAttributes
        let hasNames: Bool
        let hasValues: Bool
        var usedAny = false

        init(names: [String: String]?, values: [String: AttributeValue]?) throws(DynamoDBError) {
            if let values, values.isEmpty { throw .validation("ExpressionAttributeValues must not be empty") }
            if let names, names.isEmpty { throw .validation("ExpressionAttributeNames must not be empty") }
            attributes = ExpressionAttributes(names: names, values: values)
            hasNames = names != nil
            hasValues = values != nil
        }

        mutating func condition(_ text: String?, kind: ExpressionKind = .condition) throws(DynamoDBError) -> ConditionExpression? {
            guard let text else { return nil }
            usedAny = true
            return try ConditionExpression.parse(text, kind: kind, attributes: &attributes)
        }

        mutating func update(_ text: String) throws(DynamoDBError) -> UpdateExpression {
            usedAny = true
            return try UpdateExpression.parse(text, attributes: &attributes)
        }

        mutating func projection(_ text: String?) throws(DynamoDBError) -> ProjectionExpression? {
            guard let text else { return nil }
            usedAny = true
            return try ProjectionExpression.parse(text, attributes: &attributes)
        }

        /// Parses a KeyConditionExpression against the key schema read (`keys` carries the key types).
        mutating func keyCondition(_ text: String, keys: KeyAttributes) throws(DynamoDBError) -> KeyCondition {
            usedAny = true
            return try KeyCondition.parse(
                text, partitionKey: keys.partitionKey, partitionKeyType: keys.partitionKeyType, sortKey: keys.sortKey,
                sortKeyType: keys.sortKeyType, attributes: &attributes)
        }

        func finish() throws(DynamoDBError) {
            if !usedAny {
                if hasNames { throw .validation("ExpressionAttributeNames can only be specified when using expressions") }
                if hasValues { throw .validation("ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null") }
            }
            try attributes.checkAllUsed()
        }
    }

    func checkTableName(_ requested: String) throws(DynamoDBError) {
        if !requested.isEmpty && requested != name { throw .resourceNotFound }
    }

    // MARK: PutItem

    @discardableResult
    public func putItem(_ input: PutItemInput) throws(DynamoDBError) -> PutItemOutput {
        try checkTableName(input.tableName)
        guard input.returnValues == .none || input.returnValues == .allOld else {
            throw .validation("ReturnValues can only be ALL_OLD or NONE")
        }
        let (plan, tally, old) = try perform(preparePut(input))  // the intent moves into the plan (no copy)
        let oldItem = (input.returnValues == .allOld) ? old.map { storedItem($0, in: plan.intent.partition).item } : nil
        return PutItemOutput(attributes: oldItem, consumedCapacity: tally.render(tableName: name, mode: input.returnConsumedCapacity))
    }

    func preparePut(_ input: PutItemInput) throws(DynamoDBError) -> WriteIntent {
        let prepared = try prepareItem(input.item)
        var expressions = try RequestExpressions(names: input.expressionAttributeNames, values: input.expressionAttributeValues)
        let condition = try expressions.condition(input.conditionExpression)
        try expressions.finish()
        // A put never needs its key as an item (only an update builds on it): no dictionary per put.
        return WriteIntent(
            partition: prepared.partition, sortKey: prepared.sortKey, key: Item(), action: .put(prepared.record), condition: condition,
            returnOldOnConditionFailure: input.returnValuesOnConditionCheckFailure == .allOld)
    }

    // MARK: GetItem

    public func getItem(_ input: GetItemInput) throws(DynamoDBError) -> GetItemOutput {
        try checkTableName(input.tableName)
        let (partition, sortKey) = try validateKey(input.key)
        var expressions = try RequestExpressions(names: input.expressionAttributeNames, values: nil)
        let projection = try expressions.projection(input.projectionExpression)
        try expressions.finish()
        let stored = lookup(partition, sortKey)
        var tally = CapacityTally(isWrite: false)
        tally.read = CapacityMath.readUnits(stored?.size ?? 0, consistent: input.consistentRead)
        let item = stored.map { projection?.project($0) ?? $0.item }
        return GetItemOutput(item: item, consumedCapacity: tally.render(tableName: name, mode: input.returnConsumedCapacity))
    }

    /// The stored item at a key, or nil; holds the stripe's read lock only for the lookup.
    @inline(__always)
    func lookup(_ partition: PartitionKey, _ sortKey: [UInt8]) -> StoredItem? {
        readingPartition(partition) { p in p.items.find(sortKey).map { StoredItem(record: $0, context: p.context) } } ?? nil
    }

    // MARK: DeleteItem

    @discardableResult
    public func deleteItem(_ input: DeleteItemInput) throws(DynamoDBError) -> DeleteItemOutput {
        try checkTableName(input.tableName)
        guard input.returnValues == .none || input.returnValues == .allOld else {
            throw .validation("ReturnValues can only be ALL_OLD or NONE")
        }
        let (plan, tally, old) = try perform(prepareDelete(input))  // the intent moves into the plan (no copy)
        let oldItem = (input.returnValues == .allOld) ? old.map { storedItem($0, in: plan.intent.partition).item } : nil
        return DeleteItemOutput(attributes: oldItem, consumedCapacity: tally.render(tableName: name, mode: input.returnConsumedCapacity))
    }

    func prepareDelete(_ input: DeleteItemInput) throws(DynamoDBError) -> WriteIntent {
        let (partition, sortKey) = try validateKey(input.key)
        var expressions = try RequestExpressions(names: input.expressionAttributeNames, values: input.expressionAttributeValues)
        let condition = try expressions.condition(input.conditionExpression)
        try expressions.finish()
        return WriteIntent(
            partition: partition, sortKey: sortKey, key: input.key, action: .delete, condition: condition,
            returnOldOnConditionFailure: input.returnValuesOnConditionCheckFailure == .allOld)
    }

    // MARK: UpdateItem

    @discardableResult
    public func updateItem(_ input: UpdateItemInput) throws(DynamoDBError) -> UpdateItemOutput {
        try checkTableName(input.tableName)
        let (plan, tally, old) = try perform(prepareUpdate(input))  // the intent moves into the plan (no copy)
        let attributes: Item?
        switch input.returnValues {
        case .none: attributes = nil
        case .allOld: attributes = old.map { storedItem($0, in: plan.intent.partition).item }
        case .allNew: attributes = plan.new.map { storedItem($0, in: plan.intent.partition).item }
        case .updatedOld:
            attributes = old.map { storedItem($0, in: plan.intent.partition).item.filter { plan.updatedNames.contains($0.key) } }
        case .updatedNew:
            attributes = plan.new.map { storedItem($0, in: plan.intent.partition).item.filter { plan.updatedNames.contains($0.key) } }
        }
        return UpdateItemOutput(
            attributes: attributes.flatMap { $0.isEmpty ? nil : $0 },
            consumedCapacity: tally.render(tableName: name, mode: input.returnConsumedCapacity))
    }

    func prepareUpdate(_ input: UpdateItemInput) throws(DynamoDBError) -> WriteIntent {
        let (partition, sortKey) = try validateKey(input.key)
        var expressions = try RequestExpressions(names: input.expressionAttributeNames, values: input.expressionAttributeValues)
        let update = try input.updateExpression.map { text throws(DynamoDBError) in try expressions.update(text) }
        let condition = try expressions.condition(input.conditionExpression)
        try expressions.finish()
        return WriteIntent(
            partition: partition, sortKey: sortKey, key: input.key,
            action: .update(update ?? UpdateExpression(actions: [])), condition: condition,
            returnOldOnConditionFailure: input.returnValuesOnConditionCheckFailure == .allOld)
    }
}

/// Request and response types of the item operations, one-to-one with DynamoDB's API so that a
/// DynamoDB-JSON endpoint can map onto them later. Field names are DynamoDB's, in Swift case.
///
/// Optional stored properties of the types with an explicit initializer are spelled `Optional<T>`, not
/// `T?`, on purpose: a `var x: T?` starts out as an implicit nil that the initializer then overwrites
/// (SIL `store [init]`, then `store [assign]`), and with that the optimizer kept `self` in memory and
/// returned it as a copy plus a destroy of the original (`load [copy]` + `load [take]`). Found with
/// `-Xllvm -sil-print-function` on the workload target's Query; measured (callgrind, smoke, 2000 newest-20
/// Queries through the workload target): QueryInput 6.31k -> 5.90k instructions per Query. The output types
/// use their synthesized memberwise initializers, which build the value in place (QueryOutput's explicit
/// initializer cost 6.72k -> 6.31k).

public enum ReturnValue: String, Sendable, Hashable {
    case none = "NONE", allOld = "ALL_OLD", updatedOld = "UPDATED_OLD", allNew = "ALL_NEW", updatedNew = "UPDATED_NEW"
}

public enum ReturnConsumedCapacity: String, Sendable, Hashable { case none = "NONE", total = "TOTAL", indexes = "INDEXES" }

public enum ReturnValuesOnConditionCheckFailure: String, Sendable, Hashable { case none = "NONE", allOld = "ALL_OLD" }

public enum Select: String, Sendable, Hashable {
    case allAttributes = "ALL_ATTRIBUTES", allProjectedAttributes = "ALL_PROJECTED_ATTRIBUTES"
    case specificAttributes = "SPECIFIC_ATTRIBUTES", count = "COUNT"
}

/// Capacity units of one table or index.
public struct Capacity: Sendable, Hashable {
    public var capacityUnits: Double
    public var readCapacityUnits: Optional<Double>
    public var writeCapacityUnits: Optional<Double>
    public init(capacityUnits: Double, readCapacityUnits: Double? = nil, writeCapacityUnits: Double? = nil) {
        self.capacityUnits = capacityUnits
        self.readCapacityUnits = readCapacityUnits
        self.writeCapacityUnits = writeCapacityUnits
    }
}

/// DynamoDB's ConsumedCapacity: the total, and with INDEXES the table's and each index's share.
public struct ConsumedCapacity: Sendable, Hashable {
    public var tableName: String
    public var capacityUnits: Double
    public var readCapacityUnits: Optional<Double>
    public var writeCapacityUnits: Optional<Double>
    public var table: Optional<Capacity>
    public var globalSecondaryIndexes: Optional<[String: Capacity]>
    public var localSecondaryIndexes: Optional<[String: Capacity]>
    public init(
        tableName: String, capacityUnits: Double, readCapacityUnits: Double? = nil, writeCapacityUnits: Double? = nil,
        table: Capacity? = nil, globalSecondaryIndexes: [String: Capacity]? = nil, localSecondaryIndexes: [String: Capacity]? = nil
    ) {
        self.tableName = tableName
        self.capacityUnits = capacityUnits
        self.readCapacityUnits = readCapacityUnits
        self.writeCapacityUnits = writeCapacityUnits
        self.table = table
        self.globalSecondaryIndexes = globalSecondaryIndexes
        self.localSecondaryIndexes = localSecondaryIndexes
    }
}

// MARK: PutItem / GetItem / DeleteItem / UpdateItem

public struct PutItemInput: Sendable {
    public var tableName: String
    public var item: Item
    public var conditionExpression: Optional<String>
    public var expressionAttributeNames: Optional<[String: String]>
    public var expressionAttributeValues: Optional<[String: AttributeValue]>
    /// PutItem accepts NONE and ALL_OLD only.
    public var returnValues: ReturnValue
    public var returnConsumedCapacity: ReturnConsumedCapacity
    public var returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure
    public init(
        tableName: String, item: Item, conditionExpression: String? = nil,
        expressionAttributeNames: [String: String]? = nil, expressionAttributeValues: [String: AttributeValue]? = nil,
        returnValues: ReturnValue = .none, returnConsumedCapacity: ReturnConsumedCapacity = .none,
        returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure = .none
    ) {
        self.tableName = tableName
        self.item = item
        self.conditionExpression = conditionExpression
        self.expressionAttributeNames = expressionAttributeNames
        self.expressionAttributeValues = expressionAttributeValues
        self.returnValues = returnValues
        self.returnConsumedCapacity = returnConsumedCapacity
        self.returnValuesOnConditionCheckFailure = returnValuesOnConditionCheckFailure
    }
}

public struct PutItemOutput: Sendable {
    public var attributes: Item?
    public var consumedCapacity: ConsumedCapacity?
}

public struct GetItemInput: Sendable {
    public var tableName: String
    public var key: Item
    public var consistentRead: Bool
    public var projectionExpression: Optional<String>
    public var expressionAttributeNames: Optional<[String: String]>
    public var returnConsumedCapacity: ReturnConsumedCapacity
    public init(
        tableName: String, key: Item, consistentRead: Bool = false, projectionExpression: String? = nil,
        expressionAttributeNames: [String: String]? = nil, returnConsumedCapacity: ReturnConsumedCapacity = .none
    ) {
        self.tableName = tableName
        self.key = key
        self.consistentRead = consistentRead
        self.projectionExpression = projectionExpression
        self.expressionAttributeNames = expressionAttributeNames
        self.returnConsumedCapacity = returnConsumedCapacity
    }
}

public struct GetItemOutput: Sendable {
    public var item: Item?
    public var consumedCapacity: ConsumedCapacity?
}

public struct DeleteItemInput: Sendable {
    public var tableName: String
    public var key: Item
    public var conditionExpression: Optional<String>
    public var expressionAttributeNames: Optional<[String: String]>
    public var expressionAttributeValues: Optional<[String: AttributeValue]>
    /// DeleteItem accepts NONE and ALL_OLD only.
    public var returnValues: ReturnValue
    public var returnConsumedCapacity: ReturnConsumedCapacity
    public var returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure
    public init(
        tableName: String, key: Item, conditionExpression: String? = nil,
        expressionAttributeNames: [String: String]? = nil, expressionAttributeValues: [String: AttributeValue]? = nil,
        returnValues: ReturnValue = .none, returnConsumedCapacity: ReturnConsumedCapacity = .none,
        returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure = .none
    ) {
        self.tableName = tableName
        self.key = key
        self.conditionExpression = conditionExpression
        self.expressionAttributeNames = expressionAttributeNames
        self.expressionAttributeValues = expressionAttributeValues
        self.returnValues = returnValues
        self.returnConsumedCapacity = returnConsumedCapacity
        self.returnValuesOnConditionCheckFailure = returnValuesOnConditionCheckFailure
    }
}

public struct DeleteItemOutput: Sendable {
    public var attributes: Item?
    public var consumedCapacity: ConsumedCapacity?
}

public struct UpdateItemInput: Sendable {
    public var tableName: String
    public var key: Item
    public var updateExpression: Optional<String>
    public var conditionExpression: Optional<String>
    public var expressionAttributeNames: Optional<[String: String]>
    public var expressionAttributeValues: Optional<[String: AttributeValue]>
    public var returnValues: ReturnValue
    public var returnConsumedCapacity: ReturnConsumedCapacity
    public var returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure
    public init(
        tableName: String, key: Item, updateExpression: String? = nil, conditionExpression: String? = nil,
        expressionAttributeNames: [String: String]? = nil, expressionAttributeValues: [String: AttributeValue]? = nil,
        returnValues: ReturnValue = .none, returnConsumedCapacity: ReturnConsumedCapacity = .none,
        returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure = .none
    ) {
        self.tableName = tableName
        self.key = key
        self.updateExpression = updateExpression
        self.conditionExpression = conditionExpression
        self.expressionAttributeNames = expressionAttributeNames
        self.expressionAttributeValues = expressionAttributeValues
        self.returnValues = returnValues
        self.returnConsumedCapacity = returnConsumedCapacity
        self.returnValuesOnConditionCheckFailure = returnValuesOnConditionCheckFailure
    }
}

public struct UpdateItemOutput: Sendable {
    public var attributes: Item?
    public var consumedCapacity: ConsumedCapacity?
}

// MARK: Query / Scan

public struct QueryInput: Sendable {
    public var tableName: String
    public var indexName: Optional<String>
    public var keyConditionExpression: String
    public var filterExpression: Optional<String>
    public var projectionExpression: Optional<String>
    public var expressionAttributeNames: Optional<[String: String]>
    public var expressionAttributeValues: Optional<[String: AttributeValue]>
    public var scanIndexForward: Bool
    public var limit: Optional<Int>
    public var exclusiveStartKey: Optional<Item>
    public var consistentRead: Bool
    public var select: Optional<Select>
    public var returnConsumedCapacity: ReturnConsumedCapacity
    /// Inlinable: out of line, the initializer's copies plus the caller's destroy cost ~670 instructions
    /// per Query; inlined, building and destroying the input costs ~570 (callgrind, newest-20 Query).
    @inlinable
    public init(
        tableName: String, indexName: String? = nil, keyConditionExpression: String, filterExpression: String? = nil,
        projectionExpression: String? = nil, expressionAttributeNames: [String: String]? = nil,
        expressionAttributeValues: [String: AttributeValue]? = nil, scanIndexForward: Bool = true, limit: Int? = nil,
        exclusiveStartKey: Item? = nil, consistentRead: Bool = false, select: Select? = nil,
        returnConsumedCapacity: ReturnConsumedCapacity = .none
    ) {
        self.tableName = tableName
        self.indexName = indexName
        self.keyConditionExpression = keyConditionExpression
        self.filterExpression = filterExpression
        self.projectionExpression = projectionExpression
        self.expressionAttributeNames = expressionAttributeNames
        self.expressionAttributeValues = expressionAttributeValues
        self.scanIndexForward = scanIndexForward
        self.limit = limit
        self.exclusiveStartKey = exclusiveStartKey
        self.consistentRead = consistentRead
        self.select = select
        self.returnConsumedCapacity = returnConsumedCapacity
    }
}

/// The result of a Query or Scan.
public struct QueryOutput: Sendable {
    /// The matching items (empty for Select COUNT), decoded lazily.
    public var items: ItemList
    /// Items returned (after the filter).
    public var count: Int
    /// Items evaluated (before the filter).
    public var scannedCount: Int
    /// Present when the page ended before the result did: pass it as ExclusiveStartKey to continue.
    /// Built on first read (most callers of a newest-N Query never read it).
    public var lastEvaluatedKey: Item? {
        get { lastEvaluated?.key }
        set { lastEvaluated = newValue.map { .item($0) } }
    }
    public var consumedCapacity: ConsumedCapacity?

    var lastEvaluated: LastEvaluated?

    // No explicit initializer: the synthesized memberwise one builds the value directly, where an explicit
    // one returned a copy of its `self` and destroyed the original (SIL `load [copy]` + `load [take]`,
    // which the optimizer did not fuse: ~220 instructions per Query, callgrind).
}

/// A page's LastEvaluatedKey, kept as the stored item it names until someone reads it.
///
/// Indirect, so that a QueryOutput holds one reference for it: copying and destroying the inline
/// payload (an item reference and an index's key schema) went through generic value witnesses, ~70
/// instructions each, several times per Query (callgrind, newest-20 Query).
indirect enum LastEvaluated: Sendable {
    case item(Item)
    /// The last evaluated item and the index read (nil: the table).
    case stored(StoredItem, indexKeys: KeyAttributes?)

    var key: Item {
        switch self {
        case .item(let item): return item
        case let .stored(stored, indexKeys):
            var key: Item = [stored.keys.partitionKey: stored.partitionValue]
            if let name = stored.keys.sortKey, let value = stored.sortKeyValue { key[name] = value }
            if let indexKeys {
                key[indexKeys.partitionKey] = stored.attribute(indexKeys.partitionKey)
                if let s = indexKeys.sortKey { key[s] = stored.attribute(s) }
            }
            return key
        }
    }
}

public typealias ScanOutput = QueryOutput

public struct ScanInput: Sendable {
    public var tableName: String
    public var indexName: Optional<String>
    public var filterExpression: Optional<String>
    public var projectionExpression: Optional<String>
    public var expressionAttributeNames: Optional<[String: String]>
    public var expressionAttributeValues: Optional<[String: AttributeValue]>
    public var limit: Optional<Int>
    public var exclusiveStartKey: Optional<Item>
    public var consistentRead: Bool
    public var select: Optional<Select>
    public var segment: Optional<Int>
    public var totalSegments: Optional<Int>
    public var returnConsumedCapacity: ReturnConsumedCapacity
    public init(
        tableName: String, indexName: String? = nil, filterExpression: String? = nil, projectionExpression: String? = nil,
        expressionAttributeNames: [String: String]? = nil, expressionAttributeValues: [String: AttributeValue]? = nil,
        limit: Int? = nil, exclusiveStartKey: Item? = nil, consistentRead: Bool = false, select: Select? = nil,
        segment: Int? = nil, totalSegments: Int? = nil, returnConsumedCapacity: ReturnConsumedCapacity = .none
    ) {
        self.tableName = tableName
        self.indexName = indexName
        self.filterExpression = filterExpression
        self.projectionExpression = projectionExpression
        self.expressionAttributeNames = expressionAttributeNames
        self.expressionAttributeValues = expressionAttributeValues
        self.limit = limit
        self.exclusiveStartKey = exclusiveStartKey
        self.consistentRead = consistentRead
        self.select = select
        self.segment = segment
        self.totalSegments = totalSegments
        self.returnConsumedCapacity = returnConsumedCapacity
    }
}

// MARK: Batch

public enum WriteRequest: Sendable {
    case put(item: Item)
    case delete(key: Item)
}

public struct BatchWriteItemInput: Sendable {
    /// Table name → at most 25 write requests in all.
    public var requestItems: [String: [WriteRequest]]
    public var returnConsumedCapacity: ReturnConsumedCapacity
    public init(requestItems: [String: [WriteRequest]], returnConsumedCapacity: ReturnConsumedCapacity = .none) {
        self.requestItems = requestItems
        self.returnConsumedCapacity = returnConsumedCapacity
    }
}

public struct BatchWriteItemOutput: Sendable {
    /// Requests not processed (here: only those beyond a simulated throughput limit; normally empty).
    public var unprocessedItems: [String: [WriteRequest]]
    public var consumedCapacity: [ConsumedCapacity]?
}

public struct KeysAndAttributes: Sendable {
    public var keys: [Item]
    public var projectionExpression: Optional<String>
    public var expressionAttributeNames: Optional<[String: String]>
    public var consistentRead: Bool
    public init(keys: [Item], projectionExpression: String? = nil, expressionAttributeNames: [String: String]? = nil, consistentRead: Bool = false) {
        self.keys = keys
        self.projectionExpression = projectionExpression
        self.expressionAttributeNames = expressionAttributeNames
        self.consistentRead = consistentRead
    }
}

public struct BatchGetItemInput: Sendable {
    /// Table name → keys; at most 100 keys in all.
    public var requestItems: [String: KeysAndAttributes]
    public var returnConsumedCapacity: ReturnConsumedCapacity
    public init(requestItems: [String: KeysAndAttributes], returnConsumedCapacity: ReturnConsumedCapacity = .none) {
        self.requestItems = requestItems
        self.returnConsumedCapacity = returnConsumedCapacity
    }
}

public struct BatchGetItemOutput: Sendable {
    public var responses: [String: [Item]]
    /// Keys not processed because the response reached 16 MB; ask again for these.
    public var unprocessedKeys: [String: KeysAndAttributes]
    public var consumedCapacity: [ConsumedCapacity]?
}

// MARK: Transactions

public struct ConditionCheck: Sendable {
    public var tableName: String
    public var key: Item
    public var conditionExpression: String
    public var expressionAttributeNames: Optional<[String: String]>
    public var expressionAttributeValues: Optional<[String: AttributeValue]>
    public var returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure
    public init(
        tableName: String, key: Item, conditionExpression: String, expressionAttributeNames: [String: String]? = nil,
        expressionAttributeValues: [String: AttributeValue]? = nil,
        returnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure = .none
    ) {
        self.tableName = tableName
        self.key = key
        self.conditionExpression = conditionExpression
        self.expressionAttributeNames = expressionAttributeNames
        self.expressionAttributeValues = expressionAttributeValues
        self.returnValuesOnConditionCheckFailure = returnValuesOnConditionCheckFailure
    }
}

/// One action of TransactWriteItems. Put/Delete/Update reuse the single-item inputs (their ReturnValues
/// and ReturnConsumedCapacity are ignored, as DynamoDB's transaction members have none).
public enum TransactWriteItem: Sendable {
    case conditionCheck(ConditionCheck)
    case put(PutItemInput)
    case delete(DeleteItemInput)
    case update(UpdateItemInput)
}

public struct TransactWriteItemsInput: Sendable {
    public var transactItems: [TransactWriteItem]
    public var clientRequestToken: Optional<String>
    public var returnConsumedCapacity: ReturnConsumedCapacity
    public init(transactItems: [TransactWriteItem], clientRequestToken: String? = nil, returnConsumedCapacity: ReturnConsumedCapacity = .none) {
        self.transactItems = transactItems
        self.clientRequestToken = clientRequestToken
        self.returnConsumedCapacity = returnConsumedCapacity
    }
}

public struct TransactWriteItemsOutput: Sendable {
    public var consumedCapacity: [ConsumedCapacity]?
}

public struct TransactGetItem: Sendable {
    public var tableName: String
    public var key: Item
    public var projectionExpression: Optional<String>
    public var expressionAttributeNames: Optional<[String: String]>
    public init(tableName: String, key: Item, projectionExpression: String? = nil, expressionAttributeNames: [String: String]? = nil) {
        self.tableName = tableName
        self.key = key
        self.projectionExpression = projectionExpression
        self.expressionAttributeNames = expressionAttributeNames
    }
}

public struct TransactGetItemsInput: Sendable {
    public var transactItems: [TransactGetItem]
    public var returnConsumedCapacity: ReturnConsumedCapacity
    public init(transactItems: [TransactGetItem], returnConsumedCapacity: ReturnConsumedCapacity = .none) {
        self.transactItems = transactItems
        self.returnConsumedCapacity = returnConsumedCapacity
    }
}

public struct TransactGetItemsOutput: Sendable {
    /// One entry per request, in order; nil where the item does not exist.
    public var responses: [Item?]
    public var consumedCapacity: [ConsumedCapacity]?
}

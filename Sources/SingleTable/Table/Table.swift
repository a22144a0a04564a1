/// One table: partitions spread over lock stripes, secondary indexes, an optional change stream.
///
/// Layout: a hash map from partition key to a `Partition` (a B-tree over encoded sort keys), split into
/// `stripeCount` stripes each behind its own read-write lock, so readers of different partitions never
/// touch the same lock word and writers of different partitions run in parallel. A directory B-tree keeps
/// the partitions in DynamoDB's Scan order (by hash). See README "Engine layout" for the figures that
/// chose this over one B-tree over (pk, sk).
public final class Table: @unchecked Sendable {
    public let name: String
    let definition: CreateTableInput
    let keys: KeyAttributes
    let attributeTypes: [String: ScalarAttributeType]
    let globalIndexes: [GlobalIndex]
    let localIndexSchemas: [IndexSchema]
    /// Every secondary index's key attributes, flattened, for the one-pass item check of `prepareItem`.
    let indexKeyRules: [IndexKeyRule]
    let stream: StreamLog?
    let clock: EngineClock
    let itemCollectionSizeLimit: Int

    static let stripeCount = 64
    let stripes: [Stripe]
    let directoryLock = ReadWriteLock()
    var directory = BTree<DirectoryEntry>()

    final class Stripe: @unchecked Sendable {
        let lock = ReadWriteLock()
        var partitions = PartitionMap()
        var itemCount = 0
        var sizeBytes = 0
    }

    final class Partition: @unchecked Sendable {
        let key: PartitionKey
        let context: PartitionContext
        var items = BTree<ItemRecord>()
        /// One tree per local secondary index, in `localIndexSchemas` order.
        var localIndexes: [BTree<IndexEntry>]
        /// Item collection size (items plus LSI copies); tracked only for tables with LSIs.
        var collectionSize = 0
        /// Sum of the partition's item sizes: a Query whose partition holds less than a page (1 MB) can skip
        /// reading each item's size.
        var itemBytes = 0
        init(context: PartitionContext, localIndexCount: Int) {
            self.key = context.key
            self.context = context
            self.localIndexes = (0..<localIndexCount).map { _ in BTree<IndexEntry>() }
        }
    }

    init(definition: CreateTableInput, clock: EngineClock) {
        self.name = definition.tableName
        self.definition = definition
        self.clock = clock
        var types: [String: ScalarAttributeType] = [:]
        for d in definition.attributeDefinitions { types[d.attributeName] = d.attributeType }
        self.attributeTypes = types
        let keys = Table.keyAttributes(definition.keySchema, types: types)
        self.keys = keys
        self.globalIndexes = (definition.globalSecondaryIndexes ?? []).map { index in
            GlobalIndex(
                schema: IndexSchema(name: index.indexName, isGlobal: true, keys: Table.keyAttributes(index.keySchema, types: types),
                                    projection: index.projection, tableKeys: keys),
                delayNanos: definition.gsiPropagationDelayNanos, clock: clock)
        }
        self.localIndexSchemas = (definition.localSecondaryIndexes ?? []).map { index in
            IndexSchema(name: index.indexName, isGlobal: false, keys: Table.keyAttributes(index.keySchema, types: types),
                        projection: index.projection, tableKeys: keys)
        }
        self.indexKeyRules = (globalIndexes.map(\.schema) + localIndexSchemas).flatMap { schema in
            [(schema.keys.partitionKey, schema.keys.partitionKeyType), (schema.keys.sortKey, schema.keys.sortKeyType)]
                .compactMap { name, type in name.flatMap { n in type.map { IndexKeyRule(name: n, type: $0) } } }
        }
        if let spec = definition.streamSpecification, spec.streamEnabled {
            stream = StreamLog(tableName: definition.tableName, viewType: spec.streamViewType ?? .newAndOldImages)
        } else {
            stream = nil
        }
        itemCollectionSizeLimit = definition.itemCollectionSizeLimitBytes
        stripes = (0..<Table.stripeCount).map { _ in Stripe() }
    }

    static func keyAttributes(_ schema: [KeySchemaElement], types: [String: ScalarAttributeType]) -> KeyAttributes {
        let hash = schema.first { $0.keyType == .hash }!.attributeName
        let range = schema.first { $0.keyType == .range }?.attributeName
        return KeyAttributes(partitionKey: hash, partitionKeyType: types[hash]!, sortKey: range, sortKeyType: range.flatMap { types[$0] })
    }

    @inline(__always)
    func stripeIndex(_ key: PartitionKey) -> Int { Int(truncatingIfNeeded: key.hash >> 58) & (Table.stripeCount - 1) }

    @inline(__always)
    func stripe(for key: PartitionKey) -> Stripe { stripes[stripeIndex(key)] }

    /// `body` applied to the partition stored under `key` (nil when there is none), with its stripe
    /// read-locked for just that long: every read of one partition (GetItem, Query, Scan) goes through here.
    @inline(__always)
    func readingPartition<R>(_ key: PartitionKey, _ body: (Partition) -> R) -> R? {
        let stripe = stripe(for: key)
        stripe.lock.lockRead()
        defer { stripe.lock.unlock() }
        return stripe.partitions[key].map(body)
    }

    public func describe() -> TableDescription {
        var count = 0, size = 0
        for stripe in stripes {
            stripe.lock.withReadLock {
                count += stripe.itemCount
                size += stripe.sizeBytes
            }
        }
        let gsis = globalIndexes.map { index -> IndexDescription in
            index.catchUp()
            return index.lock.withReadLock {
                IndexDescription(indexName: index.schema.name, keySchema: definition.globalSecondaryIndexes!.first { $0.indexName == index.schema.name }!.keySchema,
                                 projection: index.schema.projection, indexStatus: "ACTIVE", itemCount: index.entryCount, indexSizeBytes: index.sizeBytes)
            }
        }
        let lsis = (definition.localSecondaryIndexes ?? []).enumerated().map { i, index -> IndexDescription in
            var entries = 0, bytes = 0
            for stripe in stripes {
                stripe.lock.withReadLock {
                    for partition in stripe.partitions.values {
                        for entry in partition.localIndexes[i] {
                            entries += 1
                            bytes += localIndexSchemas[i].projectedSize(entry.item)
                        }
                    }
                }
            }
            return IndexDescription(indexName: index.indexName, keySchema: index.keySchema, projection: index.projection,
                                    indexStatus: nil, itemCount: entries, indexSizeBytes: bytes)
        }
        return TableDescription(
            tableName: name, tableStatus: "ACTIVE", keySchema: definition.keySchema,
            attributeDefinitions: definition.attributeDefinitions,
            globalSecondaryIndexes: gsis.isEmpty ? nil : gsis, localSecondaryIndexes: lsis.isEmpty ? nil : lsis,
            streamSpecification: definition.streamSpecification, itemCount: count, tableSizeBytes: size)
    }

    /// Items currently stored (sum over stripes).
    public var itemCount: Int { stripes.reduce(0) { total, stripe in total + stripe.lock.withReadLock { stripe.itemCount } } }

    /// A reader's view of a record; allocates a context, so hot paths use their partition's `context` instead.
    func storedItem(_ record: ItemRecord, in partition: PartitionKey) -> StoredItem {
        StoredItem(record: record, context: PartitionContext(key: partition, keys: keys))
    }
}

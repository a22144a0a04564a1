import CShims

/// Query and Scan.
///
/// Both walk B-trees under a read lock and collect references to stored items (no decoding). DynamoDB's
/// page rules: `Limit` counts evaluated items (before the filter); a page also ends once 1 MB of items has
/// been evaluated; either way `LastEvaluatedKey` names the last evaluated item.
extension Table {
    static let pageSizeLimit = 1024 * 1024

    /// Which index a request reads, resolved once.
    enum ReadSource {
        case table
        case global(GlobalIndex)
        /// Indirect: a schema is several Strings and sets, and copying and destroying a `ReadSource` that
        /// could hold one inline cost ~470 instructions per table Query, whatever the case (callgrind,
        /// newest-20 Query).
        indirect case local(Int, IndexSchema)

        var schema: IndexSchema? {
            switch self {
            case .table: nil
            case .global(let index): index.schema
            case .local(_, let schema): schema
            }
        }
    }

    func resolveIndex(_ indexName: String?) throws(DynamoDBError) -> ReadSource {
        guard let indexName else { return .table }
        if let global = globalIndexes.first(where: { $0.schema.name == indexName }) { return .global(global) }
        if let i = localIndexSchemas.firstIndex(where: { $0.name == indexName }) { return .local(i, localIndexSchemas[i]) }
        throw .validation("The table does not have the specified index: \(indexName)")
    }

    /// Collects one page; `visit` walks the candidate entries in order.
    struct PageCollector {
        let limit: Int
        let filter: ConditionExpression?
        var items: [StoredItem] = []
        /// A table Query's page on the plain path (`walkRecords`): the records, all of `recordsContext`'s
        /// partition, held instead of `items` (see `ItemList.Storage.records`).
        var records: [ItemRecord] = []
        var recordsContext: PartitionContext? = nil
        var scanned = 0
        var bytes = 0
        var lastEvaluated: StoredItem? = nil
        var truncated = false
        var projectedSize: ((StoredItem) -> Int)?
        /// Whether item sizes are needed (the 1 MB page limit could be reached, or capacity was asked for).
        var needsSizes = true

        init(limit: Int?, filter: ConditionExpression?) {
            self.limit = limit ?? Int.max
            self.filter = filter
        }

        /// The page's items, whichever way they were collected.
        var storedItems: [StoredItem] {
            guard let context = recordsContext else { return items }
            return records.map { StoredItem(record: $0, context: context) }
        }

        var count: Int { recordsContext == nil ? items.count : records.count }

        /// Adds an item when neither its size nor a filter matters: touches only the reference.
        @inline(__always)
        mutating func addUnsized(_ item: StoredItem) -> Bool {
            if items.capacity == 0 { items.reserveCapacity(Swift.min(limit, 128)) }
            scanned += 1
            items.append(item)
            if scanned >= limit {
                lastEvaluated = item
                truncated = true
                return false
            }
            return true
        }

        /// Adds one evaluated item; returns false when the page is full.
        @inline(__always)
        mutating func add(_ item: StoredItem) -> Bool {
            if items.capacity == 0 { items.reserveCapacity(Swift.min(limit, 128)) }
            scanned += 1
            bytes += projectedSize?(item) ?? item.size
            if filter.map({ $0.evaluate(item) }) ?? true { items.append(item) }
            if scanned >= limit || bytes >= Table.pageSizeLimit {
                lastEvaluated = item
                truncated = true
                return false
            }
            return true
        }
    }

    // MARK: Query

    public func query(_ input: QueryInput) throws(DynamoDBError) -> QueryOutput {
        try checkTableName(input.tableName)
        try Table.validateLimit(input.limit)
        let source = try resolveIndex(input.indexName)
        if case .global = source, input.consistentRead {
            throw .validation("Consistent reads are not supported on global secondary indexes")
        }
        let select = try validateSelect(input.select, projection: input.projectionExpression, source: source)
        let readKeys = source.schema?.keys ?? keys
        var expressions = try RequestExpressions(names: input.expressionAttributeNames, values: input.expressionAttributeValues)
        let keyCondition = try expressions.keyCondition(input.keyConditionExpression, keys: readKeys)
        let filter = try expressions.condition(input.filterExpression, kind: .filter)
        let projection = try expressions.projection(input.projectionExpression)
        try expressions.finish()
        if let filter {
            let keyNames = Set([keys.partitionKey, keys.sortKey, readKeys.partitionKey, readKeys.sortKey].compactMap { $0 })
            if let key = filter.condition.topLevelNames.intersection(keyNames).sorted().first {
                throw .validation("Filter Expression can only contain non-primary key attributes: Primary key attribute: \(key)")
            }
        }
        try checkProjectable(projection, source: source)

        let partition = PartitionKey(keyCondition.partitionValue)
        let range = KeyRange(keyCondition.sortKey, composite: source.schema != nil)
        let direction: BTreeDirection = input.scanIndexForward ? .forward : .backward
        let startKey = try input.exclusiveStartKey.map { key throws(DynamoDBError) in try startKeyBytes(key, source: source, partition: partition) }
        var page = PageCollector(limit: input.limit, filter: filter)
        if let schema = source.schema, schema.projection.projectionType != .all {
            page.projectedSize = { schema.projectedSize($0) }
        }

        if !range.isEmpty {
            switch source {
            case .table:
                readingPartition(partition) { p in
                    let context = p.context
                    page.needsSizes = input.returnConsumedCapacity != .none || p.itemBytes >= Table.pageSizeLimit
                    if !Table.walkRecords(p.items, range: range, direction: direction, startKey: startKey, page: &page, context: context) {
                        Table.walk(p.items, range: range, direction: direction, startKey: startKey, page: &page) {
                            StoredItem(record: $0, context: context)
                        }
                    }
                }
            case .local(let i, _):
                readingPartition(partition) { p in
                    Table.walk(p.localIndexes[i], range: range, direction: direction, startKey: startKey, page: &page) { $0.item }
                }
            case .global(let index):
                index.catchUp()
                index.lock.lockRead()
                if let tree = index.partitions[partition] {
                    Table.walk(tree, range: range, direction: direction, startKey: startKey, page: &page) { $0.item }
                }
                index.lock.unlock()
            }
        }
        return finishPage(page, source: source, select: select, projection: projection,
                          consistent: input.consistentRead, capacityMode: input.returnConsumedCapacity)
    }

    /// Walks `tree` over `range` in `direction`, feeding `page` until it is full or the range ends.
    @inline(__always)
    static func walk<Element: BTreeElement>(
        _ tree: BTree<Element>, range: KeyRange, direction: BTreeDirection, startKey: [UInt8]?,
        page: inout PageCollector, _ item: (Element) -> StoredItem
    ) {
        let start = range.start(direction: direction, after: startKey)
        prefetchPage(tree, from: start, direction: direction, limit: page.limit)
        if isPlainPage(range: range, direction: direction, startKey: startKey, page: page) {
            tree.visit(from: start, direction: direction) { page.addUnsized(item($0)) }
            return
        }
        tree.visit(from: start, direction: direction) { element in
            let inRange = element.withKeyBytes { key -> Bool in
                if let prefix = range.prefix {
                    guard key.count >= prefix.count,
                          prefix.withUnsafeBytes({ compareKeyBytes(UnsafeRawBufferPointer(rebasing: key[0..<$0.count]), $0) }) == 0
                    else { return false }
                }
                return direction == .forward ? range.belowUpper(key) : range.aboveLower(key)
            }
            guard inRange else { return false }
            // A start key past the range's far side would otherwise walk from outside it.
            if startKey != nil, !(element.withKeyBytes { range.contains($0) }) { return true }
            return page.add(item(element))
        }
    }

    /// Whether there is nothing to check per element: the page is the first `limit` elements from the start
    /// (no far bound, prefix, start key or filter, and item sizes not needed).
    @inline(__always)
    static func isPlainPage(range: KeyRange, direction: BTreeDirection, startKey: [UInt8]?, page: PageCollector) -> Bool {
        let towards = direction == .forward ? range.upper : range.lower
        guard case .unbounded = towards else { return false }
        return range.prefix == nil && startKey == nil && page.filter == nil && !page.needsSizes
    }

    /// Collecting an element retains it: an atomic write to its first cache line, which on a cold table is
    /// a miss (perf annotate: 82% of the walk on that load), and atomics do not overlap. Prefetching the
    /// page's elements first lets the misses overlap. Not measured in isolation (the machine was too noisy
    /// to separate it); its cost is one extra walk over `limit` pointers the walk reads anyway.
    @inline(__always)
    static func prefetchPage<Element: BTreeElement>(_ tree: BTree<Element>, from start: BTreeBound, direction: BTreeDirection, limit: Int) {
        guard limit <= 64 else { return }
        var ahead = 0
        tree.visit(from: start, direction: direction) { element in
            stbench_prefetch(Unmanaged.passUnretained(element).toOpaque())
            ahead += 1
            return ahead < limit
        }
    }

    /// A table Query's plain page (`isPlainPage`) collected as bare records of one partition; false
    /// (nothing collected) when the page is not plain and `walk` must check each element.
    @inline(__always)
    static func walkRecords(
        _ tree: BTree<ItemRecord>, range: KeyRange, direction: BTreeDirection, startKey: [UInt8]?,
        page: inout PageCollector, context: PartitionContext
    ) -> Bool {
        guard isPlainPage(range: range, direction: direction, startKey: startKey, page: page) else { return false }
        let start = range.start(direction: direction, after: startKey)
        let limit = page.limit
        prefetchPage(tree, from: start, direction: direction, limit: limit)
        // Initialised in place: `append` in the visit's closure went through Array's unspecialised
        // AnyObject entry points and retained each record twice (+250 instructions per newest-20 Query).
        let records = [ItemRecord](unsafeUninitializedCapacity: Swift.min(limit, tree.count)) { buffer, count in
            guard buffer.count > 0 else { return }
            tree.visit(from: start, direction: direction) { record in
                buffer.initializeElement(at: count, to: record)
                count += 1
                return count < buffer.count
            }
        }
        // As `addUnsized`: reaching the limit ends the page and names its last item.
        if records.count >= limit, let last = records.last {
            page.truncated = true
            page.lastEvaluated = StoredItem(record: last, context: context)
        }
        page.scanned = records.count
        page.records = records
        page.recordsContext = context
        return true
    }

    func finishPage(
        _ page: PageCollector, source: ReadSource, select: Select, projection: ProjectionExpression?,
        consistent: Bool, capacityMode: ReturnConsumedCapacity
    ) -> QueryOutput {
        let items: ItemList
        if select == .count {
            items = ItemList()
        } else if let projection {
            items = ItemList(items: page.storedItems.map { projection.project($0) })
        } else if let names = source.schema?.projectedNames, select != .allAttributes {
            items = ItemList(items: page.storedItems.map { stored in
                var item = Item(minimumCapacity: names.count)
                for name in names { if let v = stored.attribute(name) { item[name] = v } }
                return item
            })
        } else if page.recordsContext != nil {  // not `if let`: that copied the Optional through generic witnesses (~240 instructions)
            items = ItemList(records: page.records, context: page.recordsContext.unsafelyUnwrapped)
        } else {
            items = ItemList(stored: page.items)
        }
        return QueryOutput(
            items: items, count: page.count, scannedCount: page.scanned,
            consumedCapacity: capacityMode == .none ? nil : pageCapacity(page.bytes, source: source, consistent: consistent, mode: capacityMode),
            lastEvaluated: page.truncated ? page.lastEvaluated.map { .stored($0, indexKeys: source.schema?.keys) } : nil)
    }

    /// The capacity a page of `bytes` consumed, as `mode` asks for it. Only built when asked for: the
    /// tally cost ~250 instructions per Query otherwise (callgrind, newest-20 Query, when it held dictionaries).
    func pageCapacity(_ bytes: Int, source: ReadSource, consistent: Bool, mode: ReturnConsumedCapacity) -> ConsumedCapacity? {
        var tally = CapacityTally(isWrite: false)
        let units = CapacityMath.readUnits(bytes, consistent: consistent)
        switch source {
        case .table: tally.read = units
        case .global(let index): tally.globalIndexes[index.schema.name, default: 0] = units
        case .local(_, let schema): tally.localIndexes[schema.name, default: 0] = units
        }
        return tally.render(tableName: name, mode: mode)
    }

    /// Encodes an ExclusiveStartKey as a position in the tree being read.
    func startKeyBytes(_ key: Item, source: ReadSource, partition: PartitionKey?) throws(DynamoDBError) -> [UInt8] {
        let invalid = DynamoDBError.validation("The provided starting key is invalid: The provided key element does not match the schema")
        var tableKey: Item = [:]
        for name in [keys.partitionKey, keys.sortKey].compactMap({ $0 }) {
            guard let value = key[name] else { throw invalid }
            tableKey[name] = value
        }
        let (tablePartition, tableSort): (PartitionKey, [UInt8])
        do { (tablePartition, tableSort) = try validateKey(tableKey) } catch { throw invalid }
        guard let schema = source.schema else {
            if let partition, partition != tablePartition {
                throw .validation("The provided starting key is invalid: The provided starting key does not match the range key predicate")
            }
            return tableSort
        }
        var expected = Set([keys.partitionKey, keys.sortKey, schema.keys.partitionKey, schema.keys.sortKey].compactMap { $0 })
        expected.formUnion(tableKey.keys)
        guard Set(key.keys) == expected else { throw invalid }
        var bytes: [UInt8] = []
        if let s = schema.keys.sortKey {
            guard let v = key[s] else { throw invalid }
            KeyEncoding.append(v, to: &bytes)
        }
        if schema.isGlobal { KeyEncoding.append(tablePartition.value, to: &bytes) }
        if let s = keys.sortKey, let v = key[s] { KeyEncoding.append(v, to: &bytes) }
        return bytes
    }

    /// A GSI returns only what it projects: asking for more is an error (an LSI fetches it from the table).
    func checkProjectable(_ projection: ProjectionExpression?, source: ReadSource) throws(DynamoDBError) {
        guard let projection, case .global(let index) = source, let names = index.schema.projectedNames else { return }
        if let missing = projection.topLevelNames.first(where: { !names.contains($0) }) {
            throw .validation("One or more parameter values were invalid: Global secondary index \(index.schema.name) does not project attribute \(missing)")
        }
    }

    static func validateLimit(_ limit: Int?) throws(DynamoDBError) {
        if let limit, limit < 1 {
            throw .validation("1 validation error detected: Value '\(limit)' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1")
        }
    }

    func validateSelect(_ select: Select?, projection: String?, source: ReadSource) throws(DynamoDBError) -> Select {
        switch select {
        case nil:
            return projection == nil ? (source.schema == nil ? .allAttributes : .allProjectedAttributes) : .specificAttributes
        case .specificAttributes?:
            if projection == nil {
                throw .validation("1 validation error detected: Value 'SPECIFIC_ATTRIBUTES' at 'select' failed to satisfy constraint: SPECIFIC_ATTRIBUTES requires a ProjectionExpression")
            }
            return .specificAttributes
        case let other?:
            if projection != nil {
                throw .validation("Cannot specify the ProjectionExpression when choosing to get \(other.rawValue)")
            }
            if other == .allProjectedAttributes, source.schema == nil {
                throw .validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName")
            }
            if other == .allAttributes, case .global(let index) = source, index.schema.projection.projectionType != .all {
                throw .validation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index \(index.schema.name) because its projection type is not ALL")
            }
            return other
        }
    }

    // MARK: Scan

    public func scan(_ input: ScanInput) throws(DynamoDBError) -> ScanOutput {
        try checkTableName(input.tableName)
        try Table.validateLimit(input.limit)
        let (segment, totalSegments) = try Table.validateSegments(input.segment, input.totalSegments)
        let source = try resolveIndex(input.indexName)
        if case .global = source, input.consistentRead {
            throw .validation("Consistent reads are not supported on global secondary indexes")
        }
        let select = try validateSelect(input.select, projection: input.projectionExpression, source: source)
        var expressions = try RequestExpressions(names: input.expressionAttributeNames, values: input.expressionAttributeValues)
        let filter = try expressions.condition(input.filterExpression, kind: .filter)
        let projection = try expressions.projection(input.projectionExpression)
        try expressions.finish()
        try checkProjectable(projection, source: source)

        // Segment s of n owns partitions whose hash falls in [s * 2^64 / n, (s + 1) * 2^64 / n).
        let segmentStart = UInt64((UInt128(segment) << 64) / UInt128(totalSegments))
        let segmentEnd = UInt128(segment + 1) << 64 / UInt128(totalSegments)

        var page = PageCollector(limit: input.limit, filter: filter)
        if let schema = source.schema, schema.projection.projectionType != .all {
            page.projectedSize = { schema.projectedSize($0) }
        }
        var startPartition: PartitionKey? = nil
        var startKey: [UInt8]? = nil
        if let esk = input.exclusiveStartKey {
            let partitionName = source.schema?.isGlobal == true ? source.schema!.keys.partitionKey : keys.partitionKey
            guard let value = esk[partitionName] else {
                throw .validation("The provided starting key is invalid: The provided key element does not match the schema")
            }
            startPartition = PartitionKey(value)
            startKey = try startKeyBytes(esk, source: source, partition: nil)
        }

        var cursor: BTreeBound = startPartition.map { .inclusive($0.directoryKey) }
            ?? .inclusive(withUnsafeBytes(of: segmentStart.bigEndian) { Array($0) })
        var firstPartition = true
        scanning: while true {
            guard let partition = nextPartition(after: cursor, source: source) else { break }
            cursor = .exclusive(partition.directoryKey)
            if UInt128(partition.hash) >= segmentEnd { break }
            let fromKey = (firstPartition && startPartition == partition) ? startKey : nil
            firstPartition = false
            var more = true
            switch source {
            case .table:
                more = readingPartition(partition) { p in
                    let context = p.context
                    return Table.scanTree(p.items, after: fromKey, page: &page) { StoredItem(record: $0, context: context) }
                } ?? true
            case .local(let i, _):
                more = readingPartition(partition) { p in Table.scanTree(p.localIndexes[i], after: fromKey, page: &page) { $0.item } } ?? true
            case .global(let index):
                index.lock.lockRead()
                if let tree = index.partitions[partition] {
                    more = Table.scanTree(tree, after: fromKey, page: &page) { $0.item }
                }
                index.lock.unlock()
            }
            if !more { break scanning }
        }
        return finishPage(page, source: source, select: select, projection: projection,
                          consistent: input.consistentRead, capacityMode: input.returnConsumedCapacity)
    }

    static func scanTree<Element: BTreeElement>(
        _ tree: BTree<Element>, after startKey: [UInt8]?, page: inout PageCollector, _ item: (Element) -> StoredItem
    ) -> Bool {
        var more = true
        tree.visit(from: startKey.map { .exclusive($0) } ?? .unbounded, direction: .forward) { element in
            more = page.add(item(element))
            return more
        }
        return more
    }

    /// The first partition at or after `cursor` in Scan order, in the table or the index being scanned.
    func nextPartition(after cursor: BTreeBound, source: ReadSource) -> PartitionKey? {
        var found: PartitionKey? = nil
        let pick: (DirectoryEntry) -> Bool = { entry in
            found = entry.partition
            return false
        }
        if case .global(let index) = source {
            index.catchUp()
            index.lock.withReadLock { index.directory.visit(from: cursor, direction: .forward, pick) }
        } else {
            directoryLock.withReadLock { directory.visit(from: cursor, direction: .forward, pick) }
        }
        return found
    }

    static func validateSegments(_ segment: Int?, _ total: Int?) throws(DynamoDBError) -> (Int, Int) {
        switch (segment, total) {
        case (nil, nil): return (0, 1)
        case (nil, _?): throw .validation("The TotalSegments parameter is specified, but the Segment parameter is not provided.")
        case (_?, nil): throw .validation("The Segment parameter is specified, but the TotalSegments parameter is not provided.")
        case let (s?, t?):
            guard (1...1_000_000).contains(t) else {
                throw .validation("1 validation error detected: Value '\(t)' at 'totalSegments' failed to satisfy constraint: Member must have value less than or equal to 1000000")
            }
            guard s >= 0, s < t else {
                throw .validation("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: \(s) is out of bounds for TotalSegments: \(t)")
            }
            return (s, t)
        }
    }
}

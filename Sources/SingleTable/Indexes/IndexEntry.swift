/// One entry of a secondary index: the index key (a composite, self-delimiting encoding) and the table
/// item it points at. The record is shared with the table (immutable), so an ALL projection costs no copy;
/// narrower projections are applied when results are built.
final class IndexEntry: BTreeElement, @unchecked Sendable {
    let key: [UInt8]
    let item: StoredItem

    init(key: [UInt8], item: StoredItem) {
        self.key = key
        self.item = item
    }

    @inline(__always)
    func withKeyBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R { try key.withUnsafeBytes(body) }
}

/// What an index needs to know about itself.
struct IndexSchema: Sendable {
    let name: String
    let isGlobal: Bool
    /// The index's own key attributes.
    let keys: KeyAttributes
    let projection: Projection
    /// The table's key attributes (always projected).
    let tableKeys: KeyAttributes

    /// Index key for `item`, or nil when the item lacks the index's key attributes (sparse index).
    /// For a GSI: sk' ‖ table pk ‖ table sk; for an LSI (inside one partition): sk' ‖ table sk.
    /// `partitionKeyPresent`: the caller has already found the GSI's partition key attribute.
    func entryKey(for item: StoredItem, partitionKeyPresent: Bool = false) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entryKeyCapacity(for: item))
        if isGlobal && !partitionKeyPresent {
            guard item.record.hasAttribute(keys.partitionKey) || keys.partitionKey.isSameName(tableKeys.partitionKey)
                    || (tableKeys.sortKey.map { keys.partitionKey.isSameName($0) } ?? false) else { return nil }
        }
        if let sortKey = keys.sortKey {
            guard item.appendKeyComponent(sortKey, to: &bytes) else { return nil }
        }
        if isGlobal { KeyEncoding.append(item.partitionValue, to: &bytes) }
        if let tableSortKey = tableKeys.sortKey { _ = item.appendKeyComponent(tableSortKey, to: &bytes) }
        return bytes
    }

    /// Bytes to reserve for `entryKey`: each component's bytes plus its 2-byte terminator (escapes of 0x00
    /// bytes, rare, may still grow the array). Exact when the index sort key is a table key attribute, as in
    /// Cruddur's GSI (sk ‖ pk ‖ sk, about 110 bytes): a fixed 96 made every such key grow once (a second
    /// allocation and copy per index write) and left it in a 256-byte size class instead of 160.
    @inline(__always)
    private func entryKeyCapacity(for item: StoredItem) -> Int {
        let tableSortKeyBytes = item.record.withSortKey { $0.count }
        var capacity = 2 + tableSortKeyBytes  // an LSI's or a GSI's table sort key component
        if let sortKey = keys.sortKey {
            if sortKey.isSameName(tableKeys.partitionKey) {
                capacity += 2 + item.partitionValue.sizeInBytes
            } else if tableKeys.sortKey.map({ sortKey.isSameName($0) }) ?? false {
                capacity += 2 + tableSortKeyBytes
            } else {
                capacity += 2 + 32  // a non-key attribute: a guess (reading it here would scan the record twice)
            }
        }
        if isGlobal { capacity += 2 + item.partitionValue.sizeInBytes }
        return capacity
    }

    /// Attribute names an item of this index carries (nil = all).
    var projectedNames: Set<String>? {
        switch projection.projectionType {
        case .all: return nil
        case .keysOnly, .include:
            var names: Set<String> = [tableKeys.partitionKey, keys.partitionKey]
            if let s = tableKeys.sortKey { names.insert(s) }
            if let s = keys.sortKey { names.insert(s) }
            for extra in projection.nonKeyAttributes ?? [] { names.insert(extra) }
            return names
        }
    }

    /// DynamoDB's size of the projected copy of `item`, for index write capacity.
    func projectedSize(_ item: StoredItem) -> Int {
        guard let names = projectedNames else { return item.size }
        var size = 0
        for name in names {
            if let value = item.attribute(name) { size += name.utf8.count + value.sizeInBytes }
        }
        return size
    }

    /// Validates an item's index key attributes: a present key attribute must have the defined type and not be empty.
    func validate(_ item: Item) throws(DynamoDBError) {
        for (name, type) in [(keys.partitionKey, keys.partitionKeyType), (keys.sortKey, keys.sortKeyType)] {
            guard let name, let type, let value = item[name] else { continue }
            if value.type.rawValue != type.rawValue {
                throw .validation(
                    "One or more parameter values were invalid: Type mismatch for Index Key \(name) Expected: \(type.rawValue) Actual: \(value.type.rawValue) IndexName: \(self.name)")
            }
            if case .s(let s) = value, s.isEmpty {
                throw .validation(
                    "One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: \(self.name), IndexKey: \(name)")
            }
            if case .b(let b) = value, b.isEmpty {
                throw .validation(
                    "One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty binary value. IndexName: \(self.name), IndexKey: \(name)")
            }
        }
    }
}

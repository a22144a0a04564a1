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
        bytes.reserveCapacity(96)
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

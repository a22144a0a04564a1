/// Validation of items and keys against the table's schema, with DynamoDB's messages.
extension Table {
    static let maximumItemSize = 400 * 1024
    static let maximumPartitionKeySize = 2048
    static let maximumSortKeySize = 1024

    /// A validated write target: partition, encoded sort key, and the DynamoDB size of the item.
    struct ValidatedItem {
        let partition: PartitionKey
        let sortKey: [UInt8]
        let size: Int
    }

    /// Checks a whole item for PutItem (and the result of an update).
    func validateItem(_ item: Item) throws(DynamoDBError) -> ValidatedItem {
        let partition = try keyValue(item, keys.partitionKey, keys.partitionKeyType, missing: .missingKeyInItem)
        var sortKey: [UInt8] = []
        if let name = keys.sortKey, let type = keys.sortKeyType {
            sortKey = KeyEncoding.encode(try keyValue(item, name, type, missing: .missingKeyInItem))
        }
        var size = 0
        for (name, value) in item {
            try Table.validateValue(value)
            size += name.utf8.count + value.sizeInBytes
        }
        if size > Table.maximumItemSize { throw .itemTooLarge }
        for index in globalIndexes { try index.schema.validate(item) }
        for index in localIndexSchemas { try index.validate(item) }
        return ValidatedItem(partition: PartitionKey(partition), sortKey: sortKey, size: size)
    }

    /// A put's item, validated and encoded: its partition, encoded sort key and record.
    struct PreparedItem {
        let partition: PartitionKey
        let sortKey: [UInt8]
        let record: ItemRecord
    }

    /// Validates and encodes a whole item (PutItem, BatchWriteItem puts, the result of an update).
    ///
    /// One pass over the item collects the key values, the DynamoDB size and whether any value or index key
    /// attribute breaks a rule, and encodes the non-key attributes into stack scratch space; the record is
    /// then one allocation and one copy. Only when something is wrong does `validateItem` run, to throw
    /// exactly the error DynamoDB gives first; items too big for the scratch space are encoded in a second pass.
    /// Measured (callgrind, dataset load of 37.5k Cruddur items): validateItem + ItemRecord.make, which
    /// walked the item three times and looked the keys up by hash, were 9.7k of the 32.9k instructions per
    /// item; one walk plus a second for encoding, 6.3k; encoding during the walk: see the commit.
    func prepareItem(_ item: Item) throws(DynamoDBError) -> PreparedItem {
        let scan = withUnsafeTemporaryAllocation(byteCount: Table.encodingScratchBytes, alignment: 8) { scratch in
            scanAndEncode(item, into: scratch)
        }
        if let prepared = scan { return prepared }
        // Something is wrong: the full check throws DynamoDB's first error. (Should it pass, encode as it says.)
        let validated = try validateItem(item)
        let record = ItemRecord.make(item, keys: keys, sortKey: validated.sortKey, itemSize: validated.size)
        return PreparedItem(partition: validated.partition, sortKey: validated.sortKey, record: record)
    }

    /// Stack space for one item's encoded attributes in `prepareItem` (a Cruddur item needs about 250 bytes).
    /// At most 1024: larger temporary allocations ask the runtime whether the stack has room, and under
    /// callgrind 2048 went to the heap on every put (swift_slowAlloc + free, ~140 instructions per put).
    static let encodingScratchBytes = 1024

    /// `prepareItem`'s single pass; nil when the item breaks a rule (the caller then words the error).
    @inline(__always)
    private func scanAndEncode(_ item: Item, into scratch: UnsafeMutableRawBufferPointer) -> PreparedItem? {
        var partitionValue: AttributeValue? = nil
        var sortValue: AttributeValue? = nil
        var size = 0
        var attributesLength = 0
        var broken = false
        let sortKeyName = keys.sortKey ?? ""
        let base = scratch.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var writer = ItemCodec.Writer(pointer: base)
        for (name, value) in item {
            let nameLength = name.utf8.count
            size &+= nameLength &+ value.sizeInBytes
            switch value {
            case .s, .n, .b, .bool, .null: break
            default: if (try? Table.validateValue(value)) == nil { broken = true }
            }
            if name.isSameName(keys.partitionKey) {
                partitionValue = value
            } else if keys.sortKey != nil && name.isSameName(sortKeyName) {
                sortValue = value
            } else {
                attributesLength &+= ItemCodec.bytesSize(nameLength) &+ ItemCodec.valueSize(value)
                if attributesLength <= scratch.count {
                    writer.string(name)
                    writer.write(value)
                }
            }
            for rule in indexKeyRules where name.isSameName(rule.name) && !rule.accepts(value) { broken = true }
        }
        guard let partitionValue, !broken, size <= Table.maximumItemSize,
              Table.isValidKey(partitionValue, type: keys.partitionKeyType, maximumSize: Table.maximumPartitionKeySize),
              keys.sortKeyType.map({ type in sortValue.map { Table.isValidKey($0, type: type, maximumSize: Table.maximumSortKeySize) } ?? false }) ?? true
        else { return nil }
        let sortKey = sortValue.map(KeyEncoding.encode) ?? []
        let record: ItemRecord
        if attributesLength <= scratch.count {
            record = ItemRecord.make(sortKey: sortKey, encodedAttributes: UnsafeRawBufferPointer(start: base, count: attributesLength), itemSize: size)
        } else {
            record = ItemRecord.make(item, keys: keys, sortKey: sortKey, itemSize: size, attributesLength: attributesLength)
        }
        return PreparedItem(partition: PartitionKey(partitionValue), sortKey: sortKey, record: record)
    }

    /// The checks `keyValue` makes of a present key value, without wording an error.
    @inline(__always)
    static func isValidKey(_ value: AttributeValue, type: ScalarAttributeType, maximumSize: Int) -> Bool {
        switch (type, value) {
        case (.s, .s(let s)): let n = s.utf8.count; return n > 0 && n <= maximumSize
        case (.b, .b(let b)): return !b.isEmpty && b.count <= maximumSize
        case (.n, .n(let n)): return n.sizeInBytes <= maximumSize
        default: return false
        }
    }

    /// Checks a primary key (GetItem, DeleteItem, UpdateItem, BatchGet, transactions): exactly the key attributes.
    func validateKey(_ key: Item) throws(DynamoDBError) -> (partition: PartitionKey, sortKey: [UInt8]) {
        let expected = keys.sortKey == nil ? 1 : 2
        guard key.count == expected else { throw .keySchemaMismatch }
        let partition = try keyValue(key, keys.partitionKey, keys.partitionKeyType, missing: .keyMismatch)
        var sortKey: [UInt8] = []
        if let name = keys.sortKey, let type = keys.sortKeyType {
            sortKey = KeyEncoding.encode(try keyValue(key, name, type, missing: .keyMismatch))
        }
        return (PartitionKey(partition), sortKey)
    }

    enum MissingKeyError { case missingKeyInItem, keyMismatch }

    private func keyValue(_ item: Item, _ name: String, _ type: ScalarAttributeType, missing: MissingKeyError) throws(DynamoDBError) -> AttributeValue {
        guard let value = item[name] else {
            switch missing {
            case .missingKeyInItem: throw .validation("One or more parameter values were invalid: Missing the key \(name) in the item")
            case .keyMismatch: throw .keySchemaMismatch
            }
        }
        guard value.type.rawValue == type.rawValue else {
            switch missing {
            case .missingKeyInItem:
                throw .validation("One or more parameter values were invalid: Type mismatch for key \(name) expected: \(type.rawValue) actual: \(value.type.rawValue)")
            case .keyMismatch: throw .keySchemaMismatch
            }
        }
        let size = value.sizeInBytes
        if size == 0 {
            throw .validation(
                "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty \(type == .s ? "string" : "binary") value. Key: \(name)")
        }
        if name == keys.partitionKey, size > Table.maximumPartitionKeySize {
            throw .validation("One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of 2048 bytes")
        }
        if name == keys.sortKey, size > Table.maximumSortKeySize {
            throw .validation("One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes")
        }
        return value
    }

    /// DynamoDB's rules for values anywhere in an item: sets are non-empty and free of duplicates.
    static func validateValue(_ value: AttributeValue) throws(DynamoDBError) {
        switch value {
        case .s, .n, .b, .bool, .null: return
        case .m(let map): for element in map.values { try validateValue(element) }
        case .l(let list): for element in list { try validateValue(element) }
        case .ss(let set):
            if set.isEmpty { throw .validation("One or more parameter values were invalid: An string set  may not be empty") }
            if Set(set.map { Array($0.utf8) }).count != set.count { throw duplicates(set.map { $0 }) }
        case .ns(let set):
            if set.isEmpty { throw .validation("One or more parameter values were invalid: An number set  may not be empty") }
            if Set(set).count != set.count { throw duplicates(set.map(\.description)) }
        case .bs(let set):
            if set.isEmpty { throw .validation("One or more parameter values were invalid: Binary sets should not be empty") }
            if Set(set).count != set.count { throw duplicates(set.map { "\($0)" }) }
        }
    }

    private static func duplicates(_ elements: [String]) -> DynamoDBError {
        .validation("One or more parameter values were invalid: Input collection [\(elements.joined(separator: ", "))] contains duplicates.")
    }
}

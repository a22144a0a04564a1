/// How a table's key attributes are named and typed; shared by records, indexes and validation.
struct KeyAttributes: Sendable, Hashable {
    var partitionKey: String
    var partitionKeyType: ScalarAttributeType
    var sortKey: String?
    var sortKeyType: ScalarAttributeType?

    @inline(__always)
    func isKey(_ name: String) -> Bool { name.isSameName(partitionKey) || (sortKey.map { name.isSameName($0) } ?? false) }
}

extension String {
    /// `==` behind a UTF-8 length check. Attribute names are compared per attribute on every write; most
    /// comparisons are mismatches, and String's `==` on two different strings takes its slow comparison
    /// path (`_stringCompareWithSmolCheck` was 3% of a dataset load's instructions, callgrind), while a
    /// native string's UTF-8 count is stored. Names are compared as DynamoDB does, by bytes, in every
    /// case this shortcut decides (different byte lengths never name the same attribute).
    @inline(__always)
    func isSameName(_ other: String) -> Bool { utf8.count == other.utf8.count && self == other }
}

/// A secondary index key attribute: a present attribute of this name must have this type and not be empty.
struct IndexKeyRule: Sendable {
    let name: String
    let type: ScalarAttributeType

    /// Whether `value` may be stored under this index key attribute.
    @inline(__always)
    func accepts(_ value: AttributeValue) -> Bool {
        switch (type, value) {
        case (.s, .s(let s)): return !s.isEmpty
        case (.b, .b(let b)): return !b.isEmpty
        case (.n, .n): return true
        default: return false
        }
    }
}

struct RecordHeader {
    /// Bytes of the encoded sort key at the start of the tail (0 for a hash-only table).
    var sortKeyLength: UInt32
    /// Bytes of encoded attributes after the sort key.
    var attributesLength: UInt32
    /// DynamoDB's size of the whole item (key attributes included).
    var itemSize: UInt32
}

/// One stored item: immutable, one allocation holding the encoded sort key followed by every attribute
/// except the two key attributes (the partition key lives once in its partition; the sort key is the
/// B-tree key, decoded on demand).
///
/// Immutable so readers can hold a record after releasing the partition's lock: a write replaces the
/// record instead of mutating it. Query results are arrays of records, decoded only when read.
final class ItemRecord: ManagedBuffer<RecordHeader, UInt8>, @unchecked Sendable {
    /// Encodes `item` (which has been validated against `keys`). `attributesLength`, the encoded size of the
    /// non-key attributes, is computed here unless the caller already has it (`Table.prepareItem` does).
    static func make(_ item: Item, keys: KeyAttributes, sortKey: [UInt8], itemSize: Int, attributesLength known: Int? = nil) -> ItemRecord {
        var attributesLength = 0
        if let known {
            attributesLength = known
        } else {
            for (name, value) in item where !keys.isKey(name) {
                attributesLength += ItemCodec.bytesSize(name.utf8.count) + ItemCodec.valueSize(value)
            }
        }
        return allocate(sortKey: sortKey, attributesLength: attributesLength, itemSize: itemSize) { attributes in
            var writer = ItemCodec.Writer(pointer: attributes)
            for (name, value) in item where !keys.isKey(name) {
                writer.string(name)
                writer.write(value)
            }
            assert(writer.pointer == attributes + attributesLength, "record size mismatch")
        }
    }

    /// A record from attributes already in the codec's form (written by `Table.prepareItem`).
    static func make(sortKey: [UInt8], encodedAttributes: UnsafeRawBufferPointer, itemSize: Int) -> ItemRecord {
        allocate(sortKey: sortKey, attributesLength: encodedAttributes.count, itemSize: itemSize) { attributes in
            if let source = encodedAttributes.baseAddress, encodedAttributes.count > 0 {
                UnsafeMutableRawPointer(attributes).copyMemory(from: source, byteCount: encodedAttributes.count)
            }
        }
    }

    /// One allocation with the header set and the sort key copied in; `writeAttributes` fills the
    /// `attributesLength` bytes after the key.
    @inline(__always)
    private static func allocate(
        sortKey: [UInt8], attributesLength: Int, itemSize: Int, _ writeAttributes: (UnsafeMutablePointer<UInt8>) -> Void
    ) -> ItemRecord {
        let buffer = ItemRecord.create(minimumCapacity: sortKey.count + attributesLength) { _ in
            RecordHeader(sortKeyLength: UInt32(sortKey.count), attributesLength: UInt32(attributesLength), itemSize: UInt32(itemSize))
        }
        let record = unsafeDowncast(buffer, to: ItemRecord.self)
        record.withUnsafeMutablePointerToElements { base in
            sortKey.withUnsafeBufferPointer { key in
                if let source = key.baseAddress, key.count > 0 { base.update(from: source, count: key.count) }
            }
            writeAttributes(base + sortKey.count)
        }
        return record
    }

    /// Through the header's address, not `header`, whose every read as a class's stored property costs a
    /// dynamic exclusivity check (`swift_beginAccess`, about 76 instructions; see `IndexBenchmarkHooks`).
    @inline(__always)
    var itemSize: Int { withUnsafeMutablePointerToHeader { Int($0.pointee.itemSize) } }

    @inline(__always)
    func withSortKey<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withUnsafeMutablePointers { header, elements in
            try body(UnsafeRawBufferPointer(start: elements, count: Int(header.pointee.sortKeyLength)))
        }
    }

    var sortKeyBytes: [UInt8] { withSortKey { Array($0) } }

    /// Calls `body` with a reader over the non-key attributes.
    @inline(__always)
    func withAttributes<R>(_ body: (inout ItemCodec.Reader) throws -> R) rethrows -> R {
        try withUnsafeMutablePointers { header, elements in
            let start = UnsafePointer(elements) + Int(header.pointee.sortKeyLength)
            var reader = ItemCodec.Reader(pointer: start, end: start + Int(header.pointee.attributesLength))
            return try body(&reader)
        }
    }

    /// One non-key attribute, decoded; nil when absent.
    func attribute(_ name: String) -> AttributeValue? {
        withAttributes { reader in
            while !reader.isAtEnd {
                let entryName = reader.rawBytes()
                if entryName.equalsUTF8(name) { return reader.value() }
                reader.skipValue()
            }
            return nil
        }
    }

    /// Whether the record has a non-key attribute of that name.
    func hasAttribute(_ name: String) -> Bool {
        withAttributes { reader in
            while !reader.isAtEnd {
                if reader.rawBytes().equalsUTF8(name) { return true }
                reader.skipValue()
            }
            return false
        }
    }

    /// Adds every non-key attribute to `item`.
    func decodeAttributes(into item: inout Item) {
        withAttributes { reader in
            while !reader.isAtEnd {
                let name = reader.string()
                item[name] = reader.value()
            }
        }
    }
}

/// What every item of one partition shares: its partition key and the table's key names. One object per
/// partition, so a `StoredItem` is two references (measured: a page of 20 StoredItems holding the key value
/// and key names inline cost 4 retains per item; the Query walk was dominated by retain/release).
final class PartitionContext: @unchecked Sendable {
    let key: PartitionKey
    let keys: KeyAttributes
    init(key: PartitionKey, keys: KeyAttributes) {
        self.key = key
        self.keys = keys
    }
}

/// A stored item as seen by readers: the record plus its partition key value, decoded lazily.
///
/// Cheap to copy (two references); reading an attribute decodes just that attribute.
public struct StoredItem: @unchecked Sendable {
    let record: ItemRecord
    let context: PartitionContext

    init(record: ItemRecord, context: PartitionContext) {
        self.record = record
        self.context = context
    }

    @inline(__always) var partitionValue: AttributeValue { context.key.value }
    @inline(__always) var keys: KeyAttributes { context.keys }

    /// The whole item as a dictionary (allocates; prefer `subscript` for single attributes).
    public var item: Item {
        var result = Item(minimumCapacity: 8)
        result[keys.partitionKey] = partitionValue
        if let sortKey = keys.sortKey, let type = keys.sortKeyType {
            result[sortKey] = record.withSortKey { KeyEncoding.decode($0, type: type) }
        }
        record.decodeAttributes(into: &result)
        return result
    }

    /// One attribute, decoded on demand.
    public subscript(_ name: String) -> AttributeValue? { attribute(name) }

    /// DynamoDB's size of the item.
    public var size: Int { record.itemSize }

    /// The sort key value (nil for hash-only tables).
    public var sortKeyValue: AttributeValue? {
        guard let type = keys.sortKeyType else { return nil }
        return record.withSortKey { KeyEncoding.decode($0, type: type) }
    }
}

extension StoredItem {
    /// Appends the component key encoding (`KeyEncoding.append`) of the S, N or B attribute `name` to `output`,
    /// straight from the stored bytes; false (nothing appended) when the item lacks it or it is not a key type.
    ///
    /// Why not `KeyEncoding.append(attribute(name)!)`: that decodes the value (a String allocation and UTF-8
    /// validation) only to encode it again; secondary index upkeep does it for every key component of every
    /// write (callgrind, dataset load: `IndexSchema.entryKey` 3.8k instructions per item before this).
    /// The component form is the escaped whole-key form, and a table sort key is stored in whole-key form.
    func appendKeyComponent(_ name: String, to output: inout [UInt8]) -> Bool {
        if name.isSameName(keys.partitionKey) {
            KeyEncoding.append(partitionValue, to: &output)
            return true
        }
        if let sortKey = keys.sortKey, name.isSameName(sortKey) {
            record.withSortKey { KeyEncoding.appendEscaped($0, to: &output) }
            return true
        }
        return record.withAttributes { reader in
            while !reader.isAtEnd {
                guard reader.rawBytes().equalsUTF8(name) else {
                    reader.skipValue()
                    continue
                }
                switch ItemCodec.Tag(rawValue: reader.byte()) {
                case .s?, .b?:
                    KeyEncoding.appendEscaped(reader.rawBytes(), to: &output)
                    return true
                case .n?:
                    KeyEncoding.append(.n(reader.number()), to: &output)
                    return true
                default:
                    return false
                }
            }
            return false
        }
    }
}

extension StoredItem: AttributeReader {
    func attribute(_ name: String) -> AttributeValue? {
        // `isSameName`: String `==` on two different names took its slow path (~53 instructions each; callgrind,
        // D pattern, 27.5k calls in 2000 ops from GSI upkeep alone).
        if name.isSameName(keys.partitionKey) { return partitionValue }
        if let sortKey = keys.sortKey, name.isSameName(sortKey) { return sortKeyValue }
        return record.attribute(name)
    }
}

extension ItemRecord: BTreeElement {
    @inline(__always)
    func withKeyBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R { try withSortKey(body) }
}

extension KeyEncoding {
    /// Decodes a stored key the engine encoded itself: failure would mean corrupted memory.
    @inline(__always)
    static func decode(_ bytes: UnsafeRawBufferPointer, type: ScalarAttributeType) -> AttributeValue {
        // An S key is stored as its UTF-8, written from a String: decode it as the codec decodes strings.
        // The generic `String(validating:)` over a Collection cost ~1.07k instructions per Cruddur sort key.
        if type == .s { return .s(ItemCodec.string(bytes)) }
        do {
            return try decode(bytes, as: type)
        } catch {
            preconditionFailure("stored key does not decode as \(type.rawValue): \(error)")
        }
    }
}

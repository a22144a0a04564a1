/// A change-stream record, as DynamoDB Streams delivers one per modified item.
///
/// The images are the stored items themselves (immutable records shared with the table), decoded only when
/// read: `keys`, `newImage` and `oldImage` build dictionaries, `keyAttribute(_:)` and `newImageAttribute(_:)`
/// decode one attribute. Why: building both images as dictionaries for every write was 18% of a D operation's
/// instructions and a quarter of a dataset load's with a stream enabled (callgrind), while the stream
/// trigger reads three attributes.
public struct StreamRecord: Sendable {
    public enum EventName: String, Sendable, Hashable { case insert = "INSERT", modify = "MODIFY", remove = "REMOVE" }

    public let eventName: EventName
    /// Strictly increasing across the table's stream.
    public let sequenceNumber: UInt64
    public let tableName: String
    public let streamViewType: StreamViewType
    /// Sum of the keys' and images' item sizes, as DynamoDB's SizeBytes.
    public let sizeBytes: Int
    /// The item the keys are read from: the new item, or the old one for a REMOVE.
    let keyItem: StoredItem
    /// Kept only when the view type includes the image.
    let new: StoredItem?
    let old: StoredItem?

    init(eventName: EventName, sequenceNumber: UInt64, tableName: String, streamViewType: StreamViewType,
         keyItem: StoredItem, new: StoredItem?, old: StoredItem?) {
        self.eventName = eventName
        self.sequenceNumber = sequenceNumber
        self.tableName = tableName
        self.streamViewType = streamViewType
        self.keyItem = keyItem
        self.new = new
        self.old = old
        sizeBytes = StreamRecord.keySize(keyItem) + (new?.size ?? 0) + (old?.size ?? 0)
    }

    /// The primary key of the changed item.
    public var keys: Item {
        var key: Item = [keyItem.keys.partitionKey: keyItem.partitionValue]
        if let name = keyItem.keys.sortKey, let value = keyItem.sortKeyValue { key[name] = value }
        return key
    }

    /// Present for NEW_IMAGE and NEW_AND_OLD_IMAGES (not for REMOVE).
    public var newImage: Item? { new?.item }

    /// Present for OLD_IMAGE and NEW_AND_OLD_IMAGES (not for INSERT).
    public var oldImage: Item? { old?.item }

    /// One key attribute (the partition or sort key), or nil for any other name.
    public func keyAttribute(_ name: String) -> AttributeValue? {
        if name == keyItem.keys.partitionKey { return keyItem.partitionValue }
        if name == keyItem.keys.sortKey { return keyItem.sortKeyValue }
        return nil
    }

    /// One attribute of the new image, when the record has one.
    public func newImageAttribute(_ name: String) -> AttributeValue? { new?.attribute(name) }

    /// One attribute of the old image, when the record has one.
    public func oldImageAttribute(_ name: String) -> AttributeValue? { old?.attribute(name) }

    /// The key attributes' DynamoDB size (name bytes plus value bytes).
    private static func keySize(_ item: StoredItem) -> Int {
        var size = item.keys.partitionKey.utf8.count + item.partitionValue.sizeInBytes
        if let name = item.keys.sortKey, let type = item.keys.sortKeyType {
            size += name.utf8.count
            size += type == .n ? (item.sortKeyValue?.sizeInBytes ?? 0) : item.record.withSortKey { $0.count }
        }
        return size
    }
}

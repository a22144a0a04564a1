/// A change-stream record, as DynamoDB Streams delivers one per modified item.
public struct StreamRecord: Sendable {
    public enum EventName: String, Sendable, Hashable { case insert = "INSERT", modify = "MODIFY", remove = "REMOVE" }

    public var eventName: EventName
    /// Strictly increasing across the table's stream.
    public var sequenceNumber: UInt64
    public var tableName: String
    public var keys: Item
    /// Present for NEW_IMAGE and NEW_AND_OLD_IMAGES (not for REMOVE).
    public var newImage: Item?
    /// Present for OLD_IMAGE and NEW_AND_OLD_IMAGES (not for INSERT).
    public var oldImage: Item?
    public var streamViewType: StreamViewType
    /// Sum of the images' item sizes, as DynamoDB's SizeBytes.
    public var sizeBytes: Int
}

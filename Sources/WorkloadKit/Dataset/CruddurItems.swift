import SingleTable

/// The two item shapes of Cruddur's direct messages, built in one place so the dataset, the targets and the
/// stream trigger agree on them.
public enum CruddurItems {
    public static let tableName = "cruddur-messages"
    public static let groupIndexName = "message-group-sk-index"

    public static let pk = "pk"
    public static let sk = "sk"
    public static let messageGroupUUID = "message_group_uuid"
    public static let messageUUID = "message_uuid"
    public static let message = "message"
    public static let userUUID = "user_uuid"
    public static let userDisplayName = "user_display_name"
    public static let userHandle = "user_handle"

    public static let messagePrefix = "MSG#"
    public static let groupPrefix = "GRP#"

    /// A message: pk MSG#<group>, sk created_at; user attributes are the sender's.
    @inline(__always)
    public static func messageItem(partitionKey: String, createdAt: String, messageUUID: String, text: String, sender: UserProfile) -> Item {
        messageTemplate.make(.s(partitionKey), .s(createdAt), .s(messageUUID), .s(text), .s(sender.uuid), .s(sender.displayName), .s(sender.handle))
    }

    /// A message-group item of `owner`: pk GRP#<owner>, sk last_message_at; user attributes are the OTHER
    /// participant's; `message` is the last message's text.
    @inline(__always)
    public static func groupItem(owner: UserProfile, lastMessageAt: String, groupUUID: String, lastMessage: String, other: UserProfile) -> Item {
        groupItem(partitionKey: owner.groupPartitionKey, lastMessageAt: lastMessageAt, groupUUID: groupUUID, lastMessage: lastMessage,
                  otherUUID: .s(other.uuid), otherDisplayName: .s(other.displayName), otherHandle: .s(other.handle))
    }

    @inline(__always)
    static func groupItem(partitionKey: String, lastMessageAt: String, groupUUID: String, lastMessage: String,
                          otherUUID: AttributeValue, otherDisplayName: AttributeValue, otherHandle: AttributeValue) -> Item {
        groupTemplate.make(.s(partitionKey), .s(lastMessageAt), .s(groupUUID), .s(lastMessage), otherUUID, otherDisplayName, otherHandle)
    }

    /// The primary key of an item as DeleteItem and GetItem take it.
    @inline(__always)
    static func primaryKey(partitionKey: AttributeValue, sortKey: AttributeValue) -> Item {
        keyTemplate.make(partitionKey, sortKey)
    }

    static let keyTemplate = ItemTemplate(names: [pk, sk])
    static let messageTemplate = ItemTemplate(names: [pk, sk, messageUUID, message, userUUID, userDisplayName, userHandle])
    static let groupTemplate = ItemTemplate(names: [pk, sk, messageGroupUUID, message, userUUID, userDisplayName, userHandle])
}

/// Builds items of one fixed shape (one, two or seven attributes) without hashing their names.
///
/// Why: a dictionary literal hashes every attribute name (SipHash) for every item; copying a template that
/// already holds the names and replacing the values by position hashes nothing (a copy-on-write copy keeps
/// the template's indices valid). Measured with callgrind on a dataset load: the literals were 3.5k of the
/// 24.7k instructions per loaded item.
struct ItemTemplate: Sendable {
    let names: [String]
    private let item: Item
    private let positions: [Item.Index]

    init(names: [String]) {
        precondition([1, 2, 7].contains(names.count), "ItemTemplate: expected 1, 2 or 7 attribute names, got \(names.count)")
        precondition(Set(names).count == names.count, "ItemTemplate: duplicate attribute names in \(names)")
        self.names = names
        var item = Item(minimumCapacity: names.count)
        for name in names { item[name] = .null }
        self.item = item
        positions = names.map { item.index(forKey: $0)! }
    }

    /// An item with the template's one name bound to this value (an ExpressionAttributeValues map).
    @inline(__always)
    func make(_ v0: AttributeValue) -> Item {
        precondition(positions.count == 1, "ItemTemplate.make: the template has \(positions.count) names, not 1")
        var result = item
        result.values[positions[0]] = v0
        return result
    }

    /// An item with the template's two names bound, in order, to these values (a primary key).
    /// Measured (callgrind, D pattern): the mover's two-entry key literals were ~1.1k instructions each.
    @inline(__always)
    func make(_ v0: AttributeValue, _ v1: AttributeValue) -> Item {
        precondition(positions.count == 2, "ItemTemplate.make: the template has \(positions.count) names, not 2")
        var result = item
        result.values[positions[0]] = v0
        result.values[positions[1]] = v1
        return result
    }

    /// An item with the template's seven names bound, in order, to these values.
    @inline(__always)
    func make(_ v0: AttributeValue, _ v1: AttributeValue, _ v2: AttributeValue, _ v3: AttributeValue,
              _ v4: AttributeValue, _ v5: AttributeValue, _ v6: AttributeValue) -> Item {
        precondition(positions.count == 7, "ItemTemplate.make: the template has \(positions.count) names, not 7")
        var result = item
        result.values[positions[0]] = v0
        result.values[positions[1]] = v1
        result.values[positions[2]] = v2
        result.values[positions[3]] = v3
        result.values[positions[4]] = v4
        result.values[positions[5]] = v5
        result.values[positions[6]] = v6
        return result
    }
}

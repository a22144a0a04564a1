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
        [
            pk: .s(partitionKey),
            sk: .s(createdAt),
            self.messageUUID: .s(messageUUID),
            message: .s(text),
            userUUID: .s(sender.uuid),
            userDisplayName: .s(sender.displayName),
            userHandle: .s(sender.handle),
        ]
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
        [
            pk: .s(partitionKey),
            sk: .s(lastMessageAt),
            messageGroupUUID: .s(groupUUID),
            message: .s(lastMessage),
            userUUID: otherUUID,
            userDisplayName: otherDisplayName,
            userHandle: otherHandle,
        ]
    }
}

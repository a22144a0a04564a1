import WorkloadKit

/// The Cruddur single table in SQL: the same items as the engine's table, one column per attribute.
///
/// `WITHOUT ROWID` with PRIMARY KEY(pk, sk) stores rows in the primary-key B-tree itself, like the engine's
/// per-partition order; the index on (message_group_uuid, sk) is the GSI `message-group-sk-index` (message
/// rows have a NULL message_group_uuid, as message items lack the attribute in DynamoDB).
enum SQLiteSchema {
    static let table = "messages"

    /// Attribute columns after pk and sk, in the order every SELECT returns them.
    static let attributes = [
        CruddurItems.messageGroupUUID, CruddurItems.message, CruddurItems.messageUUID,
        CruddurItems.userUUID, CruddurItems.userDisplayName, CruddurItems.userHandle,
    ]
    static var columns: [String] { [CruddurItems.pk, CruddurItems.sk] + attributes }
    static var columnList: String { columns.joined(separator: ", ") }

    static var createStatements: [String] {
        [
            "CREATE TABLE \(table) (pk TEXT NOT NULL, sk TEXT NOT NULL, "
                + attributes.map { "\($0) TEXT" }.joined(separator: ", ")
                + ", PRIMARY KEY (pk, sk)) WITHOUT ROWID",
            "CREATE INDEX message_group_sk_index ON \(table) (message_group_uuid, sk)",
        ]
    }

    /// PutItem: a put replaces the whole item with the same key.
    static var put: String {
        "INSERT OR REPLACE INTO \(table) (\(columnList)) VALUES (" + columns.indices.map { "?\($0 + 1)" }.joined(separator: ", ") + ")"
    }

    /// A and B: Query pk = ?, ScanIndexForward = false, Limit ?.
    static var newestFirst: String { "SELECT \(columnList) FROM \(table) WHERE pk = ?1 ORDER BY sk DESC LIMIT ?2" }

    /// D's group-item move, as one statement: every group item of the conversation (found through the GSI
    /// index) whose sk is older than the new message gets sk = the message's time and message = its text.
    /// Same rule as `GroupItemMover` (items already at or past the time are left alone); OR REPLACE gives
    /// put-over-existing semantics should the new key exist.
    static var moveGroupItems: String {
        "UPDATE OR REPLACE \(table) SET sk = ?1, message = ?2 WHERE message_group_uuid = ?3 AND sk < ?1"
    }

    /// Every row in key order (tests compare table states).
    static var all: String { "SELECT \(columnList) FROM \(table) ORDER BY pk, sk" }
}

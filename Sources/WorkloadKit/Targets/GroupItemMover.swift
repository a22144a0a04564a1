import SingleTable

/// Moves a conversation's message-group items to a new last message — what Cruddur's stream-triggered
/// function does: query the GSI `message-group-sk-index` by message_group_uuid, then for each group item
/// delete it and put it again with sk = the new last_message_at and message = the new text (sk is part
/// of the key, so the item cannot be updated in place).
///
/// One deliberate difference: a group item whose sk is already ≥ the new time is left alone. That makes
/// the move idempotent (C's own message would otherwise re-put identical items) and keeps a late
/// trigger from moving a conversation back in time.
///
/// Like Cruddur's function, two concurrent moves of one conversation can both delete the same old item
/// and each put its own, leaving an extra group item for a participant; single-threaded runs never do.
struct GroupItemMover: Sendable {
    let table: Table

    /// Returns the number of items written (deletes + puts).
    func move(groupUUID: String, lastMessageAt: String, lastMessage: String) throws(DynamoDBError) -> Int {
        let found = try table.query(QueryInput(
            tableName: CruddurItems.tableName, indexName: CruddurItems.groupIndexName,
            keyConditionExpression: "message_group_uuid = :g", expressionAttributeValues: [":g": .s(groupUUID)]))
        var writes = 0
        for var item in found.items {
            guard case .s(let oldSK)? = item[CruddurItems.sk], let partitionKey = item[CruddurItems.pk] else { continue }
            guard oldSK.utf8.lexicographicallyPrecedes(lastMessageAt.utf8) else { continue }
            try table.deleteItem(DeleteItemInput(tableName: CruddurItems.tableName, key: [CruddurItems.pk: partitionKey, CruddurItems.sk: .s(oldSK)]))
            item[CruddurItems.sk] = .s(lastMessageAt)
            item[CruddurItems.message] = .s(lastMessage)
            try table.putItem(PutItemInput(tableName: CruddurItems.tableName, item: item))
            writes += 2
        }
        return writes
    }
}

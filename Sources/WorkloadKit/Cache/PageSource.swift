import SingleTable

/// A target whose reads can hand back the page itself, so a cache can keep it.
///
/// `CachedTarget` and `TracingTarget` are generic over it (specialised per concrete target, no
/// existential per operation).
public protocol PageSource: Target {
    /// A's read: the newest `limit` messages of `conversation`.
    func listMessagesPage(conversation: Int, limit: Int) throws(TargetError) -> ItemList
    /// B's read: the newest `limit` conversations of `user`.
    func listConversationsPage(user: Int, limit: Int) throws(TargetError) -> ItemList
    /// Dataset conversations (the partitions A can read).
    var conversationCount: Int { get }
    /// Dataset users (the partitions B can read).
    var userCount: Int { get }
    /// The page sizes A and B use: the pages a write makes stale.
    var listMessagesLimit: Int { get }
    var listConversationsLimit: Int { get }
}

extension PageSource {
    /// The pages a write makes stale: C touches both users' conversation lists; D also the conversation's
    /// message list. Reads touch none.
    @inline(__always)
    func forEachPageWrittenBy(_ op: Operation, _ body: (PageKey) -> Void) {
        switch op.pattern {
        case .listMessages, .listConversations: return
        case .createMessageExistingConversation:
            body(PageKey(pattern: .listMessages, partition: op.conversation, limit: listMessagesLimit))
        case .createMessageNewConversation: break
        }
        body(PageKey(pattern: .listConversations, partition: op.user, limit: listConversationsLimit))
        body(PageKey(pattern: .listConversations, partition: op.otherUser, limit: listConversationsLimit))
    }

    /// Reads the page `key` names from the engine.
    @inline(__always)
    func readPage(_ key: PageKey) throws(TargetError) -> ItemList {
        key.pattern == .listMessages
            ? try listMessagesPage(conversation: key.partition, limit: key.limit)
            : try listConversationsPage(user: key.partition, limit: key.limit)
    }
}

extension EmbeddedTarget: PageSource {
    public func listMessagesPage(conversation: Int, limit: Int) throws(TargetError) -> ItemList {
        do {
            try check(conversation, below: conversationKeys.count, "conversation")
            return try newestFirstPage(conversationQueryValues[conversation], limit: limit)
        } catch { throw EmbeddedTarget.map(error) }
    }

    public func listConversationsPage(user: Int, limit: Int) throws(TargetError) -> ItemList {
        do {
            try check(user, below: users.count, "user")
            return try newestFirstPage(userQueryValues[user], limit: limit)
        } catch { throw EmbeddedTarget.map(error) }
    }

    public var conversationCount: Int { conversationKeys.count }
    public var userCount: Int { users.count }
    public var listMessagesLimit: Int { spec.listMessagesLimit }
    public var listConversationsLimit: Int { spec.listConversationsLimit }

    func newestFirstPage(_ values: [String: AttributeValue], limit: Int) throws(DynamoDBError) -> ItemList {
        try table.query(QueryInput(
            tableName: CruddurItems.tableName, keyConditionExpression: "pk = :pk",
            expressionAttributeValues: values, scanIndexForward: false, limit: limit)).items
    }
}

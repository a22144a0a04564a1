import SingleTable

/// Generates the Cruddur dataset deterministically from (seed, DatasetSpec): users, two-person
/// conversations, their messages (created_at strictly increasing, all before `DatasetLayout.datasetEnd`)
/// and the two message-group items per conversation (sk = the newest message's created_at, `message` =
/// its text, user attributes naming the other participant).
///
/// Conversations are independent (each has its own generator stream), so any range can be generated on
/// its own — the loader splits the work across threads — and the result does not depend on the split.
public struct DatasetGenerator: Sendable {
    public let layout: DatasetLayout
    public let users: [UserProfile]

    public init(seed: UInt64, spec: DatasetSpec) {
        layout = DatasetLayout(seed: seed, spec: spec)
        users = (0..<spec.users).map { UserProfile(seed: seed, index: $0) }
    }

    public var conversationCount: Int { layout.spec.conversations }

    /// Calls `body` with every item of the conversations in `range`, messages first (oldest first), then
    /// the two group items, conversation by conversation.
    public func forEachItem<E: Error>(conversations range: Range<Int>, _ body: (Item) throws(E) -> Void) throws(E) {
        var times: [Int64] = []
        for conversation in range {
            var rng = layout.conversationRNG(conversation)
            let (a, b) = layout.drawParticipants(using: &rng)
            let count = layout.spec.messagesPerConversation.next(using: &rng)
            // Unique last-message time per conversation (slot × conversations + index), so two conversations
            // of one user never share a group-item sort key.
            let n = Int64(layout.spec.conversations)
            let slots = UInt64(max(1, DatasetLayout.lastMessageWindow / n))
            let offset = Int64(rng.nextIndex(below: slots)) * n + Int64(conversation) + 1
            times.removeAll(keepingCapacity: true)
            var t = DatasetLayout.datasetEnd - offset
            for _ in 0..<count {
                times.append(t)
                t -= 1 + Int64(rng.nextIndex(below: DatasetLayout.maximumGap))
            }
            let groupUUID = layout.conversationUUID(conversation)
            let partitionKey = CruddurItems.messagePrefix + groupUUID
            var lastText = ""
            for time in times.reversed() {
                let sender = users[rng.next() & 1 == 0 ? a : b]
                let length = layout.spec.messageLength.next(using: &rng)
                let text = MessageText.text(length: length, position: rng.next())
                let messageUUID = UUIDText.random(using: &rng)
                try body(CruddurItems.messageItem(partitionKey: partitionKey, createdAt: Timestamp.format(microseconds: time),
                                                  messageUUID: messageUUID, text: text, sender: sender))
                lastText = text
            }
            let lastAt = Timestamp.format(microseconds: times[0])
            try body(CruddurItems.groupItem(owner: users[a], lastMessageAt: lastAt, groupUUID: groupUUID, lastMessage: lastText, other: users[b]))
            try body(CruddurItems.groupItem(owner: users[b], lastMessageAt: lastAt, groupUUID: groupUUID, lastMessage: lastText, other: users[a]))
        }
    }

    /// Every item, in generation order (tests and small datasets).
    public func allItems() -> [Item] {
        var items: [Item] = []
        forEachItem(conversations: 0..<conversationCount) { items.append($0) }
        return items
    }
}

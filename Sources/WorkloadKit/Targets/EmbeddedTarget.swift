import Foundation
import SingleTable

/// The workload against the in-memory engine: creates the `cruddur-messages` table, loads the generated
/// dataset, and performs the four patterns through the engine's public API.
///
/// Key strings ("GRP#<uuid>", "MSG#<uuid>") are built once at load time; per operation only a write's
/// new timestamp, uuid and text are formatted.
public final class EmbeddedTarget: Target {
    public let name = "embedded"
    public let spec: WorkloadSpec
    public let database: Database
    /// The table object: operations skip the name lookup.
    public let table: Table
    public let loadStatistics: LoadStatistics
    let layout: DatasetLayout
    let users: [UserProfile]
    /// Per dataset conversation: its group uuid and "MSG#<uuid>".
    let conversationUUIDs: [String]
    let conversationKeys: [String]
    /// The ExpressionAttributeValues of A's and B's queries (`[":pk": "MSG#…"]`, `[":pk": "GRP#…"]`),
    /// built once so a read allocates no dictionary of its own.
    let conversationQueryValues: [[String: AttributeValue]]
    let userQueryValues: [[String: AttributeValue]]
    let mover: GroupItemMover
    let trigger: StreamTrigger?

    /// What loading the dataset took.
    public struct LoadStatistics: Sendable, Hashable {
        public var items: Int
        /// Wall-clock seconds.
        public var seconds: Double
        /// Process CPU seconds (all threads) during the load: comparable across loaded and idle machines.
        public var cpuSeconds: Double
        public var threads: Int

        public init(items: Int, seconds: Double, cpuSeconds: Double, threads: Int) {
            self.items = items
            self.seconds = seconds
            self.cpuSeconds = cpuSeconds
            self.threads = threads
        }

        public var itemsPerSecond: Double { seconds > 0 ? Double(items) / seconds : 0 }
        /// Items per CPU-second of all load threads: what one core loads when it is not shared, so the
        /// figure to compare between runs on a busy machine.
        public var itemsPerCPUSecond: Double { cpuSeconds > 0 ? Double(items) / cpuSeconds : 0 }

        /// CPU seconds the whole process has used (all threads), for `cpuSeconds`.
        public static func processCPUSeconds() -> Double {
            var ts = timespec()
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
            return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
        }

        /// The load's figures under the names results.json uses (`metrics`).
        public var metrics: [String: Double] {
            ["dataset_items": Double(items), "dataset_load_items_per_second": itemsPerSecond,
             "dataset_load_cpu_seconds": cpuSeconds, "dataset_load_threads": Double(threads)]
        }

        /// One line for the terminal.
        public var summary: String {
            "loaded \(items) items in \((seconds * 1000).rounded() / 1000) s with \(threads) thread(s): \(Int(itemsPerSecond)) items/s, \(Int(itemsPerCPUSecond)) items per CPU-second"
        }
    }

    /// Creates the table in `database` and loads the dataset (BatchWriteItem, 25 items per call, split
    /// across `loadThreads` threads by conversation range). With `group_update: stream` the trigger is
    /// subscribed after the load, so loading does not fire it.
    public init(spec: WorkloadSpec, database: Database = Database(), loadThreads: Int = 2) throws(TargetError) {
        self.spec = spec
        self.database = database
        do {
            _ = try database.createTable(EmbeddedTarget.tableDefinition(streams: spec.groupUpdate == .stream))
            table = try database.table(named: CruddurItems.tableName)
        } catch {
            throw EmbeddedTarget.map(error)
        }
        let generator = DatasetGenerator(seed: spec.seed, spec: spec.dataset)
        layout = generator.layout
        users = generator.users
        conversationUUIDs = (0..<spec.dataset.conversations).map { generator.layout.conversationUUID($0) }
        conversationKeys = conversationUUIDs.map { CruddurItems.messagePrefix + $0 }
        conversationQueryValues = conversationKeys.map { [":pk": .s($0)] }
        userQueryValues = generator.users.map { [":pk": .s($0.groupPartitionKey)] }
        mover = GroupItemMover(table: table)
        loadStatistics = try DatasetLoader(database: database, generator: generator).load(threads: max(1, loadThreads))
        if spec.groupUpdate == .stream {
            let trigger = StreamTrigger(mover: mover)
            do {
                try database.subscribe(tableName: CruddurItems.tableName) { trigger.handle($0) }
            } catch {
                throw EmbeddedTarget.map(error)
            }
            self.trigger = trigger
        } else {
            trigger = nil
        }
    }

    /// The Cruddur table: pk/sk strings, GSI message-group-sk-index (message_group_uuid, sk, ALL), and a
    /// NEW_AND_OLD_IMAGES stream when the stream trigger is used.
    public static func tableDefinition(streams: Bool) -> CreateTableInput {
        CreateTableInput(
            tableName: CruddurItems.tableName,
            keySchema: [.hash(CruddurItems.pk), .range(CruddurItems.sk)],
            attributeDefinitions: [
                AttributeDefinition(CruddurItems.pk, .s), AttributeDefinition(CruddurItems.sk, .s),
                AttributeDefinition(CruddurItems.messageGroupUUID, .s),
            ],
            globalSecondaryIndexes: [
                SecondaryIndex(indexName: CruddurItems.groupIndexName,
                               keySchema: [.hash(CruddurItems.messageGroupUUID), .range(CruddurItems.sk)], projection: .all),
            ],
            streamSpecification: streams ? StreamSpecification(streamEnabled: true, streamViewType: .newAndOldImages) : nil)
    }

    /// Errors the stream trigger met (always empty with `group_update: inline`).
    public var triggerErrors: [DynamoDBError] { trigger?.errors ?? [] }

    static func map(_ error: DynamoDBError) -> TargetError {
        TargetError(name: error.name.rawValue, message: error.message)
    }

    // MARK: Operations

    public func perform(_ operation: Operation) throws(TargetError) -> Int {
        do {
            switch operation.pattern {
            case .listMessages: return try listMessages(operation)
            case .listConversations: return try listConversations(operation)
            case .createMessageNewConversation: return try createMessageNewConversation(operation)
            case .createMessageExistingConversation: return try createMessageExistingConversation(operation)
            }
        } catch {
            throw EmbeddedTarget.map(error)
        }
    }

    /// A: Query pk = MSG#<group>, newest first, Limit N.
    func listMessages(_ op: Operation) throws(DynamoDBError) -> Int {
        try check(op.conversation, below: conversationKeys.count, "conversation")
        return try newestFirst(conversationQueryValues[op.conversation], limit: op.limit)
    }

    /// B: Query pk = GRP#<user>, newest first, Limit N.
    func listConversations(_ op: Operation) throws(DynamoDBError) -> Int {
        try check(op.user, below: users.count, "user")
        return try newestFirst(userQueryValues[op.user], limit: op.limit)
    }

    @inline(__always)
    func newestFirst(_ values: [String: AttributeValue], limit: Int) throws(DynamoDBError) -> Int {
        try table.query(QueryInput(
            tableName: CruddurItems.tableName, keyConditionExpression: "pk = :pk",
            expressionAttributeValues: values, scanIndexForward: false, limit: limit)).count
    }

    /// C: both group items and the message, in one transaction or one batch (message last, so a stream
    /// trigger that sees it finds the group items already there).
    func createMessageNewConversation(_ op: Operation) throws(DynamoDBError) -> Int {
        try check(op.user, below: users.count, "user")
        try check(op.otherUser, below: users.count, "other user")
        let sender = users[op.user], other = users[op.otherUser]
        let groupUUID = layout.conversationUUID(op.conversation)
        let createdAt = Timestamp.format(microseconds: DatasetLayout.runTimestamp(sequence: op.sequence))
        let text = MessageText.text(length: op.messageLength, position: op.sequence &* 0x9E37_79B9_7F4A_7C15)
        let items = [
            CruddurItems.groupItem(owner: sender, lastMessageAt: createdAt, groupUUID: groupUUID, lastMessage: text, other: other),
            CruddurItems.groupItem(owner: other, lastMessageAt: createdAt, groupUUID: groupUUID, lastMessage: text, other: sender),
            CruddurItems.messageItem(partitionKey: CruddurItems.messagePrefix + groupUUID, createdAt: createdAt,
                                     messageUUID: layout.runMessageUUID(sequence: op.sequence), text: text, sender: sender),
        ]
        switch spec.newConversationWrite {
        case .transaction:
            try database.transactWriteItems(TransactWriteItemsInput(transactItems: items.map {
                .put(PutItemInput(tableName: CruddurItems.tableName, item: $0))
            }))
        case .batch:
            try DatasetLoader.writeBatch(database, items.map { .put(item: $0) })
        }
        return items.count
    }

    /// D: put the message, then move both group items to it (inline here, or by the stream trigger,
    /// which has already run when putItem returns).
    func createMessageExistingConversation(_ op: Operation) throws(DynamoDBError) -> Int {
        try check(op.conversation, below: conversationKeys.count, "conversation")
        try check(op.user, below: users.count, "user")
        let createdAt = Timestamp.format(microseconds: DatasetLayout.runTimestamp(sequence: op.sequence))
        let text = MessageText.text(length: op.messageLength, position: op.sequence &* 0x9E37_79B9_7F4A_7C15)
        try table.putItem(PutItemInput(tableName: CruddurItems.tableName, item: CruddurItems.messageItem(
            partitionKey: conversationKeys[op.conversation], createdAt: createdAt,
            messageUUID: layout.runMessageUUID(sequence: op.sequence), text: text, sender: users[op.user])))
        guard spec.groupUpdate == .inline else { return 1 }
        return 1 + (try mover.move(groupUUID: conversationUUIDs[op.conversation], lastMessageAt: createdAt, lastMessage: text))
    }

    @inline(__always)
    func check(_ index: Int, below count: Int, _ what: String) throws(DynamoDBError) {
        guard index >= 0 && index < count else {
            throw DynamoDBError.validation("stbench: \(what) index \(index) is outside the dataset (0..<\(count))")
        }
    }
}

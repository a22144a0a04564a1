import Testing
import SingleTable
import WorkloadKit
@testable import SQLiteTarget

/// SQLite must give the same answers as the engine on the same dataset: the expectations are the engine's
/// own results (a DynamoDB-semantics reference tested on its own in WorkloadKitTests), not SQLite's.
@Suite struct SQLiteTargetTests {
    static let spec = WorkloadSpec(
        seed: 9, dataset: DatasetSpec(users: 40, conversations: 80, messagesPerConversation: .uniform(min: 1, max: 30),
                                      messageLength: .uniform(min: 5, max: 40), userActivity: .zipfian(theta: 0.8)),
        mix: PatternMix(listMessages: 1, listConversations: 1, createMessageNewConversation: 1, createMessageExistingConversation: 1))

    static func newestFirst(_ target: EmbeddedTarget, _ pk: String, limit: Int) throws -> [Item] {
        try target.table.query(QueryInput(
            tableName: CruddurItems.tableName, keyConditionExpression: "pk = :pk",
            expressionAttributeValues: [":pk": .s(pk)], scanIndexForward: false, limit: limit)).items.materialized
    }

    static func sortedByKey(_ items: [Item]) -> [Item] {
        func key(_ item: Item) -> String {
            guard case .s(let pk)? = item["pk"], case .s(let sk)? = item["sk"] else { return "" }
            return pk + "\u{0}" + sk
        }
        return items.sorted { key($0).utf8.lexicographicallyPrecedes(key($1).utf8) }
    }

    static func allItems(_ target: EmbeddedTarget) throws -> [Item] {
        sortedByKey(try target.table.scan(ScanInput(tableName: CruddurItems.tableName)).items.materialized)
    }

    @Test func loadsTheSameDataset() throws {
        let sqlite = try SQLiteTarget(spec: Self.spec)
        let expected = DatasetGenerator(seed: Self.spec.seed, spec: Self.spec.dataset).allItems()
        #expect(sqlite.loadStatistics.items == expected.count)
        #expect(try sqlite.allItems() == Self.sortedByKey(expected))
    }

    @Test func listMessagesAndConversationsMatchTheEngine() throws {
        let embedded = try EmbeddedTarget(spec: Self.spec)
        let sqlite = try SQLiteTarget(spec: Self.spec)
        let layout = DatasetLayout(seed: Self.spec.seed, spec: Self.spec.dataset)
        for conversation in stride(from: 0, to: 80, by: 7) {
            let pk = "MSG#" + layout.conversationUUID(conversation)
            for limit in [1, 5, 20] {
                let expected = try Self.newestFirst(embedded, pk, limit: limit)
                #expect(!expected.isEmpty)
                #expect(try sqlite.newestFirst(pk: pk, limit: limit) == expected)
                let op = WorkloadKit.Operation(pattern: .listMessages, conversation: conversation, limit: limit)
                #expect(try sqlite.perform(op) == embedded.perform(op))
            }
        }
        for user in stride(from: 0, to: 40, by: 3) {
            let pk = UserProfile(seed: Self.spec.seed, index: user).groupPartitionKey
            let expected = try Self.newestFirst(embedded, pk, limit: 20)
            #expect(try sqlite.newestFirst(pk: pk, limit: 20) == expected)
            let op = WorkloadKit.Operation(pattern: .listConversations, user: user, limit: 20)
            #expect(try sqlite.perform(op) == embedded.perform(op))
        }
    }

    @Test func writesLeaveTheSameTableState() throws {
        let embedded = try EmbeddedTarget(spec: Self.spec)
        let sqlite = try SQLiteTarget(spec: Self.spec)
        let layout = DatasetLayout(seed: Self.spec.seed, spec: Self.spec.dataset)
        var operations: [WorkloadKit.Operation] = []
        for i in 0..<30 {
            let sequence = UInt64(i + 1)
            if i % 3 == 0 {
                operations.append(WorkloadKit.Operation(pattern: .createMessageNewConversation, conversation: 80 + i, user: i % 40,
                                            otherUser: (i * 7 + 1) % 40, messageLength: 10 + i, sequence: sequence))
            } else {
                let conversation = (i * 13) % 80
                let (a, _) = layout.participants(of: conversation)
                operations.append(WorkloadKit.Operation(pattern: .createMessageExistingConversation, conversation: conversation, user: a,
                                            messageLength: 5 + i, sequence: sequence))
            }
        }
        for op in operations {
            #expect(try sqlite.perform(op) == embedded.perform(op))
        }
        let expected = try Self.allItems(embedded)
        #expect(try sqlite.allItems() == expected)
        // D moved both group items of conversation 13 to its new message (sequence 2): both share that sk.
        let moved = try sqlite.allItems().filter { $0["message_group_uuid"] == .s(layout.conversationUUID(13)) }
        #expect(moved.count == 2)
        #expect(moved.allSatisfy { $0["sk"] == .s(Timestamp.format(microseconds: DatasetLayout.runTimestamp(sequence: 2))) })
    }

    @Test func outOfRangeIndexIsAValidationError() throws {
        let sqlite = try SQLiteTarget(spec: Self.spec)
        #expect(throws: TargetError.self) { try sqlite.perform(WorkloadKit.Operation(pattern: .listMessages, conversation: 80, limit: 5)) }
    }
}

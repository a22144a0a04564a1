import Testing
import SingleTable
@testable import WorkloadKit

/// Tests against the real engine (SingleTable), through the target's public behaviour.
@Suite struct EmbeddedTargetTests {
    static func spec(_ groupUpdate: GroupUpdate = .inline, _ write: NewConversationWrite = .transaction, seed: UInt64 = 4) -> WorkloadSpec {
        WorkloadSpec(seed: seed, dataset: DatasetSpec(users: 30, conversations: 60, messagesPerConversation: .uniform(min: 1, max: 5),
                                                      messageLength: .uniform(min: 5, max: 30), userActivity: .zipfian(theta: 0.7)),
                     mix: PatternMix(listMessages: 1, listConversations: 1, createMessageNewConversation: 1, createMessageExistingConversation: 1),
                     newConversationWrite: write, groupUpdate: groupUpdate)
    }

    static func get(_ target: EmbeddedTarget, _ pk: String, _ sk: String) throws -> Item? {
        try target.table.getItem(GetItemInput(tableName: CruddurItems.tableName, key: ["pk": .s(pk), "sk": .s(sk)])).item
    }

    @Test(arguments: [GroupUpdate.inline, .stream])
    func loadWritesEveryGeneratedItem(_ mode: GroupUpdate) throws {
        let spec = Self.spec(mode)
        let expected = DatasetGenerator(seed: spec.seed, spec: spec.dataset).allItems()
        let target = try EmbeddedTarget(spec: spec, loadThreads: 2)
        #expect(target.loadStatistics.items == expected.count)
        let description = target.table.describe()
        #expect(description.itemCount == expected.count)
        #expect(description.globalSecondaryIndexes?.first?.indexName == "message-group-sk-index")
        #expect(description.globalSecondaryIndexes?.first?.itemCount == 2 * spec.dataset.conversations)
        #expect((description.streamSpecification?.streamEnabled ?? false) == (mode == .stream))
        for item in expected.prefix(40) {
            guard case .s(let pk)? = item["pk"], case .s(let sk)? = item["sk"] else { Issue.record("item without keys"); continue }
            #expect(try Self.get(target, pk, sk) == item)
        }
    }

    @Test(arguments: [NewConversationWrite.transaction, .batch])
    func createMessageNewConversationWritesThreeItems(_ write: NewConversationWrite) throws {
        let spec = Self.spec(.inline, write)
        let target = try EmbeddedTarget(spec: spec)
        let before = target.table.describe().itemCount
        let op = Operation(pattern: .createMessageNewConversation, conversation: 60 + 5, user: 3, otherUser: 8, messageLength: 12, sequence: 5)
        #expect(try target.perform(op) == 3)
        #expect(target.table.describe().itemCount == before + 3)

        // Expected by hand from the item shapes: the timestamp is runStart + 5 µs = 2026-11-21T00:00:01.000005.
        let at = "2026-11-21T00:00:01.000005+00:00"
        let layout = DatasetLayout(seed: spec.seed, spec: spec.dataset)
        let group = layout.conversationUUID(65)
        let u3 = UserProfile(seed: spec.seed, index: 3), u8 = UserProfile(seed: spec.seed, index: 8)
        let message = try #require(try Self.get(target, "MSG#" + group, at))
        guard case .s(let text)? = message["message"] else { Issue.record("no message text"); return }
        #expect(text.utf8.count == 12)
        #expect(message == ["pk": .s("MSG#" + group), "sk": .s(at), "message_uuid": .s(layout.runMessageUUID(sequence: 5)),
                            "message": .s(text), "user_uuid": .s(u3.uuid), "user_display_name": .s(u3.displayName), "user_handle": .s(u3.handle)])
        #expect(try Self.get(target, "GRP#" + u3.uuid, at) == [
            "pk": .s("GRP#" + u3.uuid), "sk": .s(at), "message_group_uuid": .s(group), "message": .s(text),
            "user_uuid": .s(u8.uuid), "user_display_name": .s(u8.displayName), "user_handle": .s(u8.handle)])
        #expect(try Self.get(target, "GRP#" + u8.uuid, at) == [
            "pk": .s("GRP#" + u8.uuid), "sk": .s(at), "message_group_uuid": .s(group), "message": .s(text),
            "user_uuid": .s(u3.uuid), "user_display_name": .s(u3.displayName), "user_handle": .s(u3.handle)])
    }

    @Test func outOfRangeIndicesAreTargetErrors() throws {
        let target = try EmbeddedTarget(spec: Self.spec())
        #expect(throws: TargetError.self) { try target.perform(Operation(pattern: .listMessages, conversation: 60, limit: 5)) }
        #expect(throws: TargetError.self) { try target.perform(Operation(pattern: .listConversations, user: -1, limit: 5)) }
        do {
            _ = try target.perform(Operation(pattern: .createMessageExistingConversation, conversation: 1000, user: 0))
            Issue.record("expected an error")
        } catch {
            #expect(error.name == "ValidationException")
        }
    }

    @Test func tableCreatedTwiceIsAResourceInUseError() throws {
        let database = Database()
        _ = try EmbeddedTarget(spec: Self.spec(), database: database)
        do {
            _ = try EmbeddedTarget(spec: Self.spec(), database: database)
            Issue.record("expected an error")
        } catch {
            #expect(error.name == "ResourceInUseException")
        }
    }

    // MARK: Reads and moves

    static func messages(_ target: EmbeddedTarget, conversation: Int) throws -> [Item] {
        let pk = "MSG#" + DatasetLayout(seed: target.spec.seed, spec: target.spec.dataset).conversationUUID(conversation)
        return try target.table.query(QueryInput(tableName: CruddurItems.tableName, keyConditionExpression: "pk = :pk",
                                                 expressionAttributeValues: [":pk": .s(pk)])).items.materialized
    }

    @Test
    func listMessagesReturnsTheNewestFirst() throws {
        let target = try EmbeddedTarget(spec: Self.spec())
        for conversation in 0..<60 {
            let all = try Self.messages(target, conversation: conversation)
            let count = try target.perform(Operation(pattern: .listMessages, conversation: conversation, limit: 2))
            #expect(count == min(2, all.count))
        }
        // The page itself: the engine's query, as the target issues it.
        let g = DatasetGenerator(seed: 4, spec: Self.spec().dataset)
        let pk = "MSG#" + g.layout.conversationUUID(0)
        let page = try target.table.query(QueryInput(tableName: CruddurItems.tableName, keyConditionExpression: "pk = :pk",
                                                     expressionAttributeValues: [":pk": .s(pk)], scanIndexForward: false, limit: 2)).items
        let all = try Self.messages(target, conversation: 0)
        #expect(page.map { $0["sk"] } == all.reversed().prefix(2).map { $0["sk"] })
    }

    @Test
    func listConversationsCountsTheUsersGroups() throws {
        let spec = Self.spec()
        let target = try EmbeddedTarget(spec: spec)
        let layout = DatasetLayout(seed: spec.seed, spec: spec.dataset)
        var groups = Array(repeating: 0, count: spec.dataset.users)
        for c in 0..<spec.dataset.conversations {
            let (a, b) = layout.participants(of: c)
            groups[a] += 1
            groups[b] += 1
        }
        for user in 0..<spec.dataset.users {
            #expect(try target.perform(Operation(pattern: .listConversations, user: user, limit: 3)) == min(3, groups[user]))
        }
    }

    @Test(arguments: [GroupUpdate.inline, .stream])
    func createMessageExistingConversationMovesBothGroupItems(_ mode: GroupUpdate) throws {
        let spec = Self.spec(mode)
        let target = try EmbeddedTarget(spec: spec)
        let layout = DatasetLayout(seed: spec.seed, spec: spec.dataset)
        let (a, b) = layout.participants(of: 7)
        let before = target.table.describe().itemCount
        _ = try target.perform(Operation(pattern: .createMessageExistingConversation, conversation: 7, user: a, otherUser: b, messageLength: 9, sequence: 42))
        #expect(target.triggerErrors.isEmpty)
        #expect(target.table.describe().itemCount == before + 1)
        let at = "2026-11-21T00:00:01.000042+00:00"
        let newest = try #require(try Self.messages(target, conversation: 7).last)
        #expect(newest["sk"] == .s(at))
        let groups = try target.table.query(QueryInput(tableName: CruddurItems.tableName, indexName: CruddurItems.groupIndexName,
                                                       keyConditionExpression: "message_group_uuid = :g",
                                                       expressionAttributeValues: [":g": .s(layout.conversationUUID(7))])).items
        #expect(groups.count == 2)
        for group in groups {
            #expect(group["sk"] == .s(at))
            #expect(group["message"] == newest["message"])
        }
        let ua = UserProfile(seed: spec.seed, index: a), ub = UserProfile(seed: spec.seed, index: b)
        #expect(Set(groups.compactMap { $0["pk"] }) == [.s(ua.groupPartitionKey), .s(ub.groupPartitionKey)])
    }

    /// Running the same operations with the stream trigger and inline leaves identical tables.
    @Test
    func streamTriggerLeavesTheSameStateAsInline() throws {
        func finalState(_ mode: GroupUpdate) throws -> Set<Item> {
            let spec = Self.spec(mode)
            let target = try EmbeddedTarget(spec: spec)
            var source = spec.makeOperationSource(worker: 0, workers: 1)
            for _ in 0..<400 { _ = try target.perform(source.next()) }
            #expect(target.triggerErrors.isEmpty)
            var items: [Item] = []
            var start: Item?
            repeat {
                let page = try target.table.scan(ScanInput(tableName: CruddurItems.tableName, exclusiveStartKey: start))
                items += page.items
                start = page.lastEvaluatedKey
            } while start != nil
            return Set(items)
        }
        let inline = try finalState(.inline)
        let stream = try finalState(.stream)
        #expect(inline.count > 0)
        #expect(inline == stream)
    }
}

@Suite struct SmokeRunTests {
    /// The CI workload end to end on one thread: two workers' operations interleaved, every pattern, the
    /// stream trigger; no errors, and every dataset conversation still has exactly its two group items.
    @Test func smokeWorkloadRunsCleanly() throws {
        let spec = try WorkloadSpec.load(path: WorkloadFileTests.path("smoke.yaml"))
        let target = try EmbeddedTarget(spec: spec)
        var sources = (0..<2).map { spec.makeOperationSource(worker: $0, workers: 2) }
        var seen = Set<Pattern>()
        for i in 0..<4000 {
            let op = sources[i % 2].next()
            seen.insert(op.pattern)
            _ = try target.perform(op)
        }
        #expect(seen == Set(Pattern.allCases))
        #expect(target.triggerErrors.isEmpty)
        let layout = DatasetLayout(seed: spec.seed, spec: spec.dataset)
        for conversation in stride(from: 0, to: spec.dataset.conversations, by: 7) {
            let groups = try target.table.query(QueryInput(
                tableName: CruddurItems.tableName, indexName: CruddurItems.groupIndexName, keyConditionExpression: "message_group_uuid = :g",
                expressionAttributeValues: [":g": .s(layout.conversationUUID(conversation))]))
            #expect(groups.count == 2, "conversation \(conversation)")
        }
    }
}

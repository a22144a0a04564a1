import Testing
import SingleTable
@testable import WorkloadKit

@Suite struct DatasetGeneratorTests {
    static let spec = DatasetSpec(users: 50, conversations: 120, messagesPerConversation: .uniform(min: 1, max: 6),
                                  messageLength: .uniform(min: 5, max: 40), userActivity: .zipfian(theta: 0.9))

    /// An order- and Hasher-seed-independent digest of the items (FNV-1a over a canonical text form).
    static func digest(_ items: [Item]) -> UInt64 {
        var bytes: [UInt8] = []
        for item in items {
            for key in item.keys.sorted() {
                bytes += Array(key.utf8)
                bytes.append(0)
                guard case .s(let value) = item[key]! else { bytes.append(1); continue }
                bytes += Array(value.utf8)
                bytes.append(0)
            }
            bytes.append(0xFF)
        }
        return FNV1a64.hash(bytes: bytes)
    }

    static func string(_ item: Item, _ key: String) -> String? {
        if case .s(let s)? = item[key] { return s }
        return nil
    }

    @Test func sameSeedSameDataset() {
        let a = DatasetGenerator(seed: 7, spec: Self.spec).allItems()
        let b = DatasetGenerator(seed: 7, spec: Self.spec).allItems()
        let c = DatasetGenerator(seed: 8, spec: Self.spec).allItems()
        #expect(Self.digest(a) == Self.digest(b))
        #expect(Self.digest(a) != Self.digest(c))
    }

    @Test func rangesConcatenateToTheWhole() {
        let g = DatasetGenerator(seed: 7, spec: Self.spec)
        var parts: [Item] = []
        for range in [0..<13, 13..<77, 77..<120] { g.forEachItem(conversations: range) { parts.append($0) } }
        #expect(Self.digest(parts) == Self.digest(g.allItems()))
    }

    @Test func itemShapesAndInvariants() throws {
        let g = DatasetGenerator(seed: 3, spec: Self.spec)
        let items = g.allItems()
        let usersByUUID = Dictionary(uniqueKeysWithValues: g.users.map { ($0.uuid, $0) })
        #expect(usersByUUID.count == Self.spec.users)
        #expect(Set(g.users.map(\.handle)).count == Self.spec.users)

        var messages: [String: [Item]] = [:]   // by pk, in generation order
        var groups: [String: [Item]] = [:]     // by message_group_uuid
        let messageKeys: Set = ["pk", "sk", "message_uuid", "message", "user_uuid", "user_display_name", "user_handle"]
        let groupKeys: Set = ["pk", "sk", "message_group_uuid", "message", "user_uuid", "user_display_name", "user_handle"]
        for item in items {
            let pk = try #require(Self.string(item, "pk"))
            let sk = try #require(Self.string(item, "sk"))
            #expect(sk.utf8.count == 32 && sk.hasSuffix("+00:00"))
            #expect(sk < Timestamp.format(microseconds: DatasetLayout.datasetEnd))
            if pk.hasPrefix("MSG#") {
                #expect(Set(item.keys) == messageKeys)
                messages[pk, default: []].append(item)
            } else {
                #expect(pk.hasPrefix("GRP#"))
                #expect(Set(item.keys) == groupKeys)
                groups[try #require(Self.string(item, "message_group_uuid")), default: []].append(item)
            }
        }
        #expect(messages.count == Self.spec.conversations)
        #expect(groups.count == Self.spec.conversations)
        #expect(items.count == messages.values.reduce(0) { $0 + $1.count } + 2 * Self.spec.conversations)

        for (groupUUID, pair) in groups {
            #expect(pair.count == 2)
            let conversation = try #require(messages["MSG#" + groupUUID])
            #expect((1...6).contains(conversation.count))
            // created_at strictly increasing within the conversation.
            let times = conversation.map { Self.string($0, "sk")! }
            for i in 1..<times.count { #expect(times[i - 1] < times[i]) }
            let owners = pair.map { String(Self.string($0, "pk")!.dropFirst(4)) }
            #expect(owners[0] != owners[1])
            for (index, group) in pair.enumerated() {
                // sk and message are the newest message's; user attributes name the OTHER participant.
                #expect(Self.string(group, "sk") == times.last)
                #expect(Self.string(group, "message") == Self.string(conversation.last!, "message"))
                let other = try #require(usersByUUID[Self.string(group, "user_uuid")!])
                #expect(other.uuid == owners[1 - index])
                #expect(Self.string(group, "user_handle") == other.handle)
                #expect(Self.string(group, "user_display_name") == other.displayName)
            }
            for message in conversation {
                // Senders are participants, with their own attributes.
                let sender = try #require(usersByUUID[Self.string(message, "user_uuid")!])
                #expect(owners.contains(sender.uuid))
                #expect(Self.string(message, "user_handle") == sender.handle)
                #expect((5...40).contains(Self.string(message, "message")!.utf8.count))
            }
        }
        // Group sort keys are unique per user partition (no two conversations collide).
        let groupKeysSeen = groups.values.flatMap { $0 }.map { Self.string($0, "pk")! + "|" + Self.string($0, "sk")! }
        #expect(Set(groupKeysSeen).count == groupKeysSeen.count)
    }

    @Test func layoutAgreesWithTheGenerator() {
        let g = DatasetGenerator(seed: 5, spec: Self.spec)
        let items = g.allItems()
        for conversation in [0, 17, 119] {
            let (a, b) = g.layout.participants(of: conversation)
            let uuid = g.layout.conversationUUID(conversation)
            let owners = Set(items.filter { Self.string($0, "message_group_uuid") == uuid }.map { Self.string($0, "pk")! })
            #expect(owners == [g.users[a].groupPartitionKey, g.users[b].groupPartitionKey])
        }
    }
}

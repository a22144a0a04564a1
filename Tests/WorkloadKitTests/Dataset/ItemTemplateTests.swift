import SingleTable
import Testing

@testable import WorkloadKit

@Suite struct ItemTemplateTests {
    let names = ["pk", "sk", "message_uuid", "message", "user_uuid", "user_display_name", "user_handle"]

    @Test func boundValuesEqualADictionaryBuiltByName() {
        let template = ItemTemplate(names: names)
        let values: [AttributeValue] = [.s("MSG#g"), .s("2026-01-01T00:00:00.000000+00:00"), .s("m-1"), .s("hello"),
                                        .s("u-1"), .s("Ann"), .n(Number(42))]
        let made = template.make(values[0], values[1], values[2], values[3], values[4], values[5], values[6])
        var expected: Item = [:]
        for (name, value) in zip(names, values) { expected[name] = value }
        #expect(made == expected)
    }

    @Test func itemsFromOneTemplateAreIndependent() {
        let template = ItemTemplate(names: names)
        var first = template.make(.s("a"), .s("b"), .s("c"), .s("d"), .s("e"), .s("f"), .s("g"))
        let second = template.make(.s("1"), .s("2"), .s("3"), .s("4"), .s("5"), .s("6"), .s("7"))
        first["extra"] = .bool(true)
        #expect(second["pk"] == .s("1"))
        #expect(second["user_handle"] == .s("7"))
        #expect(second["extra"] == nil)
        #expect(first["pk"] == .s("a"))
        #expect(first.count == 8)
    }

    @Test func oneAndTwoNameTemplatesBindTheirValues() {
        let first = CruddurItems.primaryKey(partitionKey: .s("GRP#u"), sortKey: .s("2026-01-01T00:00:00.000000+00:00"))
        let second = CruddurItems.primaryKey(partitionKey: .s("GRP#v"), sortKey: .s("t"))
        #expect(first == ["pk": .s("GRP#u"), "sk": .s("2026-01-01T00:00:00.000000+00:00")])
        #expect(second == ["pk": .s("GRP#v"), "sk": .s("t")])
        #expect(GroupItemMover.groupValue.make(.s("g-1")) == [":g": .s("g-1")])
    }

    @Test func cruddurItemsHaveTheDocumentedShapes() {
        let user = UserProfile(seed: 1, index: 3)
        let message = CruddurItems.messageItem(partitionKey: "MSG#g", createdAt: "t", messageUUID: "m", text: "hi", sender: user)
        #expect(message == ["pk": .s("MSG#g"), "sk": .s("t"), "message_uuid": .s("m"), "message": .s("hi"),
                            "user_uuid": .s(user.uuid), "user_display_name": .s(user.displayName), "user_handle": .s(user.handle)])
        let other = UserProfile(seed: 1, index: 4)
        let group = CruddurItems.groupItem(owner: user, lastMessageAt: "t", groupUUID: "g", lastMessage: "hi", other: other)
        #expect(group == ["pk": .s(user.groupPartitionKey), "sk": .s("t"), "message_group_uuid": .s("g"), "message": .s("hi"),
                          "user_uuid": .s(other.uuid), "user_display_name": .s(other.displayName), "user_handle": .s(other.handle)])
    }
}

import Dispatch
import Testing
@testable import SingleTable

/// The shortcuts of the Query request path must decide exactly what the exact paths decide.
@Suite("Query request fast paths")
struct QueryFastPathTests {
    // MARK: Reserved words

    @Test("the byte lookup finds every reserved word in any case, and nothing else")
    func reservedWordBytes() {
        #expect(ReservedWords.all.count == 573)
        for word in ReservedWords.all {
            #expect(ReservedWords.contains(word.lowercased()), "\(word) lower-cased")
            #expect(ReservedWords.contains(word.prefix(1) + word.dropFirst().lowercased()), "\(word) capitalised")
            // One letter more or less is a reserved word only if the list says so.
            for variant in [word + "X", String(word.dropLast()), "X" + word] {
                #expect(ReservedWords.contains(variant) == ReservedWords.all.contains(variant), "\(variant)")
            }
        }
        for name in ["", "pk", "sk", "message", "message_group_uuid", "user_handle", "ABORTED", "zone_", "_ZONE"] {
            #expect(!ReservedWords.contains(name), "\(name)")
        }
    }

    // MARK: Used placeholders

    @Test("used placeholders are counted once each, past the inline slots too")
    func usedPlaceholdersCountDistinct() {
        var used = UsedPlaceholders<Int>()
        for position in [7, 7, 3, 7, 9, 3, 11, 12, 11, 13] { used.insert(position) }
        #expect(used.count == 6)
        for position in [3, 7, 9, 11, 12, 13] { #expect(used.contains(position)) }
        for position in [0, 8, 14] { #expect(!used.contains(position)) }
    }

    @Test("a placeholder used twice does not stand in for an unused one")
    func repeatedUseIsNotCountedTwice() throws {
        var attributes = ExpressionAttributes(names: nil, values: [":p": "MSG#1", ":q": "x"])
        _ = try KeyCondition.parse("pk = :p", partitionKey: "pk", sortKey: "sk", keyTypes: ["pk": .s, "sk": .s], attributes: &attributes)
        _ = try ConditionExpression.parse("a = :p", kind: .filter, attributes: &attributes)
        #expect(throws: DynamoDBError.validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {:q}")) {
            try attributes.checkAllUsed()
        }
    }

    @Test("many placeholders in large maps: all used passes, one unused is named")
    func manyPlaceholders() throws {
        let values: [String: AttributeValue] = [":a": 1, ":b": 2, ":c": 3, ":d": 4, ":e": 5, ":f": 6]
        let names = ["#a": "a", "#b": "b", "#c": "c", "#d": "d", "#e": "e"]
        var all = ExpressionAttributes(names: names, values: values)
        _ = try UpdateExpression.parse("SET #a = :a, #b = :b, #c = :c, #d = :d, #e = :e, f = :f", attributes: &all)
        try all.checkAllUsed()

        var some = ExpressionAttributes(names: names, values: values)
        _ = try UpdateExpression.parse("SET #a = :a, #b = :b, #c = :c, #d = :d, #e = :e, f = :a", attributes: &some)
        #expect(throws: DynamoDBError.validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {:f}")) {
            try some.checkAllUsed()
        }
    }

    @Test("an empty set among the used values is still refused")
    func usedEmptySet() throws {
        var attributes = ExpressionAttributes(names: nil, values: [":p": "MSG#1", ":s": .ss([])])
        _ = try KeyCondition.parse("pk = :p", partitionKey: "pk", sortKey: nil, keyTypes: ["pk": .s], attributes: &attributes)
        _ = try ConditionExpression.parse("contains(a, :s)", kind: .filter, attributes: &attributes)
        #expect(throws: DynamoDBError.validation(
            "ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An string set  may not be empty for key :s")) {
            try attributes.checkAllUsed()
        }
    }

    // MARK: Shape memo

    @Test("the memo gives each text its own shape, however the texts alternate")
    func memoFollowsTheText() throws {
        let texts = ["pk = :p", "pk = :p AND sk > :a", "pk = :p OR sk = :a", "#p = :p AND begins_with(#s, :a)", "pk = :p"]
        for _ in 0..<3 {
            for text in texts {
                let memo = ShapeMemo.shape(of: text)
                let scanned = CommonShape.scan(text)
                #expect((memo == nil) == (scanned == nil), "\(text)")
                if let memo, let scanned {
                    #expect(memo.partitionName == scanned.partitionName && memo.partitionValue == scanned.partitionValue)
                    #expect(memo.sort?.name == scanned.sort?.name && memo.sort?.op == scanned.sort?.op && memo.sort?.value == scanned.sort?.value)
                }
            }
        }
    }

    @Test("a text canonically equal to the remembered one but with other bytes is scanned anew")
    func memoComparesBytes() {
        let ascii = "pK = :p", kelvin = "p\u{212A} = :p"  // KELVIN SIGN: canonically equivalent to K
        #expect(ascii == kelvin)
        #expect(ShapeMemo.shape(of: ascii)?.partitionName == "pK")
        #expect(ShapeMemo.shape(of: kelvin) == nil)
        #expect(ShapeMemo.shape(of: ascii)?.partitionName == "pK")
    }

    @Test("threads parsing different key conditions at once each get their own")
    func memoPerThread() {
        let failures = Counter()
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            let text = "pk = :p AND sk >= :v\(thread)"
            for round in 0..<200 {
                // Every other round another text, so the memo entry keeps changing.
                let current = round % 2 == 0 ? text : "pk = :p"
                guard let shape = ShapeMemo.shape(of: current) else { failures.add(); continue }
                let expected = round % 2 == 0 ? ":v\(thread)" : nil
                if shape.sort?.value != expected { failures.add() }
            }
        }
        #expect(failures.value == 0)
    }

    // MARK: Key condition shapes

    @Test("keywords are matched whole and case-insensitively, begins_with exactly")
    func keywordMatching() throws {
        #expect(CommonShape.scan("pk = :p and sk between :a and :b")?.sort?.op == .between(":b"))
        #expect(CommonShape.scan("pk = :p AnD sk < :a")?.sort?.op == .less)
        for text in ["pk = :p ANDX sk = :a", "pk = :p AND sk BETWEENX :a AND :b", "pk = :p AND sk BETWEEN :a AN :b",
                     "pk = :p AND Begins_with(sk, :a)", "pk = :p AND sk <=> :a", "pk = :p AND Data = :a", "pk = :p AND sk = :a x"] {
            #expect(CommonShape.scan(text) == nil, "\(text)")
        }
    }

    @Test("a reserved word declined by the fast path gets the general parser's error")
    func reservedNameError() {
        var attributes = ExpressionAttributes(names: nil, values: [":p": "MSG#1", ":a": "x"])
        #expect(throws: DynamoDBError.validation("Invalid KeyConditionExpression: Attribute name is a reserved keyword; reserved keyword: Data")) {
            try KeyCondition.parse("pk = :p AND Data = :a", partitionKey: "pk", sortKey: "Data", keyTypes: ["pk": .s, "Data": .s], attributes: &attributes)
        }
    }
}

/// A failure count shared by test threads.
private final class Counter: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private var count = 0
    func add() {
        lock.wait()
        count += 1
        lock.signal()
    }
    var value: Int {
        lock.wait()
        defer { lock.signal() }
        return count
    }
}

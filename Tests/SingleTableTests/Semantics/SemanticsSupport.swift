// Shared fixtures for the DynamoDB semantics tests: tables, items, a hand-moved clock, error assertions.
// Everything here uses the public API only (`import SingleTable`), so the tests specify behaviour,
// not the implementation.

import SingleTable
import Synchronization
import Testing

// MARK: Clock

/// A clock the test moves by hand, for GSI propagation lag.
final class ManualClock: EngineClock, Sendable {
    private let nanos = Atomic<UInt64>(0)

    init(startNanos: UInt64 = 1_000_000_000) {
        nanos.store(startNanos, ordering: .releasing)
    }

    func nowNanos() -> UInt64 { nanos.load(ordering: .acquiring) }

    func advance(byNanos delta: UInt64) {
        _ = nanos.add(delta, ordering: .acquiringAndReleasing)
    }
}

// MARK: The Cruddur table

enum Cruddur {
    static let tableName = "cruddur-messages"
    static let gsiName = "message-group-sk-index"

    /// pk S HASH + sk S RANGE, GSI message-group-sk-index on (message_group_uuid HASH, sk RANGE), ALL.
    static func createInput(
        gsiPropagationDelayNanos: UInt64 = 0, streamSpecification: StreamSpecification? = nil
    ) -> CreateTableInput {
        CreateTableInput(
            tableName: tableName,
            keySchema: [.hash("pk"), .range("sk")],
            attributeDefinitions: [
                AttributeDefinition("pk", .s), AttributeDefinition("sk", .s),
                AttributeDefinition("message_group_uuid", .s),
            ],
            globalSecondaryIndexes: [
                SecondaryIndex(indexName: gsiName, keySchema: [.hash("message_group_uuid"), .range("sk")], projection: .all)
            ],
            streamSpecification: streamSpecification,
            gsiPropagationDelayNanos: gsiPropagationDelayNanos
        )
    }

    /// A message item: pk = MSG#<group>, sk = created_at.
    static func message(group: String, at createdAt: String, uuid: String, text: String, user: String = "user-1") -> Item {
        [
            "pk": .s("MSG#\(group)"), "sk": .s(createdAt), "message_group_uuid": .s(group),
            "message_uuid": .s(uuid), "message": .s(text), "user_uuid": .s(user),
            "user_display_name": .s("Display \(user)"), "user_handle": .s("handle-\(user)"),
        ]
    }

    /// A message group item: pk = GRP#<owner>, sk = last_message_at.
    static func group(owner: String, lastAt: String, group: String, message: String, other: String) -> Item {
        [
            "pk": .s("GRP#\(owner)"), "sk": .s(lastAt), "message_group_uuid": .s(group),
            "message": .s(message), "user_uuid": .s(other),
            "user_display_name": .s("Display \(other)"), "user_handle": .s("handle-\(other)"),
        ]
    }
}

/// A database holding the Cruddur table.
func makeCruddurTable(
    clock: any EngineClock = SystemClock(), gsiPropagationDelayNanos: UInt64 = 0,
    streamSpecification: StreamSpecification? = nil
) throws -> Database {
    let db = Database(clock: clock)
    _ = try db.createTable(
        Cruddur.createInput(gsiPropagationDelayNanos: gsiPropagationDelayNanos, streamSpecification: streamSpecification))
    return db
}

// MARK: Generic tables

/// A table named `name` with key pk (S) and, unless `sortKey` is nil, sk of the given type.
func makeTable(
    _ name: String = "items", partitionKeyType: ScalarAttributeType = .s, sortKey: ScalarAttributeType? = .s,
    streamSpecification: StreamSpecification? = nil, in db: Database = Database()
) throws -> Database {
    var keySchema: [KeySchemaElement] = [.hash("pk")]
    var definitions = [AttributeDefinition("pk", partitionKeyType)]
    if let sortKey {
        keySchema.append(.range("sk"))
        definitions.append(AttributeDefinition("sk", sortKey))
    }
    _ = try db.createTable(
        CreateTableInput(
            tableName: name, keySchema: keySchema, attributeDefinitions: definitions,
            streamSpecification: streamSpecification))
    return db
}

func key(_ pk: String, _ sk: String) -> Item { ["pk": .s(pk), "sk": .s(sk)] }

/// A string of `count` ASCII bytes.
func filler(_ count: Int, _ character: Character = "x") -> String { String(repeating: character, count: count) }

/// Zero-padded decimal, so string order equals numeric order.
func padded(_ value: Int, width: Int = 4) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

func stringValue(_ value: AttributeValue?) -> String? {
    if case .s(let s)? = value { return s }
    return nil
}

func numberValue(_ value: AttributeValue?) -> Number? {
    if case .n(let n)? = value { return n }
    return nil
}

func num(_ text: String) -> AttributeValue {
    // Test literals are valid numbers; a bad literal is a bug in the test.
    guard let value = try? AttributeValue.number(text) else { preconditionFailure("bad number literal in test: \(text)") }
    return value
}

// MARK: Error assertions

/// Runs `body`, expecting it to fail with DynamoDB error `name` (and `message`, or a message containing
/// `contains`, when given). Returns the error for further checks.
@discardableResult
func expectDynamoError<R>(
    _ name: DynamoDBError.Name, message: String? = nil, contains fragment: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> R
) -> DynamoDBError? {
    do {
        let result = try body()
        Issue.record("expected \(name.rawValue), but the call succeeded with \(result)", sourceLocation: sourceLocation)
        return nil
    } catch let error as DynamoDBError {
        #expect(error.name == name, "wrong error: \(error)", sourceLocation: sourceLocation)
        if let message {
            #expect(error.message == message, sourceLocation: sourceLocation)
        }
        if let fragment {
            #expect(error.message.contains(fragment), "message \"\(error.message)\" lacks \"\(fragment)\"",
                    sourceLocation: sourceLocation)
        }
        return error
    } catch {
        Issue.record("expected \(name.rawValue), got a non-DynamoDB error \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An in-memory DynamoDB: a set of tables with DynamoDB's API and semantics.
///
/// Thread-safe. For hot loops, fetch a `Table` once with `table(named:)` and call it directly:
/// that skips the table-name lookup per request.
public final class Database: @unchecked Sendable {
    let clock: EngineClock
    private let catalogLock = ReadWriteLock()
    private var tables: [String: Table] = [:]

    public init(clock: EngineClock = SystemClock()) {
        self.clock = clock
    }

    // MARK: Tables

    public func createTable(_ input: CreateTableInput) throws(DynamoDBError) -> TableDescription {
        try Database.validate(input)
        let table = Table(definition: input, clock: clock)
        try catalogLock.withWriteLock { () throws(DynamoDBError) in
            if tables[input.tableName] != nil { throw .tableInUse(input.tableName) }
            tables[input.tableName] = table
        }
        return table.describe()
    }

    public func describeTable(_ tableName: String) throws(DynamoDBError) -> TableDescription {
        guard let table = lookup(tableName) else { throw .tableNotFound(tableName) }
        return table.describe()
    }

    public func listTables(_ input: ListTablesInput = ListTablesInput()) throws(DynamoDBError) -> ListTablesOutput {
        let limit = input.limit ?? 100
        guard (1...100).contains(limit) else {
            throw .validation("1 validation error detected: Value '\(limit)' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100")
        }
        let names = catalogLock.withReadLock { tables.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
        let after = input.exclusiveStartTableName
        let remaining = after.map { start in names.filter { start.utf8.lexicographicallyPrecedes($0.utf8) } } ?? names
        let page = Array(remaining.prefix(limit))
        let more = remaining.count > limit
        return ListTablesOutput(tableNames: page, lastEvaluatedTableName: more ? page.last : nil)
    }

    @discardableResult
    public func deleteTable(_ tableName: String) throws(DynamoDBError) -> TableDescription {
        let table = try catalogLock.withWriteLock { () throws(DynamoDBError) -> Table in
            guard let table = tables.removeValue(forKey: tableName) else { throw .tableNotFound(tableName) }
            return table
        }
        var description = table.describe()
        description.tableStatus = "DELETING"
        return description
    }

    /// The table object, for calling operations without a name lookup each time.
    public func table(named tableName: String) throws(DynamoDBError) -> Table {
        guard let table = lookup(tableName) else { throw .resourceNotFound }
        return table
    }

    func lookup(_ name: String) -> Table? {
        catalogLock.withReadLock { tables[name] }
    }

    func requireTable(_ name: String) throws(DynamoDBError) -> Table {
        guard let table = lookup(name) else { throw .resourceNotFound }
        return table
    }

    // MARK: Items

    @discardableResult
    public func putItem(_ input: PutItemInput) throws(DynamoDBError) -> PutItemOutput { try requireTable(input.tableName).putItem(input) }
    public func getItem(_ input: GetItemInput) throws(DynamoDBError) -> GetItemOutput { try requireTable(input.tableName).getItem(input) }
    @discardableResult
    public func deleteItem(_ input: DeleteItemInput) throws(DynamoDBError) -> DeleteItemOutput { try requireTable(input.tableName).deleteItem(input) }
    @discardableResult
    public func updateItem(_ input: UpdateItemInput) throws(DynamoDBError) -> UpdateItemOutput { try requireTable(input.tableName).updateItem(input) }
    public func query(_ input: QueryInput) throws(DynamoDBError) -> QueryOutput { try requireTable(input.tableName).query(input) }
    public func scan(_ input: ScanInput) throws(DynamoDBError) -> ScanOutput { try requireTable(input.tableName).scan(input) }

    // MARK: Streams

    /// Calls `handler` after every successful write to the table (once per modified item, in sequence order
    /// for one item), on the writer's thread, after the write's locks are released. The table must have a
    /// stream enabled. Returns a token for `unsubscribe`.
    @discardableResult
    public func subscribe(tableName: String, _ handler: @escaping @Sendable (StreamRecord) -> Void) throws(DynamoDBError) -> StreamSubscription {
        let table = try requireTable(tableName)
        guard let stream = table.stream else {
            throw .validation("Table \(tableName) has no stream: enable one with StreamSpecification")
        }
        return StreamSubscription(tableName: tableName, id: stream.subscribe(handler))
    }

    public func unsubscribe(_ subscription: StreamSubscription) {
        lookup(subscription.tableName)?.stream?.unsubscribe(subscription.id)
    }

    /// Stream records with sequence number greater than `sequenceNumber` (0 = from the start), oldest first.
    public func readStream(tableName: String, after sequenceNumber: UInt64 = 0, limit: Int = 1000) throws(DynamoDBError) -> [StreamRecord] {
        let table = try requireTable(tableName)
        guard let stream = table.stream else {
            throw .validation("Table \(tableName) has no stream: enable one with StreamSpecification")
        }
        return stream.read(after: sequenceNumber, limit: limit)
    }
}

public struct StreamSubscription: Sendable, Hashable {
    public let tableName: String
    public let id: Int
}

/// Where the engine reads time (GSI propagation lag). Tests use a clock they move by hand.
public protocol EngineClock: Sendable {
    /// Monotonic nanoseconds.
    func nowNanos() -> UInt64
}

public struct SystemClock: EngineClock {
    public init() {}
    @inline(__always)
    public func nowNanos() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}

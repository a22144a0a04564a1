/// An in-memory DynamoDB: a set of tables with DynamoDB's API and semantics.
///
/// Thread-safe. For hot loops, fetch a `Table` once with `table(named:)` and call it directly:
/// that skips the table-name lookup per request.
public final class Database: @unchecked Sendable {
    public init(clock: EngineClock = SystemClock()) {
        fatalError("not implemented yet")
    }

    // MARK: Tables

    public func createTable(_ input: CreateTableInput) throws(DynamoDBError) -> TableDescription { fatalError() }
    public func describeTable(_ tableName: String) throws(DynamoDBError) -> TableDescription { fatalError() }
    public func listTables(_ input: ListTablesInput = ListTablesInput()) throws(DynamoDBError) -> ListTablesOutput { fatalError() }
    @discardableResult
    public func deleteTable(_ tableName: String) throws(DynamoDBError) -> TableDescription { fatalError() }
    /// The table object, for calling operations without a name lookup each time.
    public func table(named tableName: String) throws(DynamoDBError) -> Table { fatalError() }

    // MARK: Items

    @discardableResult
    public func putItem(_ input: PutItemInput) throws(DynamoDBError) -> PutItemOutput { fatalError() }
    public func getItem(_ input: GetItemInput) throws(DynamoDBError) -> GetItemOutput { fatalError() }
    @discardableResult
    public func deleteItem(_ input: DeleteItemInput) throws(DynamoDBError) -> DeleteItemOutput { fatalError() }
    @discardableResult
    public func updateItem(_ input: UpdateItemInput) throws(DynamoDBError) -> UpdateItemOutput { fatalError() }
    public func query(_ input: QueryInput) throws(DynamoDBError) -> QueryOutput { fatalError() }
    public func scan(_ input: ScanInput) throws(DynamoDBError) -> ScanOutput { fatalError() }
    @discardableResult
    public func batchWriteItem(_ input: BatchWriteItemInput) throws(DynamoDBError) -> BatchWriteItemOutput { fatalError() }
    public func batchGetItem(_ input: BatchGetItemInput) throws(DynamoDBError) -> BatchGetItemOutput { fatalError() }
    @discardableResult
    public func transactWriteItems(_ input: TransactWriteItemsInput) throws(DynamoDBError) -> TransactWriteItemsOutput { fatalError() }
    public func transactGetItems(_ input: TransactGetItemsInput) throws(DynamoDBError) -> TransactGetItemsOutput { fatalError() }

    // MARK: Streams

    /// Calls `handler` after every successful write to the table (once per modified item, in sequence order
    /// for one item), on the writer's thread, after the write's locks are released. The table must have a
    /// stream enabled. Returns a token for `unsubscribe`.
    @discardableResult
    public func subscribe(tableName: String, _ handler: @escaping @Sendable (StreamRecord) -> Void) throws(DynamoDBError) -> StreamSubscription { fatalError() }
    public func unsubscribe(_ subscription: StreamSubscription) { fatalError() }
    /// Stream records with sequence number greater than `sequenceNumber` (0 = from the start), oldest first.
    public func readStream(tableName: String, after sequenceNumber: UInt64 = 0, limit: Int = 1000) throws(DynamoDBError) -> [StreamRecord] { fatalError() }
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
    public func nowNanos() -> UInt64 { DispatchTimeShim.monotonicNanos() }
}

enum DispatchTimeShim {
    @inline(__always)
    static func monotonicNanos() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

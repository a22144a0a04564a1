import CSQLite
import Foundation
import SingleTable
import WorkloadKit

/// The Cruddur workload against SQLite: the same dataset (same spec and seed, `DatasetGenerator`) and the
/// same four patterns with the same results as `EmbeddedTarget`, so the two can be compared operation for
/// operation.
///
/// Concurrency: a pool of connections, one per concurrent caller (a worker takes one, uses it, returns it),
/// each with its own prepared statements. Why not one connection behind a mutex: reads would then run one
/// at a time although WAL lets readers proceed in parallel with each other and with the writer; SQLite
/// still serialises writers (BEGIN IMMEDIATE waits on the write lock). Why a WAL file rather than an
/// in-memory shared-cache database: shared cache locks whole tables and reports SQLITE_LOCKED to
/// concurrent writers instead of waiting. The file is created on /dev/shm when it exists (a RAM disk, so no
/// disk I/O) and removed when the target is released; synchronous=OFF skips fsync.
///
/// Writes: C is one transaction of three puts (for `new_conversation_write: batch` as well: SQLite has no
/// cheaper unit). D is one transaction: the message put, then the group-item move as one UPDATE through
/// the GSI index — `group_update: stream` is run inline too, since SQLite has no stream.
public final class SQLiteTarget: Target, @unchecked Sendable {
    public let name = "sqlite"
    public let spec: WorkloadSpec
    /// The database file (its -wal and -shm companions sit next to it).
    public let path: String
    public let loadStatistics: LoadStatistics
    let layout: DatasetLayout
    let users: [UserProfile]
    let conversationUUIDs: [String]
    let conversationKeys: [String]
    /// Idle connections; a caller pops one (or opens a new one) and pushes it back.
    private var idle: [SQLiteConnection] = []
    private let lock = NSLock()

    /// Creates a fresh database at `path` (default: a new file under /dev/shm or the temporary directory)
    /// and loads the dataset in transactions of 10,000 rows on one connection (SQLite has one writer).
    public init(spec: WorkloadSpec, path: String? = nil) throws(TargetError) {
        self.spec = spec
        self.path = path ?? SQLiteTarget.defaultPath()
        SQLiteTarget.removeFiles(self.path)
        let generator = DatasetGenerator(seed: spec.seed, spec: spec.dataset)
        layout = generator.layout
        users = generator.users
        conversationUUIDs = (0..<spec.dataset.conversations).map { generator.layout.conversationUUID($0) }
        conversationKeys = conversationUUIDs.map { CruddurItems.messagePrefix + $0 }
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = LoadStatistics.processCPUSeconds()
        var count = 0
        do throws(SQLiteError) {
            let connection = try SQLiteConnection(path: self.path, create: true)
            try connection.begin.run()
            try generator.forEachItem(conversations: 0..<generator.conversationCount) { (item: Item) throws(SQLiteError) in
                try connection.put(item)
                count += 1
                if count % 10_000 == 0 {
                    try connection.commit.run()
                    try connection.begin.run()
                }
            }
            try connection.commit.run()
            try SQLiteConnection.exec(connection.handle, "ANALYZE")
            idle.append(connection)
        } catch {
            throw SQLiteTarget.map(error)
        }
        loadStatistics = LoadStatistics(
            items: count, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9,
            cpuSeconds: LoadStatistics.processCPUSeconds() - cpuStart, threads: 1)
    }

    deinit {
        idle.removeAll()
        SQLiteTarget.removeFiles(path)
    }

    static func defaultPath() -> String {
        var isDirectory: ObjCBool = false
        let directory = FileManager.default.fileExists(atPath: "/dev/shm", isDirectory: &isDirectory) && isDirectory.boolValue
            ? "/dev/shm" : NSTemporaryDirectory()
        return directory + "/stbench-sqlite-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).db"
    }

    static func removeFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
    }

    /// What loading the dataset took: the embedded target's figures (one thread: SQLite has a single writer).
    public typealias LoadStatistics = EmbeddedTarget.LoadStatistics

    static func map(_ error: SQLiteError) -> TargetError {
        TargetError(name: "SQLiteError", message: error.description)
    }

    // MARK: Connections

    /// Runs `body` on a connection no other thread is using.
    @inline(__always)
    func withConnection<R>(_ body: (SQLiteConnection) throws(SQLiteError) -> R) throws(SQLiteError) -> R {
        let connection = try checkOut()
        defer { lock.withLock { idle.append(connection) } }
        return try body(connection)
    }

    private func checkOut() throws(SQLiteError) -> SQLiteConnection {
        if let connection = lock.withLock({ idle.popLast() }) { return connection }
        return try SQLiteConnection(path: path, create: false)
    }

    // MARK: Operations

    public func perform(_ operation: WorkloadKit.Operation) throws(TargetError) -> Int {
        switch operation.pattern {
        case .listMessages:
            try check(operation.conversation, below: conversationKeys.count, "conversation")
            return try run { (c: SQLiteConnection) throws(SQLiteError) in
                try c.countNewestFirst(pk: conversationKeys[operation.conversation], limit: operation.limit)
            }
        case .listConversations:
            try check(operation.user, below: users.count, "user")
            return try run { (c: SQLiteConnection) throws(SQLiteError) in
                try c.countNewestFirst(pk: users[operation.user].groupPartitionKey, limit: operation.limit)
            }
        case .createMessageNewConversation:
            try check(operation.user, below: users.count, "user")
            try check(operation.otherUser, below: users.count, "other user")
            return try run { (c: SQLiteConnection) throws(SQLiteError) in try createMessageNewConversation(operation, c) }
        case .createMessageExistingConversation:
            try check(operation.conversation, below: conversationKeys.count, "conversation")
            try check(operation.user, below: users.count, "user")
            return try run { (c: SQLiteConnection) throws(SQLiteError) in try createMessageExistingConversation(operation, c) }
        }
    }

    @inline(__always)
    private func run(_ body: (SQLiteConnection) throws(SQLiteError) -> Int) throws(TargetError) -> Int {
        do {
            return try withConnection(body)
        } catch {
            throw SQLiteTarget.map(error)
        }
    }

    /// C: both group items and the message in one transaction (items as `EmbeddedTarget` writes them).
    func createMessageNewConversation(_ op: WorkloadKit.Operation, _ c: SQLiteConnection) throws(SQLiteError) -> Int {
        let sender = users[op.user], other = users[op.otherUser]
        let groupUUID = layout.conversationUUID(op.conversation)
        let createdAt = Timestamp.format(microseconds: DatasetLayout.runTimestamp(sequence: op.sequence))
        let text = MessageText.text(length: op.messageLength, position: op.sequence &* 0x9E37_79B9_7F4A_7C15)
        let messageUUID = layout.runMessageUUID(sequence: op.sequence)
        try c.transaction { () throws(SQLiteError) in
            try c.put(pk: sender.groupPartitionKey, sk: createdAt, messageGroupUUID: groupUUID, message: text, messageUUID: nil,
                      userUUID: other.uuid, userDisplayName: other.displayName, userHandle: other.handle)
            try c.put(pk: other.groupPartitionKey, sk: createdAt, messageGroupUUID: groupUUID, message: text, messageUUID: nil,
                      userUUID: sender.uuid, userDisplayName: sender.displayName, userHandle: sender.handle)
            try c.put(pk: CruddurItems.messagePrefix + groupUUID, sk: createdAt, messageGroupUUID: nil, message: text,
                      messageUUID: messageUUID, userUUID: sender.uuid, userDisplayName: sender.displayName, userHandle: sender.handle)
        }
        return 3
    }

    /// D: the message, then the group items moved to it, in one transaction. Returns 1 + 2 per moved item
    /// (the engine counts a move as a delete and a put).
    func createMessageExistingConversation(_ op: WorkloadKit.Operation, _ c: SQLiteConnection) throws(SQLiteError) -> Int {
        let sender = users[op.user]
        let createdAt = Timestamp.format(microseconds: DatasetLayout.runTimestamp(sequence: op.sequence))
        let text = MessageText.text(length: op.messageLength, position: op.sequence &* 0x9E37_79B9_7F4A_7C15)
        let messageUUID = layout.runMessageUUID(sequence: op.sequence)
        return try c.transaction { () throws(SQLiteError) -> Int in
            try c.put(pk: conversationKeys[op.conversation], sk: createdAt, messageGroupUUID: nil, message: text,
                      messageUUID: messageUUID, userUUID: sender.uuid, userDisplayName: sender.displayName, userHandle: sender.handle)
            try c.moveGroupItems.bind(1, createdAt)
            try c.moveGroupItems.bind(2, text)
            try c.moveGroupItems.bind(3, conversationUUIDs[op.conversation])
            try c.moveGroupItems.run()
            return 1 + 2 * Int(sqlite3_changes(c.handle))
        }
    }

    @inline(__always)
    func check(_ index: Int, below count: Int, _ what: String) throws(TargetError) {
        guard index >= 0 && index < count else {
            throw TargetError(name: "ValidationException", message: "stbench: \(what) index \(index) is outside the dataset (0..<\(count))")
        }
    }

    // MARK: Inspection (tests, comparisons)

    /// The newest `limit` items of partition `pk`, as items.
    public func newestFirst(pk: String, limit: Int) throws(TargetError) -> [Item] {
        try items { (c: SQLiteConnection) throws(SQLiteError) in
            try c.newestFirst.bind(1, pk)
            try c.newestFirst.bind(2, limit)
            return try c.items(c.newestFirst)
        }
    }

    /// Every item, in (pk, sk) order.
    public func allItems() throws(TargetError) -> [Item] {
        try items { (c: SQLiteConnection) throws(SQLiteError) in try c.items(SQLiteStatement(c.handle, SQLiteSchema.all)) }
    }

    private func items(_ body: (SQLiteConnection) throws(SQLiteError) -> [Item]) throws(TargetError) -> [Item] {
        do {
            return try withConnection(body)
        } catch {
            throw SQLiteTarget.map(error)
        }
    }
}

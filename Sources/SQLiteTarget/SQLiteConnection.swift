import CSQLite
import SingleTable
import WorkloadKit

/// One connection to the benchmark database with its prepared statements. Used by one thread at a time
/// (the target's pool hands it out), so SQLite can run in multi-thread mode without per-call mutexes.
final class SQLiteConnection {
    let handle: OpaquePointer
    let put: SQLiteStatement
    let newestFirst: SQLiteStatement
    let moveGroupItems: SQLiteStatement
    let begin: SQLiteStatement
    let commit: SQLiteStatement
    let rollback: SQLiteStatement

    /// Opens `path`, creating the schema first when `create` (the first connection only).
    init(path: String, create: Bool) throws(SQLiteError) {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(code: rc, message: "open \(path): \(message)")
        }
        handle = db
        do throws(SQLiteError) {
            // WAL: readers never block the writer or each other. synchronous=OFF: no fsync, since the engine it
            // is compared with keeps everything in memory (the file lives on a RAM disk when one exists).
            // busy_timeout: writers queue for SQLite's single write lock instead of failing with SQLITE_BUSY.
            for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = OFF", "PRAGMA busy_timeout = 60000",
                           "PRAGMA cache_size = -262144", "PRAGMA temp_store = MEMORY"] {
                try SQLiteConnection.exec(db, pragma)
            }
            if create {
                for statement in SQLiteSchema.createStatements { try SQLiteConnection.exec(db, statement) }
            }
            put = try SQLiteStatement(db, SQLiteSchema.put)
            newestFirst = try SQLiteStatement(db, SQLiteSchema.newestFirst)
            moveGroupItems = try SQLiteStatement(db, SQLiteSchema.moveGroupItems)
            // IMMEDIATE takes the write lock up front, so two writers never deadlock upgrading read locks.
            begin = try SQLiteStatement(db, "BEGIN IMMEDIATE")
            commit = try SQLiteStatement(db, "COMMIT")
            rollback = try SQLiteStatement(db, "ROLLBACK")
        } catch {
            sqlite3_close_v2(db)
            throw error
        }
    }

    deinit {
        // Statements are finalized by their own deinit first only if released; close_v2 defers until then.
        sqlite3_close_v2(handle)
    }

    static func exec(_ db: OpaquePointer, _ sql: String) throws(SQLiteError) {
        var error: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(db, sql, nil, nil, &error)
        guard rc == SQLITE_OK else {
            let message = error.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(db))
            sqlite3_free(error)
            throw SQLiteError(code: rc, message: "\(sql): \(message)")
        }
    }

    /// Runs `body` in one write transaction; rolls back when it throws.
    @inline(__always)
    func transaction<R>(_ body: () throws(SQLiteError) -> R) throws(SQLiteError) -> R {
        try begin.run()
        do {
            let result = try body()
            try commit.run()
            return result
        } catch {
            try? rollback.run()
            throw error
        }
    }

    /// Binds an item's attributes to `put` (missing attributes as NULL) and runs it.
    func put(_ item: Item) throws(SQLiteError) {
        for (position, column) in SQLiteSchema.columns.enumerated() {
            if case .s(let value)? = item[column] { try put.bind(Int32(position + 1), value) }
        }
        try put.run()
    }

    /// Runs `put` with the given column values (pk, sk, then `SQLiteSchema.attributes`' order).
    @inline(__always)
    func put(pk: String, sk: String, messageGroupUUID: String?, message: String, messageUUID: String?,
             userUUID: String, userDisplayName: String, userHandle: String) throws(SQLiteError) {
        try put.bind(1, pk)
        try put.bind(2, sk)
        try put.bind(3, messageGroupUUID)
        try put.bind(4, message)
        try put.bind(5, messageUUID)
        try put.bind(6, userUUID)
        try put.bind(7, userDisplayName)
        try put.bind(8, userHandle)
        try put.run()
    }

    /// A and B: the newest `limit` rows of partition `pk`. Every column's bytes are read (as the engine's
    /// query hands back whole items) but no Swift strings are built; returns the row count.
    @inline(__always)
    func countNewestFirst(pk: String, limit: Int) throws(SQLiteError) -> Int {
        defer { newestFirst.reset() }
        try newestFirst.bind(1, pk)
        try newestFirst.bind(2, limit)
        var rows = 0
        var touched = 0
        let columns = Int32(SQLiteSchema.columns.count)
        while try newestFirst.step() {
            for column in 0..<columns {
                _ = sqlite3_column_text(newestFirst.handle, column)
                touched &+= Int(sqlite3_column_bytes(newestFirst.handle, column))
            }
            rows += 1
        }
        return touched >= 0 ? rows : 0
    }

    /// The rows `statement` yields, as items (NULL columns left out, like absent attributes).
    func items(_ statement: SQLiteStatement) throws(SQLiteError) -> [Item] {
        defer { statement.reset() }
        var result: [Item] = []
        while try statement.step() {
            var item: Item = [:]
            for (position, column) in SQLiteSchema.columns.enumerated() {
                if let value = statement.text(Int32(position)) { item[column] = .s(value) }
            }
            result.append(item)
        }
        return result
    }
}

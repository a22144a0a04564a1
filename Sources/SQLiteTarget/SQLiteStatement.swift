import CSQLite

/// SQLite's "copy the bytes now" destructor: bound text may be a temporary Swift buffer.
let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// An error from SQLite, carrying its result code and message.
struct SQLiteError: Error, CustomStringConvertible {
    var code: Int32
    var message: String
    var description: String { "SQLite error \(code): \(message)" }
}

/// One prepared statement, prepared once per connection and reset after every use (re-preparing per
/// operation would measure SQLite's parser, not its storage).
final class SQLiteStatement {
    let handle: OpaquePointer
    let database: OpaquePointer

    init(_ database: OpaquePointer, _ sql: String) throws(SQLiteError) {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v3(database, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw SQLiteError(code: rc, message: "prepare \"\(sql)\": " + String(cString: sqlite3_errmsg(database)))
        }
        self.handle = statement
        self.database = database
    }

    deinit { sqlite3_finalize(handle) }

    @inline(__always)
    func bind(_ index: Int32, _ text: String) throws(SQLiteError) {
        var text = text
        let rc = text.withUTF8 { sqlite3_bind_text(handle, index, $0.baseAddress, Int32($0.count), sqliteTransient) }
        try check(rc)
    }

    @inline(__always)
    func bind(_ index: Int32, _ text: String?) throws(SQLiteError) {
        guard let text else { return try check(sqlite3_bind_null(handle, index)) }
        try bind(index, text)
    }

    @inline(__always)
    func bind(_ index: Int32, _ value: Int) throws(SQLiteError) {
        try check(sqlite3_bind_int64(handle, index, Int64(value)))
    }

    /// Steps once: true when a row is available, false when done.
    @inline(__always)
    func step() throws(SQLiteError) -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(database)))
    }

    /// Runs a statement that returns no rows, then resets it.
    @inline(__always)
    func run() throws(SQLiteError) {
        defer { reset() }
        _ = try step()
    }

    @inline(__always)
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Column `index` of the current row as a String, nil for NULL (tests and dumps; the timed reads only touch the bytes).
    func text(_ index: Int32) -> String? {
        guard sqlite3_column_type(handle, index) != SQLITE_NULL, let bytes = sqlite3_column_text(handle, index) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    @inline(__always)
    func check(_ rc: Int32) throws(SQLiteError) {
        guard rc == SQLITE_OK else { throw SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(database))) }
    }
}

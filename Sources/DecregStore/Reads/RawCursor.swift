import GRDB

#if canImport(GRDBSQLite)
    import GRDBSQLite
#elseif canImport(SQLite3)
    import SQLite3
#endif

/// A forward-only walk over a query's rows that hands out each column's bytes where SQLite keeps them, without
/// copying them into Swift values: for the scans that read the whole register (`audit verify`). A column's
/// bytes are valid until the next `step()`. Queries ordered by a decision id in column 0 can be taken one
/// decision at a time with `skip(below:)` and `decisionID`.
struct RawCursor {
    private let statement: Statement
    private let handle: SQLiteStatement
    /// Whether a row is at hand.
    private(set) var hasRow = false

    init(_ db: Database, _ sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
        try step()
    }

    mutating func step() throws {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: hasRow = true
        case SQLITE_DONE: hasRow = false
        case let code:
            hasRow = false
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code),
                message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))), sql: statement.sql)
        }
    }

    func int(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    /// A text column's UTF-8 bytes (empty for NULL).
    func text(_ column: Int32) -> UnsafeRawBufferPointer {
        guard let start = sqlite3_column_text(handle, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: start, count: Int(sqlite3_column_bytes(handle, column)))
    }

    /// A text column's bytes, or nil for NULL.
    func optionalText(_ column: Int32) -> UnsafeRawBufferPointer? {
        isNull(column) ? nil : text(column)
    }

    /// A blob column's bytes (empty for NULL or an empty blob).
    func blob(_ column: Int32) -> UnsafeRawBufferPointer {
        guard let start = sqlite3_column_blob(handle, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: start, count: Int(sqlite3_column_bytes(handle, column)))
    }

    func string(_ column: Int32) -> String { String(decoding: text(column), as: UTF8.self) }

    func optionalString(_ column: Int32) -> String? { isNull(column) ? nil : string(column) }

    /// The decision id in column 0 of the row at hand, or nil after the last row.
    var decisionID: Int64? { hasRow ? int(0) : nil }

    /// Passes over the rows of decisions before `id` (rows whose decision is gone), returning how many.
    @discardableResult
    mutating func skip(below id: Int64) throws -> Int {
        var skipped = 0
        while hasRow, int(0) < id {
            skipped += 1
            try step()
        }
        return skipped
    }

    /// Whether the row at hand belongs to decision `id`.
    func at(_ id: Int64) -> Bool { hasRow && int(0) == id }
}

import Foundation
import GRDB

#if canImport(GRDBSQLite)
    import Foundation
import GRDBSQLite
#elseif canImport(SQLite3)
    import SQLite3
#endif

/// A forward-only walk over a query's rows that hands out each column's bytes where SQLite keeps them, without
/// copying them into Swift values: for the scans that read the whole register (`audit verify`). A column's
/// bytes are valid until the next `step()`. Queries ordered by a decision id in column 0 can be taken one
/// decision at a time with `skip(below:)` and `decisionID`. On PostgreSQL the rows come a batch at a time
/// (`PostgresRows`) and are handed out the same way.
struct RawCursor {
    private enum Source {
        case sqlite(Statement, SQLiteStatement)
        case rows(RowBytes)
    }

    private let source: Source
    /// Whether a row is at hand.
    private(set) var hasRow = false

    init(_ db: Session, _ sql: String, arguments: SQLArguments = []) throws {
        switch db.backend {
        case .sqlite(let db):
            let statement = try db.makeStatement(sql: sql)
            if !arguments.values.isEmpty { try statement.setArguments(Session.grdb(arguments)) }
            source = .sqlite(statement, statement.sqliteStatement)
        case .postgres:
            source = .rows(RowBytes(try db.postgresRows(sql: sql, arguments: arguments)))
        }
        try step()
    }

    init(_ db: Session, _ fragment: SQLFragment) throws {
        try self.init(db, fragment.text, arguments: fragment.arguments)
    }

    mutating func step() throws {
        switch source {
        case .rows(let rows):
            hasRow = try rows.step()
        case .sqlite(let statement, let handle):
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
    }

    func int(_ column: Int32) -> Int64 {
        switch source {
        case .sqlite(_, let handle): sqlite3_column_int64(handle, column)
        case .rows(let rows): rows.int(Int(column))
        }
    }

    func isNull(_ column: Int32) -> Bool {
        switch source {
        case .sqlite(_, let handle): sqlite3_column_type(handle, column) == SQLITE_NULL
        case .rows(let rows): rows.isNull(Int(column))
        }
    }

    /// A text column's UTF-8 bytes (empty for NULL).
    func text(_ column: Int32) -> UnsafeRawBufferPointer {
        switch source {
        case .sqlite(_, let handle):
            guard let start = sqlite3_column_text(handle, column) else {
                return UnsafeRawBufferPointer(start: nil, count: 0)
            }
            return UnsafeRawBufferPointer(start: start, count: Int(sqlite3_column_bytes(handle, column)))
        case .rows(let rows):
            return rows.bytes(Int(column))
        }
    }

    /// A text column's bytes, or nil for NULL.
    func optionalText(_ column: Int32) -> UnsafeRawBufferPointer? {
        isNull(column) ? nil : text(column)
    }

    /// A blob column's bytes (empty for NULL or an empty blob).
    func blob(_ column: Int32) -> UnsafeRawBufferPointer {
        switch source {
        case .sqlite(_, let handle):
            guard let start = sqlite3_column_blob(handle, column) else {
                return UnsafeRawBufferPointer(start: nil, count: 0)
            }
            return UnsafeRawBufferPointer(start: start, count: Int(sqlite3_column_bytes(handle, column)))
        case .rows(let rows):
            return rows.bytes(Int(column))
        }
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

/// PostgreSQL's rows for a `RawCursor`: the row at hand's texts and blobs copied where their bytes stay put until
/// the next step.
private final class RowBytes {
    private let rows: PostgresRows
    private var current: SQLRow?
    private var buffers: [UnsafeMutableRawBufferPointer] = []

    init(_ rows: PostgresRows) { self.rows = rows }

    deinit { release() }

    private func release() {
        for buffer in buffers { buffer.deallocate() }
        buffers.removeAll(keepingCapacity: true)
    }

    func step() throws -> Bool {
        release()
        current = try rows.next()
        guard let current else { return false }
        for value in current.values {
            let buffer: UnsafeMutableRawBufferPointer
            switch value {
            case .text(let text):
                var text = text
                buffer = text.withUTF8 { Self.copy(UnsafeRawBufferPointer($0)) }
            case .blob(let data):
                buffer = data.withUnsafeBytes { Self.copy($0) }
            default:
                buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 0, alignment: 1)
            }
            buffers.append(buffer)
        }
        return true
    }

    private static func copy(_ bytes: UnsafeRawBufferPointer) -> UnsafeMutableRawBufferPointer {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
        if bytes.count > 0 { buffer.copyMemory(from: bytes) }
        return buffer
    }

    func int(_ column: Int) -> Int64 { current.flatMap { Int64(sqlValue: $0.values[column]) } ?? 0 }

    func isNull(_ column: Int) -> Bool { current?.values[column].isNull ?? true }

    func bytes(_ column: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(buffers[column]) }
}

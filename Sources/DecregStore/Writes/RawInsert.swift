import Foundation
import GRDB

#if canImport(GRDBSQLite)
    import GRDBSQLite
#elseif canImport(SQLite3)
    import SQLite3
#endif

/// An INSERT prepared once and run once per row, its values bound straight through SQLite's C interface: for
/// writes of many rows (an import), where building GRDB's `SQLArguments` for each row costs more than
/// the insert itself. Values are bound in the order of the statement's parameters. Texts and blobs are copied
/// into the insert's own scratch space and bound from there (SQLite would otherwise allocate a copy of each),
/// so nothing the caller passes needs to outlive `run`. The reading counterpart is `RawCursor`. On PostgreSQL the
/// values are collected and the row kept to be sent with others of its statement (`Session.enqueue`); a new
/// row's id is drawn by `Session.newID` and written with it.
struct RawInsert {
    private let statement: Statement?
    private let handle: SQLiteStatement?
    private let scratch: Scratch
    private let session: Session
    private let sql: String
    /// PostgreSQL, when the insert returns the new row's id: its table (the statement writes the id too).
    private let identity: String?

    /// `scratch`: space shared with the other inserts of one write (each row is bound, inserted and reset before
    /// `run` returns, so they never hold it at once); its own when not given. `returnsID`: the table has an `id`
    /// that `run` returns (PostgreSQL must be asked for it).
    init(_ db: Session, _ sql: String, scratch: Scratch = Scratch(), returnsID: Bool = false) throws {
        self.scratch = scratch
        self.session = db
        switch db.backend {
        case .sqlite(let db):
            let statement = try db.makeStatement(sql: sql)
            self.statement = statement
            handle = statement.sqliteStatement
            self.sql = sql
            identity = nil
        case .postgres:
            statement = nil
            handle = nil
            guard returnsID else {
                self.sql = sql
                identity = nil
                break
            }
            // INSERT INTO t (a, …) VALUES (?, …)  →  INSERT INTO t (id, a, …) VALUES (?, ?, …)
            guard sql.hasPrefix("INSERT INTO "), let columns = sql.firstIndex(of: "("),
                let values = sql.range(of: "VALUES (", options: .backwards)
            else { preconditionFailure("not a single-row INSERT: \(sql)") }
            identity = sql.dropFirst("INSERT INTO ".count)[..<columns].trimmingCharacters(in: .whitespaces)
            self.sql =
                sql[..<sql.index(after: columns)] + "id, " + sql[sql.index(after: columns)..<values.upperBound] + "?, "
                + sql[values.upperBound...]
        }
    }

    /// Binds one row's values with `bind`, runs the insert, and returns the new row's id (0 on PostgreSQL unless
    /// `returnsID`).
    @discardableResult
    func run(_ bind: (inout Values) -> Void) throws -> Int64 {
        var values = Values(handle: handle, scratch: scratch)
        bind(&values)
        guard let handle, let statement else {
            guard let identity else {
                try session.enqueue(sql: sql, values: values.collected)
                return 0
            }
            let id = try session.newID(for: identity)
            try session.enqueue(sql: sql, values: [.integer(id)] + values.collected)
            return id
        }
        let expected = sqlite3_bind_parameter_count(handle)
        guard values.failure == SQLITE_OK, values.count == expected else {
            sqlite3_clear_bindings(handle)
            let message =
                values.failure == SQLITE_OK
                ? "\(values.count) values bound to \(expected) parameters"
                : String(cString: sqlite3_errstr(values.failure))
            throw DatabaseError(
                resultCode: values.failure == SQLITE_OK ? .SQLITE_MISUSE : ResultCode(rawValue: values.failure),
                message: message, sql: statement.sql)
        }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
        sqlite3_reset(handle)
        return sqlite3_last_insert_rowid(sqlite3_db_handle(handle))
    }

    /// Bytes that the statement's text and blob parameters point into, from their binding until the next row
    /// is bound: SQLite reads them only while the row is inserted.
    final class Scratch {
        static let capacity = 64 << 10
        let start = UnsafeMutableRawPointer.allocate(byteCount: Scratch.capacity, alignment: 8)
        deinit { start.deallocate() }
    }

    /// The values of one row, bound to the statement's parameters in order.
    struct Values {
        /// The statement to bind to; nil on PostgreSQL, where the values are `collected`.
        fileprivate let handle: SQLiteStatement?
        fileprivate private(set) var collected: [SQLValue] = []
        private let scratch: Scratch
        /// How much of the scratch space this row's texts and blobs take.
        private var used = 0
        /// How many values are bound so far.
        fileprivate private(set) var count: Int32 = 0
        /// The first binding that SQLite refused (a text or blob too large), or SQLITE_OK.
        fileprivate private(set) var failure: Int32 = SQLITE_OK

        fileprivate init(handle: SQLiteStatement?, scratch: Scratch) {
            self.handle = handle
            self.scratch = scratch
        }

        /// A copy of `bytes` in the scratch space, or nil when it does not fit (then SQLite copies them).
        private mutating func keep(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawPointer? {
            guard bytes.count <= Scratch.capacity - used else { return nil }
            let copy = scratch.start + used
            if let source = bytes.baseAddress, bytes.count > 0 { copy.copyMemory(from: source, byteCount: bytes.count) }
            used += bytes.count
            return UnsafeRawPointer(copy)
        }

        /// Binds the next parameter with `bind` (given the statement and the parameter's index), keeping the
        /// first refusal.
        private mutating func next(_ value: @autoclosure () -> SQLValue, _ bind: (SQLiteStatement, Int32) -> Int32) {
            count += 1
            guard let handle else {
                collected.append(value())
                return
            }
            let code = bind(handle, count)
            if code != SQLITE_OK && failure == SQLITE_OK { failure = code }
        }

        mutating func null() {
            next(.null) { sqlite3_bind_null($0, $1) }
        }

        mutating func int(_ value: Int64) {
            next(.integer(value)) { sqlite3_bind_int64($0, $1, value) }
        }

        mutating func int(_ value: Int) {
            int(Int64(value))
        }

        /// An integer, or NULL.
        mutating func int(_ value: Int64?) {
            if let value { int(value) } else { null() }
        }

        /// A text (an empty text stays an empty text, not NULL).
        mutating func text(_ value: String) {
            var value = value
            value.withUTF8 { text(utf8: $0) }
        }

        /// A text, or NULL.
        mutating func text(_ value: String?) {
            if let value { text(value) } else { null() }
        }

        /// A text from its UTF-8 bytes, which must be valid UTF-8.
        mutating func text(utf8: UnsafeBufferPointer<UInt8>) {
            guard handle != nil else {
                next(.text(String(decoding: utf8, as: UTF8.self))) { _, _ in SQLITE_OK }
                return
            }
            // Never a null pointer, even for an empty text: SQLite binds NULL for one.
            let kept = keep(UnsafeRawBufferPointer(utf8))
            next(.null) { handle, index in
                if let kept {
                    return sqlite3_bind_text64(
                        handle, index, kept.assumingMemoryBound(to: CChar.self), sqlite3_uint64(utf8.count),
                        SQLITE_STATIC, UInt8(SQLITE_UTF8))
                }
                return utf8.baseAddress!.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                    sqlite3_bind_text64(
                        handle, index, $0, sqlite3_uint64(utf8.count), SQLITE_TRANSIENT, UInt8(SQLITE_UTF8))
                }
            }
        }

        /// A text from its UTF-8 bytes, which must be valid UTF-8.
        mutating func text(utf8: [UInt8]) {
            utf8.withUnsafeBufferPointer { text(utf8: $0) }
        }

        /// A blob from bytes.
        mutating func blob(_ value: [UInt8]) {
            value.withUnsafeBytes { blob($0) }
        }

        /// A blob (an empty one stays an empty blob, not NULL).
        mutating func blob(_ value: Data) {
            value.withUnsafeBytes { blob($0) }
        }

        private mutating func blob(_ bytes: UnsafeRawBufferPointer) {
            guard handle != nil else {
                next(.blob(Data(bytes))) { _, _ in SQLITE_OK }
                return
            }
            // Never a null pointer, even for an empty blob: SQLite binds NULL for one.
            let kept = keep(bytes)
            next(.null) { handle, index in
                if let kept {
                    return sqlite3_bind_blob64(handle, index, kept, sqlite3_uint64(bytes.count), SQLITE_STATIC)
                }
                return sqlite3_bind_blob64(
                    handle, index, bytes.baseAddress!, sqlite3_uint64(bytes.count), SQLITE_TRANSIENT)
            }
        }
    }
}

/// SQLite copies the value when it is bound (the C macro is not visible to Swift).
private let SQLITE_TRANSIENT = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
/// SQLite reads the value where it is, until the statement is bound again or finalized.
private let SQLITE_STATIC: sqlite3_destructor_type? = nil

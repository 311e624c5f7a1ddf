import DecregDomain
import Foundation
import GRDB

/// The engine that holds a register.
public enum Engine: String, Sendable, CaseIterable {
    case sqlite
    case postgresql
}

/// One transaction on the register, whichever engine holds it: what every read and write of the store is given.
/// Statements are written once, with `?` for each value, in the SQL both engines speak; where they differ, the
/// store asks `engine` and says each engine's words in one place (see `Dialect`).
final class Session {
    enum Backend {
        case sqlite(GRDB.Database)
        case postgres(PostgresLink)
    }

    let backend: Backend
    /// PostgreSQL: rows of plain INSERTs not yet sent, by statement (see `enqueue`).
    private var pending: [(sql: String, rows: [[SQLValue]])] = []
    /// PostgreSQL: how many values and bytes the `pending` rows hold.
    private var pendingValues = 0
    private var pendingBytes = 0
    /// PostgreSQL: how many cursors this transaction has opened (each is named by its number).
    private var cursorsOpened = 0
    /// PostgreSQL: the id the next row of each table gets in this transaction (see `newID`).
    private var nextIDs: [String: Int64] = [:]
    /// PostgreSQL: how many rows `flush` has sent in this transaction, into which tables, and at how many it next
    /// has them analysed.
    private var rowsSent = 0
    private var tablesSent: Set<String> = []
    private var analyseAt = 10_000

    init(_ db: GRDB.Database) { backend = .sqlite(db) }
    init(_ postgres: PostgresLink) { backend = .postgres(postgres) }

    var engine: Engine {
        switch backend {
        case .sqlite: .sqlite
        case .postgres: .postgresql
        }
    }

    /// PostgreSQL: keeps one row of a plain `INSERT INTO t (…) VALUES (?, …)` to send with the others of its
    /// statement, many rows to an INSERT, before the next statement that names its table, or the commit — a round
    /// trip to the server per row is most of an import's time. A row that refers to another is given after it
    /// (a new row's id is drawn by `newID`, not asked of the server). SQLite runs it at once.
    func enqueue(sql: String, values: [SQLValue]) throws {
        guard case .postgres = backend, Self.batchable(sql) else {
            try cachedStatement(sql: sql).execute(arguments: SQLArguments(values))
            return
        }
        if let index = pending.firstIndex(where: { $0.sql == sql }) {
            pending[index].rows.append(values)
        } else {
            pending.append((sql, [values]))
        }
        pendingValues += values.count
        pendingBytes += values.reduce(0) { $0 + $1.size }
        // PostgreSQL takes at most 65 535 parameters to a statement; and a few megabytes at a time keep memory low
        // when rows hold attachments.
        if pendingValues >= 30_000 || pendingBytes >= 8 << 20 { try flush() }
    }

    /// PostgreSQL: the id of a new row of `table` (whose key is `id`), drawn by decreg rather than by the table's
    /// identity, so that the row can wait in `pending` with the rows that refer to it: the largest id of the
    /// table when the transaction first asks, plus one, and one more for each row after — as SQLite gives a row
    /// its id. Writers take turns (`pg_advisory_xact_lock` at the start of each write), so no other writer draws
    /// the same ids; a row inserted by hand meanwhile would make the insert fail, and the whole write with it.
    func newID(for table: String) throws -> Int64 {
        let id: Int64
        if let next = nextIDs[table] {
            id = next
        } else {
            id = (try Int64.fetchOne(self, sql: "SELECT max(id) FROM \(table)") ?? 0) + 1
        }
        nextIDs[table] = id + 1
        return id
    }

    /// Sends the kept rows before `sql` when it writes (a row it writes may refer to a kept one), or names a table
    /// they go into (it reads them): a query of other tables (an id looked up) goes on without waiting for them.
    private func flush(before sql: String) throws {
        guard !pending.isEmpty else { return }
        if !sql.hasPrefix("SELECT") { return try flush() }
        let tables = Set(pending.map { Self.table(of: $0.sql) })
        var word = ""
        for character in sql.unicodeScalars {
            if character == "_" || (character.properties.isAlphabetic && character.isASCII) || ("0"..."9").contains(character) {
                word.unicodeScalars.append(character)
            } else {
                if tables.contains(word) { return try flush() }
                word = ""
            }
        }
        if tables.contains(word) { try flush() }
    }

    /// The table of `INSERT INTO table (…`.
    private static func table(of insert: String) -> String {
        String(insert.dropFirst("INSERT INTO ".count).prefix { $0 != " " && $0 != "(" })
    }

    /// PostgreSQL, before the commit: sends the kept rows, and moves the identity of each table whose ids decreg
    /// drew (`newID`) on past them, so that an insert leaving the id to the table (by hand, say) takes none of them.
    func finish() throws {
        try flush()
        guard case .postgres(let link) = backend else { return }
        for (table, next) in nextIDs.sorted(by: { $0.key < $1.key }) {
            _ = try link.run("SELECT setval(pg_get_serial_sequence(?, 'id'), ?)", [table, next - 1])
        }
    }

    /// Sends the kept rows, each statement's in one INSERT of many rows: the tables in the order their references
    /// allow (`RegisterTables`), each table's rows in the order given.
    func flush() throws {
        guard case .postgres(let link) = backend, !pending.isEmpty else { return }
        let batches = pending.enumerated().sorted {
            (RegisterTables.order(of: Self.table(of: $0.element.sql)), $0.offset)
                < (RegisterTables.order(of: Self.table(of: $1.element.sql)), $1.offset)
        }.map(\.element)
        pending.removeAll()
        pendingValues = 0
        pendingBytes = 0
        for (sql, rows) in batches {
            // INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4), …: numbered here (a text this long and this rarely
            // the same is not worth remembering).
            var statement = String(sql[..<sql.range(of: "VALUES", options: .backwards)!.upperBound])
            var number = 0
            for (index, row) in rows.enumerated() {
                statement += index == 0 ? " (" : ", ("
                for column in row.indices {
                    number += 1
                    statement += column == 0 ? "$\(number)" : ", $\(number)"
                }
                statement += ")"
            }
            _ = try link.run(statement, SQLArguments(rows.flatMap { $0 }), numbered: true)
            rowsSent += rows.count
            tablesSent.insert(Self.table(of: sql))
        }
        // PostgreSQL plans a query by what it last learnt of a table's rows: after a large import's first ten
        // thousand rows, a table it last saw empty is read whole for each decision's look-up (16 ms each rather than
        // 0.1) unless it is told again. Analysed as the rows double, a write pays this a few times at most; a role
        // that does not own the tables is warned and skipped by PostgreSQL, not refused.
        if rowsSent >= analyseAt {
            analyseAt = rowsSent * 2
            _ = try link.run("ANALYZE " + tablesSent.sorted().joined(separator: ", "), [])
        }
    }

    /// A single-row INSERT whose VALUES tuple is nothing but a `?` for each value, with nothing after it.
    private static func batchable(_ sql: String) -> Bool {
        guard sql.hasPrefix("INSERT INTO "), let values = sql.range(of: "VALUES", options: .backwards) else { return false }
        let tail = sql[values.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        return tail.hasPrefix("(") && tail.hasSuffix(")")
            && tail.dropFirst().dropLast().allSatisfy { $0 == "?" || $0 == "," || $0.isWhitespace }
    }

    /// Runs a statement that returns no rows; the number of rows it changed.
    @discardableResult
    func execute(sql: String, arguments: SQLArguments = []) throws -> Int {
        try flush(before: sql)
        switch backend {
        case .sqlite(let db):
            try db.execute(sql: sql, arguments: Self.grdb(arguments))
            return db.changesCount
        case .postgres(let postgres):
            return try postgres.run(sql, arguments).changed
        }
    }

    @discardableResult
    func execute(literal fragment: SQLFragment) throws -> Int {
        try execute(sql: fragment.text, arguments: fragment.arguments)
    }

    /// Inserts one row and returns its `id` (the table's key).
    func insert(sql: String, arguments: SQLArguments = []) throws -> Int64 {
        try flush(before: sql)
        switch backend {
        case .sqlite(let db):
            try db.cachedStatement(sql: sql).execute(arguments: Self.grdb(arguments))
            return db.lastInsertedRowID
        case .postgres(let postgres):
            guard let row = try postgres.run(sql + " RETURNING id", arguments).rows.first, let id: Int64 = row[0] as Int64?
            else { throw RegisterError.invalid(Phrase(verbatim: "no id returned by \(sql)"), field: nil) }
            return id
        }
    }

    /// A statement SQLite prepares once per connection and keeps (a query run for every decision); PostgreSQL
    /// is sent the text each time.
    func cachedStatement(sql: String) throws -> SQLStatement {
        switch backend {
        case .sqlite(let db): SQLStatement(session: self, sql: sql, prepared: try db.cachedStatement(sql: sql))
        case .postgres: SQLStatement(session: self, sql: sql, prepared: nil)
        }
    }

    /// The rows a query returns, in order.
    func rows(sql: String, arguments: SQLArguments = [], prepared: GRDB.Statement? = nil) throws -> [SQLRow] {
        try flush(before: sql)
        switch backend {
        case .sqlite(let db):
            let statement = try prepared ?? db.makeStatement(sql: sql)
            let columns = statement.columnNames
            let cursor = try GRDB.Row.fetchCursor(statement, arguments: Self.grdb(arguments))
            var rows: [SQLRow] = []
            while let row = try cursor.next() { rows.append(Self.row(row, columns: columns)) }
            return rows
        case .postgres(let postgres):
            return try postgres.run(sql, arguments).rows
        }
    }

    /// The first row of a query that only the rows recorded before this transaction's waiting ones can answer
    /// (the caller knows none of those could: an import asking whether a ref it has not added is recorded), so the
    /// waiting rows are not sent first. SQLite has none waiting.
    func rowRecordedBeforeWaiting(sql: String, arguments: SQLArguments) throws -> SQLRow? {
        switch backend {
        case .sqlite: try rows(sql: sql, arguments: arguments, prepared: try cachedStatement(sql: sql).prepared).first
        case .postgres(let link): try link.run(sql, arguments).rows.first
        }
    }

    /// The rows of a query one at a time: SQLite steps through them as they are read; PostgreSQL sends them a
    /// batch at a time (`PostgresRows`).
    /// `few`: the answer is small (one decision's rows), so PostgreSQL sends it whole, in one round trip rather
    /// than a cursor's three.
    func cursor(
        sql: String, arguments: SQLArguments = [], prepared: GRDB.Statement? = nil, few: Bool = false
    ) throws -> SQLRowCursor {
        try flush(before: sql)
        switch backend {
        case .sqlite(let db):
            let statement = try prepared ?? db.makeStatement(sql: sql)
            return SQLRowCursor(
                sqlite: try GRDB.Row.fetchCursor(statement, arguments: Self.grdb(arguments)),
                columns: statement.columnNames)
        case .postgres(let link):
            if few { return SQLRowCursor(rows: try link.run(sql, arguments).rows) }
            return SQLRowCursor(postgres: try postgresRows(sql: sql, arguments: arguments))
        }
    }

    /// PostgreSQL: the rows of a query through a cursor of this transaction's (see `PostgresRows`).
    func postgresRows(sql: String, arguments: SQLArguments) throws -> PostgresRows {
        guard case .postgres(let link) = backend else { preconditionFailure("PostgreSQL's rows asked of SQLite") }
        try flush(before: sql)
        cursorsOpened += 1
        return try PostgresRows(link, name: "decreg_rows_\(cursorsOpened)", sql: sql, arguments: arguments)
    }

    static func grdb(_ arguments: SQLArguments) -> StatementArguments {
        StatementArguments(arguments.values.map(databaseValue))
    }

    static func databaseValue(_ value: SQLValue) -> DatabaseValue {
        switch value {
        case .null: .null
        case .integer(let value): value.databaseValue
        case .real(let value): value.databaseValue
        case .text(let value): value.databaseValue
        case .blob(let value): value.databaseValue
        }
    }

    static func row(_ row: GRDB.Row, columns: [String]) -> SQLRow {
        SQLRow(columns: columns, values: row.databaseValues.map(value))
    }

    /// SQLite's row at a cursor's step, read in place: valid until the cursor steps again.
    static func borrowed(_ row: GRDB.Row, columns: [String]) -> SQLRow {
        SQLRow(columns: columns, borrowing: row, count: columns.count) { row, index in
            value(unsafeDowncast(row, to: GRDB.Row.self)[index] as DatabaseValue)
        }
    }

    static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: .null
        case .int64(let value): .integer(value)
        case .double(let value): .real(value)
        case .string(let value): .text(value)
        case .blob(let value): .blob(value)
        }
    }
}

/// A statement kept for reuse within a transaction (`Session.cachedStatement`).
struct SQLStatement {
    let session: Session
    let sql: String
    let prepared: GRDB.Statement?

    @discardableResult
    func execute(arguments: SQLArguments = []) throws -> Int {
        if let prepared, case .sqlite(let db) = session.backend {
            try prepared.execute(arguments: Session.grdb(arguments))
            return db.changesCount
        }
        return try session.execute(sql: sql, arguments: arguments)
    }
}

/// The rows of a query, one at a time. A row is valid until the next step: `copy()` one to keep it.
final class SQLRowCursor {
    private enum Source {
        case sqlite(RowCursor, columns: [String])
        case postgres(PostgresRows)
        case rows(IndexingIterator<[SQLRow]>)
    }

    private var source: Source

    init(sqlite cursor: RowCursor, columns: [String]) { source = .sqlite(cursor, columns: columns) }
    init(postgres rows: PostgresRows) { source = .postgres(rows) }
    init(rows: [SQLRow]) { source = .rows(rows.makeIterator()) }

    func next() throws -> SQLRow? {
        switch source {
        case .sqlite(let cursor, let columns):
            return try cursor.next().map { Session.borrowed($0, columns: columns) }
        case .postgres(let rows):
            return try rows.next()
        case .rows(var iterator):
            let row = iterator.next()
            source = .rows(iterator)
            return row
        }
    }
}

/// PostgreSQL: a query's rows read through a cursor of the transaction (`DECLARE … CURSOR`), a few thousand at a
/// time: a walk over the whole register holds one batch, not the whole answer (a million rows of `totals` at
/// N = 100 000 held 700 MB and took 15 s read whole). The cursor ends with its last row, or with the transaction.
final class PostgresRows {
    private let link: PostgresLink
    private let name: String
    private var batch: IndexingIterator<[SQLRow]> = [].makeIterator()
    private var finished = false
    static let batchSize = 5_000

    init(_ link: PostgresLink, name: String, sql: String, arguments: SQLArguments) throws {
        self.link = link
        self.name = name
        _ = try link.run("DECLARE \(name) NO SCROLL CURSOR FOR \(sql)", arguments)
    }

    func next() throws -> SQLRow? {
        if let row = batch.next() { return row }
        guard !finished else { return nil }
        let rows = try link.run("FETCH FORWARD \(Self.batchSize) FROM \(name)", []).rows
        if rows.count < Self.batchSize {
            finished = true
            _ = try link.run("CLOSE \(name)", [])
        }
        batch = rows.makeIterator()
        return batch.next()
    }
}

// The store's reads, said as GRDB says them, over either engine.

extension SQLRow {
    static func fetchAll(_ db: Session, sql: String, arguments: SQLArguments = []) throws -> [SQLRow] {
        try db.rows(sql: sql, arguments: arguments)
    }

    static func fetchAll(_ db: Session, _ fragment: SQLFragment) throws -> [SQLRow] {
        try db.rows(sql: fragment.text, arguments: fragment.arguments)
    }

    static func fetchAll(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> [SQLRow] {
        try statement.session.rows(sql: statement.sql, arguments: arguments, prepared: statement.prepared)
    }

    static func fetchOne(_ db: Session, sql: String, arguments: SQLArguments = []) throws -> SQLRow? {
        try db.rows(sql: sql, arguments: arguments).first
    }

    static func fetchOne(_ db: Session, _ fragment: SQLFragment) throws -> SQLRow? {
        try db.rows(sql: fragment.text, arguments: fragment.arguments).first
    }

    static func fetchOne(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> SQLRow? {
        try fetchAll(statement, arguments: arguments).first
    }

    static func fetchCursor(_ db: Session, sql: String, arguments: SQLArguments = []) throws -> SQLRowCursor {
        try db.cursor(sql: sql, arguments: arguments)
    }

    static func fetchCursor(_ db: Session, _ fragment: SQLFragment) throws -> SQLRowCursor {
        try db.cursor(sql: fragment.text, arguments: fragment.arguments)
    }

    /// `few`: see `Session.cursor`.
    static func fetchCursor(_ statement: SQLStatement, arguments: SQLArguments = [], few: Bool = false) throws
        -> SQLRowCursor
    {
        try statement.session.cursor(sql: statement.sql, arguments: arguments, prepared: statement.prepared, few: few)
    }
}

extension SQLValueConvertible {
    /// The first column of the first row; nil when there is no row or it holds NULL.
    static func fetchOne(_ db: Session, sql: String, arguments: SQLArguments = []) throws -> Self? {
        try SQLRow.fetchOne(db, sql: sql, arguments: arguments).flatMap(firstColumn)
    }

    static func fetchOne(_ db: Session, _ fragment: SQLFragment) throws -> Self? {
        try SQLRow.fetchOne(db, fragment).flatMap(firstColumn)
    }

    static func fetchOne(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> Self? {
        try SQLRow.fetchOne(statement, arguments: arguments).flatMap(firstColumn)
    }

    /// The first column of every row.
    static func fetchAll(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> [Self] {
        try SQLRow.fetchAll(statement, arguments: arguments).map { $0[0] }
    }

    static func fetchAll(_ db: Session, sql: String, arguments: SQLArguments = []) throws -> [Self] {
        try SQLRow.fetchAll(db, sql: sql, arguments: arguments).map { $0[0] }
    }

    static func fetchAll(_ db: Session, _ fragment: SQLFragment) throws -> [Self] {
        try SQLRow.fetchAll(db, fragment).map { $0[0] }
    }

    private static func firstColumn(_ row: SQLRow) -> Self? {
        let value = row.value(at: 0)
        return value.isNull ? nil : Self(sqlValue: value)
    }
}

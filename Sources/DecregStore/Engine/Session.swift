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

    init(_ db: GRDB.Database) { backend = .sqlite(db) }
    init(_ postgres: PostgresLink) { backend = .postgres(postgres) }

    var engine: Engine {
        switch backend {
        case .sqlite: .sqlite
        case .postgres: .postgresql
        }
    }

    /// Runs a statement that returns no rows; the number of rows it changed.
    @discardableResult
    func execute(sql: String, arguments: SQLArguments = []) throws -> Int {
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

    /// The rows of a query one at a time: SQLite steps through them as they are read; PostgreSQL's answer is
    /// read whole first.
    func cursor(sql: String, arguments: SQLArguments = [], prepared: GRDB.Statement? = nil) throws -> SQLRowCursor {
        switch backend {
        case .sqlite(let db):
            let statement = try prepared ?? db.makeStatement(sql: sql)
            return SQLRowCursor(
                sqlite: try GRDB.Row.fetchCursor(statement, arguments: Self.grdb(arguments)),
                columns: statement.columnNames)
        case .postgres(let postgres):
            return SQLRowCursor(rows: try postgres.run(sql, arguments).rows)
        }
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
        SQLRow(
            columns: columns,
            values: row.databaseValues.map { value in
                switch value.storage {
                case .null: .null
                case .int64(let value): .integer(value)
                case .double(let value): .real(value)
                case .string(let value): .text(value)
                case .blob(let value): .blob(value)
                }
            })
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

/// The rows of a query, one at a time.
final class SQLRowCursor {
    private enum Source {
        case sqlite(RowCursor, columns: [String])
        case rows(IndexingIterator<[SQLRow]>)
    }

    private var source: Source

    init(sqlite cursor: RowCursor, columns: [String]) { source = .sqlite(cursor, columns: columns) }
    init(rows: [SQLRow]) { source = .rows(rows.makeIterator()) }

    func next() throws -> SQLRow? {
        switch source {
        case .sqlite(let cursor, let columns):
            return try cursor.next().map { Session.row($0, columns: columns) }
        case .rows(var iterator):
            let row = iterator.next()
            source = .rows(iterator)
            return row
        }
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

    static func fetchCursor(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> SQLRowCursor {
        try statement.session.cursor(sql: statement.sql, arguments: arguments, prepared: statement.prepared)
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

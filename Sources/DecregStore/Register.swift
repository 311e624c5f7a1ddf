import DecregDomain
import Foundation
import GRDB

/// The register: one SQLite file holding every decision, migrated when opened. Each write method is one
/// business operation in one transaction, so a failed command leaves nothing half-written.
public struct Register: Sendable {
    let writer: any DatabaseWriter

    /// Creates a new register file at `path`; refuses to touch an existing file.
    public static func create(path: String) throws -> Register {
        guard !FileManager.default.fileExists(atPath: path) else { throw RegisterError.alreadyExists(path: path) }
        return try Register(writer: DatabaseQueue(path: path, configuration: configuration()))
    }

    /// Opens the register at `path`, which must exist; brings an older schema up to date.
    public static func open(path: String) throws -> Register {
        guard FileManager.default.fileExists(atPath: path) else { throw RegisterError.noRegister(path: path) }
        let queue: DatabaseQueue
        let pending: [(name: String, sql: String)]
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration())
            pending = try queue.read { db in try checkSchema(db, path: path).pending }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw RegisterError.notARegister(path: path, reason: .notSQLite)
        }
        // An up-to-date register is opened with that one read and no write transaction: what a one-decision
        // command pays before its own query.
        guard let first = pending.first else { return Register(migrated: queue) }
        // An older register is copied aside before its schema is brought up to date.
        let stamp = ChangeContext(actor: "", command: "").timestamp.filter { $0.isNumber }
        let backup = path + ".before-\(first.name)-\(stamp).sqlite"
        try queue.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [backup]) }
        return try Register(writer: queue)
    }

    /// A register in memory, for tests.
    public static func inMemory() throws -> Register {
        try Register(writer: DatabaseQueue(configuration: configuration()))
    }

    init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try Migrations.migrate(writer)
    }

    /// A register whose schema is known to be up to date.
    private init(migrated writer: any DatabaseWriter) {
        self.writer = writer
    }

    static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        // Several clerks at once: a writer waits for another's transaction rather than failing.
        config.busyMode = .timeout(Register.busyTimeout)
        config.prepareDatabase { db in
            // The rollback journal, not WAL: SQLite before 3.51.3 (this system has 3.40) can corrupt a WAL
            // database when two connections write or checkpoint at once (the "WAL-reset bug"). A register of
            // record favours that guarantee over WAL's concurrency; writers use BEGIN IMMEDIATE and wait their turn.
            if try String.fetchOne(db, sql: "PRAGMA journal_mode")?.lowercased() != "delete" {
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
            }
            // A register of record: a committed decision survives power loss.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return config
    }

    /// How long a command waits for another's write to finish before it gives up, in seconds.
    public static let busyTimeout: TimeInterval = 120

    /// Writes a consistent copy of the register to `path` (SQLite's VACUUM INTO, a read transaction: others
    /// may keep writing meanwhile). The copy is itself a register, checkable with `decreg check`.
    public func backup(to path: String) throws {
        try writer.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [path]) }
    }

    /// Refuses a register that a newer decreg wrote, and a file that is not a register; in one read, what the
    /// file holds: whether it has been made a register at all (`decreg init`), and the migrations it lacks.
    static func checkSchema(
        _ db: Database, path: String
    ) throws -> (initialised: Bool, pending: [(name: String, sql: String)]) {
        guard let applied = try Migrations.applied(db) else {
            if try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_schema WHERE type = 'table'") ?? 0 > 0 {
                throw RegisterError.notARegister(path: path, reason: Phrase(
                    sv: "den innehåller tabeller som decreg inte har skapat",
                    en: "it holds tables that decreg did not make"))
            }
            return (false, Migrations.pending(applied: nil))
        }
        let known = Set(EmbeddedMigrations.all.map(\.name))
        if let unknown = applied.first(where: { !known.contains($0) }) {
            throw RegisterError.newerSchema(path: path, migration: unknown)
        }
        return (true, Migrations.pending(applied: applied))
    }
}

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
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration())
            try queue.read { db in _ = try db.tableExists("grdb_migrations") }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw RegisterError.notARegister(path: path, reason: "the file is not an SQLite database")
        }
        try checkSchema(queue, path: path)
        return try Register(writer: queue)
    }

    /// A register in memory, for tests.
    public static func inMemory() throws -> Register {
        try Register(writer: DatabaseQueue(configuration: configuration()))
    }

    init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try Migrations.migrator.migrate(writer)
    }

    static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // A register of record: a committed decision survives power loss.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return config
    }

    /// Refuses a register that a newer decreg wrote, and a file that is not a register.
    static func checkSchema(_ queue: DatabaseQueue, path: String) throws {
        try queue.read { db in
            let known = Set(EmbeddedMigrations.all.map(\.name))
            if try db.tableExists("grdb_migrations") {
                let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
                if let unknown = applied.first(where: { !known.contains($0) }) {
                    throw RegisterError.newerSchema(path: path, migration: unknown)
                }
            } else if try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_schema WHERE type = 'table'") ?? 0 > 0 {
                throw RegisterError.notARegister(path: path, reason: "it holds tables that decreg did not make")
            }
        }
    }
}

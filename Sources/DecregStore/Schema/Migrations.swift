import Foundation
import GRDB

/// The schema's migrations, embedded from `Migrations/*.sql` at build time. A migration that has shipped is
/// never changed: a change to the schema is a new file. The applied ones are listed in `grdb_migrations`.
enum Migrations {
    /// The migrations applied to the database, in the order recorded; nil when it has no migration table.
    static func applied(_ db: Session) throws -> [String]? {
        // Asked of sqlite_schema directly: GRDB's tableExists builds its schema cache, about 1.5 M instructions of a
        // one-decision read's start (first uses of its cache's key types each scan the binary's conformances).
        let sql = "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'grdb_migrations'"
        guard try Bool.fetchOne(db, sql: sql) != nil else { return nil }
        return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
    }

    /// The first migration: a database without it is not a decreg register, whatever else it holds.
    static let first = EmbeddedMigrations.all.first?.name ?? ""

    /// The schema this decreg writes: the number of its newest migration (`0005_…` is schema 5).
    static let current = number(of: EmbeddedMigrations.all.last?.name ?? "")

    /// A migration's number, from its name.
    static func number(of migration: String) -> Int { Int(migration.prefix { $0.isNumber }) ?? 0 }

    /// The migrations not yet applied, in order, given those that are.
    static func pending(applied: [String]?) -> [(name: String, sql: String)] {
        let applied = Set(applied ?? [])
        return EmbeddedMigrations.all.filter { !applied.contains($0.name) }
    }

    /// Applies every pending migration in one transaction: the register is at the old version or the new one,
    /// never in between.
    static func migrate(_ writer: any DatabaseWriter) throws {
        try writer.write { db in
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            let pending = pending(applied: try applied(Session(db)))
            for migration in pending {
                try db.execute(sql: migration.sql)
                // Schema 8 keeps the trail's Merkle tree: built here for the entries written before.
                if number(of: migration.name) == 8 { try AuditTree.build(Session(db)) }
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [migration.name])
                // A migration may change a table's definition in place (0006); a new schema version makes every
                // connection, this one included, read the definitions again — before the next migration, whose
                // ALTER TABLE must edit the definition as it now stands.
                if let version = try Int.fetchOne(db, sql: "PRAGMA schema_version") {
                    try db.execute(sql: "PRAGMA schema_version = \(version + 1)")
                }
            }
        }
    }
}

import GRDB

/// The schema's migrations, embedded from `Migrations/*.sql` at build time. A migration that has shipped is
/// never changed: a change to the schema is a new file.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for (name, sql) in EmbeddedMigrations.all {
            migrator.registerMigration(name) { db in try db.execute(sql: sql) }
        }
        return migrator
    }

    /// The newest migration this decreg knows.
    static var latest: String { EmbeddedMigrations.all.last?.name ?? "" }
}

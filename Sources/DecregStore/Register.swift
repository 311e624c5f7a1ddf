import DecregDomain
import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#endif

/// The register: one SQLite file holding every decision, or a PostgreSQL database (`--db postgresql://…`). Each
/// write method is one business operation in one transaction, so a failed command leaves nothing half-written.
public struct Register: Sendable {
    /// The engine that holds the register, and the connection to it.
    enum Store: Sendable {
        case sqlite(any DatabaseWriter)
        case postgres(PostgresDatabase)
    }

    let store: Store
    /// The file (or the PostgreSQL address) as it was named (`--db`), for messages; `:memory:` for a register in
    /// memory.
    let path: String

    /// The engine that holds the register.
    public var engine: Engine {
        switch store {
        case .sqlite: .sqlite
        case .postgres: .postgresql
        }
    }

    /// What a command means to do with the register, which decides how it is opened.
    public enum Access: Sendable {
        /// Only read, as `check`, `audit verify`, lists and exports do: SQLite refuses every write on the
        /// connection, and the schema must be current (nothing is migrated).
        case reading
        /// Read by several requests at once, as `decreg serve` does: `reading` on a pool of connections, each
        /// waiting at most `readOnlyBusyTimeout` for a writer. Each read is its own short transaction, so it sees
        /// the last committed state and holds SQLite's shared lock only while it runs; with the rollback journal a
        /// reader never makes a writer fail: the writer waits at commit for the readers of the moment.
        case serving
        /// Read and write, as every change does; the schema must be current (nothing is migrated).
        case writing
        /// Bring an older schema up to date (`decreg upgrade`), after copying the file aside, then write.
        case upgrading
    }

    /// Creates a new register file at `path`: only where no file is, not even an empty one. A folder that does not
    /// let decreg create the file is named with the cause.
    public static func create(path: String) throws -> Register {
        if PostgresLocation.isAddress(path) { return try createPostgres(PostgresLocation(address: path)) }
        try RegisterFile.createEmpty(path)
        do {
            return try Register(writer: DatabaseQueue(path: path, configuration: configuration()), path: path)
        } catch {
            // The file was made empty a moment ago by this call: nothing of anyone's is lost.
            unlink(path)
            throw RegisterError.from(error, path: path)
        }
    }

    /// Opens the register at `path` for `access`. The file is recognised before SQLite touches it: a missing,
    /// empty or foreign file (not SQLite, or SQLite without decreg's tables, or a folder or device) is refused and
    /// left as it was. A register of an older schema is refused, except by `upgrading`, which migrates it.
    public static func open(path: String, for access: Access) throws -> Register {
        try opened(path, for: access).register
    }

    /// What `decreg upgrade` did to a register.
    public struct Upgrade: Sendable, Equatable {
        /// The schema before and after: equal when the register was up to date.
        public let from: Int, to: Int
        /// The migrations applied, in order.
        public let applied: [String]
        /// The copy of the file as it was, set aside before the first migration.
        public let backup: String?
    }

    /// The schema this decreg writes: the number of its newest migration.
    public static var currentSchema: Int { Migrations.current }

    /// Brings the register at `path` up to date (`decreg upgrade`), after copying it aside; nothing when it was
    /// current.
    public static func upgrade(path: String) throws -> Upgrade {
        if PostgresLocation.isAddress(path) {
            let (register, applied) = try openPostgres(PostgresLocation(address: path), for: .upgrading)
            _ = register
            let from = applied.first.map { Migrations.number(of: $0) - 1 } ?? Migrations.current
            return Upgrade(from: from, to: Migrations.current, applied: applied, backup: nil)
        }
        let opened = try opened(path, for: .upgrading)
        let from = opened.applied.first.map { Migrations.number(of: $0) - 1 } ?? Migrations.current
        return Upgrade(from: from, to: Migrations.current, applied: opened.applied, backup: opened.backup)
    }

    /// The one way a register file is opened, for every kind of access.
    private static func opened(
        _ path: String, for access: Access
    ) throws -> (register: Register, applied: [String], backup: String?) {
        if PostgresLocation.isAddress(path) {
            let (register, applied) = try openPostgres(PostgresLocation(address: path), for: access)
            return (register, applied, nil)
        }
        try RegisterFile.recognise(path)
        let writing = access == .writing || access == .upgrading
        if writing { try RegisterFile.checkWritable(path) }
        // The schema is read on a read-only connection whatever the access: a foreign file is refused untouched
        // (a writable connection would already set its journal mode).
        var config = readOnlyConfiguration(serving: access == .serving)
        let (queue, pending) = try inspect(path, configuration: config)
        if let first = pending.first, access != .upgrading {
            try? queue.close()
            throw RegisterError.needsUpgrade(
                path: path, schema: Migrations.number(of: first.name) - 1, current: Migrations.current)
        }
        switch access {
        case .reading:
            // One read so far, and no write transaction: what a one-decision command pays before its own query.
            return (Register(migrated: queue, path: path), [], nil)
        case .serving:
            try queue.close()
            // A pool of read-only connections, so requests read side by side. Read-only, GRDB's pool leaves the
            // journal mode alone (it switches to WAL only when it may write): the register keeps its rollback journal.
            config.maximumReaderCount = maximumReaders
            return (Register(migrated: try DatabasePool(path: path, configuration: config), path: path), [], nil)
        case .writing, .upgrading:
            try queue.close()
        }
        let writer: DatabaseQueue
        do { writer = try DatabaseQueue(path: path, configuration: configuration()) } catch {
            throw RegisterError.from(error, path: path)
        }
        guard let first = pending.first else { return (Register(migrated: writer, path: path), [], nil) }
        // An older register is copied aside before its schema is brought up to date.
        let stamp = ChangeContext(actor: "", command: "").timestamp.filter { $0.isNumber }
        let backup = path + ".before-\(first.name)-\(stamp).sqlite"
        try Register(migrated: writer, path: path).backup(to: backup)
        return (try Register(writer: writer, path: path), pending.map(\.name), backup)
    }

    /// Makes a new register in the PostgreSQL database at `location`: only in a database that holds no tables
    /// of its own (as `init` makes a file only where none is), created in one transaction.
    private static func createPostgres(_ location: PostgresLocation) throws -> Register {
        let postgres = try PostgresDatabase.connect(location)
        do {
            let tables = try postgres.tableCount()
            guard tables == 0 else {
                throw RegisterError.notEmpty(path: location.description, tables: tables)
            }
            try postgres.migrate()
            return Register(postgres: postgres)
        } catch {
            postgres.close()
            throw RegisterError.postgres(location, error)
        }
    }

    /// Opens the register in the PostgreSQL database at `location` for `access`: a database without decreg's
    /// migrations is no register; an older schema is brought up to date only by `upgrading` (in one transaction,
    /// under the migrations' lock; PostgreSQL's own backups keep what it was).
    private static func openPostgres(
        _ location: PostgresLocation, for access: Access
    ) throws -> (Register, [String]) {
        let postgres = try PostgresDatabase.connect(location)
        do {
            guard let applied = try postgres.appliedMigrations() else {
                let tables = try postgres.tableCount()
                throw tables == 0
                    ? RegisterError.noRegister(path: location.description)
                    : RegisterError.notARegister(path: location.description, reason: .foreignPostgresTables)
            }
            let known = Set(EmbeddedMigrations.postgresql.map(\.name))
            if let unknown = applied.first(where: { !known.contains($0) }) {
                throw RegisterError.newerSchema(path: location.description, migration: unknown)
            }
            if access == .writing || access == .upgrading,
                try postgres.run("SELECT pg_is_in_recovery()", []).rows.first.map({ $0[0] as Bool }) == true
            {
                throw RegisterError.file(path: location.description, problem: .standby)
            }
            let pending = EmbeddedMigrations.postgresql.filter { !applied.contains($0.name) }
            if let first = pending.first {
                guard access == .upgrading else {
                    throw RegisterError.needsUpgrade(
                        path: location.description, schema: Migrations.number(of: first.name) - 1,
                        current: Migrations.current)
                }
                return (Register(postgres: postgres), try postgres.migrate())
            }
            return (Register(postgres: postgres), [])
        } catch {
            postgres.close()
            throw RegisterError.postgres(location, error)
        }
    }

    /// Opens the file read-only and reads what its schema lacks, with SQLite's errors said in plain words. A write
    /// that was interrupted (a killed import) is rolled back first, as any SQLite connection that may write does.
    private static func inspect(
        _ path: String, configuration: Configuration, recovered: Bool = false
    ) throws -> (DatabaseQueue, [(name: String, sql: String)]) {
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            do {
                return (queue, try queue.read { db in try checkSchema(Session(db), path: path) })
            } catch {
                try? queue.close()
                throw error
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_READONLY_ROLLBACK && !recovered {
            try recover(path)
            return try inspect(path, configuration: configuration, recovered: true)
        } catch {
            throw RegisterError.from(error, path: path)
        }
    }

    /// Rolls back a write that was interrupted, as SQLite does when a writable connection first reads the file.
    /// That restores the file to its last committed state: nothing recorded changes.
    private static func recover(_ path: String) throws {
        do {
            var config = Configuration()
            config.busyMode = .timeout(busyTimeout)
            let queue = try DatabaseQueue(path: path, configuration: config)
            try queue.read { db in _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_schema") }
            try queue.close()
        } catch {
            // Rolling back needs to write the file and remove its journal: said as any other SQLite failure is.
            throw RegisterError.from(error, path: path)
        }
    }

    /// A register in memory, for tests.
    public static func inMemory() throws -> Register {
        try Register(writer: DatabaseQueue(configuration: configuration()), path: ":memory:")
    }

    init(writer: any DatabaseWriter, path: String) throws {
        self.store = .sqlite(writer)
        self.path = path
        do { try Migrations.migrate(writer) } catch { throw RegisterError.from(error, path: path) }
    }

    /// A register whose schema is known to be up to date.
    private init(migrated writer: any DatabaseWriter, path: String) {
        self.store = .sqlite(writer)
        self.path = path
    }

    /// A register on PostgreSQL whose schema is up to date.
    init(postgres: PostgresDatabase) {
        self.store = .postgres(postgres)
        self.path = postgres.location.description
    }

    /// Reads in one transaction; the engine's failures (a damaged file, a lock held too long, a lost connection)
    /// come out as the register's plain errors, naming the file or the address.
    func read<T>(_ body: (Session) throws -> T) throws -> T {
        try transaction(writing: false, body)
    }

    /// Writes in one transaction; the engine's failures (a read-only file, a full disk, a lost connection) come
    /// out as the register's plain errors, naming the file or the address.
    func write<T>(_ body: (Session) throws -> T) throws -> T {
        try transaction(writing: true, body)
    }

    /// One transaction on whichever engine holds the register, its failures said in the register's words.
    private func transaction<T>(writing: Bool, _ body: (Session) throws -> T) throws -> T {
        do {
            switch store {
            case .sqlite(let writer):
                return try writing
                    ? writer.write { db in try body(Session(db)) } : writer.read { db in try body(Session(db)) }
            case .postgres(let postgres):
                return try postgres.transaction(writing: writing, body)
            }
        } catch {
            throw RegisterError.from(error, path: path)
        }
    }

    /// The SQLite connection, for what only a file has (a copy by VACUUM INTO, a second reader); nil on
    /// PostgreSQL.
    var sqliteWriter: (any DatabaseWriter)? {
        if case .sqlite(let writer) = store { writer } else { nil }
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

    /// A connection on which SQLite refuses every write. A command waits for a writer's commit as long as a writer
    /// would (`busyTimeout`); `serve` waits at most `readOnlyBusyTimeout`, then answers 503.
    static func readOnlyConfiguration(serving: Bool) -> Configuration {
        var config = Configuration()
        config.readonly = true
        config.foreignKeysEnabled = true
        let wait = serving ? readOnlyBusyTimeout : busyTimeout
        config.busyMode = .timeout(wait)
        // GRDB gives a pool's read-only connections a busy timeout of its own (10 s) whatever `busyMode` says; this
        // runs after it, on every connection the pool opens.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA busy_timeout = \(Int(wait * 1000))") }
        return config
    }

    /// How long a command waits for another's write to finish before it gives up, in seconds.
    public static let busyTimeout: TimeInterval = 120

    /// Writes a consistent copy of the register to `path` (SQLite's VACUUM INTO, a read transaction: others
    /// may keep writing meanwhile). The copy is itself a register, checkable with `decreg check`.
    public func backup(to path: String) throws {
        guard let writer = sqliteWriter else {
            throw RegisterError.invalid(
                Phrase(
                    sv: "ett register i PostgreSQL säkerhetskopieras med PostgreSQL:s verktyg (pg_dump, pg_basebackup) eller kopieras med decreg copy",
                    en: "a register in PostgreSQL is backed up with PostgreSQL's tools (pg_dump, pg_basebackup) or copied with decreg copy"),
                field: "--db")
        }
        do {
            try writer.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [path]) }
        } catch {
            throw RegisterError.from(error, path: path)
        }
    }

    /// Refuses a register that a newer decreg wrote, and an SQLite file that is not a decreg register; in one
    /// read, the migrations the register lacks.
    static func checkSchema(_ db: Session, path: String) throws -> [(name: String, sql: String)] {
        guard let applied = try Migrations.applied(db), applied.contains(Migrations.first) else {
            let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_schema WHERE type = 'table'") ?? 0
            throw RegisterError.notARegister(path: path, reason: tables > 0 ? .foreignTables : .noTables)
        }
        let known = Set(EmbeddedMigrations.all.map(\.name))
        if let unknown = applied.first(where: { !known.contains($0) }) {
            throw RegisterError.newerSchema(path: path, migration: unknown)
        }
        return Migrations.pending(applied: applied)
    }
}

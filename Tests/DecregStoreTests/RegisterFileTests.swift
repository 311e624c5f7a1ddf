import DecregDomain
@testable import DecregStore
import Foundation
import GRDB
import Testing

@Suite("Register files")
struct RegisterFileTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("decreg-\(UUID().uuidString).sqlite").path
    }

    @Test("create refuses an existing file; open refuses a missing one")
    func createAndOpen() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: RegisterError.noRegister(path: path)) { try Register.open(path: path, for: .writing) }
        _ = try Register.create(path: path)
        #expect(throws: RegisterError.alreadyExists(path: path)) { try Register.create(path: path) }
        #expect(try Register.open(path: path, for: .reading).decisions(.init()).isEmpty)
    }

    @Test("A file that is not a register is refused, and left alone")
    func notARegister() throws {
        let text = Self.temporaryPath()
        let other = Self.temporaryPath()
        defer {
            try? FileManager.default.removeItem(atPath: text)
            try? FileManager.default.removeItem(atPath: other)
        }
        try Data("hello, not a database at all".utf8).write(to: URL(fileURLWithPath: text))
        #expect(throws: RegisterError.notARegister(path: text, reason: .notSQLite)) {
            try Register.open(path: text, for: .writing)
        }
        try DatabaseQueue(path: other).write { try $0.execute(sql: "CREATE TABLE t(x)") }
        let before = try Data(contentsOf: URL(fileURLWithPath: other))
        for access in [Register.Access.reading, .writing, .upgrading] {
            #expect(throws: RegisterError.notARegister(path: other, reason: .foreignTables)) {
                try Register.open(path: other, for: access)
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == before)
    }

    @Test("A register written by a newer decreg is refused with a clear message")
    func newerSchema() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try Register.create(path: path)
        try DatabaseQueue(path: path).write {
            try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('9999_future')")
        }
        #expect(throws: RegisterError.newerSchema(path: path, migration: "9999_future")) {
            try Register.open(path: path, for: .writing)
        }
    }

    @Test("Served read-only: an empty file, a register lacking a migration or written by a newer decreg is refused")
    func readOnlyRefusals() throws {
        let empty = Self.temporaryPath()
        let older = Self.temporaryPath()
        let newer = Self.temporaryPath()
        defer { for path in [empty, older, newer] { try? FileManager.default.removeItem(atPath: path) } }
        FileManager.default.createFile(atPath: empty, contents: Data())
        #expect(throws: RegisterError.notARegister(path: empty, reason: .noBytes)) {
            try Register.open(path: empty, for: .serving)
        }
        // Serving must not write, so it does not bring an older register up to date: it says how to.
        _ = try Register.create(path: older)
        let newest = try #require(EmbeddedMigrations.all.last?.name)
        try DatabaseQueue(path: older).write {
            try $0.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [newest])
        }
        let current = Migrations.current
        #expect(throws: RegisterError.needsUpgrade(path: older, schema: current - 1, current: current)) {
            try Register.open(path: older, for: .serving)
        }
        #expect(
            RegisterError.needsUpgrade(path: "register.sqlite", schema: 4, current: 10).message
                == "register.sqlite needs an upgrade (schema 4, this decreg has 10); run "
                + "`decreg upgrade --db register.sqlite`")
        _ = try Register.create(path: newer)
        try DatabaseQueue(path: newer).write {
            try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('9999_future')")
        }
        #expect(throws: RegisterError.newerSchema(path: newer, migration: "9999_future")) {
            try Register.open(path: newer, for: .serving)
        }
    }
}

@Suite("Schema versions")
struct SchemaVersionTests {
    @Test("An older register is refused untouched; upgrade migrates it in one step, after a copy is set aside")
    func olderRegisterIsMigratedWithABackup() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("decreg-old-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("register.sqlite").path
        // A register as the first schema left it, with a party in it.
        let first = try #require(EmbeddedMigrationsProbe.first)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: first.sql)
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            try db.execute(sql: "INSERT INTO grdb_migrations VALUES (?)", arguments: [first.name])
            try db.execute(sql: "INSERT INTO party (code, name, kind) VALUES ('SLL', 'Stockholms läns landsting', 'region')")
        }
        // Reading and writing refuse it, untouched; only the upgrade migrates.
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        for access in [Register.Access.reading, .serving, .writing] {
            #expect(throws: RegisterError.needsUpgrade(path: path, schema: 1, current: Migrations.current)) {
                try Register.open(path: path, for: access)
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let upgrade = try Register.upgrade(path: path)
        #expect(upgrade.from == 1 && upgrade.to == Migrations.current)
        #expect(upgrade.applied == EmbeddedMigrations.all.dropFirst().map(\.name))
        #expect(try Register.open(path: path, for: .reading).parties().map(\.code) == ["SLL"])
        let copies = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasPrefix("register.sqlite.before-0002_withdrawals-") && $0.hasSuffix(".sqlite") }
        #expect(copies.count == 1)
        #expect(upgrade.backup == directory.appendingPathComponent(copies[0]).path)
        // The copy is the old register, untouched: one migration applied.
        let applied = try DatabaseQueue(path: directory.appendingPathComponent(copies[0]).path).read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        #expect(applied == [first.name])
        // Upgrading again migrates nothing and copies nothing.
        #expect(try Register.upgrade(path: path) == Register.Upgrade(
            from: Migrations.current, to: Migrations.current, applied: [], backup: nil))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).count == 2)
    }

    @Test("Schema 6: status and outcome are checked without a temporary table, and other texts are still refused")
    func checksWithoutLists() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("decreg-6-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let new = directory.appendingPathComponent("new.sqlite").path
        _ = try Register.create(path: new)
        // A register of schema 5, as the decreg before this one wrote it, upgraded.
        let older = directory.appendingPathComponent("older.sqlite").path
        try DatabaseQueue(path: older).write { db in
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            for migration in EmbeddedMigrations.all where Migrations.number(of: migration.name) <= 5 {
                try db.execute(sql: migration.sql)
                try db.execute(sql: "INSERT INTO grdb_migrations VALUES (?)", arguments: [migration.name])
            }
        }
        #expect(try Register.upgrade(path: older).applied.first == "0006_checks_without_lists")
        let inserts = [
            "INSERT INTO decision (ref, title, date, status) VALUES ('D', 'T', '2027-01-01', 'draft')",
            "INSERT INTO step (decision_id, position, body_id, date, outcome) VALUES (1, 1, 1, '2027-01-01', 'adopted')",
        ]
        for path in [new, older] {
            try DatabaseQueue(path: path).write { db in
                for sql in inserts {
                    let program = try SQLRow.fetchAll(Session(db), sql: "EXPLAIN " + sql).map { $0["opcode"] as String? }
                    #expect(!program.contains("OpenEphemeral"), "\(path): \(sql)")
                }
                #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
                #expect(throws: DatabaseError.self) {
                    try db.execute(
                        sql: "INSERT INTO decision (ref, title, date, status) VALUES ('E', 'T', '2027-01-01', 'drafted')")
                }
                try db.execute(sql: "INSERT INTO party (code, name, kind) VALUES ('P', 'P', 'region')")
                try db.execute(sql: "INSERT INTO body (code, name, kind) VALUES ('B', 'B', 'board')")
                try db.execute(sql: inserts[0])
                try db.execute(sql: inserts[1])
                #expect(throws: DatabaseError.self) {
                    try db.execute(
                        sql: "INSERT INTO step (decision_id, position, body_id, date, outcome) "
                            + "VALUES (1, 2, 1, '2027-01-01', 'antaget')")
                }
            }
        }
    }
}

/// The first embedded migration, as an older decreg shipped it.
enum EmbeddedMigrationsProbe {
    static var first: (name: String, sql: String)? { EmbeddedMigrations.all.first }
}

@Suite("SQLite's failures in plain words")
struct FileProblemTests {
    static let folder = "the folder . is read-only, and every change writes its journal there"
    static let full = "the disk is full; nothing was written, free some space and try again"
    static let damaged = "the database is damaged; restore a checked backup (decreg check --db COPY)"
    static let busy = "another program has held it locked for longer than decreg waits; try again shortly"
    static let io = "an input/output error (a failing disk, or a network share that went away)"
    static let cases: [(ResultCode, String)] = [
        (.SQLITE_READONLY, "cannot write register.sqlite: the file is read-only"),
        (.SQLITE_READONLY_DIRECTORY, "cannot write register.sqlite: \(folder)"),
        (.SQLITE_FULL, "cannot write register.sqlite: \(full)"),
        (.SQLITE_CORRUPT, "cannot read register.sqlite: \(damaged)"),
        (.SQLITE_BUSY, "register.sqlite is busy: \(busy)"),
        (.SQLITE_IOERR_WRITE, "cannot read or write register.sqlite: \(io)"),
        (.SQLITE_NOTADB, "cannot open register.sqlite: not a decreg register (not an SQLite database)"),
        (
            .SQLITE_CONSTRAINT_UNIQUE,
            "register.sqlite: an unexpected error in the database (SQLite 19: UNIQUE constraint failed); report it "
                + "with this line"
        ),
    ]

    @Test("Each result code is one line naming the file and the cause, never the SQL", arguments: cases)
    func plainMessages(code: ResultCode, expected: String) throws {
        let error = DatabaseError(
            resultCode: code, message: code == .SQLITE_CONSTRAINT_UNIQUE ? "UNIQUE constraint failed" : "whatever",
            sql: "INSERT INTO party (code) VALUES ('SLL')")
        let plain = try #require(RegisterError.from(error, path: "register.sqlite") as? RegisterError)
        #expect(plain.message == expected)
        #expect(!plain.text(.sv).contains("INSERT") && !plain.text(.en).contains("INSERT"))
        #expect(plain.text(.sv) != plain.text(.en))
    }

    @Test("An error that is not SQLite's is left as it is")
    func otherErrors() {
        let refusal = RegisterError.invalid(Phrase(verbatim: "no"), field: nil)
        #expect(RegisterError.from(refusal, path: "register.sqlite") as? RegisterError == refusal)
    }
}

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
        #expect(throws: RegisterError.noRegister(path: path)) { try Register.open(path: path) }
        _ = try Register.create(path: path)
        #expect(throws: RegisterError.alreadyExists(path: path)) { try Register.create(path: path) }
        #expect(try Register.open(path: path).decisions(.init()).isEmpty)
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
            try Register.open(path: text)
        }
        try DatabaseQueue(path: other).write { try $0.execute(sql: "CREATE TABLE t(x)") }
        #expect(throws: RegisterError.notARegister(path: other, reason: Phrase(
                sv: "den innehåller tabeller som decreg inte har skapat",
                en: "it holds tables that decreg did not make"))) {
            try Register.open(path: other)
        }
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
            try Register.open(path: path)
        }
    }

    @Test("Served read-only: an empty file, a register lacking a migration or written by a newer decreg is refused")
    func readOnlyRefusals() throws {
        let empty = Self.temporaryPath()
        let older = Self.temporaryPath()
        let newer = Self.temporaryPath()
        defer { for path in [empty, older, newer] { try? FileManager.default.removeItem(atPath: path) } }
        try DatabaseQueue(path: empty).close()
        #expect(throws: RegisterError.notARegister(path: empty, reason: Phrase(
                sv: "den är tom; skapa den med `decreg init`", en: "it is empty; create it with `decreg init`"))) {
            try Register.openReadOnly(path: empty)
        }
        // Serving must not write, so it does not bring an older register up to date: it says how to.
        _ = try Register.create(path: older)
        let newest = try #require(EmbeddedMigrations.all.last?.name)
        try DatabaseQueue(path: older).write {
            try $0.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [newest])
        }
        #expect(
            throws: RegisterError.invalid(
                Phrase(
                    sv: "\(older) har ett äldre schema (\(newest) ännu inte tillämpat); kör något decreg-kommando på "
                        + "det en gång, som `decreg check`, för att uppdatera det, och servera det sedan",
                    en: "\(older) has an older schema (\(newest) not yet applied); run any decreg command on it once, "
                        + "such as `decreg check`, to bring it up to date, then serve it"), field: nil)
        ) { try Register.openReadOnly(path: older) }
        _ = try Register.create(path: newer)
        try DatabaseQueue(path: newer).write {
            try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('9999_future')")
        }
        #expect(throws: RegisterError.newerSchema(path: newer, migration: "9999_future")) {
            try Register.openReadOnly(path: newer)
        }
    }
}

@Suite("Schema versions")
struct SchemaVersionTests {
    @Test("An older register is migrated in one step, after a copy of it is set aside")
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
        let register = try Register.open(path: path)
        #expect(try register.parties().map(\.code) == ["SLL"])
        let copies = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasPrefix("register.sqlite.before-0002_withdrawals-") && $0.hasSuffix(".sqlite") }
        #expect(copies.count == 1)
        // The copy is the old register, untouched: one migration applied.
        let applied = try DatabaseQueue(path: directory.appendingPathComponent(copies[0]).path).read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        #expect(applied == [first.name])
        // Opening again migrates nothing and copies nothing.
        _ = try Register.open(path: path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).count == 2)
    }
}

/// The first embedded migration, as an older decreg shipped it.
enum EmbeddedMigrationsProbe {
    static var first: (name: String, sql: String)? { EmbeddedMigrations.all.first }
}

import DecregStore
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
        #expect(throws: RegisterError.notARegister(path: text, reason: "the file is not an SQLite database")) {
            try Register.open(path: text)
        }
        try DatabaseQueue(path: other).write { try $0.execute(sql: "CREATE TABLE t(x)") }
        #expect(throws: RegisterError.notARegister(path: other, reason: "it holds tables that decreg did not make")) {
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
}

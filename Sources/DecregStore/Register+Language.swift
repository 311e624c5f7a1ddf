import DecregDomain
import Foundation
import GRDB

extension Register {
    /// The language the register was set up in (`decreg init --lang`); nil when none was recorded.
    public func language() throws -> Language? {
        try read { db in try Self.language(db) }
    }

    /// The language recorded in the register at `path`, for words printed without the register open (an error of
    /// a command): read on a read-only connection that neither migrates nor waits for a lock. Nil when there is no
    /// file, no language recorded, or the file cannot be read as a register.
    public static func recordedLanguage(path: String) -> Language? {
        if PostgresLocation.isAddress(path) {
            return (try? Register.open(path: path, for: .reading)).flatMap { try? $0.language() } ?? nil
        }
        // Only a file that is an SQLite database at all: a pipe would hold the run, and SQLite must not guess.
        guard (try? RegisterFile.recognise(path)) != nil else { return nil }
        var config = Configuration()
        config.readonly = true
        guard let queue = try? DatabaseQueue(path: path, configuration: config) else { return nil }
        defer { try? queue.close() }
        return (try? queue.read { db in try language(Session(db)) }) ?? nil
    }

    /// Records the language the register's users read. Not a change to the record: it is not in the audit trail.
    public func setLanguage(_ language: Language) throws {
        try write { db in
            try db.execute(
                literal: """
                    INSERT INTO setting (key, value) VALUES ('language', \(language.rawValue))
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value
                    """)
        }
    }

    /// The decision with `ref` (as `decision(_:)` reads it) and, when `withLanguage`, the register's language, in
    /// one read: `decision show` asks both before it prints.
    public func decision(_ ref: String, withLanguage: Bool) throws -> (stored: StoredDecision, language: Language?) {
        try read { db in
            guard let (_, stored) = try DecisionLoader.load(db, ref: ref) else {
                throw try RegisterError.unknown("decision", ref, field: nil, in: db)
            }
            return (stored, withLanguage ? try Self.language(db) : nil)
        }
    }

    /// The register's language as `db` sees it: for a read that asks it beside its own question.
    static func language(_ db: Session) throws -> Language? {
        let value = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'language'")
        return value.flatMap(Language.init(rawValue:))
    }
}

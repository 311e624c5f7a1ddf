import DecregDomain
import Foundation
import GRDB

extension Register {
    /// Opens the register at `path` for reading only, as `decreg serve` does: SQLite refuses every write on this
    /// connection, whatever a request asks. The schema is not migrated (that would be a write): a register that
    /// needs it is refused with a message saying to open it once with a command that writes.
    ///
    /// Each read is its own short transaction, so it sees the last committed state — a decision a clerk has just
    /// imported shows on the next read — and holds SQLite's shared lock only while it runs. With the rollback
    /// journal (see `configuration()`) a reader never makes a writer fail: the writer waits at commit for the
    /// readers of the moment to finish, within its busy timeout.
    public static func openReadOnly(path: String) throws -> Register {
        guard FileManager.default.fileExists(atPath: path) else { throw RegisterError.noRegister(path: path) }
        var config = Configuration()
        config.readonly = true
        // A reader waits for a writer's commit (the rollback journal's exclusive lock) this long, then fails.
        config.busyMode = .timeout(readOnlyBusyTimeout)
        // GRDB gives a pool's read-only connections a busy timeout of its own (10 s) whatever `busyMode` says; this
        // runs after it, on every connection the pool opens.
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA busy_timeout = \(Int(readOnlyBusyTimeout * 1000))")
        }
        let queue: DatabaseQueue
        let schema: (initialised: Bool, pending: [(name: String, sql: String)])
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            schema = try queue.read { db in try checkSchema(db, path: path) }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw RegisterError.notARegister(path: path, reason: .notSQLite)
        }
        guard schema.initialised else {
            throw RegisterError.notARegister(path: path, reason: Phrase(
                    sv: "den är tom; skapa den med `decreg init`", en: "it is empty; create it with `decreg init`"))
        }
        if let first = schema.pending.first {
            throw RegisterError.invalid(
                Phrase(
                    sv: "\(path) har ett äldre schema (\(first.name) ännu inte tillämpat); kör något decreg-kommando "
                        + "på det en gång, som `decreg check`, för att uppdatera det, och servera det sedan",
                    en: "\(path) has an older schema (\(first.name) not yet applied); run any decreg command on it "
                        + "once, such as `decreg check`, to bring it up to date, then serve it"), field: nil)
        }
        try queue.close()
        // A pool of read-only connections, so requests read side by side. Read-only, GRDB's pool leaves the journal
        // mode alone (it switches to WAL only when it may write): the register keeps its rollback journal.
        config.maximumReaderCount = maximumReaders
        return Register(readOnly: try DatabasePool(path: path, configuration: config))
    }

    /// How long a read waits at most for a writer's commit, in seconds: `serve` answers 503 then, rather than hold
    /// the visitor's connection for the whole commit of a large import.
    public static let readerWaitLimit: TimeInterval = 5

    /// How long a read-only connection waits for SQLite's shared lock.
    public static let readOnlyBusyTimeout: TimeInterval = readerWaitLimit

    /// How many read-only connections serve requests at the same time.
    public static let maximumReaders = 4

    private init(readOnly reader: DatabasePool) {
        self.writer = reader
    }
}

extension Register {
    /// A read that failed because of the register file's state at the moment, not because of what was asked.
    public enum ReadFailure: Sendable, Equatable {
        /// A writer holds the file (a large import commits) for longer than `readOnlyBusyTimeout`.
        case busy
        /// The file is not a readable SQLite database at the moment: replaced, truncated or overwritten.
        case unreadable
    }

    /// What `error`, thrown by a read, says about the file; nil for any other error.
    public static func readFailure(_ error: any Error) -> ReadFailure? {
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy
        case .SQLITE_NOTADB, .SQLITE_CORRUPT, .SQLITE_IOERR, .SQLITE_CANTOPEN: return .unreadable
        default: return nil
        }
    }
}

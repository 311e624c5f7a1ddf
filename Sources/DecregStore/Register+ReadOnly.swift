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
        let queue: DatabaseQueue
        let schema: (initialised: Bool, pending: [(name: String, sql: String)])
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            schema = try queue.read { db in try checkSchema(db, path: path) }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw RegisterError.notARegister(path: path, reason: "the file is not an SQLite database")
        }
        guard schema.initialised else {
            throw RegisterError.notARegister(path: path, reason: "it is empty; create it with `decreg init`")
        }
        if let first = schema.pending.first {
            throw RegisterError.invalid(
                "\(path) has an older schema (\(first.name) not yet applied); run any decreg command on it once, "
                    + "such as `decreg check`, to bring it up to date, then serve it", field: nil)
        }
        try queue.close()
        // A pool of read-only connections, so requests read side by side. Read-only, GRDB's pool leaves the journal
        // mode alone (it switches to WAL only when it may write): the register keeps its rollback journal.
        config.maximumReaderCount = maximumReaders
        return Register(readOnly: try DatabasePool(path: path, configuration: config))
    }

    /// How long a read-only reader waits for a writer's commit before it gives up, in seconds.
    public static let readOnlyBusyTimeout: TimeInterval = 10

    /// How many read-only connections serve requests at the same time.
    public static let maximumReaders = 4

    private init(readOnly reader: DatabasePool) {
        self.writer = reader
    }
}

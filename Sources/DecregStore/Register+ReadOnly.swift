import DecregDomain
import Foundation
import GRDB

extension Register {
    /// Opens the register at `path` for reading only, as `decreg serve` does (`open(path:for: .serving)`): SQLite
    /// refuses every write on these connections, whatever a request asks, and the schema is not migrated.
    ///
    /// Each read is its own short transaction, so it sees the last committed state — a decision a clerk has just
    /// imported shows on the next read — and holds SQLite's shared lock only while it runs. With the rollback
    /// journal (see `configuration()`) a reader never makes a writer fail: the writer waits at commit for the
    /// readers of the moment to finish, within its busy timeout.
    public static func openReadOnly(path: String) throws -> Register {
        try open(path: path, for: .serving)
    }

    /// How long a read waits at most for a writer's commit, in seconds: `serve` answers 503 then, rather than hold
    /// the visitor's connection for the whole commit of a large import.
    public static let readerWaitLimit: TimeInterval = 5

    /// How long a read-only connection waits for SQLite's shared lock.
    public static let readOnlyBusyTimeout: TimeInterval = readerWaitLimit

    /// How many read-only connections serve requests at the same time.
    public static let maximumReaders = 4
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
        if let error = error as? RegisterError {
            switch error {
            case .file(_, .busy): return .busy
            case .file(_, .damaged), .file(_, .ioError), .file(_, .cannotOpen), .file(_, .interruptedWrite),
                .notARegister, .noRegister:
                return .unreadable
            default: return nil
            }
        }
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy
        case .SQLITE_NOTADB, .SQLITE_CORRUPT, .SQLITE_IOERR, .SQLITE_CANTOPEN: return .unreadable
        default: return nil
        }
    }
}

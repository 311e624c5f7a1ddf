import DecregDomain
import Foundation
import GRDB

extension Register {
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

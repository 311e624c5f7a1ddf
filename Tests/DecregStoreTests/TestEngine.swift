@testable import DecregStore
import DecregTestSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The engine the store's tests run on: SQLite in memory, or PostgreSQL when `DECREG_TEST_ENGINE=postgresql`
/// (`.ci/run` runs the store's suite both ways). On PostgreSQL each register is a new database on one server the
/// test process starts, with its own folder and port, stopped when the process ends.
enum TestEngine {
    static let selected: Engine =
        ProcessInfo.processInfo.environment["DECREG_TEST_ENGINE"] == "postgresql" ? .postgresql : .sqlite

    /// A new, empty register on the selected engine.
    static func emptyRegister() throws -> Register {
        switch selected {
        case .sqlite:
            return try Register.inMemory()
        case .postgresql:
            return try Register.create(path: try newDatabase())
        }
    }

    /// The address of a new, empty database on the shared server.
    static func newDatabase() throws -> String {
        try shared.get().newDatabase("register_\(counter.next())")
    }

    private static let shared: Result<PostgresServer, any Error> = {
        let result = Result { try PostgresServer(port: 5434) }
        if case .success = result { atexit { TestEngine.stopShared() } }
        return result
    }()

    private static func stopShared() {
        if case .success(let server) = shared { server.stop() }
    }

    private static let counter = Counter()

    final class Counter: @unchecked Sendable {
        private var value = 0
        private let lock = NSLock()
        func next() -> Int {
            lock.lock()
            defer { lock.unlock() }
            value += 1
            return value
        }
    }
}

extension PostgresServer {
    /// The address of `database` on this server, read as decreg reads `--db`.
    func location(database: String) throws -> PostgresLocation {
        try PostgresLocation(address: address(database: database))
    }
}

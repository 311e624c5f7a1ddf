@testable import DecregStore
import DecregTestSupport
import Foundation

/// The engine the store's tests run on: SQLite in memory, or PostgreSQL when `DECREG_TEST_ENGINE=postgresql`, each
/// register a new database on the server the test process shares (`PostgresServer.shared`).
enum TestEngine {
    static let selected: Engine = PostgresServer.selectedForTests ? .postgresql : .sqlite

    /// A new, empty register on the selected engine.
    static func emptyRegister() throws -> Register {
        switch selected {
        case .sqlite:
            return try Register.inMemory()
        case .postgresql:
            return try Register.create(path: try PostgresServer.sharedDatabase())
        }
    }
}

extension PostgresServer {
    /// The address of `database` on this server, read as decreg reads `--db`.
    func location(database: String) throws -> PostgresLocation {
        try PostgresLocation(address: address(database: database))
    }
}

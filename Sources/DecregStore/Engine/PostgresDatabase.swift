import DecregDomain
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// Where a PostgreSQL register is: `postgresql://USER@HOST:PORT/DATABASE`, or `postgresql://USER@/DATABASE?host=/run/
/// postgresql` for a Unix socket's folder, as libpq reads it. The password is never in the address (it would show
/// in `ps`, shell histories and logs): it comes from `PGPASSWORD`, else from `~/.pgpass`, as for `psql`.
public struct PostgresLocation: Sendable, Equatable {
    public var user: String
    /// A host name or address, or a Unix socket's folder (starting with `/`).
    public var host: String
    public var port: Int
    public var database: String

    /// Whether `text` names a PostgreSQL register rather than a file.
    public static func isAddress(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    public init(user: String, host: String, port: Int = 5432, database: String) {
        self.user = user
        self.host = host
        self.port = port
        self.database = database
    }

    /// Reads an address; a password in it, a missing user or database, or a port out of range is refused, naming
    /// what to write instead.
    public init(address: String) throws {
        func refuse(_ sv: String, _ en: String) -> RegisterError {
            .invalid(Phrase(sv: "\(sv); skriv postgresql://ANVÄNDARE@VÄRD:PORT/DATABAS", en: "\(en); write postgresql://USER@HOST:PORT/DATABASE"), field: "--db")
        }
        guard Self.isAddress(address), let parts = URLComponents(string: address) else {
            throw refuse("\(address) är ingen PostgreSQL-adress", "\(address) is not a PostgreSQL address")
        }
        guard parts.password == nil else {
            throw RegisterError.invalid(
                Phrase(
                    sv: "lösenordet hör inte hemma i adressen (det syns i ps och i historiken); ange det i PGPASSWORD eller ~/.pgpass",
                    en: "the password does not belong in the address (it shows in ps and in histories); give it in PGPASSWORD or ~/.pgpass"),
                field: "--db")
        }
        guard let user = parts.user, !user.isEmpty else { throw refuse("användaren saknas", "the user is missing") }
        let database = String(parts.path.dropFirst())
        guard !database.isEmpty, !database.contains("/") else {
            throw refuse("databasens namn saknas", "the database's name is missing")
        }
        let socket = parts.queryItems?.first { $0.name == "host" }?.value
        let port = parts.port ?? parts.queryItems?.first { $0.name == "port" }?.value.flatMap { Int($0) } ?? 5432
        guard (1...65535).contains(port) else { throw refuse("porten \(port) finns inte", "there is no port \(port)") }
        guard let host = socket ?? parts.host.flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw refuse("värden saknas", "the host is missing")
        }
        self.init(user: user, host: host, port: port, database: database)
    }

    /// The password for this address: `PGPASSWORD`, else the first matching line of `~/.pgpass`
    /// (`host:port:database:user:password`, `*` matching anything, `\:` and `\\` escaped), else none.
    public func password(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let password = environment["PGPASSWORD"] { return password }
        let file = environment["PGPASSFILE"] ?? (environment["HOME"].map { $0 + "/.pgpass" } ?? "")
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        let host = self.host.hasPrefix("/") ? "localhost" : self.host
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            var fields: [String] = [""]
            var escaped = false
            for character in line {
                if escaped {
                    fields[fields.count - 1].append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == ":" && fields.count < 5 {
                    fields.append("")
                } else {
                    fields[fields.count - 1].append(character)
                }
            }
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }
}

/// One connection to a PostgreSQL register, used synchronously as the store uses SQLite: each call waits for its
/// answer (never on one of NIO's event loops).
final class PostgresDatabase: Sendable {
    let connection: PostgresConnection
    let location: PostgresLocation
    private static let logger = Logger(label: "decreg.postgresql")

    private init(connection: PostgresConnection, location: PostgresLocation) {
        self.connection = connection
        self.location = location
    }

    /// Connects to the register at `location`, with its password from the environment or `~/.pgpass`.
    static func connect(_ location: PostgresLocation) throws -> PostgresDatabase {
        let password = location.password()
        let configuration =
            location.host.hasPrefix("/")
            ? PostgresConnection.Configuration(
                unixSocketPath: location.host + "/.s.PGSQL.\(location.port)", username: location.user,
                password: password, database: location.database)
            : PostgresConnection.Configuration(
                host: location.host, port: location.port, username: location.user, password: password,
                database: location.database, tls: .disable)
        do {
            let connection = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 1, logger: logger
            ).wait()
            return PostgresDatabase(connection: connection, location: location)
        } catch {
            throw RegisterError.invalid(
                Phrase(
                    sv: "kan inte ansluta till \(location.user)@\(location.host):\(location.port)/\(location.database): \(error)",
                    en: "cannot connect to \(location.user)@\(location.host):\(location.port)/\(location.database): \(error)"),
                field: "--db")
        }
    }

    /// Runs one statement and returns its rows.
    @discardableResult
    func query(_ sql: String, _ binds: [PostgresData] = []) throws -> [PostgresRow] {
        try connection.query(sql, binds).wait().rows
    }

    func close() {
        try? connection.close().wait()
    }

    /// Brings the schema up to date with PostgreSQL's migrations (`Migrations/postgresql/`) in one transaction,
    /// holding a lock that another decreg migrating the same register at the same moment waits for; returns the
    /// migrations applied.
    @discardableResult
    func migrate() throws -> [String] {
        try query("BEGIN")
        do {
            try query("SELECT pg_advisory_xact_lock(\(Self.migrationLock))")
            try query("CREATE TABLE IF NOT EXISTS decreg_migration (identifier TEXT PRIMARY KEY)")
            let applied = Set(try query("SELECT identifier FROM decreg_migration").map { try $0.decode(String.self) })
            var done: [String] = []
            for migration in EmbeddedMigrations.postgresql where !applied.contains(migration.name) {
                // A migration is many statements, and the extended protocol takes one: one DO block runs them all.
                guard !migration.sql.contains("$decreg_sql$") else {
                    throw RegisterError.invalid(
                        Phrase(verbatim: "migration \(migration.name) contains $decreg_sql$"), field: nil)
                }
                try query("DO $decreg_migration$ BEGIN EXECUTE $decreg_sql$\(migration.sql)$decreg_sql$; END $decreg_migration$")
                try query("INSERT INTO decreg_migration (identifier) VALUES ($1)", [PostgresData(string: migration.name)])
                done.append(migration.name)
            }
            try query("COMMIT")
            return done
        } catch {
            _ = try? query("ROLLBACK")
            throw error
        }
    }

    /// The advisory lock migrations take (an arbitrary number of decreg's own: "decreg" in ASCII).
    static let migrationLock: Int64 = 0x6465_6372_6567
}

import DecregDomain
import Foundation
import Logging
import NIOConcurrencyHelpers
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

/// The connections to a PostgreSQL register, used synchronously as the store uses SQLite: each call waits for its
/// answer. A transaction holds one connection for its whole body; transactions run side by side on up to
/// `maximumConnections` (opened as they are needed), as `serve`'s requests do. The event loop is decreg's own, never
/// one a caller may be running on (a web server's).
final class PostgresDatabase: @unchecked Sendable {
    let location: PostgresLocation
    private let group: MultiThreadedEventLoopGroup
    private let configuration: PostgresConnection.Configuration
    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var idle: [PostgresLink]
    private var opened: Int
    private var closed = false
    static let logger = Logger(label: "decreg.postgresql")
    /// How many connections at most: `serve`'s readers and a writer.
    static let maximumConnections = Register.maximumReaders + 1

    private init(location: PostgresLocation, group: MultiThreadedEventLoopGroup,
                 configuration: PostgresConnection.Configuration, first: PostgresLink) {
        self.location = location
        self.group = group
        self.configuration = configuration
        self.idle = [first]
        self.opened = 1
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
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            let first = try PostgresLink.open(configuration, location: location, on: group, id: 1)
            return PostgresDatabase(location: location, group: group, configuration: configuration, first: first)
        } catch {
            try? group.syncShutdownGracefully()
            throw RegisterError.postgres(location, error)
        }
    }

    /// A connection for one transaction: an idle one, a new one while fewer than the most are open, else the next
    /// one given back.
    private func checkOut() throws -> PostgresLink {
        condition.lock()
        while true {
            if let link = idle.popLast() {
                condition.unlock()
                return link
            }
            if opened < Self.maximumConnections {
                opened += 1
                let id = opened
                condition.unlock()
                do {
                    return try PostgresLink.open(configuration, location: location, on: group, id: id)
                } catch {
                    condition.lock()
                    opened -= 1
                    condition.signal()
                    condition.unlock()
                    throw error
                }
            }
            condition.wait()
        }
    }

    /// Gives a connection back; a broken one (the server went away) is closed, and a new one opened when needed.
    private func checkIn(_ link: PostgresLink) {
        condition.lock()
        if link.connection.isClosed {
            opened -= 1
        } else {
            idle.append(link)
        }
        condition.signal()
        condition.unlock()
    }

    /// Runs `body` on one connection of its own, outside any transaction of decreg's.
    func withLink<T>(_ body: (PostgresLink) throws -> T) throws -> T {
        let link = try checkOut()
        defer { checkIn(link) }
        return try body(link)
    }

    /// Runs one statement written with `?` for its values on a connection of its own.
    func run(_ sql: String, _ arguments: SQLArguments) throws -> (rows: [SQLRow], changed: Int) {
        try withLink { try $0.run(sql, arguments) }
    }

    /// Runs `body` in one transaction: a write holds the lock that orders every writer of the register (whichever
    /// machine it runs on) from its start, so it reads the trail's head as the last writer left it and appends
    /// after it; a read sees one state of the register throughout.
    func transaction<T>(writing: Bool, _ body: (Session) throws -> T) throws -> T {
        try withLink { link in
            _ = try link.run(writing ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", [])
            do {
                if writing { _ = try link.run("SELECT pg_advisory_xact_lock(\(Self.writerLock))", []) }
                let session = Session(link)
                let result = try body(session)
                try session.finish()
                _ = try link.run("COMMIT", [])
                return result
            } catch {
                _ = try? link.run("ROLLBACK", [])
                throw error
            }
        }
    }

    /// Closes every connection and stops the event loop; a second call does nothing.
    func close() {
        condition.lock()
        let links = closed ? [] : idle
        let wasOpen = !closed
        closed = true
        idle.removeAll()
        condition.unlock()
        guard wasOpen else { return }
        // The last reference may go on one of a web server's event loops (serve stopping), where nothing may wait:
        // there the connections and the loop are closed without waiting for it.
        if MultiThreadedEventLoopGroup.currentEventLoop == nil {
            for link in links { try? link.connection.close().wait() }
            try? group.syncShutdownGracefully()
        } else {
            for link in links { link.closeWithoutWaiting() }
            group.shutdownGracefully { _ in }
        }
    }

    deinit { close() }

    /// The migrations applied, in order; nil when the database has no migration table (it is no register).
    func appliedMigrations() throws -> [String]? {
        let exists = try run("SELECT to_regclass('decreg_migration') IS NOT NULL", []).rows.first.map { $0[0] as Bool }
        guard exists == true else { return nil }
        return try run("SELECT identifier FROM decreg_migration ORDER BY identifier", []).rows.map { $0[0] as String }
    }

    /// How many tables the database's current schema holds.
    func tableCount() throws -> Int {
        try run("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()", [])
            .rows.first.map { $0[0] as Int } ?? 0
    }

    /// Brings the schema up to date with PostgreSQL's migrations (`Migrations/postgresql/`) in one transaction,
    /// holding a lock that another decreg migrating the same register at the same moment waits for; returns the
    /// migrations applied.
    @discardableResult
    func migrate() throws -> [String] {
        try withLink { link in
            _ = try link.run("BEGIN", [])
            do {
                _ = try link.run("SELECT pg_advisory_xact_lock(\(Self.migrationLock))", [])
                _ = try link.run("CREATE TABLE IF NOT EXISTS decreg_migration (identifier TEXT PRIMARY KEY)", [])
                let applied = Set(try link.run("SELECT identifier FROM decreg_migration", []).rows.map { $0[0] as String })
                var done: [String] = []
                for migration in EmbeddedMigrations.postgresql where !applied.contains(migration.name) {
                    // A migration is many statements, and the extended protocol takes one: one DO block runs them all.
                    guard !migration.sql.contains("$decreg_sql$") else {
                        throw RegisterError.invalid(
                            Phrase(verbatim: "migration \(migration.name) contains $decreg_sql$"), field: nil)
                    }
                    _ = try link.run(
                        "DO $decreg_migration$ BEGIN EXECUTE $decreg_sql$\(migration.sql)$decreg_sql$; END $decreg_migration$",
                        [])
                    _ = try link.run("INSERT INTO decreg_migration (identifier) VALUES (?)", [migration.name])
                    done.append(migration.name)
                }
                _ = try link.run("COMMIT", [])
                return done
            } catch {
                _ = try? link.run("ROLLBACK", [])
                throw error
            }
        }
    }

    /// The advisory lock migrations take (an arbitrary number of decreg's own: "decreg" in ASCII).
    static let migrationLock: Int64 = 0x6465_6372_6567
    /// The advisory lock every write takes for its transaction: "decregw".
    static let writerLock: Int64 = 0x64_6563_7265_6777
}

/// One connection to the register's server.
final class PostgresLink: @unchecked Sendable {
    let connection: PostgresConnection
    let location: PostgresLocation

    private init(connection: PostgresConnection, location: PostgresLocation) {
        self.connection = connection
        self.location = location
    }

    static func open(
        _ configuration: PostgresConnection.Configuration, location: PostgresLocation,
        on group: MultiThreadedEventLoopGroup, id: Int
    ) throws -> PostgresLink {
        do {
            let connection = try PostgresConnection.connect(
                on: group.next(), configuration: configuration, id: id, logger: PostgresDatabase.logger
            ).wait()
            return PostgresLink(connection: connection, location: location)
        } catch {
            throw RegisterError.postgres(location, error)
        }
    }

    deinit {
        guard !connection.isClosed else { return }
        if MultiThreadedEventLoopGroup.currentEventLoop == nil {
            try? connection.close().wait()
        } else {
            closeWithoutWaiting()
        }
    }

    /// Closes the connection, keeping it until it is closed (PostgresNIO requires a connection closed before it
    /// goes), without waiting here.
    func closeWithoutWaiting() {
        let connection = self.connection
        connection.close().whenComplete { _ in _ = connection }
    }

    /// The query's answer. A query sent as the server went away (killed, restarted, the network cut) is not
    /// always failed by PostgresNIO: once the connection is closed and no answer came within a second, it is given
    /// up as unanswered rather than waited for forever.
    private func answer(_ future: EventLoopFuture<PostgresQueryResult>) throws -> PostgresQueryResult {
        let done = DispatchSemaphore(value: 0)
        let outcome = NIOLockedValueBox<Result<PostgresQueryResult, any Error>?>(nil)
        future.whenComplete { result in
            outcome.withLockedValue { $0 = result }
            done.signal()
        }
        var closedSince: DispatchTime? = nil
        while done.wait(timeout: .now() + .milliseconds(250)) == .timedOut {
            guard connection.isClosed else { continue }
            let since = closedSince ?? .now()
            closedSince = since
            if DispatchTime.now() > since + .seconds(1) { throw PostgresConnectionLost() }
        }
        return try outcome.withLockedValue { $0 }!.get()
    }

    /// Runs one statement written with `?` for its values (or, `numbered`, with PostgreSQL's `$1`, `$2`, …); its
    /// rows, and how many rows it changed.
    func run(_ sql: String, _ arguments: SQLArguments, numbered: Bool = false) throws -> (rows: [SQLRow], changed: Int) {
        var binds = PostgresBindings(capacity: arguments.values.count)
        for value in arguments.values {
            switch value {
            case .null: binds.appendNull()
            case .integer(let value): binds.append(value)
            case .real(let value): binds.append(value)
            case .text(let value): binds.append(value)
            case .blob(let value): try binds.append(value)
            }
        }
        // PostgreSQL's failures go up as they are, through the store's own `catch`es, and are said in the register's
        // words where a transaction ends (`RegisterError.from`), as SQLite's are.
        let result = try answer(
            connection.query(
                PostgresQuery(unsafeSQL: numbered ? sql : PostgresDatabase.numbered(sql), binds: binds), logger: PostgresDatabase.logger))
        var columns: [String]? = nil
        let rows = try result.rows.map { row in
            var values: [SQLValue] = []
            var names: [String] = []
            for cell in row {
                values.append(try PostgresDatabase.value(cell))
                if columns == nil { names.append(cell.columnName) }
            }
            if columns == nil { columns = names }
            return SQLRow(columns: columns ?? names, values: values)
        }
        return (rows, result.metadata.rows ?? 0)
    }
}

extension PostgresDatabase {
    /// A cell as the store reads it: PostgreSQL's integers, texts and bytes as SQLite's; a boolean as 0 or 1; a
    /// NUMERIC (a sum of BIGINTs) as an integer when it is whole.
    static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard let bytes = cell.bytes else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid: return .integer(try cell.decode(Int64.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .bytea: return .blob(Data(bytes.readableBytesView))
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .numeric:
            let text = try cell.decode(Decimal.self).description
            return Int64(text).map(SQLValue.integer) ?? .text(text)
        case .jsonb:
            // The binary form is a version byte, then the text.
            return .text(String(decoding: bytes.readableBytesView.dropFirst(), as: UTF8.self))
        default:
            return .text(String(decoding: bytes.readableBytesView, as: UTF8.self))
        }
    }

    /// `sql` with its `?` numbered as PostgreSQL's `$1`, `$2`, …, leaving quoted texts, quoted names and comments
    /// as they are. Remembered per text: the store sends the same few statements again and again.
    static func numbered(_ sql: String) -> String {
        if let known = numberedCache.withLockedValue({ $0[sql] }) { return known }
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        var quote: Character? = nil
        var comment = false
        var previous: Character? = nil
        for character in sql {
            if comment {
                if character == "\n" { comment = false }
            } else if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "-" && previous == "-" {
                comment = true
            } else if character == "?" {
                number += 1
                result += "$\(number)"
                previous = character
                continue
            }
            result.append(character)
            previous = character
        }
        numberedCache.withLockedValue { cache in
            if cache.count > 4096 { cache.removeAll() }
            cache[sql] = result
        }
        return result
    }

    private static let numberedCache = NIOLockedValueBox<[String: String]>([:])
}

extension PostgresLocation: CustomStringConvertible {
    /// The address as it is written (never with a password: it has none).
    public var description: String {
        host.hasPrefix("/")
            ? "postgresql://\(user)@/\(database)?host=\(host)&port=\(port)"
            : "postgresql://\(user)@\(host):\(port)/\(database)"
    }
}

/// A query that got no answer because its connection closed (see `PostgresLink.answer`).
struct PostgresConnectionLost: Error {}

extension RegisterError {
    /// PostgreSQL's failure as the register's error naming the address: SQLSTATEs mapped to the same plain causes
    /// as SQLite's result codes (`from(_:path:)`), in this one place.
    static func postgres(_ location: PostgresLocation, _ error: any Error) -> any Error {
        postgres(path: location.description, error)
    }

    /// `postgres(_:_:)` for the register named `path`; nil for an error that is not PostgreSQL's.
    static func postgres(path: String, _ error: any Error) -> any Error {
        if error is RegisterError { return error }
        if error is PostgresConnectionLost {
            return RegisterError.file(path: path, problem: .unreachable("the connection was closed"))
        }
        guard let error = error as? PSQLError else {
            return RegisterError.file(path: path, problem: .unreachable(String(describing: error)))
        }
        guard let state = error.serverInfo?[.sqlState] else {
            // No answer from the server: it could not be reached, or the connection was lost.
            return RegisterError.file(path: path, problem: .unreachable(Self.connectionProblem(error)))
        }
        let message = error.serverInfo?[.message] ?? ""
        let problem: FileProblem
        switch state {
        case "53100": problem = .diskFull
        case "42501": problem = .permissionDenied(message)
        case "25006": problem = .standby
        case "40001", "40P01", "55P03", "57014": problem = .busy
        case "XX001", "XX002": problem = .damaged
        case "58030": problem = .ioError
        case "28000", "28P01", "3D000", "08000", "08003", "08006", "57P01", "57P02", "57P03":
            problem = .unreachable(message)
        default: problem = .postgres(code: state, message: message)
        }
        return RegisterError.file(path: path, problem: problem)
    }

    private static func connectionProblem(_ error: PSQLError) -> String {
        switch error.code {
        case .connectionError: "the connection failed (\(error.underlying.map { String(describing: $0) } ?? "no answer"))"
        case .serverClosedConnection, .clientClosedConnection: "the connection was closed"
        default: String(describing: error.code)
        }
    }
}

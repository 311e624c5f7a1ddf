import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A real PostgreSQL server of Debian's `postgresql` package for the tests: its own data directory in a temporary
/// folder, run as the `postgres` user (initdb refuses root), listening only on a Unix socket in that folder, stopped
/// and removed by `stop()`. `psql` talks to it.
public final class PostgresServer: @unchecked Sendable {
    public let folder: URL
    public let bin: URL
    public let port: Int
    public static let port = 5433

    /// The newest installed server's programs (`/usr/lib/postgresql/15/bin`), or nil.
    public static let binaries: URL? = {
        let root = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return versions.compactMap(Int.init).max().map { root.appendingPathComponent("\($0)/bin") }
            .flatMap { FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("initdb").path) ? $0 : nil }
    }()

    /// Whether a server can be started here: Debian's package is installed (`.ci/run` installs it).
    public static var available: Bool { binaries != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/psql") }

    /// Whether the tests must have one: set by `.ci/run`, so a machine without it fails rather than skips.
    public static var required: Bool { ProcessInfo.processInfo.environment["DECREG_REQUIRE_PEERS"] == "1" }

    /// Initialises and starts a server; throws with initdb's or pg_ctl's output when it cannot.
    public init(port: Int = PostgresServer.port) throws {
        self.port = port
        guard let bin = Self.binaries else { throw Failure("PostgreSQL is not installed (apt-get install postgresql)") }
        self.bin = bin
        folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("decreg-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if getuid() == 0 { try Self.run("/bin/chown", ["postgres", folder.path]) }
        let data = folder.appendingPathComponent("data").path
        try asServer("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"])
        try start()
    }

    /// A streaming replica of `primary` (a base backup with `pg_basebackup -R`), started on `port`: a standby that
    /// takes reads only and replays what the primary writes.
    public init(replicaOf primary: PostgresServer, port: Int) throws {
        self.port = port
        bin = primary.bin
        folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("decreg-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if getuid() == 0 { try Self.run("/bin/chown", ["postgres", folder.path]) }
        try asServer(
            "pg_basebackup",
            ["-D", folder.appendingPathComponent("data").path, "-R", "-X", "stream", "-c", "fast", "-h", primary.folder.path, "-p",
             String(primary.port), "-U", "postgres"])
        try start()
    }

    /// Starts the server on its data; after `kill`, PostgreSQL first recovers from its write-ahead log, as after a
    /// crash or a power cut.
    public func start() throws {
        try asServer(
            "pg_ctl",
            [
                "-D", folder.appendingPathComponent("data").path, "-l", folder.appendingPathComponent("server.log").path,
                "-w", "-t", "60", "-o", "-p \(port) -k \(folder.path) -c listen_addresses=''", "start",
            ])
    }

    /// Kills the server's main process with SIGKILL, as a crash would, and waits until its processes are gone (each
    /// backend ends when it sees its postmaster gone), at most 30 s.
    public func kill() throws {
        let pidFile = folder.appendingPathComponent("data/postmaster.pid").path
        guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
            let pid = text.split(separator: "\n").first.flatMap({ Int32($0) })
        else { throw Failure("no postmaster.pid in \(folder.path)") }
        _ = Glibc.kill(pid, SIGKILL)
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            // The killed server's backends and helpers, orphaned: children of init named "postgres: …".
            let (_, output) = try Self.output("/bin/ps", ["-u", "postgres", "-o", "ppid=,args="])
            let orphans = output.split(separator: "\n").filter {
                let fields = $0.trimmingCharacters(in: .whitespaces)
                return fields.hasPrefix("1 postgres: ")
            }
            if Glibc.kill(pid, 0) != 0 && orphans.isEmpty { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw Failure("the server in \(folder.path) did not end")
    }

    /// The address of `database` on this server, as a user of decreg gives it (`--db`).
    public func address(database: String) -> String {
        "postgresql://postgres@/\(database)?host=\(folder.path)&port=\(port)"
    }

    /// A new, empty database on this server, and its address.
    public func newDatabase(_ name: String) throws -> String {
        let (status, output) = try psql("CREATE DATABASE \(name)")
        guard status == 0 else { throw Failure("CREATE DATABASE \(name): \(output)") }
        return address(database: name)
    }

    /// Stops the server and removes its folder.
    public func stop() {
        _ = try? asServer("pg_ctl", ["-D", folder.appendingPathComponent("data").path, "-m", "fast", "-w", "stop"])
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs `sql` with psql in `database`, stopping at the first error: the status and what psql wrote.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") throws -> (status: Int32, output: String) {
        try Self.output(
            "/usr/bin/psql",
            ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", folder.path, "-p", String(port), "-U",
             "postgres", "-d", database, "-c", sql])
    }

    private func asServer(_ program: String, _ arguments: [String]) throws {
        let path = bin.appendingPathComponent(program).path
        if getuid() == 0 {
            try Self.run("/usr/sbin/runuser", ["-u", "postgres", "--", path] + arguments)
        } else {
            try Self.run(path, arguments)
        }
    }

    private static func run(_ program: String, _ arguments: [String]) throws {
        let (status, output) = try Self.output(program, arguments)
        guard status == 0 else { throw Failure("\(program) \(arguments.joined(separator: " ")): \(output)") }
    }

    /// Runs a program and what it wrote, through `system(3)`, which waits for the program alone. Foundation's
    /// `Process` waits too for every holder of a descriptor it hands the child, and the server pg_ctl starts keeps
    /// one for as long as it runs.
    private static func output(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let file = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("decreg-pg-out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let command = ([program] + arguments).map(quoted).joined(separator: " ")
            + " </dev/null >\(quoted(file.path)) 2>&1"
        let status = system(command)
        let output = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        // system's status is wait(2)'s: the exit status in its second byte.
        return (status == -1 ? -1 : (status >> 8) & 0xFF, output)
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }
}

extension PostgresServer {
    /// Whether the tests run on PostgreSQL rather than SQLite: `DECREG_TEST_ENGINE=postgresql` (`.ci/run` runs the
    /// store suite and the end-to-end suite both ways).
    public static let selectedForTests = ProcessInfo.processInfo.environment["DECREG_TEST_ENGINE"] == "postgresql"

    /// The server that the tests of one test process share, each test in a database of its own: started on port
    /// 5434 by the first test that asks, stopped when the process ends.
    public static func shared() throws -> PostgresServer { try sharedServer.get() }

    /// The database's name in an address of the shared server's (`postgresql://postgres@/NAME?host=…`), for psql.
    public static func database(of address: String) -> String {
        String(address.components(separatedBy: "@/")[1].prefix { $0 != "?" })
    }

    /// The address of a new, empty database on the shared server, named so no other test's is the same.
    public static func sharedDatabase() throws -> String {
        try shared().newDatabase("test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())
    }

    private static let sharedServer: Result<PostgresServer, any Error> = {
        let result = Result { try PostgresServer(port: 5434) }
        if case .success = result { atexit { PostgresServer.stopShared() } }
        return result
    }()

    private static func stopShared() {
        if case .success(let server) = sharedServer { server.stop() }
    }
}

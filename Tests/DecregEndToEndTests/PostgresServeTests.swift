import DecregTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Several `decreg serve` processes on one PostgreSQL register, as behind a load balancer, and what a crash does:
/// every write lands once and the trail holds. Bounded: each request has a timeout, each server a deadline, and the
/// servers listen on 127.0.0.1 only.
@Suite("Serving one PostgreSQL register from several processes", .serialized,
       .enabled(if: PostgresServer.available || PostgresServer.required))
struct PostgresServeTests {
    static let ref = "FLEMINGSBERG-2007"

    /// A running `decreg serve` on `db`, stopped by `stop()` (or SIGKILLed by `kill()`), and at the latest after
    /// two minutes.
    final class Server: @unchecked Sendable {
        let process = Process()
        let port: Int
        private let deadline: DispatchWorkItem

        init(_ db: String, _ more: [String] = []) throws {
            process.executableURL = Decreg.binary
            process.arguments = ["serve", "--port", "0", "--host", "127.0.0.1", "--db", db] + more
            process.environment = ["LANG": "C", "PATH": "/usr/bin:/bin"]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            let process = self.process
            deadline = DispatchWorkItem { if process.isRunning { process.terminate() } }
            DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: deadline)
            guard let port = ServeFloodTests.port(from: out.fileHandleForReading) else {
                process.terminate()
                throw CocoaError(.fileReadUnknown)
            }
            self.port = port
        }

        func stop() {
            deadline.cancel()
            if process.isRunning {
                process.terminate()
                process.waitUntilExit()
            }
        }

        func kill() {
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// A register on PostgreSQL with the fixtures and `clerks` finance accounts of Botkyrka, and their tokens.
    static func register(clerks: Int) throws -> (Decreg, [String]) {
        let decreg = try Decreg(database: PostgresServer.sharedDatabase())
        #expect(try decreg.run(["import"] + decreg.allFixtures).status == 0)
        var tokens: [String] = []
        for index in 1...clerks {
            #expect(try decreg.run("account", "add", "fin\(index)", "--role", "finance", "--party", "BOTKYRKA").status == 0)
            tokens.append(try decreg.run("account", "token", "fin\(index)").stdout.trimmingCharacters(in: .newlines))
        }
        return (decreg, tokens)
    }

    /// Posts a payment of 1 kr by Botkyrka with `reference` through the API at `port`: the answer's status, or 0
    /// when no answer came (the server went away, or 30 s passed).
    static func pay(_ port: Int, token: String, reference: String) -> Int {
        let body = #"{"party": "BOTKYRKA", "year": 2008, "date": "2008-03-01", "amount": "1 kr", "reference": "\#(reference)"}"#
        let request = "POST /api/v1/decisions/\(ref)/payments HTTP/1.1\r\nHost: x\r\n"
            + "Authorization: Bearer \(token)\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        guard let socket = try? ServeFloodTests.connect(port, from: "127.0.0.1") else { return 0 }
        defer { close(socket) }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = request.withCString { send(socket, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            answer += buffer.prefix(count)
        }
        let head = String(decoding: answer.prefix(12), as: UTF8.self)
        guard head.hasPrefix("HTTP/1.1 ") else { return 0 }
        return Int(head.dropFirst(9).prefix(3)) ?? 0
    }

    /// The references of the decision's standing payments, as the command line lists them.
    static func references(_ decreg: Decreg) throws -> [String] {
        let listed = try decreg.run("payment", "list", ref, "--format", "json")
        let rows = try #require(try decreg.json(listed.stdout) as? [[String: Any]], "\(listed.stderr)")
        return rows.compactMap { $0["reference"] as? String }
    }

    static func entries(_ decreg: Decreg) throws -> Int {
        Int(try decreg.run("audit", "head").stdout.split(separator: " ").first ?? "") ?? -1
    }

    @Test("Two serve processes, 50 clerks writing through both at once and a command-line clerk: each write lands once")
    func twoServersFiftyClerks() async throws {
        try await offThread { try self.twoServersFiftyClerksBody() }
    }

    func twoServersFiftyClerksBody() throws {
        let (decreg, tokens) = try Self.register(clerks: 50)
        defer { decreg.remove() }
        let before = try Self.entries(decreg)
        let servers = [try Server(decreg.db), try Server(decreg.db)]
        defer { servers.forEach { $0.stop() } }
        let writes = 4
        let statuses = Locked<[Int]>([])
        let cli = Locked<[Int32]>([])
        Self.atOnce(tokens.count + 1) { index in
            if index == tokens.count {
                // The command line's clerk, beside them.
                for number in 1...10 {
                    let added = try? decreg.run(
                        "payment", "add", Self.ref, "--party", "SLL", "--year", "2008", "--date", "2008-03-02",
                        "--amount", "1 kr", "--reference", "CLI-\(number)")
                    cli.mutate { $0.append(added?.status ?? -1) }
                }
                return
            }
            for write in 1...writes {
                // Each clerk's writes alternate between the two servers, as a load balancer would send them.
                let port = servers[(index + write) % 2].port
                let status = Self.pay(port, token: tokens[index], reference: "API-\(index + 1)-\(write)")
                statuses.mutate { $0.append(status) }
            }
        }
        #expect(statuses.value.count == 200)
        #expect(statuses.value.allSatisfy { $0 == 201 }, "\(Dictionary(grouping: statuses.value, by: { $0 }).mapValues(\.count))")
        #expect(cli.value == Array(repeating: 0, count: 10))
        let references = try Self.references(decreg)
        let expected = Set((1...50).flatMap { clerk in (1...writes).map { "API-\(clerk)-\($0)" } } + (1...10).map { "CLI-\($0)" })
        #expect(Set(references).isSuperset(of: expected))
        #expect(references.filter { expected.contains($0) }.count == expected.count, "each write once")
        #expect(try Self.entries(decreg) == before + expected.count)
        let verified = try decreg.run("audit", "verify")
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    }

    @Test("One serve process killed with SIGKILL while clerks write: the other keeps serving, nothing is half-written")
    func oneServerKilled() async throws {
        try await offThread { try self.oneServerKilledBody() }
    }

    func oneServerKilledBody() throws {
        let (decreg, tokens) = try Self.register(clerks: 8)
        defer { decreg.remove() }
        let before = try Self.entries(decreg)
        let doomed = try Server(decreg.db)
        let survivor = try Server(decreg.db)
        defer { [doomed, survivor].forEach { $0.stop() } }
        let answered = Locked<[(String, Int)]>([])
        let killed = DispatchSemaphore(value: 0)
        Self.atOnce(tokens.count + 1) { index in
            if index == tokens.count {
                Thread.sleep(forTimeInterval: 0.3)
                doomed.kill()
                for _ in tokens { killed.signal() }
                return
            }
            // Half the clerks write to the doomed server until it is killed; then every clerk writes to the other.
            var write = 0
            while index % 2 == 0, killed.wait(timeout: .now()) == .timedOut, write < 200 {
                write += 1
                let reference = "DOOMED-\(index)-\(write)"
                answered.mutate { $0.append((reference, Self.pay(doomed.port, token: tokens[index], reference: reference))) }
            }
            if index % 2 != 0 { killed.wait() }
            for after in 1...3 {
                let reference = "AFTER-\(index)-\(after)"
                answered.mutate { $0.append((reference, Self.pay(survivor.port, token: tokens[index], reference: reference))) }
            }
        }
        let afterKill = answered.value.filter { $0.0.hasPrefix("AFTER-") }
        #expect(afterKill.count == tokens.count * 3)
        #expect(afterKill.allSatisfy { $0.1 == 201 }, "the other instance keeps serving: \(afterKill)")
        let references = try Self.references(decreg)
        // Every write answered 201 is recorded once; one cut off by the kill is recorded once or not at all.
        for (reference, status) in answered.value {
            let count = references.filter { $0 == reference }.count
            if status == 201 { #expect(count == 1, "\(reference)") } else { #expect(count <= 1, "\(reference)") }
        }
        #expect(try Self.entries(decreg) == before + references.filter { $0.hasPrefix("DOOMED-") || $0.hasPrefix("AFTER-") }.count)
        let verified = try decreg.run("audit", "verify")
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        // A new instance in its place serves the same register.
        let restarted = try Server(decreg.db)
        defer { restarted.stop() }
        #expect(Self.pay(restarted.port, token: tokens[0], reference: "RESTARTED") == 201)
    }

    @Test("The PostgreSQL server killed with SIGKILL mid-import: the import fails in one line, nothing of it is kept")
    func serverKilledMidImport() async throws {
        try await offThread { try self.serverKilledMidImportBody() }
    }

    func serverKilledMidImportBody() throws {
        let server = try PostgresServer(port: 5436)
        defer { server.stop() }
        let decreg = try Decreg(database: server.newDatabase("killed"))
        defer { decreg.remove() }
        #expect(try decreg.run(["import"] + decreg.allFixtures).status == 0)
        let exported = try decreg.run("export").stdout
        let head = try decreg.run("audit", "head").stdout
        let file = try decreg.write("many.yaml", ReliabilityTests.decisions("K", count: 3000))
        let importing = Locked<Decreg.Result?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            importing.mutate { $0 = try? decreg.run("import", file) }
            done.signal()
        }
        Thread.sleep(forTimeInterval: 1.5)
        try server.kill()
        #expect(done.wait(timeout: .now() + 60) == .success)
        let failed = try #require(importing.value)
        #expect(failed.status == 2, "\(failed.stdout)\(failed.stderr)")
        #expect(failed.stderr.split(separator: "\n").count == 1, "\(failed.stderr)")
        #expect(failed.stderr.contains("cannot reach") || failed.stderr.contains("the connection"), "\(failed.stderr)")
        try server.start()
        #expect(try decreg.run("export").stdout == exported)
        #expect(try decreg.run("audit", "head").stdout == head)
        let verified = try decreg.run("audit", "verify")
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        // And the import, run again, lands whole.
        #expect(try decreg.run("import", file).status == 0)
        #expect(try decreg.run("audit", "verify").status == 0)
    }
}

extension PostgresServeTests {
    /// Runs `body(0)` … `body(count - 1)` each on a thread of its own, all at once (not a pool's few at a time),
    /// and waits for all of them, at most 5 minutes.
    static func atOnce(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let group = DispatchGroup()
        for index in 0..<count {
            group.enter()
            Thread.detachNewThread {
                body(index)
                group.leave()
            }
        }
        #expect(group.wait(timeout: .now() + 300) == .success, "every thread ended")
    }
}

/// Runs a test's blocking body (processes, sockets, waits) on a thread of its own, so that it does not hold one of
/// the few threads Swift's concurrency runs every test and in-process server on for the tens of seconds it waits.
func offThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
}

/// A value shared by threads.
final class Locked<Value>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    func mutate(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
}

extension PostgresServeTests {
    @Test("serve as a role given only what serve does: it reads and its clerks write; the trail and checkpoints are out of its reach")
    func servingRole() async throws {
        try await offThread { try self.servingRoleBody() }
    }

    func servingRoleBody() throws {
        let (decreg, tokens) = try Self.register(clerks: 1)
        defer { decreg.remove() }
        let server = try PostgresServer.shared()
        let role = "web_\(UUID().uuidString.prefix(8).lowercased())"
        #expect(try server.psql("CREATE ROLE \(role) LOGIN").status == 0)
        let granted = try decreg.run("grant", role)
        #expect(granted.status == 0, "\(granted.stderr)")
        #expect(granted.stdout.contains("may now do what decreg serve does"))
        let asRole = decreg.db.replacingOccurrences(of: "postgresql://postgres@", with: "postgresql://\(role)@")
        let web = try Server(asRole)
        defer { web.stop() }
        #expect(Self.pay(web.port, token: tokens[0], reference: "AS-ROLE") == 201)
        #expect(try ServeFloodTests.get(web.port, "/decisions/\(Self.ref)").hasPrefix("HTTP/1.1 200"))
        // What only the owner may do is refused, in one line naming the register.
        let dir = decreg.directory.path
        _ = try decreg.run(["log", "key", "generate", "--name", "example.se/log", "--output", "\(dir)/log.key"], useDB: false)
        let publish = try decreg.run(["log", "checkpoint", "--key", "\(dir)/log.key", "--publish", "--db", asRole], useDB: false)
        #expect(publish.status == 2)
        #expect(publish.stderr.contains("may not change") && publish.stderr.contains("permission denied"), "\(publish.stderr)")
        #expect(publish.stderr.split(separator: "\n").count == 1)
        // Behind decreg's back, the role cannot rewrite history.
        let database = PostgresServer.database(of: decreg.db)
        for sql in [
            "DELETE FROM audit_entry", "UPDATE audit_entry SET actor = 'x'", "TRUNCATE audit_entry",
            "DROP TRIGGER audit_entry_no_update ON audit_entry", "ALTER TABLE audit_entry DISABLE TRIGGER ALL",
            "UPDATE checkpoint SET note = ''", "INSERT INTO checkpoint_signature (size, line, added_at) VALUES (1, 'x', 'y')",
            "UPDATE setting SET value = 'en'", "DROP TABLE payment",
        ] {
            let refused = try server.psql("SET ROLE \(role); \(sql)", database: database)
            #expect(refused.status != 0, "\(sql)")
            #expect(refused.output.contains("permission denied") || refused.output.contains("must be owner"), "\(sql): \(refused.output)")
        }
        #expect(try decreg.run("audit", "verify").status == 0)
        // A name that is not a plain role name never reaches SQL; a role that does not exist is named, with how to
        // make it.
        let hostile = try decreg.run("grant", "web; DROP TABLE payment")
        #expect(hostile.status == 2)
        #expect(hostile.stderr == "decreg: ROLE: web; DROP TABLE payment is not a role name decreg takes: lower-case a–z, digits and _, at most 63\n", "\(hostile.stderr)")
        let missing = try decreg.run("grant", "nobody_here")
        #expect(missing.status == 2)
        #expect(missing.stderr == "decreg: ROLE: there is no role nobody_here; make it with createuser nobody_here\n", "\(missing.stderr)")
        #expect(try server.psql("SELECT count(*) FROM payment", database: database).status == 0)
        // On a file there are no roles.
        let file = try Decreg(file: true)
        defer { file.remove() }
        let onFile = try file.run("grant", role)
        #expect(onFile.status == 2 && onFile.stderr.contains("roles exist only in PostgreSQL"), "\(onFile.stderr)")
    }
}

extension PostgresServeTests {
    @Test("serve --read-db: the public pages read a streaming replica and say how far it lags; clerks write the primary")
    func readReplica() async throws {
        try await offThread { try self.readReplicaBody() }
    }

    func readReplicaBody() throws {
        let primary = try PostgresServer(port: 5437)
        defer { primary.stop() }
        let decreg = try Decreg(database: primary.newDatabase("register"))
        defer { decreg.remove() }
        #expect(try decreg.run(["import"] + decreg.allFixtures).status == 0)
        #expect(try decreg.run("account", "add", "fin1", "--role", "finance", "--party", "BOTKYRKA").status == 0)
        let token = try decreg.run("account", "token", "fin1").stdout.trimmingCharacters(in: .newlines)
        let standby = try PostgresServer(replicaOf: primary, port: 5438)
        defer { standby.stop() }
        let replica = standby.address(database: "register")

        let server = try Server(decreg.db, ["--read-db", replica])
        defer { server.stop() }
        let port = server.port

        func answer(_ path: String) throws -> String {
            let socket = try ServeFloodTests.connect(port, from: "127.0.0.1")
            defer { close(socket) }
            var timeout = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            _ = "GET \(path) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".withCString { send(socket, $0, strlen($0), 0) }
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = recv(socket, &buffer, buffer.count, 0)
                if count <= 0 { break }
                bytes += buffer.prefix(count)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        // Caught up: the replica has every entry.
        var page = ""
        for _ in 0..<100 {
            page = try answer("/api/v1/decisions/\(Self.ref)")
            if page.contains("Decreg-Replica-Lag: 0 entries") || page.contains("decreg-replica-lag: 0 entries") { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(page.hasPrefix("HTTP/1.1 200"))
        #expect(page.lowercased().contains("decreg-replica-lag: 0 entries"), "\(page.prefix(400))")
        // A clerk's write goes to the primary (a replica takes no writes), and the replica shows it soon after.
        #expect(Self.pay(port, token: token, reference: "VIA-PRIMARY") == 201)
        var shown = false
        for _ in 0..<100 where !shown {
            shown = try answer("/api/v1/decisions/\(Self.ref)").contains("VIA-PRIMARY")
            if !shown { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(shown, "the replica replays the write within 10 s")
        // The replica itself refuses writes: it is read only.
        let direct = try Decreg(initialise: false, database: replica)
        let refused = try direct.run(
            "payment", "add", Self.ref, "--party", "SLL", "--year", "2008", "--date", "2008-03-02", "--amount", "1 kr")
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        // --read-db needs PostgreSQL on both sides.
        let file = try Decreg(file: true)
        defer { file.remove() }
        let onFile = try file.run("serve", "--read-db", replica)
        #expect(onFile.status != 0 && onFile.stderr.contains("--read-db"), "\(onFile.stderr)")
    }
}

import DecregStore
import DecregWeb
import Dispatch
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The lines a server wrote to its log.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])

    var log: ServerLog { ServerLog { line in self.lines.withLock { $0.append(line) } } }
    var all: [String] { lines.withLock { $0 } }
}

/// `decreg serve`'s application on 127.0.0.1 and a free port, run for the time of `body`, then shut down.
func withLiveServer<T: Sendable>(
    _ fixture: WebFixture, limits: ServerLimits, log: LogLines = LogLines(), access: ClerkAccess = ClerkAccess(),
    path: String? = nil, _ body: @Sendable (_ port: Int) async throws -> T
) async throws -> T {
    let (ports, found) = AsyncStream<Int>.makeStream()
    let application = WebServer.application(
        register: fixture.register, path: path, host: "127.0.0.1", port: 0, limits: limits, access: access,
        log: log.log, bound: { found.yield($0) })
    let group = ServiceGroup(configuration: .init(services: [application], logger: Logger(label: "decreg-test")))
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw Loopback.Failure("the server did not start") }
        let result: Result<T, any Error>
        do { result = .success(try await body(port)) } catch { result = .failure(error) }
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
        return try result.get()
    }
}

/// Runs blocking socket calls on a thread of their own, not on one of the few that run Swift's tasks.
func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}

/// Plain TCP on the loopback, as a slow or hostile client uses it: connections from any 127.0.0.0/8 address (so
/// that a "flood" and a "normal client" are two client addresses), raw bytes out, whatever comes back.
enum Loopback {
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// A connection from `source` to 127.0.0.1:`port`.
    static func connect(port: Int, from source: String = "127.0.0.1") throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure("socket: errno \(errno)") }
        var local = address(source, port: 0)
        var remote = address("127.0.0.1", port: port)
        let size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(socket, $0, size) }
        }
        let connected = withUnsafePointer(to: &remote) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, size) }
        }
        guard bound == 0, connected == 0 else {
            let error = errno
            Glibc.close(socket)
            throw Failure("connect from \(source) to port \(port): errno \(error)")
        }
        return socket
    }

    private static func address(_ host: String, port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        _ = inet_pton(AF_INET, host, &address.sin_addr)
        return address
    }

    static func send(_ socket: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// What the server has sent so far, without waiting, and whether it has closed the connection.
    static func poll(_ socket: Int32) -> (text: String, closed: Bool) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.recv(socket, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count > 0 {
                received += buffer[0..<count]
                continue
            }
            let closed = count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)
            return (String(decoding: received, as: UTF8.self), closed)
        }
    }

    /// Everything the server sends until it closes the connection, or until `seconds` have passed.
    static func readUntilClosed(_ socket: Int32, seconds: Double) -> (text: String, closed: Bool) {
        let deadline = Date().addingTimeInterval(seconds)
        var text = ""
        while true {
            let (more, closed) = poll(socket)
            text += more
            if closed || Date() >= deadline { return (text, closed) }
            usleep(10_000)
        }
    }

    /// One request on a connection of its own (`Connection: close`), and the whole answer.
    static func exchange(port: Int, _ request: String, seconds: Double = 5) throws -> Answer {
        let socket = try connect(port: port)
        defer { Glibc.close(socket) }
        send(socket, request)
        let (text, closed) = readUntilClosed(socket, seconds: seconds)
        guard closed else { throw Failure("no complete answer to \(request.prefix(40)) within \(seconds) s: \(text)") }
        return Answer(text)
    }

    /// An HTTP/1.1 answer as it came over the wire.
    struct Answer {
        let status: Int
        /// Header names in lower case.
        let headers: [String: String]
        let body: String

        init(_ text: String) {
            let parts = text.components(separatedBy: "\r\n\r\n")
            let lines = parts[0].components(separatedBy: "\r\n")
            status = lines.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
            var headers: [String: String] = [:]
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
                    .trimmingCharacters(in: .whitespaces)
            }
            self.headers = headers
            body = parts.dropFirst().joined(separator: "\r\n\r\n")
        }
    }

    /// The file descriptors this process has open.
    static func openDescriptors() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
    }
}

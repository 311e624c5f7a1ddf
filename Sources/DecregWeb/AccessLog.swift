import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// Where `decreg serve` writes its lines: one per request, one per burst of refused connections, one per change of
/// the register file. Standard error by default; tests read them.
public struct ServerLog: Sendable {
    /// Writes one line (without its line break).
    public let write: @Sendable (String) -> Void

    /// A log that hands each line to `write`.
    public init(_ write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// Each line to standard error, in one write.
    public static let standardError = ServerLog { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
}

/// The outermost middleware: one line per request, after it is answered —
/// `2026-12-02T01:50:07Z GET /?lang=…&q=… 200 5123 B 2.1 ms id=…`. The path keeps the query's parameter names but
/// not their values (a search may name a person; a later form may carry a token), and no header is ever logged.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let log: ServerLog
    private let clock = SecondClock()

    init(log: ServerLog) {
        self.log = log
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            // GuardMiddleware answers every error; whatever escapes it, Hummingbird answers 500.
            write(request, status: 500, bytes: 0, since: start, id: context.id)
            throw error
        }
        write(request, status: response.status.code, bytes: response.body.contentLength ?? 0, since: start, id: context.id)
        return response
    }

    private func write(_ request: Request, status: Int, bytes: Int, since start: ContinuousClock.Instant, id: String) {
        let elapsed = ContinuousClock.now - start
        // Tenths of a millisecond, without Foundation's formatting (this runs for every request).
        let tenths = elapsed.components.seconds * 10_000 + elapsed.components.attoseconds / 100_000_000_000_000
        // A CONNECT names a host and port, not a path.
        let target =
            request.method == .connect
            ? Self.printable(request.head.authority ?? "") : Self.loggedPath(request.uri.path, request.uri.query)
        let line =
            "\(clock.now) \(Self.printable(request.method.rawValue)) \(target) "
            + "\(status) \(bytes) B \(tenths / 10).\(tenths % 10) ms id=\(id)"
        log.write(line)
    }

    /// The path, and the query's parameter names with each value left out (`?q=…&lang=…`).
    static func loggedPath(_ path: String, _ query: String?) -> String {
        guard let query, !query.isEmpty else { return printable(path) }
        let names = query.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
        }
        return printable(path) + "?" + names.map { printable($0) + "=…" }.joined(separator: "&")
    }

    /// The text with spaces, quotes, backslashes, controls and non-ASCII percent-encoded, so a request cannot
    /// forge a second line or a field of this one.
    static func printable(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            if byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += String(format: "%%%02X", byte)
            }
        }
        return result
    }
}

/// The current time to the second, in ISO 8601 (UTC), formatted once a second however many requests ask.
private final class SecondClock: Sendable {
    private let cached = Mutex<(second: Int, text: String)>((0, ""))

    var now: String {
        let date = Date()
        let second = Int(date.timeIntervalSince1970)
        return cached.withLock { cached in
            if cached.second != second { cached = (second, date.formatted(.iso8601)) }
            return cached.text
        }
    }
}

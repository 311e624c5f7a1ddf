import DecregDomain
import DecregStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import Synchronization

/// How `decreg serve` lets clerks in.
public struct ClerkAccess: Sendable {
    /// The address the site is reached at, `https://register.example.se`: when it is https, the session cookie is
    /// `Secure` and pages say `Strict-Transport-Security`.
    public var publicURL: String?
    /// The header an authenticating proxy names the signed-in user in (`X-Remote-User`); nil: none is read.
    public var proxyHeader: String?
    /// The addresses that header is taken from; from any other it is ignored.
    public var trustedProxies: Set<String>
    /// How long a session lasts without a request.
    public var idleTimeout: Duration

    public init(
        publicURL: String? = nil, proxyHeader: String? = nil, trustedProxies: Set<String> = [],
        idleTimeout: Duration = .seconds(30 * 60)
    ) {
        self.publicURL = publicURL
        self.proxyHeader = proxyHeader
        self.trustedProxies = trustedProxies
        self.idleTimeout = idleTimeout
    }

    /// Whether the site is served over https (so its cookies may say `Secure`).
    var isHTTPS: Bool { publicURL?.lowercased().hasPrefix("https://") == true }

    static let sessionCookie = "decreg_session"
}

/// Finds the clerk a request comes from, once, for every route: an API token (`Authorization: Bearer`), else the
/// trusted proxy's header (only on a connection from a trusted proxy address), else the browser's session. A
/// disabled account is nobody. Routes never read credentials themselves.
struct ClerkAuthenticator: RouterMiddleware {
    typealias Context = WebContext
    let served: ServedRegister
    let access: ClerkAccess

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response)
        async throws -> Response
    {
        var context = context
        context.identity = try await clerk(request, context)
        return try await next(request, context)
    }

    private func clerk(_ request: Request, _ context: WebContext) async throws -> Clerk? {
        if let bearer = request.headers.bearer {
            let token = bearer.token
            guard let account = try await WebServer.offload({ try served.current().register.account(bearing: token) }),
                account.disabled == nil
            else { return nil }
            return Clerk(account: account, proof: .token)
        }
        if let header = access.proxyHeader, let name = HTTPField.Name(header), let user = request.headers[name],
            let address = context.remoteIP, access.trustedProxies.contains(address)
        {
            guard let account = try await standing(user) else { return nil }
            // The proxy vouches for every request; a session only carries the CSRF token of its forms.
            let session = context.sessions.session
            let csrf = session?.name == account.name ? session!.csrf : CSRF.newToken()
            if session?.name != account.name {
                context.sessions.createSession(ClerkSession(name: account.name, csrf: csrf), expiresIn: access.idleTimeout)
            }
            return Clerk(account: account, proof: .proxy(csrf: csrf))
        }
        guard let session = context.sessions.session else { return nil }
        guard let account = try await standing(session.name) else {
            context.sessions.clearSession()
            return nil
        }
        // Each request keeps the session alive: it ends after `idleTimeout` without one.
        context.sessions.withLockedSession { $0?.expiresIn = access.idleTimeout }
        return Clerk(account: account, proof: .session(csrf: session.csrf))
    }

    private func standing(_ name: String) async throws -> Account? {
        let stored = try await WebServer.offload { try served.current().register.storedAccount(named: name) }
        guard let account = stored?.account, account.disabled == nil else { return nil }
        return account
    }
}

/// CSRF tokens: 256 random bits, in the session and in a hidden `csrf_token` field of every form that changes
/// anything; the sign-in form, before there is a session, pairs its field with a cookie of its own.
enum CSRF {
    static let field = "csrf_token"
    static let signInCookie = "decreg_signin"

    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Whether `given` is `expected`, compared in constant time.
    static func matches(_ given: String?, _ expected: String?) -> Bool {
        guard let given, let expected, !expected.isEmpty else { return false }
        return AccountTokens.constantTimeEqual(given, expected)
    }
}

/// Failed sign-ins: ten within 15 minutes lock that account name and that address for 15 minutes from the tenth.
/// Kept in the server's memory, so an attacker cannot try more than ten passwords a quarter of an hour per name, and
/// one address cannot try ten names either.
final class SignInThrottle: Sendable {
    static let limit = 10
    static let window: Duration = .seconds(15 * 60)

    private struct Record {
        var failures: [ContinuousClock.Instant] = []
        var lockedUntil: ContinuousClock.Instant?
    }

    private let records = Mutex<[String: Record]>([:])

    /// Whether the name or the address is locked now.
    func isLocked(name: String, address: String?) -> Bool {
        let now = ContinuousClock.now
        return records.withLock { records in
            [Self.key(name: name), address.map(Self.key(address:))].compactMap { $0 }.contains { key in
                guard let until = records[key]?.lockedUntil else { return false }
                return until > now
            }
        }
    }

    /// Counts a failed sign-in against the name and the address.
    func failed(name: String, address: String?) {
        let now = ContinuousClock.now
        records.withLock { records in
            // Old records go, so a flood of names cannot fill the memory for long.
            if records.count > 10_000 {
                records = records.filter { _, record in
                    (record.lockedUntil.map { $0 > now } ?? false)
                        || record.failures.contains { now - $0 < Self.window }
                }
            }
            for key in [Self.key(name: name), address.map(Self.key(address:))].compactMap({ $0 }) {
                var record = records[key] ?? Record()
                record.failures = record.failures.filter { now - $0 < Self.window } + [now]
                if record.failures.count >= Self.limit {
                    record.lockedUntil = now + Self.window
                    record.failures = []
                }
                records[key] = record
            }
        }
    }

    /// A successful sign-in clears the name's failures (not the address's).
    func succeeded(name: String) {
        _ = records.withLock { $0.removeValue(forKey: Self.key(name: name)) }
    }

    private static func key(name: String) -> String { "name:" + name }
    private static func key(address: String) -> String { "address:" + address }
}

/// Addresses as `--trusted-proxy` takes them.
public enum ServerAddresses {
    /// Whether `text` is an IPv4 or IPv6 address (as the connection's peer address is written).
    public static func isIPAddress(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}

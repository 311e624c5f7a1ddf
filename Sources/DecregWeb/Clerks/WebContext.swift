import DecregDomain
import Hummingbird
import HummingbirdAuth
import NIOCore

/// Every request's context: who sent it (the connection's address, for the sign-in throttle and the trusted proxy),
/// the clerk signed in, if any (`ClerkAuthenticator` sets it; routes only ask it), and the session, kept by
/// hummingbird-auth's `SessionMiddleware`.
public struct WebContext: AuthRequestContext, SessionRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Clerk?
    public let sessions: SessionContext<ClerkSession>
    /// The peer's address; nil when the request did not come over a socket (a test's router).
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
        sessions = .init()
        remoteAddress = source.channel.remoteAddress
    }

    /// The peer's IP address as text (`127.0.0.1`, `::1`); nil when there is none.
    var remoteIP: String? { remoteAddress?.ipAddress }
}

/// A signed-in clerk: the account, and how it proved who it is.
public struct Clerk: Sendable {
    public enum Proof: Sendable, Equatable {
        /// Signed in with name and password; the session's CSRF token guards its forms.
        case session(csrf: String)
        /// An API token in `Authorization: Bearer`; no cookies, so no forms to guard.
        case token
        /// The organisation's single sign-on, through the trusted proxy's header; the session's CSRF token guards
        /// its forms.
        case proxy(csrf: String)
    }

    public var account: Account
    public var proof: Proof

    /// The token a form of this clerk must carry, when it signs in by cookie.
    var csrf: String? {
        switch proof {
        case .session(let csrf), .proxy(let csrf): csrf
        case .token: nil
        }
    }
}

/// What a browser's session holds: the account's name and the session's CSRF token. Kept in the server's memory
/// (hummingbird's `MemoryPersistDriver`): a restarted server signs everyone out.
public struct ClerkSession: Codable, Sendable {
    public var name: String
    public var csrf: String
}

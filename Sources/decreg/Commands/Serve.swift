import ArgumentParser
import DecregDomain
import DecregStore
import DecregWeb
import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension Decreg {
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Publish the register (web pages, a JSON API under /api/v1/) and let its clerks record their part.",
            discussion: """
                Everyone reads the public pages and API. Clerks with an account (decreg account add) sign in at \
                /sign-in, or send an API token (Authorization: Bearer), and record what their own parties decided and \
                paid; nothing else can change the register. Clerks may keep importing into the same file with the \
                command line; each request reads afresh, so a change shows on the next request. Stop with Ctrl-C.
                """)

        @OptionGroup var location: RegisterLocation

        @Option(help: "The address to listen on (127.0.0.1: this machine only; 0.0.0.0: every interface).")
        var host = "127.0.0.1"

        @Option(help: "The TCP port to listen on.")
        var port = 8080

        @Option(help: "A PostgreSQL read replica of --db to read the public pages and API from (clerks use --db).")
        var readDB: String?

        @Option(help: "The most connections open at once (fewer if the descriptor limit, ulimit -n, is lower).")
        var maxConnections = ServerLimits().maximumConnections

        @Option(help: "The most connections open at once from one client address (behind a proxy: the proxy's).")
        var maxConnectionsPerAddress = ServerLimits().maximumConnectionsPerAddress

        @Option(help: "The address the site is reached at (https://… makes the session cookie Secure).")
        var publicURL: String?

        @Option(help: "A header an authenticating proxy names the signed-in account in, e.g. X-Remote-User.")
        var authProxyHeader: String?

        @Option(help: "An address of that proxy (repeat for several): the header is taken only from these.")
        var trustedProxy: [String] = []

        @Option(help: "Minutes without a request after which a clerk's session ends.")
        var sessionMinutes = 30

        @Option(help: "The register's name at /oparl/v1/system (OParl; needs --public-url).")
        var oparlName: String?

        @Option(help: "An e-mail address for questions about the OParl endpoint.")
        var oparlContactEmail: String?

        @Option(help: "The person or office answering at that address.")
        var oparlContactName: String?

        @Option(help: "A web address of the one running the register (OParl's vendor).")
        var oparlVendor: String?

        @Option(help: "A web address of the software (OParl's product).")
        var oparlProduct: String?

        func validate() throws {
            if let readDB {
                guard PostgresLocation.isAddress(readDB),
                    PostgresLocation.isAddress(RegisterLocation.path(location.db))
                else {
                    throw ValidationError(
                        "--read-db: give a PostgreSQL replica's address (postgresql://USER@HOST:PORT/DATABASE), with a PostgreSQL register in --db")
                }
            }
            if let publicURL, !(publicURL.hasPrefix("https://") || publicURL.hasPrefix("http://")) {
                throw ValidationError("--public-url: give an address starting https:// (or http://)")
            }
            if authProxyHeader != nil && trustedProxy.isEmpty {
                throw ValidationError(
                    "--auth-proxy-header: give the proxy's address with --trusted-proxy; the header is taken from no one else")
            }
            if let header = authProxyHeader, header.isEmpty || !header.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
                throw ValidationError("--auth-proxy-header: give a header name such as X-Remote-User")
            }
            for address in trustedProxy where !ServerAddresses.isIPAddress(address) {
                throw ValidationError("--trusted-proxy: '\(address)' is not an IP address such as 127.0.0.1 or ::1")
            }
            if publicURL == nil,
                let option = [
                    ("--oparl-name", oparlName), ("--oparl-contact-email", oparlContactEmail),
                    ("--oparl-contact-name", oparlContactName), ("--oparl-vendor", oparlVendor),
                    ("--oparl-product", oparlProduct),
                ].first(where: { $0.1 != nil })?.0
            {
                throw ValidationError("\(option): give the site's address with --public-url too; OParl is published only with it")
            }
            for (option, value) in [("--oparl-vendor", oparlVendor), ("--oparl-product", oparlProduct)] {
                if let value, !(value.hasPrefix("https://") || value.hasPrefix("http://")) || value.contains(" ") {
                    throw ValidationError("\(option): give a web address starting https:// (or http://)")
                }
            }
            if let email = oparlContactEmail, email.split(separator: "@").count != 2 || email.contains(" ") {
                throw ValidationError("--oparl-contact-email: give an e-mail address such as registrator@huddinge.se")
            }
            for (option, value) in [("--oparl-name", oparlName), ("--oparl-contact-name", oparlContactName)] {
                if let value, value.trimmingCharacters(in: .whitespaces).isEmpty || value.contains(where: \.isNewline) {
                    throw ValidationError("\(option): give a name on one line")
                }
            }
            guard (1...24 * 60).contains(sessionMinutes) else {
                throw ValidationError("--session-minutes: give 1 to 1440")
            }
            guard (0...65535).contains(port) else { throw ValidationError("--port: give a port from 0 to 65535") }
            guard maxConnections >= 1 else { throw ValidationError("--max-connections: give 1 or more") }
            guard maxConnectionsPerAddress >= 1 else {
                throw ValidationError("--max-connections-per-address: give 1 or more")
            }
        }

        func run() throws {
            let path = RegisterLocation.path(location.db)
            let register = try Register.open(path: path, for: .serving)
            let replica = try readDB.map { try Register.open(path: $0, for: .serving) }
            // The command line is synchronous; the server runs on its own event loops until stopped.
            let (host, port) = (self.host, self.port)
            let limits = ServerLimits(
                maximumConnections: maxConnections, maximumConnectionsPerAddress: maxConnectionsPerAddress)
            let access = ClerkAccess(
                publicURL: publicURL, proxyHeader: authProxyHeader, trustedProxies: Set(trustedProxy),
                idleTimeout: .seconds(sessionMinutes * 60))
            let oparl = OParlSettings(
                publicURL: publicURL, name: oparlName, contactEmail: oparlContactEmail, contactName: oparlContactName,
                vendor: oparlVendor, product: oparlProduct)
            let done = DispatchSemaphore(value: 0)
            let failure = ServeFailure()
            Task {
                do {
                    try await WebServer.run(
                        register: register, path: path, replica: replica, host: host, port: port, limits: limits,
                        access: access,
                        oparl: oparl)
                } catch let error as WebServer.ListenError {
                    failure.error = CommandFailure(.cannotListen(error))
                } catch {
                    failure.error = CommandFailure(Phrase(verbatim: "serve: \(error)"))
                }
                done.signal()
            }
            done.wait()
            if let error = failure.error { throw error }
        }
    }
}

/// Where the server task leaves its error for the waiting command.
private final class ServeFailure: @unchecked Sendable {
    var error: CommandFailure?
}

extension Phrase {
    /// `cannot listen on HOST:PORT: CAUSE`, with what to do.
    static func cannotListen(_ error: WebServer.ListenError) -> Phrase {
        let address = "\(error.host):\(error.port)"
        switch error.number {
        case EADDRINUSE:
            return Phrase(
                sv: "kan inte lyssna på \(address): porten används redan; välj en annan med --port",
                en: "cannot listen on \(address): the port is in use; choose another with --port")
        case EACCES:
            return Phrase(
                sv: "kan inte lyssna på \(address): åtkomst nekas (portar under 1024 kräver särskild behörighet); "
                    + "välj en annan med --port",
                en: "cannot listen on \(address): permission denied (ports below 1024 need privileges); choose "
                    + "another with --port")
        case EADDRNOTAVAIL:
            return Phrase(
                sv: "kan inte lyssna på \(address): adressen finns inte på den här datorn; välj en annan med --host",
                en: "cannot listen on \(address): the address is not on this machine; choose another with --host")
        default:
            let reason = Phrase.system(error.number)
            return Phrase(
                sv: "kan inte lyssna på \(address): \(reason.sv)", en: "cannot listen on \(address): \(reason.en)")
        }
    }
}

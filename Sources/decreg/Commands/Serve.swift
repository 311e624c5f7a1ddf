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
            commandName: "serve", abstract: "Publish the register read-only: web pages and a JSON API under /api/v1/.",
            discussion: """
                The register is opened read-only: no request can change it. Clerks may keep importing into the same \
                file; each request reads afresh, so a new decision shows on the next request. Stop with Ctrl-C.
                """)

        @OptionGroup var location: RegisterLocation

        @Option(help: "The address to listen on (127.0.0.1: this machine only; 0.0.0.0: every interface).")
        var host = "127.0.0.1"

        @Option(help: "The TCP port to listen on.")
        var port = 8080

        @Option(help: "The most connections open at once (fewer if the descriptor limit, ulimit -n, is lower).")
        var maxConnections = ServerLimits().maximumConnections

        @Option(help: "The most connections open at once from one client address (behind a proxy: the proxy's).")
        var maxConnectionsPerAddress = ServerLimits().maximumConnectionsPerAddress

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port: give a port from 0 to 65535") }
            guard maxConnections >= 1 else { throw ValidationError("--max-connections: give 1 or more") }
            guard maxConnectionsPerAddress >= 1 else {
                throw ValidationError("--max-connections-per-address: give 1 or more")
            }
        }

        func run() throws {
            let path = RegisterLocation.path(location.db)
            let register = try Register.open(path: path, for: .serving)
            // The command line is synchronous; the server runs on its own event loops until stopped.
            let (host, port) = (self.host, self.port)
            let limits = ServerLimits(
                maximumConnections: maxConnections, maximumConnectionsPerAddress: maxConnectionsPerAddress)
            let done = DispatchSemaphore(value: 0)
            let failure = ServeFailure()
            Task {
                do {
                    try await WebServer.run(register: register, path: path, host: host, port: port, limits: limits)
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

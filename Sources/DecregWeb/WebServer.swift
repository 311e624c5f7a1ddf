import DecregDomain
import DecregStore
import Dispatch
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// `decreg serve`: the register as a public website and JSON API, and the shared register's clerks' sign-in, forms
/// and API writes. The register is read through a connection opened with `Register.open(path:for: .serving)`, and
/// each request reads afresh, so a change shows on the next request; a clerk's write opens the file for writing.
/// Given its path, the file is watched (`ServedRegister`).
public enum WebServer {
    /// The routes, for `application` and for tests: `path` is the register's file, watched for a replacement and
    /// opened for each clerk's write (without it, `register` is written); `log` gets one line per request.
    public static func router(
        register: Register, path: String? = nil, replica: Register? = nil, log: ServerLog = .standardError,
        access: ClerkAccess = ClerkAccess(), oparl settings: OParlSettings = OParlSettings()
    ) -> Router<WebContext> {
        // A file is watched and opened afresh for each clerk's write; a PostgreSQL register is its server's to
        // keep, and its connections serve reads and writes alike.
        let path = register.engine == .sqlite ? path : nil
        let served = ServedRegister(register, path: path, log: log)
        // The public pages and API read from the replica when there is one; clerks read and write the primary.
        let reader = replica.map { ServedRegister($0, path: nil, log: log, primary: register) } ?? served
        // HEAD answers as GET without the body (link checkers and caches ask it); every other method is a 404.
        let router = Router(context: WebContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: AccessLogMiddleware(log: log))
        router.add(middleware: GuardMiddleware(access: access))
        router.add(
            middleware: SessionMiddleware(
                storage: MemoryPersistDriver(),
                configuration: SessionMiddlewareConfiguration(
                    sessionCookieParameters: SessionCookieParameters(
                        name: ClerkAccess.sessionCookie, path: "/", secure: access.isHTTPS, sameSite: .strict),
                    defaultSessionExpiration: access.idleTimeout)))
        router.add(middleware: ClerkAuthenticator(served: served, access: access))
        let writer: @Sendable () throws -> Register =
            if let path { { try Register.open(path: path, for: .writing) } } else { { register } }
        ClerkRoutes(served: served, access: access, throttle: SignInThrottle(), writer: writer).add(to: router)

        // Pages.
        router.get(RouterPath(Route.list)) { request, _ -> Response in
            let query = try QueryParameters(request.uri.query, allowed: QueryParameters.decisionFilterNames.union(["lang"]))
            let language = try language(request, query)
            return try await page(request, reader, language) { try $0.pages.list(query, language: language) }
        }
        router.get(RouterPath(Route.decision)) { request, context -> Response in
            let query = try QueryParameters(request.uri.query, allowed: ["lang"])
            let (ref, language) = (try segment(context, "ref"), try language(request, query))
            return try await page(request, reader, language) { try $0.pages.decision(ref, language: language) }
        }
        router.get(RouterPath(Route.attachment)) { request, context -> Response in
            _ = try QueryParameters(request.uri.query, allowed: [])
            let (ref, label) = (try segment(context, "ref"), try segment(context, "label"))
            return try await offload { try attachment(try reader.current().register, ref: ref, label: label) }
        }
        // The same bytes to be shown rather than saved (OParl's accessUrl); a withdrawn attachment is gone here.
        router.get(RouterPath(Route.attachmentInline)) { request, context -> Response in
            _ = try QueryParameters(request.uri.query, allowed: [])
            let (ref, label) = (try segment(context, "ref"), try segment(context, "label"))
            return try await offload {
                try attachment(try reader.current().register, ref: ref, label: label, inline: true)
            }
        }
        router.get(RouterPath(Route.proof)) { request, context -> Response in
            _ = try QueryParameters(request.uri.query, allowed: [])
            let ref = try segment(context, "ref")
            return try await text(request, reader) { current in
                let proof: TlogProof?
                do { proof = try current.register.proof(of: ref) } catch let error as RegisterError {
                    throw WebError.from(error)
                }
                guard let proof else {
                    throw WebError(
                        .notFound, sv: "ingen publicerad checkpoint omfattar ännu \(ref)s senaste post",
                        en: "no published checkpoint includes \(ref)'s latest entry yet")
                }
                return proof.rendered
            } headers: { headers in
                headers[.contentDisposition] = "attachment; filename=\"proof.tlog-proof\""
            }
        }
        router.get(RouterPath(Route.party)) { request, context -> Response in
            let query = try QueryParameters(request.uri.query, allowed: ["lang"])
            let (code, language) = (try segment(context, "code"), try language(request, query))
            return try await page(request, reader, language) { try $0.pages.party(code, language: language) }
        }
        router.get(RouterPath(Route.audit)) { request, _ -> Response in
            let query = try QueryParameters(request.uri.query, allowed: ["lang"])
            let language = try language(request, query)
            // Whether the trail verifies can change without the head moving (an edit behind decreg's back).
            let verdict: @Sendable (ServedRegister.Generation) throws -> String = { current in
                try current.register.auditHead() == nil || current.audit.report(current.register).intact ? "" : "-broken"
            }
            return try await page(request, reader, language, tagged: verdict) {
                try $0.pages.auditPage(language: language)
            }
        }

        // The API.
        router.get(RouterPath(Route.apiDecisions)) { request, _ -> Response in
            let query = try apiQuery(request, QueryParameters.decisionFilterNames.union(["per_page"]))
            return try await json(request, reader) { try $0.api.decisions(query) }
        }
        router.get(RouterPath(Route.apiDecision)) { request, context -> Response in
            _ = try apiQuery(request, [])
            let ref = try segment(context, "ref")
            return try await json(request, reader) { try $0.api.decision(ref) }
        }
        router.get(RouterPath(Route.apiParties)) { request, _ -> Response in
            _ = try apiQuery(request, [])
            return try await json(request, reader) { try $0.api.parties() }
        }
        router.get(RouterPath(Route.apiBodies)) { request, _ -> Response in
            _ = try apiQuery(request, [])
            return try await json(request, reader) { try $0.api.bodies() }
        }
        router.get(RouterPath(Route.apiTotals)) { request, _ -> Response in
            let query = try apiQuery(request, ["by", "party", "year", "decision", "status"])
            return try await json(request, reader) { try $0.api.totals(query) }
        }
        router.get(RouterPath(Route.apiAudit)) { request, _ -> Response in
            _ = try apiQuery(request, [])
            return try await json(request, reader) { try $0.api.audit() }
        }
        // The log, for witnesses and transparency-log tools: the latest published checkpoint with its
        // cosignatures, and consistency proofs between tree sizes (text, as `decreg log` writes them).
        router.get(RouterPath(Route.apiLogCheckpoint)) { request, _ -> Response in
            _ = try apiQuery(request, [])
            return try await text(request, reader) { current in
                guard let checkpoint = try current.register.publishedCheckpoints().first else {
                    throw WebError(
                        .notFound, sv: "ingen checkpoint är publicerad ännu (decreg log checkpoint --publish)",
                        en: "no checkpoint is published yet (decreg log checkpoint --publish)")
                }
                return checkpoint.rendered
            }
        }
        router.get(RouterPath(Route.apiLogConsistency)) { request, _ -> Response in
            let query = try apiQuery(request, ["old", "new"])
            let maximum = Int(Int64.max >> 1)
            guard let old = try query.integer("old", in: 0...maximum) else {
                throw WebError(.badRequest, sv: "ange old, den äldre trädstorleken", en: "give old, the older tree size")
            }
            let new = try query.integer("new", in: 0...maximum)
            return try await text(request, reader) { current in
                let size = try current.register.logSize()
                guard old <= (new ?? Int(size)), (new ?? 0) <= size else {
                    throw WebError(
                        .badRequest, sv: "storlekarna ska uppfylla old ≤ new ≤ \(size)",
                        en: "the sizes must satisfy old ≤ new ≤ \(size)")
                }
                return try current.register.consistencyProof(old: Int64(old), new: new.map(Int64.init))
                    .map { Data($0).base64EncodedString() + "\n" }.joined()
            }
        }
        // The log as c2sp.org/tlog-tiles: the latest published checkpoint (mutable, kept a few seconds), and tiles
        // of hashes and of entries, whose bytes never change once served (cached for a year, immutable).
        router.get(RouterPath(Route.logCheckpoint)) { request, _ -> Response in
            _ = try QueryParameters(request.uri.query, allowed: [])
            return try await offload {
                guard let checkpoint = try reader.current().register.publishedCheckpoints().first else {
                    throw WebError(
                        .notFound, sv: "ingen checkpoint är publicerad ännu (decreg log checkpoint --publish)",
                        en: "no checkpoint is published yet (decreg log checkpoint --publish)")
                }
                return Response(
                    status: .ok,
                    headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "public, max-age=5"],
                    body: .init(byteBuffer: ByteBuffer(string: checkpoint.rendered)))
            }
        }
        router.get(RouterPath(Route.logTile)) { request, context -> Response in
            _ = try QueryParameters(request.uri.query, allowed: [])
            guard let path = TilePath(segments: context.parameters.getCatchAll()) else {
                throw WebError(
                    .notFound, sv: "ingen sådan tile: tile/NIVÅ/N[.p/BREDD] eller tile/entries/N[.p/BREDD]",
                    en: "no such tile: tile/LEVEL/N[.p/WIDTH] or tile/entries/N[.p/WIDTH]")
            }
            return try await offload {
                guard let bytes = try reader.current().register.tile(path) else {
                    throw WebError(
                        .notFound, sv: "loggen håller ännu inte tile/\(path)", en: "the log does not hold tile/\(path) yet")
                }
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "application/octet-stream",
                        .cacheControl: "public, max-age=31536000, immutable",
                    ],
                    body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
            }
        }
        addOParl(to: router, served: reader, settings: settings)
        router.get(RouterPath(Route.apiOpenAPI)) { request, _ -> Response in
            _ = try apiQuery(request, [])
            return Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
        }
        return router
    }

    /// The OParl 1.1 endpoint under `/oparl/v1/` (`OParl`): JSON, with an `ETag` naming the audit head as the API's.
    private static func addOParl(to router: Router<WebContext>, served: ServedRegister, settings: OParlSettings) {
        let checksums = Checksums()
        @Sendable func answer(
            _ request: Request, _ allowed: Set<String>, _ read: @escaping @Sendable (OParl, ListQuery) throws -> JSONValue
        ) async throws -> Response {
            let query = try ListQuery(try QueryParameters(request.uri.query, allowed: allowed, allowsEmptyValues: false))
            return try await json(request, served) { current in
                try read(try OParl(register: current.register, settings: settings, checksums: checksums), query)
            }
        }
        /// A decision's item number as served: 1, 2, …, never with leading zeros (one address per object).
        @Sendable func number(_ context: WebContext) throws -> Int {
            guard let text = context.parameters.get("number"), let number = Int(text), number >= 1,
                String(number) == text
            else { throw WebError.notFound(sv: "ingen sådan sida", en: "no such page") }
            return number
        }
        router.get(RouterPath(Route.oparlSystem)) { request, _ -> Response in
            try await answer(request, ListQuery.objectNames) { oparl, _ in try oparl.system() }
        }
        router.get(RouterPath(Route.oparlBodies)) { request, _ -> Response in
            try await answer(request, ListQuery.listNames) { oparl, query in try oparl.bodies(query) }
        }
        router.get(RouterPath(Route.oparlBody)) { request, context -> Response in
            let code = try segment(context, "code")
            return try await answer(request, ListQuery.objectNames) { oparl, query in try oparl.body(code, query) }
        }
        router.get(RouterPath(Route.oparlBodyList)) { request, context -> Response in
            let code = try segment(context, "code")
            guard let list = OParl.List(rawValue: try segment(context, "list")) else {
                throw WebError.notFound(sv: "ingen sådan sida", en: "no such page")
            }
            return try await answer(request, ListQuery.listNames) { oparl, query in try oparl.list(list, of: code, query) }
        }
        router.get(RouterPath(Route.oparlOrganization)) { request, context -> Response in
            let code = try segment(context, "code")
            return try await answer(request, ListQuery.objectNames) { oparl, _ in try oparl.organization(code) }
        }
        router.get(RouterPath(Route.oparlPaper)) { request, context -> Response in
            let ref = try segment(context, "ref")
            return try await answer(request, ListQuery.objectNames) { oparl, query in try oparl.paper(ref, query) }
        }
        router.get(RouterPath(Route.oparlConsultation)) { request, context -> Response in
            let (ref, number) = (try segment(context, "ref"), try number(context))
            return try await answer(request, ListQuery.objectNames) { oparl, _ in try oparl.consultation(ref, number) }
        }
        router.get(RouterPath(Route.oparlFile)) { request, context -> Response in
            let (ref, number) = (try segment(context, "ref"), try number(context))
            return try await answer(request, ListQuery.objectNames) { oparl, _ in try oparl.file(ref, number) }
        }
        router.get(RouterPath(Route.oparlPerson)) { request, context -> Response in
            let (ref, number) = (try segment(context, "ref"), try number(context))
            return try await answer(request, ListQuery.objectNames) { oparl, _ in try oparl.person(ref, number) }
        }
    }

    /// The server on `host:port`, serving the register at `path` within `limits`; `bound` learns the port bound.
    public static func application(
        register: Register, path: String?, replica: Register? = nil, host: String, port: Int,
        limits: ServerLimits = ServerLimits(), access: ClerkAccess = ClerkAccess(), oparl: OParlSettings = OParlSettings(),
        log: ServerLog = .standardError, bound: @escaping @Sendable (Int) -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let counts = ConnectionCounts(limits: limits, log: log)
        return Application(
            router: router(register: register, path: path, replica: replica, log: log, access: access, oparl: oparl),
            server: .guardedHTTP1(limits: limits, counts: counts),
            configuration: .init(address: .hostname(host, port: port), serverName: "decreg"),
            onServerRunning: { channel in
                // The address actually bound (with --port 0, a free port the system chose), for people and scripts.
                let port = channel.localAddress?.port
                let line = "decreg: serving the register at http://\(host):\(port.map(String.init) ?? "?")/\n"
                FileHandle.standardOutput.write(Data(line.utf8))
                if let port { bound(port) }
            })
    }

    /// Serves until the process gets SIGINT or SIGTERM, then finishes the requests in flight.
    public static func run(
        register: Register, path: String?, replica: Register? = nil, host: String, port: Int, limits: ServerLimits,
        access: ClerkAccess, oparl: OParlSettings = OParlSettings()
    ) async throws {
        do {
            try await application(
                register: register, path: path, replica: replica, host: host, port: port, limits: limits,
                access: access, oparl: oparl
            ).runService()
        } catch {
            throw ListenError(host: host, port: port, error) ?? error
        }
    }

    /// The server could not listen where it was asked: the address and the system's error number (`EADDRINUSE`
    /// for a port in use).
    public struct ListenError: Error, Equatable {
        public let host: String
        public let port: Int
        public let number: Int32

        /// `error` as a failure to bind, or nil when it is something else.
        init?(host: String, port: Int, _ error: any Error) {
            let number: Int32
            if let error = error as? IOError {
                number = error.errnoCode
            } else if let range = String(describing: error).range(of: "(errno: "),
                let parsed = Int32(String(describing: error)[range.upperBound...].prefix { $0.isNumber })
            {
                number = parsed
            } else {
                return nil
            }
            guard String(describing: error).contains("bind") || number == EADDRINUSE else { return nil }
            self.host = host
            self.port = port
            self.number = number
        }
    }

    /// Every address served, as Hummingbird patterns (`:name` is one path segment). `GuardMiddleware` answers any
    /// other method on them with 405 and the methods allowed.
    enum Route {
        static let list = "/"
        static let decision = "/decisions/:ref"
        static let attachment = "/decisions/:ref/attachments/:label"
        static let attachmentInline = "/decisions/:ref/attachments/:label/inline"
        static let party = "/parties/:code"
        static let proof = "/decisions/:ref/proof"
        static let audit = "/audit"
        static let apiDecisions = "/api/v1/decisions"
        static let apiDecision = "/api/v1/decisions/:ref"
        static let apiParties = "/api/v1/parties"
        static let apiBodies = "/api/v1/bodies"
        static let apiTotals = "/api/v1/totals"
        static let apiAudit = "/api/v1/audit"
        static let apiOpenAPI = "/api/v1/openapi.yaml"
        static let apiLogCheckpoint = "/api/v1/log/checkpoint"
        static let logCheckpoint = "/log/checkpoint"
        static let logTile = "/log/tile/**"
        static let apiLogConsistency = "/api/v1/log/consistency"
        static let oparlSystem = "/oparl/v1/system"
        static let oparlBodies = "/oparl/v1/bodies"
        static let oparlBody = "/oparl/v1/bodies/:code"
        static let oparlBodyList = "/oparl/v1/bodies/:code/:list"
        static let oparlOrganization = "/oparl/v1/organizations/:code"
        static let oparlPaper = "/oparl/v1/papers/:ref"
        static let oparlConsultation = "/oparl/v1/papers/:ref/consultations/:number"
        static let oparlFile = "/oparl/v1/papers/:ref/files/:number"
        static let oparlPerson = "/oparl/v1/papers/:ref/persons/:number"
        static let all = [
            list, decision, attachment, attachmentInline, proof, party, audit, apiDecisions, apiDecision, apiParties, apiBodies, apiTotals,
            apiAudit, apiOpenAPI, apiLogCheckpoint, apiLogConsistency, logCheckpoint, logTile, ClerkRoutes.Route.clerk,
            oparlSystem, oparlBodies, oparlBody, oparlBodyList, oparlOrganization, oparlPaper, oparlConsultation,
            oparlFile, oparlPerson,
        ] + ClerkRoutes.Route.posts.map(\.pattern)

        /// Whether a request path is one of the addresses served (whatever the method).
        static func exists(_ path: String) -> Bool { all.contains { matches(path, $0) } }

        /// The methods a path answers: GET and HEAD, POST for the clerks' writes, GET, HEAD and POST for sign-in.
        static func methods(_ path: String) -> [HTTPRequest.Method] {
            guard let post = ClerkRoutes.Route.posts.first(where: { matches(path, $0.pattern) }) else {
                return [.get, .head]
            }
            return post.alsoGet ? [.get, .head, .post] : [.post]
        }

        private static func matches(_ path: String, _ pattern: String) -> Bool {
            let segments = path.split(separator: "/")
            let parts = pattern.split(separator: "/")
            // `**` takes the rest of the path, one segment or more.
            if parts.last == "**" {
                return segments.count >= parts.count
                    && zip(parts.dropLast(), segments).allSatisfy { part, segment in part.hasPrefix(":") || part == segment }
            }
            return parts.count == segments.count
                && zip(parts, segments).allSatisfy { part, segment in part.hasPrefix(":") || part == segment }
        }
    }

    // MARK: Responses

    /// The policy of every page: what the pages' `<meta>` states (no scripts, inline styles only), and
    /// `frame-ancestors 'none'`, which only a header can state (no other site may frame a page).
    static let pagePolicy: String = {
        let head = HTMLRenderer.render(Document(language: .sv, kicker: "", title: ""))
        let meta = head.range(of: "http-equiv=\"Content-Security-Policy\" content=\"").flatMap { start in
            head[start.upperBound...].firstIndex(of: "\"").map { String(head[start.upperBound..<$0]) }
        }
        return (meta ?? "default-src 'none'") + "; frame-ancestors 'none'"
    }()

    /// An HTML page with an `ETag` naming the audit head it was read at and its language (the address does not
    /// say the language when `Accept-Language` chose it), and 304 when the client already holds it — without
    /// rendering the page again. `tagged` adds what else the page depends on.
    static func page(
        _ request: Request, _ served: ServedRegister, _ language: Language,
        tagged: @escaping @Sendable (ServedRegister.Generation) throws -> String = { _ in "" },
        _ render: @escaping @Sendable (ServedRegister.Generation) throws -> String
    ) async throws -> Response {
        let ifNoneMatch = request.headers[.ifNoneMatch]
        return try await offload {
            let current = try served.current()
            let tag = etag(try current.register.auditHead(), suffix: "-" + language.rawValue + (try tagged(current)))
            var headers: HTTPFields = [.eTag: tag, .vary: "Accept-Language", .cacheControl: "no-cache"]
            served.replicaLag().map { headers[ServedRegister.lagHeader] = $0 }
            if let ifNoneMatch, matches(ifNoneMatch, tag) {
                headers[.contentSecurityPolicy] = pagePolicy
                return Response(status: .notModified, headers: headers)
            }
            headers[.contentType] = "text/html; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: try render(current))))
        }
    }

    /// A JSON answer with an `ETag` naming the audit head it was read at (read before the data, so a change in
    /// between gives a newer body under an older tag — revalidated, never cached wrongly), and 304 when the
    /// client already holds that state.
    static func json(
        _ request: Request, _ served: ServedRegister,
        _ read: @escaping @Sendable (ServedRegister.Generation) throws -> JSONValue
    ) async throws -> Response {
        let ifNoneMatch = request.headers[.ifNoneMatch]
        return try await offload {
            let current = try served.current()
            let tag = etag(try current.register.auditHead())
            if let ifNoneMatch, matches(ifNoneMatch, tag) {
                return Response(status: .notModified, headers: [.eTag: tag, .cacheControl: "no-cache"])
            }
            let body = try read(current).rendered(pretty: true) + "\n"
            var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .eTag: tag, .cacheControl: "no-cache"]
            served.replicaLag().map { headers[ServedRegister.lagHeader] = $0 }
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
        }
    }

    /// A text answer (`text/plain`), with an `ETag` naming the audit head it was read at, as `json` does.
    static func text(
        _ request: Request, _ served: ServedRegister,
        _ read: @escaping @Sendable (ServedRegister.Generation) throws -> String,
        headers more: @escaping @Sendable (inout HTTPFields) -> Void = { _ in }
    ) async throws -> Response {
        let ifNoneMatch = request.headers[.ifNoneMatch]
        return try await offload {
            let current = try served.current()
            let tag = etag(try current.register.auditHead(), suffix: "-log-\(try current.register.publishedState())")
            if let ifNoneMatch, matches(ifNoneMatch, tag) {
                return Response(status: .notModified, headers: [.eTag: tag, .cacheControl: "no-cache"])
            }
            var headers: HTTPFields = [.contentType: "text/plain; charset=utf-8", .eTag: tag, .cacheControl: "no-cache"]
            served.replicaLag().map { headers[ServedRegister.lagHeader] = $0 }
            more(&headers)
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: try read(current))))
        }
    }

    /// Runs the register's blocking reads on a thread of their own, so a long read (a large list, verifying the
    /// audit trail) never holds one of the few threads Swift's concurrency runs every request on.
    static func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    static func etag(_ head: AuditHead?, suffix: String = "") -> String {
        guard let head else { return "\"decreg-0\(suffix)\"" }
        return "\"decreg-\(head.seq)-\(head.hash.prefix(32))\(suffix)\""
    }

    static func matches(_ ifNoneMatch: String, _ tag: String) -> Bool {
        ifNoneMatch.split(separator: ",").contains { candidate in
            let trimmed = candidate.trimmingCharacters(in: .whitespaces)
            return trimmed == "*" || trimmed == tag || trimmed == "W/" + tag
        }
    }

    static func attachment(_ register: Register, ref: String, label: String, inline: Bool = false) throws -> Response {
        let attachment: Attachment
        do { attachment = try register.attachment(label, of: ref) } catch let error as RegisterError {
            throw WebError.from(error)
        }
        if inline, let reason = try attachment.withdrawn ?? register.withdrawal(of: ref) {
            throw WebError(
                .gone, sv: "\(label) till \(ref) är makulerad: \(reason)", en: "\(label) of \(ref) was withdrawn: \(reason)")
        }
        let content = attachment.content ?? Data()
        return Response(
            status: .ok,
            headers: [
                .contentType: safeMediaType(attachment.mediaType),
                .contentDisposition: contentDisposition(attachment, inline: inline),
                // The stored bytes, not a page of this site: never sniffed, never run, even when they are HTML.
                .contentSecurityPolicy: "sandbox; default-src 'none'",
                HTTPField.Name("Digest")!: "sha-256=" + Data(hexBytes(attachment.sha256)).base64EncodedString(),
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: content)))
    }

    /// The stored media type when it is a plain `type/subtype`, else `application/octet-stream`.
    static func safeMediaType(_ type: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&^_.+-")
        let parts = type.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.count <= 127 && $0.allSatisfy(allowed.contains) })
        else { return "application/octet-stream" }
        return type
    }

    /// `attachment; filename="Bilaga 1.txt"; filename*=UTF-8''Bilaga%201.txt` — an ASCII fallback without
    /// quotes or backslashes, and the exact label percent-encoded (RFC 6266).
    static func contentDisposition(_ attachment: Attachment, inline: Bool = false) -> String {
        let name = fileName(attachment)
        let ascii = String(
            name.unicodeScalars.map { scalar -> Character in
                let plain = scalar.isASCII && scalar.value >= 0x20 && scalar.value != 0x7F
                return plain && scalar != "\"" && scalar != "\\" && scalar != "/" ? Character(scalar) : "_"
            })
        return (inline ? "inline" : "attachment") + "; filename=\"\(ascii)\"; filename*=UTF-8''\(Links.segment(name))"
    }

    /// The name an attachment is downloaded under: its label and the extension of its media type (`Bilaga 1.txt`).
    static func fileName(_ attachment: Attachment) -> String {
        attachment.label + (fileExtensions[attachment.mediaType].map { "." + $0 } ?? "")
    }

    private static let fileExtensions: [String: String] = [
        "application/pdf": "pdf", "text/plain": "txt", "text/markdown": "md", "text/html": "html", "text/csv": "csv",
        "application/json": "json", "application/xml": "xml", "image/png": "png", "image/jpeg": "jpg",
        "image/gif": "gif", "image/svg+xml": "svg", "application/msword": "doc",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
        "application/vnd.ms-excel": "xls",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
        "application/vnd.oasis.opendocument.text": "odt", "application/vnd.oasis.opendocument.spreadsheet": "ods",
        "application/zip": "zip",
    ]

    private static func hexBytes(_ hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var iterator = hex.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            guard let byte = UInt8(String([high, low]), radix: 16) else { return [] }
            bytes.append(byte)
        }
        return bytes
    }

    // MARK: Request pieces

    /// A path parameter, percent-decoded. It is only ever a key looked up in the register, never a file name;
    /// one with control characters names nothing (SQLite would read a text up to its first NUL).
    static func segment(_ context: WebContext, _ name: String) throws -> String {
        guard let raw = context.parameters.get(name), let decoded = raw.removingPercentEncoding, !decoded.isEmpty,
            !decoded.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw WebError.notFound(sv: "ingen sådan sida", en: "no such page")
        }
        return decoded
    }

    /// An API request's parameters: an empty one is refused, not read as "no filter" (no form sends it).
    static func apiQuery(_ request: Request, _ allowed: Set<String>) throws -> QueryParameters {
        try QueryParameters(request.uri.query, allowed: allowed, allowsEmptyValues: false)
    }

    static func language(_ request: Request, _ query: QueryParameters) throws -> Language {
        Language.negotiated(query: try query.language(), acceptLanguage: request.headers[.acceptLanguage])
    }
}

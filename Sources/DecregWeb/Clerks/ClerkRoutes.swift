import DecregDomain
import DecregStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import NIOCore

/// The clerks' addresses: sign-in and sign-out, a clerk's page with its forms, and the API's writes. Each write
/// builds the register's typed operation and hands it to the store with the account, which checks the account's
/// rights in the change's own transaction; a form's refusal comes back beside its field, the API's as JSON.
struct ClerkRoutes {
    let served: ServedRegister
    let access: ClerkAccess
    let throttle: SignInThrottle
    /// The register to write to: opened for each write, so a register replaced on disk is the one written.
    let writer: @Sendable () throws -> Register

    /// The addresses, as Hummingbird patterns.
    enum Route {
        static let signIn = "/sign-in"
        static let signOut = "/sign-out"
        static let clerk = "/clerk"
        static let apiSteps = "/api/v1/decisions/:ref/steps"
        static let apiPayments = "/api/v1/decisions/:ref/payments"

        /// A clerk's forms: the address each posts to, the form's name on the clerk's page, the write it asks,
        /// whether it concerns one decision (named in its `decision` field, whose page shows the change), and the
        /// most its body may hold.
        struct Form: Sendable {
            var path: String
            var name: String
            var write: @Sendable (ClerkWrites.Write) throws -> ClerkWrites.Recorded
            var ofDecision = true
            var limit = maximumBody
        }

        static let forms: [Form] = [
            Form(path: "/clerk/decisions", name: "decision", write: ClerkWrites.addDecision),
            Form(path: "/clerk/decisions/correct", name: "correct", write: ClerkWrites.correctDecision),
            Form(path: "/clerk/steps", name: "step", write: ClerkWrites.step),
            Form(path: "/clerk/steps/correct", name: "step-correct", write: ClerkWrites.correctStep),
            Form(path: "/clerk/steps/withdraw", name: "step-withdraw", write: ClerkWrites.withdrawStep),
            Form(path: "/clerk/signatories", name: "signatory", write: ClerkWrites.signatory),
            Form(path: "/clerk/signatories/withdraw", name: "signatory-withdraw", write: ClerkWrites.withdrawSignatory),
            Form(path: "/clerk/attachments", name: "attachment", write: ClerkWrites.attachment, limit: maximumUpload),
            Form(
                path: "/clerk/attachments/withdraw", name: "attachment-withdraw", write: ClerkWrites.withdrawAttachment),
            Form(path: "/clerk/appeals", name: "appeal", write: ClerkWrites.appeal),
            Form(path: "/clerk/appeals/decide", name: "appeal-decide", write: ClerkWrites.decideAppeal),
            Form(path: "/clerk/payments", name: "payment", write: ClerkWrites.payment),
            Form(path: "/clerk/payments/correct", name: "payment-correct", write: ClerkWrites.correctPayment),
            Form(path: "/clerk/payments/withdraw", name: "payment-withdraw", write: ClerkWrites.withdrawPayment),
            Form(path: "/clerk/funding", name: "funding", write: ClerkWrites.funding),
            Form(path: "/clerk/funding/withdraw", name: "funding-withdraw", write: ClerkWrites.withdrawFunding),
            Form(path: "/clerk/parties", name: "party", write: ClerkWrites.addParty, ofDecision: false),
            Form(
                path: "/clerk/parties/correct", name: "party-correct", write: ClerkWrites.correctParty,
                ofDecision: false),
            Form(path: "/clerk/bodies", name: "body", write: ClerkWrites.addBody, ofDecision: false),
            Form(
                path: "/clerk/bodies/correct", name: "body-correct", write: ClerkWrites.correctBody,
                ofDecision: false),
            Form(path: "/clerk/accounts", name: "account", write: ClerkWrites.addAccount, ofDecision: false),
            Form(
                path: "/clerk/accounts/disable", name: "account-disable", write: ClerkWrites.disableAccount,
                ofDecision: false),
            Form(
                path: "/clerk/accounts/password", name: "account-password", write: ClerkWrites.setPassword,
                ofDecision: false),
        ]

        /// The addresses that take POST, with whether each also answers GET.
        static let posts: [(pattern: String, alsoGet: Bool)] =
            [(signIn, true), (signOut, false), (apiSteps, false), (apiPayments, false)] + forms.map { ($0.path, false) }
    }

    /// The most a form or a JSON body may hold.
    static let maximumBody = 64 * 1024
    /// The most a form that uploads an attachment may hold; a larger file is stored with `decreg attach add`.
    static let maximumUpload = 25 << 20

    func add(to router: Router<WebContext>) {
        router.get(RouterPath(Route.signIn)) { request, context in try await signInPage(request, context) }
        router.post(RouterPath(Route.signIn)) { request, context in try await signIn(request, context) }
        router.post(RouterPath(Route.signOut)) { request, context in try await signOut(request, context) }
        router.get(RouterPath(Route.clerk)) { request, context in try await home(request, context) }
        for form in Route.forms {
            router.post(RouterPath(form.path)) { request, context in try await formWrite(request, context, form) }
        }
        router.post(RouterPath(Route.apiSteps)) { request, context in
            try await apiWrite(request, context, route: "POST /api/v1/decisions/{ref}/steps", ClerkWrites.step)
        }
        router.post(RouterPath(Route.apiPayments)) { request, context in
            try await apiWrite(request, context, route: "POST /api/v1/decisions/{ref}/payments", ClerkWrites.payment)
        }
    }

    // MARK: Signing in and out

    private func signInPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let language = try language(request)
        let csrf = CSRF.newToken()
        let page = try await WebServer.offload { [served] in
            ClerkPages(register: try served.current().register, language: language)
                .signIn(csrf: csrf, signedInAs: context.identity?.account.name)
        }
        var response = html(.ok, page)
        response.headers[values: .setCookie].append(signInCookie(csrf).description)
        return response
    }

    private func signIn(_ request: Request, _ context: WebContext) async throws -> Response {
        let language = try language(request)
        let form = try await Self.form(request)
        let name = form.values["name"] ?? ""
        let password = form.values["password"] ?? ""
        guard CSRF.matches(form.values[CSRF.field], request.cookies[CSRF.signInCookie]?.value) else {
            throw WebError(
                .forbidden, sv: "formuläret saknar en giltig CSRF-token; ladda om sidan och försök igen",
                en: "the form lacks a valid CSRF token; reload the page and try again")
        }
        let address = context.remoteIP
        let again = CSRF.newToken()
        func refused(_ status: HTTPResponse.Status, _ problem: Phrase) async throws -> Response {
            let page = try await WebServer.offload { [served] in
                ClerkPages(register: try served.current().register, language: language)
                    .signIn(csrf: again, name: name, problem: problem)
            }
            var response = html(status, page)
            response.headers[values: .setCookie].append(signInCookie(again).description)
            return response
        }
        if throttle.isLocked(name: name, address: address) {
            return try await refused(
                .tooManyRequests,
                Phrase(
                    sv: "för många misslyckade inloggningar; försök igen om 15 minuter",
                    en: "too many failed sign-ins; try again in 15 minutes"))
        }
        let stored = try await WebServer.offload { [served] in try served.current().register.storedAccount(named: name) }
        // The same answer, after the same work, for an unknown name, a disabled account and a wrong password.
        let verified = Passwords.verify(password, hash: stored?.passwordHash)
        guard verified, let account = stored?.account, account.disabled == nil else {
            throttle.failed(name: name, address: address)
            return try await refused(
                .unauthorized,
                Phrase(sv: "fel kontonamn eller lösenord", en: "wrong account name or password"))
        }
        throttle.succeeded(name: name)
        context.sessions.createSession(
            ClerkSession(name: account.name, csrf: CSRF.newToken()), expiresIn: access.idleTimeout)
        var response = Self.seeOther("/clerk?lang=\(language.rawValue)")
        response.headers[values: .setCookie].append(signInCookie("", expired: true).description)
        return response
    }

    private func signOut(_ request: Request, _ context: WebContext) async throws -> Response {
        let language = try language(request)
        let form = try await Self.form(request)
        guard let clerk = context.identity, CSRF.matches(form.values[CSRF.field], clerk.csrf) else {
            throw WebError(
                .forbidden, sv: "formuläret saknar en giltig CSRF-token; ladda om sidan och försök igen",
                en: "the form lacks a valid CSRF token; reload the page and try again")
        }
        context.sessions.clearSession()
        return Self.seeOther("/?lang=\(language.rawValue)")
    }

    // MARK: A clerk's page and forms

    private func home(_ request: Request, _ context: WebContext) async throws -> Response {
        let language = try language(request)
        guard let clerk = context.identity, clerk.csrf != nil else {
            return Self.seeOther("/sign-in?lang=\(language.rawValue)")
        }
        let page = try await WebServer.offload { [served] in
            try ClerkPages(register: try served.current().register, language: language).home(clerk)
        }
        return html(.ok, page)
    }

    private func formWrite(_ request: Request, _ context: WebContext, _ form: Route.Form) async throws -> Response {
        let language = try language(request)
        guard let clerk = context.identity, let csrf = clerk.csrf else {
            throw WebError(
                .unauthorized, sv: "logga in först (/sign-in)", en: "sign in first (/sign-in)")
        }
        let fields = try await Self.form(request, limit: form.limit)
        guard CSRF.matches(fields.values[CSRF.field], csrf) else {
            throw WebError(
                .forbidden, sv: "formuläret saknar en giltig CSRF-token; ladda om sidan och försök igen",
                en: "the form lacks a valid CSRF token; reload the page and try again")
        }
        let ref = form.ofDecision ? fields["decision"] ?? "" : ""
        do {
            _ = try await WebServer.offload { [writer] in
                guard !ref.isEmpty || !form.ofDecision else {
                    throw WebError(
                        .unprocessableContent, sv: "ange beslutets referens", en: "give the decision's reference",
                        field: "decision")
                }
                return try form.write(
                    ClerkWrites.Write(
                        ref: ref, fields: fields, clerk: clerk, route: "POST \(form.path)", writer: try writer()))
            }
        } catch let error as WebError where [403, 404, 409, 422].contains(error.status.code) {
            var refused = error
            if error.status == .notFound { refused.field = "decision" }
            // What was typed comes back, but never a password or the file's bytes.
            var typed = fields
            typed.values["password"] = nil
            typed.values["password_again"] = nil
            typed.file = nil
            let (given, refusal) = (typed, refused)
            let page = try await WebServer.offload { [served] in
                try ClerkPages(register: try served.current().register, language: language)
                    .home(clerk, refused: .init(form: form.name, fields: given, failure: refusal))
            }
            return html(error.status, page)
        }
        // The decision's public page, where the change shows at once; an administrator's change shows on its page.
        return Self.seeOther(
            form.ofDecision ? Links.decision(ref, language) : "/clerk?lang=\(language.rawValue)#\(form.name)-form")
    }

    // MARK: The API's writes

    private func apiWrite(
        _ request: Request, _ context: WebContext, route: String,
        _ write: @escaping @Sendable (ClerkWrites.Write) throws -> ClerkWrites.Recorded
    ) async throws -> Response {
        guard let clerk = context.identity, clerk.proof == .token else {
            var response = GuardMiddleware<WebContext>.answer(
                WebError(
                    .unauthorized,
                    sv: "ange ett giltigt API-token: Authorization: Bearer TOKEN (decreg account token NAMN)",
                    en: "give a valid API token: Authorization: Bearer TOKEN (decreg account token NAME)"),
                request, isAPI: true)
            response.headers[HTTPField.Name("WWW-Authenticate")!] = "Bearer realm=\"decreg\""
            return response
        }
        let ref = try WebServer.segment(context, "ref")
        let fields = try await Self.json(request)
        let recorded = try await WebServer.offload { [writer] in
            try write(ClerkWrites.Write(ref: ref, fields: fields, clerk: clerk, route: route, writer: try writer()))
        }
        var members: [(String, JSONValue)] = []
        if case .object(let object) = recorded.json { members = object }
        if !recorded.result.warnings.isEmpty {
            members.append(("warnings", .array(recorded.result.warnings.map { .string($0.en) })))
        }
        let body = JSONValue.object(members).rendered(pretty: true) + "\n"
        return Response(
            status: .created,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    // MARK: Pieces

    private func language(_ request: Request) throws -> Language {
        let query = try QueryParameters(request.uri.query, allowed: ["lang"])
        return Language.negotiated(query: try query.language(), acceptLanguage: request.headers[.acceptLanguage])
    }

    private func html(_ status: HTTPResponse.Status, _ page: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    static func seeOther(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    /// The cookie that pairs the sign-in form's CSRF field, before there is a session.
    private func signInCookie(_ value: String, expired: Bool = false) -> Cookie {
        Cookie(
            name: CSRF.signInCookie, value: value, maxAge: expired ? 0 : 3600, path: "/sign-in",
            secure: access.isHTTPS, httpOnly: true, sameSite: .strict)
    }

    /// A form's fields: `application/x-www-form-urlencoded`, or `multipart/form-data` where a form uploads a file
    /// (up to `limit` bytes in all).
    static func form(_ request: Request, limit: Int = maximumBody) async throws -> ClerkWrites.Fields {
        let type = request.headers[.contentType] ?? ""
        if let boundary = FormData.boundary(type) {
            let body = Data(try await body(request, limit: limit).readableBytesView)
            guard let fields = FormData.multipart(body, boundary: boundary) else {
                throw WebError(
                    .badRequest, sv: "formulärets delar går inte att läsa (multipart/form-data)",
                    en: "the form's parts cannot be read (multipart/form-data)")
            }
            return fields
        }
        guard type.lowercased().hasPrefix("application/x-www-form-urlencoded") else {
            throw WebError(
                .unsupportedMediaType, sv: "skicka formuläret som application/x-www-form-urlencoded",
                en: "send the form as application/x-www-form-urlencoded")
        }
        return FormData.urlencoded(String(buffer: try await body(request, limit: limit)))
    }

    /// An API request's JSON object: texts (a year may be a number), `amounts` an object of year (or range) to
    /// amount, `again` a boolean. Amounts are strings, as the register writes them.
    static func json(_ request: Request) async throws -> ClerkWrites.Fields {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/json") else {
            throw WebError(.unsupportedMediaType, sv: "skicka JSON (application/json)", en: "send JSON (application/json)")
        }
        let data = Data(try await body(request).readableBytesView)
        guard let object = (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) as? [String: Any]
        else {
            throw WebError(
                .badRequest, sv: "kroppen är inget JSON-objekt", en: "the body is not a JSON object")
        }
        var fields = ClerkWrites.Fields()
        for (name, value) in object {
            switch (name, value) {
            case ("amounts", let amounts as [String: Any]):
                for (years, amount) in amounts.sorted(by: { $0.key < $1.key }) {
                    guard let amount = amount as? String else {
                        throw WebError(
                            .unprocessableContent, sv: "ett belopp ges som text, t.ex. \"1,62 Mkr\"",
                            en: "an amount is given as a string, e.g. \"1,62 Mkr\"", field: "amounts")
                    }
                    fields.amounts.append((years: years, amount: amount))
                }
            case ("amounts", _):
                throw WebError(
                    .unprocessableContent, sv: "amounts är ett objekt av år och belopp: {\"2027\": \"1,62 Mkr\"}",
                    en: "amounts is an object of years and amounts: {\"2027\": \"1,62 Mkr\"}", field: "amounts")
            case ("again", let flag as Bool):
                if flag { fields.flags.insert("again") }
            case ("year", let number as NSNumber) where !(value is Bool):
                fields.values[name] = number.stringValue
            case (_, let text as String):
                fields.values[name] = text
            case (_, is NSNull):
                continue
            default:
                throw WebError(
                    .unprocessableContent, sv: "\(name) ska vara en text", en: "\(name) must be a string", field: name)
            }
        }
        return fields
    }

    private static func body(_ request: Request, limit: Int = maximumBody) async throws -> ByteBuffer {
        do { return try await request.body.collect(upTo: limit) } catch {
            let size = limit >= 1 << 20 ? "\(limit >> 20) MiB" : "\(limit >> 10) KiB"
            throw WebError(
                .contentTooLarge, sv: "kroppen är större än \(size)", en: "the body is larger than \(size)")
        }
    }
}

import DecregDomain
import DecregStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Around every route: refuses oversized query strings, answers CORS preflights on the API, refuses methods
/// other than GET and HEAD on the addresses served (and CONNECT anywhere) with 405 and the methods allowed, turns
/// every error into a clear answer (JSON on the API, a page elsewhere; a register being written too long, or
/// unreadable, is a 503 with `Retry-After`) and adds the headers every response carries, and pages their policy.
struct GuardMiddleware<Context: RequestContext>: RouterMiddleware {
    var access = ClerkAccess()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        // The API and the OParl endpoint answer in JSON, each its own way; CORS preflights are answered on both.
        let isAPI = request.uri.path.hasPrefix("/api/") || request.uri.path.hasPrefix(OParl.path + "/")
        var response: Response
        if let query = request.uri.query, query.utf8.count > QueryParameters.maximumLength {
            response = Self.answer(
                WebError(
                    .uriTooLong, sv: "frågesträngen är längre än \(QueryParameters.maximumLength) byte",
                    en: "the query string is longer than \(QueryParameters.maximumLength) bytes"),
                request, isAPI: isAPI)
        } else if request.method == .options && isAPI {
            response = Response(
                status: .noContent,
                headers: [
                    .allow: Self.allowed(request.uri.path, isAPI: true),
                    // Other sites may read; a clerk's writes come from its own programs, not from another site's page.
                    .accessControlAllowMethods: "GET", .accessControlAllowHeaders: "If-None-Match, Accept-Language",
                    .accessControlMaxAge: "86400",
                ])
        } else if request.method == .connect {
            // HTTP/1.1 cannot frame a body or a length in an answer to CONNECT: the answer is complete when the
            // connection closes, so it is closed after it (RequestDeadlines).
            response = Self.answer(
                WebError(
                    .methodNotAllowed, sv: "CONNECT besvaras inte här; detta är ingen proxy",
                    en: "CONNECT is not answered here; this is not a proxy"), request, isAPI: isAPI)
            response.headers[.allow] = Self.allowed(isAPI: isAPI)
            response.headers[.connection] = "close"
        } else if WebServer.Route.exists(request.uri.path),
            !WebServer.Route.methods(request.uri.path).contains(request.method)
        {
            let methods = WebServer.Route.methods(request.uri.path).map(\.rawValue)
            func listed(_ and: String) -> String {
                methods.count == 1 ? methods[0] : methods.dropLast().joined(separator: ", ") + " \(and) " + methods.last!
            }
            response = Self.answer(
                WebError(
                    .methodNotAllowed, sv: "\(request.method) besvaras inte här; bara \(listed("och"))",
                    en: "\(request.method) is not answered here; only \(listed("and")) "
                        + (methods.count == 1 ? "is" : "are")), request, isAPI: isAPI)
            response.headers[.allow] = Self.allowed(request.uri.path, isAPI: isAPI)
        } else {
            do {
                response = try await next(request, context)
            } catch let error as WebError {
                response = Self.answer(error, request, isAPI: isAPI)
            } catch let error as HTTPError where error.status == .notFound {
                response = Self.answer(WebError.notFound(
                        sv: "ingen sådan sida: \(request.uri.path)", en: "no such page: \(request.uri.path)"), request, isAPI: isAPI)
            } catch let error where Register.readFailure(error) == .busy {
                response = Self.answer(.busy, request, isAPI: isAPI)
            } catch let error where Register.readFailure(error) == .unreadable {
                response = Self.answer(.unreadable, request, isAPI: isAPI)
            } catch let error as RegisterError {
                // Asked after the file's state: the register's plain errors include a lock held too long.
                response = Self.answer(WebError.from(error), request, isAPI: isAPI)
            } catch let error as HTTPError {
                response = Self.answer(WebError(error.status, Phrase(verbatim: error.body ?? error.status.reasonPhrase)), request, isAPI: isAPI)
            } catch {
                context.logger.error("request failed: \(String(describing: error))")
                response = Self.answer(WebError(
                        .internalServerError, sv: "registret kunde inte läsas; försök igen",
                        en: "the register could not be read; try again"), request, isAPI: isAPI)
            }
        }
        // Another site may read the public API, never a clerk's answers.
        if response.headers[.cacheControl] != "no-store" { response.headers[.accessControlAllowOrigin] = "*" }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("Cross-Origin-Opener-Policy")!] = "same-origin"
        if access.isHTTPS { response.headers[.strictTransportSecurity] = "max-age=31536000" }
        if response.headers[.contentSecurityPolicy] == nil, response.headers[.contentType]?.hasPrefix("text/html") == true {
            response.headers[.contentSecurityPolicy] = WebServer.pagePolicy
        }
        return response
    }

    /// The methods an address answers (RFC 9110 `Allow`): the API also answers CORS preflights.
    static func allowed(_ path: String = "/", isAPI: Bool) -> String {
        let methods = WebServer.Route.methods(path).map(\.rawValue) + (isAPI ? ["OPTIONS"] : [])
        return methods.joined(separator: ", ")
    }

    static func answer(_ error: WebError, _ request: Request, isAPI: Bool) -> Response {
        var response = body(error, request, isAPI: isAPI)
        if let seconds = error.retryAfter { response.headers[.retryAfter] = String(seconds) }
        return response
    }

    private static func body(_ error: WebError, _ request: Request, isAPI: Bool) -> Response {
        if request.uri.path.hasPrefix(OParl.path + "/") {
            // OParl's Error object (1.1, 2.9): the message in the content's language is the register's, which an
            // error cannot always read; Swedish and English both, the parameter in `debug`.
            let members: [(String, JSONValue)] = [
                ("type", OParl.type("Error")), ("message", .string(error.text(.sv) + " / " + error.text(.en))),
                ("debug", .string("HTTP \(error.status.code)" + (error.parameter.map { "; parameter \($0)" } ?? ""))),
            ]
            return Response(
                status: error.status, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: JSONValue.object(members).rendered(pretty: true) + "\n")))
        }
        if isAPI {
            var members: [(String, JSONValue)] = [("status", .int(Int64(error.status.code))), ("message", .string(error.message))]
            if let parameter = error.parameter { members.append(("parameter", .string(parameter))) }
            if let field = error.field { members.append(("field", .string(field))) }
            let body = JSONValue.object([("error", .object(members))]).rendered(pretty: true) + "\n"
            return Response(
                status: error.status, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        // The page's language without judging the query again: it may be what was wrong.
        let asked: Language? = request.uri.query.flatMap { query in
            query.split(separator: "&").contains("lang=en") ? .en : query.split(separator: "&").contains("lang=sv") ? .sv : nil
        }
        let language = Language.negotiated(query: asked, acceptLanguage: request.headers[.acceptLanguage])
        return Response(
            status: error.status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: Pages.error(error, language: language))))
    }
}

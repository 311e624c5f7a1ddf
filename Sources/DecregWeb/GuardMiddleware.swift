import DecregDomain
import DecregStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Around every route: refuses oversized query strings, answers CORS preflights on the API, refuses methods
/// other than GET and HEAD on the addresses served with 405 and the methods allowed, turns every error into a
/// clear answer (JSON on the API, a page elsewhere) and adds the headers every response carries.
struct GuardMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let isAPI = request.uri.path.hasPrefix("/api/")
        var response: Response
        if let query = request.uri.query, query.utf8.count > QueryParameters.maximumLength {
            response = Self.answer(
                WebError(.uriTooLong, "the query string is longer than \(QueryParameters.maximumLength) bytes"),
                request, isAPI: isAPI)
        } else if request.method == .options && isAPI {
            response = Response(
                status: .noContent,
                headers: [
                    .allow: Self.allowed(isAPI: true),
                    .accessControlAllowMethods: "GET", .accessControlAllowHeaders: "If-None-Match, Accept-Language",
                    .accessControlMaxAge: "86400",
                ])
        } else if request.method != .get && request.method != .head && WebServer.Route.exists(request.uri.path) {
            response = Self.answer(
                WebError(.methodNotAllowed, "\(request.method) is not answered here; only GET and HEAD are"), request,
                isAPI: isAPI)
            response.headers[.allow] = Self.allowed(isAPI: isAPI)
        } else {
            do {
                response = try await next(request, context)
            } catch let error as WebError {
                response = Self.answer(error, request, isAPI: isAPI)
            } catch let error as RegisterError {
                response = Self.answer(WebError.from(error), request, isAPI: isAPI)
            } catch let error as HTTPError where error.status == .notFound {
                response = Self.answer(WebError.notFound("no such page: \(request.uri.path)"), request, isAPI: isAPI)
            } catch let error as HTTPError {
                response = Self.answer(WebError(error.status, error.body ?? error.status.reasonPhrase), request, isAPI: isAPI)
            } catch {
                context.logger.error("request failed: \(String(describing: error))")
                response = Self.answer(WebError(.internalServerError, "the register could not be read; try again"), request, isAPI: isAPI)
            }
        }
        response.headers[.accessControlAllowOrigin] = "*"
        response.headers[.xContentTypeOptions] = "nosniff"
        return response
    }

    /// The methods an address answers (RFC 9110 `Allow`): the API also answers CORS preflights.
    static func allowed(isAPI: Bool) -> String { isAPI ? "GET, HEAD, OPTIONS" : "GET, HEAD" }

    static func answer(_ error: WebError, _ request: Request, isAPI: Bool) -> Response {
        if isAPI {
            var members: [(String, JSONValue)] = [("status", .int(Int64(error.status.code))), ("message", .string(error.message))]
            if let parameter = error.parameter { members.append(("parameter", .string(parameter))) }
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

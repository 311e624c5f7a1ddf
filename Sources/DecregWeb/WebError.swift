import DecregStore
import HTTPTypes

/// A request the server refuses, with the status and a sentence saying what was wrong and how to ask instead.
/// The API answers it as a JSON error body, the pages as a short HTML page.
public struct WebError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var message: String
    /// The query parameter at fault, if one is.
    public var parameter: String?
    /// For a 503: the seconds after which to ask again (`Retry-After`).
    public var retryAfter: Int?

    public init(_ status: HTTPResponse.Status, _ message: String, parameter: String? = nil, retryAfter: Int? = nil) {
        self.status = status
        self.message = message
        self.parameter = parameter
        self.retryAfter = retryAfter
    }

    public var description: String { parameter.map { "\($0): \(message)" } ?? message }

    static func badParameter(_ name: String, _ message: String) -> WebError {
        WebError(.badRequest, message, parameter: name)
    }

    static func notFound(_ message: String) -> WebError { WebError(.notFound, message) }

    /// A register error as the visitor should see it: an unknown decision or attachment is a 404; an unknown
    /// party in a filter, or a search without words, is a bad parameter.
    static func from(_ error: RegisterError, parameter: String? = nil) -> WebError {
        switch error {
        case .unknown(let kind, _, _, _) where parameter == nil && kind != "party":
            return .notFound(error.message)
        case .unknown, .invalid:
            return WebError(.badRequest, error.message, parameter: parameter)
        default:
            // The file's state at the moment (a long write, a file being replaced): ask again shortly.
            switch Register.readFailure(error) {
            case .busy?:
                return WebError(
                    .serviceUnavailable,
                    "the register is being written (an import) for longer than \(Int(Register.readerWaitLimit)) s; "
                        + "try again shortly", retryAfter: Int(Register.readerWaitLimit))
            case .unreadable?:
                return WebError(
                    .serviceUnavailable, "the register file cannot be read at the moment; try again shortly",
                    retryAfter: ServedRegister.retryAfter)
            case nil:
                return WebError(.internalServerError, "the register could not be read")
            }
        }
    }
}

extension RegisterError {
    var isUnknown: Bool {
        if case .unknown = self { return true }
        return false
    }
}

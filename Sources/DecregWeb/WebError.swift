import DecregDomain
import DecregStore
import HTTPTypes

/// A request the server refuses, with the status and a sentence saying what was wrong and how to ask instead.
/// The API answers it as a JSON error body, the pages as a short HTML page.
public struct WebError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    /// What went wrong, in Swedish and English: a page says it in its language, the API in English.
    public var phrase: Phrase
    /// The query parameter at fault, if one is.
    public var parameter: String?
    /// For a 503: the seconds after which to ask again (`Retry-After`).
    public var retryAfter: Int?
    /// The field of a form or of the JSON sent that the refusal concerns (`amounts`, `party`).
    public var field: String?

    public init(
        _ status: HTTPResponse.Status, _ phrase: Phrase, parameter: String? = nil, retryAfter: Int? = nil,
        field: String? = nil
    ) {
        self.status = status
        self.phrase = phrase
        self.parameter = parameter
        self.retryAfter = retryAfter
        self.field = field
    }

    public init(
        _ status: HTTPResponse.Status, sv: String, en: String, parameter: String? = nil, retryAfter: Int? = nil,
        field: String? = nil
    ) {
        self.init(status, Phrase(sv: sv, en: en), parameter: parameter, retryAfter: retryAfter, field: field)
    }

    /// The message without the parameter, in English.
    public var message: String { phrase.en }

    public var description: String { text(.en) }

    /// The parameter at fault and the message, in `language`.
    public func text(_ language: Language) -> String {
        parameter.map { "\($0): \(phrase.text(language))" } ?? phrase.text(language)
    }

    static func badParameter(_ name: String, sv: String, en: String) -> WebError {
        WebError(.badRequest, sv: sv, en: en, parameter: name)
    }

    static func notFound(sv: String, en: String) -> WebError { WebError(.notFound, sv: sv, en: en) }

    /// A writer (an import) has held the register longer than a reader waits.
    static let busy = WebError(
        .serviceUnavailable,
        sv: "registret skrivs (en import) sedan mer än \(Int(Register.readerWaitLimit)) s; försök igen om en stund",
        en: "the register is being written (an import) for longer than \(Int(Register.readerWaitLimit)) s; "
            + "try again shortly",
        retryAfter: Int(Register.readerWaitLimit))

    /// The register file is not readable at the moment: replaced, truncated or overwritten.
    static let unreadable = WebError(
        .serviceUnavailable, sv: "registerfilen kan inte läsas just nu; försök igen om en stund",
        en: "the register file cannot be read at the moment; try again shortly", retryAfter: ServedRegister.retryAfter)

    /// A register error as the visitor should see it: an unknown decision or attachment is a 404; an unknown
    /// party in a filter, or a search without words, is a bad parameter.
    static func from(_ error: RegisterError, parameter: String? = nil) -> WebError {
        switch error {
        case .unknown(let kind, _, _, _) where parameter == nil && kind != "party":
            return WebError(.notFound, error.phrase)
        case .unknown, .invalid:
            return WebError(.badRequest, error.phrase, parameter: parameter)
        default:
            // The file's state at the moment (a long write, a file being replaced): ask again shortly.
            switch Register.readFailure(error) {
            case .busy?: return .busy
            case .unreadable?: return .unreadable
            case nil:
                return WebError(
                    .internalServerError, sv: "registret kunde inte läsas", en: "the register could not be read")
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

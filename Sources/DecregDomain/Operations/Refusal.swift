/// Why an operation is refused: what is wrong and what to do, and where the offending value stands in the input
/// (a command-line option such as `--party`, or an import file's path such as `decisions[2].steps[0].body`).
public struct Refusal: Error, Equatable, Sendable, CustomStringConvertible, SpokenError {
    public var phrase: Phrase
    public var field: String?

    public init(_ phrase: Phrase, field: String? = nil) {
        self.phrase = phrase
        self.field = field
    }

    public init(sv: String, en: String, field: String? = nil) {
        self.init(Phrase(sv: sv, en: en), field: field)
    }

    /// The message in English, without the field.
    public var message: String { phrase.en }

    /// `field: message` in `language`.
    public func text(_ language: Language) -> String {
        field.map { "\($0): \(phrase.text(language))" } ?? phrase.text(language)
    }

    public func lines(_ language: Language) -> [String] { [text(language)] }

    public var description: String { text(.en) }
}

/// What the rules need to know of the register's parties and bodies.
public protocol PartiesAndBodies {
    func party(_ code: String) -> Party?
    func body(_ code: String) -> Body?
    /// What to say of a code the register does not know (`kind` "party" or "body"): the register says it one
    /// way everywhere, with the nearest known codes.
    func unknownMessage(_ kind: String, _ code: String) -> Phrase
}

/// Who makes a change and when, as the rules see it: the reason a correction needs, and the day that makes a
/// date "in the future".
public struct ChangeCircumstances: Sendable {
    public var reason: String?
    public var today: LocalDate

    public init(reason: String?, today: LocalDate) {
        self.reason = reason
        self.today = today
    }

    /// The reason, which a correction or withdrawal must give: it is itself a dated, signed entry.
    public func requiredReason() throws(Refusal) -> String {
        guard let reason, !reason.trimmingSpaces().isEmpty else {
            throw Refusal(
                sv: "ange skälet (--reason): en rättelse är själv en daterad, signerad post",
                en: "give the reason (--reason): a correction is itself a dated, signed entry", field: "--reason")
        }
        return try TextRules.singleLine(reason, field: "--reason")
    }

    /// A warning for a date after today: recorded, since a date can be planned, but said. `what` names the date.
    public func futureDateWarning(_ date: LocalDate, what: Phrase) -> Phrase? {
        guard date > today else { return nil }
        return Phrase(
            sv: "\(what.sv) \(date) ligger i framtiden (i dag är det \(today)); registrerat som angivet",
            en: "\(what.en) \(date) is in the future (today is \(today)); recorded as given")
    }
}

extension Phrase {
    static let decisionDate = Phrase(sv: "beslutets datum", en: "the decision's date")
    static let stepDate = Phrase(sv: "beslutsstegets datum", en: "the step's date")
    static let paymentDate = Phrase(sv: "betalningens datum", en: "the payment's date")
}

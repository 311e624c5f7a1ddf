/// Why an operation is refused: what is wrong and what to do, and where the offending value stands in the input
/// (a command-line option such as `--party`, or an import file's path such as `decisions[2].steps[0].body`).
public struct Refusal: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var field: String?

    public init(_ message: String, field: String? = nil) {
        self.message = message
        self.field = field
    }

    public var description: String { field.map { "\($0): \(message)" } ?? message }
}

/// What the rules need to know of the register's parties and bodies.
public protocol PartiesAndBodies {
    func party(_ code: String) -> Party?
    func body(_ code: String) -> Body?
    /// What to say of a code the register does not know (`kind` "party" or "body"): the register says it one
    /// way everywhere, with the nearest known codes.
    func unknownMessage(_ kind: String, _ code: String) -> String
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
            throw Refusal("give the reason (--reason): a correction is itself a dated, signed entry", field: "--reason")
        }
        return try TextRules.singleLine(reason, field: "--reason")
    }

    /// A warning for a date after today: recorded, since a date can be planned, but said.
    public func futureDateWarning(_ date: LocalDate, what: String) -> String? {
        date > today ? "\(what) \(date) is in the future (today is \(today)); recorded as given" : nil
    }
}

import ArgumentParser
import DecregDomain

/// `--outcome` takes the codes and the Swedish words, as the tables show them: `adopted`, `antog`, `antaget`.
extension Outcome: ExpressibleByArgument {
    public init?(argument: String) {
        guard let outcome = Vocabulary.outcome(parsing: argument) else { return nil }
        self = outcome
    }
}

/// `--status` takes the codes and the words, English or Swedish: `partly-adopted`, `delvis antaget`.
extension DecisionStatus: ExpressibleByArgument {
    public init?(argument: String) {
        guard let status = Vocabulary.status(parsing: argument) else { return nil }
        self = status
    }
}

/// `--kind` of a party takes the codes and the words, English or Swedish: `municipality`, `kommun`.
extension PartyKind: ExpressibleByArgument {
    public init?(argument: String) {
        guard let kind = Vocabulary.partyKind(parsing: argument) else { return nil }
        self = kind
    }
}

/// `--kind` of a body takes the codes and the words, English or Swedish: `assembly`, `fullmäktige`.
extension BodyKind: ExpressibleByArgument {
    public init?(argument: String) {
        guard let kind = Vocabulary.bodyKind(parsing: argument) else { return nil }
        self = kind
    }
}

/// `--outcome` of an appeal takes the codes and the Swedish words: `annulled`, `upphävt`.
extension AppealOutcome: ExpressibleByArgument {
    public init?(argument: String) {
        guard let outcome = AppealOutcome(parsing: argument) else { return nil }
        self = outcome
    }
}

/// An appeal of a party's adoption of a decision to the administrative court (laglighetsprövning, Kommunallagen 13
/// kap.): lodged on a day, decided later as dismissed (avvisat), rejected (avslaget) or annulled (upphävt).
public struct Appeal: Hashable, Sendable {
    public var party: String
    public var lodged: LocalDate
    public var court: String?
    public var caseNumber: String?
    public var outcome: AppealOutcome?
    public var decided: LocalDate?

    public init(
        party: String, lodged: LocalDate, court: String? = nil, caseNumber: String? = nil,
        outcome: AppealOutcome? = nil, decided: LocalDate? = nil
    ) {
        self.party = party
        self.lodged = lodged
        self.court = court
        self.caseNumber = caseNumber
        self.outcome = outcome
        self.decided = decided
    }

    public var json: JSONValue {
        .object([
            ("party", .string(party)), ("lodged", .string(lodged.description)), ("court", .optional(court)),
            ("case_number", .optional(caseNumber)), ("outcome", .optional(outcome?.rawValue)),
            ("decided", .optional(decided?.description)),
        ])
    }
}

/// How the court decided an appeal.
public enum AppealOutcome: String, Sendable, CaseIterable {
    /// Avvisat: not tried (lodged late, by someone who may not appeal, …).
    case dismissed
    /// Avslaget: tried and refused; the adoption stands.
    case rejected
    /// Upphävt: the adoption is annulled.
    case annulled

    /// The outcome a word names: the code (`annulled`) or the Swedish word (`upphävt`).
    public init?(parsing text: String) {
        guard let outcome = Self.allCases.first(where: { $0.rawValue == text || $0.word(.sv) == text }) else {
            return nil
        }
        self = outcome
    }

    public func word(_ language: Language) -> String {
        switch (self, language) {
        case (.dismissed, .sv): "avvisat"
        case (.rejected, .sv): "avslaget"
        case (.annulled, .sv): "upphävt"
        case (_, .en): rawValue
        }
    }
}

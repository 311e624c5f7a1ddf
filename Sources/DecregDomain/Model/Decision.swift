/// A decision as the register holds it: the proposal text, the parties it binds, its money, its handling.
public struct Decision: Hashable, Sendable {
    /// The user's unique key: `FLEMINGSBERG-2007`.
    public var ref: String
    public var title: String
    public var date: LocalDate
    /// The parties the decision binds, in the order given.
    public var parties: [String]
    /// Case numbers (diarienummer) per party, in the order given.
    public var caseNumbers: [CaseNumber]
    /// The background text (ÄRENDET).
    public var summary: String?
    /// The clauses, in order: "att godkänna …".
    public var clauses: [String]
    public var funding: [FundingYear]
    public var steps: [HandlingStep]
    public var signatories: [Signatory]
    public var attachments: [Attachment]
    /// Why the decision was withdrawn, when it was entered in error; nil while it stands. Nothing is deleted.
    public var withdrawn: String?
    /// Appeals of the parties' adoptions, in the order lodged.
    public var appeals: [Appeal]

    public init(
        ref: String, title: String, date: LocalDate, parties: [String], caseNumbers: [CaseNumber] = [],
        summary: String? = nil, clauses: [String] = [], funding: [FundingYear] = [], steps: [HandlingStep] = [],
        signatories: [Signatory] = [], attachments: [Attachment] = [], withdrawn: String? = nil,
        appeals: [Appeal] = []
    ) {
        self.appeals = appeals
        self.ref = ref
        self.title = title
        self.date = date
        self.parties = parties
        self.caseNumbers = caseNumbers
        self.summary = summary
        self.clauses = clauses
        self.funding = funding
        self.steps = steps
        self.signatories = signatories
        self.attachments = attachments
        self.withdrawn = withdrawn
    }
}

/// A party's case number (diarienummer) for a decision.
public struct CaseNumber: Hashable, Sendable {
    public var party: String
    public var number: String

    public init(party: String, number: String) {
        self.party = party
        self.number = number
    }
}

/// Someone who signed the proposal: a director, a chair.
public struct Signatory: Hashable, Sendable {
    public var name: String
    public var title: String?
    public var party: String?
    /// Why the signatory was withdrawn, when entered in error; nil while it stands.
    public var withdrawn: String?

    public init(name: String, title: String? = nil, party: String? = nil, withdrawn: String? = nil) {
        self.name = name
        self.title = title
        self.party = party
        self.withdrawn = withdrawn
    }
}

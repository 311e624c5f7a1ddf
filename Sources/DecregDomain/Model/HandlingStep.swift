/// One step in a decision's handling: a body proposed, approved, adopted, … it on a date.
public struct HandlingStep: Hashable, Sendable {
    public var body: String
    public var date: LocalDate
    public var outcome: Outcome
    /// The minutes paragraph: `§ 87`.
    public var minutes: String?
    public var note: String?
    /// Amounts the body adopted, per year, in year order.
    public var amounts: [YearAmount]
    /// Why the step was withdrawn, when it was entered in error; nil while it stands. A withdrawn step stays in
    /// the record and counts for nothing: no status, no adopted amount.
    public var withdrawn: String?
    /// The day the minutes of the step were checked (justerade).
    public var justified: LocalDate?
    /// The day the checking was announced on the party's notice board (anslagstavlan): the appeal window runs
    /// three weeks from it.
    public var posted: LocalDate?

    public init(
        body: String, date: LocalDate, outcome: Outcome, minutes: String? = nil, note: String? = nil,
        amounts: [YearAmount] = [], withdrawn: String? = nil, justified: LocalDate? = nil, posted: LocalDate? = nil
    ) {
        self.justified = justified
        self.posted = posted
        self.body = body
        self.date = date
        self.outcome = outcome
        self.minutes = minutes
        self.note = note
        self.amounts = amounts
        self.withdrawn = withdrawn
    }
}

/// What a body did with a decision.
public enum Outcome: String, Sendable, CaseIterable {
    case proposed, approved, adopted, rejected, returned, amended
}

/// An amount for one year.
public struct YearAmount: Hashable, Sendable {
    public var year: Int
    public var amount: Money

    public init(year: Int, amount: Money) {
        self.year = year
        self.amount = amount
    }
}

/// A payment a party made towards its share of a decision's funding for a year.
public struct Payment: Hashable, Sendable {
    public var decision: String
    public var party: String
    public var year: Int
    public var date: LocalDate
    public var amount: Money
    public var reference: String?

    public init(decision: String, party: String, year: Int, date: LocalDate, amount: Money, reference: String? = nil) {
        self.decision = decision
        self.party = party
        self.year = year
        self.date = date
        self.amount = amount
        self.reference = reference
    }
}

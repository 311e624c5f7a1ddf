/// A payment a party made towards its share of a decision's funding for a year.
public struct Payment: Hashable, Sendable {
    public var decision: String
    public var party: String
    public var year: Int
    public var date: LocalDate
    public var amount: Money
    public var reference: String?
    /// Why the payment was withdrawn, when it was entered in error; nil while it stands.
    public var withdrawn: String?
    /// The register's number for the payment, once recorded: what `payment withdraw` names.
    public var number: Int64?

    public init(
        decision: String, party: String, year: Int, date: LocalDate, amount: Money, reference: String? = nil,
        withdrawn: String? = nil, number: Int64? = nil
    ) {
        self.decision = decision
        self.party = party
        self.year = year
        self.date = date
        self.amount = amount
        self.reference = reference
        self.withdrawn = withdrawn
        self.number = number
    }
}

extension Payment {
    /// What makes two payments the same payment: decision, party, year, date, amount and reference. A second
    /// payment the same as a standing one is refused unless asked for (`again`, a second instalment); an export
    /// marks such a payment so that importing it asks for it.
    public struct Sameness: Hashable, Sendable {
        let decision: String
        let party: String
        let year: Int
        let date: LocalDate
        let amount: Money
        let reference: String?
    }

    /// The payment's decision, party, year, date, amount and reference.
    public var sameness: Sameness {
        Sameness(decision: decision, party: party, year: year, date: date, amount: amount, reference: reference)
    }
}

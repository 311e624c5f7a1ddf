/// What a payment's rules look at of the decision it is paid towards: the parties the decision binds, the years it
/// funds with their shares, and the payments standing towards it. `facts(for:excluding:)` is the one place the
/// `PaymentFacts` are derived, whether the ledger was built from a decision in memory (an import keeps one for each
/// decision it adds, so that their payments are checked without reading back what it has just written) or read
/// from the register for one payment (its shares and payments then those of the payment's party and year).
public struct PaymentLedger: Sendable {
    /// One party's share of a funded year.
    struct Share: Sendable {
        var year: Int
        var party: String
        var amount: Money
    }

    /// The ref of the decision paid towards.
    public let decision: String
    /// The parties the decision binds.
    public let parties: [String]
    /// The years the decision funds, in order; withdrawn years are left out.
    public let fundedYears: [Int]
    /// The shares of those years, in one flat list: an import keeps a ledger for each decision it adds, so a
    /// ledger is kept small.
    let shares: [Share]
    /// The payments standing towards the decision; withdrawn payments are left out.
    public private(set) var payments: [Payment]

    public init(decision: String, parties: [String], funding: [FundingYear], payments: [Payment]) {
        self.decision = decision
        self.parties = parties
        let standing = funding.filter { $0.withdrawn == nil }
        fundedYears = standing.map(\.year)
        shares = standing.flatMap { year in year.shares.map { Share(year: year.year, party: $0.party, amount: $0.amount) } }
        self.payments = payments.filter { $0.withdrawn == nil }
    }

    /// The ledger of a decision with no payments yet: one just added.
    public init(newlyAdded decision: Decision) {
        self.init(decision: decision.ref, parties: decision.parties, funding: decision.funding, payments: [])
    }

    /// The facts for `payment`, leaving out the payment numbered `excluding` (the one corrected).
    public func facts(for payment: Payment, excluding: Int64? = nil) -> PaymentFacts {
        let share = shares.first { $0.year == payment.year && $0.party == payment.party }?.amount
        var paid: Int64 = 0
        var identical = false
        for recorded in payments
        where recorded.party == payment.party && recorded.year == payment.year
            && recorded.amount.currency == payment.amount.currency
            && (excluding == nil || recorded.number != excluding)
        {
            // Beyond what Int64 holds, the sum stays at its largest: past any share, as it is.
            let sum = paid.addingReportingOverflow(recorded.amount.minorUnits)
            paid = sum.overflow ? .max : sum.partialValue
            identical = identical || recorded.sameness == payment.sameness
        }
        return PaymentFacts(
            decision: decision, parties: parties, fundedYears: fundedYears, share: share,
            paid: Money(minorUnits: paid, currency: payment.amount.currency), identicalRecorded: identical)
    }

    /// Takes a payment just recorded into account; a withdrawn one counts for nothing.
    public mutating func record(_ payment: Payment) {
        if payment.withdrawn == nil { payments.append(payment) }
    }
}

/// What a payment's rules look at of the decision it is paid towards: the parties the decision binds, the years it
/// funds with their shares, and the payments standing towards it. `facts(for:excluding:)` is the one place the
/// `PaymentFacts` are derived, whether the ledger was built from a decision in memory (an import keeps one for each
/// decision it adds, so that their payments are checked without reading back what it has just written) or read
/// from the register for one payment (`funding` and `payments` then hold what bears on its party and year).
public struct PaymentLedger: Sendable {
    /// The ref of the decision paid towards.
    public let decision: String
    /// The parties the decision binds.
    public let parties: [String]
    /// The years the decision funds, in order, with their shares; withdrawn years are left out.
    public let funding: [FundingYear]
    /// The payments standing towards the decision; withdrawn payments are left out.
    public private(set) var payments: [Payment]

    public init(decision: String, parties: [String], funding: [FundingYear], payments: [Payment]) {
        self.decision = decision
        self.parties = parties
        self.funding = funding.filter { $0.withdrawn == nil }
        self.payments = payments.filter { $0.withdrawn == nil }
    }

    /// The ledger of a decision with no payments yet: one just added.
    public init(newlyAdded decision: Decision) {
        self.init(decision: decision.ref, parties: decision.parties, funding: decision.funding, payments: [])
    }

    /// The facts for `payment`, leaving out the payment numbered `excluding` (the one corrected).
    public func facts(for payment: Payment, excluding: Int64? = nil) -> PaymentFacts {
        let year = funding.first { $0.year == payment.year }
        let share = year.flatMap { year in year.shares.first { $0.party == payment.party }?.amount }
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
            identical = identical
                || (recorded.date == payment.date && recorded.amount == payment.amount
                    && recorded.reference == payment.reference)
        }
        return PaymentFacts(
            decision: decision, parties: parties, fundedYears: funding.map(\.year), share: share,
            paid: Money(minorUnits: paid, currency: payment.amount.currency), identicalRecorded: identical)
    }

    /// Takes a payment just recorded into account; a withdrawn one counts for nothing.
    public mutating func record(_ payment: Payment) {
        if payment.withdrawn == nil { payments.append(payment) }
    }
}

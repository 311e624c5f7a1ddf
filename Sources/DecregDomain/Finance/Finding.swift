/// What reconciliation found for a decision, a year and (usually) a party.
public struct Finding: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A year's shares do not sum to its total.
        case splitSum = "split-sum"
        /// A party's adopted amount differs from its share.
        case adoptedMismatch = "adopted-mismatch"
        /// A party has paid more than its share.
        case overpaid
        /// A share or a payment for a party the decision does not bind.
        case unknownParty = "unknown-party"
        /// A payment for a year the decision does not fund.
        case unfundedYear = "unfunded-year"
        /// A share no adoption has recorded yet.
        case notAdopted = "not-adopted"
        /// A share not fully paid.
        case outstanding
        /// A payment dated before its party's adoption became final (laga kraft): paid while it could be appealed.
        case paidBeforeFinal = "paid-before-final"

        /// Discrepancies make reconciliation fail; open items are the normal state of a decision in progress.
        public var isDiscrepancy: Bool { self != .notAdopted && self != .outstanding && self != .paidBeforeFinal }
    }

    public var decision: String
    public var year: Int
    public var party: String?
    public var kind: Kind
    /// For discrepancies: what the decision says, what was recorded, and actual − expected.
    public var expected: Money?
    public var actual: Money?
    /// For open items: the amount still open.
    public var amount: Money?

    public init(
        decision: String, year: Int, party: String?, kind: Kind, expected: Money? = nil, actual: Money? = nil,
        amount: Money? = nil
    ) {
        self.decision = decision
        self.year = year
        self.party = party
        self.kind = kind
        self.expected = expected
        self.actual = actual
        self.amount = amount
    }

    public var difference: Money? {
        guard let expected, let actual, expected.currency == actual.currency else { return nil }
        return Money(minorUnits: actual.minorUnits &- expected.minorUnits, currency: actual.currency)
    }

    /// The finding in the words a finance officer uses, in one line.
    public func sentence(_ language: Language) -> String {
        let who = party ?? (language == .sv ? "Beslutet" : "The decision")
        func money(_ value: Money?) -> String { value?.formatted(language) ?? "–" }
        // Amounts are never negative, so the difference of two of them cannot be Int64.min.
        let gap = difference.map { Money(minorUnits: abs($0.minorUnits), currency: $0.currency) }
        let more = (difference?.minorUnits ?? 0) > 0
        switch (kind, language) {
        case (.splitSum, .en):
            return "the shares for \(year) sum to \(money(actual)), the total is \(money(expected)) (\(more ? "over" : "short") by \(money(gap)))"
        case (.splitSum, .sv):
            return "andelarna för \(year) summerar till \(money(actual)), totalen är \(money(expected)) (\(more ? "över" : "under") med \(money(gap)))"
        case (.adoptedMismatch, .en):
            return "\(who) adopted \(money(actual)) for \(year); its share is \(money(expected)) (\(more ? "more" : "less") by \(money(gap)))"
        case (.adoptedMismatch, .sv):
            return "\(who) har beslutat \(money(actual)) för \(year); andelen är \(money(expected)) (\(more ? "mer" : "mindre") med \(money(gap)))"
        case (.overpaid, .en):
            return "\(who) has paid \(money(actual)) for \(year), more than its share of \(money(expected)) (by \(money(gap)))"
        case (.overpaid, .sv):
            return "\(who) har betalat \(money(actual)) för \(year), mer än andelen \(money(expected)) (med \(money(gap)))"
        case (.unknownParty, .en):
            return "\(who) has a share or payment for \(year) (\(money(actual))), but the decision does not bind \(who)"
        case (.unknownParty, .sv):
            return "\(who) har en andel eller betalning för \(year) (\(money(actual))), men beslutet binder inte \(who)"
        case (.unfundedYear, .en):
            return "\(who) has paid \(money(actual)) for \(year), a year the decision does not fund"
        case (.unfundedYear, .sv):
            return "\(who) har betalat \(money(actual)) för \(year), ett år som beslutet inte finansierar"
        case (.notAdopted, .en):
            return "\(who) has not yet adopted its share of \(money(amount)) for \(year)"
        case (.notAdopted, .sv):
            return "\(who) har ännu inte beslutat om sin andel på \(money(amount)) för \(year)"
        case (.outstanding, .en):
            return "\(who) has \(money(amount)) still to pay for \(year)"
        case (.outstanding, .sv):
            return "\(who) har \(money(amount)) kvar att betala för \(year)"
        case (.paidBeforeFinal, .en):
            return "\(who) paid \(money(amount)) for \(year) before its adoption became final (paid before the decision became final)"
        case (.paidBeforeFinal, .sv):
            return "\(who) betalade \(money(amount)) för \(year) innan dess beslut vunnit laga kraft"
        }
    }

    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("decision", .string(decision)), ("year", .int(Int64(year))), ("party", .optional(party)),
            ("kind", .string(kind.rawValue)),
        ]
        let currency = (expected ?? actual ?? amount)?.currency
        if let currency { members.append(("currency", .string(currency.code))) }
        if let expected { members.append(("expected", .string(expected.decimalString))) }
        if let actual { members.append(("actual", .string(actual.decimalString))) }
        if let difference { members.append(("difference", .string(difference.decimalString))) }
        if let amount { members.append(("amount", .string(amount.decimalString))) }
        return .object(members)
    }
}

/// A decision's money for one year: the total and how it is shared among the parties.
public struct FundingYear: Hashable, Sendable {
    public var year: Int
    public var total: Money
    /// Each party's share in the order given. With a `split`, each share keeps the part it was given as.
    public var shares: [FundingShare]
    /// Why the year's funding was withdrawn, when it was entered in error; nil while it stands. A withdrawn year
    /// stays in the record and commits nothing.
    public var withdrawn: String?

    public init(year: Int, total: Money, shares: [FundingShare], withdrawn: String? = nil) {
        self.year = year
        self.total = total
        self.shares = shares
        self.withdrawn = withdrawn
    }

    /// Funding given as amounts per party. The amounts need not sum to the total: the register records what was
    /// decided, and reconciliation reports a split that misses its total.
    public static func shares(year: Int, total: Money, _ amounts: [(party: String, amount: Money)]) -> FundingYear {
        FundingYear(year: year, total: total, shares: amounts.map { FundingShare(party: $0.party, amount: $0.amount) })
    }

    /// Funding given as parts of the total, turned into exact amounts by the largest remainder.
    public static func split(year: Int, total: Money, _ parts: [(party: String, part: SplitPart)]) throws(SplitError)
        -> FundingYear
    {
        let amounts = try Allocation.allocate(total, parts: parts.map(\.part))
        let shares = zip(parts, amounts).map { FundingShare(party: $0.party, amount: $1, part: $0.part) }
        return FundingYear(year: year, total: total, shares: shares)
    }

    /// Whether the shares were given as parts (`split`) rather than amounts (`shares`).
    public var isSplit: Bool { shares.contains { $0.part != nil } }
}

/// One party's share of a year's funding.
public struct FundingShare: Hashable, Sendable {
    public var party: String
    public var amount: Money
    /// The part as the decision gave it (`1/3`), when the funding is a split.
    public var part: SplitPart?

    public init(party: String, amount: Money, part: SplitPart? = nil) {
        self.party = party
        self.amount = amount
        self.part = part
    }
}

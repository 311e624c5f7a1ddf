/// A dimension `decreg totals` can group by.
public enum TotalsDimension: String, Sendable, CaseIterable {
    case party, year, decision, body, status
}

/// One line of `decreg totals`: the grouping keys, and what was committed, adopted and paid in one currency.
/// Amounts in different currencies are never added together.
public struct TotalsRow: Sendable, Equatable {
    /// The value of each grouping dimension, in the order asked for; `body` is the body whose adoption gave
    /// the adopted figure, nil where none has.
    public var keys: [(TotalsDimension, String?)]
    public var currency: Currency
    /// The parties' shares in the decisions' funding.
    public var committed: Money
    /// What each party's latest adopting step records for the year.
    public var adopted: Money
    /// The sum of the payments.
    public var paid: Money

    public init(keys: [(TotalsDimension, String?)], committed: Money, adopted: Money, paid: Money) {
        self.keys = keys
        self.currency = committed.currency
        self.committed = committed
        self.adopted = adopted
        self.paid = paid
    }

    public static func == (lhs: TotalsRow, rhs: TotalsRow) -> Bool {
        lhs.keys.map(\.0) == rhs.keys.map(\.0) && lhs.keys.map(\.1) == rhs.keys.map(\.1)
            && lhs.committed == rhs.committed && lhs.adopted == rhs.adopted && lhs.paid == rhs.paid
    }

    /// The grand total per currency of some rows.
    public static func grandTotals(_ rows: [TotalsRow]) -> [TotalsRow] {
        var sums: [Currency: (Int64, Int64, Int64)] = [:]
        for row in rows {
            let sum = sums[row.currency] ?? (0, 0, 0)
            sums[row.currency] = (
                sum.0 &+ row.committed.minorUnits, sum.1 &+ row.adopted.minorUnits, sum.2 &+ row.paid.minorUnits
            )
        }
        return sums.keys.sorted().map { currency in
            let sum = sums[currency]!
            return TotalsRow(
                keys: [], committed: Money(minorUnits: sum.0, currency: currency),
                adopted: Money(minorUnits: sum.1, currency: currency), paid: Money(minorUnits: sum.2, currency: currency))
        }
    }
}

/// An inclusive range of years: `2024`, or `2024..2026`.
public struct YearRange: Sendable, Equatable {
    public var from: Int
    public var to: Int

    public init(from: Int, to: Int) {
        self.from = from
        self.to = to
    }

    /// Reads `2024` or `2024..2026`.
    public init?(parsing text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: true)
        let dots = text.filter { $0 == "." }.count
        guard (parts.count == 1 && dots == 0) || (parts.count == 2 && dots == 2 && text.contains("..")),
            let from = Int(parts[0]), let to = Int(parts.last!), (1000...9999).contains(from), (1000...9999).contains(to),
            from <= to
        else { return nil }
        self.from = from
        self.to = to
    }
}

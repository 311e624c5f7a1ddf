/// Which decisions and figures a report covers: a year or a range of years (else all), and a party (else all).
public struct ReportScope: Sendable, Equatable {
    public var years: YearRange?
    public var party: String?

    public init(years: YearRange? = nil, party: String? = nil) {
        self.years = years
        self.party = party
    }
}

/// Everything a period report shows, read from the register in one state: the decisions in scope with their
/// figures, totals per party and year, and reconciliation findings, as `totals` and `reconcile` compute them.
public struct PeriodReport: Sendable {
    public var scope: ReportScope
    /// The decisions dated or funded in scope (binding the party, when one is given), oldest first.
    public var decisions: [ReportedDecision]
    /// Committed, adopted and paid per party, year and currency, as `totals --by party,year`.
    public var totals: [TotalsRow]
    /// What `reconcile` finds in scope.
    public var findings: [Finding]
    /// The register's parties, for their names.
    public var parties: [Party]
    public var auditHead: AuditStamp?

    public init(
        scope: ReportScope, decisions: [ReportedDecision], totals: [TotalsRow], findings: [Finding],
        parties: [Party], auditHead: AuditStamp?
    ) {
        self.scope = scope
        self.decisions = decisions
        self.totals = totals
        self.findings = findings
        self.parties = parties
        self.auditHead = auditHead
    }
}

/// One decision of a report, with its figures in scope.
public struct ReportedDecision: Sendable, Equatable {
    public var ref: String
    public var title: String
    public var date: LocalDate
    public var status: DecisionStatus
    /// Committed, adopted and paid in scope, one row per currency; none when it funds nothing in scope.
    public var figures: [TotalsRow]
    /// The day the decision became final (every party's adoption), when it has.
    public var final: LocalDate?

    public init(
        ref: String, title: String, date: LocalDate, status: DecisionStatus, figures: [TotalsRow], final: LocalDate? = nil
    ) {
        self.final = final
        self.ref = ref
        self.title = title
        self.date = date
        self.status = status
        self.figures = figures
    }
}

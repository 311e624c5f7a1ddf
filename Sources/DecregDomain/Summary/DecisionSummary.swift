/// Everything a decision summary shows, read from the register in one state: the decision, its figures and
/// reconciliation findings as `totals` and `reconcile` compute them, the names of its parties and bodies, and the
/// audit head of that state.
public struct DecisionSummary: Sendable {
    public var decision: Decision
    public var status: DecisionStatus
    /// Committed, adopted and paid per party, year and currency, as `totals --by party,year --decision REF`.
    public var figures: [TotalsRow]
    /// What `reconcile REF` finds.
    public var findings: [Finding]
    /// The register's parties and bodies, for their names; codes stand in for any missing.
    public var parties: [Party]
    public var bodies: [Body]
    public var auditHead: AuditStamp?
    /// The proof that the decision's latest entry is in the log, against the newest published checkpoint that
    /// includes it; nil while none does.
    public var proof: TlogProof?
    /// When each party's adoption becomes final, on the day the summary was read.
    public var finality: [PartyFinality]

    public init(
        decision: Decision, status: DecisionStatus, figures: [TotalsRow], findings: [Finding], parties: [Party],
        bodies: [Body], auditHead: AuditStamp?, proof: TlogProof? = nil, finality: [PartyFinality] = []
    ) {
        self.proof = proof
        self.finality = finality
        self.decision = decision
        self.status = status
        self.figures = figures
        self.findings = findings
        self.parties = parties
        self.bodies = bodies
        self.auditHead = auditHead
    }

    /// One party's line in a year's funding table.
    struct FundingLine {
        var party: String
        /// Nil for a party with payments but no share.
        var share: Money?
        /// Nil while the party has not adopted its share (or the decision is withdrawn and has no figures).
        var adopted: [Money]?
        var paid: [Money]?
    }

    /// The lines of a year's funding table: each share in the order decided, then any party with figures but
    /// no share.
    func fundingLines(_ year: FundingYear) -> [FundingLine] {
        let rows = figures.filter { $0.key(.year) == String(year.year) }
        let notAdopted = Set(findings.filter { $0.year == year.year && $0.kind == .notAdopted }.compactMap(\.party))
        func line(_ party: String, share: Money?) -> FundingLine {
            let own = rows.filter { $0.key(.party) == party }
            guard !own.isEmpty else { return FundingLine(party: party, share: share) }
            return FundingLine(
                party: party, share: share, adopted: notAdopted.contains(party) ? nil : own.map(\.adopted),
                paid: own.map(\.paid))
        }
        let shared = Set(year.shares.map(\.party))
        var others: [String] = []
        for row in rows {
            if let party = row.key(.party), !shared.contains(party), !others.contains(party) { others.append(party) }
        }
        return year.shares.map { line($0.party, share: $0.amount) } + others.map { line($0, share: nil) }
    }

    /// The bodies the proposal is addressed to: those that have handled it and belong to one party it binds,
    /// in the order they first did. Joint bodies prepare a joint decision; each party's own bodies take it.
    var addressees: [String] {
        let owners = Dictionary(bodies.map { ($0.code, $0.parties) }, uniquingKeysWith: { first, _ in first })
        var codes: [String] = []
        for step in decision.steps where step.withdrawn == nil && !codes.contains(step.body) {
            guard let parties = owners[step.body], parties.count == 1, decision.parties.contains(parties[0]) else {
                continue
            }
            codes.append(step.body)
        }
        return codes
    }
}

extension TotalsRow {
    /// The value of one grouping dimension of the row.
    func key(_ dimension: TotalsDimension) -> String? {
        keys.first { $0.0 == dimension }?.1
    }
}

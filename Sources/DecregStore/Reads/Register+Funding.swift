import DecregDomain
import GRDB

/// Which figures `totals` and `reconcile` look at.
public struct FundingFilter: Sendable {
    public var party: String?
    public var years: YearRange?
    public var decision: String?
    public var status: DecisionStatus?

    public init(party: String? = nil, years: YearRange? = nil, decision: String? = nil, status: DecisionStatus? = nil) {
        self.party = party
        self.years = years
        self.decision = decision
        self.status = status
    }
}

extension Register {
    /// Committed, adopted and paid, summed per the grouping dimensions and currency, in the order of the
    /// dimensions.
    public func totals(by dimensions: [TotalsDimension], filter: FundingFilter = .init()) throws -> [TotalsRow] {
        try read { db in
            let (decisionID, partyID) = try checkReferences(db, filter)
            return try FundingSums(
                dimensions: dimensions, decision: decisionID, party: partyID, years: filter.years, status: filter.status
            ).rows(db)
        }
    }

    /// Discrepancies and open items, for one decision or the whole register, in decision, year, party order.
    public func reconcile(_ filter: FundingFilter = .init()) throws -> [Finding] {
        var findings: [Finding] = []
        try reconcile(filter) { findings.append($0) }
        return findings
    }

    /// Hands over the findings one at a time, in decision, year, party order, holding none of them: a whole
    /// register has millions of open items. `discrepanciesFirst`: every discrepancy before every open item, both in
    /// that order. All are read in one transaction.
    public func reconcile(
        _ filter: FundingFilter, discrepanciesFirst: Bool = false, each visit: (Finding) throws -> Void
    ) throws {
        try read { db in
            let decisionID = try checkReferences(db, filter).decision
            let (whereClause, arguments) = conditions(filter)
            let openKinds = Finding.Kind.allCases.filter { !$0.isDiscrepancy }.map { "'\($0.rawValue)'" }
            let groups = discrepanciesFirst ? "fig.kind IN (\(openKinds.joined(separator: ", "))), " : ""
            // Each SELECT finds one kind; `bound` and `funded` say whether the decision binds the party and funds
            // the year.
            let sql = """
                WITH \(FundingFigures.figures(decision: decisionID)),
                marked AS (
                    SELECT fig.*,
                           EXISTS (SELECT 1 FROM decision_party dp
                                   WHERE dp.decision_id = fig.decision_id AND dp.party_id = fig.party_id) AS bound,
                           EXISTS (SELECT 1 FROM funding f
                                   WHERE f.decision_id = fig.decision_id AND f.year = fig.year
                                         AND f.withdrawn_reason IS NULL) AS funded
                    FROM figures fig
                ),
                findings AS (
                    SELECT f.decision_id, f.year, CAST(NULL AS BIGINT) AS party_id, 'split-sum' AS kind, f.currency,
                           f.total_minor AS expected, coalesce(sum(fs.amount_minor), 0) AS actual,
                           CAST(NULL AS BIGINT) AS amount
                    FROM funding f LEFT JOIN funding_share fs ON fs.funding_id = f.id
                    WHERE f.withdrawn_reason IS NULL \(decisionID.map { "AND f.decision_id = \($0)" } ?? "")
                    GROUP BY f.id HAVING coalesce(sum(fs.amount_minor), 0) <> f.total_minor
                    UNION ALL
                    SELECT decision_id, year, party_id, 'unknown-party', currency, NULL,
                           CASE WHEN has_share = 1 THEN committed ELSE paid END, NULL
                    FROM marked WHERE NOT bound AND (has_share = 1 OR paid > 0)
                    UNION ALL
                    SELECT decision_id, year, party_id, 'unfunded-year', currency, NULL, paid, NULL
                    FROM marked WHERE bound AND NOT funded AND paid > 0
                    UNION ALL
                    SELECT decision_id, year, party_id, 'adopted-mismatch', currency, committed, adopted, NULL
                    FROM marked WHERE bound AND has_adoption = 1 AND adopted <> committed
                    UNION ALL
                    SELECT decision_id, year, party_id, 'overpaid', currency, committed, paid, NULL
                    FROM marked WHERE bound AND funded AND paid > committed
                    UNION ALL
                    SELECT decision_id, year, party_id, 'not-adopted', currency, NULL, NULL, committed
                    FROM marked WHERE bound AND has_share = 1 AND committed > 0 AND NOT has_adoption = 1
                    UNION ALL
                    SELECT decision_id, year, party_id, 'outstanding', currency, NULL, NULL, committed - paid
                    FROM marked WHERE bound AND has_share = 1 AND paid < committed
                )
                SELECT d.ref, fig.year, p.code, fig.kind, fig.currency, fig.expected, fig.actual, fig.amount, d.date
                FROM findings fig
                JOIN decision d ON d.id = fig.decision_id
                LEFT JOIN party p ON p.id = fig.party_id
                \(whereClause)
                ORDER BY \(groups)d.date, d.ref, fig.year,
                         CASE fig.kind WHEN 'split-sum' THEN 0 WHEN 'not-adopted' THEN 2 WHEN 'outstanding' THEN 3 ELSE 1 END,
                         (SELECT dp.position FROM decision_party dp WHERE dp.decision_id = fig.decision_id
                                                                     AND dp.party_id = fig.party_id),
                         p.code
                """
            // Payments made before their party's adoption became final come from the calendar, not SQL: merged in
            // where they sort, after a decision's year's other open items.
            let early = try paidBeforeFinal(db, filter, decision: decisionID, discrepanciesFirst: discrepanciesFirst)
            var next = 0
            func emit(before key: FindingKey?) throws {
                while next < early.count, key.map({ early[next].key < $0 }) ?? true {
                    try visit(early[next].finding)
                    next += 1
                }
            }
            let rows = try SQLRow.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                let currency = try DecisionLoader.money(0, row[4]).currency
                func money(_ index: Int) -> Money? {
                    (row[index] as Int64?).map { Money(minorUnits: $0, currency: currency) }
                }
                let finding = Finding(
                    decision: row[0], year: row[1], party: row[2], kind: Finding.Kind(rawValue: row[3]) ?? .splitSum,
                    expected: money(5), actual: money(6), amount: money(7))
                let group = discrepanciesFirst && !finding.kind.isDiscrepancy ? 1 : 0
                let rank = finding.kind == .splitSum ? 0 : finding.kind == .notAdopted ? 2 : finding.kind == .outstanding ? 3 : 1
                try emit(before: FindingKey(group: group, date: row[8], ref: finding.decision, year: finding.year, rank: rank, position: 0))
                try visit(finding)
            }
            try emit(before: nil)
        }
    }

    /// Where a finding sorts: discrepancies first when asked (group), then decision date and ref, year, kind, party.
    struct FindingKey: Comparable {
        var group: Int
        var date: String
        var ref: String
        var year: Int
        var rank: Int
        var position: Int

        static func < (a: FindingKey, b: FindingKey) -> Bool {
            (a.group, a.date, a.ref, a.year, a.rank, a.position) < (b.group, b.date, b.ref, b.year, b.rank, b.position)
        }
    }

    /// Standing payments dated before their party's adoption became final (still appealable, or final later than the
    /// payment), of the decisions whose adopting steps were posted, as `reconcile`'s open items, in their order.
    private func paidBeforeFinal(
        _ db: Session, _ filter: FundingFilter, decision: Int64?, discrepanciesFirst: Bool
    ) throws -> [(key: FindingKey, finding: Finding)] {
        let refs = try String.fetchAll(
            db,
            sql: """
                SELECT DISTINCT d.ref FROM step s JOIN decision d ON d.id = s.decision_id
                WHERE s.posted IS NOT NULL AND s.withdrawn_reason IS NULL AND d.withdrawn_reason IS NULL
                \(decision.map { "AND d.id = \($0)" } ?? "")
                """)
        guard !refs.isEmpty else { return [] }
        let catalog = try Catalog(db)
        let today = LocalDate.today()
        var found: [(key: FindingKey, finding: Finding)] = []
        for ref in refs {
            guard let (_, stored) = try DecisionLoader.load(db, ref: ref) else { continue }
            if let status = filter.status, stored.status != status { continue }
            let decision = stored.decision
            let finality = decision.finality(bodyParties: { catalog.bodies[$0]?.body.parties ?? [] }, today: today)
            for payment in stored.payments where payment.withdrawn == nil {
                if let party = filter.party, payment.party != party { continue }
                if let years = filter.years, !(years.from...years.to).contains(payment.year) { continue }
                guard let party = finality.first(where: { $0.party == payment.party }), let final = party.final,
                    payment.date < final
                else { continue }
                let key = FindingKey(
                    group: discrepanciesFirst ? 1 : 0, date: decision.date.description, ref: ref, year: payment.year,
                    rank: 4, position: decision.parties.firstIndex(of: payment.party) ?? Int.max)
                found.append(
                    (key, Finding(decision: ref, year: payment.year, party: payment.party, kind: .paidBeforeFinal, amount: payment.amount)))
            }
        }
        return found.sorted { $0.key < $1.key }
    }

    /// Refuses a filter naming a party or decision the register does not hold, rather than finding nothing;
    /// returns the ids of the decision and party the filter names.
    func checkReferences(_ db: Session, _ filter: FundingFilter) throws -> (decision: Int64?, party: Int64?) {
        var partyID: Int64?
        if let party = filter.party {
            partyID = try Int64.fetchOne(db, sql: "SELECT id FROM party WHERE code = ?", arguments: [party])
            if partyID == nil { throw try RegisterError.unknown("party", party, field: "--party", in: db) }
        }
        guard let decision = filter.decision else { return (nil, partyID) }
        guard let id = try DecisionLoader.id(db, ref: decision) else {
            throw try RegisterError.unknown("decision", decision, field: nil, in: db)
        }
        return (id, partyID)
    }

    /// The WHERE clause of a filter over `fig` (figures or findings), `d` (decision) and `p` (party); withdrawn
    /// decisions are always left out.
    func conditions(_ filter: FundingFilter) -> (String, SQLArguments) {
        var clauses = ["d.withdrawn_reason IS NULL"]
        var arguments = SQLArguments()
        if let party = filter.party {
            clauses.append("p.code = ?")
            _ = arguments.append(contentsOf: [party])
        }
        if let years = filter.years {
            clauses.append("fig.year BETWEEN ? AND ?")
            _ = arguments.append(contentsOf: [years.from, years.to])
        }
        if let decision = filter.decision {
            clauses.append("d.ref = ?")
            _ = arguments.append(contentsOf: [decision])
        }
        if let status = filter.status {
            clauses.append("d.status = ?")
            _ = arguments.append(contentsOf: [status.rawValue])
        }
        return ("WHERE " + clauses.joined(separator: " AND "), arguments)
    }
}

extension Register {
    /// The payments the filter selects, withdrawn ones included (they say so), in the order recorded, each with
    /// its number. Payments towards withdrawn decisions are listed too: a payment list is the ledger as entered.
    public func payments(_ filter: FundingFilter) throws -> [Payment] {
        try read { db in
            _ = try checkReferences(db, filter)
            var clauses: [String] = []
            var arguments = SQLArguments()
            if let party = filter.party {
                clauses.append("p.code = ?")
                _ = arguments.append(contentsOf: [party])
            }
            if let years = filter.years {
                clauses.append("pay.year BETWEEN ? AND ?")
                _ = arguments.append(contentsOf: [years.from, years.to])
            }
            if let decision = filter.decision {
                clauses.append("d.ref = ?")
                _ = arguments.append(contentsOf: [decision])
            }
            return try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT d.ref, p.code, pay.year, pay.date, pay.amount_minor, pay.currency, pay.reference,
                           pay.withdrawn_reason, pay.id
                    FROM payment pay JOIN decision d ON d.id = pay.decision_id JOIN party p ON p.id = pay.party_id
                    \(clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "))
                    ORDER BY pay.id
                    """, arguments: arguments
            ).map { row in
                Payment(
                    decision: row[0], party: row[1], year: row[2], date: try DecisionLoader.date(row[3]),
                    amount: try DecisionLoader.money(row[4], row[5]), reference: row[6], withdrawn: row[7],
                    number: row[8])
            }
        }
    }
}

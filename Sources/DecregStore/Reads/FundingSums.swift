import DecregDomain
import GRDB

/// `totals` by party, year, decision, status and body: the figures of `FundingFigures`, summed per group in one
/// pass over the shares, adopting steps and payments.
///
/// SQLite has no hash aggregate: a GROUP BY sorts every row it groups, and sorting each share, adoption and
/// payment of the register was most of the time `totals` took. Here SQLite only filters and joins, in scans that
/// need no sort, and the groups (a few hundred by party and year) are summed in a dictionary. Keys are ids, not
/// texts, and labels are ordered by their bytes, as SQLite's BINARY collation orders them.
///
/// By body, a figure (a decision, party, year and currency) goes to the body whose adoption gave its adopted amount,
/// as `FundingFigures` says: the party's latest adopting step for the year, when it is in the figure's currency;
/// to no body otherwise. The adopting steps are then read first, so that each share and payment meets its body.
struct FundingSums {
    let dimensions: [TotalsDimension]
    let decision: Int64?
    let party: Int64?
    let years: YearRange?
    let status: DecisionStatus?

    /// One group: the decision (or, by status alone, the status), party, year and adopting body it stands for, each
    /// 0 when not grouped by (and the body 0 for none), and the currency.
    private struct Group: Hashable {
        var decision: Int64
        var party: Int64
        var year: Int64
        var body: Int64
        var currency: String
    }

    private struct Figures {
        var committed: Int64 = 0
        var adopted: Int64 = 0
        var paid: Int64 = 0
    }

    /// A party's adoption for a decision and year, while looking for its latest.
    private struct AdoptionKey: Hashable {
        var decision: Int64
        var party: Int64
        var year: Int64
    }

    private struct Adoption {
        var date: String
        var position: Int64
        var currency: String
        var amount: Int64
        var body: Int64

        /// A party's latest adopting step is the last by date, then by the order recorded.
        func isLater(than other: Adoption) -> Bool {
            date.utf8.elementsEqual(other.date.utf8)
                ? position > other.position : other.date.utf8.lexicographicallyPrecedes(date.utf8)
        }
    }

    func rows(_ db: Session) throws -> [TotalsRow] {
        let byDecision = dimensions.contains(.decision)
        let byStatus = dimensions.contains(.status)
        let byParty = dimensions.contains(.party)
        let byYear = dimensions.contains(.year)
        let byBody = dimensions.contains(.body)
        var decisions: [Int64: (ref: String, status: String)] = [:]
        // By status alone, a decision's figures go to its status's group: statuses are numbered as first met.
        var statusNumbers: [Int64: Int64] = [:]
        var statuses: [String] = []
        if byDecision || byStatus {
            let rows = try SQLRow.fetchCursor(db, sql: "SELECT id, ref, status FROM decision WHERE withdrawn_reason IS NULL")
            while let row = try rows.next() {
                let id: Int64 = row[0]
                let status: String = row[2]
                decisions[id] = (row[1], status)
                if byStatus && !byDecision {
                    let number = statuses.firstIndex(of: status) ?? statuses.count
                    if number == statuses.count { statuses.append(status) }
                    statusNumbers[id] = Int64(number)
                }
            }
        }
        var sums: [Group: Figures] = [:]
        var latest: [AdoptionKey: Adoption] = [:]
        func group(_ decision: Int64, _ party: Int64, _ year: Int64, _ currency: String, body: Int64? = nil) -> Group {
            var adoptingBody: Int64 = 0
            if byBody {
                adoptingBody = body ?? latest[AdoptionKey(decision: decision, party: party, year: year)]
                    .flatMap { $0.currency == currency ? $0.body : nil } ?? 0
            }
            return Group(
                decision: byDecision ? decision : byStatus ? statusNumbers[decision] ?? -1 : 0,
                party: byParty ? party : 0, year: byYear ? year : 0, body: adoptingBody, currency: currency)
        }
        // By body, every adopting step is read before any share or payment.
        for kinds in byBody ? [[1], [0, 2]] : [[0, 1, 2]] {
            // The whole register's shares, adoptions and payments: read where the engine keeps them (`RawCursor`).
            var rows = try RawCursor(db, sources(kinds: kinds, db))
            while rows.hasRow {
                let decision = rows.int(1)
                let party = rows.int(2)
                let year = rows.int(3)
                let currency = rows.string(4)
                let amount = rows.int(5)
                switch rows.int(0) {
                case 0:
                    try Self.add(amount, to: &sums[group(decision, party, year, currency), default: Figures()].committed)
                case 1:
                    let adoption = Adoption(
                        date: rows.string(6), position: rows.int(7), currency: currency, amount: amount,
                        body: rows.int(8))
                    let key = AdoptionKey(decision: decision, party: party, year: year)
                    if latest[key].map({ adoption.isLater(than: $0) }) ?? true { latest[key] = adoption }
                default:
                    try Self.add(amount, to: &sums[group(decision, party, year, currency), default: Figures()].paid)
                }
                try rows.step()
            }
        }
        for (key, adoption) in latest {
            let group = group(key.decision, key.party, key.year, adoption.currency, body: adoption.body)
            try Self.add(adoption.amount, to: &sums[group, default: Figures()].adopted)
        }

        var parties: [Int64: String] = [:]
        if byParty {
            for row in try SQLRow.fetchAll(db, sql: "SELECT id, code FROM party") { parties[row[0]] = row[1] }
        }
        var bodies: [Int64: String] = [:]
        if byBody {
            for row in try SQLRow.fetchAll(db, sql: "SELECT id, code FROM body") { bodies[row[0]] = row[1] }
        }
        // Figures of a party or decision the register does not hold are left out, as a join would leave them; a
        // figure no body adopted is labelled nil, by body.
        func labels(_ group: Group) -> [String?]? {
            var labels: [String?] = []
            for dimension in dimensions {
                let label: String?
                switch dimension {
                case .party: label = parties[group.party]
                case .year: label = String(group.year)
                case .decision: label = decisions[group.decision]?.ref
                case .status:
                    label = byDecision
                        ? decisions[group.decision]?.status
                        : statuses.indices.contains(Int(group.decision)) ? statuses[Int(group.decision)] : nil
                case .body:
                    labels.append(bodies[group.body])
                    continue
                }
                guard let label else { return nil }
                labels.append(label)
            }
            return labels
        }
        var labelled: [(labels: [String?], year: Int64, currency: String, figures: Figures)] = []
        labelled.reserveCapacity(sums.count)
        for (group, figures) in sums {
            if let labels = labels(group) { labelled.append((labels, group.year, group.currency, figures)) }
        }
        labelled.sort { a, b in
            for (index, dimension) in dimensions.enumerated() {
                if dimension == .year {
                    if a.year != b.year { return a.year < b.year }
                    continue
                }
                // No body first, as SQLite orders NULL first.
                switch (a.labels[index], b.labels[index]) {
                case (nil, nil): continue
                case (nil, _): return true
                case (_, nil): return false
                case let (x?, y?):
                    if !x.utf8.elementsEqual(y.utf8) { return x.utf8.lexicographicallyPrecedes(y.utf8) }
                }
            }
            return a.currency.utf8.lexicographicallyPrecedes(b.currency.utf8)
        }
        return try labelled.map { row in
            let currency = try DecisionLoader.money(0, row.currency).currency
            return TotalsRow(
                keys: zip(dimensions, row.labels).map { ($0, $1) },
                committed: Money(minorUnits: row.figures.committed, currency: currency),
                adopted: Money(minorUnits: row.figures.adopted, currency: currency),
                paid: Money(minorUnits: row.figures.paid, currency: currency))
        }
    }

    /// Adds as SQLite's sum() does: an overflow is an error, never a wrapped figure.
    private static func add(_ amount: Int64, to sum: inout Int64) throws {
        let (result, overflow) = sum.addingReportingOverflow(amount)
        if overflow { throw RegisterError.invalid(
                Phrase(
                    sv: "summorna överstiger det största belopp decreg kan hålla",
                    en: "the totals exceed the largest amount decreg can hold"), field: nil) }
        sum = result
    }

    /// The rows to sum of the `kinds` asked for, `kind` 0 for a share, 1 for an adopting step's amount (with the
    /// step's date, position and body), 2 for a payment: `kind, decision_id, party_id, year, currency, amount_minor,
    /// date, position, body_id`.
    ///
    /// Over the whole register each table is read in its own order (shares funding by funding, step amounts step
    /// by step), without an index lookup per row; a filter on a decision or party lets SQLite start from its index.
    private func sources(kinds: [Int], _ db: Session) -> SQLFragment {
        let whole = decision == nil && party == nil
        // SQLite takes CROSS JOIN's left table first, and a JOIN without a constraint as any inner join;
        // PostgreSQL has no constraint-less JOIN, and orders a CROSS JOIN as it sees fit.
        let ordered = whole || db.engine == .postgresql
        let join: SQLFragment = ordered ? "CROSS JOIN" : "JOIN"
        // One decision's withdrawal is looked up by its id, without reading every decision.
        let withdrawn: SQLFragment = decision.map { "AND id = \($0)" } ?? ""
        var selects: [SQLFragment] = []
        if kinds.contains(0) {
            selects.append("""
                SELECT 0, f.decision_id, fs.party_id, f.year, f.currency, fs.amount_minor, NULL, NULL, NULL
                FROM funding f \(join) funding_share fs
                WHERE fs.funding_id = f.id AND f.withdrawn_reason IS NULL AND \(conditions(decision: "f.decision_id", party: "fs.party_id", year: "f.year"))
                """)
        }
        if kinds.contains(1) {
            selects.append("""
                SELECT 1, s.decision_id, ob.party_id, sa.year, sa.currency, sa.amount_minor, s.date, s.position, s.body_id
                FROM \(sql: whole ? "step_amount sa CROSS JOIN step s" : "step s \(join.text) step_amount sa")
                JOIN own_body ob ON ob.body_id = s.body_id
                WHERE s.id = sa.step_id AND s.outcome = 'adopted' AND s.withdrawn_reason IS NULL AND \(conditions(decision: "s.decision_id", party: "ob.party_id", year: "sa.year"))
                      AND NOT EXISTS (SELECT 1 FROM appeal a WHERE a.decision_id = s.decision_id
                                      AND a.party_id = ob.party_id AND a.outcome = 'annulled')
                """)
        }
        if kinds.contains(2) {
            selects.append("""
                SELECT 2, decision_id, party_id, year, currency, amount_minor, NULL, NULL, NULL FROM payment
                WHERE withdrawn_reason IS NULL AND \(conditions(decision: "decision_id", party: "party_id", year: "year"))
                """)
        }
        return """
            WITH withdrawn AS (SELECT id FROM decision WHERE withdrawn_reason IS NOT NULL \(withdrawn)),
            \(sql: FundingFigures.ownBody)
            \(selects.joined(separator: " UNION ALL "))
            """
    }

    /// The filter on one source's columns; withdrawn decisions are always left out.
    private func conditions(decision decisionColumn: String, party partyColumn: String, year yearColumn: String) -> SQLFragment {
        var sql: SQLFragment = "\(sql: decisionColumn) NOT IN (SELECT id FROM withdrawn)"
        if let decision { sql += " AND \(sql: decisionColumn) = \(decision)" }
        if let party { sql += " AND \(sql: partyColumn) = \(party)" }
        if let years { sql += " AND \(sql: yearColumn) BETWEEN \(years.from) AND \(years.to)" }
        if let status {
            sql += " AND \(sql: decisionColumn) IN (SELECT id FROM decision WHERE status = \(status.rawValue))"
        }
        return sql
    }
}

import DecregDomain
import GRDB

/// Writes payment rows, through an insert prepared once per write, after `PaymentRules` has looked at the few
/// facts of its decision that bear on it.
struct PaymentRows {
    private let db: Session
    private let paymentRow: RawInsert

    init(_ db: Session) throws {
        self.db = db
        paymentRow = try RawInsert(
            db,
            """
            INSERT INTO payment (decision_id, party_id, year, date, amount_minor, currency, reference,
                                 withdrawn_reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, returnsID: true)
    }

    /// Checks the payment against its decision's `ledger` and inserts it, returning its number and the warnings;
    /// `field` names a field of the payment where it stands in its input. The caller records the payment in its
    /// ledger, if it keeps it.
    func insert(
        _ payment: Payment, decisionID: Int64, ledger: PaymentLedger, again: Bool, catalog: Catalog,
        circumstances: ChangeCircumstances, field: (String) -> String
    ) throws -> (number: Int64, warnings: [Phrase]) {
        let partyID = try catalog.partyID(payment.party, field: field("party"))
        let warnings = try RegisterError.checking { () throws(Refusal) in
            try PaymentRules.check(
                payment, facts: ledger.facts(for: payment), again: again, circumstances: circumstances, field: field)
        }
        let number = try paymentRow.run { row in
            row.int(decisionID)
            row.int(partyID)
            row.int(payment.year)
            row.text(payment.date.description)
            row.int(payment.amount.minorUnits)
            row.text(payment.amount.currency.code)
            row.text(payment.reference)
            row.text(payment.withdrawn)
        }
        return (number, warnings)
    }

    /// Payment `number` and its decision's id; refused when there is none, or it was withdrawn.
    static func standing(_ db: Session, number: Int64) throws -> (decisionID: Int64, payment: Payment) {
        guard let row = try SQLRow.fetchOne(
            db,
            sql: """
                SELECT pay.decision_id, d.ref, p.code, pay.year, pay.date, pay.amount_minor, pay.currency,
                       pay.reference, pay.withdrawn_reason
                FROM payment pay JOIN decision d ON d.id = pay.decision_id JOIN party p ON p.id = pay.party_id
                WHERE pay.id = ?
                """, arguments: [number])
        else {
            throw RegisterError.invalid(
                Phrase(
                    sv: "det finns ingen betalning \(number): decreg payment list visar betalningarna och deras nummer",
                    en: "there is no payment \(number): decreg payment list shows the payments and their numbers"),
                field: nil)
        }
        let payment = Payment(
            decision: row[1], party: row[2], year: row[3], date: try DecisionLoader.date(row[4]),
            amount: try DecisionLoader.money(row[5], row[6]), reference: row[7], withdrawn: row[8], number: number)
        if let earlier = payment.withdrawn {
            throw RegisterError.invalid(
                Phrase(
                    sv: "betalning \(number) är redan makulerad: \(earlier)",
                    en: "payment \(number) was withdrawn already: \(earlier)"), field: nil)
        }
        return (row[0], payment)
    }

    /// What the payment rules look at of decision `decisionID` (ref `decision`): the parties it binds, its standing
    /// funding years with their shares, and its standing payments (`ledgers`).
    static func ledger(_ db: Session, decision: String, decisionID: Int64) throws -> PaymentLedger {
        try ledgers(db, ids: decisionID...decisionID)[decision]
            ?? PaymentLedger(decision: decision, parties: [], funding: [], payments: [])
    }

    /// What the payment rules look at of each decision whose id is in `ids`, by ref: read with four indexed range
    /// reads however many decisions, so that an import paying towards decision after decision reads their ledgers
    /// a run at a time (on PostgreSQL each read is a round trip). Read whole, so that an import checks every
    /// payment to one decision against one ledger, kept up to date as it records them.
    static func ledgers(_ db: Session, ids: ClosedRange<Int64>) throws -> [String: PaymentLedger] {
        let bounds: SQLArguments = [ids.lowerBound, ids.upperBound]
        var refs: [Int64: String] = [:]
        for row in try SQLRow.fetchAll(
            db.cachedStatement(sql: "SELECT id, ref FROM decision WHERE id BETWEEN ? AND ?"), arguments: bounds)
        {
            refs[row[0]] = row[1]
        }
        var parties: [Int64: [String]] = [:]
        for row in try SQLRow.fetchAll(
            db.cachedStatement(sql: """
                SELECT dp.decision_id, p.code FROM decision_party dp JOIN party p ON p.id = dp.party_id
                WHERE dp.decision_id BETWEEN ? AND ? ORDER BY dp.decision_id, dp.position
                """), arguments: bounds)
        {
            parties[row[0], default: []].append(row[1])
        }
        var funding: [Int64: [FundingYear]] = [:]
        for row in try SQLRow.fetchAll(
            db.cachedStatement(sql: """
                SELECT f.decision_id, f.year, f.total_minor, f.currency, p.code, fs.amount_minor FROM funding f
                LEFT JOIN funding_share fs ON fs.funding_id = f.id
                LEFT JOIN party p ON p.id = fs.party_id
                WHERE f.decision_id BETWEEN ? AND ? AND f.withdrawn_reason IS NULL
                ORDER BY f.decision_id, f.year, fs.position
                """), arguments: bounds)
        {
            let id: Int64 = row[0]
            let year: Int = row[1]
            var years = funding[id, default: []]
            if years.last?.year != year {
                years.append(FundingYear(year: year, total: try DecisionLoader.money(row[2], row[3]), shares: []))
            }
            if let party: String = row[4], let amount: Int64 = row[5] {
                years[years.count - 1].shares.append(
                    FundingShare(party: party, amount: try DecisionLoader.money(amount, row[3])))
            }
            funding[id] = years
        }
        var payments: [Int64: [Payment]] = [:]
        for row in try SQLRow.fetchAll(
            db.cachedStatement(sql: """
                SELECT pay.decision_id, pay.id, p.code, pay.year, pay.date, pay.amount_minor, pay.currency, pay.reference
                FROM payment pay JOIN party p ON p.id = pay.party_id
                WHERE pay.decision_id BETWEEN ? AND ? AND pay.withdrawn_reason IS NULL
                ORDER BY pay.decision_id, pay.id
                """), arguments: bounds)
        {
            let id: Int64 = row[0]
            guard let ref = refs[id] else { continue }
            payments[id, default: []].append(
                Payment(
                    decision: ref, party: row[2], year: row[3], date: try DecisionLoader.date(row[4]),
                    amount: try DecisionLoader.money(row[5], row[6]), reference: row[7], number: row[1]))
        }
        var ledgers: [String: PaymentLedger] = [:]
        for (id, ref) in refs {
            ledgers[ref] = PaymentLedger(
                decision: ref, parties: parties[id] ?? [], funding: funding[id] ?? [], payments: payments[id] ?? [])
        }
        return ledgers
    }
}

import DecregDomain
import GRDB

/// Writes payment rows, through an insert prepared once per write, after `PaymentRules` has looked at the few
/// facts of its decision that bear on it.
struct PaymentRows {
    private let db: Database
    private let paymentRow: RawInsert

    init(_ db: Database) throws {
        self.db = db
        paymentRow = try RawInsert(
            db,
            """
            INSERT INTO payment (decision_id, party_id, year, date, amount_minor, currency, reference,
                                 withdrawn_reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// Checks the payment against its decision and inserts it, returning its number and the warnings; `field`
    /// names a field of the payment where it stands in its input.
    func insert(
        _ payment: Payment, decisionID: Int64, again: Bool, catalog: Catalog, circumstances: ChangeCircumstances,
        field: (String) -> String
    ) throws -> (number: Int64, warnings: [String]) {
        let partyID = try catalog.partyID(payment.party, field: field("party"))
        let facts = try Self.facts(db, for: payment, decisionID: decisionID, excluding: nil)
        let warnings = try RegisterError.checking { () throws(Refusal) in
            try PaymentRules.check(payment, facts: facts, again: again, circumstances: circumstances, field: field)
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
    static func standing(_ db: Database, number: Int64) throws -> (decisionID: Int64, payment: Payment) {
        guard let row = try Row.fetchOne(
            db,
            sql: """
                SELECT pay.decision_id, d.ref, p.code, pay.year, pay.date, pay.amount_minor, pay.currency,
                       pay.reference, pay.withdrawn_reason
                FROM payment pay JOIN decision d ON d.id = pay.decision_id JOIN party p ON p.id = pay.party_id
                WHERE pay.id = ?
                """, arguments: [number])
        else {
            throw RegisterError.invalid(
                "there is no payment \(number): decreg payment list shows the payments and their numbers", field: nil)
        }
        let payment = Payment(
            decision: row[1], party: row[2], year: row[3], date: try DecisionLoader.date(row[4]),
            amount: try DecisionLoader.money(row[5], row[6]), reference: row[7], withdrawn: row[8], number: number)
        if let earlier = payment.withdrawn {
            throw RegisterError.invalid("payment \(number) was withdrawn already: \(earlier)", field: nil)
        }
        return (row[0], payment)
    }

    /// What the payment's rules look at, read with three indexed look-ups (an import checks every payment);
    /// `excluding` the payment corrected. The payment's decision is `decisionID`, its ref `payment.decision`.
    static func facts(_ db: Database, for payment: Payment, decisionID: Int64, excluding: Int64?) throws
        -> PaymentFacts
    {
        let parties = try String.fetchAll(
            db.cachedStatement(sql: """
                SELECT p.code FROM decision_party dp JOIN party p ON p.id = dp.party_id
                WHERE dp.decision_id = ? ORDER BY dp.position
                """), arguments: [decisionID])
        // The funded years, each with the paying party's share of it (NULL where it has none).
        var years: [Int] = []
        var share: Money?
        for row in try Row.fetchAll(
            db.cachedStatement(sql: """
                SELECT f.year, f.currency, fs.amount_minor FROM funding f
                LEFT JOIN funding_share fs
                       ON fs.funding_id = f.id AND fs.party_id = (SELECT id FROM party WHERE code = ?)
                WHERE f.decision_id = ? AND f.withdrawn_reason IS NULL ORDER BY f.year
                """), arguments: [payment.party, decisionID])
        {
            let year: Int = row[0]
            years.append(year)
            if year == payment.year, let minor: Int64 = row[2] { share = try DecisionLoader.money(minor, row[1]) }
        }
        let recorded = try Row.fetchOne(
            db.cachedStatement(sql: """
                SELECT coalesce(sum(pay.amount_minor), 0),
                       coalesce(max(pay.date = ? AND pay.amount_minor = ? AND pay.reference IS ?), 0)
                FROM payment pay
                WHERE pay.decision_id = ? AND pay.party_id = (SELECT id FROM party WHERE code = ?) AND pay.year = ?
                      AND pay.currency = ? AND pay.withdrawn_reason IS NULL AND pay.id IS NOT ?
                """),
            arguments: [
                payment.date.description, payment.amount.minorUnits, payment.reference, decisionID, payment.party,
                payment.year, payment.amount.currency.code, excluding,
            ])
        let paid: Int64 = recorded?[0] ?? 0
        let identical: Bool = recorded?[1] ?? false
        return PaymentFacts(
            decision: payment.decision, parties: parties, fundedYears: years, share: share,
            paid: Money(minorUnits: paid, currency: payment.amount.currency), identicalRecorded: identical)
    }
}

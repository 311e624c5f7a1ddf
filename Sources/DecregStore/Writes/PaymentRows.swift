import DecregDomain
import GRDB

/// Writes payment rows.
enum PaymentRows {
    static func insert(_ db: Database, _ payment: Payment, decisionID: Int64, catalog: Catalog, field: String?) throws {
        let partyID = try catalog.partyID(payment.party, field: field.map { $0 + ".party" } ?? "--party")
        try db.cachedStatement(
            sql: """
                INSERT INTO payment (decision_id, party_id, year, date, amount_minor, currency, reference,
                                     withdrawn_reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            decisionID, partyID, payment.year, payment.date.description, payment.amount.minorUnits,
            payment.amount.currency.code, payment.reference, payment.withdrawn,
        ])
    }
}

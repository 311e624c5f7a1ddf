import DecregDomain
import GRDB

/// Writes payment rows, through an insert prepared once per write.
struct PaymentRows {
    private let paymentRow: RawInsert

    init(_ db: Database) throws {
        paymentRow = try RawInsert(
            db,
            """
            INSERT INTO payment (decision_id, party_id, year, date, amount_minor, currency, reference,
                                 withdrawn_reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// Inserts the payment and returns its number; `field` is where the payment stands in its batch.
    func insert(_ payment: Payment, decisionID: Int64, catalog: Catalog, field: String) throws -> Int64 {
        let partyID = try catalog.partyID(payment.party, field: field + ".party")
        return try paymentRow.run { row in
            row.int(decisionID)
            row.int(partyID)
            row.int(payment.year)
            row.text(payment.date.description)
            row.int(payment.amount.minorUnits)
            row.text(payment.amount.currency.code)
            row.text(payment.reference)
            row.text(payment.withdrawn)
        }
    }
}

import DecregDomain
import Foundation
import GRDB

/// A decision as stored, with its derived status and its payments.
public struct StoredDecision: Sendable {
    public var decision: Decision
    public var status: DecisionStatus
    public var payments: [Payment]
}

/// Reads whole decisions back from their rows.
enum DecisionLoader {
    /// The decision with `ref`, or nil. Attachment bytes are loaded only when asked for.
    static func load(_ db: Database, ref: String, attachmentContent: Bool = false) throws -> (id: Int64, StoredDecision)? {
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(columns) FROM decision WHERE ref = ?"), arguments: [ref])
        else { return nil }
        return (row["id"], try load(db, row: row, attachmentContent: attachmentContent))
    }

    /// The columns of `decision` that `load(_:row:attachmentContent:)` reads.
    static let columns = "id, ref, title, date, summary, status, withdrawn_reason"

    /// The decision of a row of `decision` with `columns`.
    static func load(_ db: Database, row: Row, attachmentContent: Bool) throws -> StoredDecision {
        let id: Int64 = row["id"]
        let ref: String = row["ref"]
        var decision = Decision(
            ref: ref, title: row["title"], date: try date(row["date"]), parties: [], summary: row["summary"],
            withdrawn: row["withdrawn_reason"])
        for party in try Row.fetchAll(
            db.cachedStatement(sql: """
                SELECT p.code, dp.case_number FROM decision_party dp JOIN party p ON p.id = dp.party_id
                WHERE dp.decision_id = ? ORDER BY dp.position
                """), arguments: [id])
        {
            decision.parties.append(party[0])
            if let number: String = party[1] { decision.caseNumbers.append(CaseNumber(party: party[0], number: number)) }
        }
        decision.clauses = try String.fetchAll(
            db.cachedStatement(sql: "SELECT text FROM clause WHERE decision_id = ? ORDER BY position"), arguments: [id])
        decision.funding = try funding(db, decisionID: id)
        decision.steps = try steps(db, decisionID: id)
        decision.signatories = try Row.fetchAll(
            db.cachedStatement(sql: """
                SELECT s.name, s.title, p.code, s.withdrawn_reason FROM signatory s
                LEFT JOIN party p ON p.id = s.party_id
                WHERE s.decision_id = ? ORDER BY s.position
                """), arguments: [id]
        ).map { Signatory(name: $0[0], title: $0[1], party: $0[2], withdrawn: $0[3]) }
        decision.attachments = try attachments(db, decisionID: id, content: attachmentContent)
        let payments = try Row.fetchAll(
            db.cachedStatement(sql: """
                SELECT p.code, pay.year, pay.date, pay.amount_minor, pay.currency, pay.reference, pay.withdrawn_reason,
                       pay.id
                FROM payment pay JOIN party p ON p.id = pay.party_id
                WHERE pay.decision_id = ? ORDER BY pay.id
                """), arguments: [id]
        ).map { row in
            Payment(
                decision: ref, party: row[0], year: row[1], date: try date(row[2]),
                amount: try money(row[3], row[4]), reference: row[5], withdrawn: row[6], number: row[7])
        }
        return StoredDecision(
            decision: decision, status: DecisionStatus(rawValue: row["status"]) ?? .draft, payments: payments)
    }

    static func funding(_ db: Database, decisionID: Int64) throws -> [FundingYear] {
        var years: [FundingYear] = []
        for row in try Row.fetchAll(
            db.cachedStatement(sql: """
                SELECT id, year, total_minor, currency, withdrawn_reason FROM funding WHERE decision_id = ?
                ORDER BY year
                """), arguments: [decisionID])
        {
            let total = try money(row["total_minor"], row["currency"])
            let shares = try Row.fetchAll(
            db.cachedStatement(sql: """
                    SELECT p.code, fs.amount_minor, fs.part FROM funding_share fs JOIN party p ON p.id = fs.party_id
                    WHERE fs.funding_id = ? ORDER BY fs.position
                    """), arguments: [row["id"]]
            ).map { share in
                let part: String? = share[2]
                return FundingShare(
                    party: share[0], amount: Money(minorUnits: share[1], currency: total.currency),
                    part: try part.map { try SplitPart(parsing: $0) })
            }
            years.append(FundingYear(year: row["year"], total: total, shares: shares, withdrawn: row["withdrawn_reason"]))
        }
        return years
    }

    static func steps(_ db: Database, decisionID: Int64) throws -> [HandlingStep] {
        var steps: [HandlingStep] = []
        for row in try Row.fetchAll(
            db.cachedStatement(sql: """
                SELECT s.id, b.code, s.date, s.outcome, s.minutes, s.note, s.withdrawn_reason
                FROM step s JOIN body b ON b.id = s.body_id
                WHERE s.decision_id = ? ORDER BY s.position
                """), arguments: [decisionID])
        {
            let amounts = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT year, amount_minor, currency FROM step_amount WHERE step_id = ? ORDER BY year"), arguments: [row[0]]
            ).map { YearAmount(year: $0[0], amount: try money($0[1], $0[2])) }
            steps.append(
                HandlingStep(
                    body: row[1], date: try date(row[2]), outcome: Outcome(rawValue: row[3]) ?? .proposed,
                    minutes: row[4], note: row[5], amounts: amounts, withdrawn: row[6]))
        }
        return steps
    }

    static func attachments(_ db: Database, decisionID: Int64, content: Bool) throws -> [Attachment] {
        let columns = "label, title, media_type, size, sha256, withdrawn_reason" + (content ? ", content" : "")
        return try Row.fetchAll(
            db.cachedStatement(sql: "SELECT \(columns) FROM attachment WHERE decision_id = ? ORDER BY position"), arguments: [decisionID]
        ).map { row in
            var attachment = Attachment(
                label: row[0], title: row[1], mediaType: row[2], size: row[3], sha256: row[4], withdrawn: row[5])
            if content { attachment.content = row[6] as Data? ?? Data() }
            return attachment
        }
    }

    static func date(_ text: String) throws -> LocalDate {
        try LocalDate(parsing: text)
    }

    static func money(_ minor: Int64, _ code: String) throws -> Money {
        guard let currency = Currency(code: code) else {
            throw RegisterError.invalid("the register holds an unknown currency '\(code)'", field: nil)
        }
        return Money(minorUnits: minor, currency: currency)
    }
}

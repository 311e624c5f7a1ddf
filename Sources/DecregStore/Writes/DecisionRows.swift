import Foundation
import DecregDomain
import GRDB

/// Writes a decision's rows: the decision, its parties, clauses, funding, steps, signatories and attachments,
/// and its search text. Statements are cached, so a large import prepares each only once.
enum DecisionRows {
    static func insert(_ db: Database, _ decision: Decision, catalog: Catalog) throws -> Int64 {
        try db.cachedStatement(
            sql: "INSERT INTO decision (ref, title, date, summary, status, withdrawn_reason) VALUES (?, ?, ?, ?, ?, ?)"
        ).execute(arguments: [
            decision.ref, decision.title, decision.date.description, decision.summary,
            catalog.status(of: decision).rawValue, decision.withdrawn,
        ])
        let id = db.lastInsertedRowID
        let caseNumbers = Dictionary(decision.caseNumbers.map { ($0.party, $0.number) }, uniquingKeysWith: { a, _ in a })
        let bind = try db.cachedStatement(
            sql: "INSERT INTO decision_party (decision_id, party_id, position, case_number) VALUES (?, ?, ?, ?)")
        for (position, party) in decision.parties.enumerated() {
            try bind.execute(arguments: [id, catalog.partyID(party, field: nil), position, caseNumbers[party]])
        }
        let clause = try db.cachedStatement(sql: "INSERT INTO clause (decision_id, position, text) VALUES (?, ?, ?)")
        for (position, text) in decision.clauses.enumerated() {
            try clause.execute(arguments: [id, position, text])
        }
        for year in decision.funding { try insertFunding(db, year, decisionID: id, catalog: catalog) }
        for (position, step) in decision.steps.enumerated() {
            try insertStep(db, step, position: position, decisionID: id, catalog: catalog)
        }
        let signatory = try db.cachedStatement(
            sql: "INSERT INTO signatory (decision_id, position, name, title, party_id) VALUES (?, ?, ?, ?, ?)")
        for (position, person) in decision.signatories.enumerated() {
            try signatory.execute(arguments: [
                id, position, person.name, person.title, person.party.map { try catalog.partyID($0, field: nil) },
            ])
        }
        for (position, attachment) in decision.attachments.enumerated() {
            try insertAttachment(db, attachment, position: position, decisionID: id)
        }
        try indexText(db, decision, id: id)
        return id
    }

    static func insertFunding(_ db: Database, _ year: FundingYear, decisionID: Int64, catalog: Catalog) throws {
        try db.cachedStatement(
            sql: "INSERT INTO funding (decision_id, year, total_minor, currency) VALUES (?, ?, ?, ?)"
        ).execute(arguments: [decisionID, year.year, year.total.minorUnits, year.total.currency.code])
        let fundingID = db.lastInsertedRowID
        let share = try db.cachedStatement(
            sql: """
                INSERT INTO funding_share (funding_id, party_id, position, amount_minor, part)
                VALUES (?, ?, ?, ?, ?)
                """)
        for (position, item) in year.shares.enumerated() {
            try share.execute(arguments: [
                fundingID, catalog.partyID(item.party, field: nil), position, item.amount.minorUnits, item.part?.text,
            ])
        }
    }

    static func deleteFunding(_ db: Database, year: Int, decisionID: Int64) throws {
        try db.execute(
            sql: """
                DELETE FROM funding_share WHERE funding_id IN (SELECT id FROM funding WHERE decision_id = ? AND year = ?);
                DELETE FROM funding WHERE decision_id = ? AND year = ?;
                """, arguments: [decisionID, year, decisionID, year])
    }

    static func insertStep(_ db: Database, _ step: HandlingStep, position: Int, decisionID: Int64, catalog: Catalog)
        throws
    {
        try db.cachedStatement(
            sql: """
                INSERT INTO step (decision_id, position, body_id, date, outcome, minutes, note)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            decisionID, position, catalog.bodyID(step.body, field: nil), step.date.description, step.outcome.rawValue,
            step.minutes, step.note,
        ])
        let stepID = db.lastInsertedRowID
        let amount = try db.cachedStatement(
            sql: "INSERT INTO step_amount (step_id, year, amount_minor, currency) VALUES (?, ?, ?, ?)")
        for item in step.amounts {
            try amount.execute(arguments: [stepID, item.year, item.amount.minorUnits, item.amount.currency.code])
        }
    }

    static func insertAttachment(_ db: Database, _ attachment: Attachment, position: Int, decisionID: Int64) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO attachment (decision_id, position, label, title, media_type, size, sha256, content)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            decisionID, position, attachment.label, attachment.title, attachment.mediaType, attachment.size,
            attachment.sha256, attachment.content ?? .init(),
        ])
    }

    static func updateStatus(_ db: Database, _ decision: Decision, id: Int64, catalog: Catalog) throws {
        try db.execute(
            sql: "UPDATE decision SET status = ? WHERE id = ?", arguments: [catalog.status(of: decision).rawValue, id])
    }

    /// The decision's searchable text: title, clauses, summary.
    static func indexText(_ db: Database, _ decision: Decision, id: Int64) throws {
        try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO decision_search (rowid, title, clauses, summary) VALUES (?, ?, ?, ?)"
        ).execute(arguments: [id, decision.title, decision.clauses.joined(separator: "\n"), decision.summary ?? ""])
    }
}

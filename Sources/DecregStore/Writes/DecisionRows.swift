import Foundation
import DecregDomain
import GRDB

/// Writes a decision's rows: the decision, its parties, clauses, funding, steps, signatories and attachments,
/// and its search text. Each insert is prepared once, when the rows are set up for a write, so a large import
/// binds and runs them row after row (see `RawInsert`).
struct DecisionRows {
    private let decisionRow: RawInsert
    private let partyRow: RawInsert
    private let clauseRow: RawInsert
    private let fundingRow: RawInsert
    private let shareRow: RawInsert
    private let stepRow: RawInsert
    private let stepAmountRow: RawInsert
    private let signatoryRow: RawInsert
    private let attachmentRow: RawInsert
    private let searchRow: RawInsert

    init(_ db: Database) throws {
        // One scratch space for all of them: a write runs one insert at a time.
        let scratch = RawInsert.Scratch()
        func insert(_ sql: String) throws -> RawInsert { try RawInsert(db, sql, scratch: scratch) }
        decisionRow = try insert(
            "INSERT INTO decision (ref, title, date, summary, status, withdrawn_reason) VALUES (?, ?, ?, ?, ?, ?)")
        partyRow = try insert(
            "INSERT INTO decision_party (decision_id, party_id, position, case_number) VALUES (?, ?, ?, ?)")
        clauseRow = try insert("INSERT INTO clause (decision_id, position, text) VALUES (?, ?, ?)")
        fundingRow = try insert("INSERT INTO funding (decision_id, year, total_minor, currency) VALUES (?, ?, ?, ?)")
        shareRow = try insert("""
            INSERT INTO funding_share (funding_id, party_id, position, amount_minor, part)
            VALUES (?, ?, ?, ?, ?)
            """)
        stepRow = try insert("""
            INSERT INTO step (decision_id, position, body_id, date, outcome, minutes, note)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        stepAmountRow = try insert(
            "INSERT INTO step_amount (step_id, year, amount_minor, currency) VALUES (?, ?, ?, ?)")
        signatoryRow = try insert(
            "INSERT INTO signatory (decision_id, position, name, title, party_id) VALUES (?, ?, ?, ?, ?)")
        attachmentRow = try insert("""
            INSERT INTO attachment (decision_id, position, label, title, media_type, size, sha256, content)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        searchRow = try insert(
            "INSERT OR REPLACE INTO decision_search (rowid, title, clauses, summary) VALUES (?, ?, ?, ?)")
    }

    func insert(_ decision: Decision, catalog: Catalog) throws -> Int64 {
        let status = catalog.status(of: decision)
        let id = try decisionRow.run { row in
            row.text(decision.ref)
            row.text(decision.title)
            row.text(decision.date.description)
            row.text(decision.summary)
            row.text(status.rawValue)
            row.text(decision.withdrawn)
        }
        for (position, party) in decision.parties.enumerated() {
            let partyID = try catalog.partyID(party, field: nil)
            try partyRow.run { row in
                row.int(id)
                row.int(partyID)
                row.int(position)
                row.text(decision.caseNumbers.first { $0.party == party }?.number)
            }
        }
        try insertClauses(decision.clauses, decisionID: id)
        for year in decision.funding { try insertFunding(year, decisionID: id, catalog: catalog) }
        for (position, step) in decision.steps.enumerated() {
            try insertStep(step, position: position, decisionID: id, catalog: catalog)
        }
        for (position, person) in decision.signatories.enumerated() {
            let partyID = try person.party.map { try catalog.partyID($0, field: nil) }
            try signatoryRow.run { row in
                row.int(id)
                row.int(position)
                row.text(person.name)
                row.text(person.title)
                row.int(partyID)
            }
        }
        for (position, attachment) in decision.attachments.enumerated() {
            try insertAttachment(attachment, position: position, decisionID: id)
        }
        try indexText(decision, id: id)
        return id
    }

    /// A decision's clauses, in order.
    func insertClauses(_ clauses: [String], decisionID: Int64) throws {
        for (position, text) in clauses.enumerated() {
            try clauseRow.run { row in
                row.int(decisionID)
                row.int(position)
                row.text(text)
            }
        }
    }

    func insertFunding(_ year: FundingYear, decisionID: Int64, catalog: Catalog) throws {
        let fundingID = try fundingRow.run { row in
            row.int(decisionID)
            row.int(year.year)
            row.int(year.total.minorUnits)
            row.text(year.total.currency.code)
        }
        for (position, item) in year.shares.enumerated() {
            let partyID = try catalog.partyID(item.party, field: nil)
            try shareRow.run { row in
                row.int(fundingID)
                row.int(partyID)
                row.int(position)
                row.int(item.amount.minorUnits)
                row.text(item.part?.text)
            }
        }
    }

    func insertStep(_ step: HandlingStep, position: Int, decisionID: Int64, catalog: Catalog) throws {
        let bodyID = try catalog.bodyID(step.body, field: nil)
        let stepID = try stepRow.run { row in
            row.int(decisionID)
            row.int(position)
            row.int(bodyID)
            row.text(step.date.description)
            row.text(step.outcome.rawValue)
            row.text(step.minutes)
            row.text(step.note)
        }
        for item in step.amounts {
            try stepAmountRow.run { row in
                row.int(stepID)
                row.int(item.year)
                row.int(item.amount.minorUnits)
                row.text(item.amount.currency.code)
            }
        }
    }

    func insertAttachment(_ attachment: Attachment, position: Int, decisionID: Int64) throws {
        try attachmentRow.run { row in
            row.int(decisionID)
            row.int(position)
            row.text(attachment.label)
            row.text(attachment.title)
            row.text(attachment.mediaType)
            row.int(attachment.size)
            row.text(attachment.sha256)
            row.blob(attachment.content ?? Data())
        }
    }

    /// The decision's searchable text: title, clauses, summary.
    func indexText(_ decision: Decision, id: Int64) throws {
        try searchRow.run { row in
            row.int(id)
            row.text(decision.title)
            row.text(decision.clauses.joined(separator: "\n"))
            row.text(decision.summary ?? "")
        }
    }

    static func deleteFunding(_ db: Database, year: Int, decisionID: Int64) throws {
        try db.execute(
            sql: """
                DELETE FROM funding_share WHERE funding_id IN (SELECT id FROM funding WHERE decision_id = ? AND year = ?);
                DELETE FROM funding WHERE decision_id = ? AND year = ?;
                """, arguments: [decisionID, year, decisionID, year])
    }

    static func updateStatus(_ db: Database, _ decision: Decision, id: Int64, catalog: Catalog) throws {
        try db.execute(
            sql: "UPDATE decision SET status = ? WHERE id = ?", arguments: [catalog.status(of: decision).rawValue, id])
    }
}

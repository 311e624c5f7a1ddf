import Foundation
import DecregDomain
import GRDB

/// Writes a decision's rows: the decision, its parties, clauses, funding, steps, signatories and attachments,
/// and its search text. Each insert is prepared once, when the rows are set up for a write, so a large import
/// binds and runs them row after row (see `RawInsert`).
struct DecisionRows {
    private let db: Session
    private let decisionRow: RawInsert
    private let partyRow: RawInsert
    private let clauseRow: RawInsert
    private let fundingRow: RawInsert
    private let shareRow: RawInsert
    private let stepRow: RawInsert
    private let stepAmountRow: RawInsert
    private let signatoryRow: RawInsert
    private let attachmentRow: RawInsert
    private let appealRow: RawInsert
    private let searchRow: RawInsert

    init(_ db: Session) throws {
        // One scratch space for all of them: a write runs one insert at a time.
        self.db = db
        let scratch = RawInsert.Scratch()
        func insert(_ sql: String, returnsID: Bool = false) throws -> RawInsert {
            try RawInsert(db, sql, scratch: scratch, returnsID: returnsID)
        }
        decisionRow = try insert(
            "INSERT INTO decision (ref, title, date, summary, status, withdrawn_reason) VALUES (?, ?, ?, ?, ?, ?)",
            returnsID: true)
        partyRow = try insert(
            "INSERT INTO decision_party (decision_id, party_id, position, case_number) VALUES (?, ?, ?, ?)")
        clauseRow = try insert("INSERT INTO clause (decision_id, position, text) VALUES (?, ?, ?)")
        fundingRow = try insert(
            "INSERT INTO funding (decision_id, year, total_minor, currency, withdrawn_reason) VALUES (?, ?, ?, ?, ?)",
            returnsID: true)
        shareRow = try insert("""
            INSERT INTO funding_share (funding_id, party_id, position, amount_minor, part)
            VALUES (?, ?, ?, ?, ?)
            """)
        stepRow = try insert("""
            INSERT INTO step (decision_id, position, body_id, date, outcome, minutes, note, withdrawn_reason,
                              justified, posted)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, returnsID: true)
        stepAmountRow = try insert(
            "INSERT INTO step_amount (step_id, year, amount_minor, currency) VALUES (?, ?, ?, ?)")
        signatoryRow = try insert("""
            INSERT INTO signatory (decision_id, position, name, title, party_id, withdrawn_reason)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        attachmentRow = try insert("""
            INSERT INTO attachment (decision_id, position, label, title, media_type, size, sha256, content,
                                    withdrawn_reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        appealRow = try insert("""
            INSERT INTO appeal (decision_id, position, party_id, lodged, court, case_number, outcome, decided)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        searchRow = try insert(db.searchTextInsert)
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
        try insertParts(decision, id: id, catalog: catalog, attachmentsFrom: 0)
        return id
    }

    /// Writes a changed decision over its rows: the decision's own row, and its parts written anew from the
    /// model (the audit trail keeps what they were). Attachments are only ever added or marked withdrawn, so
    /// their bytes are not copied again.
    func rewrite(_ decision: Decision, over stored: Decision, id: Int64, catalog: Catalog) throws {
        try db.execute(
            sql: "UPDATE decision SET title = ?, date = ?, summary = ?, status = ?, withdrawn_reason = ? WHERE id = ?",
            arguments: [
                decision.title, decision.date.description, decision.summary, catalog.status(of: decision).rawValue,
                decision.withdrawn, id,
            ])
        for statement in [
            "DELETE FROM decision_party WHERE decision_id = ?",
            "DELETE FROM clause WHERE decision_id = ?",
            "DELETE FROM funding_share WHERE funding_id IN (SELECT id FROM funding WHERE decision_id = ?)",
            "DELETE FROM funding WHERE decision_id = ?",
            "DELETE FROM step_amount WHERE step_id IN (SELECT id FROM step WHERE decision_id = ?)",
            "DELETE FROM step WHERE decision_id = ?",
            "DELETE FROM signatory WHERE decision_id = ?",
            "DELETE FROM appeal WHERE decision_id = ?",
            "DELETE FROM decision_search WHERE \(db.searchDecisionColumn) = ?",
        ] {
            try db.cachedStatement(sql: statement).execute(arguments: [id])
        }
        for (position, attachment) in decision.attachments.prefix(stored.attachments.count).enumerated()
        where attachment.withdrawn != stored.attachments[position].withdrawn {
            try db.execute(
                sql: "UPDATE attachment SET withdrawn_reason = ? WHERE decision_id = ? AND position = ?",
                arguments: [attachment.withdrawn, id, position])
        }
        try insertParts(decision, id: id, catalog: catalog, attachmentsFrom: stored.attachments.count)
    }

    /// The decision's parts: parties, clauses, funding, steps, signatories, the attachments from position
    /// `attachmentsFrom` on, and its search text.
    private func insertParts(_ decision: Decision, id: Int64, catalog: Catalog, attachmentsFrom: Int) throws {
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
                row.text(person.withdrawn)
            }
        }
        for (position, attachment) in decision.attachments.enumerated() where position >= attachmentsFrom {
            try insertAttachment(attachment, position: position, decisionID: id)
        }
        for (position, appeal) in decision.appeals.enumerated() {
            let partyID = try catalog.partyID(appeal.party, field: nil)
            try appealRow.run { row in
                row.int(id)
                row.int(position)
                row.int(partyID)
                row.text(appeal.lodged.description)
                row.text(appeal.court)
                row.text(appeal.caseNumber)
                row.text(appeal.outcome?.rawValue)
                row.text(appeal.decided?.description)
            }
        }
        try indexText(decision, id: id)
    }

    /// A decision's clauses, in order.
    private func insertClauses(_ clauses: [String], decisionID: Int64) throws {
        for (position, text) in clauses.enumerated() {
            try clauseRow.run { row in
                row.int(decisionID)
                row.int(position)
                row.text(text)
            }
        }
    }

    private func insertFunding(_ year: FundingYear, decisionID: Int64, catalog: Catalog) throws {
        let fundingID = try fundingRow.run { row in
            row.int(decisionID)
            row.int(year.year)
            row.int(year.total.minorUnits)
            row.text(year.total.currency.code)
            row.text(year.withdrawn)
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

    private func insertStep(_ step: HandlingStep, position: Int, decisionID: Int64, catalog: Catalog) throws {
        let bodyID = try catalog.bodyID(step.body, field: nil)
        let stepID = try stepRow.run { row in
            row.int(decisionID)
            row.int(position)
            row.int(bodyID)
            row.text(step.date.description)
            row.text(step.outcome.rawValue)
            row.text(step.minutes)
            row.text(step.note)
            row.text(step.withdrawn)
            row.text(step.justified?.description)
            row.text(step.posted?.description)
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

    private func insertAttachment(_ attachment: Attachment, position: Int, decisionID: Int64) throws {
        try attachmentRow.run { row in
            row.int(decisionID)
            row.int(position)
            row.text(attachment.label)
            row.text(attachment.title)
            row.text(attachment.mediaType)
            row.int(attachment.size)
            row.text(attachment.sha256)
            row.blob(attachment.content ?? Data())
            row.text(attachment.withdrawn)
        }
    }

    /// The decision's searchable text: title, clauses, summary.
    private func indexText(_ decision: Decision, id: Int64) throws {
        try searchRow.run { row in
            row.int(id)
            row.text(decision.title)
            row.text(decision.clauses.joined(separator: "\n"))
            row.text(decision.summary ?? "")
        }
    }

    static func updateStatus(_ db: Session, _ decision: Decision, id: Int64, catalog: Catalog) throws {
        try db.execute(
            sql: "UPDATE decision SET status = ? WHERE id = ?", arguments: [catalog.status(of: decision).rawValue, id])
    }
}

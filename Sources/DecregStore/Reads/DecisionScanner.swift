import DecregDomain
import Foundation
import GRDB

/// Reads decisions in id order with one ordered query per table, merging the rows as it goes: the whole register
/// in a handful of sequential scans instead of a dozen queries per decision, in flat memory (export, audit
/// verify), or one decision by its id with the same queries (show, summary, every change). The one reader of a
/// decision's rows into the model.
struct DecisionScanner {
    private let decisions: SQLRowCursor
    private var parties: GroupedRows
    private var clauses: GroupedRows
    private var funding: GroupedRows
    private var shares: GroupedRows
    private var steps: GroupedRows
    private var appeals: GroupedRows
    private var stepAmounts: GroupedRows
    private var signatories: GroupedRows
    private var attachments: GroupedRows
    private var payments: GroupedRows

    /// `only`: the one decision to read, by id; every decision when nil. `attachmentContent`: also read the
    /// attachments' bytes (for export); otherwise only their hash and size.
    init(_ db: Session, only id: Int64? = nil, attachmentContent: Bool) throws {
        let scope: DecisionTableScans.Scope = id == nil ? .all : .one
        let arguments: SQLArguments = id.map { [$0] } ?? []
        // One decision's rows are few: PostgreSQL sends them whole rather than through a cursor.
        let few = id != nil
        func rows(_ sql: String) throws -> GroupedRows { try GroupedRows(db, sql, arguments: arguments, few: few) }
        decisions = try SQLRow.fetchCursor(
            db.cachedStatement(sql: DecisionTableScans.decisions(scope)), arguments: arguments, few: few)
        parties = try rows(DecisionTableScans.parties(scope))
        clauses = try rows(DecisionTableScans.clauses(scope))
        funding = try rows(DecisionTableScans.funding(scope))
        shares = try rows(DecisionTableScans.shares(scope))
        steps = try rows(DecisionTableScans.steps(scope))
        stepAmounts = try rows(DecisionTableScans.stepAmounts(scope))
        signatories = try rows(DecisionTableScans.signatories(scope))
        attachments = try rows(DecisionTableScans.attachments(scope, content: attachmentContent))
        payments = try rows(DecisionTableScans.payments(scope))
        appeals = try rows(DecisionTableScans.appeals(scope))
    }

    /// The next decision, its id and stored status, or nil after the last.
    mutating func next() throws -> (id: Int64, stored: StoredDecision)? {
        guard let row = try decisions.next() else { return nil }
        let id: Int64 = row["id"]
        let ref: String = row["ref"]
        var decision = Decision(
            ref: ref, title: row["title"], date: try DecisionLoader.date(row["date"]), parties: [],
            summary: row["summary"], withdrawn: row["withdrawn_reason"])
        let status = DecisionStatus(rawValue: row["status"]) ?? .draft
        for party in try parties.take(id) {
            decision.parties.append(party[1])
            if let number: String = party[2] { decision.caseNumbers.append(CaseNumber(party: party[1], number: number)) }
        }
        decision.clauses = try clauses.take(id).map { $0[1] }
        var sharesByYear: [Int: [FundingShare]] = [:]
        let fundingRows = try funding.take(id)
        for share in try shares.take(id) {
            let part: String? = share[4]
            let year: Int = share[1]
            let currency = try fundingRows.first { ($0[1] as Int) == year }.map { try DecisionLoader.money(0, $0[3]).currency }
            sharesByYear[year, default: []].append(
                FundingShare(
                    party: share[2], amount: Money(minorUnits: share[3], currency: currency ?? .sek),
                    part: try part.map { try SplitPart(parsing: $0) }))
        }
        decision.funding = try fundingRows.map { row in
            let year: Int = row[1]
            return FundingYear(
                year: year, total: try DecisionLoader.money(row[2], row[3]), shares: sharesByYear[year] ?? [],
                withdrawn: row[4])
        }
        var amountsByStep: [Int: [YearAmount]] = [:]
        for amount in try stepAmounts.take(id) {
            amountsByStep[amount[1], default: []].append(
                YearAmount(year: amount[2], amount: try DecisionLoader.money(amount[3], amount[4])))
        }
        decision.steps = try steps.take(id).map { step in
            HandlingStep(
                body: step[2], date: try DecisionLoader.date(step[3]), outcome: Outcome(rawValue: step[4]) ?? .proposed,
                minutes: step[5], note: step[6], amounts: amountsByStep[step[1]] ?? [], withdrawn: step[8],
                justified: try (step[9] as String?).map(DecisionLoader.date),
                posted: try (step[10] as String?).map(DecisionLoader.date))
        }
        decision.signatories = try signatories.take(id).map {
            Signatory(name: $0[1], title: $0[2], party: $0[3], withdrawn: $0[4])
        }
        decision.attachments = try attachments.take(id).map(Self.attachment)
        decision.appeals = try appeals.take(id).map { row in
            Appeal(
                party: row[1], lodged: try DecisionLoader.date(row[2]), court: row[3], caseNumber: row[4],
                outcome: (row[5] as String?).flatMap(AppealOutcome.init(rawValue:)),
                decided: try (row[6] as String?).map(DecisionLoader.date))
        }
        let payments = try payments.take(id).map { row in
            Payment(
                decision: ref, party: row[1], year: row[2], date: try DecisionLoader.date(row[3]),
                amount: try DecisionLoader.money(row[4], row[5]), reference: row[6], withdrawn: row[7], number: row[8])
        }
        return (id, StoredDecision(decision: decision, status: status, payments: payments))
    }
}

extension DecisionScanner {
    /// An attachment from a row of `DecisionTableScans.attachments`.
    static func attachment(_ row: SQLRow) -> Attachment {
        var attachment = Attachment(
            label: row[1], title: row[2], mediaType: row[3], size: row[4], sha256: row[5], withdrawn: row[6])
        if row.count > 7 { attachment.content = row[7] as Data? ?? Data() }
        return attachment
    }
}

/// The rows of a query ordered by a decision id in its first column, taken one decision at a time.
struct GroupedRows {
    private let cursor: SQLRowCursor
    private var pending: SQLRow?

    init(_ db: Session, _ sql: String, arguments: SQLArguments = [], few: Bool = false) throws {
        cursor = try SQLRow.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments, few: few)
        pending = try cursor.next()?.copy()
    }

    /// The rows for `decisionID`; rows for smaller ids (whose decision is gone) are passed over.
    mutating func take(_ decisionID: Int64) throws -> [SQLRow] {
        var rows: [SQLRow] = []
        while let row = pending {
            let id: Int64 = row[0]
            if id > decisionID { break }
            if id == decisionID { rows.append(row) }
            pending = try cursor.next()?.copy()
        }
        return rows
    }
}

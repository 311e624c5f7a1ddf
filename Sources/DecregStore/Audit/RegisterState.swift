import DecregDomain
import Foundation
import GRDB

/// The register's current content as the audit trail describes entities: each party, body, decision and payment
/// with its canonical JSON, as the write that recorded it would have written it now.
enum RegisterState {
    struct Entity {
        var entity: String
        var key: String
        var table: String
        var json: JSONValue
    }

    /// Hands every entity to `visit`, and returns the derived data that disagrees with the rest (a stored status
    /// its steps do not give, search text that is not the decision's, attachment bytes that do not match their
    /// hash).
    static func scan(_ db: Database, _ visit: (Entity) throws -> Void) throws -> [AuditProblem] {
        var problems: [AuditProblem] = []
        let catalog = try Catalog(db)
        for (code, entry) in catalog.parties {
            try visit(Entity(entity: "party", key: code, table: "party", json: entry.party.json))
        }
        for (code, entry) in catalog.bodies {
            try visit(Entity(entity: "body", key: code, table: "body", json: entry.body.json))
        }
        var searchText = try GroupedRows(db, "SELECT rowid, title, clauses, summary FROM decision_search ORDER BY rowid")
        var searchRows = 0
        var scanner = try DecisionScanner(db, catalog: catalog, attachmentContent: false)
        while let (id, stored) = try scanner.next() {
            let decision = stored.decision
            try visit(Entity(entity: "decision", key: decision.ref, table: "decision", json: decision.recordJSON))
            for payment in stored.payments {
                var recorded = payment
                recorded.number = nil
                try visit(
                    Entity(entity: "payment", key: String(payment.number ?? 0), table: "payment", json: recorded.json))
            }
            let derived = catalog.status(of: decision)
            if derived != stored.status {
                problems.append(.inconsistent(
                    table: "decision",
                    detail: "\(decision.ref) has status '\(stored.status.rawValue)' but its steps make it '\(derived.rawValue)'"))
            }
            let expectedText = [decision.title, decision.clauses.joined(separator: "\n"), decision.summary ?? ""]
            let indexed = try searchText.take(id)
            searchRows += indexed.count
            if indexed.map({ [$0[1] ?? "", $0[2] ?? "", $0[3] ?? ""] as [String] }) != [expectedText] {
                problems.append(.inconsistent(
                    table: "decision_search", detail: "the search text of \(decision.ref) is not its title, clauses and summary"))
            }
        }
        let allSearchRows = try Int.fetchOne(db, sql: "SELECT count(*) FROM decision_search") ?? 0
        if allSearchRows != searchRows {
            problems.append(.inconsistent(
                table: "decision_search", detail: "\(allSearchRows - searchRows) rows belong to no decision"))
        }
        let attachments = try Row.fetchCursor(
            db,
            sql: """
                SELECT d.ref, a.label, a.sha256, a.size, a.content FROM attachment a JOIN decision d ON d.id = a.decision_id
                ORDER BY a.id
                """)
        while let row = try attachments.next() {
            let content: Data = row[4] ?? Data()
            let ref: String = row[0]
            let label: String = row[1]
            if Attachment.sha256Hex(content) != row[2] || content.count != row[3] as Int {
                problems.append(.inconsistent(
                    table: "attachment",
                    detail: "the bytes of \(label) of \(ref) do not match its recorded SHA-256 and size"))
            }
        }
        for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
            let table: String = row[0]
            let rowid: Int64? = row[1]
            let parent: String = row[2]
            problems.append(.inconsistent(
                table: table,
                detail: "row \(rowid.map(String.init) ?? "?") refers to a \(parent) that is not in the register"))
        }
        return problems
    }
}

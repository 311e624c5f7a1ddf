import DecregDomain
import Foundation

/// A published checkpoint: the log's size and its root.
public struct CheckpointRoot: Sendable, Equatable {
    public var size: Int
    public var root: [UInt8]
}

/// What `decreg copy` moved, and what it found the same on both sides.
public struct CopyReport: Sendable {
    /// Rows copied, by table, in the order copied.
    public var rows: [(table: String, count: Int)]
    /// The trail's head on the source and, after the copy, on the target: equal.
    public var head: AuditHead?
    /// The newest published checkpoint on the source, and on the target: equal.
    public var checkpoint: CheckpointRoot?
    /// `audit verify` on the copy.
    public var verified: AuditReport?

    public var decisions: Int { rows.first { $0.table == "decision" }?.count ?? 0 }
    public var entries: Int { rows.first { $0.table == "audit_entry" }?.count ?? 0 }
}

extension Register {
    /// Copies the whole register at `source` into a new register at `target` (a file where none is, or an empty
    /// PostgreSQL database), row for row: the same records, attachments, trail, tree, checkpoints, cosignatures,
    /// accounts and settings, so the copy exports the same bytes and has the same audit head and checkpoint root.
    /// The source is read in one transaction (others may go on writing it); the target is written in one
    /// transaction, and verified before it is reported.
    public static func copy(from source: String, to target: String) throws -> CopyReport {
        let from = try Register.open(path: source, for: .reading)
        if !PostgresLocation.isAddress(target), FileManager.default.fileExists(atPath: target) {
            throw RegisterError.invalid(
                Phrase(
                    sv: "\(target) finns redan; decreg copy skriver bara ett nytt register: ange en sökväg där ingen fil finns",
                    en: "\(target) exists already; decreg copy writes only a new register: give a path where no file is"),
                field: "--to")
        }
        let into = try Register.create(path: target)
        let report: CopyReport
        do {
            report = try from.read { source in
                try into.write { target in
                    try copyRows(from: source, to: target)
                }
            }
        } catch {
            // Nothing of the copy was committed: a file made for it is removed, a database left empty.
            into.discardNew(path: target)
            throw error
        }
        var checked = report
        checked.verified = try into.verifyAudit(published: report.head)
        guard try into.auditHead() == report.head, try into.latestCheckpointRoot() == report.checkpoint else {
            throw RegisterError.invalid(
                Phrase(
                    sv: "kopian i \(target) har inte samma granskningshuvud eller checkpoint som \(source)",
                    en: "the copy in \(target) does not have the same audit head or checkpoint as \(source)"),
                field: "--to")
        }
        return checked
    }

    /// The rows of every table from `source` into `target` (on PostgreSQL many rows to an INSERT: `Session.enqueue`).
    private static func copyRows(from source: Session, to target: Session) throws -> CopyReport {
        var counts: [(table: String, count: Int)] = []
        for (table, key) in RegisterTables.all {
            let cursor = try SQLRow.fetchCursor(source, sql: "SELECT * FROM \(table) ORDER BY \(key)")
            counts.append((table, try insertAll(cursor, into: table, target)))
        }
        let search = try SQLRow.fetchCursor(
            source,
            sql: "SELECT \(source.searchDecisionColumn), title, clauses, summary FROM decision_search ORDER BY 1")
        var searchRows = 0
        while let row = try search.next() {
            try target.enqueue(sql: target.searchTextInsert, values: row.values)
            searchRows += 1
        }
        counts.append((RegisterTables.search, searchRows))
        if target.engine == .postgresql {
            for table in RegisterTables.identities {
                try target.execute(
                    sql: """
                        SELECT setval(pg_get_serial_sequence('\(table)', 'id'), coalesce(max(id), 0) + 1, false)
                        FROM \(table)
                        """)
            }
        }
        let head = try AuditHead.latest(source)
        return CopyReport(
            rows: counts, head: head, checkpoint: try latestCheckpointRoot(source), verified: nil)
    }

    /// Inserts the cursor's rows into `table`; returns how many.
    private static func insertAll(_ cursor: SQLRowCursor, into table: String, _ target: Session) throws -> Int {
        var count = 0
        var insert: String?
        while let row = try cursor.next() {
            let sql = insert ?? """
                INSERT INTO \(table) (\(row.columns.joined(separator: ", ")))
                VALUES (\(Array(repeating: "?", count: row.count).joined(separator: ", ")))
                """
            insert = sql
            try target.enqueue(sql: sql, values: row.values)
            count += 1
        }
        return count
    }

    /// The newest published checkpoint's size and root, or nil when none was published.
    public func latestCheckpointRoot() throws -> CheckpointRoot? {
        try read { db in try Self.latestCheckpointRoot(db) }
    }

    private static func latestCheckpointRoot(_ db: Session) throws -> CheckpointRoot? {
        try SQLRow.fetchOne(db, sql: "SELECT size, root FROM checkpoint ORDER BY size DESC LIMIT 1")
            .map { CheckpointRoot(size: $0[0], root: [UInt8]($0[1] as Data)) }
    }

    /// Undoes `create` after a copy that failed: the new file is removed; a PostgreSQL database keeps the empty
    /// schema `create` made, which `copy` refuses again — so its tables are dropped.
    private func discardNew(path: String) {
        switch store {
        case .sqlite:
            unlink(path)
        case .postgres(let postgres):
            _ = try? postgres.transaction(writing: true) { db in
                let tables = RegisterTables.all.map(\.name) + [RegisterTables.search, "decreg_migration"]
                try db.execute(sql: "DROP TABLE IF EXISTS \(tables.joined(separator: ", ")) CASCADE")
                try db.execute(sql: "DROP FUNCTION IF EXISTS decreg_refuse()")
            }
        }
    }
}

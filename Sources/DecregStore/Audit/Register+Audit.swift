import DecregDomain
import GRDB

/// Which entries `audit log` shows.
public struct AuditFilter: Sendable {
    public var decision: String?
    public var actor: String?
    /// Entries at or after this day (UTC).
    public var since: LocalDate?

    public init(decision: String? = nil, actor: String? = nil, since: LocalDate? = nil) {
        self.decision = decision
        self.actor = actor
        self.since = since
    }
}

extension Register {
    /// The newest entry of the trail, or nil for an empty register.
    public func auditHead() throws -> AuditHead? {
        try read { db in try AuditHead.latest(db) }
    }

    /// Verifies the chain and the register's content against it, and a published head when given.
    public func verifyAudit(published: AuditHead? = nil) throws -> AuditReport {
        // A file register is read by two connections at once: the side checks take the second core.
        let sideChecks = sqliteWriter.flatMap { writer in
            writer.path.isEmpty || writer.path == ":memory:" ? nil : AuditSideChecks(path: writer.path)
        }
        return try read { db in try AuditVerifier.verify(db, published: published, sideChecks: sideChecks) }
    }

    /// SQLite's own integrity check: "ok", or what it found. PostgreSQL checks its pages as it reads them (and
    /// its checksums, where the cluster has them): a damaged page is an error of the read, not a finding here.
    public func integrityCheck() throws -> [String] {
        try read { db in
            switch db.engine {
            case .sqlite: try String.fetchAll(db, sql: "PRAGMA integrity_check")
            case .postgresql: ["ok"]
            }
        }
    }

    /// The audit trail, in order, filtered.
    public func auditEntries(_ filter: AuditFilter) throws -> [AuditEntry] {
        try read { db in
            var clauses: [String] = []
            var arguments = SQLArguments()
            if let decision = filter.decision {
                guard try DecisionLoader.id(db, ref: decision) != nil
                else { throw try RegisterError.unknown("decision", decision, field: "--decision", in: db) }
                clauses.append("decision_ref = ?")
                _ = arguments.append(contentsOf: [decision])
            }
            if let actor = filter.actor {
                clauses.append("actor = ?")
                _ = arguments.append(contentsOf: [actor])
            }
            if let since = filter.since {
                clauses.append("at >= ?")
                _ = arguments.append(contentsOf: [since.description])
            }
            let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            return try SQLRow.fetchAll(db, sql: "SELECT * FROM audit_entry \(whereClause) ORDER BY seq", arguments: arguments)
                .map(AuditEntry.init(row:))
        }
    }
}

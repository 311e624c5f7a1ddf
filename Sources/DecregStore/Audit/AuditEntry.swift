import DecregDomain
import GRDB

/// One entry of the audit trail: who changed which entity, when, through which command, from what to what.
public struct AuditEntry: Sendable, Equatable {
    public var seq: Int64
    /// UTC, ISO 8601 with milliseconds.
    public var at: String
    public var actor: String
    public var command: String
    /// `party`, `body`, `decision` or `payment`.
    public var entity: String
    public var key: String
    public var decision: String?
    public var reason: String?
    /// The entity's canonical JSON before and after the change; nil where it did not exist.
    public var before: String?
    public var after: String?
    public var previousHash: String
    public var hash: String

    init(row: SQLRow) {
        seq = row["seq"]
        at = row["at"]
        actor = row["actor"]
        command = row["command"]
        entity = row["entity"]
        key = row["key"]
        decision = row["decision_ref"]
        reason = row["reason"]
        before = row["before"]
        after = row["after"]
        previousHash = row["prev_hash"]
        hash = row["hash"]
    }

    /// Whether the stored hash is the hash of the entry's content and its predecessor's hash.
    public var hashIsValid: Bool {
        AuditTrail.hash(
            seq: seq, at: at, actor: actor, command: command, entity: entity, key: key, decision: decision,
            reason: reason, before: before, after: after, previousHash: previousHash) == hash
    }
}

extension Register {
    /// The audit trail in order, optionally only a decision's entries (see `auditEntries(_:)` for filters).
    public func auditEntries(decision: String? = nil) throws -> [AuditEntry] {
        try auditEntries(AuditFilter(decision: decision))
    }
}

extension AuditEntry {
    /// Each field the entry changed, with its value before and after; empty for a creation.
    public var changes: [FieldChange] { RecordChanges.between(before: before, after: after) }

    /// What the entry did: recorded, corrected, withdrawn, step added, …
    public var action: AuditAction { AuditAction(before: before, changes: changes, reason: reason) }
}

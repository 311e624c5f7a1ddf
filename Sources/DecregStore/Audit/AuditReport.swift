import GRDB

/// What `audit verify` found: the trail's length and head, and every problem, each naming the entry, entity,
/// table or row concerned.
public struct AuditReport: Sendable {
    public var entries = 0
    public var head: AuditHead?
    /// How many entities of each kind the register holds and the trail accounts for.
    public var checked: [String: Int] = [:]
    public var problems: [AuditProblem] = []

    public var intact: Bool { problems.isEmpty }
}

/// The newest entry of the trail: what a registrar publishes, `SEQ HASH`.
public struct AuditHead: Sendable, Equatable, CustomStringConvertible {
    public var seq: Int64
    public var hash: String

    public init(seq: Int64, hash: String) {
        self.seq = seq
        self.hash = hash
    }

    /// Reads `SEQ:HASH` (or `SEQ HASH`), as `audit head` prints it.
    public init?(parsing text: String) {
        let parts = text.split(whereSeparator: { $0 == ":" || $0 == " " })
        guard parts.count == 2, let seq = Int64(parts[0]), seq > 0, parts[1].count == 64,
            parts[1].allSatisfy({ $0.isHexDigit && !$0.isUppercase })
        else { return nil }
        self.seq = seq
        self.hash = String(parts[1])
    }

    public var description: String { "\(seq) \(hash)" }
}

extension AuditHead {
    /// The trail's newest entry as this connection sees it, or nil for an empty trail.
    static func latest(_ db: Database) throws -> AuditHead? {
        try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1").map {
            AuditHead(seq: $0[0], hash: $0[1])
        }
    }
}

/// One thing `audit verify` found wrong.
public enum AuditProblem: Sendable, Equatable, CustomStringConvertible {
    /// The trail itself is broken at this entry.
    case brokenChain(seq: Int64, reason: String)
    /// The published head is not in the trail as published.
    case headMismatch(AuditHead, found: String?)
    /// An entity's content differs from its last audit entry.
    case differs(entity: String, key: String, seq: Int64, table: String, detail: String)
    /// An entity in the register that no audit entry records.
    case unrecorded(entity: String, key: String, table: String)
    /// An entity the trail records that is gone from the register.
    case missing(entity: String, key: String, seq: Int64, table: String)
    /// Derived or stored data inconsistent with the rest: a status, the search index, an attachment's bytes,
    /// a row whose reference leads nowhere.
    case inconsistent(table: String, detail: String)

    public var description: String {
        switch self {
        case .brokenChain(let seq, let reason):
            return "audit entry \(seq): \(reason)"
        case .headMismatch(let head, let found):
            if let found {
                return "audit entry \(head.seq) has hash \(found), not the published \(head.hash): the trail was rewritten"
            }
            return "audit entry \(head.seq) of the published head is not in the trail: the trail was truncated"
        case .differs(let entity, let key, let seq, let table, let detail):
            return "\(entity) \(key) differs from its audit entry \(seq) (table \(table)): \(detail)"
        case .unrecorded(let entity, let key, let table):
            return "\(entity) \(key) (table \(table)) is not in the audit trail: it was added behind decreg's back"
        case .missing(let entity, let key, let seq, let table):
            return "\(entity) \(key) is recorded by audit entry \(seq) but is missing from table \(table)"
        case .inconsistent(let table, let detail):
            return "table \(table): \(detail)"
        }
    }
}

import DecregDomain
import Foundation
import GRDB

/// A party or body with when it was first recorded and last changed, from its audit entries.
public struct Recorded<Value: Sendable>: Sendable {
    public var value: Value
    public var times: RecordTimes
}

/// A decision as published with its times: the decision, its status and payments, and the times of the decision and
/// of each of its items, read from its audit entries in the same transaction.
public struct RecordedDecision: Sendable {
    public var stored: StoredDecision
    public var times: DecisionTimes
}

/// One page of the decisions a list selects, and how many it selects in all.
public struct RecordedDecisionPage: Sendable {
    public var total: Int
    public var items: [RecordedDecision]
}

/// Reads for publishing the register with its history's times (the OParl endpoint): each answer in one transaction,
/// so an object and its times are of the same moment.
extension Register {
    /// The first and latest entries' times of the audit trail; nil when it is empty.
    public func trailSpan() throws -> RecordTimes? {
        try read { db in
            // The first and the newest entry by their numbers: an index read, where min(at) would read them all.
            guard let first = try String.fetchOne(db, sql: "SELECT at FROM audit_entry ORDER BY seq LIMIT 1"),
                let last = try String.fetchOne(db, sql: "SELECT at FROM audit_entry ORDER BY seq DESC LIMIT 1")
            else { return nil }
            return RecordTimes(created: first, modified: max(first, last))
        }
    }

    /// The parties, by code, with their times.
    public func recordedParties() throws -> [Recorded<Party>] {
        try read { db in
            let times = try Self.entityTimes(db, "party")
            return try Self.parties(db).compactMap { party in times[party.code].map { Recorded(value: party, times: $0) } }
        }
    }

    /// The bodies, by code, with their times.
    public func recordedBodies() throws -> [Recorded<Body>] {
        try read { db in
            let times = try Self.entityTimes(db, "body")
            return try Self.bodies(db).compactMap { body in times[body.code].map { Recorded(value: body, times: $0) } }
        }
    }

    /// The decision with `ref` and its times.
    public func recordedDecision(_ ref: String) throws -> RecordedDecision {
        try read { db in
            guard let (_, stored) = try DecisionLoader.load(db, ref: ref),
                let times = try Self.decisionTimes(db, stored.decision)
            else { throw try RegisterError.unknown("decision", ref, field: nil, in: db) }
            return RecordedDecision(stored: stored, times: times)
        }
    }

    /// The decisions binding `party` whose own times are in `window`, in the order they were recorded (a stable
    /// order: a new decision comes last), `offset` of them skipped and at most `limit` read; withdrawn ones only
    /// when `withdrawn`.
    public func recordedDecisions(
        party: String, window: ChangeWindow, withdrawn: Bool, offset: Int, limit: Int
    ) throws -> RecordedDecisionPage {
        try read { db in
            var conditions: [SQLFragment] = []
            if let since = window.createdSince { conditions.append("substr(created, 1, 19) >= \(since)") }
            if let until = window.createdUntil { conditions.append("substr(created, 1, 19) <= \(until)") }
            if let since = window.modifiedSince { conditions.append("substr(modified, 1, 19) >= \(since)") }
            if let until = window.modifiedUntil { conditions.append("substr(modified, 1, 19) <= \(until)") }
            let withdrawnClause: SQLFragment = withdrawn ? "" : "AND d.withdrawn_reason IS NULL"
            let decisions: SQLFragment = """
                SELECT d.id, d.ref, d.withdrawn_reason FROM decision d
                JOIN decision_party dp ON dp.decision_id = d.id
                JOIN party p ON p.id = dp.party_id AND p.code = \(party)
                WHERE TRUE \(withdrawnClause)
                """
            // Without a window no times are needed to choose: the page is read by the decisions' ids alone.
            let selected: SQLFragment =
                conditions.isEmpty
                ? decisions
                : """
                    SELECT id, ref FROM (
                        SELECT d.id, d.ref, (SELECT min(at) FROM audit_entry WHERE decision_ref = d.ref) AS created,
                            \(Self.lastChanged(db)) AS modified
                        FROM (\(decisions)) d
                    ) AS timed WHERE \(conditions.joined(separator: " AND "))
                    """
            let total = try Int.fetchOne(db, "SELECT count(*) FROM (\(selected)) AS selected") ?? 0
            let refs = try String.fetchAll(
                db, "SELECT ref FROM (\(selected)) AS selected ORDER BY id LIMIT \(limit) OFFSET \(offset)")
            let items = try refs.compactMap { ref -> RecordedDecision? in
                guard let (_, stored) = try DecisionLoader.load(db, ref: ref),
                    let times = try Self.decisionTimes(db, stored.decision)
                else { return nil }
                return RecordedDecision(stored: stored, times: times)
            }
            return RecordedDecisionPage(total: total, items: items)
        }
    }

    /// The first and latest entry's times of each key of `entity`.
    private static func entityTimes(_ db: Session, _ entity: String) throws -> [String: RecordTimes] {
        var times: [String: RecordTimes] = [:]
        let rows = try SQLRow.fetchAll(
            db, sql: "SELECT key, min(at), max(at) FROM audit_entry WHERE entity = ? GROUP BY key", arguments: [entity])
        for row in rows { times[row[0]] = RecordTimes(created: row[1], modified: row[2]) }
        return times
    }

    /// When decision `d` (with its `id`, `ref` and `withdrawn_reason`) was last changed as published: its own latest
    /// entry, or, while it stands, a later one giving a body that handled it other parties — a body's parties decide
    /// whose word its steps are, and so the decision's status, finality and joint bodies. (A body's first entry has no
    /// record before it, and so counts too.) `decisionTimes` reads the same entries for each step.
    /// (CROSS JOIN keeps SQLite to the decision's steps first: by a body's entries first it walks every step of
    /// the body in the register, for each decision.)
    private static func lastChanged(_ db: Session) -> SQLFragment {
        """
        \(sql: db.greatest)(
            (SELECT max(at) FROM audit_entry WHERE decision_ref = d.ref),
            CASE WHEN d.withdrawn_reason IS NULL THEN coalesce(
                (SELECT max(a.at) FROM step s CROSS JOIN body b CROSS JOIN audit_entry a
                 WHERE s.decision_id = d.id AND b.id = s.body_id AND a.entity = 'body' AND a.key = b.code
                   AND \(bodyGotOtherParties(db))), '') ELSE '' END)
        """
    }

    /// An audit entry `a` about a body that gave it other parties than it had (or made it).
    private static func bodyGotOtherParties(_ db: Session) -> SQLFragment {
        "\(sql: db.jsonMember("a.before", "parties")) IS DISTINCT FROM \(sql: db.jsonMember("a.after", "parties"))"
    }

    /// A decision's times from its audit entries in order (the record after each entry about the decision), and each
    /// step's body's later changes of parties, as `lastChanged` reads them.
    private static func decisionTimes(_ db: Session, _ decision: Decision) throws -> DecisionTimes? {
        let rows = try SQLRow.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT at, CASE WHEN entity = 'decision' THEN after END FROM audit_entry
                    WHERE decision_ref = ? ORDER BY seq
                    """),
            arguments: [decision.ref])
        guard var times = DecisionTimes(rows.map { DecisionTimes.Entry(at: $0[0], record: $0[1]) }) else { return nil }
        let bodies = Set(decision.steps.map(\.body))
        guard !bodies.isEmpty else { return times }
        let changed = try SQLRow.fetchAll(
            db,
            ("""
                    SELECT a.key, max(a.at) FROM audit_entry a
                    WHERE a.entity = 'body' AND a.key IN \(Array(bodies)) AND \(bodyGotOtherParties(db))
                    GROUP BY a.key
                    """))
        for row in changed {
            let (body, at): (String, String) = (row[0], row[1])
            for (index, step) in decision.steps.enumerated() where step.body == body {
                times.bodyChanged(step: index, at: at)
            }
        }
        return times
    }
}

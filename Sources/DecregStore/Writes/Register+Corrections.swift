import DecregDomain
import GRDB

/// What a correction changes in a decision; nil leaves a field as it is.
public struct DecisionCorrection: Sendable {
    public var title: String?
    public var date: LocalDate?
    public var summary: String?
    /// The clauses, all of them, in order.
    public var clauses: [String]?

    public init(title: String? = nil, date: LocalDate? = nil, summary: String? = nil, clauses: [String]? = nil) {
        self.title = title
        self.date = date
        self.summary = summary
        self.clauses = clauses
    }

    public var isEmpty: Bool { title == nil && date == nil && summary == nil && clauses == nil }
}

extension Register {
    /// Records a corrected revision of a decision. The audit trail keeps the revision before it, who corrected
    /// it, when and why; nothing recorded is lost.
    public func correct(_ ref: String, _ correction: DecisionCorrection, context: ChangeContext) throws {
        let _ = try Self.requireReason(context)
        guard !correction.isEmpty else {
            throw RegisterError.invalid("say what to correct: --title, --date, --summary or --clause", field: nil)
        }
        _ = try changeDecision(ref, context: context) { db, decision, id, _ in
            if let title = correction.title { decision.title = title }
            if let date = correction.date { decision.date = date }
            if let summary = correction.summary { decision.summary = summary.isEmpty ? nil : summary }
            try db.execute(
                sql: "UPDATE decision SET title = ?, date = ?, summary = ? WHERE id = ?",
                arguments: [decision.title, decision.date.description, decision.summary, id])
            let rows = try DecisionRows(db)
            if let clauses = correction.clauses {
                decision.clauses = clauses
                try db.execute(sql: "DELETE FROM clause WHERE decision_id = ?", arguments: [id])
                try rows.insertClauses(clauses, decisionID: id)
            }
            try rows.indexText(decision, id: id)
        }
    }

    /// Marks a decision entered in error as withdrawn, with the reason. It stays in the register and the trail.
    public func withdraw(decision ref: String, context: ChangeContext) throws {
        let reason = try Self.requireReason(context)
        _ = try changeDecision(ref, context: context) { db, decision, id, _ in
            if let earlier = decision.withdrawn {
                throw RegisterError.invalid("\(ref) was withdrawn already: \(earlier)", field: nil)
            }
            decision.withdrawn = reason
            try db.execute(sql: "UPDATE decision SET withdrawn_reason = ? WHERE id = ?", arguments: [reason, id])
        }
    }

    /// Marks a payment entered in error as withdrawn, with the reason; it then counts for nothing.
    public func withdraw(payment number: Int64, context: ChangeContext) throws {
        let reason = try Self.requireReason(context)
        try writer.write { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT d.ref FROM payment pay JOIN decision d ON d.id = pay.decision_id WHERE pay.id = ?",
                arguments: [number])
            else { throw RegisterError.unknown(kind: "payment", key: String(number), field: nil) }
            let ref: String = row[0]
            guard let before = try DecisionLoader.load(db, ref: ref)?.1.payments.first(where: { $0.number == number })
            else { throw RegisterError.unknown(kind: "payment", key: String(number), field: nil) }
            if let earlier = before.withdrawn {
                throw RegisterError.invalid("payment \(number) was withdrawn already: \(earlier)", field: nil)
            }
            var after = before
            after.withdrawn = reason
            try db.execute(sql: "UPDATE payment SET withdrawn_reason = ? WHERE id = ?", arguments: [reason, number])
            var audit = try AuditTrail(db, context: context)
            try audit.record(
                entity: "payment", key: String(number), decision: ref, before: before.canonicalRecord,
                after: after.canonicalRecord)
        }
    }

    static func requireReason(_ context: ChangeContext) throws -> String {
        guard let reason = context.reason, !reason.trimmingSpaces().isEmpty else {
            throw RegisterError.invalid("give the reason (--reason): a correction is itself a dated, signed entry", field: "--reason")
        }
        return reason
    }
}

import DecregDomain
import GRDB

/// What a write added, and what it found already recorded identically.
public struct BatchSummary: Equatable, Sendable {
    public var partiesAdded = 0
    public var partiesUnchanged = 0
    public var bodiesAdded = 0
    public var bodiesUnchanged = 0
    public var decisionsAdded = 0
    public var paymentsAdded = 0
    public var auditEntries = 0

    public init() {}
}

extension Register {
    /// Adds everything in `batch`, or nothing. Parties and bodies declared again identically are left as they
    /// are, so files can repeat their reference data; declared differently, or a decision ref that exists, is an
    /// error naming where in the batch it stands (`decisions[2].ref`).
    @discardableResult
    public func add(_ batch: RegisterBatch, context: ChangeContext) throws -> BatchSummary {
        try writer.write { db in
            var summary = BatchSummary()
            var catalog = try Catalog(db)
            var audit = try AuditTrail(db, context: context)

            for (index, party) in batch.parties.enumerated() {
                let path = RegisterBatch.path("parties", index)
                if let existing = catalog.parties[party.code] {
                    guard existing.party == party else {
                        throw RegisterError.conflicting(
                            kind: "party", key: party.code, difference: Differences.of(existing.party, party),
                            field: path)
                    }
                    summary.partiesUnchanged += 1
                    continue
                }
                try db.cachedStatement(sql: "INSERT INTO party (code, name, kind, org_number) VALUES (?, ?, ?, ?)")
                    .execute(arguments: [
                        party.code, party.name, party.kind.rawValue, party.organisationNumber?.description,
                    ])
                catalog.parties[party.code] = (db.lastInsertedRowID, party)
                try audit.record(db, entity: "party", key: party.code, decision: nil, before: nil, after: party.json)
                summary.partiesAdded += 1
            }

            for (index, body) in batch.bodies.enumerated() {
                let path = RegisterBatch.path("bodies", index)
                if let existing = catalog.bodies[body.code] {
                    guard existing.body == body else {
                        throw RegisterError.conflicting(
                            kind: "body", key: body.code, difference: Differences.of(existing.body, body), field: path)
                    }
                    summary.bodiesUnchanged += 1
                    continue
                }
                guard !body.parties.isEmpty else {
                    throw RegisterError.invalid("a body belongs to at least one party", field: path + ".parties")
                }
                var partyIDs: [Int64] = []
                for (position, party) in body.parties.enumerated() {
                    let id = try catalog.partyID(party, field: path + ".parties[\(position)]")
                    guard !partyIDs.contains(id) else {
                        throw RegisterError.duplicate(kind: "party", key: party, field: path + ".parties[\(position)]")
                    }
                    partyIDs.append(id)
                }
                try db.cachedStatement(sql: "INSERT INTO body (code, name, kind) VALUES (?, ?, ?)")
                    .execute(arguments: [body.code, body.name, body.kind.rawValue])
                let bodyID = db.lastInsertedRowID
                for (position, partyID) in partyIDs.enumerated() {
                    try db.cachedStatement(sql: "INSERT INTO body_party (body_id, party_id, position) VALUES (?, ?, ?)")
                        .execute(arguments: [bodyID, partyID, position])
                }
                catalog.bodies[body.code] = (bodyID, body)
                try audit.record(db, entity: "body", key: body.code, decision: nil, before: nil, after: body.json)
                summary.bodiesAdded += 1
            }

            var decisionIDs: [String: Int64] = [:]
            let existingRef = try db.cachedStatement(sql: "SELECT id FROM decision WHERE ref = ?")
            for (index, decision) in batch.decisions.enumerated() {
                let path = RegisterBatch.path("decisions", index)
                let existing = try Int64.fetchOne(existingRef, arguments: [decision.ref])
                if decisionIDs[decision.ref] != nil || existing != nil {
                    throw RegisterError.duplicate(kind: "decision", key: decision.ref, field: path + ".ref")
                }
                try DecisionValidation.check(decision, at: path, catalog: catalog)
                decisionIDs[decision.ref] = try DecisionRows.insert(db, decision, catalog: catalog)
                try audit.record(
                    db, entity: "decision", key: decision.ref, decision: decision.ref, before: nil,
                    after: decision.recordJSON)
                summary.decisionsAdded += 1
            }

            for (index, payment) in batch.payments.enumerated() {
                let path = RegisterBatch.path("payments", index)
                let decisionID: Int64
                if let id = decisionIDs[payment.decision] {
                    decisionID = id
                } else if let id = try Int64.fetchOne(existingRef, arguments: [payment.decision]) {
                    decisionID = id
                } else {
                    throw RegisterError.unknown(kind: "decision", key: payment.decision, field: path + ".decision")
                }
                try PaymentRows.insert(db, payment, decisionID: decisionID, catalog: catalog, field: path)
                try audit.record(
                    db, entity: "payment", key: String(db.lastInsertedRowID), decision: payment.decision, before: nil,
                    after: payment.json)
                summary.paymentsAdded += 1
            }
            summary.auditEntries = audit.recorded
            return summary
        }
    }
}

/// Writes payment rows.
enum PaymentRows {
    static func insert(_ db: Database, _ payment: Payment, decisionID: Int64, catalog: Catalog, field: String?) throws {
        let partyID = try catalog.partyID(payment.party, field: field.map { $0 + ".party" } ?? "--party")
        try db.cachedStatement(
            sql: """
                INSERT INTO payment (decision_id, party_id, year, date, amount_minor, currency, reference)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            decisionID, partyID, payment.year, payment.date.description, payment.amount.minorUnits,
            payment.amount.currency.code, payment.reference,
        ])
    }
}

/// Says how two declarations of the same party or body differ, for the error that refuses the second.
enum Differences {
    static func of(_ old: Party, _ new: Party) -> String {
        var parts: [String] = []
        if old.name != new.name { parts.append("name '\(old.name)' ≠ '\(new.name)'") }
        if old.kind != new.kind { parts.append("kind \(old.kind.rawValue) ≠ \(new.kind.rawValue)") }
        if old.organisationNumber != new.organisationNumber {
            parts.append(
                "org number \(old.organisationNumber?.description ?? "none") ≠ \(new.organisationNumber?.description ?? "none")")
        }
        return parts.joined(separator: ", ")
    }

    static func of(_ old: Body, _ new: Body) -> String {
        var parts: [String] = []
        if old.name != new.name { parts.append("name '\(old.name)' ≠ '\(new.name)'") }
        if old.kind != new.kind { parts.append("kind \(old.kind.rawValue) ≠ \(new.kind.rawValue)") }
        if old.parties != new.parties {
            parts.append("parties \(old.parties.joined(separator: ",")) ≠ \(new.parties.joined(separator: ","))")
        }
        return parts.joined(separator: ", ")
    }
}

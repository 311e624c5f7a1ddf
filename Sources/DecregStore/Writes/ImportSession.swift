import DecregDomain
import GRDB

/// What a write added, and what it found already recorded identically.
public struct BatchSummary: Sendable {
    public var partiesAdded = 0
    public var partiesUnchanged = 0
    public var bodiesAdded = 0
    public var bodiesUnchanged = 0
    public var decisionsAdded = 0
    public var paymentsAdded = 0
    public var auditEntries = 0
    /// What was recorded but is worth a second look, each with where it stands in the input.
    public var warnings: [(field: String, message: String)] = []

    public init() {}
}

/// Adds entities one at a time inside one write transaction, so that an import of any size is all or nothing
/// and holds one decision in memory at a time. Each refusal names where the entity stands in its input
/// (`decisions[2].funding[0].shares.SLL`).
public struct ImportSession {
    private let db: Database
    private var catalog: Catalog
    private var audit: AuditTrail
    private let decisionRows: DecisionRows
    private let paymentRows: PaymentRows
    private let circumstances: ChangeCircumstances
    /// The decisions added in this session, by ref.
    private var decisionIDs: [String: Int64] = [:]
    /// Whether the register held decisions before the session: if not, a ref can only be taken by one added in
    /// it, and nothing needs looking up.
    private let registerHadDecisions: Bool
    public private(set) var summary = BatchSummary()

    init(_ db: Database, context: ChangeContext) throws {
        self.db = db
        catalog = try Catalog(db)
        audit = try AuditTrail(db, context: context)
        registerHadDecisions = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM decision)") ?? true
        decisionRows = try DecisionRows(db)
        paymentRows = try PaymentRows(db)
        circumstances = context.circumstances
    }

    /// Adds a party; one declared again identically is left as it is, one declared differently is refused.
    public mutating func add(_ party: Party, at path: String) throws {
        if let existing = catalog.parties[party.code] {
            guard existing.party == party else {
                throw RegisterError.conflicting(
                    kind: "party", key: party.code, difference: Differences.of(existing.party, party), field: path)
            }
            summary.partiesUnchanged += 1
            return
        }
        do throws(Refusal) {
            try CatalogRules.checkOrganisationNumber(
                party, others: catalog.parties.values.lazy.map(\.party), field: path + ".org_number")
        } catch { throw RegisterError(error) }
        try db.cachedStatement(sql: "INSERT INTO party (code, name, kind, org_number) VALUES (?, ?, ?, ?)")
            .execute(arguments: [party.code, party.name, party.kind.rawValue, party.organisationNumber?.description])
        catalog.parties[party.code] = (db.lastInsertedRowID, party)
        try audit.record(entity: "party", key: party.code, decision: nil, before: nil, after: party.canonicalRecord)
        summary.partiesAdded += 1
    }

    /// Adds a body of known parties; one declared again identically is left as it is.
    public mutating func add(_ body: Body, at path: String) throws {
        if let existing = catalog.bodies[body.code] {
            guard existing.body == body else {
                throw RegisterError.conflicting(
                    kind: "body", key: body.code, difference: Differences.of(existing.body, body), field: path)
            }
            summary.bodiesUnchanged += 1
            return
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
        try audit.record(entity: "body", key: body.code, decision: nil, before: nil, after: body.canonicalRecord)
        summary.bodiesAdded += 1
    }

    /// Adds a decision whose ref is new and whose references name parties and bodies in the register.
    public mutating func add(_ decision: Decision, at path: String) throws {
        guard decisionIDs[decision.ref] == nil, try storedDecisionID(decision.ref) == nil else {
            throw RegisterError.duplicate(kind: "decision", key: decision.ref, field: path + ".ref")
        }
        try DecisionValidation.check(decision, at: path, catalog: catalog)
        decisionIDs[decision.ref] = try decisionRows.insert(decision, catalog: catalog)
        try audit.record(
            entity: "decision", key: decision.ref, decision: decision.ref, before: nil, after: decision.canonicalRecord)
        summary.decisionsAdded += 1
    }

    /// Adds a payment to a decision in the register (or added earlier in this session).
    public mutating func add(_ payment: Payment, at path: String) throws {
        let decisionID: Int64
        if let id = decisionIDs[payment.decision] {
            decisionID = id
        } else if let id = try storedDecisionID(payment.decision) {
            decisionID = id
        } else {
            throw RegisterError.unknown(kind: "decision", key: payment.decision, field: path + ".decision")
        }
        let (number, warnings) = try paymentRows.insert(
            payment, decisionID: decisionID, again: false, catalog: catalog, circumstances: circumstances,
            field: { path + "." + $0 })
        summary.warnings += warnings.map { (path, $0) }
        try audit.record(
            entity: "payment", key: String(number), decision: payment.decision, before: nil,
            after: payment.canonicalRecord)
        summary.paymentsAdded += 1
    }

    /// The id of a decision that was in the register before the session.
    private func storedDecisionID(_ ref: String) throws -> Int64? {
        guard registerHadDecisions else { return nil }
        return try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM decision WHERE ref = ?"), arguments: [ref])
    }

    mutating func finish() -> BatchSummary {
        summary.auditEntries = audit.recorded
        return summary
    }
}

extension Register {
    /// Runs `body` with a session in one write transaction: everything it adds is recorded, or nothing is.
    public func importing(context: ChangeContext, _ body: (inout ImportSession) throws -> Void) throws -> BatchSummary {
        try writer.write { db in
            var session = try ImportSession(db, context: context)
            try body(&session)
            return session.finish()
        }
    }

    /// Adds everything in `batch`, or nothing: parties, bodies, decisions, then payments.
    @discardableResult
    public func add(_ batch: RegisterBatch, context: ChangeContext) throws -> BatchSummary {
        try importing(context: context) { session in
            for (index, party) in batch.parties.enumerated() {
                try session.add(party, at: RegisterBatch.path("parties", index))
            }
            for (index, body) in batch.bodies.enumerated() {
                try session.add(body, at: RegisterBatch.path("bodies", index))
            }
            for (index, decision) in batch.decisions.enumerated() {
                try session.add(decision, at: RegisterBatch.path("decisions", index))
            }
            for (index, payment) in batch.payments.enumerated() {
                try session.add(payment, at: RegisterBatch.path("payments", index))
            }
        }
    }
}

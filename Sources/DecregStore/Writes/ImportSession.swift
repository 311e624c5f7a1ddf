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
    public var warnings: [(field: String, message: Phrase)] = []

    public init() {}
}

/// Adds entities one at a time inside one write transaction, so that an import of any size is all or nothing
/// and holds one decision in memory at a time. Each refusal names where the entity stands in its input
/// (`decisions[2].funding[0].shares.SLL`).
///
/// A session goes on after a refusal, so that one run finds every problem of a file: from the first refusal on
/// nothing more can be recorded (the transaction will be rolled back), so the session only checks what it is
/// given (payments to recorded decisions are still inserted, for their rules to see them as any other), and takes
/// what it refused as declared, so that what refers to it is not refused for that too.
public struct ImportSession {
    private let db: Session
    private var catalog: Catalog
    private var audit: AuditTrail
    private let decisionRows: DecisionRows
    private let paymentRows: PaymentRows
    private let circumstances: ChangeCircumstances
    /// Who makes the import, whose rights each entity must be within.
    private let context: ChangeContext
    /// The decisions added in this session, by ref (`checkedOnly` for those only checked).
    private var decisionIDs: [String: Int64] = [:]
    /// What the payments' rules look at of the decisions paid towards, kept up to date as their payments are
    /// recorded, so that checking them reads nothing back: made from each decision added in this session, and read
    /// once for a recorded one. At most `ledgersKept` at a time (a few hundred bytes each), so an import's memory
    /// stays flat however many decisions it adds: when full they are let go, and a payment to a decision without
    /// one reads its decision's ledger from the rows written, once for its run of payments.
    private var ledgers: [String: PaymentLedger] = [:]
    static let ledgersKept = 20_000
    /// The ids of the decisions whose ledgers were last read together, and how many: while payments go on to the
    /// decisions after them (an export's order), each read takes twice as many, up to 1 024; a payment elsewhere
    /// reads its own decision's alone.
    private var ledgersRead: (last: Int64, count: Int64) = (0, 1)
    /// Whether the register held decisions before the session: if not, a ref can only be taken by one added in
    /// it, and nothing needs looking up.
    private let registerHadDecisions: Bool
    /// Whether the session still writes: until its first refusal.
    public private(set) var writing = true
    public private(set) var summary = BatchSummary()

    /// The id of what a session only checked, never written.
    private static let checkedOnly: Int64 = -1

    init(_ db: Session, context: ChangeContext) throws {
        self.db = db
        catalog = try Catalog(db)
        audit = try AuditTrail(db, context: context)
        registerHadDecisions = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM decision)") ?? true
        decisionRows = try DecisionRows(db)
        paymentRows = try PaymentRows(db)
        circumstances = context.circumstances
        self.context = context
    }

    /// Adds a party; one declared again identically is left as it is, one declared differently is refused.
    public mutating func add(_ given: Party, at path: String) throws {
        var refusals: [Refusal] = []
        let party = given.checkedTexts(field: { path + "." + $0 }, refusals: &refusals)
        guard refusals.isEmpty else {
            writing = false
            if catalog.parties[party.code] == nil { catalog.parties[party.code] = (Self.checkedOnly, party) }
            throw RegisterRefusals(refusals.map(RegisterError.init))
        }
        if let existing = catalog.parties[party.code] {
            guard existing.party == party || existing.id == Self.checkedOnly else {
                writing = false
                throw RegisterError.conflicting(
                    kind: "party", key: party.code, difference: Differences.of(existing.party, party), field: path)
            }
            summary.partiesUnchanged += 1
            return
        }
        try context.permitAdministration()
        do throws(Refusal) {
            try CatalogRules.checkOrganisationNumber(
                party, others: catalog.parties.values.lazy.map(\.party), field: path + ".org_number")
        } catch {
            writing = false
            catalog.parties[party.code] = (Self.checkedOnly, party)
            throw RegisterError(error)
        }
        guard writing else {
            catalog.parties[party.code] = (Self.checkedOnly, party)
            return
        }
        let partyID = try db.insert(
            sql: "INSERT INTO party (code, name, kind, org_number) VALUES (?, ?, ?, ?)",
            arguments: [party.code, party.name, party.kind.rawValue, party.organisationNumber?.description])
        catalog.parties[party.code] = (partyID, party)
        try audit.record(entity: "party", key: party.code, decision: nil, before: nil, after: party.canonicalRecord)
        summary.partiesAdded += 1
    }

    /// Adds a body of known parties; one declared again identically is left as it is.
    public mutating func add(_ given: Body, at path: String) throws {
        var refusals: [Refusal] = []
        let body = given.checkedTexts(field: { path + "." + $0 }, refusals: &refusals)
        guard refusals.isEmpty else {
            refused(body: body.code)
            throw RegisterRefusals(refusals.map(RegisterError.init))
        }
        if let existing = catalog.bodies[body.code] {
            guard existing.body == body || existing.id == Self.checkedOnly else {
                writing = false
                throw RegisterError.conflicting(
                    kind: "body", key: body.code, difference: Differences.of(existing.body, body), field: path)
            }
            summary.bodiesUnchanged += 1
            return
        }
        try context.permitAdministration()
        var problems: [RegisterError] = []
        if body.parties.isEmpty {
            problems.append(.invalid(.bodyNeedsParty, field: path + ".parties"))
        }
        var partyIDs: [Int64] = []
        for (position, party) in body.parties.enumerated() {
            do {
                let id = try catalog.partyID(party, field: path + ".parties[\(position)]")
                if body.parties[..<position].contains(party) {
                    problems.append(.duplicate(kind: "party", key: party, field: path + ".parties[\(position)]"))
                }
                partyIDs.append(id)
            } catch {
                problems.append(error)
            }
        }
        guard problems.isEmpty else {
            refused(body: body.code)
            throw RegisterRefusals(problems)
        }
        guard writing else {
            catalog.bodies[body.code] = (Self.checkedOnly, body)
            return
        }
        let bodyID = try db.insert(
            sql: "INSERT INTO body (code, name, kind) VALUES (?, ?, ?)", arguments: [body.code, body.name, body.kind.rawValue])
        for (position, partyID) in partyIDs.enumerated() {
            try db.cachedStatement(sql: "INSERT INTO body_party (body_id, party_id, position) VALUES (?, ?, ?)")
                .execute(arguments: [bodyID, partyID, position])
        }
        catalog.bodies[body.code] = (bodyID, body)
        try audit.record(entity: "body", key: body.code, decision: nil, before: nil, after: body.canonicalRecord)
        summary.bodiesAdded += 1
    }

    /// Adds a decision whose ref is new and whose references name parties and bodies in the register.
    /// Its texts are checked (and stored in NFC) with every other rule, so one run names all its problems.
    public mutating func add(_ given: Decision, at path: String) throws {
        try context.permitAdding(given)
        var problems: [RegisterError] = []
        if try decisionIDs[given.ref] != nil || storedDecisionID(given.ref) != nil {
            problems.append(.duplicate(kind: "decision", key: given.ref, field: path + ".ref"))
        }
        var refusals: [Refusal] = []
        let decision = given.checkedTexts(field: { path + "." + $0 }, refusals: &refusals)
        problems += refusals.map(RegisterError.init)
        problems += DecisionValidation.check(decision, at: path, catalog: catalog)
        guard problems.isEmpty else {
            refused(decision: decision.ref)
            throw RegisterRefusals(problems)
        }
        guard writing else {
            decisionIDs[decision.ref] = Self.checkedOnly
            return
        }
        decisionIDs[decision.ref] = try decisionRows.insert(decision, catalog: catalog)
        if ledgers.count == Self.ledgersKept { ledgers.removeAll(keepingCapacity: true) }
        ledgers[decision.ref] = PaymentLedger(newlyAdded: decision)
        try audit.record(
            entity: "decision", key: decision.ref, decision: decision.ref, before: nil, after: decision.canonicalRecord)
        summary.decisionsAdded += 1
    }

    /// Adds a payment to a decision in the register (or added earlier in this session); `again` records it although
    /// the same payment stands (a second instalment).
    public mutating func add(_ given: Payment, again: Bool = false, at path: String) throws {
        try context.permitPayment(by: given.party)
        var refusals: [Refusal] = []
        let payment = given.checkedTexts(field: { path + "." + $0 }, refusals: &refusals)
        guard refusals.isEmpty else {
            writing = false
            throw RegisterRefusals(refusals.map(RegisterError.init))
        }
        let decisionID: Int64
        if let id = decisionIDs[payment.decision] {
            decisionID = id
        } else if let id = try storedDecisionID(payment.decision) {
            decisionID = id
        } else {
            writing = false
            var missing = try RegisterError.unknown("decision", payment.decision, field: path + ".decision", in: db)
            if case .unknown(let kind, let key, let field, let suggestions) = missing, suggestions.isEmpty {
                // Decisions only checked in this session are in no table: they are looked at too.
                missing = .unknown(
                    kind: kind, key: key, field: field, suggestions: NearestKeys.among(decisionIDs.keys, nearest: key))
            }
            do { _ = try catalog.partyID(payment.party, field: path + ".party") } catch {
                throw RegisterRefusals([missing, error])
            }
            throw missing
        }
        if decisionID == Self.checkedOnly || catalog.parties[payment.party]?.id == Self.checkedOnly {
            // A decision or party only checked in this session is in no table: the payment's own rules cannot ask
            // about it.
            do { _ = try catalog.partyID(payment.party, field: path + ".party") } catch {
                writing = false
                throw error
            }
            return
        }
        // Once nothing more will be recorded, a payment to a recorded decision is still inserted, to be checked
        // by its rules as any other: the row goes with the transaction when it is rolled back.
        let (number, warnings): (Int64, [Phrase])
        do {
            let ledger: PaymentLedger
            if let kept = ledgers[payment.decision] {
                ledger = kept
            } else {
                // A recorded decision, or one added before the ledgers were let go: read once (with the decisions
                // after it, when payments run through them), then kept.
                let onwards = decisionID > ledgersRead.last && decisionID - ledgersRead.last <= ledgersRead.count
                let count = onwards ? min(ledgersRead.count * 2, 1_024) : 1
                ledgersRead = (decisionID + count - 1, count)
                let read = try PaymentRows.ledgers(db, ids: decisionID...ledgersRead.last)
                if ledgers.count + read.count > Self.ledgersKept { ledgers.removeAll(keepingCapacity: true) }
                for (ref, stored) in read where ledgers[ref] == nil { ledgers[ref] = stored }
                ledger = ledgers[payment.decision]
                    ?? PaymentLedger(decision: payment.decision, parties: [], funding: [], payments: [])
                ledgers[payment.decision] = ledger
            }
            (number, warnings) = try paymentRows.insert(
                payment, decisionID: decisionID, ledger: ledger, again: again, catalog: catalog,
                circumstances: circumstances, field: { path + "." + $0 })
        } catch {
            writing = false
            throw error
        }
        var recorded = payment
        recorded.number = number
        ledgers[payment.decision]?.record(recorded)
        guard writing else { return }
        summary.warnings += warnings.map { (path, $0) }
        try audit.record(
            entity: "payment", key: String(number), decision: payment.decision, before: nil,
            after: payment.canonicalRecord)
        summary.paymentsAdded += 1
    }

    /// Takes a party, body or decision that its input declares but that could not be read as declared (when its
    /// key could be read), so that what refers to it is not refused for that too; nothing more is recorded in this
    /// session.
    public mutating func unread(_ kind: DeclaredKind, key: String?) {
        writing = false
        guard let key else { return }
        switch kind {
        case .party:
            if catalog.parties[key] == nil { catalog.parties[key] = (Self.checkedOnly, Party(code: key, name: key)) }
        case .body: refused(body: key)
        case .decision: refused(decision: key)
        case .payment: break
        }
    }

    /// Records nothing more in this session, which is to be rolled back: what it is given from here on is only
    /// checked. For an entity that could not be read whole, before what could be read of it is checked.
    public mutating func stopWriting() {
        writing = false
    }

    /// The kinds of entity an input holds.
    public enum DeclaredKind: Sendable {
        case party, body, decision, payment
    }

    private mutating func refused(body code: String) {
        writing = false
        if catalog.bodies[code] == nil {
            catalog.bodies[code] = (Self.checkedOnly, Body(code: code, name: code, parties: []))
        }
    }

    private mutating func refused(decision ref: String) {
        writing = false
        // A ref a recorded decision has keeps naming it: payments to it are checked against it.
        if decisionIDs[ref] == nil, (try? storedDecisionID(ref)) == .some(nil) { decisionIDs[ref] = Self.checkedOnly }
    }

    /// The id of a decision that was in the register before the session.
    /// Asked only of refs this session has not added (`decisionIDs` holds those): the rows it has yet to send
    /// cannot answer, so they are not sent first (on PostgreSQL an import into a register that holds decisions would
    /// otherwise send its rows decision by decision).
    private func storedDecisionID(_ ref: String) throws -> Int64? {
        guard registerHadDecisions else { return nil }
        return try db.rowRecordedBeforeWaiting(sql: "SELECT id FROM decision WHERE ref = ?", arguments: [ref])
            .map { $0[0] }
    }

    mutating func finish() -> BatchSummary {
        summary.auditEntries = audit.recorded
        return summary
    }
}

/// Several refusals of one entity, in the order of its fields: a decision naming two unknown parties and a body.
public struct RegisterRefusals: Error, Equatable, CustomStringConvertible, SpokenError {
    public var refusals: [RegisterError]

    public init(_ refusals: [RegisterError]) {
        self.refusals = refusals
    }

    public func lines(_ language: Language) -> [String] { refusals.map { $0.text(language) } }

    public var description: String { lines(.en).joined(separator: "\n") }
}

extension Register {
    /// Runs `body` with a session in one write transaction: everything it adds is recorded, or nothing is.
    public func importing(context: ChangeContext, _ body: (inout ImportSession) throws -> Void) throws -> BatchSummary {
        try write { db in
            var session = try ImportSession(db, context: context)
            try body(&session)
            return session.finish()
        }
    }

    /// Adds everything in `batch`, or nothing: parties, bodies, decisions, then payments. Throws the first
    /// refusal.
    @discardableResult
    public func add(_ batch: RegisterBatch, context: ChangeContext) throws -> BatchSummary {
        do { return try adding(batch, context: context) } catch let several as RegisterRefusals {
            throw several.refusals[0]
        }
    }

    private func adding(_ batch: RegisterBatch, context: ChangeContext) throws -> BatchSummary {
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

import DecregDomain
import GRDB

/// What a change to the register came to: the decision's status after it, and what is recorded but worth a
/// second look.
public struct ChangeResult: Sendable, Equatable {
    /// The decision's status after the change (for a payment, its decision's).
    public var status: DecisionStatus?
    /// A payment's number, once recorded.
    public var payment: Int64?
    public var warnings: [Phrase]

    public init(status: DecisionStatus?, payment: Int64?, warnings: [Phrase]) {
        self.status = status
        self.payment = payment
        self.warnings = warnings
    }
}

/// The one way every change is executed: the operation's own rules (DecregDomain's `DecisionChange`,
/// `PaymentChange`, `CatalogChange`), then its rows, the decision's derived status and its audit entry with the
/// record before and after, in one transaction. The command line, imports and the web build the operations.
extension Register {
    /// Applies a change to decision `ref`.
    @discardableResult
    public func apply(_ change: DecisionChange, to ref: String, context: ChangeContext) throws -> ChangeResult {
        try write { db in
            guard let (id, stored) = try DecisionLoader.load(db, ref: ref) else {
                throw try RegisterError.unknown("decision", ref, field: nil, in: db)
            }
            let catalog = try Catalog(db)
            if let account = context.account {
                do throws(NotPermitted) { try AccessRules.check(change, to: stored.decision, by: account, register: catalog) } catch {
                    throw RegisterError(error)
                }
            }
            var decision = stored.decision
            let warnings = try RegisterError.checking { () throws(Refusal) in
                try change.apply(
                    to: &decision, payments: stored.payments, register: catalog, circumstances: context.circumstances)
            }
            try DecisionRows(db).rewrite(decision, over: stored.decision, id: id, catalog: catalog)
            var audit = try AuditTrail(db, context: context)
            try audit.record(
                entity: "decision", key: ref, decision: ref, before: stored.decision.canonicalRecord,
                after: decision.canonicalRecord)
            return ChangeResult(status: catalog.status(of: decision), payment: nil, warnings: warnings)
        }
    }

    /// Applies a change to the register's payments.
    @discardableResult
    public func apply(_ change: PaymentChange, context: ChangeContext) throws -> ChangeResult {
        try write { db in
            let catalog = try Catalog(db)
            var audit = try AuditTrail(db, context: context)
            switch change {
            case .add(let given, let again):
                let payment = try RegisterError.checking { () throws(Refusal) in
                    try TextRules.first { given.checkedTexts(field: TextRules.option, refusals: &$0) }
                }
                try context.permitPayment(by: payment.party)
                guard let decisionID = try DecisionLoader.id(db, ref: payment.decision) else {
                    throw try RegisterError.unknown("decision", payment.decision, field: nil, in: db)
                }
                let rows = try PaymentRows(db)
                let (number, warnings) = try rows.insert(
                    payment, decisionID: decisionID,
                    ledger: PaymentRows.ledger(db, decision: payment.decision, decisionID: decisionID), again: again,
                    catalog: catalog, circumstances: context.circumstances, field: context.field)
                try audit.record(
                    entity: "payment", key: String(number), decision: payment.decision, before: nil,
                    after: payment.canonicalRecord)
                return ChangeResult(status: nil, payment: number, warnings: warnings)
            case .correct(let number, let correction):
                let circumstances = context.circumstances
                _ = try RegisterError.checking { () throws(Refusal) in try circumstances.requiredReason() }
                let (decisionID, before) = try PaymentRows.standing(db, number: number)
                try context.permitPayment(by: before.party)
                let after = try RegisterError.checking { () throws(Refusal) in try correction.applied(to: before) }
                try context.permitPayment(by: after.party)
                let partyID = try catalog.partyID(after.party, field: "--party")
                let facts = try PaymentRows.ledger(db, decision: after.decision, decisionID: decisionID)
                    .facts(for: after, excluding: number)
                let warnings = try RegisterError.checking { () throws(Refusal) in
                    try PaymentRules.check(
                        after, facts: facts, again: true, circumstances: circumstances, field: context.field)
                }
                try db.execute(
                    sql: """
                        UPDATE payment SET party_id = ?, year = ?, date = ?, amount_minor = ?, currency = ?,
                                           reference = ?
                        WHERE id = ?
                        """,
                    arguments: [
                        partyID, after.year, after.date.description, after.amount.minorUnits,
                        after.amount.currency.code, after.reference, number,
                    ])
                try audit.record(
                    entity: "payment", key: String(number), decision: before.decision, before: before.canonicalRecord,
                    after: after.canonicalRecord)
                return ChangeResult(status: nil, payment: number, warnings: warnings)
            case .withdraw(let number):
                let reason = try RegisterError.checking { () throws(Refusal) in
                    try context.circumstances.requiredReason()
                }
                let (_, before) = try PaymentRows.standing(db, number: number)
                try context.permitPayment(by: before.party)
                var after = before
                after.withdrawn = reason
                try db.execute(sql: "UPDATE payment SET withdrawn_reason = ? WHERE id = ?", arguments: [reason, number])
                try audit.record(
                    entity: "payment", key: String(number), decision: before.decision, before: before.canonicalRecord,
                    after: after.canonicalRecord)
                return ChangeResult(status: nil, payment: number, warnings: [])
            }
        }
    }

    /// Applies a correction to a party or body. A body's parties decide whose word its steps are, so the status
    /// of every decision it handled is derived again.
    public func apply(_ change: CatalogChange, context: ChangeContext) throws {
        try write { db in
            try context.permitAdministration()
            let catalog = try Catalog(db)
            var audit = try AuditTrail(db, context: context)
            _ = try RegisterError.checking { () throws(Refusal) in try context.circumstances.requiredReason() }
            switch change {
            case .correctParty(let code, let correction):
                guard let (id, before) = catalog.parties[code] else {
                    throw RegisterError.unknown(kind: "party", key: code, field: nil)
                }
                let after = try RegisterError.checking { () throws(Refusal) in
                    let after = try correction.applied(to: before)
                    try CatalogRules.checkOrganisationNumber(
                        after, others: catalog.parties.values.map(\.party), field: "--org-number")
                    return after
                }
                try db.execute(
                    sql: "UPDATE party SET name = ?, kind = ?, org_number = ? WHERE id = ?",
                    arguments: [after.name, after.kind.rawValue, after.organisationNumber?.description, id])
                try audit.record(
                    entity: "party", key: code, decision: nil, before: before.canonicalRecord,
                    after: after.canonicalRecord)
            case .correctBody(let code, let correction):
                guard let (id, before) = catalog.bodies[code] else {
                    throw RegisterError.unknown(kind: "body", key: code, field: nil)
                }
                let after = try RegisterError.checking { () throws(Refusal) in
                    let after = try correction.applied(to: before)
                    try CatalogRules.checkBodyParties(after, register: catalog, field: "--party")
                    return after
                }
                try db.execute(
                    sql: "UPDATE body SET name = ?, kind = ? WHERE id = ?",
                    arguments: [after.name, after.kind.rawValue, id])
                if after.parties != before.parties {
                    try db.execute(sql: "DELETE FROM body_party WHERE body_id = ?", arguments: [id])
                    for (position, party) in after.parties.enumerated() {
                        try db.execute(
                            sql: "INSERT INTO body_party (body_id, party_id, position) VALUES (?, ?, ?)",
                            arguments: [id, try catalog.partyID(party, field: "--party"), position])
                    }
                    var updated = catalog
                    updated.bodies[code] = (id, after)
                    for ref in try String.fetchAll(
                        db,
                        sql: """
                            SELECT DISTINCT d.ref FROM step s JOIN decision d ON d.id = s.decision_id
                            WHERE s.body_id = ?
                            """, arguments: [id])
                    {
                        guard let (decisionID, stored) = try DecisionLoader.load(db, ref: ref) else { continue }
                        try DecisionRows.updateStatus(db, stored.decision, id: decisionID, catalog: updated)
                    }
                }
                try audit.record(
                    entity: "body", key: code, decision: nil, before: before.canonicalRecord,
                    after: after.canonicalRecord)
            }
        }
    }
}

extension ChangeContext {
    /// A field as the way in names it: an option on the command line (`--again`), the field itself for a form or
    /// the API (`again`).
    func field(_ name: String) -> String { account == nil ? "--" + name : name }

    /// Whether the signed-in account may record, correct or withdraw a payment by `party`.
    func permitPayment(by party: String) throws(RegisterError) {
        guard let account else { return }
        do throws(NotPermitted) { try AccessRules.checkPayment(by: party, account: account) } catch { throw RegisterError(error) }
    }

    /// Whether the signed-in account may change parties, bodies and accounts.
    func permitAdministration() throws(RegisterError) {
        guard let account else { return }
        do throws(NotPermitted) { try AccessRules.checkAdministration(by: account) } catch { throw RegisterError(error) }
    }

    /// Whether the signed-in account may add `decision`.
    func permitAdding(_ decision: Decision) throws(RegisterError) {
        guard let account else { return }
        do throws(NotPermitted) { try AccessRules.checkAdd(decision, by: account) } catch { throw RegisterError(error) }
    }
}

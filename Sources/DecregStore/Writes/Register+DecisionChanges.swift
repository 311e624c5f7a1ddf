import DecregDomain
import GRDB

extension Register {
    /// Records a handling step; the decision's status follows from it.
    public func addStep(_ step: HandlingStep, to ref: String, context: ChangeContext) throws -> DecisionStatus {
        try changeDecision(ref, context: context) { db, decision, id, catalog in
            _ = try catalog.bodyID(step.body, field: "--body")
            try DecisionRows(db).insertStep(step, position: decision.steps.count, decisionID: id, catalog: catalog)
            decision.steps.append(step)
        }
    }

    /// Sets a year's funding: its total and shares. A year already funded is replaced; the audit trail keeps
    /// what it was.
    public func setFunding(_ funding: FundingYear, for ref: String, context: ChangeContext) throws -> DecisionStatus {
        try changeDecision(ref, context: context) { db, decision, id, catalog in
            var sharing = Set<String>()
            for share in funding.shares {
                let option = funding.isSplit ? "--split" : "--share"
                _ = try catalog.partyID(share.party, field: option)
                guard sharing.insert(share.party).inserted else {
                    throw RegisterError.duplicate(kind: "share for", key: share.party, field: option)
                }
            }
            try DecisionRows.deleteFunding(db, year: funding.year, decisionID: id)
            try DecisionRows(db).insertFunding(funding, decisionID: id, catalog: catalog)
            decision.funding.removeAll { $0.year == funding.year }
            decision.funding.append(funding)
            decision.funding.sort { $0.year < $1.year }
        }
    }

    /// Stores a document with the decision under a label that is not yet taken.
    public func addAttachment(_ attachment: Attachment, to ref: String, context: ChangeContext) throws {
        _ = try changeDecision(ref, context: context) { db, decision, id, _ in
            guard !decision.attachments.contains(where: { $0.label == attachment.label }) else {
                throw RegisterError.duplicate(kind: "attachment", key: attachment.label, field: "--label")
            }
            try DecisionRows(db).insertAttachment(attachment, position: decision.attachments.count, decisionID: id)
            var listed = attachment
            listed.content = nil
            decision.attachments.append(listed)
        }
    }

    /// Records a payment towards a party's share of a decision's funding.
    public func addPayment(_ payment: Payment, context: ChangeContext) throws {
        try add(RegisterBatch(payments: [payment]), context: context)
    }

    /// Loads a decision, lets `change` write its rows and update the model, then refreshes the derived status
    /// and records the before and after states in the audit trail, all in one transaction.
    func changeDecision(
        _ ref: String, context: ChangeContext,
        _ change: (Database, inout Decision, Int64, Catalog) throws -> Void
    ) throws -> DecisionStatus {
        try writer.write { db in
            guard let (id, stored) = try DecisionLoader.load(db, ref: ref) else {
                throw RegisterError.unknown(kind: "decision", key: ref, field: nil)
            }
            let catalog = try Catalog(db)
            var decision = stored.decision
            try change(db, &decision, id, catalog)
            try DecisionRows.updateStatus(db, decision, id: id, catalog: catalog)
            var audit = try AuditTrail(db, context: context)
            try audit.record(
                entity: "decision", key: ref, decision: ref, before: stored.decision.canonicalRecord,
                after: decision.canonicalRecord)
            return catalog.status(of: decision)
        }
    }
}

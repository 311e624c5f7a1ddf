import DecregDomain
import Foundation

/// Writes a batch as JSON in the import schema, attachments inline as base64. The output depends only on the
/// register's content, so importing it into an empty register and exporting again gives the same bytes.
public enum ExportWriter {
    public static func json(_ batch: RegisterBatch) -> String {
        var out: [UInt8] = []
        var stream = ExportStream { out.append(contentsOf: $0) }
        batch.parties.forEach { stream.add($0) }
        batch.bodies.forEach { stream.add($0) }
        batch.decisions.forEach { stream.add($0) }
        batch.payments.forEach { stream.add($0) }
        stream.finish()
        return String(decoding: out, as: UTF8.self)
    }

    static func party(_ party: Party) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("code", .string(party.code)), ("name", .string(party.name)), ("kind", .string(party.kind.rawValue)),
        ]
        if let number = party.organisationNumber { members.append(("org_number", .string(number.description))) }
        return .object(members)
    }

    static func body(_ body: Body) -> JSONValue {
        .object([
            ("code", .string(body.code)), ("name", .string(body.name)), ("kind", .string(body.kind.rawValue)),
            ("parties", .array(body.parties.map(JSONValue.string))),
        ])
    }

    static func decision(_ decision: Decision) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("ref", .string(decision.ref)), ("title", .string(decision.title)),
            ("date", .string(decision.date.description)), ("parties", .array(decision.parties.map(JSONValue.string))),
        ]
        if !decision.caseNumbers.isEmpty {
            members.append(("case_numbers", .object(decision.caseNumbers.map { ($0.party, .string($0.number)) })))
        }
        if let summary = decision.summary { members.append(("summary", .string(summary))) }
        if !decision.clauses.isEmpty { members.append(("clauses", .array(decision.clauses.map(JSONValue.string)))) }
        if !decision.funding.isEmpty { members.append(("funding", .array(decision.funding.map(funding)))) }
        if !decision.steps.isEmpty { members.append(("steps", .array(decision.steps.map(step)))) }
        if !decision.signatories.isEmpty {
            members.append(("signatories", .array(decision.signatories.map(signatory))))
        }
        if !decision.attachments.isEmpty {
            members.append(("attachments", .array(decision.attachments.map(attachment))))
        }
        if !decision.appeals.isEmpty {
            members.append(
                (
                    "appeals",
                    .array(decision.appeals.map { appeal in
                        var members: [(String, JSONValue)] = [
                            ("party", .string(appeal.party)), ("lodged", .string(appeal.lodged.description)),
                        ]
                        if let court = appeal.court { members.append(("court", .string(court))) }
                        if let number = appeal.caseNumber { members.append(("case", .string(number))) }
                        if let outcome = appeal.outcome { members.append(("outcome", .string(outcome.rawValue))) }
                        if let decided = appeal.decided { members.append(("decided", .string(decided.description))) }
                        return .object(members)
                    })
                ))
        }
        if let withdrawn = decision.withdrawn { members.append(("withdrawn", .string(withdrawn))) }
        return .object(members)
    }

    static func funding(_ year: FundingYear) -> JSONValue {
        let currency = year.total.currency
        let shares: (String, JSONValue) =
            year.isSplit
            ? ("split", .object(year.shares.map { ($0.party, .string($0.part?.text ?? "")) }))
            : ("shares", .object(year.shares.map { ($0.party, amount($0.amount, in: currency)) }))
        return .object(withdrawable: year.withdrawn, [
            ("year", .int(Int64(year.year))), ("currency", .string(currency.code)),
            ("total", .string(year.total.decimalString)), shares,
        ])
    }

    static func step(_ step: HandlingStep) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("body", .string(step.body)), ("date", .string(step.date.description)),
            ("outcome", .string(step.outcome.rawValue)),
        ]
        if let minutes = step.minutes { members.append(("minutes", .string(minutes))) }
        if let note = step.note { members.append(("note", .string(note))) }
        if let justified = step.justified { members.append(("justified", .string(justified.description))) }
        if let posted = step.posted { members.append(("posted", .string(posted.description))) }
        if let first = step.amounts.first {
            let currency = first.amount.currency
            members.append(("currency", .string(currency.code)))
            members.append(("amounts", .object(step.amounts.map { (String($0.year), amount($0.amount, in: currency)) })))
        }
        return .object(withdrawable: step.withdrawn, members)
    }

    static func signatory(_ signatory: Signatory) -> JSONValue {
        var members: [(String, JSONValue)] = [("name", .string(signatory.name))]
        if let title = signatory.title { members.append(("title", .string(title))) }
        if let party = signatory.party { members.append(("party", .string(party))) }
        return .object(withdrawable: signatory.withdrawn, members)
    }

    static func attachment(_ attachment: Attachment) -> JSONValue {
        var members: [(String, JSONValue)] = [("label", .string(attachment.label))]
        if let title = attachment.title { members.append(("title", .string(title))) }
        members.append(("media_type", .string(attachment.mediaType)))
        members.append(("content_base64", .string((attachment.content ?? Data()).base64EncodedString())))
        return .object(withdrawable: attachment.withdrawn, members)
    }

    /// A payment; `again` when it is the same as a standing payment written before it (a second instalment).
    static func payment(_ payment: Payment, again: Bool = false) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("decision", .string(payment.decision)), ("party", .string(payment.party)),
            ("year", .int(Int64(payment.year))), ("date", .string(payment.date.description)),
            ("currency", .string(payment.amount.currency.code)), ("amount", .string(payment.amount.decimalString)),
        ]
        if let reference = payment.reference { members.append(("reference", .string(reference))) }
        if let withdrawn = payment.withdrawn { members.append(("withdrawn", .string(withdrawn))) }
        if again { members.append(("again", .bool(true))) }
        return .object(members)
    }

    /// An amount in the entry's currency as a bare decimal; in another currency with its code.
    static func amount(_ money: Money, in currency: Currency) -> JSONValue {
        .string(money.currency == currency ? money.decimalString : money.canonicalText)
    }
}

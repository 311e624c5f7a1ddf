import DecregDomain
import Foundation
import GRDB

/// A decision as stored, with its derived status and its payments.
public struct StoredDecision: Sendable {
    public var decision: Decision
    public var status: DecisionStatus
    public var payments: [Payment]
}

/// Reads one decision back from its rows, through the same scans as the whole register.
enum DecisionLoader {
    /// The decision with `ref`, or nil. Attachment bytes are loaded only when asked for.
    static func load(_ db: Session, ref: String, attachmentContent: Bool = false) throws -> (id: Int64, StoredDecision)? {
        guard let id = try id(db, ref: ref) else { return nil }
        var scanner = try DecisionScanner(db, only: id, attachmentContent: attachmentContent)
        return try scanner.next()
    }

    /// The id of the decision with `ref`, or nil.
    static func id(_ db: Session, ref: String) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM decision WHERE ref = ?"), arguments: [ref])
    }

    /// The attachments of decision `id`, with their bytes when `content`.
    static func attachments(_ db: Session, decisionID: Int64, content: Bool) throws -> [Attachment] {
        try SQLRow.fetchAll(
            db.cachedStatement(sql: DecisionTableScans.attachments(.one, content: content)), arguments: [decisionID]
        ).map(DecisionScanner.attachment)
    }

    static func date(_ text: String) throws -> LocalDate {
        try LocalDate(parsing: text)
    }

    static func money(_ minor: Int64, _ code: String) throws -> Money {
        guard let currency = Currency(code: code) else {
            throw RegisterError.invalid(
                Phrase(
                    sv: "registret innehåller en okänd valuta '\(code)'",
                    en: "the register holds an unknown currency '\(code)'"), field: nil)
        }
        return Money(minorUnits: minor, currency: currency)
    }
}

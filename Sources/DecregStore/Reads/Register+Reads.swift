import DecregDomain
import Foundation
import GRDB

/// Which decisions `decision list` shows.
public struct DecisionFilter: Sendable {
    public var party: String?
    /// Decisions dated in this year or funding it.
    public var year: Int?
    public var status: DecisionStatus?
    /// Words that must all occur in the title, the clauses or the summary (prefixes match).
    public var search: String?

    public init(party: String? = nil, year: Int? = nil, status: DecisionStatus? = nil, search: String? = nil) {
        self.party = party
        self.year = year
        self.status = status
        self.search = search
    }
}

/// One line of `decision list`.
/// One page of a list of decisions, and how many the filter selects in all.
public struct DecisionPage: Sendable, Equatable {
    public var total: Int
    public var items: [DecisionListItem]
}

public struct DecisionListItem: Sendable, Equatable {
    public var ref: String
    public var title: String
    public var date: LocalDate
    public var status: DecisionStatus
    public var parties: [String]
    /// Why the decision was withdrawn, if it was.
    public var withdrawn: String?
}

extension Register {
    public func parties() throws -> [Party] {
        try read { db in try Self.parties(db) }
    }

    public func bodies() throws -> [Body] {
        try read { db in try Self.bodies(db) }
    }

    /// The parties by code.
    static func parties(_ db: Session) throws -> [Party] {
        try SQLRow.fetchAll(db, sql: "SELECT code, name, kind, org_number FROM party ORDER BY code").map(PartyRow.party)
    }

    /// The bodies by code.
    static func bodies(_ db: Session) throws -> [Body] {
        try Catalog(db).bodies.values.map(\.body).sorted { $0.code < $1.code }
    }

    /// The decision with `ref`, its status and payments; attachments without their bytes.
    public func decision(_ ref: String) throws -> StoredDecision {
        try decision(ref, withLanguage: false).stored
    }

    /// The decisions that pass the filter, newest first.
    public func decisions(_ filter: DecisionFilter) throws -> [DecisionListItem] {
        try read { db in try Self.decisions(db, where: try Self.conditions(db, filter), page: nil) }
    }

    /// One page of the decisions that pass the filter, newest first (`offset` of them skipped, at most `limit`
    /// shown), and how many pass it in all, read in one transaction: what a web page shows, without reading every
    /// decision of a large register for it.
    public func decisions(_ filter: DecisionFilter, offset: Int, limit: Int) throws -> DecisionPage {
        try read { db in
            let whereClause = try Self.conditions(db, filter)
            let total = try Int.fetchOne(db, ("SELECT count(*) FROM decision d \(whereClause)")) ?? 0
            return DecisionPage(total: total, items: try Self.decisions(db, where: whereClause, page: (offset, limit)))
        }
    }

    /// The WHERE clause over `decision d` that a filter makes; a party the register does not hold is refused.
    static func conditions(_ db: Session, _ filter: DecisionFilter) throws -> SQLFragment {
        var conditions: [SQLFragment] = []
        if let party = filter.party {
            guard try Int64.fetchOne(db, sql: "SELECT id FROM party WHERE code = ?", arguments: [party]) != nil
            else { throw try RegisterError.unknown("party", party, field: "--party", in: db) }
            conditions.append(
                "d.id IN (SELECT dp.decision_id FROM decision_party dp JOIN party p ON p.id = dp.party_id WHERE p.code = \(party))"
            )
        }
        if let year = filter.year {
            conditions.append(
                "(substr(d.date, 1, 4) = \(String(year)) OR d.id IN (SELECT decision_id FROM funding WHERE year = \(year) AND withdrawn_reason IS NULL))"
            )
        }
        if let status = filter.status { conditions.append("d.status = \(status.rawValue)") }
        if let search = filter.search {
            guard let condition = db.searchCondition(search) else {
                throw RegisterError.invalid(
                    Phrase(sv: "ange några ord att söka efter", en: "give some words to search for"), field: "--search")
            }
            conditions.append(condition)
        }
        return conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    }

    /// The list's rows, newest first (then by ref): `id, ref, title, date, status, withdrawn_reason`. The index
    /// `decision_newest_first` holds decisions in this order, so a page is read without sorting the register.
    static func listRequest(where whereClause: SQLFragment, page: (offset: Int, limit: Int)?) -> SQLFragment {
        let limit: SQLFragment = page.map { "LIMIT \($0.limit) OFFSET \($0.offset)" } ?? ""
        return """
            SELECT d.id, d.ref, d.title, d.date, d.status, d.withdrawn_reason
            FROM decision d \(whereClause)
            ORDER BY d.date DESC, d.ref \(limit)
            """
    }

    /// The decisions `whereClause` selects, newest first: all of them, or one page.
    private static func decisions(
        _ db: Session, where whereClause: SQLFragment, page: (offset: Int, limit: Int)?
    ) throws -> [DecisionListItem] {
        let rows = try SQLRow.fetchAll(db, (listRequest(where: whereClause, page: page)))
        // The parties of the listed decisions in one ordered scan, rather than a subquery per decision: of those the
        // page holds, or of all that the filter selects.
        var parties: [Int64: [String]] = [:]
        let listed: SQLFragment = page == nil
            ? "(SELECT d.id FROM decision d \(whereClause))" : "\(rows.map { $0[0] as Int64 })"
        let partyRequest: SQLFragment = """
            SELECT dp.decision_id, p.code FROM decision_party dp JOIN party p ON p.id = dp.party_id
            WHERE dp.decision_id IN \(listed)
            ORDER BY dp.decision_id, dp.position
            """
        if !rows.isEmpty {
            for row in try SQLRow.fetchAll(db, (partyRequest)) {
                parties[row[0], default: []].append(row[1])
            }
        }
        return try rows.map { row in
            DecisionListItem(
                ref: row[1], title: row[2], date: try LocalDate(parsing: row[3]),
                status: DecisionStatus(rawValue: row[4]) ?? .draft, parties: parties[row[0]] ?? [],
                withdrawn: row[5])
        }
    }

    /// A decision's attachments, without their bytes.
    public func attachments(of ref: String) throws -> [Attachment] {
        try decision(ref).decision.attachments
    }

    /// One attachment with its bytes.
    public func attachment(_ label: String, of ref: String) throws -> Attachment {
        try read { db in
            guard let id = try DecisionLoader.id(db, ref: ref) else {
                throw try RegisterError.unknown("decision", ref, field: nil, in: db)
            }
            // The labels without the bytes, then the one attachment's bytes.
            let attachments = try DecisionLoader.attachments(db, decisionID: id, content: false)
            guard var attachment = attachments.first(where: { $0.label == label }) else {
                throw RegisterError.unknown(
                    kind: "attachment", key: label, field: nil,
                    suggestions: NearestKeys.among(attachments.map(\.label), nearest: label))
            }
            attachment.content = try Data.fetchOne(
                db, sql: "SELECT content FROM attachment WHERE decision_id = ? AND label = ?", arguments: [id, label])
            return attachment
        }
    }

    /// Why the decision with `ref` was withdrawn, or nil while it stands.
    public func withdrawal(of ref: String) throws -> String? {
        try read { db in
            guard let row = try SQLRow.fetchOne(db, sql: "SELECT withdrawn_reason FROM decision WHERE ref = ?", arguments: [ref])
            else { throw try RegisterError.unknown("decision", ref, field: nil, in: db) }
            return row[0]
        }
    }

    /// Walks the whole register in the order it was recorded — parties, bodies, then each decision with its
    /// payments and its attachments' bytes — holding one decision at a time: what `decreg export` writes.
    public func walk(
        party: (Party) throws -> Void, body: (Body) throws -> Void, decision: (Decision) throws -> Void,
        payment: (Payment) throws -> Void
    ) throws {
        try read { db in
            for party_ in try SQLRow.fetchAll(db, sql: "SELECT code, name, kind, org_number FROM party ORDER BY id")
                .map(PartyRow.party)
            {
                try party(party_)
            }
            let catalog = try Catalog(db)
            for code in try String.fetchAll(db, sql: "SELECT code FROM body ORDER BY id") {
                if let entry = catalog.bodies[code] { try body(entry.body) }
            }
            var scanner = try DecisionScanner(db, attachmentContent: true)
            while let (_, stored) = try scanner.next() { try decision(stored.decision) }
            // Then every payment, in the order decisions and payments were recorded, one at a time.
            let payments = try SQLRow.fetchCursor(
                db,
                sql: """
                    SELECT d.ref, p.code, pay.year, pay.date, pay.amount_minor, pay.currency, pay.reference,
                           pay.withdrawn_reason
                    FROM payment pay JOIN decision d ON d.id = pay.decision_id JOIN party p ON p.id = pay.party_id
                    ORDER BY pay.decision_id, pay.id
                    """)
            while let row = try payments.next() {
                try payment(
                    Payment(
                        decision: row[0], party: row[1], year: row[2], date: try DecisionLoader.date(row[3]),
                        amount: try DecisionLoader.money(row[4], row[5]), reference: row[6], withdrawn: row[7]))
            }
        }
    }

    /// Every standing decision's reference and title with each party's finality on `today`, in the order recorded
    /// (one scan of the tables, attachments' bytes left out).
    public func finalities(today: LocalDate) throws -> [(ref: String, title: String, parties: [PartyFinality])] {
        try read { db in
            let catalog = try Catalog(db)
            var scanner = try DecisionScanner(db, attachmentContent: false)
            var found: [(ref: String, title: String, parties: [PartyFinality])] = []
            while let (_, stored) = try scanner.next() {
                let decision = stored.decision
                guard decision.withdrawn == nil else { continue }
                let parties = decision.finality(
                    bodyParties: { catalog.bodies[$0]?.body.parties ?? [] }, today: today)
                found.append((decision.ref, decision.title, parties))
            }
            return found
        }
    }

    /// Everything in the register, attachments with their bytes, in the order it was recorded.
    public func everything() throws -> RegisterBatch {
        try read { db in
            var batch = RegisterBatch()
            batch.parties = try SQLRow.fetchAll(db, sql: "SELECT code, name, kind, org_number FROM party ORDER BY id")
                .map(PartyRow.party)
            let catalog = try Catalog(db)
            batch.bodies = try String.fetchAll(db, sql: "SELECT code FROM body ORDER BY id").compactMap {
                catalog.bodies[$0]?.body
            }
            var scanner = try DecisionScanner(db, attachmentContent: true)
            while let (_, stored) = try scanner.next() {
                batch.decisions.append(stored.decision)
                batch.payments.append(contentsOf: stored.payments.map { var payment = $0; payment.number = nil; return payment })
            }
            return batch
        }
    }
}

/// Turns words a user types into a full-text query that cannot be a syntax error: each word required, matching as
/// a prefix; a word of several tokens (`2,5`, `Södertörns-kommunerna`) as a phrase whose last token is a prefix.
enum SearchQuery {
    /// For SQLite's FTS5 (`MATCH`): each word quoted, FTS5 splitting it into its tokens.
    static func fts5(_ text: String) -> String {
        words(text).map { "\"" + $0 + "\"*" }.joined(separator: " ")
    }

    /// For PostgreSQL (`@@ to_tsquery('simple', …)`): the tokens split as FTS5's unicode61 splits them (letters and
    /// digits; everything else separates), so that only letters and digits reach the query's syntax.
    static func postgres(_ text: String) -> String {
        words(text).compactMap { word -> String? in
            let tokens = word.split { !($0.isLetter || $0.isNumber) }.map { $0.lowercased() }
            guard !tokens.isEmpty else { return nil }
            return "(" + tokens.joined(separator: " <-> ") + ":*)"
        }.joined(separator: " & ")
    }

    private static func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: { $0.isWhitespace || $0 == "\"" })
    }
}

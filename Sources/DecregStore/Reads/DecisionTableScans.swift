/// The queries that read a decision's rows one table at a time, each ordered by decision id (column 0) and then in
/// the order a decision lists its rows. `DecisionScanner` merges them one decision at a time, over the whole
/// register (export, audit verify) or for one decision (show, summary, every change). The column positions noted
/// on each are what it reads.
enum DecisionTableScans {
    /// Which decisions a query reads: all, or the one whose id is the statement's one argument.
    enum Scope {
        case all, one
    }

    /// `select`, limited to one decision by `column` when the scope says so, in `order`.
    private static func query(_ select: String, decision column: String, order: String, _ scope: Scope) -> String {
        select + (scope == .one ? "\nWHERE \(column) = ?" : "") + "\nORDER BY " + order
    }

    /// id, ref, title, date, summary, status, withdrawn_reason.
    static func decisions(_ scope: Scope) -> String {
        query(
            "SELECT id, ref, title, date, summary, status, withdrawn_reason FROM decision", decision: "id",
            order: "id", scope)
    }

    /// decision_id, party code, case_number, party_id — in the decision's order of parties.
    static func parties(_ scope: Scope) -> String {
        query(
            """
            SELECT dp.decision_id, p.code, dp.case_number, dp.party_id
            FROM decision_party dp JOIN party p ON p.id = dp.party_id
            """, decision: "dp.decision_id", order: "dp.decision_id, dp.position", scope)
    }

    /// decision_id, text.
    static func clauses(_ scope: Scope) -> String {
        query(
            "SELECT decision_id, text FROM clause", decision: "decision_id", order: "decision_id, position", scope)
    }

    /// decision_id, year, total_minor, currency, withdrawn_reason.
    static func funding(_ scope: Scope) -> String {
        query(
            "SELECT decision_id, year, total_minor, currency, withdrawn_reason FROM funding", decision: "decision_id",
            order: "decision_id, year", scope)
    }

    /// decision_id, year, party code, amount_minor, part.
    ///
    /// CROSS JOIN keeps funding outermost, read in (decision, year) order: only each year's few shares are sorted,
    /// where SQLite's own choice sorted all the shares at once (twice as slow at 800 000 shares).
    static func shares(_ scope: Scope) -> String {
        query(
            """
            SELECT f.decision_id, f.year, p.code, fs.amount_minor, fs.part
            FROM funding f CROSS JOIN funding_share fs JOIN party p ON p.id = fs.party_id AND fs.funding_id = f.id
            """, decision: "f.decision_id", order: "f.decision_id, f.year, fs.position", scope)
    }

    /// decision_id, position, body code, date, outcome, minutes, note, body_id, withdrawn_reason, justified, posted.
    static func steps(_ scope: Scope) -> String {
        query(
            """
            SELECT s.decision_id, s.position, b.code, s.date, s.outcome, s.minutes, s.note, s.body_id,
                   s.withdrawn_reason, s.justified, s.posted
            FROM step s JOIN body b ON b.id = s.body_id
            """, decision: "s.decision_id", order: "s.decision_id, s.position", scope)
    }

    /// decision_id, step position, year, amount_minor, currency.
    static func stepAmounts(_ scope: Scope) -> String {
        query(
            "SELECT s.decision_id, s.position, sa.year, sa.amount_minor, sa.currency FROM step s JOIN step_amount sa ON sa.step_id = s.id",
            decision: "s.decision_id", order: "s.decision_id, s.position, sa.year", scope)
    }

    /// decision_id, name, title, party code, withdrawn_reason.
    /// decision_id, party code, lodged, court, case_number, outcome, decided.
    static func appeals(_ scope: Scope) -> String {
        query(
            """
            SELECT a.decision_id, p.code, a.lodged, a.court, a.case_number, a.outcome, a.decided
            FROM appeal a JOIN party p ON p.id = a.party_id
            """, decision: "a.decision_id", order: "a.decision_id, a.position", scope)
    }

    static func signatories(_ scope: Scope) -> String {
        query(
            """
            SELECT s.decision_id, s.name, s.title, p.code, s.withdrawn_reason
            FROM signatory s LEFT JOIN party p ON p.id = s.party_id
            """, decision: "s.decision_id", order: "s.decision_id, s.position", scope)
    }

    /// decision_id, label, title, media_type, size, sha256, withdrawn_reason, and the bytes when `content`.
    static func attachments(_ scope: Scope, content: Bool) -> String {
        query(
            "SELECT decision_id, label, title, media_type, size, sha256, withdrawn_reason\(content ? ", content" : "") FROM attachment",
            decision: "decision_id", order: "decision_id, position", scope)
    }

    /// decision_id, party code, year, date, amount_minor, currency, reference, withdrawn_reason, id.
    static func payments(_ scope: Scope) -> String {
        query(
            """
            SELECT pay.decision_id, p.code, pay.year, pay.date, pay.amount_minor, pay.currency, pay.reference,
                   pay.withdrawn_reason, pay.id
            FROM payment pay JOIN party p ON p.id = pay.party_id
            """, decision: "pay.decision_id", order: "pay.decision_id, pay.id", scope)
    }
}

/// The queries that read the whole register one table at a time, each ordered by decision id (column 0) and then
/// in the order a decision lists its rows: `DecisionScanner` (export, audit verify)
/// merges them one decision at a time. The column positions noted on each are what both read.
enum DecisionTableScans {
    /// decision_id, party code, case_number, party_id — in the decision's order of parties.
    static let parties = """
        SELECT dp.decision_id, p.code, dp.case_number, dp.party_id
        FROM decision_party dp JOIN party p ON p.id = dp.party_id ORDER BY dp.decision_id, dp.position
        """

    /// decision_id, text.
    static let clauses = "SELECT decision_id, text FROM clause ORDER BY decision_id, position"

    /// decision_id, year, total_minor, currency, withdrawn_reason.
    static let funding = """
        SELECT decision_id, year, total_minor, currency, withdrawn_reason FROM funding ORDER BY decision_id, year
        """

    /// decision_id, year, party code, amount_minor, part.
    static let shares = """
        SELECT f.decision_id, f.year, p.code, fs.amount_minor, fs.part
        FROM funding f CROSS JOIN funding_share fs ON fs.funding_id = f.id JOIN party p ON p.id = fs.party_id
        ORDER BY f.decision_id, f.year, fs.position
        -- CROSS JOIN keeps funding outermost, read in (decision, year) order: only each year's few shares are
        -- sorted, where SQLite's own choice sorted all the shares at once (twice as slow at 800 000 shares).
        """

    /// decision_id, position, body code, date, outcome, minutes, note, body_id, withdrawn_reason.
    static let steps = """
        SELECT s.decision_id, s.position, b.code, s.date, s.outcome, s.minutes, s.note, s.body_id, s.withdrawn_reason
        FROM step s JOIN body b ON b.id = s.body_id ORDER BY s.decision_id, s.position
        """

    /// decision_id, step position, year, amount_minor, currency.
    static let stepAmounts = """
        SELECT s.decision_id, s.position, sa.year, sa.amount_minor, sa.currency
        FROM step s JOIN step_amount sa ON sa.step_id = s.id ORDER BY s.decision_id, s.position, sa.year
        """

    /// decision_id, name, title, party code, withdrawn_reason.
    static let signatories = """
        SELECT s.decision_id, s.name, s.title, p.code, s.withdrawn_reason FROM signatory s LEFT JOIN party p ON p.id = s.party_id
        ORDER BY s.decision_id, s.position
        """

    /// decision_id, label, title, media_type, size, sha256, withdrawn_reason, and the bytes when `content`.
    static func attachments(content: Bool) -> String {
        """
        SELECT decision_id, label, title, media_type, size, sha256, withdrawn_reason\(content ? ", content" : "")
        FROM attachment ORDER BY decision_id, position
        """
    }

    /// decision_id, party code, year, date, amount_minor, currency, reference, withdrawn_reason, id.
    static let payments = """
        SELECT pay.decision_id, p.code, pay.year, pay.date, pay.amount_minor, pay.currency, pay.reference,
               pay.withdrawn_reason, pay.id
        FROM payment pay JOIN party p ON p.id = pay.party_id ORDER BY pay.decision_id, pay.id
        """
}

import DecregDomain
import GRDB

/// The SQL behind `totals` and `reconcile`: one row per decision, party, year and currency with what was
/// committed (the share), adopted (the party's latest adopting step's amount for the year) and paid (the sum of
/// payments). Everything is aggregated by SQLite, using the indexes on the funding, step and payment tables.
enum FundingFigures {
    /// The common table expression `own_body(body_id, party_id)`: the bodies that belong to one party alone,
    /// whose adopting steps are that party's adoption.
    static let ownBody = """
        own_body AS (
            SELECT body_id, min(party_id) AS party_id FROM body_party GROUP BY body_id HAVING count(*) = 1
        )
        """

    /// Common table expressions ending in `figures(decision_id, party_id, year, currency, committed, adopted,
    /// paid, has_share, has_adoption, body_id)`.
    ///
    /// Withdrawn payments, steps and funding years count for nothing; withdrawn decisions are left out by the
    /// queries that use this.
    ///
    /// A party's adopted amount is the last word of its own bodies: the latest `adopted` step (by date, then
    /// the order recorded) of a body that belongs to that party alone and records an amount for the year. A joint
    /// body's amounts are not one party's adoption.
    static func figures(decision: Int64?) -> String {
        // One decision's figures are summed from its own rows only; the id is a number the register gave.
        let only = decision.map { "AND decision_id = \($0)" } ?? ""
        let onlyShares = decision.map { "AND f.decision_id = \($0)" } ?? ""
        let onlySteps = decision.map { "AND s.decision_id = \($0)" } ?? ""
        return """
        \(ownBody),
        adoptions AS (
            SELECT decision_id, party_id, year, currency, amount_minor, body_id FROM (
                SELECT s.decision_id, ob.party_id, sa.year, sa.currency, sa.amount_minor, s.body_id,
                       row_number() OVER (PARTITION BY s.decision_id, ob.party_id, sa.year
                                          ORDER BY s.date DESC, s.position DESC) AS latest
                FROM step s
                JOIN own_body ob ON ob.body_id = s.body_id
                JOIN step_amount sa ON sa.step_id = s.id
                WHERE s.outcome = 'adopted' AND s.withdrawn_reason IS NULL \(onlySteps)
                      AND NOT EXISTS (SELECT 1 FROM appeal a WHERE a.decision_id = s.decision_id
                                      AND a.party_id = ob.party_id AND a.outcome = 'annulled')
            ) AS ranked WHERE latest = 1
        ),
        figures AS (
            SELECT decision_id, party_id, year, currency,
                   sum(committed) AS committed, sum(adopted) AS adopted, sum(paid) AS paid,
                   max(has_share) AS has_share, max(has_adoption) AS has_adoption, max(body_id) AS body_id
            FROM (
                SELECT f.decision_id, fs.party_id, f.year, f.currency, fs.amount_minor AS committed, 0 AS adopted,
                       0 AS paid, 1 AS has_share, 0 AS has_adoption, NULL AS body_id
                FROM funding f JOIN funding_share fs ON fs.funding_id = f.id
                WHERE f.withdrawn_reason IS NULL \(onlyShares)
                UNION ALL
                SELECT decision_id, party_id, year, currency, 0, amount_minor, 0, 0, 1, body_id FROM adoptions
                UNION ALL
                SELECT decision_id, party_id, year, currency, 0, 0, amount_minor, 0, 0, NULL FROM payment
                WHERE withdrawn_reason IS NULL \(only)
            ) AS parts
            GROUP BY decision_id, party_id, year, currency
        )
        """
    }
}

-- Floor of `decreg reconcile`: the same findings (split-sum, unknown-party, unfunded-year, adopted-mismatch,
-- overpaid, not-adopted, outstanding) over the minimal schema, in decreg's order: one row per finding.
WITH adoptions AS (
    SELECT decision_id, party_id, year, currency, amount_minor FROM (
        SELECT s.decision_id, b.party_id, sa.year, sa.currency, sa.amount_minor,
               row_number() OVER (PARTITION BY s.decision_id, b.party_id, sa.year
                                  ORDER BY s.date DESC, s.position DESC) AS latest
        FROM step s JOIN body b ON b.id = s.body_id JOIN step_amount sa ON sa.step_id = s.id
        WHERE s.outcome = 'adopted'
    ) WHERE latest = 1
),
figures AS (
    SELECT decision_id, party_id, year, currency, sum(committed) AS committed, sum(adopted) AS adopted,
           sum(paid) AS paid, max(has_share) AS has_share, max(has_adoption) AS has_adoption
    FROM (
        SELECT f.decision_id, sh.party_id, f.year, f.currency, sh.amount_minor AS committed, 0 AS adopted, 0 AS paid,
               1 AS has_share, 0 AS has_adoption
        FROM funding f JOIN share sh ON sh.funding_id = f.id
        UNION ALL SELECT decision_id, party_id, year, currency, 0, amount_minor, 0, 0, 1 FROM adoptions
        UNION ALL SELECT decision_id, party_id, year, currency, 0, 0, amount_minor, 0, 0 FROM payment
    )
    GROUP BY decision_id, party_id, year, currency
),
marked AS (
    SELECT fig.*,
           EXISTS (SELECT 1 FROM decision_party dp
                   WHERE dp.decision_id = fig.decision_id AND dp.party_id = fig.party_id) AS bound,
           EXISTS (SELECT 1 FROM funding f WHERE f.decision_id = fig.decision_id AND f.year = fig.year) AS funded
    FROM figures fig
),
findings AS (
    SELECT f.decision_id, f.year, NULL AS party_id, 'split-sum' AS kind, f.currency,
           f.total_minor AS expected, coalesce(sum(sh.amount_minor), 0) AS actual, NULL AS amount
    FROM funding f LEFT JOIN share sh ON sh.funding_id = f.id
    GROUP BY f.id HAVING coalesce(sum(sh.amount_minor), 0) <> f.total_minor
    UNION ALL
    SELECT decision_id, year, party_id, 'unknown-party', currency, NULL,
           CASE WHEN has_share THEN committed ELSE paid END, NULL
    FROM marked WHERE NOT bound AND (has_share OR paid > 0)
    UNION ALL
    SELECT decision_id, year, party_id, 'unfunded-year', currency, NULL, paid, NULL
    FROM marked WHERE bound AND NOT funded AND paid > 0
    UNION ALL
    SELECT decision_id, year, party_id, 'adopted-mismatch', currency, committed, adopted, NULL
    FROM marked WHERE bound AND has_adoption AND adopted <> committed
    UNION ALL
    SELECT decision_id, year, party_id, 'overpaid', currency, committed, paid, NULL
    FROM marked WHERE bound AND funded AND paid > committed
    UNION ALL
    SELECT decision_id, year, party_id, 'not-adopted', currency, NULL, NULL, committed
    FROM marked WHERE bound AND has_share AND committed > 0 AND NOT has_adoption
    UNION ALL
    SELECT decision_id, year, party_id, 'outstanding', currency, NULL, NULL, committed - paid
    FROM marked WHERE bound AND has_share AND paid < committed
)
SELECT d.ref, fig.year, p.code, fig.kind, fig.currency, fig.expected, fig.actual, fig.amount
FROM findings fig
JOIN decision d ON d.id = fig.decision_id
LEFT JOIN party p ON p.id = fig.party_id
ORDER BY d.date, d.ref, fig.year,
         CASE fig.kind WHEN 'split-sum' THEN 0 WHEN 'not-adopted' THEN 2 WHEN 'outstanding' THEN 3 ELSE 1 END,
         (SELECT dp.position FROM decision_party dp WHERE dp.decision_id = fig.decision_id
                                                     AND dp.party_id = fig.party_id),
         p.code;

-- Floor of `decreg totals --by party,year`, on the minimal schema of bench/peers.py: committed (shares),
-- adopted (each party's latest adopting step per decision and year, as decreg defines it) and paid, grouped by party,
-- year and currency, amounts as exact decimals. Its CSV output equals decreg's `totals --by party,year --format csv`.
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
    SELECT f.party_id, f.year, f.currency, sum(committed) AS committed, sum(adopted) AS adopted, sum(paid) AS paid
    FROM (
        SELECT sh.party_id, f.year, f.currency, sh.amount_minor AS committed, 0 AS adopted, 0 AS paid
        FROM funding f JOIN share sh ON sh.funding_id = f.id
        UNION ALL SELECT party_id, year, currency, 0, amount_minor, 0 FROM adoptions
        UNION ALL SELECT party_id, year, currency, 0, 0, amount_minor FROM payment
    ) f
    GROUP BY f.party_id, f.year, f.currency
)
SELECT p.code AS party, fig.year, fig.currency,
       printf('%d.%02d', committed / 100, committed % 100) AS committed,
       printf('%d.%02d', adopted / 100, adopted % 100) AS adopted,
       printf('%d.%02d', paid / 100, paid % 100) AS paid
FROM figures fig JOIN party p ON p.id = fig.party_id
ORDER BY p.code, fig.year, fig.currency;

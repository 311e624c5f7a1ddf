-- Floor of `decreg decision show REF` (and of `decreg summary REF`): everything shown about one decision, looked
-- up by its ref: the decision, parties, clauses, funding and shares, steps and amounts, payments, signatories and
-- attachment metadata. bench/run sets :ref with .parameter set.
SELECT ref, title, date, status, summary FROM decision WHERE ref = :ref;
SELECT group_concat(code, ', ') FROM (SELECT p.code FROM decision_party dp JOIN party p ON p.id = dp.party_id
    WHERE dp.decision_id = (SELECT id FROM decision WHERE ref = :ref) ORDER BY dp.position);
SELECT position, text FROM clause WHERE decision_id = (SELECT id FROM decision WHERE ref = :ref) ORDER BY position;
SELECT f.year, f.total_minor, f.currency, p.code, sh.amount_minor, sh.part FROM funding f
    JOIN share sh ON sh.funding_id = f.id JOIN party p ON p.id = sh.party_id
    WHERE f.decision_id = (SELECT id FROM decision WHERE ref = :ref) ORDER BY f.year, sh.position;
SELECT s.date, b.code, s.outcome, s.minutes, sa.year, sa.amount_minor, sa.currency FROM step s
    JOIN body b ON b.id = s.body_id LEFT JOIN step_amount sa ON sa.step_id = s.id
    WHERE s.decision_id = (SELECT id FROM decision WHERE ref = :ref) ORDER BY s.position, sa.year;
SELECT pm.id, pm.date, p.code, pm.year, pm.amount_minor, pm.currency, pm.reference FROM payment pm
    JOIN party p ON p.id = pm.party_id WHERE pm.decision_id = (SELECT id FROM decision WHERE ref = :ref) ORDER BY pm.id;
SELECT sg.name, sg.title, p.code FROM signatory sg LEFT JOIN party p ON p.id = sg.party_id
    WHERE sg.decision_id = (SELECT id FROM decision WHERE ref = :ref) ORDER BY sg.position;
SELECT label, title, size, substr(sha256, 1, 12) FROM attachment
    WHERE decision_id = (SELECT id FROM decision WHERE ref = :ref) ORDER BY position;

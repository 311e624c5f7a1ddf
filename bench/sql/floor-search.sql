-- Floor of `decreg decision list --search WORDS`: the FTS5 query decreg builds (each word quoted, a prefix, all
-- required) over title, clauses and summary; ref, date, status, title and parties, newest first. bench/run sets :query.
SELECT d.ref, d.date, d.status, d.title,
       (SELECT group_concat(code, ' ') FROM (SELECT p.code FROM decision_party dp JOIN party p ON p.id = dp.party_id
                                             WHERE dp.decision_id = d.id ORDER BY dp.position)) AS parties
FROM decision d
WHERE d.id IN (SELECT rowid FROM decision_search WHERE decision_search MATCH :query)
ORDER BY d.date DESC, d.ref;

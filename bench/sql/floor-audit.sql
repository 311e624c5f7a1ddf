-- Floor of `decreg audit verify`, run on decreg's own register: read every audit entry and hash it (SHA3-256 of
-- its fields, one hash per entry), then read every row of every register table once and hash them all.
-- It checks nothing: it is the cost of reading and hashing what verify reads.
SELECT count(*), count(sha3(seq || at || actor || command || entity || key || coalesce(decision_ref, '') ||
                              coalesce(reason, '') || coalesce(before, '') || coalesce(after, '') || prev_hash, 256))
FROM audit_entry;
SELECT hex(sha3_query('SELECT * FROM party; SELECT * FROM body; SELECT * FROM body_party; SELECT * FROM decision;
    SELECT * FROM decision_party; SELECT * FROM clause; SELECT * FROM funding; SELECT * FROM funding_share;
    SELECT * FROM step; SELECT * FROM step_amount; SELECT * FROM payment; SELECT * FROM signatory;
    SELECT * FROM attachment; SELECT rowid, * FROM decision_search', 256));

-- Floor of `decreg export`: the whole register as one JSON document per line (parties, bodies, each decision
-- nested with its parties, clauses, funding, steps, signatories and attachments, then payments), built by SQLite's
-- JSON functions; attachment bytes as hex (the sqlite3 3.40 shell has no base64()).
SELECT json_object('code', code, 'name', name, 'kind', kind) FROM party ORDER BY id;
SELECT json_object('code', b.code, 'name', b.name, 'kind', b.kind, 'parties', json_array(p.code))
FROM body b JOIN party p ON p.id = b.party_id ORDER BY b.id;
SELECT json_object(
    'ref', d.ref, 'title', d.title, 'date', d.date, 'summary', d.summary,
    'parties', (SELECT json_group_array(code) FROM (SELECT p.code FROM decision_party dp JOIN party p ON p.id = dp.party_id
                                                   WHERE dp.decision_id = d.id ORDER BY dp.position)),
    'clauses', (SELECT json_group_array(text) FROM (SELECT text FROM clause WHERE decision_id = d.id ORDER BY position)),
    'funding', (SELECT json_group_array(json_object('year', f.year, 'currency', f.currency,
                       'total', printf('%d.%02d', f.total_minor / 100, f.total_minor % 100),
                       'shares', (SELECT json_group_object(p.code, printf('%d.%02d', sh.amount_minor / 100, sh.amount_minor % 100))
                                  FROM (SELECT * FROM share WHERE funding_id = f.id ORDER BY position) sh
                                  JOIN party p ON p.id = sh.party_id)))
                FROM funding f WHERE f.decision_id = d.id),
    'steps', (SELECT json_group_array(json_object('body', b.code, 'date', s.date, 'outcome', s.outcome, 'minutes', s.minutes,
                     'amounts', (SELECT json_group_object(sa.year, printf('%d.%02d', sa.amount_minor / 100, sa.amount_minor % 100))
                                 FROM step_amount sa WHERE sa.step_id = s.id)))
              FROM (SELECT * FROM step WHERE decision_id = d.id ORDER BY position) s JOIN body b ON b.id = s.body_id),
    'signatories', (SELECT json_group_array(json_object('name', sg.name, 'title', sg.title, 'party', p.code))
                    FROM (SELECT * FROM signatory WHERE decision_id = d.id ORDER BY position) sg
                    LEFT JOIN party p ON p.id = sg.party_id),
    'attachments', (SELECT json_group_array(json_object('label', a.label, 'title', a.title, 'media_type', a.media_type,
                           'sha256', a.sha256, 'content_hex', hex(a.content)))
                    FROM (SELECT * FROM attachment WHERE decision_id = d.id ORDER BY position) a))
FROM decision d ORDER BY d.id;
SELECT json_object('decision', d.ref, 'party', p.code, 'year', pm.year, 'date', pm.date, 'currency', pm.currency,
                   'amount', printf('%d.%02d', pm.amount_minor / 100, pm.amount_minor % 100), 'reference', pm.reference)
FROM payment pm JOIN decision d ON d.id = pm.decision_id JOIN party p ON p.id = pm.party_id ORDER BY pm.id;

-- decreg register schema, version 6: the same checks of a decision's status and a step's outcome, said as
-- comparisons in place of `IN (…)` lists.
-- SQLite checks a CHECK's `IN` list of more than two texts by building a temporary table for it on every row
-- written (a b-tree and its page cache, zeroed): five of them for each decision an import adds, about 5 % of an
-- import's work. The comparisons take the same texts, and only those. Since the checks are equivalent, every row
-- already written passes them, and the tables' definitions are changed in place as SQLite documents for a change of
-- CHECK constraints (https://sqlite.org/lang_altertable.html#otheralter): the register's rows are not rewritten, and
-- migrating a large register costs nothing. A definition that does not read as decreg wrote it is left as it was
-- (its checks are the same, only slower). `decreg` raises the schema's version number after migrating, so every
-- connection reads the new definitions.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(sql,
    'CHECK (status IN (''draft'', ''proposed'', ''approved'', ''returned'', ''partly-adopted'',
                                                ''adopted'', ''rejected''))',
    'CHECK (status = ''draft'' OR status = ''proposed'' OR status = ''approved''
                                OR status = ''returned'' OR status = ''partly-adopted'' OR status = ''adopted''
                                OR status = ''rejected'')')
WHERE type = 'table' AND name = 'decision';
UPDATE sqlite_schema
SET sql = replace(sql,
    'CHECK (outcome IN (''proposed'', ''approved'', ''adopted'', ''rejected'', ''returned'',
                                                  ''amended''))',
    'CHECK (outcome = ''proposed'' OR outcome = ''approved'' OR outcome = ''adopted''
                                 OR outcome = ''rejected'' OR outcome = ''returned'' OR outcome = ''amended'')')
WHERE type = 'table' AND name = 'step';
PRAGMA writable_schema = OFF;

-- decreg register schema, version 5: the register's language.
-- `decreg init --lang sv|en` records the language the register's users read; commands print in it unless --lang
-- or a Swedish or English locale ($LC_ALL, else $LANG) says otherwise. A setting of how the register is shown, not
-- part of the record: it is not in the audit trail.
CREATE TABLE setting (
    key   TEXT PRIMARY KEY NOT NULL CHECK (key <> ''),
    value TEXT NOT NULL,
    CHECK (key <> 'language' OR value IN ('sv', 'en'))
) STRICT, WITHOUT ROWID;

-- decreg register schema, version 7: accounts of the shared register (issue 17).
-- The clerks who record their parties' part through `decreg serve`, in the browser or over the API. An account's
-- name, role, parties and whether it is disabled are part of the record, and in the audit trail like any other
-- entity; its password (bcrypt) and API token (SHA-256 of 256 random bits) are kept as hashes only, and are never
-- exported, logged or shown. The trail records only when the password was set and the token issued.
CREATE TABLE account (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
    role            TEXT NOT NULL CHECK (role = 'registrar' OR role = 'finance' OR role = 'admin'),
    password_hash   TEXT CHECK (password_hash IS NULL OR password_hash GLOB '$2[aby]$*'),
    password_set    TEXT,
    token_sha256    TEXT UNIQUE CHECK (token_sha256 IS NULL OR length(token_sha256) = 64),
    token_issued    TEXT,
    disabled_reason TEXT CHECK (disabled_reason IS NULL OR disabled_reason <> '')
) STRICT;
CREATE TABLE account_party (
    account_id INTEGER NOT NULL REFERENCES account(id),
    party_id   INTEGER NOT NULL REFERENCES party(id),
    position   INTEGER NOT NULL,
    PRIMARY KEY (account_id, party_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX account_party_by_party ON account_party(party_id);

-- decreg register schema, version 1.
-- Money is integer minor units (öre) with a currency code beside it; never floating point.
-- Dates are ISO 8601 texts (YYYY-MM-DD); times are UTC ISO 8601 with 'Z'.
-- Every key the user chooses (codes, refs) is UNIQUE; every reference is a FOREIGN KEY.

CREATE TABLE party (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
    name        TEXT NOT NULL CHECK (name <> ''),
    kind        TEXT NOT NULL CHECK (kind IN ('region', 'municipality', 'company', 'university',
                                              'state-agency', 'other')),
    org_number  TEXT CHECK (org_number GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]')
) STRICT;

CREATE TABLE body (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
    name        TEXT NOT NULL CHECK (name <> ''),
    kind        TEXT NOT NULL CHECK (kind IN ('board', 'assembly', 'committee', 'joint-committee', 'other'))
) STRICT;

-- The parties a body belongs to: one, or several for a joint body.
CREATE TABLE body_party (
    body_id     INTEGER NOT NULL REFERENCES body(id),
    party_id    INTEGER NOT NULL REFERENCES party(id),
    position    INTEGER NOT NULL,
    PRIMARY KEY (body_id, party_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX body_party_by_party ON body_party(party_id);

CREATE TABLE decision (
    id          INTEGER PRIMARY KEY,
    ref         TEXT NOT NULL UNIQUE CHECK (length(ref) BETWEEN 1 AND 100),
    title       TEXT NOT NULL CHECK (title <> ''),
    date        TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    summary     TEXT,
    -- Derived from the steps by decreg on every change (see DecisionStatus); kept for filtering.
    status      TEXT NOT NULL CHECK (status IN ('draft', 'proposed', 'approved', 'returned', 'partly-adopted',
                                                'adopted', 'rejected'))
) STRICT;
CREATE INDEX decision_by_date ON decision(date);
CREATE INDEX decision_by_status ON decision(status);

-- The parties a decision binds, with their case numbers (diarienummer).
CREATE TABLE decision_party (
    decision_id INTEGER NOT NULL REFERENCES decision(id),
    party_id    INTEGER NOT NULL REFERENCES party(id),
    position    INTEGER NOT NULL,
    case_number TEXT,
    PRIMARY KEY (decision_id, party_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX decision_party_by_party ON decision_party(party_id);

CREATE TABLE clause (
    decision_id INTEGER NOT NULL REFERENCES decision(id),
    position    INTEGER NOT NULL,
    text        TEXT NOT NULL CHECK (text <> ''),
    PRIMARY KEY (decision_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE funding (
    id           INTEGER PRIMARY KEY,
    decision_id  INTEGER NOT NULL REFERENCES decision(id),
    year         INTEGER NOT NULL CHECK (year BETWEEN 1000 AND 9999),
    total_minor  INTEGER NOT NULL CHECK (total_minor >= 0),
    currency     TEXT NOT NULL CHECK (length(currency) = 3),
    UNIQUE (decision_id, year)
) STRICT;

-- A party's share of a year's funding; `part` is the split as given ('1/3', '25%'), NULL for an amount.
CREATE TABLE funding_share (
    funding_id   INTEGER NOT NULL REFERENCES funding(id),
    party_id     INTEGER NOT NULL REFERENCES party(id),
    position     INTEGER NOT NULL,
    amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
    part         TEXT,
    PRIMARY KEY (funding_id, party_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX funding_share_by_party ON funding_share(party_id);

CREATE TABLE step (
    id           INTEGER PRIMARY KEY,
    decision_id  INTEGER NOT NULL REFERENCES decision(id),
    position     INTEGER NOT NULL,
    body_id      INTEGER NOT NULL REFERENCES body(id),
    date         TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    outcome      TEXT NOT NULL CHECK (outcome IN ('proposed', 'approved', 'adopted', 'rejected', 'returned',
                                                  'amended')),
    minutes      TEXT,
    note         TEXT,
    UNIQUE (decision_id, position)
) STRICT;
CREATE INDEX step_by_body ON step(body_id);

-- Amounts a body adopted in a step, per year.
CREATE TABLE step_amount (
    step_id      INTEGER NOT NULL REFERENCES step(id),
    year         INTEGER NOT NULL CHECK (year BETWEEN 1000 AND 9999),
    amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
    currency     TEXT NOT NULL CHECK (length(currency) = 3),
    PRIMARY KEY (step_id, year)
) STRICT, WITHOUT ROWID;

CREATE TABLE payment (
    id           INTEGER PRIMARY KEY,
    decision_id  INTEGER NOT NULL REFERENCES decision(id),
    party_id     INTEGER NOT NULL REFERENCES party(id),
    year         INTEGER NOT NULL CHECK (year BETWEEN 1000 AND 9999),
    date         TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
    currency     TEXT NOT NULL CHECK (length(currency) = 3),
    reference    TEXT
) STRICT;
CREATE INDEX payment_by_decision ON payment(decision_id, party_id, year);
CREATE INDEX payment_by_party ON payment(party_id, year);

CREATE TABLE signatory (
    decision_id  INTEGER NOT NULL REFERENCES decision(id),
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL CHECK (name <> ''),
    title        TEXT,
    party_id     INTEGER REFERENCES party(id),
    PRIMARY KEY (decision_id, position)
) STRICT, WITHOUT ROWID;

-- The attachment's bytes live in the register: the file alone is the whole record.
CREATE TABLE attachment (
    id           INTEGER PRIMARY KEY,
    decision_id  INTEGER NOT NULL REFERENCES decision(id),
    position     INTEGER NOT NULL,
    label        TEXT NOT NULL CHECK (label <> ''),
    title        TEXT,
    media_type   TEXT NOT NULL,
    size         INTEGER NOT NULL CHECK (size >= 0),
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    content      BLOB NOT NULL,
    UNIQUE (decision_id, label)
) STRICT;

-- Full-text search over titles, clauses and summaries; rowid = decision.id. Kept by decreg, not by triggers,
-- since one decision's text spans several tables.
CREATE VIRTUAL TABLE decision_search USING fts5(
    title, clauses, summary,
    tokenize = 'unicode61 remove_diacritics 0'
);

-- The audit trail: one entry per change, in order, each hashing the one before (see AuditTrail.swift).
CREATE TABLE audit_entry (
    seq          INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    command      TEXT NOT NULL,
    entity       TEXT NOT NULL,
    key          TEXT NOT NULL,
    decision_ref TEXT,
    reason       TEXT,
    before       TEXT,
    after        TEXT,
    prev_hash    TEXT NOT NULL CHECK (length(prev_hash) = 64),
    hash         TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
) STRICT;
CREATE INDEX audit_by_decision ON audit_entry(decision_ref);
CREATE INDEX audit_by_entity ON audit_entry(entity, key);

CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: entries cannot be changed'); END;
CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: entries cannot be deleted'); END;

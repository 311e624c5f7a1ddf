-- decreg register schema, version 10: appeals (laglighetsprövning, Kommunallagen 13 kap.) of a party's adoption
-- (issue 19). An appeal lodged in time holds the adoption from becoming final until it is decided; an annulment
-- (upphävt) takes the adoption out of "adopted". Part of the decision's record, numbered from 1 in the order lodged.
CREATE TABLE appeal (
    id          INTEGER PRIMARY KEY,
    decision_id INTEGER NOT NULL REFERENCES decision(id),
    position    INTEGER NOT NULL,
    party_id    INTEGER NOT NULL REFERENCES party(id),
    lodged      TEXT NOT NULL CHECK (lodged GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    court       TEXT CHECK (court IS NULL OR court <> ''),
    case_number TEXT CHECK (case_number IS NULL OR case_number <> ''),
    outcome     TEXT CHECK (outcome IS NULL OR outcome = 'dismissed' OR outcome = 'rejected' OR outcome = 'annulled'),
    decided     TEXT CHECK (decided IS NULL OR decided GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    UNIQUE (decision_id, position)
) STRICT;
CREATE INDEX appeal_by_party ON appeal(party_id);

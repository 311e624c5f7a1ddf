-- decreg register schema, version 8: the audit trail as a transparency log (issue 18).
-- The trail is an RFC 6962 Merkle tree: leaf i is the bytes audit entry seq i+1's hash is taken over
-- ("decreg-audit-v1\n" and its canonical header). audit_tree keeps the hash of every complete subtree — the 2^level
-- leaves from index·2^level — at the levels 0, 8, 16, … (each leaf, and the subtrees of 256, 65 536, … leaves: the
-- rows of c2sp.org/tlog-tiles' tiles), written with each entry in its transaction (about one row an entry); any other
-- subtree is folded from at most 128 of them, so a root or a proof reads O(log n) rows. The migration fills it for
-- the entries already there.
CREATE TABLE audit_tree (
    level INTEGER NOT NULL CHECK (level >= 0 AND level < 63),
    idx   INTEGER NOT NULL CHECK (idx >= 0),
    hash  BLOB NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (level, idx)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER audit_tree_no_update BEFORE UPDATE ON audit_tree
BEGIN SELECT RAISE(ABORT, 'the log is append-only: its hashes cannot be changed'); END;
CREATE TRIGGER audit_tree_no_delete BEFORE DELETE ON audit_tree
BEGIN SELECT RAISE(ABORT, 'the log is append-only: its hashes cannot be deleted'); END;

-- Checkpoints published by the log (decreg log checkpoint --publish), with the cosignatures witnesses added
-- (decreg log add-cosignature): the note as signed, re-rendered with every signature recorded for it.
CREATE TABLE checkpoint (
    size         INTEGER PRIMARY KEY CHECK (size >= 0),
    root         BLOB NOT NULL CHECK (length(root) = 32),
    origin       TEXT NOT NULL CHECK (origin <> ''),
    note         TEXT NOT NULL,
    published_at TEXT NOT NULL
) STRICT;
CREATE TABLE checkpoint_signature (
    size     INTEGER NOT NULL REFERENCES checkpoint(size),
    line     TEXT NOT NULL,
    added_at TEXT NOT NULL,
    PRIMARY KEY (size, line)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER checkpoint_no_update BEFORE UPDATE ON checkpoint
BEGIN SELECT RAISE(ABORT, 'a published checkpoint cannot be changed'); END;
CREATE TRIGGER checkpoint_no_delete BEFORE DELETE ON checkpoint
BEGIN SELECT RAISE(ABORT, 'a published checkpoint cannot be deleted'); END;
CREATE TRIGGER checkpoint_signature_no_delete BEFORE DELETE ON checkpoint_signature
BEGIN SELECT RAISE(ABORT, 'a recorded cosignature cannot be deleted'); END;

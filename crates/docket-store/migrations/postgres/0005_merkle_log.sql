-- The tamper-evident log (docket_tlog): an RFC 9162 Merkle tree whose leaves are the log entries
-- and the evidence items, in the order they were committed. Rows are only ever inserted.

-- Leaf `idx` of the tree: which item it is (kind 'entry': the log row (court, seq); kind
-- 'evidence': the evidence row (court, seq)) and its leaf hash.
CREATE TABLE tree_leaves (
    idx     BIGINT PRIMARY KEY,
    kind    TEXT NOT NULL,
    court   TEXT NOT NULL,
    seq     BIGINT NOT NULL,
    hash    BYTEA NOT NULL
);
CREATE UNIQUE INDEX tree_leaves_item ON tree_leaves (kind, court, seq);

-- The hash of every complete perfect subtree above the leaves: leaves idx·2^level ..
-- (idx+1)·2^level. They never change once complete, so proofs read at most 2·log2(n) rows.
CREATE TABLE tree_nodes (
    level   BIGINT NOT NULL,
    idx     BIGINT NOT NULL,
    hash    BYTEA NOT NULL,
    PRIMARY KEY (level, idx)
);

-- The tree's size; writers lock this row so leaves are numbered one transaction at a time.
-- `backfill` marks a database whose log predates the tree: its entries become leaves at open.
CREATE TABLE tree_head (
    id       BIGINT PRIMARY KEY CHECK (id = 1),
    size     BIGINT NOT NULL,
    backfill BOOLEAN NOT NULL
);
INSERT INTO tree_head (id, size, backfill) VALUES (1, 0, EXISTS (SELECT 1 FROM log));

-- Signed checkpoints issued (C2SP tlog-checkpoint notes). The signature is what counts: the
-- key that made it is not in the database.
CREATE TABLE checkpoints (
    size      BIGINT PRIMARY KEY,
    root      BYTEA NOT NULL,
    note      TEXT NOT NULL,
    issued_at TEXT NOT NULL
);

-- Evidence files of cases (证据), numbered per case, with their provenance; `seq` numbers a
-- court's evidence for the tree. Content is stored once per SHA-256 in evidence_blobs.
CREATE TABLE evidence (
    court       TEXT NOT NULL,
    seq         BIGINT NOT NULL,
    case_no     TEXT NOT NULL,
    number      BIGINT NOT NULL,
    recorded_at TEXT NOT NULL,
    sha256      BYTEA NOT NULL,
    size        BIGINT NOT NULL,
    name        TEXT NOT NULL,
    media_type  TEXT NOT NULL,
    source      TEXT NOT NULL,
    method      TEXT NOT NULL,
    stored_by   TEXT NOT NULL,
    PRIMARY KEY (court, seq)
);
CREATE UNIQUE INDEX evidence_case ON evidence (court, case_no, number);

CREATE TABLE evidence_blobs (
    sha256  BYTEA PRIMARY KEY,
    content BYTEA NOT NULL
);

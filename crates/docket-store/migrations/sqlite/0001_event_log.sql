-- The append-only event log, its per-court hash chain heads, the reference projections, the
-- case projections and the 案号 counters. Every key starts with the court, so a national
-- deployment can shard by court.

CREATE TABLE courts (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    level       TEXT NOT NULL,
    parent      TEXT
);

CREATE TABLE departments (
    court       TEXT NOT NULL,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    PRIMARY KEY (court, code)
);

CREATE TABLE judges (
    court       TEXT NOT NULL,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    department  TEXT,
    titles      TEXT NOT NULL,
    quota       BOOLEAN NOT NULL,
    PRIMARY KEY (court, code)
);

-- One row per recorded fact, never updated or deleted. hash = link(previous hash, seq,
-- recorded_at, body): see docket_domain::chain.
CREATE TABLE log (
    court       TEXT NOT NULL,
    seq         BIGINT NOT NULL,
    kind        TEXT NOT NULL,
    case_no     TEXT,
    case_seq    BIGINT,
    on_date     DATE,
    event_type  TEXT,
    recorded_at TEXT NOT NULL,
    body        TEXT NOT NULL,
    hash        BLOB NOT NULL,
    PRIMARY KEY (court, seq)
);
-- A case's entries are numbered 0 (the filing), 1, 2 …; the unique index refuses two writers
-- appending the same position of one case.
CREATE UNIQUE INDEX log_case_position ON log (court, case_no, case_seq);

CREATE TABLE chain_heads (
    court       TEXT PRIMARY KEY,
    seq         BIGINT NOT NULL,
    hash        BLOB NOT NULL
);

CREATE TABLE cases (
    court             TEXT NOT NULL,
    case_no           TEXT NOT NULL,
    year              BIGINT NOT NULL,
    type_code         TEXT NOT NULL,
    seq               BIGINT NOT NULL,
    category          TEXT NOT NULL,
    filed_procedure   TEXT NOT NULL,
    procedure         TEXT NOT NULL,
    cause             TEXT NOT NULL,
    received_on       DATE,
    filed_on          DATE NOT NULL,
    online            BOOLEAN NOT NULL,
    claim_amount_fen  BIGINT,
    tags              TEXT NOT NULL,
    origin            TEXT,
    sealed            BOOLEAN NOT NULL,
    status            TEXT NOT NULL,
    judge             TEXT,
    department        TEXT,
    closed_on         DATE,
    close_method      TEXT,
    close_outcome     TEXT,
    archived_on       DATE,
    suspended_since   DATE,
    suspension_reason TEXT,
    deducted_days     BIGINT NOT NULL,
    extensions        BIGINT NOT NULL,
    extension_pending BOOLEAN NOT NULL,
    recovered_fen     BIGINT NOT NULL,
    hearings_held     BIGINT NOT NULL,
    first_setting     TEXT NOT NULL,
    last_on           DATE NOT NULL,
    events            BIGINT NOT NULL,
    PRIMARY KEY (court, case_no)
);
CREATE INDEX cases_origin ON cases (origin);
CREATE INDEX cases_judge ON cases (court, judge, status);

CREATE TABLE parties (
    court       TEXT NOT NULL,
    case_no     TEXT NOT NULL,
    idx         BIGINT NOT NULL,
    role        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,
    id_type     TEXT,
    id_number   TEXT,
    PRIMARY KEY (court, case_no, idx)
);
CREATE INDEX parties_name ON parties (name);

-- 案号 allocation: the last sequence number used per court × type code × year.
CREATE TABLE case_counters (
    court       TEXT NOT NULL,
    type_code   TEXT NOT NULL,
    year        BIGINT NOT NULL,
    last_seq    BIGINT NOT NULL,
    PRIMARY KEY (court, type_code, year)
);

-- Staff accounts (one role in one court), their sessions, and the audit log (审计日志).
-- Usernames are unique across the deployment; every table carries the court for sharding.
CREATE TABLE accounts (
    username      TEXT PRIMARY KEY,
    court         TEXT NOT NULL REFERENCES courts (code),
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,
    judge         TEXT,
    password_hash TEXT NOT NULL,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  INTEGER,
    created_at    TEXT NOT NULL
);
CREATE INDEX accounts_court ON accounts (court, role);

-- A session is found by the SHA-256 of its cookie token; the token itself is never stored.
CREATE TABLE sessions (
    token_hash BLOB PRIMARY KEY,
    username   TEXT NOT NULL REFERENCES accounts (username),
    court      TEXT NOT NULL,
    csrf       TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);

CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    court    TEXT NOT NULL,
    at       TEXT NOT NULL,
    username TEXT NOT NULL,
    action   TEXT NOT NULL,
    target   TEXT NOT NULL,
    detail   TEXT NOT NULL
);
CREATE INDEX audit_log_court ON audit_log (court, id);

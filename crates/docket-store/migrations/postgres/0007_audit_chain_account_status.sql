-- The audit log (审计日志) becomes a hash chain: each row's hash covers the hash of the row before
-- it and its own fields, so `docket verify` finds a row deleted or edited. Rows written before
-- this migration are chained, in id order, when the store next opens.
ALTER TABLE audit_log ADD COLUMN hash BYTEA;
CREATE TABLE audit_head (
    id       BIGINT PRIMARY KEY CHECK (id = 1),
    last_id  BIGINT NOT NULL,
    hash     BYTEA NOT NULL
);
INSERT INTO audit_head (id, last_id, hash) VALUES (1, 0, decode(repeat('00', 32), 'hex'));

-- Accounts an administrator has disabled (停用) cannot sign in; their sessions end. The time of
-- the last password change, for the accounts page.
ALTER TABLE accounts ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE accounts ADD COLUMN password_changed_at TEXT;

-- Deployment-wide settings edited on the 管理 pages, by name (today: "indicators", the indicator
-- settings text of docket-metrics), with who changed them last and when.
CREATE TABLE settings (
    name TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);

-- Related cases on filing (关联案件提示): the cases a party's ID number or credit code appears in.
CREATE INDEX parties_id_number ON parties (id_number);

-- Idle sessions end: the last time a session was used (Unix seconds), refreshed at most once a
-- minute. Sessions from before this column read as idle since 1970 and must sign in again.
ALTER TABLE sessions ADD COLUMN last_seen BIGINT NOT NULL DEFAULT 0;

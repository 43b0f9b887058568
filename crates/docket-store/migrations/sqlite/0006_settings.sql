-- Deployment-wide settings edited on the 管理 pages, by name (today: "indicators", the indicator
-- settings text of docket-metrics), with who changed them last and when.
CREATE TABLE settings (
    name TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);

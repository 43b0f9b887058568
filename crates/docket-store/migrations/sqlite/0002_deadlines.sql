-- 审限: the deadline before the holiday rule (rules 1–6 and 8 of DEADLINES.md), NULL without a
-- statutory limit or while a deducted period is open. The holiday rule is applied when read,
-- with the calendar in force, so a corrected calendar needs no rebuild.
ALTER TABLE cases ADD COLUMN deadline_unadjusted DATE;
CREATE INDEX cases_deadline ON cases (court, status, deadline_unadjusted);

-- Holiday arrangements imported by an administrator, one row per year; they replace the
-- shipped calendar's year. National reference data, replicated to every shard.
CREATE TABLE holiday_years (
    year        BIGINT PRIMARY KEY,
    body        TEXT NOT NULL,
    imported_at TEXT NOT NULL
);

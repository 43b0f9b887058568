-- Dated facts the indicators count by their own date, kept in the case projection so the
-- indicator engine loads from one table: electronic service attempts ("2025-01-03+" delivered,
-- "2025-01-06-" not) and recoveries ("2025-02-01:12345" in fen), comma-separated in date order.
ALTER TABLE cases ADD COLUMN eservice_log TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN recovery_log TEXT NOT NULL DEFAULT '';

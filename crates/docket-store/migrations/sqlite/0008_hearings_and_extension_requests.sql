-- 案件记下下次开庭（日期、法庭）与待审批的延长审限申请，供工作队列与开庭日历使用；已有案件在命令行下次打开数据库时由事件日志重放补齐。
ALTER TABLE cases ADD COLUMN next_hearing DATE;
ALTER TABLE cases ADD COLUMN next_room TEXT;
ALTER TABLE cases ADD COLUMN extension_requested_on DATE;
ALTER TABLE cases ADD COLUMN extension_length TEXT;
ALTER TABLE cases ADD COLUMN extension_approver TEXT;
CREATE INDEX cases_next_hearing ON cases (court, next_hearing);

-- Projections a migration left incomplete: the command line replays the log into them, then the
-- row goes, in the same transaction as the new projections.
CREATE TABLE projection_rebuilds (
    migration BIGINT PRIMARY KEY,
    reason    TEXT NOT NULL
);
INSERT INTO projection_rebuilds (migration, reason)
SELECT 8, '案件的下次开庭与待审批的延长审限申请' WHERE EXISTS (SELECT 1 FROM cases);

-- Notifications in the app (通知): a case assigned to a judge, an extension decided, a case
-- reopened; for the judge's accounts, read or not.
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    court      TEXT NOT NULL,
    judge      TEXT NOT NULL,
    case_no    TEXT NOT NULL,
    kind       TEXT NOT NULL,
    text       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    read_at    TEXT
);
CREATE INDEX notifications_judge ON notifications (court, judge, id);

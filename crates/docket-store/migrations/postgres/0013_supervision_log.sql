-- 四类案件、阅核与审判委员会讨论的记录（标记日期、结案时是否经阅核同意、审委会及专业法官会议讨论、评优）
-- 与执行记录同存于 enforcement_log；已有案件在命令行下次打开数据库时由事件日志重放补齐。
INSERT INTO projection_rebuilds (migration, reason)
SELECT 13, '四类案件、阅核与审委会讨论的记录' WHERE EXISTS (SELECT 1 FROM cases);

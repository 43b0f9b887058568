-- 裁判文书的生效与上网记录（生效日期与文书种类、是否已上网或不上网）与执行记录同存于
-- enforcement_log；已有案件在命令行下次打开数据库时由事件日志重放补齐。
INSERT INTO projection_rebuilds (migration, reason)
SELECT 14, '裁判文书生效与上网的记录' WHERE EXISTS (SELECT 1 FROM cases);

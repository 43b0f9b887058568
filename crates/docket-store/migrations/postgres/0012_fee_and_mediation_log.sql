-- 调解、司法确认与诉讼费的记录（委派委托调解的组织、司法确认结果、交费退费金额与是否按期、司法救助、程序转换）
-- 与执行记录同存于 enforcement_log；程序转换此前不在其中，已有案件在命令行下次打开数据库时由事件日志重放补齐。
INSERT INTO projection_rebuilds (migration, reason)
SELECT 12, '调解、司法确认与诉讼费的记录' WHERE EXISTS (SELECT 1 FROM cases);

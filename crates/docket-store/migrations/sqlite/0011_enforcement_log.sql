-- 执行记录（网络查控、拘留、拒执罪移送、纳入失信、执前督促、自动履行、超标的查封，以及终本结案时未满足的条件），
-- 供执行指标按日期计数、执行页面列出终本案件库与不合格终本。已有案件在命令行下次打开数据库时由事件日志重放补齐。
ALTER TABLE cases ADD COLUMN enforcement_log TEXT NOT NULL DEFAULT '';

INSERT INTO projection_rebuilds (migration, reason)
SELECT 11, '执行措施、执前督促与终本合格的记录' WHERE EXISTS (SELECT 1 FROM cases);

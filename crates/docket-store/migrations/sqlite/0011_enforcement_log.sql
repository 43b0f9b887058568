-- 执行记录（网络查控、拘留、拒执罪移送、纳入失信、执前督促、自动履行、超标的查封，以及终本结案时未满足的条件），
-- 供执行指标按日期计数、执行页面列出终本案件库与不合格终本。已有案件在命令行下次打开数据库时由事件日志重放补齐。
ALTER TABLE cases ADD COLUMN enforcement_log TEXT NOT NULL DEFAULT '';

-- 当事人的单位性质（government 党政机关、soe 国有企业、private 民营企业），供涉府案件清单与统计。
ALTER TABLE parties ADD COLUMN org_type TEXT;

INSERT INTO projection_rebuilds (migration, reason)
SELECT 11, '执行措施、执前督促与终本合格的记录，当事人的单位性质' WHERE EXISTS (SELECT 1 FROM cases);

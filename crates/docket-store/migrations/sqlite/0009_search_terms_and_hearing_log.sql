-- 案件查询的检索词：当事人名称的每个后缀、案号（整体及自法院代字、类型代字、编号起）与证件号码，各取前 16 个字；
-- 按任意部分查找当事人、按前缀查找案号都只读索引的一段。已有案件在命令行下次打开数据库时由事件日志重放补齐。
CREATE TABLE search_terms (
    term    TEXT NOT NULL,
    court   TEXT NOT NULL,
    case_no TEXT NOT NULL
);
CREATE INDEX search_terms_term ON search_terms (term, court, case_no);

-- 案件列表（不带查询词）按立案日期倒序分页、按可查阅范围计总数：各走一个索引，不再读遍本院案件。
CREATE INDEX cases_filed ON cases (court, filed_on);
CREATE INDEX cases_sealed ON cases (court, sealed, judge);

-- 网上开庭与庭审直播的开庭记录（日期及 o=网上、s=直播），供网上开庭数、庭审直播数按开庭日期计数。
ALTER TABLE cases ADD COLUMN hearing_log TEXT NOT NULL DEFAULT '';

INSERT INTO projection_rebuilds (migration, reason)
SELECT 9, '案件查询的检索词与网上开庭、庭审直播记录' WHERE EXISTS (SELECT 1 FROM cases);

-- 诉讼服务：当事人、律师账户（核验过的证件号码或执业证号、电子送达确认与邮寄地址、可选的动态口令）与案件的关联；已有案件在命令行下次打开数据库时由事件日志重放补齐。
CREATE TABLE portal_accounts (
    username    TEXT PRIMARY KEY REFERENCES accounts (username),
    link        TEXT NOT NULL,
    consent_at  TEXT,
    address     TEXT,
    totp_secret TEXT
);

-- 每个案件中当事人的证件号码（id:）与其律师代理人的执业证号（licence:），及其当事人序号。
CREATE TABLE portal_links (
    link      TEXT COLLATE "C" NOT NULL,
    court     TEXT NOT NULL,
    case_no   TEXT NOT NULL,
    party_idx BIGINT NOT NULL
);
CREATE INDEX portal_links_link ON portal_links (link, court, case_no);

INSERT INTO projection_rebuilds (migration, reason)
SELECT 15, '当事人、律师与案件的关联' WHERE EXISTS (SELECT 1 FROM cases);

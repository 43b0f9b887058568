//! The pages' second locale. Chinese is the default and the key: every word of a page is written
//! in Chinese, and `Lang::t` gives its English when the user chose English (the `docket_lang`
//! cookie, set by `/lang/en` and `/lang/zh`). What the record holds — case numbers, causes,
//! names, event descriptions, deadline explanations, users' validation messages — stays in the
//! Chinese it was recorded in: the English locale is for the screens around it.

use axum::http::HeaderMap;

mod case_types;
mod enforcement;
mod fees;
mod management;
mod portal;
mod publication;
mod supervision;

/// The cookie that keeps the chosen language.
pub const COOKIE: &str = "docket_lang";

/// A page language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "zh" | "zh-CN" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language the request's cookie chose; Chinese without one.
    pub fn of(headers: &HeaderMap) -> Lang {
        crate::cookies::cookie(headers, COOKIE).and_then(Lang::parse).unwrap_or_default()
    }

    /// The code for `<html lang>` and the cookie.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The other language, for the switch in the page header: its cookie value and its name.
    pub fn other(self) -> (&'static str, &'static str) {
        match self {
            Lang::Zh => ("en", "English"),
            Lang::En => ("zh", "中文"),
        }
    }

    /// The page's words in this language: the Chinese itself, or its English (the Chinese when
    /// the table has none — `every_word_of_the_templates_has_an_english_form` keeps that from
    /// happening on a page).
    pub fn t(self, zh: &'static str) -> &'static str {
        match self {
            Lang::Zh => zh,
            Lang::En => english(zh).unwrap_or(zh),
        }
    }

    /// `t` for words that are not `'static` (labels from other crates through a `String`).
    pub fn t_owned(self, zh: &str) -> String {
        match self {
            Lang::Zh => zh.to_owned(),
            Lang::En => english(zh).map_or_else(|| zh.to_owned(), str::to_owned),
        }
    }

    pub fn is_en(self) -> bool {
        self == Lang::En
    }
}

/// A figure as `docket_app::metrics_output` writes it (`-2.58 个百分点`, `60.6 天`, `12.50 万元`)
/// with its unit in the language.
pub fn figure(s: &str, lang: Lang) -> String {
    if !lang.is_en() {
        return s.to_owned();
    }
    if let Some(n) = s.strip_suffix(" 个百分点") {
        format!("{n} pp")
    } else if let Some(n) = s.strip_suffix(" 天") {
        format!("{n} days")
    } else if let Some(n) = s.strip_suffix(" 万元").and_then(|n| n.parse::<f64>().ok()) {
        format!("{:.0} yuan", n * 10_000.0)
    } else if let Some(n) = s.strip_suffix(" 亿元").and_then(|n| n.parse::<f64>().ok()) {
        format!("{n:.2} hundred million yuan")
    } else {
        s.to_owned()
    }
}

/// The English of a page's Chinese words.
pub fn english(zh: &str) -> Option<&'static str> {
    static MAP: std::sync::LazyLock<std::collections::HashMap<&'static str, &'static str>> =
        std::sync::LazyLock::new(|| {
            EN.iter()
                .chain(case_types::CASE_TYPES)
                .chain(management::MANAGEMENT)
                .chain(enforcement::ENFORCEMENT)
                .chain(fees::FEES)
                .chain(supervision::SUPERVISION)
                .chain(publication::PUBLICATION)
                .chain(portal::PORTAL)
                .copied()
                .collect()
        });
    MAP.get(zh).copied()
}

/// The `Set-Cookie` value that keeps a language for a year.
pub fn cookie(lang: Lang) -> String {
    let code = if lang.is_en() { "en" } else { "zh" };
    format!("{COOKIE}={code}; Path=/; SameSite=Strict; Max-Age=31536000")
}

/// Chinese → English. Terms of art follow the usual English renderings of Chinese court
/// vocabulary (GLOSSARY.md): 审限 trial time limit, 结收比 clearance ratio, 案-件比 case-to-matter
/// ratio, 终本 termination of the current enforcement procedure.
static EN: &[(&str, &str)] = &[
    // Frame and navigation.
    ("· 审管", "· Docket"),
    ("审管 Docket", "Docket"),
    ("法院案件管理与审判质效系统", "Court case management and trial quality"),
    ("首页", "Home"),
    ("我的案件", "My cases"),
    ("案件", "Cases"),
    ("立案", "File a case"),
    ("质效分析", "Indicators"),
    ("报告", "Reports"),
    ("管理", "Administration"),
    ("审计", "Audit"),
    ("审计日志", "Audit log"),
    ("退出", "Sign out"),
    ("登录", "Sign in"),
    ("登录 · 审管", "Sign in · Docket"),
    ("用户名", "Username"),
    ("密码", "Password"),
    // Roles.
    ("立案员", "filing clerk"),
    ("法官", "judge"),
    ("书记员", "clerk"),
    ("庭长", "division head"),
    ("院长", "president"),
    ("审管办", "trial management office"),
    ("执行员", "enforcement officer"),
    ("上级法院查看", "higher-court viewer"),
    ("审计员", "auditor"),
    ("管理员", "administrator"),
    // 首页.
    ("· 指标口径见", "· definitions in"),
    ("（含下级法院）", " (with lower courts)"),
    ("只看本院", "this court only"),
    ("含下级法院", "with lower courts"),
    ("近 12 个月新收、审结与月末未结", "Last 12 months: filed, closed and pending at month end"),
    ("近 12 个月新收、审结、未结", "Last 12 months: filed, closed, pending"),
    ("新收", "Filed"),
    ("审结", "Closed"),
    ("月末未结", "Pending at month end"),
    ("未结案件账龄（截至今日）", "Age of pending cases (today)"),
    ("未结案件账龄", "Age of pending cases"),
    ("本年新收案件构成", "Cases filed this year by kind"),
    ("，其中诉前调解 ", ", of which pre-filing mediation "),
    ("已超审限（含诉前调解期限）", "past the time limit (pre-filing mediation included)"),
    ("7 日内审限届满", "time limit ends within 7 days"),
    ("延长审限申请期内", "extension may be requested now"),
    ("超 12 个月未结", "pending over 12 months"),
    ("同比", "year on year"),
    ("合理区间", "reasonable range"),
    // Case lists.
    ("案号", "Case number"),
    ("案由", "Cause"),
    ("承办法官", "Judge"),
    ("状态", "Status"),
    ("审限", "Time limit"),
    ("倒计时", "Countdown"),
    ("标签", "Tags"),
    ("提示", "Warnings"),
    ("筛选", "Filter"),
    ("全部", "All"),
    ("今日届满", "ends today"),
    ("审限中止", "suspended"),
    ("无审限", "no time limit"),
    ("已超审限（含诉前调解期限）的案件", "Cases past the time limit (pre-filing mediation included)"),
    ("7 日内审限届满的案件", "Cases whose time limit ends within 7 days"),
    ("在延长审限申请期内的案件", "Cases in the window for requesting an extension"),
    ("超 12 个月未结的案件", "Cases pending over 12 months"),
    ("最近立案的案件", "Recently filed cases"),
    // 案件详情.
    (
        "不公开审理案件：仅承办法官及院庭长可见，每次查阅均记入审计日志",
        "Sealed case: visible only to its judges and court leadership; every reading is audited",
    ),
    ("基本情况", "Particulars"),
    ("当事人", "Parties"),
    ("诉讼地位", "Standing"),
    ("姓名或名称", "Name"),
    ("证件号码", "ID number"),
    ("关联案件", "Related cases"),
    ("原审案件", "Original case"),
    ("派生案件", "Derived case"),
    ("可办理事项", "Actions"),
    ("您对本案没有可办理的事项。", "You have no actions on this case."),
    ("日期", "Date"),
    ("时间线", "Timeline"),
    (
        "每条记录都是防篡改日志（默克尔树）的一个叶子；“核验包”含记录、包含证明、签名检查点和公钥，可用",
        "Every entry is a leaf of the tamper-evident log (a Merkle tree); a verification bundle holds the entry, its inclusion proof, the signed checkpoint and the public key, to check offline with",
    ),
    ("离线核验。", "."),
    ("事项", "Entry"),
    ("链序号 · 哈希", "Chain position · hash"),
    ("核验", "Verify"),
    ("核验包", "bundle"),
    ("证据", "Evidence"),
    ("尚未登记证据。", "No evidence registered yet."),
    ("文件", "File"),
    ("类型", "Type"),
    ("大小", "Size"),
    ("来源 · 收集方式", "Source · how collected"),
    ("登记", "Registered"),
    ("下载", "download"),
    ("登记证据", "Register evidence"),
    ("文件（不超过 20 MB）", "File (at most 20 MB)"),
    ("文件类型", "File type"),
    ("证据来源", "Source"),
    ("如：原告提交、法院调取", "e.g. submitted by the plaintiff, obtained by the court"),
    ("收集方式", "How collected"),
    (
        "如：线上提交、现场提取、区块链存证平台调取",
        "e.g. uploaded online, collected on site, from a blockchain evidence platform",
    ),
    ("法院", "Court"),
    ("程序", "Procedure"),
    ("立案日期", "Filed on"),
    ("承办部门", "Division"),
    ("结案日期", "Closed on"),
    ("结案方式", "Closing method"),
    ("标的额", "Amount claimed"),
    ("执行到位", "Recovered"),
    ("未分案", "not assigned"),
    ("无（中止中或无审限）", "none (suspended or no time limit)"),
    // Case actions.
    ("分案", "Assign"),
    ("排期开庭", "Schedule a hearing"),
    ("记录开庭", "Record a hearing"),
    ("延期开庭", "Postpone the hearing"),
    ("扣除审限（中止）", "Suspend (time not counted)"),
    ("恢复审理", "Resume"),
    ("程序转换", "Change procedure"),
    ("申请延长审限", "Request an extension"),
    ("批准延长审限", "Approve the extension"),
    ("结案", "Close"),
    ("记录送达", "Record service"),
    ("执行到位款", "Record a recovery"),
    ("恢复（撤销结案）", "Reopen (undo closing)"),
    ("归档", "Archive"),
    // 立案.
    ("请更正标出的项目；本次未保存任何内容。", "Please correct the marked fields; nothing was saved."),
    ("类型代字", "Case type"),
    ("审理程序", "Procedure"),
    ("收案日期", "Received on"),
    ("标的额（元）", "Amount claimed (yuan)"),
    ("原审案号", "Original case number"),
    ("承办法官（分案）", "Judge (assignment)"),
    ("暂不分案", "assign later"),
    ("网上立案", "Filed online"),
    ("不公开审理", "Sealed"),
    ("类别", "Kind"),
    ("自然人", "natural person"),
    ("单位", "organisation"),
    ("身份证号 / 统一社会信用代码", "Resident ID / unified social credit code"),
    (
        "繁简分流规则：民初案件标的额不超过 5 万元且当事人两方，建议小额诉讼；不超过 100 万元且不超过三方，建议简易程序；其余普通程序。",
        "Streaming rule: a first-instance civil case of at most 50,000 yuan between two parties is suggested for small claims; at most 1,000,000 yuan and three parties, the simple procedure; otherwise the ordinary procedure.",
    ),
    ("立案并分配案号", "File and assign a case number"),
    ("关联案件提示", "Related cases"),
    (
        "：以下案件涉及相同当事人，请核查是否重复起诉、是否需并案或移送。",
        ": these cases involve the same parties; check for duplicate suits, joinder or transfer.",
    ),
    ("立案；", "filed;"),
    // 质效分析.
    ("本案数值", "This case's value"),
    ("自", "From"),
    ("至", "To"),
    ("分组", "Group"),
    ("不分组", "none"),
    ("按月", "by month"),
    ("按季", "by quarter"),
    ("按年", "by year"),
    ("按法院", "by court"),
    ("按部门", "by division"),
    ("按法官", "by judge"),
    ("按类别", "by category"),
    ("按类型代字", "by case type"),
    ("按案由", "by cause"),
    ("按标签", "by tag"),
    ("全部；多个以逗号分隔", "all; several separated by commas"),
    ("指标", "Indicators"),
    ("关键指标", "key indicators"),
    ("全部指标", "all indicators"),
    ("对比指标", "Compare on"),
    ("计算", "Compute"),
    ("下载：", "Download:"),
    (
        "各组对比（绿色在合理区间内，橙色超出；浅绿底为合理区间）",
        "Groups side by side (green within the reasonable range, orange outside; the pale band is the range)",
    ),
    ("数值", "Value"),
    ("分子/分母", "Numerator/denominator"),
    ("查看计入的案件", "see the cases counted"),
    (
        "点击数值查看分子、分母所含案件。绿色：在合理区间内；橙色：超出合理区间。区间可在指标设置中调整。",
        "Click a value for the cases in its numerator and denominator. Green: within the reasonable range; orange: outside. Ranges are set in the indicator settings.",
    ),
    ("· 案件明细", "· cases"),
    ("返回质效分析", "Back to indicators"),
    ("仅列出前", "Only the first"),
    ("件。", "are listed."),
    ("其中", "Of these,"),
    ("件为不公开案件，未列出案号。", "are sealed cases, not listed by number."),
    ("不公开案件", "sealed cases"),
    ("期间", "Period"),
    // 报告.
    ("一周一通报", "Weekly bulletin"),
    ("月度质效分析", "Monthly indicator analysis"),
    ("年度工作报告数据稿", "Annual work report (data draft)"),
    ("专题分析报告", "Topic report"),
    ("专题（标签）", "Topic (tag)"),
    ("或按案由", "or by cause"),
    ("如 劳动争议；多个以逗号分隔", "e.g. 劳动争议; several separated by commas"),
    (
        "2025、2025-Q3、2025-10、2025-W40 或 2025-01-01..2025-03-31",
        "2025, 2025-Q3, 2025-10, 2025-W40 or 2025-01-01..2025-03-31",
    ),
    ("生成", "Generate"),
    // 管理.
    ("用户与角色", "Users and roles"),
    ("用户管理", "Users"),
    ("指标设置", "Indicator settings"),
    ("节假日安排", "Holiday calendar"),
    ("新建用户", "New user"),
    ("初始密码（至少 8 位）", "Initial password (at least 8 characters)"),
    ("姓名", "Name"),
    ("角色", "Role"),
    ("关联法官", "Judge record"),
    ("创建", "Create"),
    ("用户", "User"),
    ("操作", "Action"),
    ("对象", "Object"),
    ("时间", "Time"),
    ("说明", "Details"),
    ("保存", "Save"),
    ("导入", "Import"),
    ("无", "none"),
    ("年", ""),
    ("年没有节假日安排（只按周末计休息日）。", " has no holiday calendar (only weekends are rest days)."),
    (
        "审限期间届满日遇法定休假日顺延（民事诉讼法第八十五条）；调休上班日按工作日计。已有安排的年份：",
        "A time limit ending on a statutory holiday moves to the next working day (Civil Procedure Law art. 85); make-up working days count as working days. Years with a calendar:",
    ),
    (
        "每行一日：“2026-10-01 休 国庆节”或“2026-09-28 班 国庆节调休”。文件中出现的年份整体替换，其他年份不变。",
        "One day a line: “2026-10-01 休 国庆节” (a holiday) or “2026-09-28 班 国庆节调休” (a make-up working day). The years in the file are replaced whole; other years are kept.",
    ),
    (
        "统计口径、各指标的合理区间（质效分析、首页和报告据此着色、评述）、立案期限。每行“键 = 值”，# 后为注释；保存后立即生效于本部署的所有法院。",
        "Counting scopes, each indicator's reasonable range (what the indicator pages, home and reports colour and comment on) and the filing time limit. One “key = value” a line, # starts a comment; saved settings apply at once to every court of this deployment.",
    ),
    ("件）", ")"),
    // The record's fixed vocabulary: statuses, tags, procedures, closing methods, service,
    // suspension reasons, approvers, party standings.
    ("在办", "open"),
    ("中止/扣除审限中", "suspended"),
    ("已结", "closed"),
    ("涉企", "enterprise"),
    ("涉重大项目", "major project"),
    ("涉金融", "finance"),
    ("劳动争议", "labour dispute"),
    ("农民工讨薪", "migrant workers' wages"),
    ("涉未成年人", "minors"),
    ("涉民生", "livelihood"),
    ("知识产权", "intellectual property"),
    ("群体性纠纷", "mass dispute"),
    ("普通程序", "ordinary procedure"),
    ("简易程序", "simple procedure"),
    ("小额诉讼程序", "small claims"),
    ("速裁程序", "fast-track procedure"),
    ("特别程序", "special procedure"),
    ("二审（判决）", "appeal (judgment)"),
    ("二审（裁定）", "appeal (ruling)"),
    ("再审程序", "retrial"),
    ("非诉程序", "non-litigation procedure"),
    ("判决", "judgment"),
    ("裁定", "ruling"),
    ("调解", "mediation"),
    ("撤诉", "withdrawal"),
    ("按撤诉处理", "deemed withdrawn"),
    ("驳回起诉", "dismissal"),
    ("移送", "transfer"),
    ("维持原判", "upheld"),
    ("改判", "revised"),
    ("发回重审", "remanded"),
    ("终结", "terminated"),
    ("执行完毕", "enforced in full"),
    ("终结本次执行程序", "current enforcement terminated (终本)"),
    ("终结执行", "enforcement terminated"),
    ("不予执行/驳回申请", "not enforced / application rejected"),
    ("和解履行完毕", "settled and performed"),
    ("自动履行完毕", "performed voluntarily"),
    ("和解", "settlement"),
    ("暂缓执行", "enforcement stayed"),
    ("诉前调解成功", "pre-filing mediation succeeded"),
    ("调解不成转立案", "mediation failed, filed as a case"),
    ("电子送达", "electronic"),
    ("直接送达", "in person"),
    ("邮寄送达", "by post"),
    ("公告送达", "by public notice"),
    ("公告", "public notice"),
    ("鉴定", "expert appraisal"),
    ("审计、评估", "audit or valuation"),
    ("拍卖、变卖", "auction or sale"),
    ("管辖权异议", "jurisdiction objection"),
    ("中止诉讼", "proceedings suspended"),
    ("其他扣除审限事由", "other reason not counted"),
    ("上级法院", "higher court"),
    ("原告", "plaintiff"),
    ("被告", "defendant"),
    ("第三人", "third party"),
    ("上诉人", "appellant"),
    ("被上诉人", "appellee"),
    ("申请人", "applicant"),
    ("被申请人", "respondent"),
    ("被害人", "victim"),
    ("自诉人", "private prosecutor"),
    // Case action fields.
    ("开庭日期", "Hearing date"),
    ("事由", "Reason"),
    ("延期事由", "Reason for postponing"),
    ("转为", "Change to"),
    ("延长月数", "Months"),
    ("报请", "Submit to"),
    ("结果（可选）", "Outcome (optional)"),
    ("方式", "Channel"),
    ("结果", "Result"),
    ("送达成功", "delivered"),
    ("未送达", "not delivered"),
    ("金额（元）", "Amount (yuan)"),
    ("延长期限", "Extension"),
    ("批准人", "Approver"),
    ("金额", "Amount"),
    ("送达方式", "Service channel"),
    // Case categories.
    ("刑事", "Criminal"),
    ("民事", "Civil"),
    ("行政", "Administrative"),
    ("国家赔偿", "State compensation"),
    ("非诉保全审查", "Preservation review"),
    ("破产", "Bankruptcy"),
    ("诉前调解", "Pre-filing mediation"),
    ("其他", "Other"),
    // Indicators (the catalogue's names, INDICATORS.md).
    ("新收案件数", "Cases filed"),
    ("旧存案件数", "Cases carried over"),
    ("受理案件数", "Cases accepted"),
    ("结案数", "Cases closed"),
    ("未结案件数", "Cases pending"),
    ("结案率", "Closure rate"),
    ("结收比", "Clearance ratio"),
    ("人均结案数", "Cases closed per judge"),
    ("院庭长办案占比", "Share closed by court leaders"),
    ("结案均衡度", "Closure balance"),
    ("平均审理天数", "Average days to close"),
    ("平均审理天数(扣除审限后)", "Average days to close (suspensions deducted)"),
    ("审理天数中位数", "Median days to close"),
    ("法定审限内结案率", "Closed within the time limit"),
    ("延长审限率", "Extension rate"),
    ("超审限未结案件数", "Pending past the time limit"),
    ("超12个月未结案件数", "Pending over 12 months"),
    ("超18个月未结案件数", "Pending over 18 months"),
    ("超36个月未结案件数", "Pending over 36 months"),
    ("超12个月未结案件比", "Share pending over 12 months"),
    ("90日内审结率", "Closed within 90 days"),
    ("180日内审结率", "Closed within 180 days"),
    ("365日内审结率", "Closed within 365 days"),
    ("未结账龄3个月以内", "Pending under 3 months"),
    ("未结账龄3至6个月", "Pending 3–6 months"),
    ("未结账龄6至12个月", "Pending 6–12 months"),
    ("未结账龄12至18个月", "Pending 12–18 months"),
    ("未结账龄18至36个月", "Pending 18–36 months"),
    ("未结账龄36个月以上", "Pending over 36 months (age)"),
    ("法定期限内立案率", "Filed within the statutory period"),
    ("首次排期开庭率", "First hearing held as scheduled"),
    ("调解率", "Mediation rate"),
    ("调撤率", "Mediation and withdrawal rate"),
    ("上诉率", "Appeal rate"),
    ("一审被改判发回重审率", "First instance revised or remanded"),
    ("二审改判发回重审率", "Second instance revised or remanded"),
    ("服判息诉率", "Judgments accepted"),
    ("案-件比", "Case-to-matter ratio"),
    ("执行到位率", "Recovery rate"),
    ("执行到位金额", "Amount recovered"),
    ("执行完毕率", "Enforcement completed"),
    ("首执案件终本率", "First enforcement terminated (终本)"),
    ("实际执结率", "Actually enforced"),
    ("网上立案率", "Online filing rate"),
    ("电子送达成功率", "Electronic service success"),
    ("诉前调解成功率", "Pre-filing mediation success"),
    ("民事裁判申请执行率", "Civil judgments taken to enforcement"),
    ("网上开庭数", "Hearings held online"),
    ("庭审直播数", "Hearings streamed"),
    ("网上立案数", "Cases filed online"),
    ("电子送达次数", "Electronic service attempts"),
    ("电子送达件数", "Cases served electronically"),
    ("诉前调解成功数", "Pre-filing mediations settled"),
    ("涉案标的额", "Amount in dispute"),
    ("清积率", "Campaign clearance rate"),
    ("整改完成率", "Rectification completed on time"),
    ("司法建议反馈率", "Judicial suggestions answered"),
    ("涉诉信访件数", "Petitions about cases"),
    ("信访按期办结率", "Petitions closed within 60 days"),
    // Case search.
    ("案件查询", "Find cases"),
    ("案号、当事人或证件号", "Case number, party or ID number"),
    ("未结", "Open"),
    ("立案自", "Filed from"),
    ("排序", "Sort"),
    ("立案日期（新→旧）", "Filing date (newest first)"),
    ("立案日期（旧→新）", "Filing date (oldest first)"),
    ("审限先后", "By time limit"),
    ("没有符合条件的案件。", "No case matches."),
    ("上一页", "Previous page"),
    ("下一页", "Next page"),
    ("案号或当事人", "Case number or party"),
    // Accounts and the audit log.
    ("修改", "Edit"),
    ("保存修改", "Save changes"),
    (
        "修改角色或关联法官后，该账户须重新登录；院长、庭长账户须关联本人的法官记录，改为院长、庭长即授予查阅本院不公开案件的权限，审计员当天在首页看到。",
        "After a change of role or judge record the account signs in again. A president's or division head's account must be bound to its holder's own judge record; making an account one of them grants it the court's sealed cases, which the auditor sees on the home page that day.",
    ),
    (
        "个账户近 30 天获得查阅不公开案件的权限，请核对",
        "accounts given access to sealed cases in the last 30 days: check them",
    ),
    ("授予查阅不公开案件权限", "Access to sealed cases granted"),
    (
        "院长、庭长账户可查阅本院不公开案件；每次创建都列在这里，请核对是否经过批准。",
        "President and division-head accounts read the court's sealed cases; each one created is listed here: check that it was approved.",
    ),
    ("操作人", "By"),
    ("账户", "Account"),
    ("查询", "Search"),
    ("导出 CSV", "Export CSV"),
    ("编号", "No."),
    ("没有符合条件的记录。", "No lines match."),
    ("下一页（更早的记录）", "Next page (earlier lines)"),
    (
        "时间为北京时间。审计日志是一条哈希链，删除或改动任何一条都会被 docket verify 发现。",
        "Times are Beijing time. The audit log is a hash chain: docket verify finds any line deleted or changed.",
    ),
    ("我的账户", "My account"),
    ("最近修改密码", "Password last changed"),
    ("修改密码", "Change password"),
    ("当前密码", "Current password"),
    ("新密码", "New password"),
    ("再输入一次", "Repeat it"),
    (
        "至少 8 个字符，不能是常见密码、连续或重复的字符，不能包含用户名。修改后，您在其他设备上的会话随即结束。",
        "At least 8 characters; not a common password, a run or a repetition, and not containing the username. Your sessions elsewhere end when it changes.",
    ),
    ("会话", "Sessions"),
    ("恢复", "Enable"),
    ("停用", "Disable"),
    ("结束会话", "End sessions"),
    ("重设密码", "Reset password"),
    (
        "停用的账户不能登录，其会话随即结束；重设密码也结束该账户的全部会话。本人的密码在“我的账户”中修改。",
        "A disabled account cannot sign in and its sessions end; a reset password ends them too. Change your own password under My account.",
    ),
    ("已停用", "Disabled"),
    ("已锁定", "Locked"),
    ("正常", "Active"),
    ("从未修改", "Never changed"),
    ("登录失败", "Sign-in failed"),
    ("锁定期间尝试登录", "Sign-in while locked"),
    ("查阅不公开案件", "Read a sealed case"),
    ("记录案件事件", "Case event recorded"),
    ("上传证据", "Evidence uploaded"),
    ("修改本人密码", "Own password changed"),
    ("停用用户", "Account disabled"),
    ("恢复用户", "Account enabled"),
    ("导入节假日安排", "Holiday calendar imported"),
    ("保存指标设置", "Indicator settings saved"),
    ("导出审计日志", "Audit log exported"),
    // Work queues, the hearing calendar and the case page's newer forms.
    ("工作队列", "Work queues"),
    ("办理", "Act"),
    ("请选择", "Choose…"),
    ("批准", "Approve"),
    ("不批准的理由", "Reason for refusal"),
    ("不批准", "Refuse"),
    ("开庭日历", "Hearing calendar"),
    ("视图", "View"),
    ("周", "Week"),
    ("月", "Month"),
    ("法庭", "Courtroom"),
    ("查看", "Show"),
    ("开庭", "Hearings"),
    ("冲突", "Clashes"),
    ("待分案", "To assign"),
    ("待审批", "Approvals"),
    ("近期开庭", "Hearings ahead"),
    ("审限预警", "Time-limit alerts"),
    ("已等待", "Waiting"),
    ("申请日期", "Requested on"),
    ("申请延长", "Extension asked"),
    ("已记录：", "Recorded: "),
    ("未定法庭", "Courtroom not set"),
    ("星期一", "Mon"),
    ("星期二", "Tue"),
    ("星期三", "Wed"),
    ("星期四", "Thu"),
    ("星期五", "Fri"),
    ("星期六", "Sat"),
    ("星期日", "Sun"),
    ("当前承办法官：", "Current judge: "),
    ("改派承办法官", "Reassign the judge"),
    ("法庭（可选）", "Courtroom (optional)"),
    ("网上开庭", "Held online"),
    ("庭审直播", "Streamed"),
    ("否", "No"),
    ("是", "Yes"),
    ("不批准延长审限", "Refuse the extension"),
    ("确认结案（结案后只能由审管办恢复）", "Confirm the closing (only case management can undo it)"),
    ("通知", "Notifications"),
    ("本账户未关联法官，没有通知。", "This account is not linked to a judge and has no notifications."),
    ("今日提醒", "Today's reminders"),
    ("全部标为已读", "Mark all read"),
    ("暂无通知", "No notifications"),
    ("已超审限", "Overdue"),
    ("15 日内届满", "Due within 15 days"),
    ("扣除审限中", "Clock stopped"),
    ("延长审限待审批", "Extension pending"),
    ("14 日内开庭", "Hearings within 14 days"),
    ("合计", "Total"),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The `t("…")` keys of the templates.
    fn template_words() -> Vec<(String, String)> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).expect("templates") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("template");
            for part in text.split(".t(\"").skip(1) {
                if let Some(end) = part.find("\")") {
                    out.push((
                        path.file_name().unwrap_or_default().to_string_lossy().into_owned(),
                        part[..end].to_owned(),
                    ));
                }
            }
        }
        out
    }

    #[test]
    fn every_indicator_of_the_catalogue_has_an_english_name() {
        let missing: Vec<_> =
            docket_metrics::CATALOGUE.iter().filter(|i| english(i.name).is_none()).map(|i| i.name).collect();
        assert!(missing.is_empty(), "no English for {missing:?}");
    }

    #[test]
    fn every_word_of_the_templates_has_an_english_form() {
        let words = template_words();
        assert!(words.len() > 100, "the templates' words were not found: {}", words.len());
        let missing: Vec<_> = words.iter().filter(|(_, w)| english(w).is_none()).collect();
        assert!(missing.is_empty(), "no English for {missing:?}");
    }

    #[test]
    fn the_templates_have_no_chinese_outside_the_translated_words() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
        for entry in std::fs::read_dir(dir).expect("templates") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("template");
            // Drop every `t("…")` key; what is left must not be Chinese words.
            let mut rest = String::new();
            let mut parts = text.split(".t(\"");
            rest.push_str(parts.next().unwrap_or_default());
            for part in parts {
                rest.push_str(part.split_once("\")").map_or(part, |(_, after)| after));
            }
            let han: String = rest.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).collect();
            assert!(han.is_empty(), "{}: untranslated Chinese {han}", path.display());
        }
    }

    #[test]
    fn the_language_comes_from_its_cookie_and_defaults_to_chinese() {
        let mut h = HeaderMap::new();
        assert_eq!(Lang::of(&h), Lang::Zh);
        h.insert(axum::http::header::COOKIE, "docket_session=abc; docket_lang=en".parse().expect("header"));
        assert_eq!(Lang::of(&h), Lang::En);
        h.insert(axum::http::header::COOKIE, "docket_lang=fr".parse().expect("header"));
        assert_eq!(Lang::of(&h), Lang::Zh);
        assert_eq!(Lang::En.t("首页"), "Home");
        assert_eq!(Lang::Zh.t("首页"), "首页");
        // A word without an English form stays Chinese rather than vanishing.
        assert_eq!(Lang::En.t("没有这个词"), "没有这个词");
    }

    #[test]
    fn figures_carry_their_unit_in_the_language() {
        assert_eq!(figure("-2.58 个百分点", Lang::En), "-2.58 pp");
        assert_eq!(figure("60.6 天", Lang::En), "60.6 days");
        assert_eq!(figure("12.50 万元", Lang::En), "125000 yuan");
        assert_eq!(figure("97.58%", Lang::En), "97.58%");
        assert_eq!(figure("60.6 天", Lang::Zh), "60.6 天");
    }

    #[test]
    fn the_dictionary_has_no_key_twice() {
        let mut keys: Vec<&str> = EN
            .iter()
            .chain(management::MANAGEMENT)
            .chain(enforcement::ENFORCEMENT)
            .chain(fees::FEES)
            .chain(supervision::SUPERVISION)
            .chain(publication::PUBLICATION)
            .chain(portal::PORTAL)
            .map(|(k, _)| *k)
            .collect();
        keys.sort_unstable();
        let before = keys.len();
        keys.dedup();
        assert_eq!(before, keys.len(), "a Chinese key is listed twice");
    }
}

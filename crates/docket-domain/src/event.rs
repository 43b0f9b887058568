//! Case events (案件节点): everything that happens to a case after 立案, as `INTERCHANGE.md` lists.

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::amount::Amount;
use crate::procedure::Procedure;

/// A length of time: the statutory limits and extensions are counted in months or in days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    Months(u32),
    Days(u32),
}

impl Period {
    pub fn label(self) -> String {
        match self {
            Self::Months(m) => format!("{m} 个月"),
            Self::Days(d) => format!("{d} 天"),
        }
    }
    /// A compact code for storage: `6m`, `30d`.
    pub fn code(self) -> String {
        match self {
            Self::Months(m) => format!("{m}m"),
            Self::Days(d) => format!("{d}d"),
        }
    }
    pub fn parse_code(s: &str) -> Option<Self> {
        if let Some(m) = s.strip_suffix('m') {
            m.parse().ok().map(Self::Months)
        } else {
            s.strip_suffix('d')?.parse().ok().map(Self::Days)
        }
    }
}

/// Who approves an extension (延长审限): DEADLINES.md, default-limits table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Approver {
    /// 本院院长
    President,
    /// 上级法院
    HigherCourt,
}

impl Approver {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::President => "president",
            Self::HigherCourt => "higher_court",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "president" => Some(Self::President),
            "higher_court" => Some(Self::HigherCourt),
            _ => None,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::President => "院长",
            Self::HigherCourt => "上级法院",
        }
    }
}

/// Why a period does not count toward the 审限 (扣除审限; 民诉解释 §243, 行诉解释 §50, 2000 规定 §9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SuspensionReason {
    /// 公告
    Announcement,
    /// 鉴定
    Appraisal,
    /// 审计、评估
    Audit,
    /// 管辖权异议
    JurisdictionObjection,
    /// 中止诉讼
    Suspension,
    /// 和解期间
    Settlement,
    /// 暂缓执行
    StayOfEnforcement,
    /// 拍卖、变卖
    Auction,
    /// 委托调解 beyond its 15 (or 7) days with the parties' agreement: not counted (特邀调解规定
    /// §27 ¶2; 在线调解规则 §24). A Docket addition to the interchange's reasons.
    Mediation,
    /// 其他
    Other,
}

impl SuspensionReason {
    pub const ALL: [SuspensionReason; 10] = [
        Self::Announcement,
        Self::Appraisal,
        Self::Audit,
        Self::JurisdictionObjection,
        Self::Suspension,
        Self::Settlement,
        Self::StayOfEnforcement,
        Self::Auction,
        Self::Mediation,
        Self::Other,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Announcement => "announcement",
            Self::Appraisal => "appraisal",
            Self::Audit => "audit",
            Self::JurisdictionObjection => "jurisdiction_objection",
            Self::Suspension => "suspension",
            Self::Settlement => "settlement",
            Self::StayOfEnforcement => "stay_of_enforcement",
            Self::Auction => "auction",
            Self::Mediation => "mediation",
            Self::Other => "other",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Announcement => "公告",
            Self::Appraisal => "鉴定",
            Self::Audit => "审计、评估",
            Self::JurisdictionObjection => "管辖权异议",
            Self::Suspension => "中止诉讼",
            Self::Settlement => "和解",
            Self::StayOfEnforcement => "暂缓执行",
            Self::Auction => "拍卖、变卖",
            Self::Mediation => "委托调解延长期间",
            Self::Other => "其他扣除审限事由",
        }
    }
}

/// 司法救助 (诉讼费用交纳办法 §44–§47): 缓交, 减交, 免交 (免交 only for natural persons, §44).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Relief {
    Defer,
    Reduce,
    Waive,
}

impl Relief {
    pub const ALL: [Self; 3] = [Self::Defer, Self::Reduce, Self::Waive];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Defer => "defer",
            Self::Reduce => "reduce",
            Self::Waive => "waive",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Defer => "缓交",
            Self::Reduce => "减交",
            Self::Waive => "免交",
        }
    }
}

/// 送达方式.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ServiceChannel {
    /// 电子送达
    Electronic,
    /// 邮寄送达
    Post,
    /// 直接送达
    Direct,
    /// 公告送达
    Announcement,
}

impl ServiceChannel {
    pub const ALL: [ServiceChannel; 4] = [Self::Electronic, Self::Post, Self::Direct, Self::Announcement];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Electronic => "electronic",
            Self::Post => "post",
            Self::Direct => "direct",
            Self::Announcement => "announcement",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Electronic => "电子送达",
            Self::Post => "邮寄送达",
            Self::Direct => "直接送达",
            Self::Announcement => "公告送达",
        }
    }
}

/// 结案方式.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CloseMethod {
    Judgment,
    Ruling,
    Mediation,
    Withdrawal,
    DeemedWithdrawal,
    Dismissal,
    Transfer,
    Termination,
    Affirmed,
    Revised,
    Remanded,
    EnforcementCompleted,
    EnforcementVoluntary,
    EnforcementSettled,
    EnforcementTerminated,
    EnforcementEnded,
    EnforcementRejected,
    PremediationAgreement,
    PremediationFailed,
    Other,
}

impl CloseMethod {
    pub const ALL: [CloseMethod; 20] = [
        Self::Judgment,
        Self::Ruling,
        Self::Mediation,
        Self::Withdrawal,
        Self::DeemedWithdrawal,
        Self::Dismissal,
        Self::Transfer,
        Self::Termination,
        Self::Affirmed,
        Self::Revised,
        Self::Remanded,
        Self::EnforcementCompleted,
        Self::EnforcementVoluntary,
        Self::EnforcementSettled,
        Self::EnforcementTerminated,
        Self::EnforcementEnded,
        Self::EnforcementRejected,
        Self::PremediationAgreement,
        Self::PremediationFailed,
        Self::Other,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Judgment => "judgment",
            Self::Ruling => "ruling",
            Self::Mediation => "mediation",
            Self::Withdrawal => "withdrawal",
            Self::DeemedWithdrawal => "deemed_withdrawal",
            Self::Dismissal => "dismissal",
            Self::Transfer => "transfer",
            Self::Termination => "termination",
            Self::Affirmed => "affirmed",
            Self::Revised => "revised",
            Self::Remanded => "remanded",
            Self::EnforcementCompleted => "enforcement_completed",
            Self::EnforcementVoluntary => "enforcement_voluntary",
            Self::EnforcementSettled => "enforcement_settled",
            Self::EnforcementTerminated => "enforcement_terminated",
            Self::EnforcementEnded => "enforcement_ended",
            Self::EnforcementRejected => "enforcement_rejected",
            Self::PremediationAgreement => "premediation_agreement",
            Self::PremediationFailed => "premediation_failed",
            Self::Other => "other",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Judgment => "判决",
            Self::Ruling => "裁定",
            Self::Mediation => "调解",
            Self::Withdrawal => "撤诉",
            Self::DeemedWithdrawal => "按撤诉处理",
            Self::Dismissal => "驳回起诉",
            Self::Transfer => "移送",
            Self::Termination => "终结",
            Self::Affirmed => "维持原判",
            Self::Revised => "改判",
            Self::Remanded => "发回重审",
            Self::EnforcementCompleted => "执行完毕",
            Self::EnforcementVoluntary => "自动履行完毕",
            Self::EnforcementSettled => "和解履行完毕",
            Self::EnforcementTerminated => "终结本次执行程序",
            Self::EnforcementEnded => "终结执行",
            Self::EnforcementRejected => "不予执行/驳回申请",
            Self::PremediationAgreement => "诉前调解成功",
            Self::PremediationFailed => "调解不成转立案",
            Self::Other => "其他",
        }
    }
    pub fn is_enforcement(self) -> bool {
        matches!(
            self,
            Self::EnforcementCompleted
                | Self::EnforcementVoluntary
                | Self::EnforcementSettled
                | Self::EnforcementTerminated
                | Self::EnforcementEnded
                | Self::EnforcementRejected
        )
    }
    pub fn is_premediation(self) -> bool {
        matches!(self, Self::PremediationAgreement | Self::PremediationFailed)
    }
    pub fn is_appeal_outcome(self) -> bool {
        matches!(self, Self::Affirmed | Self::Revised | Self::Remanded)
    }

    /// Whether a case of this type may close this way: 执行 methods only on enforcement cases,
    /// 诉前调解 outcomes only on 诉前调解, 维持/改判/发回 only on appeals and retrials.
    pub fn fits(self, case_type: &crate::CaseType) -> bool {
        use crate::case_type::{Category, Stage};
        if self.is_enforcement() {
            case_type.category == Category::Enforcement
        } else if self.is_premediation() {
            case_type.category == Category::Mediation
        } else if self.is_appeal_outcome() {
            matches!(case_type.stage, Stage::SecondInstance | Stage::Retrial)
        } else {
            true
        }
    }
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventKind {
    /// 分案 to the 承办法官.
    Assigned { judge: String, department: Option<String> },
    /// 程序转换, e.g. 简易 → 普通.
    ProcedureChanged { procedure: Procedure },
    /// 排期, optionally in a named courtroom.
    HearingScheduled { hearing_on: NaiveDate, room: Option<String> },
    /// 开庭: held online (网上开庭) and/or streamed (庭审直播).
    HearingHeld { online: bool, streamed: bool },
    /// 延期开庭.
    HearingPostponed { reason: String },
    /// A period not counted toward the 审限 starts.
    Suspended { reason: SuspensionReason },
    /// It ends.
    Resumed,
    /// 延长审限 requested.
    ExtensionRequested { length: Period, approver: Approver },
    /// 延长审限 approved.
    Extended { length: Period, approver: Approver },
    /// 延长审限 refused, with the approver's reason.
    ExtensionRefused { reason: String },
    /// 结案.
    Closed { method: CloseMethod, outcome: Option<String> },
    /// 执行到位款.
    Recovered { amount: Amount },
    /// 送达: by which channel, whether it reached the addressee; for a document served
    /// electronically, its SHA-256 (hex) and the moment it reached the addressee's account or
    /// system, which is the day of service (民诉法 §90 第二款; 在线诉讼规则 §29–§32).
    ServiceAttempted {
        channel: ServiceChannel,
        delivered: bool,
        document: Option<String>,
        receipt_at: Option<DateTime<FixedOffset>>,
        /// The party served, by name as the case records it (`party`, a field Docket adds);
        /// none for service recorded without naming them.
        party: Option<String>,
    },
    /// 查阅: the party opened, in the portal, a document served to them electronically — its
    /// SHA-256 and the moment (`service_viewed`, an event Docket adds). Service took effect when
    /// the document reached the account; the view time is kept beside it on the receipt
    /// (在线诉讼规则 §31).
    ServiceViewed { document: String, viewed_at: DateTime<FixedOffset>, party: Option<String> },
    /// 执行措施 on an enforcement case: the measure, the value of what a measure taking property
    /// took, the persons detained.
    EnforcementMeasure { measure: crate::enforcement::Measure, amount: Option<Amount>, persons: Option<u32> },
    /// 妨害执行, or the debtor's whereabouts unknown, recorded.
    Obstruction { note: Option<String> },
    /// 自动履行催告 / 执前督促 on a judgment case.
    PerformanceUrged { notice: crate::enforcement::Notice },
    /// Money paid voluntarily on a judgment case, before any enforcement case.
    Performed { amount: Amount },
    /// 委派/委托/特邀调解: the case handed to a mediation organisation (its code), optionally a
    /// named mediator.
    MediationDelegated { org: String, mediator: Option<String>, mode: crate::mediation::MediationMode },
    /// 司法确认 decided (民诉法 §206): the agreement confirmed, or the application refused.
    ConfirmationDecided { confirmed: bool },
    /// 诉讼费 paid in (预交, 补交), online or at the window.
    FeePaid {
        amount: Amount,
        online: bool,
        /// The payment's reference (缴费凭证号, 支付流水号) as the court's finance system
        /// confirmed it (`reference`, a field Docket adds).
        reference: Option<String>,
    },
    /// 司法救助 granted (诉讼费用交纳办法 §44–§51), with the amount reduced for 减交.
    FeeRelief { relief: Relief, amount: Option<Amount> },
    /// 退费.
    FeeRefunded { amount: Amount, online: bool },
    /// Marked as one of the 四类案件 (法发〔2021〕30号), by a judge code or an account.
    SupervisionFlagged { category: crate::supervision::FlagCategory, by: String },
    /// The mark removed.
    SupervisionCleared { by: String },
    /// 阅核: the draft sent to a 院庭长 (a judge code).
    ReadingRequested { reviewer: String },
    /// 阅核 answered, with a note (required when returned; a field Docket adds).
    ReadingDone { reviewer: String, result: crate::supervision::ReadingResult, note: Option<String> },
    /// Discussed by the 审判委员会 or a 专业法官会议.
    Deliberated { body: crate::supervision::Body },
    /// 典型案例, 优秀文书 or 入库案例, at a level.
    Distinguished { honour: crate::supervision::Honour, level: crate::supervision::HonourLevel },
    /// 裁判文书 issued: the effective document's full text (法释〔2016〕19号).
    DocumentIssued { doc: DocKind, text: String },
    /// The latest issued document published on the internet (上网), or withheld with the reason
    /// (§4, §6).
    DocumentPublished { withheld: Option<String> },
    /// Closing undone by a legal act.
    Reopened,
    /// 归档.
    Archived,
}

impl EventKind {
    /// The interchange `type`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::Assigned { .. } => "assigned",
            Self::ProcedureChanged { .. } => "procedure_changed",
            Self::HearingScheduled { .. } => "hearing_scheduled",
            Self::HearingHeld { .. } => "hearing_held",
            Self::HearingPostponed { .. } => "hearing_postponed",
            Self::Suspended { .. } => "suspended",
            Self::Resumed => "resumed",
            Self::ExtensionRequested { .. } => "extension_requested",
            Self::Extended { .. } => "extended",
            Self::ExtensionRefused { .. } => "extension_refused",
            Self::Closed { .. } => "closed",
            Self::Recovered { .. } => "recovered",
            Self::EnforcementMeasure { .. } => "enforcement_measure",
            Self::Obstruction { .. } => "obstruction",
            Self::PerformanceUrged { .. } => "performance_urged",
            Self::Performed { .. } => "performed",
            Self::ServiceAttempted { .. } => "service_attempted",
            Self::ServiceViewed { .. } => "service_viewed",
            Self::MediationDelegated { .. } => "mediation_delegated",
            Self::ConfirmationDecided { .. } => "confirmation_decided",
            Self::FeePaid { .. } => "fee_paid",
            Self::FeeRelief { .. } => "fee_relief",
            Self::FeeRefunded { .. } => "fee_refunded",
            Self::SupervisionFlagged { .. } => "supervision_flagged",
            Self::SupervisionCleared { .. } => "supervision_cleared",
            Self::ReadingRequested { .. } => "reading_requested",
            Self::ReadingDone { .. } => "reading_done",
            Self::Deliberated { .. } => "deliberated",
            Self::Distinguished { .. } => "distinguished",
            Self::DocumentIssued { .. } => "document_issued",
            Self::DocumentPublished { .. } => "document_published",
            Self::Reopened => "reopened",
            Self::Archived => "archived",
        }
    }

    /// A one-line Chinese description for timelines.
    pub fn describe(&self) -> String {
        match self {
            Self::Assigned { judge, department } => match department {
                Some(d) => format!("分案：承办法官 {judge}（{d}）"),
                None => format!("分案：承办法官 {judge}"),
            },
            Self::ProcedureChanged { procedure } => format!("程序转换为{}", procedure.label()),
            Self::HearingScheduled { hearing_on, room } => match room {
                Some(r) => format!("排期开庭：{hearing_on}（{r}）"),
                None => format!("排期开庭：{hearing_on}"),
            },
            Self::HearingHeld { online, streamed } => match (online, streamed) {
                (false, false) => "开庭".to_owned(),
                (true, false) => "开庭（网上开庭）".to_owned(),
                (false, true) => "开庭（庭审直播）".to_owned(),
                (true, true) => "开庭（网上开庭，庭审直播）".to_owned(),
            },
            Self::HearingPostponed { reason } => format!("延期开庭：{reason}"),
            Self::Suspended { reason } => format!("扣除审限开始：{}", reason.label()),
            Self::Resumed => "扣除审限结束，恢复审理".to_owned(),
            Self::ExtensionRequested { length, approver } => {
                format!("申请延长审限 {}（报{}批准）", length.label(), approver.label())
            }
            Self::Extended { length, approver } => {
                format!("{}批准延长审限 {}", approver.label(), length.label())
            }
            Self::ExtensionRefused { reason } => format!("不批准延长审限：{reason}"),
            Self::Closed { method, outcome } => match outcome {
                Some(o) => format!("结案：{}（{o}）", method.label()),
                None => format!("结案：{}", method.label()),
            },
            Self::Recovered { amount } => format!("执行到位 {amount} 元"),
            Self::EnforcementMeasure { measure, amount, persons } => {
                let mut s = format!("执行措施：{}", measure.label());
                if let Some(a) = amount {
                    s.push_str(&format!("（{a} 元）"));
                }
                if let Some(n) = persons {
                    s.push_str(&format!("（{n} 人）"));
                }
                s
            }
            Self::Obstruction { note } => match note {
                Some(n) => format!("妨害执行：{n}"),
                None => "妨害执行".to_owned(),
            },
            Self::PerformanceUrged { notice } => format!("发出{}", notice.label()),
            Self::Performed { amount } => format!("当事人自动履行 {amount} 元"),
            Self::ServiceAttempted { channel, delivered, party, .. } => {
                let to = party.as_deref().map(|p| format!("（{p}）")).unwrap_or_default();
                format!("{}{to}：{}", channel.label(), if *delivered { "送达成功" } else { "未送达" })
            }
            Self::ServiceViewed { viewed_at, party, .. } => {
                let who = party.as_deref().unwrap_or("当事人");
                format!("{who}于 {} 查阅电子送达文书", viewed_at.format("%Y-%m-%d %H:%M:%S"))
            }
            Self::MediationDelegated { org, mediator, mode } => match mediator {
                Some(m) => format!("{}：{org}（调解员 {m}）", mode.label()),
                None => format!("{}：{org}", mode.label()),
            },
            Self::ConfirmationDecided { confirmed } => if *confirmed {
                "司法确认：裁定确认调解协议有效"
            } else {
                "司法确认：裁定驳回申请"
            }
            .to_owned(),
            Self::FeePaid { amount, online, reference } => {
                let via = if *online { "（网上交费）" } else { "" };
                let r = reference.as_deref().map(|r| format!("，凭证号 {r}")).unwrap_or_default();
                format!("交纳诉讼费 {amount} 元{via}{r}")
            }
            Self::FeeRelief { relief, amount } => match amount {
                Some(a) => format!("司法救助：准予{} {a} 元", relief.label()),
                None => format!("司法救助：准予{}", relief.label()),
            },
            Self::FeeRefunded { amount, online } => {
                format!("退还诉讼费 {amount} 元{}", if *online { "（网上退费）" } else { "" })
            }
            Self::SupervisionFlagged { category, by } => format!("标记为四类案件：{}（{by}）", category.label()),
            Self::SupervisionCleared { by } => format!("取消四类案件标记（{by}）"),
            Self::ReadingRequested { reviewer } => format!("提交阅核：{reviewer}"),
            Self::ReadingDone { reviewer, result, note } => match note {
                Some(n) => format!("阅核：{reviewer} {}（{n}）", result.label()),
                None => format!("阅核：{reviewer} {}", result.label()),
            },
            Self::Deliberated { body } => format!("{}讨论", body.label()),
            Self::Distinguished { honour, level } => format!("评为{}{}", level.label(), honour.label()),
            Self::DocumentIssued { doc, text } => format!("{}生效（{} 字）", doc.label(), text.chars().count()),
            Self::DocumentPublished { withheld } => match withheld {
                Some(r) => format!("裁判文书不上网：{r}"),
                None => "裁判文书上网公布".to_owned(),
            },
            Self::Reopened => "恢复（撤销结案）".to_owned(),
            Self::Archived => "归档".to_owned(),
        }
    }
}

/// An event of one case, dated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub on: NaiveDate,
    pub kind: EventKind,
}

/// What a document is (`document_issued.doc`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocKind {
    /// 判决书
    Judgment,
    /// 裁定书
    Ruling,
    /// 调解书
    Mediation,
    /// 决定书
    Decision,
    /// 支付令
    PaymentOrder,
}

impl DocKind {
    pub const ALL: [DocKind; 5] = [Self::Judgment, Self::Ruling, Self::Mediation, Self::Decision, Self::PaymentOrder];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Judgment => "judgment",
            Self::Ruling => "ruling",
            Self::Mediation => "mediation",
            Self::Decision => "decision",
            Self::PaymentOrder => "payment_order",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == s)
    }
    /// The document's name: 判决书, 裁定书 …
    pub fn label(self) -> &'static str {
        match self {
            Self::Judgment => "判决书",
            Self::Ruling => "裁定书",
            Self::Mediation => "调解书",
            Self::Decision => "决定书",
            Self::PaymentOrder => "支付令",
        }
    }
    /// The document a case's closing method issues, where the closing issues one.
    pub fn of_closing(method: CloseMethod) -> Option<Self> {
        use CloseMethod as M;
        Some(match method {
            M::Judgment | M::Revised => Self::Judgment,
            M::Mediation => Self::Mediation,
            M::Ruling
            | M::Withdrawal
            | M::DeemedWithdrawal
            | M::Dismissal
            | M::Termination
            | M::Affirmed
            | M::Remanded
            | M::EnforcementTerminated
            | M::EnforcementEnded
            | M::EnforcementRejected => Self::Ruling,
            _ => return None,
        })
    }
}

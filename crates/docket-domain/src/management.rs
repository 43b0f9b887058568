//! The 审管办's own records (`INTERCHANGE.md`, "Management records"): clean-up campaigns
//! (专项清理) and the cases they list, rectification ledgers (整改台账) and their progress,
//! judicial suggestions (司法建议) and their replies, and petitions about cases (涉诉信访).
//!
//! Each is a line of the interchange format, an entry of its court's hash chain and a leaf of the
//! Merkle log, so a clearance rate or a 销号 can be traced to the lines behind it. The
//! [`Register`] folds them in order and refuses a line that does not fit what came before (an
//! event of an unknown item, a 销号 of an item already closed, a reply before the suggestion was
//! issued), naming the field.

use chrono::NaiveDate;

use crate::{CaseNumber, CloseMethod, CourtCode, PartyKind};

mod filing;
mod register;
mod review;

pub use filing::{Applicant, ApplicationRecord, FilingApplication, FilingApplicationEvent};

pub use register::{CampaignState, LedgerState, PetitionState, RecordError, Register, SuggestionState};
pub use review::{
    AppraisalItem, AppraisalScheme, AppraisalSubject, BatchState, CaseReview, Grade, ItemSource, ManualScore,
    ReviewBatch, ReviewRegister, ReviewType, SchemeState, draw, period_of_year,
};

/// One management record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Management {
    Campaign(Campaign),
    CampaignCase(CampaignCase),
    LedgerItem(LedgerItem),
    LedgerEvent(LedgerEvent),
    Suggestion(Suggestion),
    SuggestionEvent(SuggestionEvent),
    Petition(Petition),
    PetitionEvent(PetitionEvent),
    MediationOrg(MediationOrg),
    ReviewBatch(ReviewBatch),
    CaseReview(CaseReview),
    AppraisalScheme(AppraisalScheme),
    ManualScore(ManualScore),
    /// 网上立案申请.
    FilingApplication(FilingApplication),
    FilingApplicationEvent(FilingApplicationEvent),
}

impl Management {
    /// The record's `kind` in the interchange format.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Campaign(_) => "campaign",
            Self::CampaignCase(_) => "campaign_case",
            Self::LedgerItem(_) => "ledger_item",
            Self::LedgerEvent(_) => "ledger_event",
            Self::Suggestion(_) => "suggestion",
            Self::SuggestionEvent(_) => "suggestion_event",
            Self::Petition(_) => "petition",
            Self::PetitionEvent(_) => "petition_event",
            Self::MediationOrg(_) => "mediation_org",
            Self::ReviewBatch(_) => "review_batch",
            Self::CaseReview(_) => "case_review",
            Self::AppraisalScheme(_) => "appraisal_scheme",
            Self::ManualScore(_) => "manual_score",
            Self::FilingApplication(_) => "filing_application",
            Self::FilingApplicationEvent(_) => "filing_application_event",
        }
    }

    /// The chain the record belongs to.
    pub fn court(&self) -> &CourtCode {
        match self {
            Self::Campaign(r) => &r.court,
            Self::CampaignCase(r) => &r.court,
            Self::LedgerItem(r) => &r.court,
            Self::LedgerEvent(r) => &r.court,
            Self::Suggestion(r) => &r.court,
            Self::SuggestionEvent(r) => &r.court,
            Self::Petition(r) => &r.court,
            Self::PetitionEvent(r) => &r.court,
            Self::MediationOrg(r) => &r.court,
            Self::ReviewBatch(r) => &r.court,
            Self::CaseReview(r) => &r.court,
            Self::AppraisalScheme(r) => &r.court,
            Self::ManualScore(r) => &r.court,
            Self::FilingApplication(r) => &r.court,
            Self::FilingApplicationEvent(r) => &r.court,
        }
    }

    /// The date the record is dated by (its opening, listing, issue, receipt or event date).
    pub fn on(&self) -> NaiveDate {
        match self {
            Self::Campaign(r) => r.from,
            Self::CampaignCase(r) => r.listed_on,
            Self::LedgerItem(r) => r.opened_on,
            Self::LedgerEvent(r) => r.on,
            Self::Suggestion(r) => r.issued_on,
            Self::SuggestionEvent(r) => r.on,
            Self::Petition(r) => r.received_on,
            Self::PetitionEvent(r) => r.on,
            // An organisation's line carries no date; it is kept under the first day the
            // interchange's dates allow, ahead of every dated record.
            Self::MediationOrg(_) => NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default(),
            Self::ReviewBatch(r) => r.from,
            Self::CaseReview(r) => r.on,
            // A scheme is dated by the first day of its year, a manual score by the first day of
            // its period.
            Self::AppraisalScheme(r) => NaiveDate::from_ymd_opt(r.year, 1, 1).unwrap_or_default(),
            Self::FilingApplication(r) => r.received_on,
            Self::FilingApplicationEvent(r) => r.on,
            Self::ManualScore(r) => {
                let (y, m) = r.period.split_once('-').unwrap_or((&r.period, "01"));
                NaiveDate::from_ymd_opt(y.parse().unwrap_or(2000), m.parse().unwrap_or(1), 1).unwrap_or_default()
            }
        }
    }

    /// Whether the record opens something (a campaign, an item, a suggestion, a petition) that
    /// later records refer to; an import applies those first.
    pub fn opens(&self) -> bool {
        matches!(
            self,
            Self::Campaign(_)
                | Self::LedgerItem(_)
                | Self::Suggestion(_)
                | Self::Petition(_)
                | Self::MediationOrg(_)
                | Self::ReviewBatch(_)
                | Self::AppraisalScheme(_)
                | Self::FilingApplication(_)
        )
    }

    /// The case the record names, if any.
    pub fn case_no(&self) -> Option<&CaseNumber> {
        match self {
            Self::CampaignCase(r) => Some(&r.case_no),
            Self::Suggestion(r) => r.case_no.as_ref(),
            Self::Petition(r) => r.case_no.as_ref(),
            Self::CaseReview(r) => Some(&r.case_no),
            Self::FilingApplicationEvent(FilingApplicationEvent {
                step: crate::online_filing::Step::Accepted { case_no },
                ..
            }) => Some(case_no),
            _ => None,
        }
    }
}

/// 调解组织: an organisation the court invites to mediate (特邀调解组织, 特邀调解规定 §5–§8),
/// referred to by its code in `mediation_delegated`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediationOrg {
    pub court: CourtCode,
    /// Unique per court, e.g. `M01`.
    pub code: String,
    pub name: String,
    pub org_type: MediationOrgType,
    /// 特邀调解员: the organisation's mediators on the court's roll (特邀调解规定 §8), by name.
    pub mediators: Vec<String>,
}

/// The kind of a mediation organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MediationOrgType {
    /// 人民调解委员会
    People,
    /// 劳动争议调解 (工会、人社)
    Labor,
    /// 商会调解
    Chamber,
    /// 行业性、专业性调解
    Industry,
    /// 律师调解
    Lawyer,
    Other,
}

impl MediationOrgType {
    pub const ALL: [Self; 6] = [Self::People, Self::Labor, Self::Chamber, Self::Industry, Self::Lawyer, Self::Other];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::People => "people",
            Self::Labor => "labor",
            Self::Chamber => "chamber",
            Self::Industry => "industry",
            Self::Lawyer => "lawyer",
            Self::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::People => "人民调解",
            Self::Labor => "劳动争议调解",
            Self::Chamber => "商会调解",
            Self::Industry => "行业性专业性调解",
            Self::Lawyer => "律师调解",
            Self::Other => "其他调解组织",
        }
    }
}

/// 专项清理: a list of cases a court hands down for clearing by a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Campaign {
    pub court: CourtCode,
    /// Unique per court, e.g. `2025-涉企清理`.
    pub id: String,
    pub name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Whether a 终本 closing counts as cleared (终结本次执行程序 leaves the debt unpaid).
    pub termination_counts: bool,
    /// Which cases it lists: pending ones, or the 终本 library's (终本清仓).
    pub scope: CampaignScope,
}

/// What a campaign clears.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum CampaignScope {
    /// 未结案件: cases pending on the day they are listed; one is cleared when it closes.
    #[default]
    Pending,
    /// 终本清仓: cases closed by 终本 before they are listed (the 终本案件库, 法〔2016〕373号
    /// 第九条); one is cleared when a case resumed from it (执恢, `origin`) closes — the debt
    /// enforced, not the file re-shelved.
    Terminated,
}

impl CampaignScope {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "pending" => Some(Self::Pending),
            "terminated" => Some(Self::Terminated),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Terminated => "terminated",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "未结案件清理",
            Self::Terminated => "终本清仓",
        }
    }

    /// Whether a case in this state on the listing day may be listed: pending for a clean-up, in
    /// the 终本 library for 终本清仓. `closed` is the case's closing as of that day.
    pub fn may_list(self, closed: Option<(NaiveDate, Option<CloseMethod>)>) -> Result<(), &'static str> {
        match (self, closed) {
            (Self::Pending, None) => Ok(()),
            (Self::Pending, Some(_)) => Err("已结案，不能列入未结案件清理"),
            (Self::Terminated, Some((_, Some(CloseMethod::EnforcementTerminated)))) => Ok(()),
            (Self::Terminated, _) => Err("不是以终结本次执行程序结案的案件，不能列入终本清仓"),
        }
    }
}

impl Campaign {
    /// Whether a listed case is cleared as of `as_of`, given the closings that count for it: its
    /// own for a clean-up of pending cases, those of the cases resumed from it for 终本清仓.
    pub fn clears_any(
        &self,
        closings: impl IntoIterator<Item = (NaiveDate, Option<CloseMethod>)>,
        as_of: NaiveDate,
    ) -> bool {
        closings.into_iter().any(|c| self.clears(Some(c), as_of))
    }

    /// Whether a listed case closed on `closed` (with its method) is cleared (清结) as of `as_of`:
    /// closed on or before the campaign's end and `as_of`, a 终本 closing only when
    /// `termination_counts`.
    pub fn clears(&self, closed: Option<(NaiveDate, Option<CloseMethod>)>, as_of: NaiveDate) -> bool {
        closed.is_some_and(|(on, method)| {
            on <= self.to.min(as_of) && (self.termination_counts || method != Some(CloseMethod::EnforcementTerminated))
        })
    }
}

/// A case listed in a campaign (一案一册), with its 包案领导 and target date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignCase {
    /// The campaign's court.
    pub court: CourtCode,
    pub campaign: String,
    pub case_no: CaseNumber,
    pub listed_on: NaiveDate,
    /// 包案领导: a judge code.
    pub leader: Option<String>,
    pub target_on: Option<NaiveDate>,
}

/// Where a rectification item came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LedgerSource {
    /// 督查
    Inspection,
    /// 评查
    Review,
    /// 信访
    Petition,
    /// 意见建议
    Suggestion,
    /// 数据会商
    Data,
    Other,
}

impl LedgerSource {
    pub const ALL: [Self; 6] =
        [Self::Inspection, Self::Review, Self::Petition, Self::Suggestion, Self::Data, Self::Other];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Inspection => "inspection",
            Self::Review => "review",
            Self::Petition => "petition",
            Self::Suggestion => "suggestion",
            Self::Data => "data",
            Self::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Inspection => "督查",
            Self::Review => "评查",
            Self::Petition => "信访",
            Self::Suggestion => "意见建议",
            Self::Data => "数据会商",
            Self::Other => "其他",
        }
    }
}

/// 整改台账的一项: a problem, its measure, who leads it and by when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerItem {
    pub court: CourtCode,
    /// The ledger's name, e.g. `2025-开门纳谏`.
    pub ledger: String,
    /// The item's number in its ledger.
    pub no: u32,
    pub opened_on: NaiveDate,
    pub source: LedgerSource,
    pub problem: String,
    pub measure: String,
    /// 牵头领导: a judge code.
    pub lead: Option<String>,
    /// 责任部门: a department code.
    pub department: Option<String>,
    pub due_on: NaiveDate,
    /// The case the item came from, if any.
    pub case_no: Option<CaseNumber>,
    /// The indicator the item came from, if any (an id of the catalogue).
    pub indicator: Option<String>,
}

/// What happened to a ledger item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LedgerEventKind {
    /// 进展: a note.
    Progress { note: String },
    /// 调整完成时限.
    DueChanged { due_on: NaiveDate, note: Option<String> },
    /// 销号.
    Closed { note: Option<String> },
    /// 重新打开.
    Reopened { note: Option<String> },
}

impl LedgerEventKind {
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::Progress { .. } => "progress",
            Self::DueChanged { .. } => "due_changed",
            Self::Closed { .. } => "closed",
            Self::Reopened { .. } => "reopened",
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            Self::Progress { .. } => "进展",
            Self::DueChanged { .. } => "调整完成时限",
            Self::Closed { .. } => "销号",
            Self::Reopened { .. } => "重新打开",
        }
    }

    pub fn note(&self) -> Option<&str> {
        match self {
            Self::Progress { note } => Some(note),
            Self::DueChanged { note, .. } | Self::Closed { note } | Self::Reopened { note } => note.as_deref(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerEvent {
    pub court: CourtCode,
    pub ledger: String,
    pub no: u32,
    pub on: NaiveDate,
    pub kind: LedgerEventKind,
}

/// 司法建议 (法释〔2023〕11号).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub court: CourtCode,
    /// 文号, unique per court, e.g. `呼法建〔2025〕3号`.
    pub no: String,
    pub case_no: Option<CaseNumber>,
    pub recipient: String,
    pub issued_on: NaiveDate,
    /// Defaults to `issued_on` + 2 months (法释〔2023〕11号 §8).
    pub reply_due: NaiveDate,
    pub subject: String,
}

impl Suggestion {
    /// The default reply date: two months after issue (法释〔2023〕11号 §8: 收到司法建议后两个月内
    /// 书面回复), the last day of the month when that month is shorter.
    pub fn default_reply_due(issued_on: NaiveDate) -> NaiveDate {
        issued_on.checked_add_months(chrono::Months::new(2)).unwrap_or(issued_on)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SuggestionEventKind {
    /// 回复, and whether the recipient adopted the suggestion.
    Replied { adopted: bool },
    /// 跟踪督促.
    FollowedUp { note: Option<String> },
}

impl SuggestionEventKind {
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::Replied { .. } => "replied",
            Self::FollowedUp { .. } => "followed_up",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuggestionEvent {
    pub court: CourtCode,
    pub no: String,
    pub on: NaiveDate,
    pub kind: SuggestionEventKind,
}

/// How a petition came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PetitionChannel {
    Letter,
    Visit,
    Online,
    Phone,
    Referred,
}

impl PetitionChannel {
    pub const ALL: [Self; 5] = [Self::Letter, Self::Visit, Self::Online, Self::Phone, Self::Referred];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Letter => "letter",
            Self::Visit => "visit",
            Self::Online => "online",
            Self::Phone => "phone",
            Self::Referred => "referred",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Letter => "来信",
            Self::Visit => "来访",
            Self::Online => "网上信访",
            Self::Phone => "电话",
            Self::Referred => "转交办",
        }
    }
}

/// Who petitions: a person or an organisation, with an identity number where known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Petitioner {
    pub kind: PartyKind,
    pub name: String,
    pub id_number: Option<String>,
}

/// 涉诉信访: a petition, usually about a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Petition {
    pub court: CourtCode,
    /// Unique per court, e.g. `2025-信-12`.
    pub no: String,
    pub received_on: NaiveDate,
    pub channel: PetitionChannel,
    pub case_no: Option<CaseNumber>,
    /// 初信初访 (true) or a repeat petition (重复信访).
    pub first_time: bool,
    pub petitioner: Petitioner,
    pub subject: String,
}

/// The days within which a petition is to be closed (信访工作条例 §32: 自受理之日起 60 日内办结).
pub const PETITION_LIMIT_DAYS: i64 = 60;

/// How a petition was closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PetitionResult {
    Resolved,
    Explained,
    NotAccepted,
    Referred,
}

impl PetitionResult {
    pub const ALL: [Self; 4] = [Self::Resolved, Self::Explained, Self::NotAccepted, Self::Referred];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Resolved => "resolved",
            Self::Explained => "explained",
            Self::NotAccepted => "not_accepted",
            Self::Referred => "referred",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Resolved => "化解",
            Self::Explained => "释法答疑",
            Self::NotAccepted => "不予受理",
            Self::Referred => "转办",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PetitionEventKind {
    /// 交办 to a judge.
    Assigned { judge: String },
    /// 领导接访.
    LeaderReception { judge: String },
    /// 听证.
    Hearing,
    /// 答复.
    Replied,
    /// 办结.
    Closed { result: PetitionResult },
    /// 重复信访: the petitioner came again.
    Repeat,
}

impl PetitionEventKind {
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::Assigned { .. } => "assigned",
            Self::LeaderReception { .. } => "leader_reception",
            Self::Hearing => "hearing",
            Self::Replied => "replied",
            Self::Closed { .. } => "closed",
            Self::Repeat => "repeat",
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            Self::Assigned { .. } => "交办",
            Self::LeaderReception { .. } => "领导接访",
            Self::Hearing => "听证",
            Self::Replied => "答复",
            Self::Closed { .. } => "办结",
            Self::Repeat => "重复信访",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PetitionEvent {
    pub court: CourtCode,
    pub no: String,
    pub on: NaiveDate,
    pub kind: PetitionEventKind,
}

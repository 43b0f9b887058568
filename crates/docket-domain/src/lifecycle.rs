//! The case lifecycle: a state machine over events. A case's current state is the fold of its
//! events over its filed record; illegal sequences are refused with a reason in Chinese.

use chrono::NaiveDate;

use crate::amount::Amount;
use crate::case::{CaseRecord, PartyKind, PartyRole};
use crate::case_type::Category;
use crate::enforcement::Measure;
use crate::event::{Approver, CloseMethod, Event, EventKind, Period, Relief, SuspensionReason};
use crate::mediation::MediationMode;
use crate::procedure::Procedure;

mod documents;
pub use documents::MAX_DOCUMENT_CHARS;
mod supervision;

/// 案件状态.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// 在办
    Open,
    /// 中止 / 扣除审限中
    Suspended,
    /// 已结
    Closed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Suspended => "suspended",
            Self::Closed => "closed",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "open" => Some(Self::Open),
            "suspended" => Some(Self::Suspended),
            "closed" => Some(Self::Closed),
            _ => None,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "在办",
            Self::Suspended => "中止/扣除审限中",
            Self::Closed => "已结",
        }
    }
}

/// An illegal step in a case's life, with the interchange field it is about.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LifecycleError {
    #[error("事件日期 {on} 早于立案日期 {filed_on}")]
    BeforeFiling { on: NaiveDate, filed_on: NaiveDate },
    #[error("事件日期 {on} 早于本案上一事件日期 {last}；事件须按时间顺序登记")]
    OutOfOrder { on: NaiveDate, last: NaiveDate },
    #[error("案件已于 {closed_on} 结案，不能再登记“{event}”")]
    AlreadyClosed { closed_on: NaiveDate, event: &'static str },
    #[error("案件尚未结案，不能“{event}”")]
    NotClosed { event: &'static str },
    #[error("案件已归档，不能再登记“{event}”")]
    Archived { event: &'static str },
    #[error("案件自 {since} 起已处于扣除审限期间（{reason}），须先登记恢复")]
    AlreadySuspended { since: NaiveDate, reason: &'static str },
    #[error("案件不在中止或扣除审限期间，不能恢复")]
    NotSuspended,
    #[error("已有 {requested_on} 提出的延长审限申请待审批")]
    ExtensionPending { requested_on: NaiveDate },
    #[error("没有待审批的延长审限申请")]
    NoExtensionRequested,
    #[error("延长期限必须大于 0")]
    ZeroExtension,
    #[error("类型代字 {type_code} 不允许{procedure}")]
    ProcedureNotAllowed { type_code: &'static str, procedure: &'static str },
    #[error("案件已适用{0}，无需转换")]
    SameProcedure(&'static str),
    #[error("结案方式“{method}”不适用于{type_name}案件")]
    MethodNotForType { method: &'static str, type_name: &'static str },
    #[error("执行到位款只能登记在执行案件中")]
    RecoveryOutsideEnforcement,
    #[error("执行到位金额必须大于 0")]
    ZeroRecovery,
    #[error("执行措施和妨害执行只能登记在执行案件中")]
    MeasureOutsideEnforcement,
    #[error("终本案件结案后只能登记网络查控、删除失信信息或解除限制消费（法〔2016〕373号第九条），不能登记“{0}”")]
    MeasureAfterClosing(&'static str),
    #[error("“{0}”不登记财产价值（只有查封、冻结、扣划、拍卖登记金额），且金额须大于 0")]
    MeasureAmount(&'static str),
    #[error("拘留人数只登记在司法拘留中，且须为 1 至 99 人")]
    MeasurePersons,
    #[error("执前督促和自动履行只能登记在已结的民事、行政、国家赔偿或诉前调解案件中（执行案件请登记执行到位款）")]
    PerformanceOutsideJudgment,
    #[error("自动履行金额必须大于 0")]
    ZeroPerformance,
    #[error("查阅记录所指的文书未曾电子送达本案当事人")]
    ViewOfUnservedDocument,
    #[error("开庭日期 {hearing_on} 早于排期日期 {on}")]
    HearingBeforeScheduling { hearing_on: NaiveDate, on: NaiveDate },
    #[error("没有已排期的开庭，不能延期开庭")]
    NoHearingScheduled,
    #[error("承办法官不能为空")]
    EmptyJudge,
    #[error("法庭名称不能为空")]
    EmptyRoom,
    #[error("不批准延长审限须写明理由")]
    RefusalWithoutReason,
    #[error("{mode}只适用于{fits}")]
    MediationMode { mode: &'static str, fits: &'static str },
    #[error("调解组织代码不能为空")]
    EmptyMediationOrg,
    #[error("司法确认结果只能记录在民特或诉前调确案件上")]
    ConfirmationOutside,
    #[error("该案已记录司法确认结果")]
    ConfirmationTwice,
    #[error("诉讼费金额必须大于 0")]
    ZeroFee,
    #[error("退费 {amount} 元超过已交未退的 {held} 元")]
    RefundBeyondPaid { amount: Amount, held: Amount },
    #[error("减交须写明减交金额")]
    ReliefAmount,
    #[error("免交诉讼费用只适用于自然人（诉讼费用交纳办法第四十四条）")]
    WaiverForOrganisation,
    #[error("委托调解的延长期间自委托之日起满 {days} 日（{on}）后方可扣除（特邀调解规定第二十七条）")]
    MediationNotYetExtended { days: u64, on: NaiveDate },
    #[error("本案未委托调解，不能以委托调解延长期间扣除审限")]
    NoEntrustedMediation,
    #[error("本案已于 {on} 标记为四类案件（{category}）")]
    AlreadyFlagged { category: &'static str, on: NaiveDate },
    #[error("本案未标记为四类案件")]
    NotFlagged,
    #[error("标记人不能为空")]
    EmptyBy,
    #[error("阅核人不能为空")]
    EmptyReviewer,
    #[error("本案已于 {since} 提交 {reviewer} 阅核，尚未答复")]
    ReadingPending { reviewer: String, since: NaiveDate },
    #[error("本案没有待答复的阅核")]
    NoReadingPending,
    #[error("退回须写明意见")]
    ReturnWithoutNote,
    #[error("文书正文不能为空")]
    EmptyDocument,
    #[error("文书正文超过 200000 字")]
    DocumentTooLong,
    #[error("本案没有待公布的已生效文书")]
    NothingToPublish,
    #[error("不上网须写明理由")]
    WithheldWithoutReason,
    #[error("不公开的案件，其文书不上网（法释〔2016〕19号第四条），请写明不上网理由")]
    SealedNotPublished,
}

impl LifecycleError {
    pub fn field(&self) -> &'static str {
        match self {
            Self::BeforeFiling { .. } | Self::OutOfOrder { .. } => "on",
            Self::ViewOfUnservedDocument => "document",
            Self::ProcedureNotAllowed { .. } | Self::SameProcedure(_) => "procedure",
            Self::MethodNotForType { .. } => "method",
            Self::ZeroExtension => "months",
            Self::ZeroRecovery
            | Self::ZeroPerformance
            | Self::MeasureAmount(_)
            | Self::ZeroFee
            | Self::RefundBeyondPaid { .. }
            | Self::ReliefAmount => "amount",
            Self::MediationMode { .. } => "mode",
            Self::EmptyMediationOrg => "org",
            Self::ConfirmationOutside | Self::ConfirmationTwice => "result",
            Self::WaiverForOrganisation => "relief",
            Self::MediationNotYetExtended { .. } | Self::NoEntrustedMediation => "reason",
            Self::MeasurePersons => "persons",
            Self::AlreadyFlagged { .. } | Self::NotFlagged => "type",
            Self::EmptyBy => "by",
            Self::EmptyReviewer | Self::ReadingPending { .. } | Self::NoReadingPending => "reviewer",
            Self::ReturnWithoutNote => "note",
            Self::EmptyDocument | Self::DocumentTooLong => "text",
            Self::WithheldWithoutReason | Self::SealedNotPublished => "withheld",
            Self::MeasureAfterClosing(_) => "measure",
            Self::HearingBeforeScheduling { .. } => "hearing_on",
            Self::EmptyJudge => "judge",
            Self::EmptyRoom => "room",
            Self::RefusalWithoutReason => "reason",
            _ => "type",
        }
    }
}

/// The first scheduled hearing, for 首次排期开庭率 (CourTools 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstSetting {
    NotScheduled,
    Scheduled(NaiveDate),
    /// The first scheduled hearing was held on the date set.
    HeldAsScheduled,
    /// It was postponed, or held on another date.
    NotHeldAsScheduled,
}

/// A case's current state: its record and the fold of its events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseState {
    pub record: CaseRecord,
    pub status: Status,
    pub procedure: Procedure,
    pub judge: Option<String>,
    pub department: Option<String>,
    pub closed_on: Option<NaiveDate>,
    pub close_method: Option<CloseMethod>,
    pub close_outcome: Option<String>,
    pub archived_on: Option<NaiveDate>,
    /// The open period not counted toward the 审限, if any.
    pub suspended_since: Option<(NaiveDate, SuspensionReason)>,
    /// Days of deducted periods that have ended.
    pub deducted_days: u32,
    pub pending_extension: Option<(NaiveDate, Period, Approver)>,
    pub extensions: u32,
    pub recovered: Amount,
    /// 自动履行: paid voluntarily on the judgment case.
    pub performed: Amount,
    pub next_hearing: Option<NaiveDate>,
    /// The courtroom of the next hearing, where the scheduling named one.
    pub next_room: Option<String>,
    pub first_setting: FirstSetting,
    pub hearings_held: u32,
    pub reopened: u32,
    /// The date of the latest event (or of filing).
    pub last_on: NaiveDate,
    /// The events applied so far, in order.
    pub events: Vec<Event>,
}

impl CaseState {
    /// A case just filed.
    pub fn filed(record: CaseRecord) -> Self {
        Self {
            status: Status::Open,
            procedure: record.procedure,
            judge: None,
            department: None,
            closed_on: None,
            close_method: None,
            close_outcome: None,
            archived_on: None,
            suspended_since: None,
            deducted_days: 0,
            pending_extension: None,
            extensions: 0,
            recovered: Amount::ZERO,
            performed: Amount::ZERO,
            next_hearing: None,
            next_room: None,
            first_setting: FirstSetting::NotScheduled,
            hearings_held: 0,
            reopened: 0,
            last_on: record.filed_on,
            events: Vec::new(),
            record,
        }
    }

    /// Applies `event`, or refuses it and leaves the state unchanged.
    pub fn apply(&mut self, event: Event) -> Result<(), LifecycleError> {
        let on = event.on;
        let name = event.kind.type_name();
        if on < self.record.filed_on {
            return Err(LifecycleError::BeforeFiling { on, filed_on: self.record.filed_on });
        }
        if on < self.last_on {
            return Err(LifecycleError::OutOfOrder { on, last: self.last_on });
        }
        // What a closed case still accepts: service of its documents, archiving, reopening, the
        // urging and the voluntary performance of its judgment, its fees (交费, 退费 and 司法救助
        // after the judgment, 诉讼费用交纳办法 §53), and on a 终本 case the periodic
        // re-query and the lifting of measures (法〔2016〕373号第九条).
        let termination_followup = match &event.kind {
            EventKind::EnforcementMeasure { measure, .. } => {
                self.close_method == Some(CloseMethod::EnforcementTerminated) && measure.after_termination()
            }
            _ => false,
        };
        let after_archive_ok = termination_followup
            || matches!(
                event.kind,
                EventKind::Reopened
                    | EventKind::PerformanceUrged { .. }
                    | EventKind::Performed { .. }
                    | EventKind::FeePaid { .. }
                    | EventKind::FeeRefunded { .. }
                    | EventKind::FeeRelief { .. }
                    | EventKind::Distinguished { .. }
                    | EventKind::DocumentPublished { .. }
            );
        let after_close_ok = after_archive_ok
            || matches!(
                event.kind,
                EventKind::ServiceAttempted { .. }
                    | EventKind::ServiceViewed { .. }
                    | EventKind::Archived
                    | EventKind::DocumentIssued { .. }
            );
        let enforcement = self.record.case_type().category == Category::Enforcement;
        if enforcement
            && self.status == Status::Closed
            && self.close_method == Some(CloseMethod::EnforcementTerminated)
            && !after_close_ok
            && let EventKind::EnforcementMeasure { measure, .. } = &event.kind
        {
            return Err(LifecycleError::MeasureAfterClosing(measure.label()));
        }
        if self.archived_on.is_some() && !after_archive_ok {
            return Err(LifecycleError::Archived { event: name });
        }
        if let (Status::Closed, Some(closed_on)) = (self.status, self.closed_on)
            && !after_close_ok
        {
            return Err(LifecycleError::AlreadyClosed { closed_on, event: name });
        }
        let case_type = self.record.case_type();

        match &event.kind {
            EventKind::Assigned { judge, department } => {
                if judge.trim().is_empty() {
                    return Err(LifecycleError::EmptyJudge);
                }
                self.judge = Some(judge.clone());
                if department.is_some() {
                    self.department = department.clone();
                }
            }
            EventKind::ProcedureChanged { procedure } => {
                if !case_type.allows(*procedure) {
                    return Err(LifecycleError::ProcedureNotAllowed {
                        type_code: case_type.code,
                        procedure: procedure.label(),
                    });
                }
                if *procedure == self.procedure {
                    return Err(LifecycleError::SameProcedure(procedure.label()));
                }
                self.procedure = *procedure;
            }
            EventKind::HearingScheduled { hearing_on, room } => {
                if room.as_deref().is_some_and(|r| r.trim().is_empty()) {
                    return Err(LifecycleError::EmptyRoom);
                }
                if *hearing_on < on {
                    return Err(LifecycleError::HearingBeforeScheduling { hearing_on: *hearing_on, on });
                }
                self.next_hearing = Some(*hearing_on);
                self.next_room = room.clone();
                if self.first_setting == FirstSetting::NotScheduled {
                    self.first_setting = FirstSetting::Scheduled(*hearing_on);
                }
            }
            EventKind::HearingHeld { .. } => {
                if let FirstSetting::Scheduled(date) = self.first_setting {
                    self.first_setting =
                        if date == on { FirstSetting::HeldAsScheduled } else { FirstSetting::NotHeldAsScheduled };
                }
                self.hearings_held += 1;
                self.next_hearing = None;
                self.next_room = None;
            }
            EventKind::HearingPostponed { .. } => {
                if self.next_hearing.is_none() {
                    return Err(LifecycleError::NoHearingScheduled);
                }
                if let FirstSetting::Scheduled(_) = self.first_setting {
                    self.first_setting = FirstSetting::NotHeldAsScheduled;
                }
                self.next_hearing = None;
                self.next_room = None;
            }
            EventKind::Suspended { reason } => {
                if let Some((since, r)) = self.suspended_since {
                    return Err(LifecycleError::AlreadySuspended { since, reason: r.label() });
                }
                // Only the agreed extension of a 委托调解 is not counted: after its 15 days under
                // the ordinary procedure, 7 under the simple one (特邀调解规定 §27 ¶2).
                if *reason == SuspensionReason::Mediation {
                    let days = crate::mediation::entrusted_days(self.procedure);
                    let entrusted = self.events.iter().rev().find_map(|e| match e.kind {
                        EventKind::MediationDelegated { mode, .. } if mode != MediationMode::Delegated => Some(e.on),
                        _ => None,
                    });
                    let Some(from) = entrusted.map(|d| d + chrono::Days::new(days)) else {
                        return Err(LifecycleError::NoEntrustedMediation);
                    };
                    if on < from {
                        return Err(LifecycleError::MediationNotYetExtended { days, on: from });
                    }
                }
                self.suspended_since = Some((on, *reason));
                self.status = Status::Suspended;
            }
            EventKind::Resumed => {
                let Some((since, _)) = self.suspended_since else {
                    return Err(LifecycleError::NotSuspended);
                };
                self.end_suspension(since, on);
                self.status = Status::Open;
            }
            EventKind::ExtensionRequested { length, approver } => {
                if let Some((requested_on, _, _)) = self.pending_extension {
                    return Err(LifecycleError::ExtensionPending { requested_on });
                }
                if matches!(length, Period::Months(0) | Period::Days(0)) {
                    return Err(LifecycleError::ZeroExtension);
                }
                self.pending_extension = Some((on, *length, *approver));
            }
            EventKind::Extended { length, .. } => {
                if self.pending_extension.is_none() {
                    return Err(LifecycleError::NoExtensionRequested);
                }
                if matches!(length, Period::Months(0) | Period::Days(0)) {
                    return Err(LifecycleError::ZeroExtension);
                }
                self.pending_extension = None;
                self.extensions += 1;
            }
            EventKind::ExtensionRefused { reason } => {
                if self.pending_extension.is_none() {
                    return Err(LifecycleError::NoExtensionRequested);
                }
                if reason.trim().is_empty() {
                    return Err(LifecycleError::RefusalWithoutReason);
                }
                self.pending_extension = None;
            }
            EventKind::Closed { method, outcome } => {
                if !method.fits(case_type) {
                    return Err(LifecycleError::MethodNotForType { method: method.label(), type_name: case_type.name });
                }
                // A period still open ends with the case (e.g. 中止 then 终结).
                if let Some((since, _)) = self.suspended_since {
                    self.end_suspension(since, on);
                }
                self.status = Status::Closed;
                self.closed_on = Some(on);
                self.close_method = Some(*method);
                self.close_outcome = outcome.clone();
                self.pending_extension = None;
                self.next_hearing = None;
                self.next_room = None;
            }
            EventKind::Recovered { amount } => {
                if case_type.category != Category::Enforcement {
                    return Err(LifecycleError::RecoveryOutsideEnforcement);
                }
                if amount.fen() == 0 {
                    return Err(LifecycleError::ZeroRecovery);
                }
                self.recovered = self.recovered.checked_add(*amount).unwrap_or(self.recovered);
            }
            EventKind::EnforcementMeasure { measure, amount, persons } => {
                if case_type.category != Category::Enforcement {
                    return Err(LifecycleError::MeasureOutsideEnforcement);
                }
                if amount.is_some_and(|a| !measure.takes_property() || a.fen() <= 0) {
                    return Err(LifecycleError::MeasureAmount(measure.label()));
                }
                if persons.is_some_and(|n| *measure != Measure::Detention || !(1..=99).contains(&n)) {
                    return Err(LifecycleError::MeasurePersons);
                }
            }
            EventKind::Obstruction { .. } => {
                if case_type.category != Category::Enforcement {
                    return Err(LifecycleError::MeasureOutsideEnforcement);
                }
            }
            EventKind::PerformanceUrged { .. } | EventKind::Performed { .. } => {
                let judged = matches!(
                    case_type.category,
                    Category::Civil | Category::Administrative | Category::StateCompensation | Category::Mediation
                );
                if !judged || self.status != Status::Closed {
                    return Err(LifecycleError::PerformanceOutsideJudgment);
                }
                if let EventKind::Performed { amount } = &event.kind {
                    if amount.fen() <= 0 {
                        return Err(LifecycleError::ZeroPerformance);
                    }
                    self.performed = self.performed.checked_add(*amount).unwrap_or(self.performed);
                }
            }
            EventKind::ServiceAttempted { .. } => {}
            EventKind::ServiceViewed { document, .. } => self.check_view(document)?,
            EventKind::MediationDelegated { org, mode, .. } => {
                if org.trim().is_empty() {
                    return Err(LifecycleError::EmptyMediationOrg);
                }
                // 委派 before filing, on a 诉前调解 case; 委托 and 特邀 on a filed civil case
                // (特邀调解规定 §8).
                let premediation = case_type.category == Category::Mediation;
                let fits = match mode {
                    MediationMode::Delegated => premediation,
                    MediationMode::Entrusted | MediationMode::Invited => case_type.category == Category::Civil,
                };
                if !fits {
                    return Err(LifecycleError::MediationMode {
                        mode: mode.label(),
                        fits: if *mode == MediationMode::Delegated {
                            "诉前调解案件"
                        } else {
                            "已立案的民事案件"
                        },
                    });
                }
            }
            EventKind::ConfirmationDecided { .. } => {
                if !matches!(case_type.code, "民特" | "诉前调确") {
                    return Err(LifecycleError::ConfirmationOutside);
                }
                if self.events.iter().any(|e| matches!(e.kind, EventKind::ConfirmationDecided { .. })) {
                    return Err(LifecycleError::ConfirmationTwice);
                }
            }
            EventKind::FeePaid { amount, .. } => {
                if amount.fen() <= 0 {
                    return Err(LifecycleError::ZeroFee);
                }
            }
            EventKind::FeeRefunded { amount, .. } => {
                if amount.fen() <= 0 {
                    return Err(LifecycleError::ZeroFee);
                }
                let held = self.fee_held();
                if *amount > held {
                    return Err(LifecycleError::RefundBeyondPaid { amount: *amount, held });
                }
            }
            EventKind::FeeRelief { relief, amount } => {
                match (relief, amount) {
                    (Relief::Reduce, None) => return Err(LifecycleError::ReliefAmount),
                    (_, Some(a)) if a.fen() <= 0 => return Err(LifecycleError::ZeroFee),
                    _ => {}
                }
                // 免交 only for natural persons (§44): the party who pays in advance (§20).
                let payer = self
                    .record
                    .parties
                    .iter()
                    .find(|p| matches!(p.role, PartyRole::Plaintiff | PartyRole::Applicant | PartyRole::Appellant));
                if *relief == Relief::Waive && payer.is_some_and(|p| p.kind != PartyKind::Person) {
                    return Err(LifecycleError::WaiverForOrganisation);
                }
            }
            EventKind::SupervisionFlagged { .. }
            | EventKind::SupervisionCleared { .. }
            | EventKind::ReadingRequested { .. }
            | EventKind::ReadingDone { .. } => self.check_supervision(&event.kind)?,
            EventKind::Deliberated { .. } | EventKind::Distinguished { .. } => {}
            EventKind::DocumentIssued { .. } | EventKind::DocumentPublished { .. } => {
                self.check_document(&event.kind)?;
            }
            EventKind::Reopened => {
                if self.status != Status::Closed {
                    return Err(LifecycleError::NotClosed { event: "恢复（撤销结案）" });
                }
                self.status = Status::Open;
                self.closed_on = None;
                self.close_method = None;
                self.close_outcome = None;
                self.archived_on = None;
                self.reopened += 1;
            }
            EventKind::Archived => {
                if self.status != Status::Closed {
                    return Err(LifecycleError::NotClosed { event: "归档" });
                }
                self.archived_on = Some(on);
            }
        }
        self.last_on = on;
        self.events.push(event);
        Ok(())
    }

    /// 诉讼费 paid in and not refunded.
    pub fn fee_held(&self) -> Amount {
        let (mut paid, mut refunded) = (0i64, 0i64);
        for e in &self.events {
            match &e.kind {
                EventKind::FeePaid { amount, .. } => paid = paid.saturating_add(amount.fen()),
                EventKind::FeeRefunded { amount, .. } => refunded = refunded.saturating_add(amount.fen()),
                _ => {}
            }
        }
        Amount::from_fen(paid - refunded).unwrap_or(Amount::ZERO)
    }

    fn end_suspension(&mut self, since: NaiveDate, until: NaiveDate) {
        // DEADLINES.md rule 4: the period moves the deadline by `resumed_on − suspended_on` days.
        let days = (until - since).num_days().max(0);
        self.deducted_days = self.deducted_days.saturating_add(u32::try_from(days).unwrap_or(u32::MAX));
        self.suspended_since = None;
    }

    /// `closed_on − filed_on`, or the age at `as_of` for an open case.
    pub fn duration_days(&self, as_of: NaiveDate) -> i64 {
        (self.closed_on.unwrap_or(as_of) - self.record.filed_on).num_days()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case_number::CaseNumber;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn civil(no: &str, filed: &str) -> CaseState {
        let case_no = CaseNumber::parse(no).unwrap();
        CaseState::filed(CaseRecord {
            court: case_no.court().clone(),
            case_no,
            procedure: Procedure::Simple,
            cause: "买卖合同纠纷".into(),
            received_on: None,
            filed_on: d(filed),
            online: false,
            claim_amount: None,
            tags: vec![],
            origin: None,
            sealed: false,
            possible_sentence_months: None,
            parties: vec![],
        })
    }

    fn ev(on: &str, kind: EventKind) -> Event {
        Event { on: d(on), kind }
    }

    fn closed(on: &str) -> Event {
        ev(on, EventKind::Closed { method: CloseMethod::Judgment, outcome: None })
    }

    #[test]
    fn closing_a_closed_case_is_refused_and_leaves_the_state_unchanged() {
        let mut s = civil("（2025）内0203民初1号", "2025-03-03");
        s.apply(closed("2025-04-01")).unwrap();
        let before = s.clone();
        let err = s.apply(closed("2025-04-02")).unwrap_err();
        assert!(matches!(err, LifecycleError::AlreadyClosed { .. }));
        assert_eq!(s, before);
    }

    #[test]
    fn resuming_a_case_that_is_not_suspended_is_refused() {
        let mut s = civil("（2025）内0203民初1号", "2025-03-03");
        assert_eq!(s.apply(ev("2025-03-05", EventKind::Resumed)), Err(LifecycleError::NotSuspended));
    }

    #[test]
    fn an_event_dated_before_filing_is_refused() {
        let mut s = civil("（2025）内0203民初1号", "2025-03-03");
        let err = s.apply(closed("2025-03-01")).unwrap_err();
        assert!(matches!(err, LifecycleError::BeforeFiling { .. }));
        assert_eq!(err.field(), "on");
    }

    #[test]
    fn approving_an_extension_never_requested_is_refused() {
        let mut s = civil("（2025）内0203民初1号", "2025-03-03");
        let approve =
            ev("2025-05-20", EventKind::Extended { length: Period::Months(1), approver: Approver::President });
        assert_eq!(s.apply(approve.clone()), Err(LifecycleError::NoExtensionRequested));
        let request = ev(
            "2025-05-18",
            EventKind::ExtensionRequested { length: Period::Months(1), approver: Approver::President },
        );
        s.apply(request).unwrap();
        s.apply(approve).unwrap();
        assert_eq!(s.extensions, 1);
        assert!(s.pending_extension.is_none());
    }

    #[test]
    fn a_refused_extension_needs_a_pending_request_and_a_reason_and_leaves_the_case_free_to_ask_again() {
        let mut s = civil("（2025）内0203民初1号", "2025-03-03");
        let refuse = |on: &str, reason: &str| ev(on, EventKind::ExtensionRefused { reason: reason.into() });
        assert_eq!(s.apply(refuse("2025-05-19", "理由不充分")), Err(LifecycleError::NoExtensionRequested));
        let request = |on: &str| {
            ev(on, EventKind::ExtensionRequested { length: Period::Months(6), approver: Approver::President })
        };
        s.apply(request("2025-05-18")).unwrap();
        let err = s.apply(refuse("2025-05-20", "  ")).unwrap_err();
        assert_eq!((err.clone(), err.field()), (LifecycleError::RefusalWithoutReason, "reason"));
        assert!(s.pending_extension.is_some(), "a refused refusal changes nothing");
        s.apply(refuse("2025-05-20", "理由不充分")).unwrap();
        assert!(s.pending_extension.is_none());
        assert_eq!(s.extensions, 0, "a refusal extends nothing");
        s.apply(request("2025-05-22")).unwrap();
        assert!(s.pending_extension.is_some());
    }

    #[test]
    fn a_hearing_keeps_its_courtroom_until_it_is_held() {
        let mut s = civil("（2025）内0203民初1号", "2025-03-03");
        let set = EventKind::HearingScheduled { hearing_on: d("2025-04-01"), room: Some("第三法庭".into()) };
        s.apply(ev("2025-03-10", set)).unwrap();
        assert_eq!((s.next_hearing, s.next_room.as_deref()), (Some(d("2025-04-01")), Some("第三法庭")));
        s.apply(ev("2025-04-01", EventKind::HearingHeld { online: true, streamed: false })).unwrap();
        assert_eq!((s.next_hearing, s.next_room.as_deref(), s.hearings_held), (None, None, 1));
        let blank = EventKind::HearingScheduled { hearing_on: d("2025-05-01"), room: Some(" ".into()) };
        assert_eq!(s.apply(ev("2025-04-02", blank)), Err(LifecycleError::EmptyRoom));
    }

    #[test]
    fn a_deducted_period_counts_its_days_when_it_ends() {
        let mut s = civil("（2025）内0203民初1号", "2025-03-03");
        s.apply(ev("2025-04-01", EventKind::Suspended { reason: SuspensionReason::Appraisal })).unwrap();
        assert_eq!((s.status, s.deducted_days), (Status::Suspended, 0));
        s.apply(ev("2025-05-16", EventKind::Resumed)).unwrap();
        assert_eq!((s.status, s.deducted_days), (Status::Open, 45));
    }

    #[test]
    fn suspending_twice_without_resuming_is_refused() {
        let mut s = civil("（2025）内0203民初1号", "2025-03-03");
        s.apply(ev("2025-04-01", EventKind::Suspended { reason: SuspensionReason::Announcement })).unwrap();
        let err = s.apply(ev("2025-04-02", EventKind::Suspended { reason: SuspensionReason::Appraisal }));
        assert!(matches!(err, Err(LifecycleError::AlreadySuspended { .. })));
    }

    #[test]
    fn an_enforcement_closing_method_is_refused_on_a_civil_case() {
        let mut s = civil("（2025）内0203民初1号", "2025-03-03");
        let err = s
            .apply(ev("2025-04-01", EventKind::Closed { method: CloseMethod::EnforcementCompleted, outcome: None }))
            .unwrap_err();
        assert!(matches!(err, LifecycleError::MethodNotForType { .. }));
    }

    #[test]
    fn recoveries_are_only_for_enforcement_cases_and_they_add_up() {
        let mut civil_case = civil("（2025）内0203民初1号", "2025-03-03");
        let amount = Amount::from_yuan_str("100.50").unwrap();
        assert_eq!(
            civil_case.apply(ev("2025-04-01", EventKind::Recovered { amount })),
            Err(LifecycleError::RecoveryOutsideEnforcement)
        );
        let mut enf = civil("（2025）内0203执1号", "2025-03-03");
        enf.record.procedure = Procedure::None;
        enf.apply(ev("2025-04-01", EventKind::Recovered { amount })).unwrap();
        enf.apply(ev("2025-04-02", EventKind::Recovered { amount })).unwrap();
        assert_eq!(enf.recovered.fen(), 20_100);
    }

    #[test]
    fn an_event_older_than_the_latest_one_is_refused() {
        let mut s = civil("（2025）内0203民初1号", "2025-03-03");
        s.apply(ev("2025-04-10", EventKind::HearingHeld { online: false, streamed: false })).unwrap();
        assert!(matches!(
            s.apply(ev("2025-04-01", EventKind::HearingHeld { online: false, streamed: false })),
            Err(LifecycleError::OutOfOrder { .. })
        ));
    }

    #[test]
    fn the_first_setting_counts_as_held_only_on_the_date_set() {
        let mut s = civil("（2025）内0203民初1号", "2025-03-03");
        s.apply(ev("2025-03-10", EventKind::HearingScheduled { hearing_on: d("2025-04-01"), room: None })).unwrap();
        s.apply(ev("2025-04-01", EventKind::HearingHeld { online: false, streamed: false })).unwrap();
        assert_eq!(s.first_setting, FirstSetting::HeldAsScheduled);

        let mut t = civil("（2025）内0203民初2号", "2025-03-03");
        t.apply(ev("2025-03-10", EventKind::HearingScheduled { hearing_on: d("2025-04-01"), room: None })).unwrap();
        t.apply(ev("2025-03-30", EventKind::HearingPostponed { reason: "当事人申请".into() })).unwrap();
        t.apply(ev("2025-03-31", EventKind::HearingScheduled { hearing_on: d("2025-04-15"), room: None })).unwrap();
        t.apply(ev("2025-04-15", EventKind::HearingHeld { online: false, streamed: false })).unwrap();
        assert_eq!(t.first_setting, FirstSetting::NotHeldAsScheduled);
    }

    #[test]
    fn a_reopened_case_can_be_closed_again() {
        let mut s = civil("（2025）内0203民初1号", "2025-03-03");
        s.apply(closed("2025-04-01")).unwrap();
        s.apply(ev("2025-04-20", EventKind::Archived)).unwrap();
        s.apply(ev("2025-06-01", EventKind::Reopened)).unwrap();
        assert_eq!((s.status, s.archived_on), (Status::Open, None));
        s.apply(closed("2025-07-01")).unwrap();
        assert_eq!(s.closed_on, Some(d("2025-07-01")));
    }

    #[test]
    fn archiving_an_open_case_is_refused() {
        let mut s = civil("（2025）内0203民初1号", "2025-03-03");
        assert!(matches!(s.apply(ev("2025-04-01", EventKind::Archived)), Err(LifecycleError::NotClosed { .. })));
    }
}

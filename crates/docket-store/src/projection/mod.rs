//! The case projection: the columns a case's current state is stored as. It is a pure function of
//! the case's log entries (through `docket_domain::CaseState`), so it can always be rebuilt.
//!
//! The store hands out typed values ([`StoredCase`], [`StoredFacts`], [`StoredParty`]); the row
//! structs the SQL reads and writes stay private to the crate. Reading a row back checks every
//! column against its type (and the columns derived from the 案号 against it), so a damaged row is
//! a [`StoreError::Corrupt`] naming the case and the column, never a silent default.

pub mod packed;

use chrono::NaiveDate;
use docket_domain::deadline::DeadlineBase;
use docket_domain::lifecycle::FirstSetting;
use docket_domain::{
    Amount, Approver, CaseNumber, CaseState, CaseType, CloseMethod, CourtCode, EventKind, IdType, OrgType, Party,
    PartyKind, PartyRole, Period, Procedure, ServiceChannel, Status, SuspensionReason, Tag,
};

use crate::StoreError;
pub use packed::{DatedFact, EnforcementFact, HeldHearing, Recovery, ServiceAttempt, supervision_of};

/// How the first scheduled hearing went, as the projection keeps it (首次排期开庭率).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstSettingOutcome {
    NotScheduled,
    Scheduled,
    HeldAsScheduled,
    NotHeldAsScheduled,
}

impl FirstSettingOutcome {
    pub fn of(s: FirstSetting) -> Self {
        match s {
            FirstSetting::NotScheduled => Self::NotScheduled,
            FirstSetting::Scheduled(_) => Self::Scheduled,
            FirstSetting::HeldAsScheduled => Self::HeldAsScheduled,
            FirstSetting::NotHeldAsScheduled => Self::NotHeldAsScheduled,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotScheduled => "not_scheduled",
            Self::Scheduled => "scheduled",
            Self::HeldAsScheduled => "held_as_scheduled",
            Self::NotHeldAsScheduled => "not_held_as_scheduled",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [Self::NotScheduled, Self::Scheduled, Self::HeldAsScheduled, Self::NotHeldAsScheduled]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

/// A 延长审限 request waiting for its decision (待审批).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PendingExtension {
    pub requested_on: NaiveDate,
    pub length: Period,
    pub approver: Approver,
}

/// A case as stored (案件投影): its filing and the fold of its events, typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCase {
    pub court: CourtCode,
    pub case_no: CaseNumber,
    /// The procedure at filing, and the one in force now.
    pub filed_procedure: Procedure,
    pub procedure: Procedure,
    /// 案由.
    pub cause: String,
    pub received_on: Option<NaiveDate>,
    pub filed_on: NaiveDate,
    pub online: bool,
    /// 标的额.
    pub claim: Option<Amount>,
    pub tags: Vec<Tag>,
    pub origin: Option<CaseNumber>,
    pub sealed: bool,
    pub status: Status,
    /// The 承办法官's and the department's codes in the court.
    pub judge: Option<String>,
    pub department: Option<String>,
    pub closed_on: Option<NaiveDate>,
    pub close_method: Option<CloseMethod>,
    pub close_outcome: Option<String>,
    pub archived_on: Option<NaiveDate>,
    /// The open deducted period, with its reason.
    pub suspended: Option<(NaiveDate, SuspensionReason)>,
    pub deducted_days: u32,
    pub extensions: u32,
    pub extension_pending: bool,
    /// The pending 延长审限 request: when it was made, for how long, to whom.
    pub extension_request: Option<PendingExtension>,
    /// The next hearing set (排期) and its courtroom, until it is held or postponed.
    pub next_hearing: Option<NaiveDate>,
    pub next_room: Option<String>,
    /// 执行到位 so far.
    pub recovered: Amount,
    pub hearings_held: u32,
    pub first_setting: FirstSettingOutcome,
    /// The date of the latest event (or of filing), and the number of events.
    pub last_on: NaiveDate,
    pub events: u32,
    /// The 审限 before the holiday rule; `None` without a limit or while suspended.
    pub deadline_unadjusted: Option<NaiveDate>,
    pub eservice: Vec<ServiceAttempt>,
    pub recoveries: Vec<Recovery>,
    /// Hearings held online or streamed, by date.
    pub hearings: Vec<HeldHearing>,
    /// 执行 facts by date (measures counted, 执前督促, 自动履行, the 终本 check).
    pub enforcement: Vec<DatedFact>,
}

impl StoredCase {
    /// 自动履行 recorded on the case, summed.
    pub fn performed(&self) -> Amount {
        let fen = self.enforcement.iter().filter_map(|f| match f.fact {
            EnforcementFact::Performed(a) => Some(a.fen()),
            _ => None,
        });
        Amount::from_fen(fen.sum()).unwrap_or(Amount::ZERO)
    }

    /// The conditions its current 终本 closing misses (empty: 合格); `None` without one.
    pub fn termination_missing(&self) -> Option<&[docket_domain::Condition]> {
        self.enforcement.iter().find_map(|f| match &f.fact {
            EnforcementFact::Termination(m) => Some(m.as_slice()),
            _ => None,
        })
    }

    /// For a case closed by 终本: the last network query (or the closing, if later) and the next
    /// one due six months on (法〔2016〕373号第九条).
    pub fn next_query(&self) -> Option<(NaiveDate, NaiveDate)> {
        if self.close_method != Some(CloseMethod::EnforcementTerminated) {
            return None;
        }
        let queries = self.enforcement.iter().filter(|f| f.fact == EnforcementFact::Query).map(|f| f.on);
        let last = queries.chain(self.closed_on).max()?;
        Some((last, last.checked_add_months(chrono::Months::new(6)).unwrap_or(last)))
    }

    /// The 类型代字's row.
    pub fn case_type(&self) -> &'static CaseType {
        self.case_no.case_type()
    }
    pub fn is_open(&self) -> bool {
        self.status != Status::Closed
    }

    /// The projection of a case state: what the store writes for it.
    pub fn from_state(s: &CaseState) -> Self {
        let r = &s.record;
        Self {
            court: r.court.clone(),
            case_no: r.case_no.clone(),
            filed_procedure: r.procedure,
            procedure: s.procedure,
            cause: r.cause.clone(),
            received_on: r.received_on,
            filed_on: r.filed_on,
            online: r.online,
            claim: r.claim_amount,
            tags: r.tags.clone(),
            origin: r.origin.clone(),
            sealed: r.sealed,
            status: s.status,
            judge: s.judge.clone(),
            department: s.department.clone(),
            closed_on: s.closed_on,
            close_method: s.close_method,
            close_outcome: s.close_outcome.clone(),
            archived_on: s.archived_on,
            suspended: s.suspended_since,
            deducted_days: s.deducted_days,
            extensions: s.extensions,
            extension_pending: s.pending_extension.is_some(),
            extension_request: s.pending_extension.map(|(requested_on, length, approver)| PendingExtension {
                requested_on,
                length,
                approver,
            }),
            next_hearing: s.next_hearing,
            next_room: s.next_room.clone(),
            recovered: s.recovered,
            hearings_held: s.hearings_held,
            first_setting: FirstSettingOutcome::of(s.first_setting),
            last_on: s.last_on,
            events: u32::try_from(s.events.len()).unwrap_or(u32::MAX),
            deadline_unadjusted: DeadlineBase::compute(&s.record, &s.events, None).unadjusted,
            eservice: s
                .events
                .iter()
                .filter_map(|e| match e.kind {
                    EventKind::ServiceAttempted { channel: ServiceChannel::Electronic, delivered, .. } => {
                        Some(ServiceAttempt { on: e.on, delivered })
                    }
                    _ => None,
                })
                .collect(),
            recoveries: s
                .events
                .iter()
                .filter_map(|e| match &e.kind {
                    EventKind::Recovered { amount } => Some(Recovery { on: e.on, amount: *amount }),
                    _ => None,
                })
                .collect(),
            hearings: s
                .events
                .iter()
                .filter_map(|e| match e.kind {
                    EventKind::HearingHeld { online, streamed } if online || streamed => {
                        Some(HeldHearing { on: e.on, online, streamed })
                    }
                    _ => None,
                })
                .collect(),
            enforcement: packed::enforcement_facts(s),
        }
    }

    /// The fields in which two projections of the same case differ, each with its two values
    /// (`status：open ≠ closed`), for `verify`'s report.
    pub fn differences(&self, other: &StoredCase) -> Vec<String> {
        let (a, b) = (CaseRow::from(self.clone()), CaseRow::from(other.clone()));
        let mut out = Vec::new();
        macro_rules! compare {
            ($($f:ident),*) => {$(
                if a.$f != b.$f {
                    out.push(format!("{}：{:?} ≠ {:?}", stringify!($f), a.$f, b.$f));
                }
            )*};
        }
        compare!(
            court,
            case_no,
            year,
            type_code,
            seq,
            category,
            filed_procedure,
            procedure,
            cause,
            received_on,
            filed_on,
            online,
            claim_amount_fen,
            tags,
            origin,
            sealed,
            status,
            judge,
            department,
            closed_on,
            close_method,
            close_outcome,
            archived_on,
            suspended_since,
            suspension_reason,
            deducted_days,
            extensions,
            extension_pending,
            extension_requested_on,
            extension_length,
            extension_approver,
            next_hearing,
            next_room,
            recovered_fen,
            hearings_held,
            first_setting,
            last_on,
            events,
            deadline_unadjusted,
            eservice_log,
            recovery_log,
            hearing_log,
            enforcement_log
        );
        out
    }
}

/// The part of a stored case the indicator engine reads: about half the columns, so loading a
/// province's cases for the engine moves half the values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFacts {
    pub court: CourtCode,
    pub case_no: CaseNumber,
    pub cause: String,
    pub received_on: Option<NaiveDate>,
    pub filed_on: NaiveDate,
    pub online: bool,
    pub claim: Option<Amount>,
    pub tags: Vec<Tag>,
    pub origin: Option<CaseNumber>,
    pub judge: Option<String>,
    pub department: Option<String>,
    pub closed_on: Option<NaiveDate>,
    pub close_method: Option<CloseMethod>,
    pub suspended_since: Option<NaiveDate>,
    pub deducted_days: u32,
    pub extensions: u32,
    pub hearings_held: u32,
    pub first_setting: FirstSettingOutcome,
    pub deadline_unadjusted: Option<NaiveDate>,
    pub eservice: Vec<ServiceAttempt>,
    pub recoveries: Vec<Recovery>,
    /// Hearings held online or streamed, by date.
    pub hearings: Vec<HeldHearing>,
    pub enforcement: Vec<DatedFact>,
}

impl From<StoredCase> for StoredFacts {
    fn from(c: StoredCase) -> Self {
        StoredFacts {
            court: c.court,
            case_no: c.case_no,
            cause: c.cause,
            received_on: c.received_on,
            filed_on: c.filed_on,
            online: c.online,
            claim: c.claim,
            tags: c.tags,
            origin: c.origin,
            judge: c.judge,
            department: c.department,
            closed_on: c.closed_on,
            close_method: c.close_method,
            suspended_since: c.suspended.map(|(d, _)| d),
            deducted_days: c.deducted_days,
            extensions: c.extensions,
            hearings_held: c.hearings_held,
            first_setting: c.first_setting,
            deadline_unadjusted: c.deadline_unadjusted,
            eservice: c.eservice,
            recoveries: c.recoveries,
            hearings: c.hearings,
            enforcement: c.enforcement,
        }
    }
}

/// A party of a stored case (当事人), in filing order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredParty {
    pub case_no: CaseNumber,
    pub idx: u32,
    pub role: PartyRole,
    pub kind: PartyKind,
    pub name: String,
    /// The identity document as stored: its type and number.
    pub id_type: Option<IdType>,
    pub id_number: Option<String>,
    /// 单位性质 (`org_type`), where the filing gave one.
    pub org_type: Option<OrgType>,
}

impl StoredParty {
    /// Whether this row says what the filing said of its party `idx` (verify's check: the
    /// parties table is a projection of the hashed filing, and the pages show it).
    pub fn matches(&self, idx: usize, p: &Party) -> bool {
        self.idx as usize == idx
            && self.role == p.role
            && self.kind == p.kind
            && self.name == p.name
            && self.id_type == p.id.as_ref().map(|i| i.id_type())
            && self.id_number.as_deref() == p.id.as_ref().map(|i| i.number())
            && self.org_type == p.org_type
    }

    /// The identity number as an account sees it: in full, or masked
    /// (`docket_domain::Principal::sees_full_ids` decides which).
    pub fn shown_id(&self, full: bool) -> Option<String> {
        let n = self.id_number.as_deref()?;
        Some(if full { n.to_owned() } else { docket_domain::case::masked_number(self.id_type, n) })
    }
}

// ---- rows: what the SQL reads and writes; private to the store ----

/// Reading a row back: the case it belongs to, for the error.
struct Reader<'a> {
    case_no: &'a str,
}

impl Reader<'_> {
    fn corrupt(&self, column: &str, why: impl std::fmt::Display) -> StoreError {
        StoreError::Corrupt(format!("案件 {} 的投影中 {column} 无法读取：{why}", self.case_no))
    }
    fn parse<T>(&self, column: &str, value: &str, parse: impl FnOnce(&str) -> Option<T>) -> Result<T, StoreError> {
        parse(value).ok_or_else(|| self.corrupt(column, format!("“{value}”不是有效的值")))
    }
    fn count(&self, column: &str, value: i64) -> Result<u32, StoreError> {
        u32::try_from(value).map_err(|_| self.corrupt(column, format!("{value} 不是有效的计数")))
    }
    fn amount(&self, column: &str, fen: i64) -> Result<Amount, StoreError> {
        Amount::from_fen(fen).ok_or_else(|| self.corrupt(column, format!("{fen} 不是有效的金额")))
    }
    fn case_number(&self, column: &str, value: &str) -> Result<CaseNumber, StoreError> {
        CaseNumber::parse(value).map_err(|e| self.corrupt(column, e))
    }
    fn court(&self, value: &str, case_no: &CaseNumber) -> Result<CourtCode, StoreError> {
        let court = CourtCode::parse(value).map_err(|e| self.corrupt("court", e))?;
        if &court != case_no.court() {
            return Err(self.corrupt("court", format!("“{value}”与案号不符")));
        }
        Ok(court)
    }
    fn packed<T>(&self, column: &str, r: Result<T, packed::PackedError>) -> Result<T, StoreError> {
        r.map_err(|e| self.corrupt(column, e.0))
    }
}

/// One row of the `cases` table.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub(crate) struct CaseRow {
    pub court: String,
    pub case_no: String,
    pub year: i64,
    pub type_code: String,
    pub seq: i64,
    pub category: String,
    pub filed_procedure: String,
    pub procedure: String,
    pub cause: String,
    pub received_on: Option<NaiveDate>,
    pub filed_on: NaiveDate,
    pub online: bool,
    pub claim_amount_fen: Option<i64>,
    pub tags: String,
    pub origin: Option<String>,
    pub sealed: bool,
    pub status: String,
    pub judge: Option<String>,
    pub department: Option<String>,
    pub closed_on: Option<NaiveDate>,
    pub close_method: Option<String>,
    pub close_outcome: Option<String>,
    pub archived_on: Option<NaiveDate>,
    pub suspended_since: Option<NaiveDate>,
    pub suspension_reason: Option<String>,
    pub deducted_days: i64,
    pub extensions: i64,
    pub extension_pending: bool,
    pub extension_requested_on: Option<NaiveDate>,
    pub extension_length: Option<String>,
    pub extension_approver: Option<String>,
    pub next_hearing: Option<NaiveDate>,
    pub next_room: Option<String>,
    pub recovered_fen: i64,
    pub hearings_held: i64,
    pub first_setting: String,
    pub last_on: NaiveDate,
    pub events: i64,
    pub deadline_unadjusted: Option<NaiveDate>,
    pub eservice_log: String,
    pub recovery_log: String,
    pub hearing_log: String,
    pub enforcement_log: String,
}

impl From<StoredCase> for CaseRow {
    /// Consumes the case: the write path (a bulk import's million rows) copies nothing twice.
    fn from(c: StoredCase) -> Self {
        let n = &c.case_no;
        Self {
            court: c.court.to_string(),
            case_no: n.to_string(),
            year: i64::from(n.year()),
            type_code: n.type_code().to_owned(),
            seq: i64::from(n.seq()),
            category: n.case_type().category.as_str().to_owned(),
            filed_procedure: c.filed_procedure.as_str().to_owned(),
            procedure: c.procedure.as_str().to_owned(),
            cause: c.cause,
            received_on: c.received_on,
            filed_on: c.filed_on,
            online: c.online,
            claim_amount_fen: c.claim.map(Amount::fen),
            tags: packed::encode_tags(&c.tags),
            origin: c.origin.map(|o| o.to_string()),
            sealed: c.sealed,
            status: c.status.as_str().to_owned(),
            judge: c.judge,
            department: c.department,
            closed_on: c.closed_on,
            close_method: c.close_method.map(|m| m.as_str().to_owned()),
            close_outcome: c.close_outcome,
            archived_on: c.archived_on,
            suspended_since: c.suspended.map(|(d, _)| d),
            suspension_reason: c.suspended.map(|(_, r)| r.as_str().to_owned()),
            deducted_days: i64::from(c.deducted_days),
            extensions: i64::from(c.extensions),
            extension_pending: c.extension_pending,
            extension_requested_on: c.extension_request.map(|x| x.requested_on),
            extension_length: c.extension_request.map(|x| x.length.code()),
            extension_approver: c.extension_request.map(|x| x.approver.as_str().to_owned()),
            next_hearing: c.next_hearing,
            next_room: c.next_room,
            recovered_fen: c.recovered.fen(),
            hearings_held: i64::from(c.hearings_held),
            first_setting: c.first_setting.as_str().to_owned(),
            last_on: c.last_on,
            events: i64::from(c.events),
            deadline_unadjusted: c.deadline_unadjusted,
            eservice_log: packed::encode_eservice(c.eservice),
            recovery_log: packed::encode_recoveries(c.recoveries),
            hearing_log: packed::encode_hearings(c.hearings),
            enforcement_log: packed::encode_enforcement(&c.enforcement),
        }
    }
}

impl CaseRow {
    pub(crate) fn from_state(s: &CaseState) -> Self {
        Self::from(StoredCase::from_state(s))
    }

    pub(crate) fn into_case(self) -> Result<StoredCase, StoreError> {
        let r = Reader { case_no: &self.case_no };
        let case_no = r.case_number("case_no", &self.case_no)?;
        let court = r.court(&self.court, &case_no)?;
        // The columns kept beside the 案号 for queries must agree with it.
        let t = case_no.case_type();
        if self.year != i64::from(case_no.year())
            || self.seq != i64::from(case_no.seq())
            || self.type_code != t.code
            || self.category != t.category.as_str()
        {
            return Err(r.corrupt("year/type_code/seq/category", "与案号不符"));
        }
        let suspended = match (self.suspended_since, &self.suspension_reason) {
            (None, None) => None,
            (Some(d), Some(reason)) => Some((d, r.parse("suspension_reason", reason, SuspensionReason::parse)?)),
            _ => return Err(r.corrupt("suspended_since", "扣除审限的开始日期与原因不成对")),
        };
        let extension_request = match (self.extension_requested_on, &self.extension_length, &self.extension_approver) {
            (None, None, None) => None,
            (Some(requested_on), Some(length), Some(approver)) => Some(PendingExtension {
                requested_on,
                length: r.parse("extension_length", length, Period::parse_code)?,
                approver: r.parse("extension_approver", approver, Approver::parse)?,
            }),
            _ => return Err(r.corrupt("extension_requested_on", "待审批的延长审限申请的日期、期限与批准人不齐全")),
        };
        Ok(StoredCase {
            extension_request,
            next_hearing: self.next_hearing,
            next_room: self.next_room,
            filed_procedure: r.parse("filed_procedure", &self.filed_procedure, Procedure::parse)?,
            procedure: r.parse("procedure", &self.procedure, Procedure::parse)?,
            claim: self.claim_amount_fen.map(|f| r.amount("claim_amount_fen", f)).transpose()?,
            tags: r.packed("tags", packed::decode_tags(&self.tags))?,
            origin: self.origin.as_deref().map(|o| r.case_number("origin", o)).transpose()?,
            status: r.parse("status", &self.status, Status::parse)?,
            close_method: self
                .close_method
                .as_deref()
                .map(|m| r.parse("close_method", m, CloseMethod::parse))
                .transpose()?,
            suspended,
            deducted_days: r.count("deducted_days", self.deducted_days)?,
            extensions: r.count("extensions", self.extensions)?,
            recovered: r.amount("recovered_fen", self.recovered_fen)?,
            hearings_held: r.count("hearings_held", self.hearings_held)?,
            first_setting: r.parse("first_setting", &self.first_setting, FirstSettingOutcome::parse)?,
            events: r.count("events", self.events)?,
            eservice: r.packed("eservice_log", packed::decode_eservice(&self.eservice_log))?,
            recoveries: r.packed("recovery_log", packed::decode_recoveries(&self.recovery_log))?,
            hearings: r.packed("hearing_log", packed::decode_hearings(&self.hearing_log))?,
            enforcement: r.packed("enforcement_log", packed::decode_enforcement(&self.enforcement_log))?,
            court,
            case_no,
            cause: self.cause,
            received_on: self.received_on,
            filed_on: self.filed_on,
            online: self.online,
            sealed: self.sealed,
            judge: self.judge,
            department: self.department,
            closed_on: self.closed_on,
            close_outcome: self.close_outcome,
            archived_on: self.archived_on,
            extension_pending: self.extension_pending,
            last_on: self.last_on,
            deadline_unadjusted: self.deadline_unadjusted,
        })
    }
}

/// The columns of a `cases` row the indicator engine reads.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub(crate) struct FactsRow {
    pub court: String,
    pub case_no: String,
    pub cause: String,
    pub received_on: Option<NaiveDate>,
    pub filed_on: NaiveDate,
    pub online: bool,
    pub claim_amount_fen: Option<i64>,
    pub tags: String,
    pub origin: Option<String>,
    pub judge: Option<String>,
    pub department: Option<String>,
    pub closed_on: Option<NaiveDate>,
    pub close_method: Option<String>,
    pub suspended_since: Option<NaiveDate>,
    pub deducted_days: i64,
    pub extensions: i64,
    pub hearings_held: i64,
    pub first_setting: String,
    pub deadline_unadjusted: Option<NaiveDate>,
    pub eservice_log: String,
    pub recovery_log: String,
    pub hearing_log: String,
    pub enforcement_log: String,
}

impl FactsRow {
    pub(crate) fn into_facts(self) -> Result<StoredFacts, StoreError> {
        let r = Reader { case_no: &self.case_no };
        let case_no = r.case_number("case_no", &self.case_no)?;
        Ok(StoredFacts {
            court: r.court(&self.court, &case_no)?,
            claim: self.claim_amount_fen.map(|f| r.amount("claim_amount_fen", f)).transpose()?,
            tags: r.packed("tags", packed::decode_tags(&self.tags))?,
            origin: self.origin.as_deref().map(|o| r.case_number("origin", o)).transpose()?,
            close_method: self
                .close_method
                .as_deref()
                .map(|m| r.parse("close_method", m, CloseMethod::parse))
                .transpose()?,
            deducted_days: r.count("deducted_days", self.deducted_days)?,
            extensions: r.count("extensions", self.extensions)?,
            hearings_held: r.count("hearings_held", self.hearings_held)?,
            first_setting: r.parse("first_setting", &self.first_setting, FirstSettingOutcome::parse)?,
            eservice: r.packed("eservice_log", packed::decode_eservice(&self.eservice_log))?,
            recoveries: r.packed("recovery_log", packed::decode_recoveries(&self.recovery_log))?,
            hearings: r.packed("hearing_log", packed::decode_hearings(&self.hearing_log))?,
            enforcement: r.packed("enforcement_log", packed::decode_enforcement(&self.enforcement_log))?,
            case_no,
            cause: self.cause,
            received_on: self.received_on,
            filed_on: self.filed_on,
            online: self.online,
            judge: self.judge,
            department: self.department,
            closed_on: self.closed_on,
            suspended_since: self.suspended_since,
            deadline_unadjusted: self.deadline_unadjusted,
        })
    }
}

/// One row of the `parties` table.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub(crate) struct PartyRow {
    pub court: String,
    pub case_no: String,
    pub idx: i64,
    pub role: String,
    pub kind: String,
    pub name: String,
    pub id_type: Option<String>,
    pub id_number: Option<String>,
    pub org_type: Option<String>,
}

impl PartyRow {
    pub(crate) fn from_party(s: &CaseState, idx: usize, p: &Party) -> Self {
        Self {
            court: s.record.court.to_string(),
            case_no: s.record.case_no.to_string(),
            idx: idx as i64,
            role: p.role.as_str().to_owned(),
            kind: p.kind.as_str().to_owned(),
            name: p.name.clone(),
            id_type: p.id.as_ref().map(|i| i.id_type().as_str().to_owned()),
            id_number: p.id.as_ref().map(|i| i.number().to_owned()),
            org_type: p.org_type.map(|t| t.as_str().to_owned()),
        }
    }

    pub(crate) fn into_party(self) -> Result<StoredParty, StoreError> {
        let r = Reader { case_no: &self.case_no };
        Ok(StoredParty {
            case_no: r.case_number("parties.case_no", &self.case_no)?,
            idx: r.count("parties.idx", self.idx)?,
            role: r.parse("parties.role", &self.role, PartyRole::parse)?,
            kind: r.parse("parties.kind", &self.kind, PartyKind::parse)?,
            id_type: self.id_type.as_deref().map(|t| r.parse("parties.id_type", t, IdType::parse)).transpose()?,
            org_type: self.org_type.as_deref().map(|t| r.parse("parties.org_type", t, OrgType::parse)).transpose()?,
            name: self.name,
            id_number: self.id_number,
        })
    }
}

/// Reads rows back as typed values, failing on the first that does not read.
pub(crate) fn cases(rows: Vec<CaseRow>) -> Result<Vec<StoredCase>, StoreError> {
    rows.into_iter().map(CaseRow::into_case).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> CaseRow {
        CaseRow {
            court: "内0203".into(),
            case_no: "（2025）内0203民初12号".into(),
            year: 2025,
            type_code: "民初".into(),
            seq: 12,
            category: "civil".into(),
            filed_procedure: "simple".into(),
            procedure: "simple".into(),
            cause: "买卖合同纠纷".into(),
            received_on: None,
            filed_on: "2025-03-01".parse().unwrap(),
            online: true,
            claim_amount_fen: Some(1_234_500),
            tags: "enterprise".into(),
            origin: None,
            sealed: false,
            status: "open".into(),
            judge: Some("J001".into()),
            department: Some("D01".into()),
            closed_on: None,
            close_method: None,
            close_outcome: None,
            archived_on: None,
            suspended_since: None,
            suspension_reason: None,
            deducted_days: 0,
            extensions: 0,
            extension_pending: false,
            extension_requested_on: None,
            extension_length: None,
            extension_approver: None,
            next_hearing: None,
            next_room: None,
            recovered_fen: 0,
            hearings_held: 0,
            first_setting: "not_scheduled".into(),
            last_on: "2025-03-01".parse().unwrap(),
            events: 0,
            deadline_unadjusted: Some("2025-06-01".parse().unwrap()),
            eservice_log: "2025-03-02+".into(),
            recovery_log: String::new(),
            hearing_log: "2025-03-05os".into(),
            enforcement_log: String::new(),
        }
    }

    #[test]
    fn a_row_reads_back_as_typed_values_and_writes_the_same_row() {
        let case = row().into_case().unwrap();
        assert_eq!(case.status, Status::Open);
        assert_eq!(case.claim, Amount::from_fen(1_234_500));
        assert_eq!(case.tags, vec![Tag::parse("enterprise").unwrap()]);
        assert_eq!(case.case_type().code, "民初");
        assert_eq!(CaseRow::from(case), row());
    }

    #[test]
    fn a_damaged_column_is_an_error_naming_the_case_and_the_column() {
        type Damage = fn(&mut CaseRow);
        let cases: [(Damage, &str); 8] = [
            (|r| r.hearing_log = "2025-03-05x".into(), "hearing_log"),
            (|r| r.enforcement_log = "2025-03-05t9".into(), "enforcement_log"),
            (|r| r.status = "shut".into(), "status"),
            (|r| r.recovered_fen = -1, "recovered_fen"),
            (|r| r.eservice_log = "2025-03-02*".into(), "eservice_log"),
            (|r| r.seq = 13, "year/type_code/seq/category"),
            (|r| r.court = "内0204".into(), "court"),
            (|r| r.suspension_reason = Some("notice".into()), "suspended_since"),
        ];
        for (damage, column) in cases {
            let mut r = row();
            damage(&mut r);
            let e = r.into_case().unwrap_err().to_string();
            assert!(e.contains("（2025）内0203民初12号") && e.contains(column), "{e}");
        }
    }

    #[test]
    fn differences_name_each_field_with_both_values() {
        let a = row().into_case().unwrap();
        let mut b = a.clone();
        b.status = Status::Closed;
        b.judge = None;
        let d = b.differences(&a);
        assert_eq!(d, vec!["status：\"closed\" ≠ \"open\"".to_owned(), "judge：None ≠ Some(\"J001\")".to_owned()]);
    }
}

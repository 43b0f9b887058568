//! The case projection: the columns a case's current state is stored as. It is a pure function of
//! the case's log entries (through `docket_domain::CaseState`), so it can always be rebuilt.

use chrono::NaiveDate;
use docket_domain::deadline::DeadlineBase;
use docket_domain::lifecycle::FirstSetting;
use docket_domain::{CaseState, EventKind, Party, ServiceChannel};

/// One row of the `cases` table.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CaseRow {
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
    /// Tags joined by commas.
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
    pub recovered_fen: i64,
    pub hearings_held: i64,
    pub first_setting: String,
    pub last_on: NaiveDate,
    pub events: i64,
    /// The 审限 before the holiday rule; `None` without a limit or while suspended.
    pub deadline_unadjusted: Option<NaiveDate>,
    /// Electronic service attempts: `2025-01-03+` (delivered) or `2025-01-06-`, comma-separated.
    pub eservice_log: String,
    /// Recoveries: `2025-02-01:12345` (fen), comma-separated.
    pub recovery_log: String,
}

/// The columns of a `cases` row the indicator engine reads: about half of them, so loading a
/// province's cases for the engine moves half the values.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct FactsRow {
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
}

impl From<&CaseRow> for FactsRow {
    fn from(r: &CaseRow) -> Self {
        FactsRow {
            court: r.court.clone(),
            case_no: r.case_no.clone(),
            cause: r.cause.clone(),
            received_on: r.received_on,
            filed_on: r.filed_on,
            online: r.online,
            claim_amount_fen: r.claim_amount_fen,
            tags: r.tags.clone(),
            origin: r.origin.clone(),
            judge: r.judge.clone(),
            department: r.department.clone(),
            closed_on: r.closed_on,
            close_method: r.close_method.clone(),
            suspended_since: r.suspended_since,
            deducted_days: r.deducted_days,
            extensions: r.extensions,
            hearings_held: r.hearings_held,
            first_setting: r.first_setting.clone(),
            deadline_unadjusted: r.deadline_unadjusted,
            eservice_log: r.eservice_log.clone(),
            recovery_log: r.recovery_log.clone(),
        }
    }
}

impl CaseRow {
    pub fn from_state(s: &CaseState) -> Self {
        let r = &s.record;
        let t = r.case_type();
        Self {
            court: r.court.to_string(),
            case_no: r.case_no.to_string(),
            year: i64::from(r.case_no.year()),
            type_code: t.code.to_owned(),
            seq: i64::from(r.case_no.seq()),
            category: t.category.as_str().to_owned(),
            filed_procedure: r.procedure.as_str().to_owned(),
            procedure: s.procedure.as_str().to_owned(),
            cause: r.cause.clone(),
            received_on: r.received_on,
            filed_on: r.filed_on,
            online: r.online,
            claim_amount_fen: r.claim_amount.map(|a| a.fen()),
            tags: r.tags.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(","),
            origin: r.origin.as_ref().map(ToString::to_string),
            sealed: r.sealed,
            status: s.status.as_str().to_owned(),
            judge: s.judge.clone(),
            department: s.department.clone(),
            closed_on: s.closed_on,
            close_method: s.close_method.map(|m| m.as_str().to_owned()),
            close_outcome: s.close_outcome.clone(),
            archived_on: s.archived_on,
            suspended_since: s.suspended_since.map(|(d, _)| d),
            suspension_reason: s.suspended_since.map(|(_, r)| r.as_str().to_owned()),
            deducted_days: i64::from(s.deducted_days),
            extensions: i64::from(s.extensions),
            extension_pending: s.pending_extension.is_some(),
            recovered_fen: s.recovered.fen(),
            hearings_held: i64::from(s.hearings_held),
            first_setting: match s.first_setting {
                FirstSetting::NotScheduled => "not_scheduled",
                FirstSetting::Scheduled(_) => "scheduled",
                FirstSetting::HeldAsScheduled => "held_as_scheduled",
                FirstSetting::NotHeldAsScheduled => "not_held_as_scheduled",
            }
            .to_owned(),
            last_on: s.last_on,
            events: s.events.len() as i64,
            deadline_unadjusted: DeadlineBase::compute(&s.record, &s.events, None).unadjusted,
            eservice_log: s
                .events
                .iter()
                .filter_map(|e| match e.kind {
                    EventKind::ServiceAttempted { channel: ServiceChannel::Electronic, delivered } => {
                        Some(format!("{}{}", e.on, if delivered { '+' } else { '-' }))
                    }
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join(","),
            recovery_log: s
                .events
                .iter()
                .filter_map(|e| match &e.kind {
                    EventKind::Recovered { amount } => Some(format!("{}:{}", e.on, amount.fen())),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join(","),
        }
    }
}

/// One row of the `parties` table.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PartyRow {
    pub court: String,
    pub case_no: String,
    pub idx: i64,
    pub role: String,
    pub kind: String,
    pub name: String,
    pub id_type: Option<String>,
    pub id_number: Option<String>,
}

impl PartyRow {
    pub fn from_party(s: &CaseState, idx: usize, p: &Party) -> Self {
        Self {
            court: s.record.court.to_string(),
            case_no: s.record.case_no.to_string(),
            idx: idx as i64,
            role: p.role.as_str().to_owned(),
            kind: p.kind.as_str().to_owned(),
            name: p.name.clone(),
            id_type: p.id.as_ref().map(|i| i.id_type().as_str().to_owned()),
            id_number: p.id.as_ref().map(|i| i.number().to_owned()),
        }
    }
}

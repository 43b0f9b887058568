//! The indicator engine's facts, from the store's case projections: the 审限 with the holiday rule
//! in force, and the dated facts the indicators count by their own date (electronic service
//! attempts, recoveries), kept in the projection. One conversion, [`facts_from_row`], serves every
//! source.

use chrono::NaiveDate;
use docket_domain::calendar::HolidayCalendar;
use docket_domain::{CaseNumber, CaseState, CloseMethod, CourtCode, Judge, Tag};
use docket_metrics::{CaseFacts, Engine, FactTable, JudgeFacts, Settings};
use docket_store::{CaseRow, FactsRow, Store};

use crate::{AppError, Docket};

/// The engine's facts of a case projection; `None` for a row that does not parse (a corrupt
/// projection, which `verify` reports).
pub fn facts_from_row(row: &FactsRow, calendar: &HolidayCalendar, holiday_rule: bool) -> Option<CaseFacts> {
    let eservice = row
        .eservice_log
        .split(',')
        .filter(|x| !x.is_empty())
        .map(|x| {
            let (d, ok) = x.split_at(x.len().saturating_sub(1));
            Some((d.parse::<NaiveDate>().ok()?, ok == "+"))
        })
        .collect::<Option<Vec<_>>>()?;
    let recoveries = row
        .recovery_log
        .split(',')
        .filter(|x| !x.is_empty())
        .map(|x| {
            let (d, fen) = x.split_once(':')?;
            Some((d.parse::<NaiveDate>().ok()?, fen.parse::<i64>().ok()?))
        })
        .collect::<Option<Vec<_>>>()?;
    let deadline_on = row
        .deadline_unadjusted
        .map(|d| if holiday_rule && calendar.is_rest_day(d) { calendar.next_working_day(d) } else { d });
    Some(CaseFacts {
        court: CourtCode::parse(&row.court).ok()?,
        case_no: CaseNumber::parse(&row.case_no).ok()?,
        cause: row.cause.clone(),
        judge: row.judge.clone(),
        department: row.department.clone(),
        tags: row.tags.split(',').filter_map(Tag::parse).collect(),
        received_on: row.received_on,
        filed_on: row.filed_on,
        closed_on: row.closed_on,
        close_method: row.close_method.as_deref().and_then(CloseMethod::parse),
        online: row.online,
        claim_fen: row.claim_amount_fen.unwrap_or(0),
        deducted_days: u32::try_from(row.deducted_days).unwrap_or(0),
        extensions: u32::try_from(row.extensions).unwrap_or(0),
        deadline_on,
        hearings_held: u32::try_from(row.hearings_held).unwrap_or(0),
        first_setting_held: row.first_setting == "held_as_scheduled",
        suspended_since: row.suspended_since,
        origin: row.origin.as_deref().and_then(|o| CaseNumber::parse(o).ok()),
        eservice,
        recoveries,
    })
}

fn judge_facts(judges: &[Judge]) -> Vec<JudgeFacts> {
    judges
        .iter()
        .map(|j| JudgeFacts {
            court: j.court.clone(),
            code: j.code.clone(),
            quota: j.quota,
            leader: !j.titles.is_empty(),
        })
        .collect()
}

/// An engine over case states held in memory (the benchmark, tests): the same conversion as
/// from the store, through the projection row.
pub fn engine_from_states(
    states: &[CaseState],
    judges: &[Judge],
    calendar: &HolidayCalendar,
    holiday_rule: bool,
    settings: Settings,
) -> Engine {
    let facts = states
        .iter()
        .filter_map(|s| facts_from_row(&FactsRow::from(&CaseRow::from_state(s)), calendar, holiday_rule))
        .collect();
    Engine::new(FactTable::build(facts, judge_facts(judges), &settings), settings)
}

impl<S: Store> Docket<S> {
    /// Loads the indicator engine from the store: every case projection and dated event.
    pub async fn metrics_engine(&self, settings: Settings) -> Result<Engine, AppError> {
        let calendar = self.calendar().await?;
        let judges = self.store.judges().await?;
        let rows = self.store.all_case_facts().await?;
        let facts: Vec<CaseFacts> =
            rows.iter().filter_map(|r| facts_from_row(r, &calendar, self.holiday_rule)).collect();
        Ok(Engine::new(FactTable::build(facts, judge_facts(&judges), &settings), settings))
    }

    /// The facts of one case as stored now, to keep an engine current after a write.
    pub async fn case_facts(&self, case_no: &docket_domain::CaseNumber) -> Result<Option<CaseFacts>, AppError> {
        let calendar = self.calendar().await?;
        Ok(self
            .store
            .case(case_no)
            .await?
            .and_then(|row| facts_from_row(&FactsRow::from(&row), &calendar, self.holiday_rule)))
    }
}

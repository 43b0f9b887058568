//! The indicator engine's facts, from the store's case projections: the 审限 with the holiday rule
//! in force, and the dated facts the indicators count by their own date (electronic service
//! attempts, recoveries), kept in the projection. One conversion, [`facts_of`], serves every
//! source. The store has already checked every column: a damaged row fails the load with the
//! case named (`StoreError::Corrupt`), it is never left out of the figures.

use docket_domain::calendar::HolidayCalendar;
use docket_domain::{CaseState, Judge};
use docket_metrics::{CaseFacts, Engine, FactTable, JudgeFacts, Settings};
use docket_store::{FirstSettingOutcome, Store, StoredCase, StoredFacts};

use crate::{AppError, Docket};

/// The engine's facts of a stored case.
pub fn facts_of(row: StoredFacts, calendar: &HolidayCalendar, holiday_rule: bool) -> CaseFacts {
    let deadline_on = row
        .deadline_unadjusted
        .map(|d| if holiday_rule && calendar.is_rest_day(d) { calendar.next_working_day(d) } else { d });
    CaseFacts {
        court: row.court,
        case_no: row.case_no,
        cause: row.cause,
        judge: row.judge,
        department: row.department,
        tags: row.tags,
        received_on: row.received_on,
        filed_on: row.filed_on,
        closed_on: row.closed_on,
        close_method: row.close_method,
        online: row.online,
        claim_fen: row.claim.map_or(0, |a| a.fen()),
        deducted_days: row.deducted_days,
        extensions: row.extensions,
        deadline_on,
        hearings_held: row.hearings_held,
        first_setting_held: row.first_setting == FirstSettingOutcome::HeldAsScheduled,
        suspended_since: row.suspended_since,
        origin: row.origin,
        eservice: row.eservice.into_iter().map(|a| (a.on, a.delivered)).collect(),
        recoveries: row.recoveries.into_iter().map(|r| (r.on, r.amount.fen())).collect(),
    }
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
    let facts =
        states.iter().map(|s| facts_of(StoredFacts::from(StoredCase::from_state(s)), calendar, holiday_rule)).collect();
    Engine::new(FactTable::build(facts, judge_facts(judges), &settings), settings)
}

impl<S: Store> Docket<S> {
    /// Loads the indicator engine from the store: every case projection and dated event.
    pub async fn metrics_engine(&self, settings: Settings) -> Result<Engine, AppError> {
        let calendar = self.calendar().await?;
        let judges = self.store.judges().await?;
        let rows = self.store.all_case_facts().await?;
        let facts: Vec<CaseFacts> = rows.into_iter().map(|r| facts_of(r, &calendar, self.holiday_rule)).collect();
        Ok(Engine::new(FactTable::build(facts, judge_facts(&judges), &settings), settings))
    }

    /// The facts of one case as stored now, to keep an engine current after a write.
    pub async fn case_facts(&self, case_no: &docket_domain::CaseNumber) -> Result<Option<CaseFacts>, AppError> {
        let calendar = self.calendar().await?;
        Ok(self.store.case(case_no).await?.map(|row| facts_of(StoredFacts::from(row), &calendar, self.holiday_rule)))
    }
}

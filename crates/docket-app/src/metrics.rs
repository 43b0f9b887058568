//! The indicator engine's facts, from the store: every case projection (the 审限 with the holiday
//! rule in force) and the dated events the indicators count by their own date (electronic
//! service attempts, recoveries). One conversion, [`facts_from_row`], serves every source.

use std::collections::HashMap;

use chrono::NaiveDate;
use docket_domain::calendar::HolidayCalendar;
use docket_domain::{
    CaseNumber, CaseState, CloseMethod, CourtCode, Event, EventKind, Judge, ServiceChannel, Tag,
};
use docket_interchange::{Record, parse_line};
use docket_metrics::{CaseFacts, Engine, FactTable, JudgeFacts, Settings};
use docket_store::{CaseRow, Store};

use crate::{AppError, Docket};

/// Dated facts of one case: electronic service attempts and recoveries.
#[derive(Debug, Default, Clone)]
pub struct DatedFacts {
    pub eservice: Vec<(NaiveDate, bool)>,
    pub recoveries: Vec<(NaiveDate, i64)>,
}

impl DatedFacts {
    fn add(&mut self, e: &Event) {
        match &e.kind {
            EventKind::ServiceAttempted { channel: ServiceChannel::Electronic, delivered } => {
                self.eservice.push((e.on, *delivered));
            }
            EventKind::Recovered { amount } => self.recoveries.push((e.on, amount.fen())),
            _ => {}
        }
    }
}

/// The engine's facts of a case projection; `None` for a row that does not parse (a corrupt
/// projection, which `verify` reports).
pub fn facts_from_row(
    row: &CaseRow,
    dated: DatedFacts,
    calendar: &HolidayCalendar,
    holiday_rule: bool,
) -> Option<CaseFacts> {
    let deadline_on = row.deadline_unadjusted.map(|d| {
        if holiday_rule && calendar.is_rest_day(d) { calendar.next_working_day(d) } else { d }
    });
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
        eservice: dated.eservice,
        recoveries: dated.recoveries,
    })
}

fn judge_facts(judges: &[Judge]) -> Vec<JudgeFacts> {
    judges
        .iter()
        .map(|j| JudgeFacts { court: j.court.clone(), code: j.code.clone(), quota: j.quota, leader: !j.titles.is_empty() })
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
        .filter_map(|s| {
            let mut dated = DatedFacts::default();
            s.events.iter().for_each(|e| dated.add(e));
            facts_from_row(&CaseRow::from_state(s), dated, calendar, holiday_rule)
        })
        .collect();
    Engine::new(FactTable::build(facts, judge_facts(judges), &settings), settings)
}

impl<S: Store> Docket<S> {
    /// Loads the indicator engine from the store: every case projection and dated event.
    pub async fn metrics_engine(&self, settings: Settings) -> Result<Engine, AppError> {
        let calendar = self.calendar().await?;
        let judges = self.store.judges().await?;
        let mut dated: HashMap<String, DatedFacts> = HashMap::new();
        for entry in self.store.events_of_types(&["service_attempted", "recovered"]).await? {
            if let Ok(Record::Event(e)) = parse_line(0, &entry.body) {
                dated.entry(e.case_no.to_string()).or_default().add(&e.event);
            }
        }
        let rows = self.store.all_cases().await?;
        let facts: Vec<CaseFacts> = rows
            .iter()
            .filter_map(|r| {
                let d = dated.remove(&r.case_no).unwrap_or_default();
                facts_from_row(r, d, &calendar, self.holiday_rule)
            })
            .collect();
        Ok(Engine::new(FactTable::build(facts, judge_facts(&judges), &settings), settings))
    }
}

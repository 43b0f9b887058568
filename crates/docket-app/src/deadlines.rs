//! 审限 use cases: the calendar in force, the derived values of `INTERCHANGE.md`, and the list of
//! cases due (or overdue) by judge or department.

use chrono::NaiveDate;
use docket_domain::calendar::HolidayCalendar;
use docket_domain::deadline::{Deadline, DeadlineBase, Warning, WarningSettings, warnings};
use docket_domain::{CaseState, EventKind, Status};
use docket_store::{CaseFilter, Store, StoredCase};
use serde_json::{Value, json};

use crate::replay::replay_case;
use crate::{AppError, Docket};

/// One case on the due list.
#[derive(Debug, Clone)]
pub struct DueCase {
    pub row: StoredCase,
    pub deadline: Deadline,
    /// Days from `as_of` to the deadline; negative when overdue.
    pub days_left: i64,
    pub warnings: Vec<Warning>,
}

/// The state of a case as of a date: its events on or before it.
pub fn state_as_of(state: &CaseState, as_of: NaiveDate) -> CaseState {
    let mut s = CaseState::filed(state.record.clone());
    for e in state.events.iter().filter(|e| e.on <= as_of) {
        // The events were accepted in this order already, so a prefix is accepted too.
        let _ = s.apply(e.clone());
    }
    s
}

/// The `derived` object of `INTERCHANGE.md` for a case as of `as_of`.
pub fn derived(state: &CaseState, calendar: &HolidayCalendar, holiday_rule: bool, as_of: NaiveDate) -> Value {
    if state.record.filed_on > as_of {
        return Value::Null;
    }
    let s = state_as_of(state, as_of);
    let dl = DeadlineBase::compute(&s.record, &s.events, Some(as_of)).adjust(calendar, holiday_rule);
    let duration = s.duration_days(as_of);
    let net = duration - i64::from(dl.base.deducted_days);
    let within = match (s.status, s.closed_on, dl.deadline_on) {
        (Status::Closed, Some(closed), Some(deadline)) => Value::Bool(closed <= deadline),
        _ => Value::Null,
    };
    json!({
        "status": s.status.as_str(),
        "deadline_on": dl.deadline_on.map(|d| d.to_string()),
        "deducted_days": dl.base.deducted_days,
        "extended": s.events.iter().any(|e| matches!(e.kind, EventKind::Extended { .. })),
        "duration_days": duration,
        "net_duration_days": net,
        "within_limit": within,
        "suspended": s.suspended_since.is_some(),
    })
}

impl<S: Store> Docket<S> {
    /// The holiday calendar in force: the shipped one with the administrator's years over it.
    pub async fn calendar(&self) -> Result<HolidayCalendar, AppError> {
        let mut calendar = HolidayCalendar::shipped();
        for (year, body) in self.store.holiday_years().await? {
            let imported = HolidayCalendar::parse(&body)
                .map_err(|e| AppError::Corrupt(format!("{year} 年的节假日安排无法解析：{e}")))?;
            calendar.overlay(&imported);
        }
        Ok(calendar)
    }

    /// The indicator settings in force: those saved on the 管理 page, else the catalogue's defaults.
    pub async fn indicator_settings(&self) -> Result<docket_metrics::Settings, AppError> {
        match self.store.setting(crate::settings_log::INDICATOR_SETTINGS).await? {
            Some(text) => docket_metrics::Settings::parse(&text)
                .map_err(|e| AppError::Corrupt(format!("保存的指标设置无法解析：{e}"))),
            None => Ok(docket_metrics::Settings::default()),
        }
    }

    /// Open cases whose deadline falls on or before `as_of + within` days (overdue ones too), in
    /// deadline order; a green-channel tag breaks ties.
    pub async fn due(&self, filter: &CaseFilter, as_of: NaiveDate, within: i64) -> Result<Vec<DueCase>, AppError> {
        let calendar = self.calendar().await?;
        let rule = self.holiday_rule();
        let mut out = Vec::new();
        for row in self.store.cases_open_at(as_of, filter).await? {
            // The projection's deadline counts every event; a candidate is replayed as of the date.
            let Some((state, _)) = replay_case(&self.store, &row.case_no).await? else { continue };
            let s = state_as_of(&state, as_of);
            if s.status == Status::Closed {
                continue;
            }
            let dl = DeadlineBase::compute(&s.record, &s.events, Some(as_of))
                .under(self.confirmation_rule())
                .adjust(&calendar, rule);
            let Some(deadline) = dl.deadline_on else { continue };
            let days_left = (deadline - as_of).num_days();
            if days_left > within {
                continue;
            }
            let warnings = warnings(&s, &calendar, rule, as_of, WarningSettings::default());
            out.push(DueCase { row, deadline: dl, days_left, warnings });
        }
        out.sort_by(|a, b| {
            (a.days_left, a.row.tags.is_empty(), &a.row.case_no).cmp(&(
                b.days_left,
                b.row.tags.is_empty(),
                &b.row.case_no,
            ))
        });
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use docket_domain::CaseNumber;
    use docket_domain::{CaseRecord, CaseType, CourtCode, Event, Procedure, SuspensionReason};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn state() -> CaseState {
        let court = CourtCode::parse("内0203").unwrap();
        let case_no = CaseNumber::new(2025, court.clone(), CaseType::lookup("民初").unwrap(), 1).unwrap();
        let mut s = CaseState::filed(CaseRecord {
            court,
            case_no,
            procedure: Procedure::Ordinary,
            cause: "买卖合同纠纷".into(),
            received_on: None,
            filed_on: d("2025-03-03"),
            online: false,
            claim_amount: None,
            tags: vec![],
            origin: None,
            sealed: false,
            possible_sentence_months: None,
            parties: vec![],
        });
        s.apply(Event { on: d("2025-04-01"), kind: EventKind::Suspended { reason: SuspensionReason::Appraisal } })
            .unwrap();
        s.apply(Event { on: d("2025-05-16"), kind: EventKind::Resumed }).unwrap();
        s.apply(Event {
            on: d("2025-09-01"),
            kind: EventKind::Closed { method: docket_domain::CloseMethod::Judgment, outcome: None },
        })
        .unwrap();
        s
    }

    #[test]
    fn the_derived_values_of_a_closed_case_follow_the_interchange_example() {
        let v = derived(&state(), &HolidayCalendar::shipped(), true, d("2025-12-31"));
        assert_eq!(
            v,
            json!({"status":"closed","deadline_on":"2025-10-20","deducted_days":45,"extended":false,
                   "duration_days":182,"net_duration_days":137,"within_limit":true,"suspended":false})
        );
    }

    #[test]
    fn the_derived_values_as_of_an_earlier_date_ignore_later_events() {
        let v = derived(&state(), &HolidayCalendar::shipped(), true, d("2025-04-10"));
        assert_eq!(
            v,
            json!({"status":"suspended","deadline_on":null,"deducted_days":0,"extended":false,
                   "duration_days":38,"net_duration_days":38,"within_limit":null,"suspended":true})
        );
        assert_eq!(derived(&state(), &HolidayCalendar::shipped(), true, d("2025-03-01")), Value::Null);
    }
}

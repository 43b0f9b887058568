//! The case view: a case with its parties, lineage and timeline, each entry with its hash.

use docket_domain::{CaseNumber, CaseState};
use docket_interchange::Record;
use docket_store::Named;
use docket_store::{Store, StoredCase, StoredParty};

use crate::replay::parse_entry;
use crate::{AppError, Docket};

/// One entry of a case's timeline.
#[derive(Debug, Clone)]
pub struct TimelineEntry {
    /// Position in the case: 0 is the filing.
    pub case_seq: i64,
    pub on: Option<chrono::NaiveDate>,
    pub description: String,
    pub court_seq: i64,
    pub recorded_at: String,
    pub hash_hex: String,
}

/// The names a case view shows for the court, the judge and the department, when the caller
/// already holds them (a server keeps them in memory); `None` ones are read from the store.
#[derive(Debug, Clone, Default)]
pub struct KnownNames {
    pub court: Option<String>,
    pub judge: Option<String>,
    pub department: Option<String>,
}

/// Everything shown about one case.
#[derive(Debug, Clone)]
pub struct CaseView {
    pub row: StoredCase,
    pub state: CaseState,
    pub parties: Vec<StoredParty>,
    pub court_name: Option<String>,
    /// The 承办法官's name and the department's name, when the case is assigned.
    pub judge_name: Option<String>,
    pub department_name: Option<String>,
    pub derived: Vec<String>,
    pub timeline: Vec<TimelineEntry>,
    /// The 审限 with the steps that produced it.
    pub deadline: docket_domain::deadline::Deadline,
    /// Warnings as of the view's date.
    pub warnings: Vec<docket_domain::deadline::Warning>,
}

impl<S: Store> Docket<S> {
    /// The case numbered `case_no` (half-width brackets accepted), with warnings as of `today`.
    pub async fn case_view(&self, case_no: &str, today: chrono::NaiveDate) -> Result<CaseView, AppError> {
        let n = CaseNumber::parse(case_no).map_err(|e| AppError::Invalid(e.to_string()))?;
        let row = self.store.case(&n).await?.ok_or_else(|| AppError::NotFound(format!("案件 {n}")))?;
        self.case_view_of(n, row, today).await
    }

    /// The view of a case whose projection row is already at hand.
    pub async fn case_view_of(
        &self,
        n: CaseNumber,
        row: StoredCase,
        today: chrono::NaiveDate,
    ) -> Result<CaseView, AppError> {
        self.case_view_named(n, row, today, KnownNames::default()).await
    }

    /// `case_view_of` with the names the caller already holds (three queries fewer for a server).
    pub async fn case_view_named(
        &self,
        n: CaseNumber,
        row: StoredCase,
        today: chrono::NaiveDate,
        known: KnownNames,
    ) -> Result<CaseView, AppError> {
        let entries = self.store.case_entries(&n).await?;
        let (state, _) = crate::replay::state_from_entries(&n, &entries)?
            .ok_or_else(|| AppError::NotFound(format!("案件 {n} 的日志")))?;
        let mut timeline = Vec::with_capacity(entries.len());
        for e in &entries {
            let description = match parse_entry(e)? {
                Record::Case(c) => format!("立案（{}，{}）", c.procedure.label(), c.cause),
                Record::Event(ev) => ev.event.kind.describe(),
                other => other.kind().to_owned(),
            };
            timeline.push(TimelineEntry {
                case_seq: e.case_seq.unwrap_or(0),
                on: e.on_date,
                description,
                court_seq: e.seq,
                recorded_at: e.recorded_at.clone(),
                hash_hex: docket_domain::chain::hex(&e.hash),
            });
        }
        let court_name = match known.court {
            Some(name) => Some(name),
            None => self.store.name_of(Named::Court(n.court().as_str())).await?,
        };
        let judge_name = match (&row.judge, known.judge) {
            (Some(_), Some(name)) => Some(name),
            (Some(code), None) => self.store.name_of(Named::Judge(n.court().as_str(), code)).await?,
            (None, _) => None,
        };
        let department_name = match (&row.department, known.department) {
            (Some(_), Some(name)) => Some(name),
            (Some(code), None) => self.store.name_of(Named::Department(n.court().as_str(), code)).await?,
            (None, _) => None,
        };
        let calendar = self.calendar().await?;
        let deadline = docket_domain::deadline::DeadlineBase::compute(&state.record, &state.events, None)
            .under(self.confirmation_rule())
            .adjust(&calendar, self.holiday_rule());
        let warnings = docket_domain::deadline::warnings(
            &state,
            &calendar,
            self.holiday_rule(),
            today,
            docket_domain::deadline::WarningSettings::default(),
        );
        Ok(CaseView {
            deadline,
            warnings,
            parties: self.store.case_parties(&n).await?,
            derived: self.store.derived_cases(&n).await?,
            row,
            state,
            court_name,
            judge_name,
            department_name,
            timeline,
        })
    }

    /// Rebuilds every case projection from the log; returns the number of cases written.
    pub async fn rebuild(&self, reporter: &dyn crate::Reporter) -> Result<u64, AppError> {
        let n = self.rebuild_case_projections(reporter).await?;
        // The settings tables too: the holiday years and the indicator settings the log holds.
        self.rebuild_settings().await?;
        Ok(n)
    }

    /// Rewrites the case projections alone from the log (what a migration that added projection
    /// columns needs; the settings tables are left as they are).
    pub async fn rebuild_case_projections(&self, reporter: &dyn crate::Reporter) -> Result<u64, AppError> {
        let states = crate::replay_log(&self.store, reporter).await?;
        reporter.stage("写入案件投影", states.len() as u64);
        Ok(self.store.replace_case_projections(states.into_values().collect()).await?)
    }
}

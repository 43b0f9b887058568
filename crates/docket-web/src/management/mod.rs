//! 审管台账: the 审管办's own screens — 专项清理, 整改台账, 司法建议, 涉诉信访 — over the register
//! folded from the log (`Docket::register`). The court's 审管办 and 院长 keep the records; its
//! leadership reads them, and so does a higher court (`Principal::may_read_records`); a lower
//! court sees its own part of a higher court's campaign. Every record written here goes through
//! the import's checks (`Docket::record_management`), with an audit line in the same transaction,
//! and the indicator engine's records are replaced after it.

mod appraisal;
mod campaigns;
mod committee;
mod integrity;
mod mediation;
mod petitions;
mod rectification;
mod reviews;
mod suggestions;
mod tracking;

pub use appraisal::{appraisal, enter_scores, save_scheme};
pub use campaigns::{campaigns, open_campaign};
pub use committee::committee;
pub use integrity::integrity;
pub use mediation::{add_org, mediation};
pub use petitions::{petition_event, petitions, register_petition};
pub use rectification::{add_item, item_event, ledger};
pub use reviews::{draw_batch, grade_case, report as review_report, reviews};
pub use suggestions::{issue_suggestion, suggestion_event, suggestions};
pub use tracking::{tracking, tracking_api, tracking_csv};

use std::sync::Arc;

use chrono::NaiveDate;
use docket_domain::CourtCode;
use docket_domain::management::{Management, Register};
use docket_store::Store;

use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use crate::Web;
use crate::auth::User;
use crate::error::{PageError, WebError};
use crate::form::{FormFields, field};
use crate::pages::{percent_encode, render_status};

/// `?court=` on every page: the court whose records are shown (the account's own by default).
#[derive(serde::Deserialize, Default)]
pub struct CourtQuery {
    court: Option<String>,
}

/// The tabs across the four screens, with the court chosen.
pub struct Tabs {
    pub court: CourtCode,
    pub court_name: String,
    /// The courts the account may read records of: (code, name).
    pub courts: Vec<(String, String)>,
    /// May the account keep records in this court (the forms are shown)?
    pub keeps: bool,
}

impl<S: Store> Web<S> {
    /// The court a page shows, if the account may read its records (404 otherwise, like a court
    /// that does not exist).
    fn records_court(&self, user: &User, asked: Option<&str>) -> Result<Tabs, WebError> {
        let p = user.account.principal();
        let court = match asked.filter(|c| !c.is_empty()) {
            Some(c) => CourtCode::parse(c).map_err(|_| WebError::NotFound)?,
            None => user.account.court.clone(),
        };
        if self.court(&court).is_none() || !p.may_read_records(&court) {
            return Err(WebError::NotFound);
        }
        Ok(Tabs {
            court_name: self.court_name(&court),
            keeps: p.may_keep_records(&court),
            courts: self
                .courts
                .iter()
                .filter(|c| p.may_read_records(&c.code))
                .map(|c| (c.code.to_string(), c.name.clone()))
                .collect(),
            court,
        })
    }

    /// The court a posted form keeps records in, if the account may keep them there (404
    /// otherwise).
    fn keeping_court(&self, user: &User, form: &FormFields) -> Result<Tabs, WebError> {
        let tabs = self.records_court(user, Some(field(form, "court")))?;
        if tabs.keeps { Ok(tabs) } else { Err(WebError::NotFound) }
    }

    /// Records management lines a form made — unless the form already has `problems` — as the
    /// account, brings the engine's records up to the log and goes back to the court's `screen`
    /// (which may carry its own query, e.g. `reviews?batch=…`); a refusal shows the form's page
    /// again (`show`) with each line's problem, nothing stored.
    async fn keep_or_show<T: Template>(
        &self,
        user: &User,
        tabs: Tabs,
        mut problems: Vec<String>,
        records: Vec<Management>,
        screen: &str,
        show: impl AsyncFnOnce(Tabs, Vec<String>) -> Result<T, PageError>,
    ) -> Result<Response, PageError> {
        if problems.is_empty() {
            match self.docket.record_management(records, &user.account).await {
                Ok(_) => {
                    self.refresh_records().await?;
                    let join = if screen.contains('?') { '&' } else { '?' };
                    let to = format!("/manage/{screen}{join}court={}", percent_encode(tabs.court.as_str()));
                    return Ok(Redirect::to(&to).into_response());
                }
                Err(docket_app::AppError::Import(lines)) => {
                    problems = lines.into_iter().map(|l| format!("{}：{}", l.field, l.message)).collect();
                }
                Err(e) => return Err(WebError::from(e).into()),
            }
        }
        render_status(StatusCode::UNPROCESSABLE_ENTITY, &show(tabs, problems).await?)
    }

    /// Replaces the engine's records with the register as the log holds it, and lets every cached
    /// view be computed anew (`follow_log` calls it when another writer adds a record).
    pub(crate) async fn refresh_records(&self) -> Result<(), WebError> {
        // Serialised: a refresh that began before a record was written finishes before the
        // writer's own refresh reads the log, so it cannot put back a register without it.
        let _one_at_a_time = self.refreshing_records.lock().await;
        let register = self.docket.register().await?;
        self.engine
            .write()
            .map_err(|_| WebError::internal("指标引擎锁已损坏"))?
            .set_records(docket_metrics::RecordFacts::from_register(&register));
        *self.orgs.write().map_err(|_| WebError::internal("调解组织锁已损坏"))? = crate::org_choices(&register);
        *self.register.write().map_err(|_| WebError::internal("审管台账锁已损坏"))? = Arc::new(register);
        self.invalidate_all()
    }

    /// A department's name, or its code if this server does not know it.
    pub(crate) fn department_name(&self, court: &CourtCode, code: &str) -> String {
        self.department_named(court.as_str(), code).unwrap_or(code).to_owned()
    }

    /// A court's departments as (code, name).
    fn departments_of(&self, court: &CourtCode) -> Vec<(String, String)> {
        self.departments.iter().filter(|d| &d.court == court).map(|d| (d.code.clone(), d.name.clone())).collect()
    }

    /// Adds a problem unless the account may open the case a record names: a case it may not read
    /// is one that does not exist (a sealed case's number is not confirmed by a form).
    async fn check_readable(
        &self,
        user: &User,
        field: &str,
        case_no: Option<&docket_domain::CaseNumber>,
        problems: &mut Vec<String>,
    ) -> Result<(), WebError> {
        if let Some(c) = case_no {
            let row = self.docket.store().case(c).await?;
            if !row.is_some_and(|r| self.readable(&user.account.principal(), &r)) {
                problems.push(format!("{field}：案件 {c} 不存在"));
            }
        }
        Ok(())
    }

    /// The register, as of the last record this server saw (see `refresh_records`).
    pub(crate) async fn register(&self) -> Result<Arc<Register>, WebError> {
        Ok(self.register.read().map_err(|_| WebError::internal("审管台账锁已损坏"))?.clone())
    }
}

/// A date field: empty means today; a date after today is refused (a record says what happened).
fn form_date(form: &FormFields, name: &str, today: NaiveDate, problems: &mut Vec<String>) -> NaiveDate {
    let text = field(form, name).trim();
    if text.is_empty() {
        return today;
    }
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(d) if d <= today => d,
        Ok(d) => {
            problems.push(format!("{name}：日期 {d} 晚于今天"));
            today
        }
        Err(_) => {
            problems.push(format!("{name}：日期“{text}”无效，应为 YYYY-MM-DD"));
            today
        }
    }
}

/// A date field that may lie ahead (a deadline, a target date); required unless `optional`.
fn future_date(form: &FormFields, name: &str, optional: bool, problems: &mut Vec<String>) -> Option<NaiveDate> {
    let text = field(form, name).trim();
    if text.is_empty() {
        if !optional {
            problems.push(format!("{name}：缺少必填字段"));
        }
        return None;
    }
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            problems.push(format!("{name}：日期“{text}”无效，应为 YYYY-MM-DD"));
            None
        }
    }
}

/// A required text field, trimmed.
fn text(form: &FormFields, name: &str, problems: &mut Vec<String>) -> String {
    let t = field(form, name).trim().to_owned();
    if t.is_empty() {
        problems.push(format!("{name}：缺少必填字段"));
    }
    t
}

/// An optional text field, trimmed.
fn optional(form: &FormFields, name: &str) -> Option<String> {
    Some(field(form, name).trim().to_owned()).filter(|t| !t.is_empty())
}

/// An optional 案号.
fn case_no(form: &FormFields, name: &str, problems: &mut Vec<String>) -> Option<docket_domain::CaseNumber> {
    let t = optional(form, name)?;
    match docket_domain::CaseNumber::parse(&t) {
        Ok(n) => Some(n),
        Err(e) => {
            problems.push(format!("{name}：{e}"));
            None
        }
    }
}

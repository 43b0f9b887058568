//! 审计日志: a court's audit trail, found by who, what, which target and when, a page at a time,
//! and exported as CSV. Grants of access to sealed cases are shown at the top whatever the
//! filters, so that the 审计员 sees a new leadership account at once.

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use docket_app::AppError;
use docket_store::{AuditQuery, AuditRow, Store};

use super::frame::{Nav, percent_encode, render};
use crate::Web;
use crate::auth::{PageUser, User};
use crate::error::{PageError, WebError};
use crate::query::PageQuery;

/// Lines a page shows.
const PAGE_LINES: i64 = 100;
/// Lines an export holds at most (the filters narrow a larger trail).
const EXPORT_LINES: usize = 200_000;
/// Beijing time, in which the page shows and filters times (the store keeps UTC).
const UTC_OFFSET_HOURS: i64 = 8;

/// A stored UTC stamp (`2026-12-06T08:00:05.123456Z`) as Beijing time, to the second.
pub fn beijing_time(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at).map_or_else(
        |_| at.to_owned(),
        |t| (t.naive_utc() + chrono::Duration::hours(UTC_OFFSET_HOURS)).format("%Y-%m-%d %H:%M:%S").to_string(),
    )
}

/// The UTC stamp at which a Beijing day starts, in the stored form's prefix.
fn day_start_utc(d: NaiveDate) -> String {
    (d.and_time(chrono::NaiveTime::MIN) - chrono::Duration::hours(UTC_OFFSET_HOURS))
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string()
}

#[derive(serde::Deserialize, Default)]
pub struct AuditParams {
    user: Option<String>,
    action: Option<String>,
    target: Option<String>,
    from: Option<String>,
    to: Option<String>,
    before: Option<i64>,
}

impl AuditParams {
    /// The store's query for these filters, or the refusal naming the parameter at fault.
    fn query(&self, court: &str, limit: i64) -> Result<AuditQuery, WebError> {
        let text = |name: &str, v: &Option<String>| -> Result<Option<String>, WebError> {
            match v.as_deref().map(str::trim) {
                None | Some("") => Ok(None),
                Some(s) if s.chars().count() > 100 => {
                    Err(WebError::BadRequest(format!("参数 {name} 过长（至多 100 个字符）")))
                }
                Some(s) => Ok(Some(s.to_owned())),
            }
        };
        let date = |name: &str, v: &Option<String>| -> Result<Option<NaiveDate>, WebError> {
            match v.as_deref().map(str::trim) {
                None | Some("") => Ok(None),
                Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map(Some)
                    .map_err(|_| WebError::BadRequest(format!("参数 {name} 无效：应为日期，如 2026-12-01"))),
            }
        };
        let action = text("action", &self.action)?;
        if let Some(a) = &action
            && !docket_app::AUDIT_ACTIONS.iter().any(|(k, _)| k == a)
        {
            return Err(WebError::BadRequest(format!("参数 action 无效：没有“{a}”这种操作")));
        }
        let (from, to) = (date("from", &self.from)?, date("to", &self.to)?);
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            return Err(WebError::BadRequest("参数 from 无效：起始日期晚于截止日期".into()));
        }
        Ok(AuditQuery {
            court: court.to_owned(),
            username: text("user", &self.user)?,
            action,
            target: text("target", &self.target)?,
            from: from.map(day_start_utc),
            until: to.and_then(|t| t.succ_opt()).map(day_start_utc),
            before_id: self.before.filter(|b| *b > 0),
            limit,
        })
    }

    /// The filters as a query string (without `before`), for the next page and the export.
    fn link(&self) -> String {
        let mut parts = Vec::new();
        for (k, v) in [
            ("user", &self.user),
            ("action", &self.action),
            ("target", &self.target),
            ("from", &self.from),
            ("to", &self.to),
        ] {
            if let Some(v) = v.as_deref().filter(|v| !v.trim().is_empty()) {
                parts.push(format!("{k}={}", percent_encode(v.trim())));
            }
        }
        parts.join("&")
    }
}

struct Line {
    id: i64,
    at: String,
    username: String,
    action: String,
    target: String,
    detail: String,
}

fn line(r: AuditRow, user: &User) -> Line {
    Line {
        id: r.id,
        at: beijing_time(&r.at),
        action: user.lang.t_owned(docket_app::audit_action_label(&r.action)),
        username: r.username,
        target: r.target,
        detail: r.detail,
    }
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    nav: Nav,
    rows: Vec<Line>,
    grants: Vec<Line>,
    actions: Vec<(String, String)>,
    user: String,
    action: String,
    target: String,
    from: String,
    to: String,
    /// The query string of the next page, when there may be one.
    next: Option<String>,
    export: String,
}

fn may_read<S: Store>(_web: &Web<S>, user: &User) -> Result<(), PageError> {
    if user.account.principal().may_read_audit(&user.account.court) { Ok(()) } else { Err(WebError::NotFound.into()) }
}

pub async fn audit<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    PageQuery(params): PageQuery<AuditParams>,
) -> Result<Response, PageError> {
    may_read(&web, &user)?;
    let court = user.account.court.as_str();
    let query = params.query(court, PAGE_LINES)?;
    let store = web.docket.store();
    let rows = store.audit_search(&query).await.map_err(AppError::from)?;
    let grants = store
        .audit_search(&AuditQuery {
            court: court.to_owned(),
            action: Some("grant_sealed_access".into()),
            limit: 20,
            ..Default::default()
        })
        .await
        .map_err(AppError::from)?;
    let filters = params.link();
    let next = (rows.len() as i64 == PAGE_LINES).then(|| {
        let last = rows.last().map_or(0, |r| r.id);
        if filters.is_empty() { format!("before={last}") } else { format!("{filters}&before={last}") }
    });
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    render(&AuditPage {
        nav: Nav::load(&web, &user, "audit").await?,
        rows: rows.into_iter().map(|r| line(r, &user)).collect(),
        grants: grants.into_iter().map(|r| line(r, &user)).collect(),
        actions: docket_app::AUDIT_ACTIONS.iter().map(|(k, l)| ((*k).to_owned(), user.lang.t_owned(l))).collect(),
        user: value(&params.user),
        action: value(&params.action),
        target: value(&params.target),
        from: value(&params.from),
        to: value(&params.to),
        next,
        export: if filters.is_empty() { "/audit/export.csv".into() } else { format!("/audit/export.csv?{filters}") },
    })
}

/// The filtered trail as CSV (UTF-8 with a BOM, for spreadsheet programs), newest first; the
/// export itself is audited.
pub async fn export<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    PageQuery(params): PageQuery<AuditParams>,
) -> Result<Response, PageError> {
    may_read(&web, &user)?;
    let mut query = params.query(user.account.court.as_str(), 5_000)?;
    let store = web.docket.store();
    let mut out = String::from("\u{feff}编号,时间（北京时间）,用户,操作,操作代码,对象,说明\n");
    let mut n = 0usize;
    loop {
        let page = store.audit_search(&query).await.map_err(AppError::from)?;
        let Some(last) = page.last() else { break };
        query.before_id = Some(last.id);
        for r in &page {
            let cells = [
                r.id.to_string(),
                beijing_time(&r.at),
                r.username.clone(),
                docket_app::audit_action_label(&r.action).to_owned(),
                r.action.clone(),
                r.target.clone(),
                r.detail.clone(),
            ];
            out.push_str(&cells.iter().map(|c| docket_reports::document::csv_field(c)).collect::<Vec<_>>().join(","));
            out.push('\n');
            n += 1;
        }
        if n >= EXPORT_LINES {
            break;
        }
    }
    let filters = params.link();
    web.docket.audit(&user.account, "export_audit", "audit_log", &format!("{n} 条；{filters}")).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"audit.csv\"".to_owned()),
        ],
        out,
    )
        .into_response())
}

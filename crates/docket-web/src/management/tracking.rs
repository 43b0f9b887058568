//! 扣延审跟踪: a court's cases in a deducted period and those extended — the daily stock (存量)
//! and new entries (增量) over a period as a table and a CSV, the same as JSON at
//! `/api/v1/tracking`, and the cases standing on the period's last day.

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{Days, NaiveDate};
use docket_domain::tracking::{Day, Periods};
use docket_store::Store;

use super::Tabs;
use crate::Web;
use crate::auth::{PageUser, User};
use crate::error::{PageError, WebError};
use crate::pages::{Nav, href};
use crate::query::PageQuery;

#[derive(serde::Deserialize, Default)]
pub struct TrackingQuery {
    court: Option<String>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    rollup: Option<String>,
}

pub struct Standing {
    pub case_no: String,
    pub href: Option<String>,
    pub judge: String,
    pub what: String,
    pub since: String,
}

#[derive(Template)]
#[template(path = "manage_tracking.html")]
struct TrackingPage {
    nav: Nav,
    tabs: Tabs,
    problems: Vec<String>,
    days: Vec<Day>,
    standing: Vec<Standing>,
    from: String,
    to: String,
    rollup: bool,
    csv: String,
}

struct Tracked {
    tabs: Tabs,
    from: NaiveDate,
    to: NaiveDate,
    rollup: bool,
    days: Vec<Day>,
    periods: Vec<Periods>,
}

async fn tracked<S: Store>(web: &Web<S>, user: &User, q: &TrackingQuery) -> Result<Tracked, WebError> {
    let tabs = web.records_court(user, q.court.as_deref())?;
    let court = tabs.court.clone();
    let to = q.to.unwrap_or_else(|| web.today());
    let from = q.from.unwrap_or_else(|| to - Days::new(29));
    let rollup = q.rollup.as_deref() == Some("true");
    let (days, periods) = web.docket.tracking(&court, rollup, from, to).await?;
    Ok(Tracked { tabs, from, to, rollup, days, periods })
}

pub async fn tracking<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    PageQuery(q): PageQuery<TrackingQuery>,
) -> Result<Response, PageError> {
    let t = tracked(&web, &user, &q).await?;
    let p = user.account.principal();
    let mut standing = Vec::new();
    for x in &t.periods {
        let what = match (x.deducted_on(t.to), x.extended_on(t.to)) {
            (Some((since, _, reason)), _) => (format!("扣除审限（{}）", reason.label()), *since),
            (None, true) => ("延长审限".to_owned(), x.extended.map_or(t.to, |e| e.0)),
            (None, false) => continue,
        };
        let row = web.docket.store().case(&x.case_no).await.map_err(docket_app::AppError::from)?;
        let readable = row.as_ref().is_some_and(|r| web.readable(&p, r));
        standing.push(Standing {
            case_no: x.case_no.to_string(),
            href: readable.then(|| href(&x.case_no)),
            judge: match (&x.judge, readable) {
                (Some(j), true) => web.judge_name(x.case_no.court(), j),
                _ => "—".into(),
            },
            what: what.0,
            since: what.1.to_string(),
        });
    }
    standing.sort_by(|a, b| a.since.cmp(&b.since));
    let csv = format!(
        "/manage/tracking.csv?court={}&from={}&to={}&rollup={}",
        crate::pages::percent_encode(t.tabs.court.as_str()),
        t.from,
        t.to,
        t.rollup
    );
    crate::pages::render(&TrackingPage {
        nav: Nav::load(&web, &user, "manage").await?,
        tabs: t.tabs,
        problems: Vec::new(),
        days: t.days.into_iter().rev().collect(),
        standing,
        from: t.from.to_string(),
        to: t.to.to_string(),
        rollup: t.rollup,
        csv,
    })
}

/// The daily series as CSV (with a BOM, for Excel).
pub async fn tracking_csv<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    PageQuery(q): PageQuery<TrackingQuery>,
) -> Result<Response, PageError> {
    let t = tracked(&web, &user, &q).await?;
    let mut out = String::from("\u{feff}日期,扣审存量,延审存量,存量合计,扣审增量,延审增量\n");
    for d in &t.days {
        out.push_str(&format!(
            "{},{},{},{},{},{}\n",
            d.date,
            d.deducted,
            d.extended,
            d.deducted + d.extended,
            d.new_deducted,
            d.new_extended
        ));
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"tracking-{}.csv\"", t.to)),
        ],
        out,
    )
        .into_response())
}

/// The daily series as JSON: `{"court","from","to","days":[{"date","deducted","extended",
/// "new_deducted","new_extended"}]}`.
pub async fn tracking_api<S: Store>(
    State(web): State<Arc<Web<S>>>,
    crate::auth::ApiUser(user): crate::auth::ApiUser,
    crate::query::ApiQuery(q): crate::query::ApiQuery<TrackingQuery>,
) -> Result<Response, crate::error::ApiError> {
    let t = tracked(&web, &user, &q).await?;
    let days: Vec<serde_json::Value> = t
        .days
        .iter()
        .map(|d| {
            serde_json::json!({"date": d.date.to_string(), "deducted": d.deducted, "extended": d.extended,
                "new_deducted": d.new_deducted, "new_extended": d.new_extended})
        })
        .collect();
    Ok(axum::Json(serde_json::json!({"court": t.tabs.court.as_str(), "rollup": t.rollup, "from": t.from.to_string(), "to": t.to.to_string(), "days": days})).into_response())
}

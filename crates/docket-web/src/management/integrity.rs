//! 数据核查: the detectors' findings for a court (and its lower courts), for its 审管办 only —
//! each with the rule it matched and its cases, under the reminder that a finding is a sign to
//! look into, not a verdict.

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use chrono::{Datelike, NaiveDate};
use docket_domain::integrity::Detector;
use docket_domain::{CaseNumber, Role};
use docket_store::Store;

use super::Tabs;
use crate::Web;
use crate::auth::PageUser;
use crate::error::{PageError, WebError};
use crate::pages::{Nav, href};
use crate::query::PageQuery;

#[derive(serde::Deserialize, Default)]
pub struct IntegrityQuery {
    court: Option<String>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    detector: Option<String>,
    rollup: Option<String>,
}

pub struct FindingLine {
    pub on: String,
    pub court: String,
    /// The case and, when the account may open it, its link.
    pub case: Option<(String, Option<String>)>,
    pub detail: String,
    pub related: Vec<(String, Option<String>)>,
}

pub struct Group {
    pub id: &'static str,
    pub label: &'static str,
    pub findings: Vec<FindingLine>,
}

#[derive(Template)]
#[template(path = "manage_integrity.html")]
struct IntegrityPage {
    nav: Nav,
    tabs: Tabs,
    problems: Vec<String>,
    groups: Vec<Group>,
    total: usize,
    from: String,
    to: String,
    detector: String,
    rollup: bool,
    detectors: Vec<(&'static str, &'static str)>,
}

pub async fn integrity<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    PageQuery(q): PageQuery<IntegrityQuery>,
) -> Result<Response, PageError> {
    let tabs = web.records_court(&user, q.court.as_deref())?;
    // The 审管办's own work: its court's and, from above, its lower courts'.
    if user.account.role != Role::TrialManagement {
        return Err(WebError::NotFound.into());
    }
    let court = tabs.court.clone();
    let today = web.today();
    let from = q.from.unwrap_or_else(|| NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today));
    let to = q.to.unwrap_or(today);
    if to < from || (to - from).num_days() > 366 * 10 {
        return Err(WebError::BadRequest("核查期间无效：止日应不早于起日，且不超过十年".into()).into());
    }
    let detector = q.detector.clone().filter(|d| !d.is_empty());
    let detectors = match &detector {
        Some(d) => vec![Detector::parse(d).ok_or_else(|| WebError::BadRequest(format!("未知的核查：{d}")))?],
        None => Vec::new(),
    };
    let rollup = q.rollup.as_deref() == Some("true");
    let thresholds = web.engine()?.settings.integrity.clone();
    let query = docket_app::IntegrityQuery { court, rollup, from, to, detectors, thresholds, today };
    let findings = web.docket.integrity(&query).await?;
    let p = user.account.principal();
    let mut link_cache: std::collections::HashMap<CaseNumber, Option<String>> = std::collections::HashMap::new();
    let mut link = async |c: &CaseNumber| -> Result<(String, Option<String>), WebError> {
        if let Some(l) = link_cache.get(c) {
            return Ok((c.to_string(), l.clone()));
        }
        let row = web.docket.store().case(c).await.map_err(docket_app::AppError::from)?;
        let l = row.filter(|r| web.readable(&p, r)).map(|_| href(c));
        link_cache.insert(c.clone(), l.clone());
        Ok((c.to_string(), l))
    };
    let mut groups = Vec::new();
    for d in Detector::ALL {
        let mut lines = Vec::new();
        for f in findings.iter().filter(|f| f.detector == d) {
            let case = match &f.case_no {
                Some(c) => Some(link(c).await?),
                None => None,
            };
            let mut related = Vec::new();
            for r in &f.related {
                related.push(link(r).await?);
            }
            lines.push(FindingLine {
                on: f.on.to_string(),
                court: web.court_name(&f.court),
                case,
                detail: f.detail.clone(),
                related,
            });
        }
        if !lines.is_empty() {
            groups.push(Group { id: d.id(), label: d.label(), findings: lines });
        }
    }
    crate::pages::render(&IntegrityPage {
        nav: Nav::load(&web, &user, "manage").await?,
        tabs,
        problems: Vec::new(),
        total: findings.len(),
        groups,
        from: from.to_string(),
        to: to.to_string(),
        detector: detector.unwrap_or_default(),
        rollup,
        detectors: Detector::ALL.iter().map(|d| (d.id(), d.label())).collect(),
    })
}

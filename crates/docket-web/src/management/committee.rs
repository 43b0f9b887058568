//! 审判委员会 and 专业法官会议: the register of a court's meetings in a year — each sitting (a
//! date and a body) with the cases it discussed — and the year's count of cases the committee
//! discussed (审委会讨论件数), read from the cases' own `deliberated` events.

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use chrono::Datelike;
use docket_domain::supervision::Body;
use docket_store::{EnforcementFact, Store};

use super::Tabs;
use crate::Web;
use crate::auth::PageUser;
use crate::error::PageError;
use crate::pages::{Nav, href};
use crate::query::PageQuery;

#[derive(serde::Deserialize, Default)]
pub struct CommitteeQuery {
    court: Option<String>,
    year: Option<i32>,
}

/// (案号, link, 案由, 承办法官).
type CaseLine = (String, String, String, String);

pub struct Sitting {
    pub on: String,
    pub body: &'static str,
    pub cases: Vec<CaseLine>,
}

#[derive(Template)]
#[template(path = "manage_committee.html")]
struct CommitteePage {
    nav: Nav,
    tabs: Tabs,
    year: i32,
    years: Vec<i32>,
    sittings: Vec<Sitting>,
    committee_cases: usize,
    professional_cases: usize,
    problems: Vec<String>,
}

pub async fn committee<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    PageQuery(q): PageQuery<CommitteeQuery>,
) -> Result<Response, PageError> {
    let tabs = web.records_court(&user, q.court.as_deref())?;
    let p = user.account.principal();
    let this_year = web.today().year();
    let year = q.year.unwrap_or(this_year).clamp(this_year - 10, this_year);
    let rows = web
        .docket
        .store()
        .discussed_or_honoured_cases(&[tabs.court.to_string()])
        .await
        .map_err(docket_app::AppError::from)?;
    let mut by_sitting: BTreeMap<(chrono::NaiveDate, Body), Vec<CaseLine>> = BTreeMap::new();
    for r in rows.iter().filter(|r| web.readable(&p, r)) {
        for f in &r.enforcement {
            if let EnforcementFact::Deliberated(body) = f.fact
                && f.on.year() == year
            {
                let judge = r.judge.as_deref().map(|j| web.judge_name(&r.court, j)).unwrap_or_else(|| "—".into());
                by_sitting.entry((f.on, body)).or_default().push((
                    r.case_no.to_string(),
                    href(&r.case_no),
                    r.cause.clone(),
                    judge,
                ));
            }
        }
    }
    let count = |b: Body| by_sitting.iter().filter(|((_, x), _)| *x == b).map(|(_, c)| c.len()).sum();
    let page = CommitteePage {
        nav: Nav::load(&web, &user, "manage").await?,
        year,
        years: (this_year - 4..=this_year).rev().collect(),
        committee_cases: count(Body::AdjudicationCommittee),
        professional_cases: count(Body::ProfessionalJudges),
        sittings: by_sitting
            .into_iter()
            .rev()
            .map(|((on, body), cases)| Sitting { on: on.to_string(), body: body.label(), cases })
            .collect(),
        tabs,
        problems: Vec::new(),
    };
    crate::pages::render(&page)
}

//! 法官画像: one judge's page — this year's caseload and quality figures with 同比 (each linked
//! to the cases behind it), open cases by age and overdue, the 四类案件 among them and where
//! their 阅核 stands, 评查 results of the judge's cases, distinctions, and the appraisal of the
//! court's judge scheme with last year's beside it. For the judge, the 庭长 of the judge's
//! division, the 院长 and the 审管办 of the court (`Principal::may_read_judge_page`); anyone
//! else is answered "not found".

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use chrono::Datelike;
use docket_domain::CourtCode;
use docket_domain::management::AppraisalSubject;
use docket_metrics::{Dimension, Period, Query};
use docket_store::{CaseFilter, Store};

use crate::Web;
use crate::auth::PageUser;
use crate::error::{PageError, WebError};
use crate::pages::{Nav, href, percent_encode};
use crate::query::PageQuery;

#[derive(serde::Deserialize, Default)]
pub struct JudgeQuery {
    court: Option<String>,
}

/// The figures shown, in order.
const FIGURES: &[&str] = &[
    "accepted",
    "closed",
    "pending",
    "closure_rate",
    "within_limit_rate",
    "avg_duration_days",
    "mediation_withdrawal_rate",
    "reversal_remand_rate",
    "four_category_cases",
];

#[derive(Template)]
#[template(path = "judge.html")]
struct JudgePage {
    nav: Nav,
    name: String,
    code: String,
    court_name: String,
    department: String,
    year: i32,
    /// (name, value, 同比, drill-down, id).
    figures: Vec<(&'static str, String, String, String, &'static str)>,
    /// (age bucket, count).
    ages: Vec<(&'static str, usize)>,
    overdue: usize,
    /// (案号, link, category, reading state).
    flagged: Vec<(String, String, &'static str, String)>,
    /// (batch, 案号, link, grade, score, findings).
    reviews: Vec<(String, String, String, &'static str, u8, String)>,
    /// (案号, link, honour).
    honours: Vec<(String, String, String)>,
    /// The scheme, this year's total, last year's total, the items (item, value, score).
    appraisal: Option<Appraised>,
}

/// The scheme, this year's total, last year's total, and each item (item, value, score).
type Appraised = (String, String, String, Vec<(String, String, String)>);

pub async fn judge_page<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    Path(code): Path<String>,
    PageQuery(q): PageQuery<JudgeQuery>,
) -> Result<Response, PageError> {
    let court = match q.court.as_deref().filter(|c| !c.is_empty()) {
        Some(c) => CourtCode::parse(c).map_err(|_| WebError::NotFound)?,
        None => user.account.court.clone(),
    };
    let judges = web.judges_of(&court);
    let judge = judges.iter().find(|j| j.code == code).copied().ok_or(WebError::NotFound)?;
    let mine = user
        .account
        .judge
        .as_deref()
        .and_then(|me| judges.iter().find(|j| j.code == me))
        .and_then(|j| j.department.as_deref());
    if !user.account.principal().may_read_judge_page(&court, &code, judge.department.as_deref(), mine) {
        return Err(WebError::NotFound.into());
    }
    let p = user.account.principal();
    let today = web.today();
    let year = today.year();
    let period = Period::new(chrono::NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today), today);
    let key = format!("{court}/{code}");
    let query = Query {
        court: court.clone(),
        rollup: false,
        period,
        by: vec![Dimension::Judge],
        tag: None,
        causes: vec![],
        indicators: FIGURES.iter().map(|s| (*s).to_owned()).collect(),
    };
    let groups = web.with_engine(|e| e.compute(&query))?.map_err(|e| WebError::BadRequest(e.to_string()))?;
    let mine_group = groups.iter().find(|g| g.key.iter().any(|(_, k)| *k == key));
    let figures = FIGURES
        .iter()
        .filter_map(|id| docket_metrics::lookup(id))
        .map(|ind| {
            let v = mine_group.and_then(|g| g.values.iter().find(|v| v.indicator.id == ind.id));
            let link = format!(
                "/metrics/explain?court={}&rollup=false&by=judge&from={}&to={}&id={}&group={}",
                percent_encode(court.as_str()),
                period.from,
                period.to,
                ind.id,
                percent_encode(&key)
            );
            (
                ind.name,
                v.map_or_else(|| "—".into(), docket_app::metrics_output::display),
                v.map_or_else(|| "—".into(), |v| docket_app::metrics_output::change(v, v.yoy)),
                link,
                ind.id,
            )
        })
        .collect();
    // Open cases by age, and overdue.
    let store = web.docket.store();
    let filter = CaseFilter { court: Some(court.to_string()), judge: Some(code.clone()), department: None };
    let open = store.cases_open_at(today, &filter).await.map_err(docket_app::AppError::from)?;
    let mut ages = vec![("3个月以内", 0), ("3至6个月", 0), ("6至12个月", 0), ("12至18个月", 0), ("18个月以上", 0)];
    let mut flagged = Vec::new();
    for r in open.iter().filter(|r| web.readable(&p, r)) {
        let months = (today.year() - r.filed_on.year()) * 12 + today.month() as i32
            - r.filed_on.month() as i32
            - i32::from(today.day() < r.filed_on.day());
        let bucket = match months {
            ..3 => 0,
            3..6 => 1,
            6..12 => 2,
            12..18 => 3,
            _ => 4,
        };
        ages[bucket].1 += 1;
        let sup = docket_store::supervision_of(&r.enforcement);
        if let Some((category, _)) = sup.flagged {
            let state = match (&sup.pending, &sup.last) {
                (Some((who, since)), _) => format!("待 {} 阅核（{since}）", web.judge_name(&court, who)),
                (None, Some((result, on, _))) => format!("{}（{on}）", result.label()),
                (None, None) => "未提交阅核".to_owned(),
            };
            flagged.push((r.case_no.to_string(), href(&r.case_no), category.label(), state));
        }
    }
    let overdue =
        web.due(&court, Some(&code), 0).await?.iter().filter(|d| d.days_left < 0 && web.readable(&p, &d.row)).count();
    // Distinctions of the judge's cases, and the judge's cases in review batches.
    let honoured = store.discussed_or_honoured_cases(&[court.to_string()]).await.map_err(docket_app::AppError::from)?;
    let honours = honoured
        .iter()
        .filter(|r| r.judge.as_deref() == Some(code.as_str()) && web.readable(&p, r))
        .flat_map(|r| {
            r.enforcement.iter().filter_map(move |f| match f.fact {
                docket_store::EnforcementFact::Honoured(h) => {
                    Some((r.case_no.to_string(), href(&r.case_no), format!("{}（{}）", h.label(), f.on)))
                }
                _ => None,
            })
        })
        .collect();
    let register = web.register().await?;
    let mut reviews = Vec::new();
    for b in register.reviews.batches.values().filter(|b| b.batch.court == court) {
        for r in &b.reviews {
            let Some(row) = store.case(&r.case_no).await? else { continue };
            if row.judge.as_deref() == Some(code.as_str()) && web.readable(&p, &row) {
                reviews.push((
                    r.batch.clone(),
                    r.case_no.to_string(),
                    href(&row.case_no),
                    r.grade.label(),
                    r.score,
                    r.findings.join("；"),
                ));
            }
        }
    }
    // The appraisal of the court's judge scheme for this year, last year's total beside it.
    let scheme_of = |y: i32| {
        register
            .reviews
            .schemes
            .values()
            .map(|s| &s.scheme)
            .find(|s| s.court == court && s.year == y && s.subject == AppraisalSubject::Judge)
            .cloned()
    };
    let score_for = |scheme: &docket_domain::management::AppraisalScheme, y: i32| {
        web.with_engine(|e| {
            docket_app::appraise(e, &register, &web.judges, &web.departments, &court, &scheme.id, &y.to_string()).ok()
        })
        .ok()
        .flatten()
        .and_then(|a| a.subjects.into_iter().find(|s| s.subject == code))
    };
    let appraisal = scheme_of(year).and_then(|s| {
        let now = score_for(&s, year)?;
        let before = scheme_of(year - 1)
            .and_then(|b| score_for(&b, year - 1))
            .map_or_else(|| "—".into(), |b| format!("{:.2}", b.total));
        let items = now
            .items
            .iter()
            .map(|i| {
                let label = docket_metrics::lookup(&i.item).map_or(i.item.clone(), |x| x.name.to_owned());
                (label, i.value.map_or_else(|| "—".into(), |v| format!("{v:.4}")), format!("{:.2}", i.score))
            })
            .collect();
        Some((s.id.clone(), format!("{:.2}", now.total), before, items))
    });
    let page = JudgePage {
        nav: Nav::load(&web, &user, "manage").await?,
        name: judge.name.clone(),
        code: code.clone(),
        court_name: web.court_name(&court),
        department: judge.department.as_deref().map(|d| web.department_name(&court, d)).unwrap_or_default(),
        year,
        figures,
        ages,
        overdue,
        flagged,
        reviews,
        honours,
        appraisal,
    };
    crate::pages::render(&page)
}

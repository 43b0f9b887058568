//! 绩效考核: a court's appraisal schemes scored for a year or a month — each judge's (or
//! department's) total and every item's value and score, an indicator's value linked to the
//! cases behind it — in the court's order, or ranked when the court's `ranking` setting is on
//! (the SPC stopped ranking courts on indicators in 2024; a court may still rank its staff). The
//! 院长 and the 审管办 write a scheme (weights summing to 100, indicators the catalogue knows) and
//! enter the marks of its manual items. A judge sees their own scores on their own page.

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use chrono::Datelike;
use docket_domain::management::{
    AppraisalItem, AppraisalScheme, AppraisalSubject, ItemSource, Management, ManualScore,
};
use docket_store::Store;

use super::{Tabs, text};
use crate::Web;
use crate::auth::{PageUser, User};
use crate::error::{PageError, WebError};
use crate::form::{CheckedForm, FormFields, field};
use crate::pages::{Nav, percent_encode};
use crate::query::PageQuery;

#[derive(serde::Deserialize, Default)]
pub struct AppraisalQuery {
    court: Option<String>,
    scheme: Option<String>,
    period: Option<String>,
}

pub struct SubjectLine {
    pub place: String,
    pub subject: String,
    pub name: String,
    pub href: String,
    pub total: String,
    /// (value, score, drill-down link) by item.
    pub items: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "manage_appraisal.html")]
struct AppraisalPage {
    nav: Nav,
    tabs: Tabs,
    schemes: Vec<(String, String)>,
    scheme: String,
    period: String,
    periods: Vec<String>,
    /// (category, item, weight) header.
    items: Vec<(String, String, u32)>,
    manual_items: Vec<String>,
    subjects: Vec<SubjectLine>,
    ranking: bool,
    error: Option<String>,
    scheme_text: String,
    this_year: i32,
    problems: Vec<String>,
    values: BTreeMap<String, String>,
}

/// A scheme as the editor shows it: one item a line, `类别 | indicator:id | 权重 | higher` or
/// `类别 | manual:名称 | 权重`.
fn scheme_lines(s: &AppraisalScheme) -> String {
    s.items
        .iter()
        .map(|i| match &i.source {
            ItemSource::Indicator { id, higher_is_better } => {
                format!(
                    "{} | indicator:{id} | {} | {}",
                    i.category,
                    i.weight,
                    if *higher_is_better { "higher" } else { "lower" }
                )
            }
            ItemSource::Manual(m) => format!("{} | manual:{m} | {}", i.category, i.weight),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads the editor's lines, naming each bad line.
fn parse_items(text: &str, problems: &mut Vec<String>) -> Vec<AppraisalItem> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let parts: Vec<&str> = line.split(['|', '｜']).map(str::trim).collect();
        let bad = |why: &str| format!("items：第 {} 行“{}”：{why}", n + 1, line.trim());
        let (Some(category), Some(source), Some(weight)) = (parts.first(), parts.get(1), parts.get(2)) else {
            problems.push(bad("应写作 类别 | indicator:指标 | 权重 | higher/lower 或 类别 | manual:名称 | 权重"));
            continue;
        };
        let Ok(weight) = weight.parse::<u32>() else {
            problems.push(bad("权重应为整数"));
            continue;
        };
        let source = if let Some(id) = source.strip_prefix("indicator:") {
            let higher = match parts.get(3).copied() {
                Some("higher") | None => true,
                Some("lower") => false,
                Some(_) => {
                    problems.push(bad("方向应为 higher 或 lower"));
                    continue;
                }
            };
            if docket_metrics::lookup(id.trim()).is_none() {
                problems.push(bad(&format!("未知指标 {id}")));
                continue;
            }
            ItemSource::Indicator { id: id.trim().to_owned(), higher_is_better: higher }
        } else if let Some(m) = source.strip_prefix("manual:") {
            ItemSource::Manual(m.trim().to_owned())
        } else {
            problems.push(bad("第二栏应以 indicator: 或 manual: 开头"));
            continue;
        };
        out.push(AppraisalItem { category: (*category).to_owned(), source, weight });
    }
    out
}

async fn page<S: Store>(
    web: &Web<S>,
    user: &User,
    tabs: Tabs,
    q: &AppraisalQuery,
    problems: Vec<String>,
    form: &FormFields,
) -> Result<AppraisalPage, PageError> {
    let court = tabs.court.clone();
    let register = web.register().await?;
    let mut schemes: Vec<&AppraisalScheme> =
        register.reviews.schemes.values().map(|s| &s.scheme).filter(|s| s.court == court).collect();
    schemes.sort_by(|a, b| b.year.cmp(&a.year).then_with(|| a.id.cmp(&b.id)));
    let chosen =
        q.scheme.as_deref().filter(|s| !s.is_empty()).or(schemes.first().map(|s| s.id.as_str())).map(str::to_owned);
    let scheme = chosen.as_ref().and_then(|id| schemes.iter().find(|s| &s.id == id)).copied();
    if chosen.is_some() && scheme.is_none() {
        return Err(WebError::NotFound.into());
    }
    let today = web.today();
    let mut out = AppraisalPage {
        nav: Nav::load(web, user, "manage").await?,
        schemes: schemes.iter().map(|s| (s.id.clone(), format!("{}（{}年，{}）", s.id, s.year, s.subject.label()))).collect(),
        scheme: chosen.clone().unwrap_or_default(),
        period: String::new(),
        periods: Vec::new(),
        items: Vec::new(),
        manual_items: Vec::new(),
        subjects: Vec::new(),
        ranking: web.engine()?.settings.ranking,
        error: None,
        scheme_text: scheme.map(scheme_lines).unwrap_or_else(|| {
            "审判质效 | indicator:closure_rate | 40 | higher\n精品创建 | manual:精品案例 | 15\n队伍建设 | manual:队伍建设 | 25\n廉政建设 | manual:廉政建设 | 10\n综合服务 | manual:综合服务 | 10".into()
        }),
        this_year: today.year(),
        problems,
        values: form.iter().filter(|(k, _)| k != "csrf").cloned().collect(),
        tabs,
    };
    let Some(scheme) = scheme else { return Ok(out) };
    let last_month = if scheme.year == today.year() { today.month() } else { 12 };
    out.periods = std::iter::once(scheme.year.to_string())
        .chain((1..=last_month).map(|m| format!("{}-{m:02}", scheme.year)))
        .collect();
    out.period = q.period.clone().filter(|p| !p.is_empty()).unwrap_or_else(|| scheme.year.to_string());
    out.items = scheme
        .items
        .iter()
        .map(|i| {
            let label = match &i.source {
                ItemSource::Indicator { id, .. } => docket_metrics::lookup(id).map_or(id.as_str(), |x| x.name),
                ItemSource::Manual(m) => m.as_str(),
            };
            (i.category.clone(), label.to_owned(), i.weight)
        })
        .collect();
    out.manual_items = scheme
        .items
        .iter()
        .filter_map(|i| match &i.source {
            ItemSource::Manual(m) => Some(m.clone()),
            ItemSource::Indicator { .. } => None,
        })
        .collect();
    let judges = web.judges.clone();
    let departments = web.departments.clone();
    let result = web
        .with_engine(|e| docket_app::appraise(e, &register, &judges, &departments, &court, &scheme.id, &out.period))?;
    let a = match result {
        Ok(a) => a,
        Err(e) => {
            out.error = Some(e.to_string());
            return Ok(out);
        }
    };
    let period = docket_metrics::appraisal::appraisal_period(&out.period);
    let places = docket_metrics::appraisal::places(&a.subjects);
    let mut order: Vec<usize> = (0..a.subjects.len()).collect();
    if out.ranking {
        order.sort_by(|x, y| a.subjects[*y].total.total_cmp(&a.subjects[*x].total));
    }
    let by = if scheme.subject == AppraisalSubject::Judge { "judge" } else { "department" };
    for i in order {
        let s = &a.subjects[i];
        let items = s
            .items
            .iter()
            .zip(&scheme.items)
            .map(|(x, item)| {
                let value = x.value.map_or_else(
                    || "—".to_owned(),
                    |v| match &item.source {
                        ItemSource::Indicator { id, .. } => docket_metrics::lookup(id).map_or_else(
                            || format!("{v:.4}"),
                            |indicator| docket_reports::numbers::figure(indicator, v),
                        ),
                        ItemSource::Manual(_) => format!("{v:.2}"),
                    },
                );
                let link = match (&item.source, period) {
                    (ItemSource::Indicator { id, .. }, Some(p)) => format!(
                        "/metrics/explain?court={}&rollup=false&by={by}&from={}&to={}&id={id}&group={}",
                        percent_encode(court.as_str()),
                        p.from,
                        p.to,
                        percent_encode(&format!("{court}/{}", s.subject))
                    ),
                    _ => String::new(),
                };
                (value, format!("{:.2}", x.score), link)
            })
            .collect();
        out.subjects.push(SubjectLine {
            place: if out.ranking { places[i].to_string() } else { String::new() },
            subject: s.subject.clone(),
            name: a.names[i].clone(),
            href: if by == "judge" {
                format!("/judges/{}?court={}", percent_encode(&s.subject), percent_encode(court.as_str()))
            } else {
                String::new()
            },
            total: format!("{:.2}", s.total),
            items,
        });
    }
    Ok(out)
}

pub async fn appraisal<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    PageQuery(q): PageQuery<AppraisalQuery>,
) -> Result<Response, PageError> {
    let tabs = web.records_court(&user, q.court.as_deref())?;
    crate::pages::render(&page(&web, &user, tabs, &q, Vec::new(), &Vec::new()).await?)
}

/// Writes a scheme (a new one, or a revision under its id).
pub async fn save_scheme<S: Store>(
    State(web): State<Arc<Web<S>>>,
    CheckedForm { user, fields: form }: CheckedForm,
) -> Result<Response, PageError> {
    let tabs = web.keeping_court(&user, &form)?;
    let mut problems = Vec::new();
    let id = text(&form, "id", &mut problems);
    let subject = AppraisalSubject::parse(field(&form, "subject")).unwrap_or(AppraisalSubject::Judge);
    let year = field(&form, "year").trim().parse::<i32>().unwrap_or_else(|_| {
        problems.push("year：年度应为四位数字".into());
        0
    });
    let items = parse_items(field(&form, "items"), &mut problems);
    let total: u32 = items.iter().map(|i| i.weight).sum();
    if problems.is_empty() && total != 100 {
        problems.push(format!("items：各项权重之和为 {total}，应为 100"));
    }
    let scheme = AppraisalScheme { court: tabs.court.clone(), id: id.clone(), subject, year, items };
    let q = AppraisalQuery { court: Some(tabs.court.to_string()), scheme: Some(id.clone()), period: None };
    web.keep_or_show(
        &user,
        tabs,
        problems,
        vec![Management::AppraisalScheme(scheme)],
        &scheme_screen(&id, ""),
        async |tabs, problems| page(&web, &user, tabs, &AppraisalQuery { scheme: None, ..q }, problems, &form).await,
    )
    .await
}

/// Enters the marks of one manual item for one period: `代码 分数` a line.
pub async fn enter_scores<S: Store>(
    State(web): State<Arc<Web<S>>>,
    CheckedForm { user, fields: form }: CheckedForm,
) -> Result<Response, PageError> {
    let tabs = web.keeping_court(&user, &form)?;
    let mut problems = Vec::new();
    let scheme = text(&form, "scheme", &mut problems);
    let period = text(&form, "period", &mut problems);
    let item = text(&form, "item", &mut problems);
    let mut records = Vec::new();
    for (n, line) in field(&form, "scores").lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let mut parts = line.split_whitespace();
        let (Some(subject), Some(score), None) = (parts.next(), parts.next(), parts.next()) else {
            problems.push(format!("scores：第 {} 行“{}”应写作 代码 分数", n + 1, line.trim()));
            continue;
        };
        match score.parse::<f64>() {
            Ok(x) if (0.0..=100.0).contains(&x) => records.push(Management::ManualScore(ManualScore {
                court: tabs.court.clone(),
                scheme: scheme.clone(),
                subject: subject.to_owned(),
                period: period.clone(),
                item: item.clone(),
                score_centi: (x * 100.0).round() as u32,
            })),
            _ => problems.push(format!("scores：第 {} 行：分数“{score}”应为 0–100", n + 1)),
        }
    }
    if records.is_empty() && problems.is_empty() {
        problems.push("scores：至少填写一行".into());
    }
    let q = AppraisalQuery {
        court: Some(tabs.court.to_string()),
        scheme: Some(scheme.clone()),
        period: Some(period.clone()),
    };
    web.keep_or_show(&user, tabs, problems, records, &scheme_screen(&scheme, &period), async |tabs, problems| {
        page(&web, &user, tabs, &q, problems, &form).await
    })
    .await
}

/// Where a saved scheme or its marks lead: the scheme, for the period.
fn scheme_screen(scheme: &str, period: &str) -> String {
    format!("appraisal?scheme={}&period={}", percent_encode(scheme), percent_encode(period))
}

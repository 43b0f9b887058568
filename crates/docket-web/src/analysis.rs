//! 质效分析: the indicator table with its filters (court, period, grouping, tag, 案由), the
//! groups side by side on one indicator against its reasonable range, every value a link to the
//! cases behind it (numerator and denominator), and the table as CSV or XLSX.
//!
//! A drill-down lists a case by its number only when the account may read it; a sealed case the
//! account may not read is counted and shown as 不公开案件, so the list still adds up to the
//! figure without naming what is sealed.

use std::sync::Arc;

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use docket_app::metrics_output::{change, display};
use docket_domain::CaseNumber;
use docket_metrics::{Dimension, Engine, GroupResult, Kind};
use docket_reports::charts::{ComparedBar, compared_bars};
use docket_store::Store;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::Web;
use crate::api::{MetricsQuery, metrics_query};
use crate::auth::{ApiUser, PageUser};
use crate::error::{ApiError, PageError, WebError};
use crate::i18n::Lang;
use crate::pages::{Nav, href, percent_encode, range_class};
use crate::query::{ApiQuery, PageQuery};

/// What the page takes besides the indicator query.
#[derive(Deserialize, Default)]
pub struct PageExtra {
    /// The indicator drawn side by side (default 结案率).
    chart: Option<String>,
}

/// A drill-down: which indicator, which group (the value of the query's non-time dimension),
/// and which slice of the lists.
#[derive(Deserialize, Default)]
pub struct ExplainExtra {
    id: Option<String>,
    group: Option<String>,
    #[serde(default)]
    offset: usize,
    limit: Option<usize>,
}

/// The indicators a grouped table shows unless asked for more: what a 院长 reads first.
const KEY_INDICATORS: &str = "accepted,closed,pending,closure_rate,within_limit_rate,avg_duration_days,mediation_withdrawal_rate,acceptance_rate,long_pending_12m";

/// A grouped table turned the way a spreadsheet shows it: a row per group, a column per indicator.
pub struct Pivot {
    pub headers: Vec<&'static str>,
    pub rows: Vec<PivotRow>,
}

pub struct PivotRow {
    pub group: String,
    pub cells: Vec<PivotCell>,
}

pub struct PivotCell {
    pub value: String,
    pub title: String,
    pub class: &'static str,
    pub explain: String,
}

pub struct MetricRow {
    pub group: String,
    pub name: &'static str,
    pub value: String,
    pub ratio: String,
    pub yoy: String,
    pub class: &'static str,
    /// The drill-down page of this value.
    pub explain: String,
}

#[derive(Template)]
#[template(path = "metrics.html")]
struct MetricsPage {
    nav: Nav,
    courts: Vec<(String, String)>,
    court: String,
    from: String,
    to: String,
    by: String,
    rollup: bool,
    tags: Vec<(&'static str, &'static str)>,
    tag: String,
    cause: String,
    causes: Vec<String>,
    chart_ids: Vec<(&'static str, &'static str)>,
    chart_id: String,
    chart: String,
    /// The `indicators` parameter as the form shows it: the key set, or empty for all.
    indicators: String,
    key_indicators: &'static str,
    csv_href: String,
    xlsx_href: String,
    rows: Vec<MetricRow>,
    pivot: Option<Pivot>,
    error: Option<String>,
}

/// The non-time dimension of a grouping, as the engine names it in group keys.
fn group_dimension(by: &[Dimension]) -> Option<&'static str> {
    by.iter().find(|d| !matches!(d, Dimension::Time(_))).map(|d| d.name())
}

fn filters(q: &MetricsQuery, court: &str) -> String {
    format!(
        "court={}&rollup={}&by={}&tag={}&cause={}",
        percent_encode(court),
        q.rollup,
        percent_encode(q.by.as_deref().unwrap_or("")),
        percent_encode(q.tag.as_deref().unwrap_or("")),
        percent_encode(q.cause.as_deref().unwrap_or(""))
    )
}

pub async fn page<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    PageQuery(mut q): PageQuery<MetricsQuery>,
    PageQuery(extra): PageQuery<PageExtra>,
) -> Result<Response, PageError> {
    let a = &user.account;
    let court = web.court_param(a, q.court.as_deref())?;
    // A grouped table shows the key indicators unless the form asks for all of them (empty).
    if q.indicators.is_none() && q.by.as_deref().is_some_and(|b| !b.is_empty()) {
        q.indicators = Some(KEY_INDICATORS.into());
    }
    let asked = q.indicators.clone().unwrap_or_default();
    // The indicator drawn side by side is computed with the others.
    let chart_id = extra
        .chart
        .filter(|c| docket_metrics::lookup(c).is_some())
        .unwrap_or_else(|| docket_metrics::ids::CLOSURE_RATE.as_str().into());
    if let Some(list) = q.indicators.as_mut().filter(|l| !l.is_empty() && !l.split(',').any(|i| i == chart_id)) {
        list.push(',');
        list.push_str(&chart_id);
    }
    let computed = metrics_query(&web, a, &q).and_then(|query| {
        let results =
            web.with_engine(|engine| engine.compute(&query))?.map_err(|e| WebError::BadRequest(e.to_string()))?;
        Ok((query, results))
    });
    let (query, results, error) = match computed {
        Ok((query, r)) => (Some(query), r, None),
        Err(e @ (WebError::Invalid(_) | WebError::BadRequest(_))) => (None, vec![], Some(e.message())),
        Err(e) => return Err(e.into()),
    };
    let (from, to) = q.period(web.today());
    let base = filters(&q, court.as_str());
    let by = query.as_ref().map(|q| q.by.clone()).unwrap_or_default();
    let dimension = group_dimension(&by);
    match q.format.as_deref() {
        Some("csv") => {
            let csv = docket_app::metrics_output::to_csv(&results);
            return Ok((
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                    (header::CONTENT_DISPOSITION, "attachment; filename=\"metrics.csv\""),
                ],
                format!("\u{feff}{csv}"),
            )
                .into_response());
        }
        Some("xlsx") => {
            let doc = table_document(&results, court.as_str(), &from.to_string(), &to.to_string());
            let bytes = doc.to_xlsx().map_err(|e| WebError::internal_from("写出 XLSX", e))?;
            return Ok((
                [
                    (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                    (header::CONTENT_DISPOSITION, "attachment; filename=\"metrics.xlsx\""),
                ],
                bytes,
            )
                .into_response());
        }
        _ => {}
    }
    let lang = user.lang;
    let mut rows = Vec::new();
    let pivot = (results.len() > 1).then(|| {
        let headers: Vec<&'static str> = results[0].values.iter().map(|v| lang.t(v.indicator.name)).collect();
        let rows = results
            .iter()
            .map(|g| PivotRow {
                group: group_label(&web, &g.key),
                cells: g
                    .values
                    .iter()
                    .map(|v| PivotCell {
                        value: crate::i18n::figure(&display(v), lang),
                        title: format!(
                            "{}: {} {}",
                            lang.t(v.indicator.name),
                            lang.t("同比"),
                            crate::i18n::figure(&change(v, v.yoy), lang)
                        ),
                        class: range_class(v),
                        explain: explain_href(&base, dimension, g, v),
                    })
                    .collect(),
            })
            .collect();
        Pivot { headers, rows }
    });
    for g in results.iter().filter(|_| pivot.is_none()) {
        let group = group_label(&web, &g.key);
        for v in &g.values {
            rows.push(MetricRow {
                group: group.clone(),
                name: lang.t(v.indicator.name),
                value: crate::i18n::figure(&display(v), lang),
                ratio: match (v.indicator.kind, v.numerator, v.denominator) {
                    (Kind::Rate, Some(n), Some(d)) => ratio_text(v.indicator, n, d, lang),
                    _ => String::new(),
                },
                yoy: crate::i18n::figure(&change(v, v.yoy), lang),
                class: range_class(v),
                explain: explain_href(&base, dimension, g, v),
            });
        }
    }
    // Side by side: with a non-time grouping and no time grain, each group's bar on one indicator.
    let chart = match (dimension, by.len()) {
        (Some(_), 1) => {
            let engine = web.engine()?;
            side_by_side(&engine, &results, &chart_id, lang, |key| group_label(&web, key))
        }
        _ => String::new(),
    };
    let courts = web.viewable_courts(a);
    let causes = web.cause_names()?;
    let by_text = q.by.clone().unwrap_or_default();
    let page = MetricsPage {
        nav: Nav::load(&web, &user, "metrics").await?,
        courts,
        court: court.to_string(),
        from: from.to_string(),
        to: to.to_string(),
        by: by_text,
        rollup: q.rollup,
        tags: docket_domain::case::KNOWN_TAGS.iter().map(|(id, l)| (*id, lang.t(l))).collect(),
        tag: q.tag.clone().unwrap_or_default(),
        cause: q.cause.clone().unwrap_or_default(),
        causes,
        chart_ids: docket_metrics::CATALOGUE
            .iter()
            .filter(|i| matches!(i.kind, Kind::Rate | Kind::Days | Kind::Count))
            .map(|i| (i.id, lang.t(i.name)))
            .collect(),
        chart_id,
        chart,
        indicators: asked,
        key_indicators: KEY_INDICATORS,
        csv_href: format!(
            "/metrics?{base}&from={from}&to={to}&indicators={}&format=csv",
            percent_encode(q.indicators.as_deref().unwrap_or(""))
        ),
        xlsx_href: format!(
            "/metrics?{base}&from={from}&to={to}&indicators={}&format=xlsx",
            percent_encode(q.indicators.as_deref().unwrap_or(""))
        ),
        rows,
        pivot,
        error,
    };
    Ok(Html(page.render().map_err(WebError::from)?).into_response())
}

/// A group as people read it: the court's, judge's or department's name for its code (the code
/// stays in the drill-down link).
fn group_label<S: Store>(web: &Web<S>, key: &[(&'static str, String)]) -> String {
    key.iter()
        .map(|(dim, v)| match *dim {
            "court" => web.courts.iter().find(|c| c.code.as_str() == v).map_or_else(|| v.clone(), |c| c.name.clone()),
            "judge" => match v.split_once('/') {
                Some((court, code)) => format!("{}（{code}）", web.judge_name(court, code)),
                None => v.clone(),
            },
            "department" => match v.split_once('/') {
                Some((court, code)) => web
                    .departments
                    .iter()
                    .find(|d| d.court.as_str() == court && d.code == code)
                    .map_or_else(|| v.clone(), |d| d.name.clone()),
                None => v.clone(),
            },
            _ => v.clone(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The drill-down page of one value: the page's filters, the value's own period and group.
fn explain_href(base: &str, dimension: Option<&str>, g: &GroupResult, v: &docket_metrics::Value) -> String {
    let group = dimension.and_then(|d| g.key.iter().find(|(k, _)| *k == d)).map_or("", |(_, v)| v.as_str());
    format!(
        "/metrics/explain?{base}&from={}&to={}&id={}&group={}",
        g.period.from,
        g.period.to,
        v.indicator.id,
        percent_encode(group)
    )
}

/// The groups' values of one indicator as bars against its reasonable range.
fn side_by_side(
    engine: &Engine,
    results: &[GroupResult],
    id: &str,
    lang: Lang,
    label: impl Fn(&[(&'static str, String)]) -> String,
) -> String {
    let Some(indicator) = docket_metrics::lookup(id) else { return String::new() };
    let scale = if indicator.kind == Kind::Rate { 100.0 } else { 1.0 };
    let bars: Vec<ComparedBar> = results
        .iter()
        .filter_map(|g| {
            let v = g.values.iter().find(|v| v.indicator.id == id)?;
            Some(ComparedBar {
                label: label(&g.key),
                value: v.value? * scale,
                shown: display(v),
                within: v.within_range,
            })
        })
        .collect();
    if bars.is_empty() {
        return String::new();
    }
    let range =
        engine.settings.range_of(id).map_or((None, None), |r| (r.low.map(|x| x * scale), r.high.map(|x| x * scale)));
    compared_bars(lang.t(indicator.name), &bars, range)
}

/// The page's table as a report document (for the XLSX: one sheet, figures as numbers).
fn table_document(results: &[GroupResult], court: &str, from: &str, to: &str) -> docket_reports::Document {
    let rows = results
        .iter()
        .flat_map(|g| {
            let group = g.key.iter().map(|(_, v)| v.clone()).collect::<Vec<_>>().join(" ");
            g.values.iter().map(move |v| {
                vec![
                    if group.is_empty() { "全部".into() } else { group.clone() },
                    v.indicator.name.to_string(),
                    match (v.indicator.kind, v.value) {
                        (Kind::Rate, Some(x)) => format!("{:.2}%", x * 100.0),
                        (Kind::Count, Some(x)) => format!("{x:.0}"),
                        (Kind::Amount, Some(x)) => format!("{:.2}", x / 100.0),
                        (_, Some(x)) => format!("{x:.2}"),
                        (_, None) => "—".into(),
                    },
                    v.numerator.map(|n| n.to_string()).unwrap_or_default(),
                    v.denominator.map(|n| n.to_string()).unwrap_or_default(),
                    change(v, v.yoy),
                ]
            })
        })
        .collect();
    docket_reports::Document {
        title: "质效分析".into(),
        subtitle: format!("{court} {from} 至 {to}"),
        blocks: vec![docket_reports::Block::Table(docket_reports::Table {
            caption: "质效分析".into(),
            header: ["分组", "指标", "数值", "分子", "分母", "同比"].map(String::from).to_vec(),
            rows,
        })],
    }
}

// ---------------------------------------------------------------- drill-down

/// One case of a drill-down list, or a sealed case the account may not read.
pub struct ExplainedCase {
    pub case_no: Option<String>,
    pub href: String,
    pub cause: String,
    pub filed_on: String,
    pub closed_on: String,
    pub judge: String,
    /// What the case brings to the figure: its days to close (or pending so far), net of deducted
    /// periods for the net mean; its amounts for the money indicators.
    pub value: String,
}

pub struct ExplainedList {
    pub title: &'static str,
    pub count: usize,
    pub cases: Vec<ExplainedCase>,
    pub withheld: usize,
    pub more: bool,
}

#[derive(Template)]
#[template(path = "explain.html")]
struct ExplainPage {
    nav: Nav,
    name: String,
    scope: String,
    value: String,
    lists: Vec<ExplainedList>,
    back: String,
}

/// A drill-down: the query it answers, the indicator, the cases behind the value and the value.
struct Drill {
    query: docket_metrics::Query,
    indicator: &'static docket_metrics::Indicator,
    numerator: Vec<CaseNumber>,
    denominator: Vec<CaseNumber>,
    value: Option<docket_metrics::Value>,
}

/// The drill-down a request asks for, checked like the indicator query itself.
fn explanation<S: Store>(
    web: &Web<S>,
    account: &docket_app::Account,
    q: &MetricsQuery,
    extra: &ExplainExtra,
) -> Result<Drill, WebError> {
    let query = metrics_query(web, account, q)?;
    let id = extra.id.as_deref().unwrap_or_default();
    let indicator = docket_metrics::lookup(id).ok_or_else(|| {
        WebError::Invalid(vec![docket_app::FieldError::new(
            "id",
            if id.is_empty() {
                "请指定指标，如 closure_rate".to_owned()
            } else {
                format!("未知指标：{id}")
            },
        )])
    })?;
    let key: Vec<(&str, String)> = match (group_dimension(&query.by), extra.group.as_deref()) {
        (Some(d), Some(g)) => vec![(d, g.to_owned())],
        _ => vec![],
    };
    let (numerator, denominator, value) = web.with_engine(|engine| -> Result<_, WebError> {
        let e = engine.explain_group(&query, indicator.id, &key).map_err(|e| WebError::BadRequest(e.to_string()))?;
        let numbers = |rows: &[usize]| rows.iter().map(|r| engine.table().case_no(*r).clone()).collect::<Vec<_>>();
        // The value itself, for the heading: the group's, computed the same way as the table.
        let value = engine
            .compute(&docket_metrics::Query { indicators: vec![indicator.id.to_owned()], ..query.clone() })
            .ok()
            .and_then(|groups| {
                groups.into_iter().find(|g| {
                    key.iter().all(|(d, v)| g.key.iter().any(|(k, w)| k == d && w == v)) && g.period == query.period
                })
            })
            .and_then(|g| g.values.into_iter().next());
        Ok((numbers(&e.numerator), numbers(&e.denominator), value))
    })??;
    Ok(Drill { query, indicator, numerator, denominator, value })
}

/// A case's own part of an indicator, as the drill-down's last column shows it: money for the
/// money indicators (到位 and 标的), otherwise the days it took to close — net of deducted periods
/// for 平均审理天数(扣除审限后) — or, pending, the days from filing to the period's end.
fn case_value(
    indicator: &docket_metrics::Indicator,
    case: &docket_store::StoredCase,
    period_end: chrono::NaiveDate,
) -> String {
    use docket_metrics::ids;
    use docket_reports::numbers::money;
    if indicator.fraction_in_fen() || indicator.id == ids::RECOVERED_AMOUNT.as_str() {
        let claim = case.claim.map_or(0, |a| a.fen());
        return format!("到位 {} / 标的 {}", money(case.recovered.fen()), money(claim));
    }
    // 终本合格率: the check of the case's 终本, naming what it misses (法〔2016〕373号第一条).
    if indicator.id == ids::TERMINATION_COMPLIANCE_RATE.as_str() {
        return match case.termination_missing() {
            Some([]) => "合格".to_owned(),
            Some(m) => format!("不合格：{}", m.iter().map(|c| c.missing()).collect::<Vec<_>>().join("；")),
            None => String::new(),
        };
    }
    if indicator.id == ids::PRE_ENFORCEMENT_AMOUNT.as_str() || indicator.id == ids::PERFORMED_CASES.as_str() {
        return format!("自动履行 {}", money(case.performed().fen()));
    }
    match case.closed_on {
        Some(closed) => {
            let days = (closed - case.filed_on).num_days();
            if indicator.id == ids::AVG_NET_DURATION_DAYS.as_str() {
                format!("{} 天（扣除 {} 天）", days - i64::from(case.deducted_days), case.deducted_days)
            } else {
                format!("审理 {days} 天")
            }
        }
        None => format!("未结 {} 天", (period_end - case.filed_on).num_days().max(0)),
    }
}

async fn listed<S: Store>(
    web: &Web<S>,
    principal: &docket_domain::Principal,
    numbers: &[CaseNumber],
    // The indicator and the period's end, for each case's own value (the page shows it).
    values_for: Option<(&docket_metrics::Indicator, chrono::NaiveDate)>,
    offset: usize,
    limit: usize,
) -> Result<(Vec<ExplainedCase>, usize), WebError> {
    let mut out = Vec::new();
    let mut withheld = 0;
    for n in numbers.iter().skip(offset).take(limit) {
        let row = web.docket.store().case(n).await.map_err(docket_app::AppError::from)?;
        match row {
            Some(r) if web.readable(principal, &r) => out.push(ExplainedCase {
                case_no: Some(r.case_no.to_string()),
                href: href(&r.case_no),
                cause: r.cause.clone(),
                filed_on: r.filed_on.to_string(),
                closed_on: r.closed_on.map(|d| d.to_string()).unwrap_or_default(),
                judge: r.judge.as_deref().map(|j| web.judge_name(&r.court, j)).unwrap_or_default(),
                value: values_for.map(|(indicator, end)| case_value(indicator, &r, end)).unwrap_or_default(),
            }),
            _ => {
                withheld += 1;
                out.push(ExplainedCase {
                    case_no: None,
                    href: String::new(),
                    cause: String::new(),
                    filed_on: String::new(),
                    closed_on: String::new(),
                    judge: String::new(),
                    value: String::new(),
                });
            }
        }
    }
    Ok((out, withheld))
}

const PAGE_LIMIT: usize = 200;

pub async fn explain_page<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    PageQuery(q): PageQuery<MetricsQuery>,
    PageQuery(extra): PageQuery<ExplainExtra>,
) -> Result<Response, PageError> {
    let a = &user.account;
    let Drill { query, indicator, numerator: num, denominator: den, value } = explanation(&web, a, &q, &extra)?;
    let principal = a.principal();
    let limit = extra.limit.unwrap_or(PAGE_LIMIT);
    if !(1..=1000).contains(&limit) {
        return Err(WebError::BadRequest(format!("参数 limit 无效：应在 1 到 1000 之间，而不是 {limit}")).into());
    }
    let mut lists = Vec::new();
    let numerator_title = if den.is_empty() { "计入的案件" } else { "分子案件" };
    for (title, numbers) in [(numerator_title, &num), ("分母案件", &den)] {
        if title == "分母案件" && den.is_empty() {
            continue;
        }
        let (cases, withheld) =
            listed(&web, &principal, numbers, Some((indicator, query.period.to)), extra.offset, limit).await?;
        lists.push(ExplainedList {
            title,
            count: numbers.len(),
            cases,
            withheld,
            more: numbers.len() > extra.offset + limit,
        });
    }
    let court_name =
        web.courts.iter().find(|c| c.code == query.court).map_or_else(|| query.court.to_string(), |c| c.name.clone());
    let mut scope = format!(
        "{court_name}{}，{} 至 {}",
        if query.rollup { "（含下级法院）" } else { "" },
        query.period.from,
        query.period.to
    );
    if let (Some(dimension), Some(g)) = (group_dimension(&query.by), extra.group.as_deref().filter(|g| !g.is_empty())) {
        scope.push_str(&format!("，分组 {}", group_label(&web, &[(dimension, g.to_owned())])));
    }
    if let Some(t) = &query.tag {
        scope.push_str(&format!("，标签 {}", t.label()));
    }
    if !query.causes.is_empty() {
        scope.push_str(&format!("，案由 {}", query.causes.join("、")));
    }
    let page = ExplainPage {
        nav: Nav::load(&web, &user, "metrics").await?,
        name: indicator.name.to_owned(),
        scope,
        value: value
            .as_ref()
            .map(|v| {
                let mut s = display(v);
                if let (Some(n), Some(d)) = (v.numerator, v.denominator) {
                    s.push_str(&format!("（{}）", ratio_text(v.indicator, n, d, user.lang)));
                }
                s
            })
            .unwrap_or_else(|| "—".into()),
        lists,
        back: format!(
            "/metrics?{}&from={}&to={}",
            filters(&q, query.court.as_str()),
            query.period.from,
            query.period.to
        ),
    };
    Ok(Html(page.render().map_err(WebError::from)?).into_response())
}

/// `GET /api/v1/metrics/explain`: the cases behind one value, numerator and denominator, a slice
/// at a time (`offset`, `limit` ≤ 1000); sealed cases the account may not read are counted in
/// `withheld` and not named.
pub async fn explain_api<S: Store>(
    State(web): State<Arc<Web<S>>>,
    ApiUser(user): ApiUser,
    ApiQuery(q): ApiQuery<MetricsQuery>,
    ApiQuery(extra): ApiQuery<ExplainExtra>,
) -> Result<Json<Value>, ApiError> {
    let a = &user.account;
    let Drill { query, indicator, numerator: num, denominator: den, value } = explanation(&web, a, &q, &extra)?;
    let principal = a.principal();
    let limit = extra.limit.unwrap_or(500);
    if !(1..=1000).contains(&limit) {
        return Err(WebError::BadRequest(format!("参数 limit 无效：应在 1 到 1000 之间，而不是 {limit}")).into());
    }
    let mut lists = serde_json::Map::new();
    for (name, numbers) in [("numerator", &num), ("denominator", &den)] {
        let (cases, withheld) = listed(&web, &principal, numbers, None, extra.offset, limit).await?;
        lists.insert(
            name.into(),
            json!({
                "count": numbers.len(),
                "offset": extra.offset,
                "cases": cases.into_iter().filter_map(|c| c.case_no).collect::<Vec<_>>(),
                "withheld": withheld,
            }),
        );
    }
    Ok(Json(json!({
        "id": indicator.id,
        "name": indicator.name,
        "court": query.court.to_string(),
        "from": query.period.from.to_string(),
        "to": query.period.to.to_string(),
        "group": extra.group,
        "value": value.as_ref().and_then(|v| v.value),
        "numerator": lists.remove("numerator"),
        "denominator": lists.remove("denominator"),
    })))
}

/// A fraction's two terms as shown beside its value: counts as they are (`10368/10901`), money
/// as amounts (`11909.38 万元/15720.09 万元`, not raw fen).
fn ratio_text(indicator: &docket_metrics::Indicator, n: i64, d: i64, lang: crate::i18n::Lang) -> String {
    if indicator.fraction_in_fen() {
        let amount = |fen| crate::i18n::figure(&docket_reports::numbers::money(fen), lang);
        format!("{}/{}", amount(n), amount(d))
    } else {
        format!("{n}/{d}")
    }
}

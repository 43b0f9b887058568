//! 首页: key indicators year to date with 同比 and their reasonable ranges, the monthly and age
//! charts, the case mix, and the 审限 alerts; computed per court and cached until a write.

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, Months, NaiveDate};
use docket_app::metrics_output::{change, display};
use docket_domain::CourtCode;
use docket_domain::Role;
use docket_metrics::{Dimension, Grain, IndicatorId, Kind, Period, Query as MetricsQuery, ids};
use docket_store::Store;

use super::frame::{Nav, percent_encode, range_class, render};
use super::lists::{ALERT_HORIZON_DAYS, AlertList};
use crate::Web;
use crate::auth::PageUser;
use crate::error::{PageError, WebError};
use crate::i18n::Lang;
use crate::query::PageQuery;

// ---------------------------------------------------------------- 首页

pub struct Card {
    pub name: &'static str,
    /// The indicator's id.
    pub id: &'static str,
    pub value: String,
    pub yoy: String,
    pub class: &'static str,
    pub range: String,
    pub href: String,
}

pub struct Alert {
    pub label: &'static str,
    pub count: usize,
    pub href: String,
    pub level: &'static str,
    /// How many of them are 诉前调解 past their period (the 超审限 card does not count those).
    pub premediation: Option<usize>,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    nav: Nav,
    court_name: String,
    period: String,
    rollup: bool,
    can_rollup: bool,
    data: Arc<HomeData>,
    /// For the 审计员: accounts given access to sealed cases in the last 30 days, so that a new
    /// leadership account is seen the day it is made.
    grants: Option<usize>,
}

/// What 首页 shows of a court on a day; cached until a write reaches the court (see
/// [`Web::cached`]).
pub struct HomeData {
    pub cards: Vec<Card>,
    /// 诉源治理 and 诉讼费, for the 立案庭 and the court's leadership.
    pub filing_cards: Vec<Card>,
    pub monthly_svg: String,
    pub age_svg: String,
    pub mix_svg: String,
    pub alerts: Vec<Alert>,
}

/// The 立案庭's figures: 诉前分流, 诉前调解, 司法确认, fees paid online and refunded on time.
const FILING_INDICATORS: &[IndicatorId] = &[
    ids::MEDIATION_DIVERSION_RATE,
    ids::PREMEDIATION_SUCCESS_RATE,
    ids::CONFIRMATIONS,
    ids::ONLINE_FEE_PAYMENT_RATE,
    ids::FEE_REFUND_TIMELY_RATE,
];

const HOME_INDICATORS: &[IndicatorId] = &[
    ids::ACCEPTED,
    ids::CLOSED,
    ids::CLOSURE_RATE,
    ids::PENDING,
    ids::AVG_DURATION_DAYS,
    ids::OVERDUE_PENDING,
    ids::LONG_PENDING_12M,
    ids::MEDIATION_WITHDRAWAL_RATE,
    ids::RECOVERY_RATE,
    ids::ESERVICE_SUCCESS_RATE,
];

#[derive(serde::Deserialize, Default)]
pub struct HomeQuery {
    /// With the courts below; by default for 上级法院查看, whose own court is not what it watches.
    rollup: Option<bool>,
}

pub async fn home<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    PageQuery(q): PageQuery<HomeQuery>,
) -> Result<Response, PageError> {
    let a = &user.account;
    if a.role == Role::Admin {
        return Ok(Redirect::to("/admin/users").into_response());
    }
    let today = web.today();
    let court = a.court.clone();
    let can_rollup = web.courts.iter().any(|c| c.code != court && c.code.is_within(&court));
    let rollup = can_rollup && q.rollup.unwrap_or(a.role == Role::HigherCourtViewer);
    let lang = user.lang;
    let data = web.cached_home(&court, rollup, lang, || home_data(&web, &court, rollup, today, lang)).await?;
    let grants = if a.role == Role::Auditor {
        let since = (chrono::Utc::now() - chrono::Duration::days(30)).format("%Y-%m-%dT%H:%M:%S").to_string();
        let query = docket_store::AuditQuery {
            court: court.to_string(),
            action: Some("grant_sealed_access".into()),
            from: Some(since),
            limit: 1000,
            ..Default::default()
        };
        Some(web.docket.store().audit_search(&query).await.map_err(docket_app::AppError::from)?.len())
    } else {
        None
    };
    render(&HomePage {
        nav: Nav::load(&web, &user, "home").await?,
        court_name: web.court_name(court.as_str()),
        period: if lang.is_en() {
            format!("1 January {} to {}", today.year(), today.format("%-d %B %Y"))
        } else {
            format!("{}年1月1日至{}月{}日", today.year(), today.month(), today.day())
        },
        rollup,
        can_rollup,
        data,
        grants,
    })
}

/// Computes and caches every court's 首页 (in Chinese, the court alone): after a start, the
/// first users of fifty courts would otherwise wait together for fifty computations.
pub async fn warm_home<S: Store>(web: &Web<S>) -> Result<usize, WebError> {
    let today = web.today();
    let courts: Vec<CourtCode> = web.courts.iter().map(|c| c.code.clone()).collect();
    for court in &courts {
        web.cached_home(court, false, Lang::Zh, || home_data(web, court, false, today, Lang::Zh)).await?;
    }
    Ok(courts.len())
}

async fn home_data<S: Store>(
    web: &Web<S>,
    court: &CourtCode,
    rollup: bool,
    today: NaiveDate,
    lang: Lang,
) -> Result<HomeData, WebError> {
    let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let (cards, filing_cards, monthly, ages, mix) = web.with_engine(|engine| -> Result<_, WebError> {
        let ytd = |which: &[IndicatorId]| {
            engine
                .compute(&MetricsQuery {
                    court: court.clone(),
                    rollup,
                    period: Period::new(year_start, today),
                    by: vec![],
                    tag: None,
                    causes: vec![],
                    indicators: which.iter().map(|s| s.as_str().to_owned()).collect(),
                })
                .map_err(|e| WebError::internal_from("计算指标", e))
        };
        let to_cards = |ytd: Vec<docket_metrics::GroupResult>| -> Vec<Card> {
            ytd.first()
                .map(|g| {
                    g.values
                        .iter()
                        .map(|v| Card {
                            name: lang.t(v.indicator.name),
                            id: v.indicator.id,
                            value: crate::i18n::figure(&display(v), lang),
                            yoy: format!("{} {}", lang.t("同比"), crate::i18n::figure(&change(v, v.yoy), lang)),
                            class: range_class(v),
                            range: v
                                .range
                                .map(|r| match (r.low, r.high) {
                                    (Some(l), Some(h)) => format!(
                                        "{} {}–{}",
                                        lang.t("合理区间"),
                                        fmt_bound(v.indicator.kind, l),
                                        fmt_bound(v.indicator.kind, h)
                                    ),
                                    (Some(l), None) => {
                                        format!("{} ≥ {}", lang.t("合理区间"), fmt_bound(v.indicator.kind, l))
                                    }
                                    (None, Some(h)) => {
                                        format!("{} ≤ {}", lang.t("合理区间"), fmt_bound(v.indicator.kind, h))
                                    }
                                    (None, None) => String::new(),
                                })
                                .unwrap_or_default(),
                            // The figure opens the cases behind it.
                            href: format!(
                                "/metrics/explain?court={}&from={year_start}&to={today}&id={}{}",
                                percent_encode(court.as_str()),
                                v.indicator.id,
                                if rollup { "&rollup=true" } else { "" }
                            ),
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        let cards = to_cards(ytd(HOME_INDICATORS)?);
        let filing_cards = to_cards(ytd(FILING_INDICATORS)?);
        let first_month = today.with_day(1).and_then(|d| d.checked_sub_months(Months::new(11))).unwrap_or(year_start);
        let monthly = engine
            .compute(&MetricsQuery {
                court: court.clone(),
                rollup,
                period: Period::new(first_month, today),
                by: vec![Dimension::Time(Grain::Month)],
                tag: None,
                causes: vec![],
                indicators: [ids::FILED, ids::CLOSED, ids::PENDING].map(|i| i.as_str().to_owned()).to_vec(),
            })
            .map_err(|e| WebError::internal_from("计算指标", e))?;
        let ages = engine
            .compute(&MetricsQuery {
                court: court.clone(),
                rollup,
                period: Period::new(today, today),
                by: vec![],
                tag: None,
                causes: vec![],
                indicators: [
                    "pending_age_0_3m",
                    "pending_age_3_6m",
                    "pending_age_6_12m",
                    "pending_age_12_18m",
                    "pending_age_18_36m",
                    "pending_age_over_36m",
                ]
                .map(str::to_owned)
                .to_vec(),
            })
            .map_err(|e| WebError::internal_from("计算指标", e))?;
        let mix = engine
            .compute(&MetricsQuery {
                court: court.clone(),
                rollup,
                period: Period::new(year_start, today),
                by: vec![Dimension::Category],
                tag: None,
                causes: vec![],
                indicators: vec![ids::FILED.as_str().to_owned()],
            })
            .map_err(|e| WebError::internal_from("计算指标", e))?;
        Ok((cards, filing_cards, monthly, ages, mix))
    })??;
    let labels: Vec<String> = monthly
        .iter()
        .map(|g| {
            if lang.is_en() { g.period.from.format("%b").to_string() } else { format!("{}月", g.period.from.month()) }
        })
        .collect();
    let series_of = |i: usize| monthly.iter().map(|g| g.values.get(i).and_then(|v| v.value).unwrap_or(0.0)).collect();
    let monthly_svg = docket_reports::charts::grouped_bars(
        lang.t("近 12 个月新收、审结、未结"),
        &labels,
        &[(lang.t("新收"), series_of(0)), (lang.t("审结"), series_of(1)), (lang.t("月末未结"), series_of(2))],
    );
    let age_items: Vec<(String, f64)> = ages
        .first()
        .map(|g| {
            g.values
                .iter()
                .map(|v| {
                    let name = if lang.is_en() {
                        lang.t(v.indicator.name).trim_start_matches("Pending ").trim_end_matches(" (age)").to_owned()
                    } else {
                        v.indicator.name.trim_start_matches("未结账龄").to_owned()
                    };
                    (name, v.value.unwrap_or(0.0))
                })
                .collect()
        })
        .unwrap_or_default();
    let age_svg = docket_reports::charts::horizontal_bars(lang.t("未结案件账龄"), &age_items);
    let mut mix_items: Vec<(String, f64)> = mix
        .iter()
        .filter_map(|g| {
            let label = g.key.iter().find(|(k, _)| *k == "category").map(|(_, v)| lang.t_owned(&category_label(v)))?;
            Some((label, g.values.first().and_then(|v| v.value).unwrap_or(0.0)))
        })
        .filter(|(_, v)| *v > 0.0)
        .collect();
    mix_items.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mix_svg = docket_reports::charts::horizontal_bars(lang.t("本年新收案件构成"), &mix_items);

    // The alerts count the same courts as the cards: with the courts below when rolled up.
    let mut courts = vec![court.clone()];
    if rollup {
        courts.extend(web.courts_below(court));
    }
    let mut due = Vec::new();
    for c in &courts {
        due.push(web.due(c, None, ALERT_HORIZON_DAYS).await?);
    }
    let count = |alert: AlertList| due.iter().flat_map(|d| d.iter()).filter(|d| alert.keeps(d)).count();
    let scope = if rollup { "&rollup=true" } else { "" };
    let (overdue, week, window) = (count(AlertList::Overdue), count(AlertList::Week), count(AlertList::Extension));
    let premediation = due
        .iter()
        .flat_map(|d| d.iter())
        .filter(|d| AlertList::Overdue.keeps(d) && d.row.case_type().category == docket_domain::Category::Mediation)
        .count();
    let long =
        cards.iter().find(|c| c.id == "long_pending_12m").and_then(|c| c.value.parse::<usize>().ok()).unwrap_or(0);
    let alerts = vec![
        Alert {
            label: lang.t("已超审限（含诉前调解期限）"),
            count: overdue,
            href: format!("/cases?alert=overdue{scope}"),
            level: "danger",
            premediation: Some(premediation),
        },
        Alert {
            label: lang.t("7 日内审限届满"),
            count: week,
            href: format!("/cases?alert=week{scope}"),
            level: "warn",
            premediation: None,
        },
        Alert {
            label: lang.t("延长审限申请期内"),
            count: window,
            href: format!("/cases?alert=extension{scope}"),
            level: "warn",
            premediation: None,
        },
        Alert {
            label: lang.t("超 12 个月未结"),
            count: long,
            href: format!("/cases?alert=long{scope}"),
            level: "info",
            premediation: None,
        },
    ];
    Ok(HomeData { cards, filing_cards, monthly_svg, age_svg, mix_svg, alerts })
}

fn fmt_bound(kind: Kind, x: f64) -> String {
    match kind {
        Kind::Rate => format!("{:.0}%", x * 100.0),
        _ => format!("{x}"),
    }
}

fn category_label(id: &str) -> String {
    docket_domain::case_type::TYPES
        .iter()
        .map(|t| t.category)
        .find(|c| c.as_str() == id)
        .map_or_else(|| id.to_owned(), |c| c.label().to_owned())
}

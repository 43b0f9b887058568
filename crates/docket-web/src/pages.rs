//! The pages (Chinese): 首页, 我的案件, 案件, 案件详情 with its actions, 立案, 质效分析, 管理, 审计.
//! Forms post back with the session's CSRF token; a refused form is shown again with each problem
//! at its field and nothing stored.

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::{Datelike, Months, NaiveDate};
use docket_app::metrics_output::{change, display};
use docket_app::{Account, FieldError, Filing, FilingParty, NewAccount, unix_now};
use docket_domain::CourtCode;
use docket_domain::{Action, Approver, CaseType, CloseMethod, Procedure, Role, ServiceChannel, SuspensionReason};
use docket_interchange::{Record, parse_line};
use docket_metrics::{Dimension, Grain, Kind, Period, Query as MetricsQuery};
use docket_store::{CaseFilter, Store};
use serde_json::{Map, Value as Json, json};

use crate::auth::{ClientAddr, PageUser, User, clear_cookie, session_cookie};
use crate::error::{PageError, WebError};
use crate::i18n::Lang;
use crate::query::PageQuery;
use crate::{VisibleCase, Web};

pub(crate) type Form_ = Vec<(String, String)>;

pub(crate) fn field<'a>(form: &'a Form_, name: &str) -> &'a str {
    form.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
}

fn render(t: &impl Template) -> Result<Response, PageError> {
    Ok(Html(t.render()?).into_response())
}

fn render_status(status: StatusCode, t: &impl Template) -> Result<Response, PageError> {
    Ok((status, Html(t.render()?)).into_response())
}

/// What every signed-in page's frame shows.
pub struct Nav {
    pub name: String,
    pub role: &'static str,
    pub court_name: String,
    pub csrf: String,
    pub active: &'static str,
    pub can_file: bool,
    pub is_admin: bool,
    /// May change the deployment-wide settings (indicator settings, holiday calendar).
    pub can_configure: bool,
    pub can_audit: bool,
    pub has_judge: bool,
    pub lang: Lang,
}

impl Nav {
    /// The page's words in the user's language.
    pub fn t(&self, zh: &'static str) -> &'static str {
        self.lang.t(zh)
    }

    /// The language switch: where it leads and what it says.
    pub fn other_lang(&self) -> (&'static str, &'static str) {
        self.lang.other()
    }

    pub fn new<S: Store>(web: &Web<S>, user: &User, active: &'static str) -> Self {
        let p = user.account.principal();
        Self {
            name: user.account.name.clone(),
            role: user.lang.t(user.account.role.label()),
            court_name: web.court_name(user.account.court.as_str()),
            csrf: user.csrf.clone(),
            active,
            can_file: p.may_file(&user.account.court),
            is_admin: p.may_manage_users(&user.account.court),
            can_configure: web.may_configure(&user.account),
            can_audit: p.may_read_audit(&user.account.court),
            has_judge: user.account.judge.is_some(),
            lang: user.lang,
        }
    }
}

// ---------------------------------------------------------------- sign-in

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    username: String,
    error: Option<String>,
    lang: Lang,
}

pub async fn login_form(headers: HeaderMap) -> Result<Response, PageError> {
    render(&LoginPage { username: String::new(), error: None, lang: Lang::of(&headers) })
}

/// `GET /lang/{en|zh}`: keeps the language in a cookie and goes back to the page it came from.
pub async fn switch_lang(Path(code): Path<String>, headers: HeaderMap) -> Response {
    let lang = Lang::parse(&code).unwrap_or_default();
    // Back to the referring page of this site only (its path and query), else home.
    let back = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.split_once("://").map(|(_, rest)| rest))
        .and_then(|rest| rest.find('/').map(|i| &rest[i..]))
        .filter(|p| p.starts_with('/') && !p.starts_with("//") && !p.starts_with("/lang/"))
        .unwrap_or("/")
        .to_owned();
    ([(header::SET_COOKIE, crate::i18n::cookie(lang))], Redirect::to(&back)).into_response()
}

pub async fn login<S: Store>(
    State(web): State<Arc<Web<S>>>,
    ClientAddr(addr): ClientAddr,
    headers: HeaderMap,
    Form(form): Form<Form_>,
) -> Result<Response, PageError> {
    let username = field(&form, "username").trim().to_owned();
    let lang = Lang::of(&headers);
    let refused = |status, error: String, username: String| {
        render_status(status, &LoginPage { username, error: Some(lang.t_owned(&error)), lang })
    };
    match web.sign_in(&addr, &username, field(&form, "password")).await {
        Ok(opened) => {
            let cookie = session_cookie(&opened.token, docket_app::SESSION_SECONDS, web.options.secure_cookies);
            let home = if opened.account.judge.is_some() { "/my" } else { "/" };
            Ok(([(header::SET_COOKIE, cookie)], Redirect::to(home)).into_response())
        }
        Err(e) => refused(e.status(), e.message(), username),
    }
}

pub async fn logout<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    Form(form): Form<Form_>,
) -> Result<Response, PageError> {
    user.check_csrf(Some(field(&form, "csrf")))?;
    web.docket.sign_out(&user.token, &user.account, unix_now()).await?;
    Ok(([(header::SET_COOKIE, clear_cookie())], Redirect::to("/login")).into_response())
}

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
}

/// What 首页 shows of a court on a day; cached until a write reaches the court (see
/// [`Web::cached`]).
pub struct HomeData {
    pub cards: Vec<Card>,
    pub monthly_svg: String,
    pub age_svg: String,
    pub mix_svg: String,
    pub alerts: Vec<Alert>,
}

const HOME_INDICATORS: &[&str] = &[
    "accepted",
    "closed",
    "closure_rate",
    "pending",
    "avg_duration_days",
    "overdue_pending",
    "long_pending_12m",
    "mediation_withdrawal_rate",
    "recovery_rate",
    "eservice_success_rate",
];

#[derive(serde::Deserialize, Default)]
pub struct HomeQuery {
    #[serde(default)]
    rollup: bool,
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
    let rollup = q.rollup && can_rollup;
    let lang = user.lang;
    let data = web.cached_home(&court, rollup, lang, || home_data(&web, &court, rollup, today, lang)).await?;
    render(&HomePage {
        nav: Nav::new(&web, &user, "home"),
        court_name: web.court_name(court.as_str()),
        period: if lang.is_en() {
            format!("1 January {} to {}", today.year(), today.format("%-d %B %Y"))
        } else {
            format!("{}年1月1日至{}月{}日", today.year(), today.month(), today.day())
        },
        rollup,
        can_rollup,
        data,
    })
}

/// Computes and caches every court's 首页 (in Chinese, the court alone): after a start, the
/// first users of fifty courts would otherwise wait together for fifty computations.
pub(crate) async fn warm_home<S: Store>(web: &Web<S>) -> Result<usize, WebError> {
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
    let ids: Vec<String> = HOME_INDICATORS.iter().map(|s| (*s).to_owned()).collect();
    let (cards, monthly, ages, mix) = {
        let engine = web.engine()?;
        let ytd = engine
            .compute(&MetricsQuery {
                court: court.clone(),
                rollup,
                period: Period::new(year_start, today),
                by: vec![],
                tag: None,
                causes: vec![],
                indicators: ids.clone(),
            })
            .map_err(|e| WebError::Internal(e.to_string()))?;
        let cards: Vec<Card> = ytd
            .first()
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
            .unwrap_or_default();
        let first_month = today.with_day(1).and_then(|d| d.checked_sub_months(Months::new(11))).unwrap_or(year_start);
        let monthly = engine
            .compute(&MetricsQuery {
                court: court.clone(),
                rollup,
                period: Period::new(first_month, today),
                by: vec![Dimension::Time(Grain::Month)],
                tag: None,
                causes: vec![],
                indicators: vec!["filed".into(), "closed".into(), "pending".into()],
            })
            .map_err(|e| WebError::Internal(e.to_string()))?;
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
            .map_err(|e| WebError::Internal(e.to_string()))?;
        let mix = engine
            .compute(&MetricsQuery {
                court: court.clone(),
                rollup,
                period: Period::new(year_start, today),
                by: vec![Dimension::Category],
                tag: None,
                causes: vec![],
                indicators: vec!["filed".into()],
            })
            .map_err(|e| WebError::Internal(e.to_string()))?;
        (cards, monthly, ages, mix)
    };
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

    let due = web.due(court, None, ALERT_HORIZON_DAYS).await?;
    let count = |alert: AlertList| due.iter().filter(|d| alert.keeps(d)).count();
    let (overdue, week, window) = (count(AlertList::Overdue), count(AlertList::Week), count(AlertList::Extension));
    let long =
        cards.iter().find(|c| c.id == "long_pending_12m").and_then(|c| c.value.parse::<usize>().ok()).unwrap_or(0);
    let alerts = vec![
        Alert {
            label: lang.t("已超审限（含诉前调解期限）"),
            count: overdue,
            href: "/cases?alert=overdue".into(),
            level: "danger",
        },
        Alert { label: lang.t("7 日内审限届满"), count: week, href: "/cases?alert=week".into(), level: "warn" },
        Alert {
            label: lang.t("延长审限申请期内"),
            count: window,
            href: "/cases?alert=extension".into(),
            level: "warn",
        },
        Alert { label: lang.t("超 12 个月未结"), count: long, href: "/cases?alert=long".into(), level: "info" },
    ];
    Ok(HomeData { cards, monthly_svg, age_svg, mix_svg, alerts })
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

// ---------------------------------------------------------------- 我的案件 and lists

pub struct CaseLine {
    pub case_no: String,
    pub href: String,
    pub cause: String,
    pub filed_on: String,
    pub judge: String,
    pub status: String,
    pub deadline: String,
    pub countdown: String,
    pub class: &'static str,
    pub tags: String,
    pub warnings: String,
}

#[derive(Template)]
#[template(path = "cases.html")]
struct CasesPage {
    nav: Nav,
    title: String,
    note: String,
    lines: Vec<CaseLine>,
    tag: String,
    tags: Vec<(String, String)>,
    show_filter: bool,
}

pub fn href(case_no: &str) -> String {
    format!("/cases/{}", percent_encode(case_no))
}

/// Percent-encodes a path segment (UTF-8 bytes outside the unreserved set).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn tag_labels(tags: &str, lang: Lang) -> String {
    tags.split(',')
        .filter(|t| !t.is_empty())
        .map(|t| docket_domain::Tag::parse(t).map_or_else(|| t.to_owned(), |t| lang.t_owned(t.label())))
        .collect::<Vec<_>>()
        .join("、")
}

fn due_line<S: Store>(web: &Web<S>, d: &docket_app::DueCase, lang: Lang) -> CaseLine {
    let deadline = d.deadline.deadline_on.map(|x| x.to_string()).unwrap_or_else(|| "—".into());
    let countdown = match (d.days_left, lang) {
        (n, Lang::Zh) if n < 0 => format!("超期 {} 天", -n),
        (n, Lang::En) if n < 0 => format!("{} days over", -n),
        (0, _) => lang.t("今日届满").into(),
        (n, Lang::Zh) => format!("剩 {n} 天"),
        (n, Lang::En) => format!("{n} days left"),
    };
    let class = match d.days_left {
        n if n < 0 => "danger",
        n if n <= 7 => "warn",
        n if n <= 15 => "info",
        _ => "",
    };
    CaseLine {
        warnings: d.warnings.iter().map(|w| w.describe()).collect::<Vec<_>>().join("；"),
        ..row_line(web, &d.row, deadline, countdown, class, lang)
    }
}

/// How far ahead the alert lists look: the civil extension-request window (15 days) covers the
/// 7-day list, so one 审限 list serves every alert.
const ALERT_HORIZON_DAYS: i64 = 15;

/// The 审限 alerts of 首页 and their case lists.
#[derive(Debug, Clone, Copy)]
enum AlertList {
    Overdue,
    Week,
    Extension,
}

impl AlertList {
    fn parse(s: &str) -> Option<Self> {
        match s {
            "overdue" => Some(Self::Overdue),
            "week" => Some(Self::Week),
            "extension" => Some(Self::Extension),
            _ => None,
        }
    }

    fn title(self, lang: Lang) -> &'static str {
        lang.t(match self {
            Self::Overdue => "已超审限（含诉前调解期限）的案件",
            Self::Week => "7 日内审限届满的案件",
            Self::Extension => "在延长审限申请期内的案件",
        })
    }

    fn keeps(self, d: &docket_app::DueCase) -> bool {
        match self {
            Self::Overdue => d.days_left < 0,
            Self::Week => (0..=7).contains(&d.days_left),
            Self::Extension => {
                d.warnings.iter().any(|w| matches!(w, docket_domain::deadline::Warning::ExtensionWindowOpen { .. }))
            }
        }
    }
}

/// A list line for a case without a 审限 to count down.
fn row_line<S: Store>(
    web: &Web<S>,
    r: &docket_store::CaseRow,
    deadline: String,
    countdown: String,
    class: &'static str,
    lang: Lang,
) -> CaseLine {
    CaseLine {
        case_no: r.case_no.clone(),
        href: href(&r.case_no),
        cause: r.cause.clone(),
        filed_on: r.filed_on.to_string(),
        judge: r.judge.as_deref().map(|j| web.judge_name(&r.court, j)).unwrap_or_default(),
        status: status_label(&r.status, lang),
        deadline,
        countdown,
        class,
        tags: tag_labels(&r.tags, lang),
        warnings: String::new(),
    }
}

fn has_tag(tags: &str, tag: &str) -> bool {
    tag.is_empty() || tags.split(',').any(|t| t == tag)
}

/// The colour class of a value against its reasonable range.
pub(crate) fn range_class(v: &docket_metrics::Value) -> &'static str {
    match v.within_range {
        Some(true) => "ok",
        Some(false) => "warn",
        None => "",
    }
}

fn status_label(s: &str, lang: Lang) -> String {
    docket_domain::Status::parse(s).map_or_else(|| s.to_owned(), |s| lang.t(s.label()).to_owned())
}

#[derive(serde::Deserialize, Default)]
pub struct MyQuery {
    tag: Option<String>,
}

pub async fn my_cases<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    PageQuery(q): PageQuery<MyQuery>,
) -> Result<Response, PageError> {
    let a = &user.account;
    let Some(judge) = a.judge.clone() else {
        return Ok(Redirect::to("/").into_response());
    };
    let tag = q.tag.unwrap_or_default();
    let due = web.due(&a.court, Some(&judge), i64::MAX / 4).await?;
    let mut lines: Vec<CaseLine> =
        due.iter().filter(|d| has_tag(&d.row.tags, &tag)).map(|d| due_line(&web, d, user.lang)).collect();
    // Open cases without a running 审限 (suspended, or no limit) come last.
    let undated = web.undated(&a.court, &judge).await?;
    lines.extend(undated.iter().filter(|r| has_tag(&r.tags, &tag)).map(|r| {
        let countdown = if r.suspended_since.is_some() { "审限中止" } else { "无审限" };
        row_line(&web, r, "—".into(), user.lang.t(countdown).into(), "", user.lang)
    }));
    render(&CasesPage {
        nav: Nav::new(&web, &user, "my"),
        title: user.lang.t("我的案件").into(),
        note: if user.lang.is_en() {
            format!("{} open cases by time limit; on the same day, green-channel cases first", lines.len())
        } else {
            format!("{} 件未结，按审限先后排列，同日到期的绿色通道案件在前", lines.len())
        },
        lines,
        tag,
        tags: docket_domain::case::KNOWN_TAGS
            .iter()
            .map(|(id, l)| ((*id).to_owned(), user.lang.t(l).to_owned()))
            .collect(),
        show_filter: true,
    })
}

#[derive(serde::Deserialize, Default)]
pub struct CasesQuery {
    alert: Option<String>,
    judge: Option<String>,
}

pub async fn cases<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    PageQuery(q): PageQuery<CasesQuery>,
) -> Result<Response, PageError> {
    let a = &user.account;
    if !a.principal().may_view_court(&a.court) {
        return Err(WebError::NotFound.into());
    }
    let today = web.today();
    let filter = CaseFilter { court: Some(a.court.to_string()), judge: q.judge.clone(), department: None };
    let principal = a.principal();
    let lang = user.lang;
    let (title, lines) = if let Some(alert) = q.alert.as_deref().and_then(AlertList::parse) {
        let due = web.due(&a.court, q.judge.as_deref(), ALERT_HORIZON_DAYS).await?;
        let lines = due
            .iter()
            .filter(|d| alert.keeps(d) && web.readable(&principal, &d.row))
            .map(|d| due_line(&web, d, lang))
            .collect::<Vec<_>>();
        (alert.title(lang), lines)
    } else if q.alert.as_deref() == Some("long") {
        let cutoff = today.checked_sub_months(Months::new(12)).unwrap_or(today);
        let rows = web.docket.store().cases_open_at(today, &filter).await.map_err(docket_app::AppError::from)?;
        let lines = rows
            .iter()
            .filter(|r| r.filed_on < cutoff && web.readable(&principal, r))
            .map(|r| {
                let days = (today - r.filed_on).num_days();
                let age = if lang.is_en() { format!("{days} days") } else { format!("已 {days} 天") };
                row_line(&web, r, "—".into(), age, "info", lang)
            })
            .collect();
        (lang.t("超 12 个月未结的案件"), lines)
    } else {
        let rows = web.docket.store().list_cases(&filter, false, 200, 0).await.map_err(docket_app::AppError::from)?;
        let lines = rows
            .iter()
            .filter(|r| web.readable(&principal, r))
            .map(|r| {
                let closed = r.closed_on.map(|d| format!("{d} {}", lang.t("结案"))).unwrap_or_default();
                row_line(&web, r, closed, String::new(), "", lang)
            })
            .collect();
        (lang.t("最近立案的案件"), lines)
    };
    render(&CasesPage {
        nav: Nav::new(&web, &user, "cases"),
        title: title.into(),
        note: if lang.is_en() { format!("{} cases", lines.len()) } else { format!("共 {} 件", lines.len()) },
        lines,
        tag: String::new(),
        tags: vec![],
        show_filter: false,
    })
}

// ---------------------------------------------------------------- 案件详情 and actions

pub struct PartyLine {
    pub role: String,
    pub name: String,
    pub id: String,
}

pub struct TimelineLine {
    pub seq: i64,
    pub on: String,
    pub description: String,
    pub hash: String,
    pub chain_seq: i64,
}

/// One action form on the case page.
pub struct ActionForm {
    pub id: &'static str,
    pub title: &'static str,
    pub fields_html: String,
    pub errors: Vec<FieldError>,
}

#[derive(Template)]
#[template(path = "case.html")]
struct CasePage {
    nav: Nav,
    case_no: String,
    post_href: String,
    title: String,
    facts: Vec<(&'static str, String)>,
    sealed: bool,
    tags: String,
    parties: Vec<PartyLine>,
    deadline: String,
    deadline_steps: String,
    warnings: Vec<String>,
    lineage: Vec<(String, String)>,
    timeline: Vec<TimelineLine>,
    actions: Vec<ActionForm>,
    today: String,
    notice: Option<String>,
    /// 证据: the case's evidence files, and the upload form when the account may store one.
    evidence: Vec<EvidenceLine>,
    evidence_form: bool,
    evidence_href: String,
    evidence_errors: Vec<FieldError>,
    media_types: Vec<(&'static str, &'static str)>,
    /// Where a timeline entry's verification bundle is downloaded (the entry's number appended).
    bundle_href: String,
}

/// One evidence file on the case page.
pub struct EvidenceLine {
    pub number: i64,
    pub name: String,
    pub media_type: String,
    pub size: String,
    pub sha256: String,
    pub source: String,
    pub method: String,
    pub stored: String,
    pub download_href: String,
    pub bundle_href: String,
}

/// The interchange event types a case page has a form for.
const EVENT_TYPES: &[&str] = &[
    "assigned",
    "hearing_scheduled",
    "hearing_held",
    "hearing_postponed",
    "suspended",
    "resumed",
    "procedure_changed",
    "extension_requested",
    "extended",
    "closed",
    "service_attempted",
    "recovered",
    "reopened",
    "archived",
];

/// The stable id of an action (the API's `actions` list and the forms).
pub fn action_id(a: Action) -> &'static str {
    match a {
        Action::Read => "read",
        Action::Assign => "assign",
        Action::Hearing => "hearing",
        Action::Suspend => "suspend",
        Action::ChangeProcedure => "change_procedure",
        Action::RequestExtension => "request_extension",
        Action::ApproveExtension(Approver::President) => "approve_extension_president",
        Action::ApproveExtension(Approver::HigherCourt) => "approve_extension_higher_court",
        Action::Close => "close",
        Action::Service => "service",
        Action::Recovery => "recovery",
        Action::Reopen => "reopen",
        Action::Archive => "archive",
        Action::Evidence => "evidence",
    }
}

fn options(items: impl IntoIterator<Item = (String, String)>) -> String {
    items
        .into_iter()
        .map(|(v, l)| format!("<option value=\"{}\">{}</option>", crate::html_escape(&v), crate::html_escape(&l)))
        .collect()
}

fn select(name: &str, label: &str, items: impl IntoIterator<Item = (String, String)>) -> String {
    format!("<label>{label}<select name=\"{name}\">{}</select></label>", options(items))
}

fn action_forms<S: Store>(
    web: &Web<S>,
    account: &Account,
    case: &VisibleCase,
    view: &docket_app::CaseView,
    lang: Lang,
) -> Vec<ActionForm> {
    let p = account.principal();
    let open = case.row.status != "closed";
    let suspended = case.row.suspended_since.is_some();
    let mut out = Vec::new();
    let mut add = |action: Action, title: &'static str, applies: bool, fields_html: String| {
        if applies && p.may(action, &case.scope()) {
            // One form per event type: its id is the type the form records.
            let id = EVENT_TYPES
                .iter()
                .copied()
                .find(|t| fields_html.contains(&format!("value=\"{t}\"")))
                .unwrap_or(action_id(action));
            let fields_html = crate::i18n::text_nodes(&fields_html, lang);
            out.push(ActionForm { id, title: lang.t(title), fields_html, errors: vec![] });
        }
    };
    let judges = web
        .judges_of(&case.court)
        .into_iter()
        .map(|j| (j.code.clone(), format!("{}（{}）", j.name, j.code)))
        .collect::<Vec<_>>();
    add(
        Action::Assign,
        "分案",
        open,
        format!("<input type=\"hidden\" name=\"type\" value=\"assigned\">{}", select("judge", "承办法官", judges)),
    );
    add(
        Action::Hearing,
        "排期开庭",
        open,
        "<input type=\"hidden\" name=\"type\" value=\"hearing_scheduled\"><label>开庭日期<input type=\"date\" name=\"hearing_on\" required></label>".into(),
    );
    add(
        Action::Hearing,
        "记录开庭",
        open && view.state.next_hearing.is_some(),
        "<input type=\"hidden\" name=\"type\" value=\"hearing_held\">".into(),
    );
    add(
        Action::Hearing,
        "延期开庭",
        open && view.state.next_hearing.is_some(),
        "<input type=\"hidden\" name=\"type\" value=\"hearing_postponed\"><label>延期事由<input name=\"reason\" maxlength=\"200\" required></label>".into(),
    );
    add(
        Action::Suspend,
        "扣除审限（中止）",
        open && !suspended,
        format!(
            "<input type=\"hidden\" name=\"type\" value=\"suspended\">{}",
            select(
                "reason",
                "事由",
                SuspensionReason::ALL.iter().map(|r| (r.as_str().to_owned(), r.label().to_owned()))
            )
        ),
    );
    add(
        Action::Suspend,
        "恢复审理",
        open && suspended,
        "<input type=\"hidden\" name=\"type\" value=\"resumed\">".into(),
    );
    let allowed: Vec<(String, String)> = CaseType::lookup(&case.row.type_code)
        .map(|t| t.procedures.iter().map(|p| (p.as_str().to_owned(), p.label().to_owned())).collect())
        .unwrap_or_default();
    add(
        Action::ChangeProcedure,
        "程序转换",
        open && allowed.len() > 1,
        format!(
            "<input type=\"hidden\" name=\"type\" value=\"procedure_changed\">{}",
            select("procedure", "转为", allowed)
        ),
    );
    let approvers =
        || [Approver::President, Approver::HigherCourt].map(|a| (a.as_str().to_owned(), a.label().to_owned()));
    add(
        Action::RequestExtension,
        "申请延长审限",
        open && view.state.pending_extension.is_none(),
        format!(
            "<input type=\"hidden\" name=\"type\" value=\"extension_requested\"><label>延长月数<input type=\"number\" name=\"months\" min=\"1\" max=\"12\" value=\"6\"></label>{}",
            select("approver", "报请", approvers())
        ),
    );
    if let Some((_, length, approver)) = view.state.pending_extension {
        let (unit, n) = match length {
            docket_domain::Period::Months(m) => ("months", m),
            docket_domain::Period::Days(d) => ("days", d),
        };
        add(
            Action::ApproveExtension(approver),
            "批准延长审限",
            open,
            format!(
                "<input type=\"hidden\" name=\"type\" value=\"extended\"><input type=\"hidden\" name=\"{unit}\" value=\"{n}\"><input type=\"hidden\" name=\"approver\" value=\"{}\"><p>批准延长 {}（{}）</p>",
                approver.as_str(),
                length.label(),
                approver.label()
            ),
        );
    }
    let methods = CloseMethod::ALL
        .iter()
        .filter(|m| {
            let enforcement = case.category == docket_domain::Category::Enforcement;
            m.is_enforcement() == enforcement || matches!(m, CloseMethod::Other)
        })
        .map(|m| (m.as_str().to_owned(), m.label().to_owned()));
    add(
        Action::Close,
        "结案",
        open,
        format!(
            "<input type=\"hidden\" name=\"type\" value=\"closed\">{}<label>结果（可选）<input name=\"outcome\" maxlength=\"200\"></label>",
            select("method", "结案方式", methods)
        ),
    );
    add(
        Action::Service,
        "记录送达",
        open,
        format!(
            "<input type=\"hidden\" name=\"type\" value=\"service_attempted\">{}{}",
            select(
                "channel",
                "方式",
                ServiceChannel::ALL.iter().map(|c| (c.as_str().to_owned(), c.label().to_owned()))
            ),
            select(
                "delivered",
                "结果",
                [("true".to_owned(), "送达成功".to_owned()), ("false".to_owned(), "未送达".to_owned())]
            )
        ),
    );
    add(
        Action::Recovery,
        "执行到位款",
        case.category == docket_domain::Category::Enforcement,
        "<input type=\"hidden\" name=\"type\" value=\"recovered\"><label>金额（元）<input name=\"amount\" inputmode=\"decimal\" required></label>".into(),
    );
    add(Action::Reopen, "恢复（撤销结案）", !open, "<input type=\"hidden\" name=\"type\" value=\"reopened\">".into());
    add(
        Action::Archive,
        "归档",
        !open && case.row.archived_on.is_none(),
        "<input type=\"hidden\" name=\"type\" value=\"archived\">".into(),
    );
    out
}

/// The form of the case page that was refused, if any, with its errors (shown at that form).
pub enum Refused<'a> {
    Nothing,
    /// An action form, by its id.
    Action(&'a str, Vec<FieldError>),
    /// The evidence upload.
    Evidence(Vec<FieldError>),
}

fn case_page<S: Store>(
    web: &Web<S>,
    user: &User,
    case: &VisibleCase,
    view: &docket_app::CaseView,
    refused: Refused<'_>,
    notice: Option<String>,
    evidence: &[docket_store::EvidenceRow],
) -> CasePage {
    let r = &case.row;
    let api = format!("/api/v1/cases/{}", percent_encode(&r.case_no));
    let full_ids = web.sees_full_ids(&user.account, case);
    let lang = user.lang;
    let mut facts = vec![
        ("法院", view.court_name.clone().unwrap_or_else(|| r.court.clone())),
        (
            "类型",
            CaseType::lookup(&r.type_code).map_or_else(|| r.type_code.clone(), |t| format!("{}（{}）", t.name, t.code)),
        ),
        ("程序", Procedure::parse(&r.procedure).map_or_else(|| r.procedure.clone(), |p| lang.t(p.label()).to_owned())),
        ("案由", r.cause.clone()),
        ("立案日期", r.filed_on.to_string()),
        ("状态", status_label(&r.status, lang)),
        ("承办法官", view.judge_name.clone().unwrap_or_else(|| lang.t("未分案").into())),
    ];
    if let Some(d) = &view.department_name {
        facts.push(("承办部门", d.clone()));
    }
    if let Some(c) = r.closed_on {
        facts.push(("结案日期", c.to_string()));
    }
    if let Some(m) = &r.close_method {
        facts.push(("结案方式", CloseMethod::parse(m).map_or_else(|| m.clone(), |m| lang.t(m.label()).to_owned())));
    }
    if let Some(f) = r.claim_amount_fen {
        facts.push(("标的额", format!("{}.{:02} 元", f / 100, f % 100)));
    }
    if r.recovered_fen > 0 {
        facts.push(("执行到位", format!("{}.{:02} 元", r.recovered_fen / 100, r.recovered_fen % 100)));
    }
    let mut actions = action_forms(web, &user.account, case, view, user.lang);
    let mut evidence_errors = vec![];
    match refused {
        Refused::Nothing => {}
        Refused::Action(id, errors) => {
            if let Some(form) = actions.iter_mut().find(|f| f.id == id) {
                form.errors = errors;
            }
        }
        Refused::Evidence(errors) => evidence_errors = errors,
    }
    let mut lineage = Vec::new();
    if let Some(o) = &r.origin {
        lineage.push((lang.t("原审案件").to_owned(), o.clone()));
    }
    for d in &view.derived {
        lineage.push((lang.t("派生案件").to_owned(), d.clone()));
    }
    CasePage {
        nav: Nav::new(web, user, "cases"),
        case_no: r.case_no.clone(),
        post_href: format!("{}/events", href(&r.case_no)),
        title: r.case_no.clone(),
        facts: facts.into_iter().map(|(k, v)| (lang.t(k), v)).collect(),
        sealed: r.sealed,
        tags: tag_labels(&r.tags, user.lang),
        parties: view
            .parties
            .iter()
            .map(|p| PartyLine {
                role: docket_domain::PartyRole::parse(&p.role)
                    .map_or_else(|| p.role.clone(), |r| lang.t(r.label()).to_owned()),
                name: p.name.clone(),
                id: p
                    .id_number
                    .as_deref()
                    .map(|n| if full_ids { n.to_owned() } else { crate::api::mask(p.id_type.as_deref(), n) })
                    .unwrap_or_default(),
            })
            .collect(),
        deadline: view.deadline.deadline_on.map_or_else(|| lang.t("无（中止中或无审限）").into(), |d| d.to_string()),
        deadline_steps: view.deadline.explain(),
        warnings: view.warnings.iter().map(|w| w.describe()).collect(),
        lineage,
        timeline: view
            .timeline
            .iter()
            .map(|t| TimelineLine {
                seq: t.case_seq,
                on: t.on.map(|d| d.to_string()).unwrap_or_default(),
                description: t.description.clone(),
                hash: t.hash_hex.chars().take(16).collect(),
                chain_seq: t.court_seq,
            })
            .collect(),
        actions,
        today: web.today().to_string(),
        notice,
        evidence: evidence
            .iter()
            .map(|e| EvidenceLine {
                number: e.number,
                name: e.name.clone(),
                media_type: docket_app::MEDIA_TYPES
                    .iter()
                    .find(|(t, _)| *t == e.media_type)
                    .map_or_else(|| e.media_type.clone(), |(_, l)| (*l).to_owned()),
                size: if e.size >= 1024 * 1024 {
                    format!("{:.1} MB", e.size as f64 / 1024.0 / 1024.0)
                } else {
                    format!("{:.1} KB", e.size as f64 / 1024.0)
                },
                sha256: docket_domain::chain::hex(&e.sha256),
                source: e.source.clone(),
                method: e.method.clone(),
                stored: format!(
                    "{} {}",
                    e.stored_by,
                    e.recorded_at.get(..19).unwrap_or(&e.recorded_at).replace('T', " ")
                ),
                download_href: format!("{api}/evidence/{}", e.number),
                bundle_href: format!("{api}/evidence/{}/bundle", e.number),
            })
            .collect(),
        evidence_form: user.account.principal().may(Action::Evidence, &case.scope()),
        evidence_href: format!("{}/evidence", href(&r.case_no)),
        evidence_errors,
        media_types: docket_app::MEDIA_TYPES.to_vec(),
        bundle_href: format!("{api}/events/"),
    }
}

#[derive(serde::Deserialize, Default)]
pub struct CaseQuery {
    done: Option<String>,
}

pub async fn case<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    Path(case_no): Path<String>,
    PageQuery(q): PageQuery<CaseQuery>,
) -> Result<Response, PageError> {
    let (visible, view) = web.view_for(&user.account, &case_no).await?;
    let notice = q.done.filter(|d| !d.is_empty()).map(|d| format!("已记录：{d}"));
    case_page_with_evidence(&web, &user, &visible, &view, Refused::Nothing, notice).await
}

/// The case page with its evidence list read; 422 when it shows a refused form.
pub async fn case_page_with_evidence<S: Store>(
    web: &Web<S>,
    user: &User,
    case: &VisibleCase,
    view: &docket_app::CaseView,
    refused: Refused<'_>,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let rows = web
        .docket
        .store()
        .case_evidence(&case.row.court, &case.row.case_no)
        .await
        .map_err(docket_app::AppError::from)?;
    let was_refused = !matches!(refused, Refused::Nothing);
    let page = case_page(web, user, case, view, refused, notice, &rows);
    if was_refused { render_status(StatusCode::UNPROCESSABLE_ENTITY, &page) } else { render(&page) }
}

/// The interchange event object a case action form describes.
fn event_object(form: &Form_, case_no: &str) -> Json {
    let mut m = Map::new();
    m.insert("kind".into(), json!("event"));
    m.insert("case_no".into(), json!(case_no));
    for (k, v) in form {
        let v = v.trim();
        if v.is_empty() {
            continue;
        }
        match k.as_str() {
            "months" | "days" => {
                m.insert(k.clone(), v.parse::<i64>().map_or_else(|_| json!(v), |n| json!(n)));
            }
            "delivered" => {
                m.insert(k.clone(), json!(v == "true"));
            }
            "type" | "on" | "judge" | "department" | "procedure" | "hearing_on" | "reason" | "approver" | "method"
            | "outcome" | "amount" | "channel" => {
                m.insert(k.clone(), json!(v));
            }
            _ => {}
        }
    }
    Json::Object(m)
}

pub async fn case_event<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    Path(case_no): Path<String>,
    Form(form): Form<Form_>,
) -> Result<Response, PageError> {
    user.check_csrf(Some(field(&form, "csrf")))?;
    let case = web.case_for(&user.account, &case_no).await?;
    let action = field(&form, "action").to_owned();
    let refuse = |errors: Vec<FieldError>, case: VisibleCase| {
        let web = web.clone();
        let user = user.clone();
        let action = action.clone();
        async move {
            let view = web.docket.case_view(&case.row.case_no, web.today()).await?;
            case_page_with_evidence(&web, &user, &case, &view, Refused::Action(&action, errors), None).await
        }
    };
    let body = event_object(&form, &case.row.case_no);
    let event = match parse_line(1, &body.to_string()) {
        Ok(Record::Event(e)) => e.event,
        Ok(_) => return Err(WebError::BadRequest("不是事件".into()).into()),
        Err(errors) => {
            return refuse(errors.into_iter().map(|e| FieldError::new(label_of(&e.field), e.message)).collect(), case)
                .await;
        }
    };
    web.require(&user.account, Action::of_event(&event.kind), &case)?;
    let describe = event.kind.describe();
    match web.docket.append_event(&case.case_no, event, web.today(), Some((&user.account, &describe))).await {
        Ok(()) => {}
        Err(docket_app::AppError::Fields(errors)) => {
            return refuse(errors.into_iter().map(|e| FieldError::new(label_of(&e.field), e.message)).collect(), case)
                .await;
        }
        Err(e) => return Err(e.into()),
    }
    web.refresh_case(&case.case_no).await?;
    Ok(Redirect::to(&format!("{}?done={}", href(&case.row.case_no), percent_encode(&describe))).into_response())
}

/// The Chinese label of an interchange field, for messages at a form field.
fn label_of(field: &str) -> String {
    let label = match field {
        "on" => "日期",
        "judge" => "承办法官",
        "hearing_on" => "开庭日期",
        "reason" => "事由",
        "months" | "days" => "延长期限",
        "approver" => "批准人",
        "method" => "结案方式",
        "amount" => "金额",
        "channel" => "送达方式",
        "procedure" => "程序",
        "type" => "操作",
        "court" => "法院",
        "cause" => "案由",
        "received_on" => "收案日期",
        "filed_on" => "立案日期",
        "claim_amount" => "标的额",
        "tags" => "标签",
        "origin" => "原审案号",
        "parties" => "当事人",
        _ => return field.to_owned(),
    };
    label.to_owned()
}

// ---------------------------------------------------------------- 立案

#[derive(Template)]
#[template(path = "file.html")]
struct FilePage {
    nav: Nav,
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
    types: Vec<(String, String)>,
    procedures: Vec<(String, String)>,
    roles: Vec<(String, String)>,
    judges: Vec<(String, String)>,
    tags: Vec<(String, String, bool)>,
    hints: FilingHints,
    party_rows: Vec<usize>,
    lang: Lang,
}

/// A case that shares a party with the one being filed (关联案件).
pub struct RelatedLine {
    pub case_no: String,
    pub href: String,
    pub party: String,
    pub cause: String,
    pub filed_on: String,
    pub status: String,
}

/// What the filing form tells the clerk as it is filled in: the 繁简分流 suggestion and the
/// cases the same parties are in (by ID number or credit code; organisations also by name),
/// within the court and its lower courts, only those the account may read.
pub struct FilingHints {
    pub suggestion: Option<String>,
    pub related: Vec<RelatedLine>,
}

#[derive(Template)]
#[template(path = "filing_hints_fragment.html")]
struct HintsFragment {
    hints: FilingHints,
    lang: Lang,
}

/// Related cases shown per party, at most.
const RELATED_PER_PARTY: i64 = 5;

async fn filing_hints<S: Store>(web: &Web<S>, user: &User, form: &Form_) -> Result<FilingHints, WebError> {
    let principal = user.account.principal();
    let mut related: Vec<RelatedLine> = Vec::new();
    for i in 0..PARTY_ROWS {
        let name = field(form, &format!("p{i}_name")).trim();
        let raw_id = field(form, &format!("p{i}_id")).trim();
        let organisation = field(form, &format!("p{i}_kind")) == "organization";
        if name.is_empty() && raw_id.is_empty() {
            continue;
        }
        // A resident ID is matched in its checked form (x → X); an unparseable one is not used.
        let id = if raw_id.is_empty() {
            None
        } else {
            let t = if organisation { docket_domain::IdType::CreditCode } else { docket_domain::IdType::ResidentId };
            docket_domain::PartyId::parse(t, raw_id).ok().map(|p| p.number().to_owned())
        };
        let org_name = (organisation && !name.is_empty()).then_some(name);
        if id.is_none() && org_name.is_none() {
            continue;
        }
        let rows = web
            .docket
            .store()
            .cases_with_party(user.account.court.as_str(), id.as_deref(), org_name, RELATED_PER_PARTY)
            .await
            .map_err(docket_app::AppError::from)?;
        for r in rows.iter().filter(|r| web.readable(&principal, r)) {
            if related.iter().any(|x| x.case_no == r.case_no) {
                continue;
            }
            related.push(RelatedLine {
                case_no: r.case_no.clone(),
                href: href(&r.case_no),
                party: name.to_owned(),
                cause: r.cause.clone(),
                filed_on: r.filed_on.to_string(),
                status: status_label(&r.status, user.lang),
            });
        }
    }
    Ok(FilingHints { suggestion: suggest_procedure(form), related })
}

/// `GET /file/hints?<the form's fields>`: the hints as an HTML fragment, for the form's own small
/// script to show while the clerk types (the same fragment the page renders on submit).
pub async fn file_hints<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    PageQuery(form): PageQuery<Form_>,
) -> Result<Response, PageError> {
    if !user.account.principal().may_file(&user.account.court) {
        return Err(WebError::NotFound.into());
    }
    render(&HintsFragment { hints: filing_hints(&web, &user, &form).await?, lang: user.lang })
}

impl FilePage {
    fn value(&self, k: &str) -> &str {
        self.values.get(k).map_or("", String::as_str)
    }
    fn error(&self, k: &str) -> &str {
        self.errors.get(k).map_or("", String::as_str)
    }
    fn selected(&self, k: &str, v: &str) -> bool {
        self.values.get(k).is_some_and(|x| x == v)
    }
}

const PARTY_ROWS: usize = 4;

async fn file_page<S: Store>(
    web: &Web<S>,
    user: &User,
    form: &Form_,
    errors: Vec<FieldError>,
) -> Result<FilePage, WebError> {
    let values: BTreeMap<String, String> = form.iter().filter(|(k, _)| k != "tags").cloned().collect();
    let chosen_tags: Vec<&str> = form.iter().filter(|(k, _)| k == "tags").map(|(_, v)| v.as_str()).collect();
    let mut errs = BTreeMap::new();
    for e in errors {
        // parties[1].name → p1_name, the form's field.
        let key = match e.field.strip_prefix("parties[") {
            Some(rest) => match rest.split_once("].") {
                Some((i, f)) => format!("p{i}_{}", if f == "id_number" { "id" } else { f }),
                None => "parties".into(),
            },
            None => e.field.clone(),
        };
        errs.entry(key).and_modify(|m: &mut String| m.push_str(&format!("；{}", e.message))).or_insert(e.message);
    }
    let hints = filing_hints(web, user, form).await?;
    Ok(FilePage {
        nav: Nav::new(web, user, "file"),
        values,
        errors: errs,
        types: docket_domain::case_type::TYPES
            .iter()
            .map(|t| (t.code.to_owned(), format!("{}（{}）", t.name, t.code)))
            .collect(),
        procedures: Procedure::ALL.iter().map(|p| (p.as_str().to_owned(), user.lang.t(p.label()).to_owned())).collect(),
        roles: docket_domain::PartyRole::ALL
            .iter()
            .map(|r| (r.as_str().to_owned(), user.lang.t(r.label()).to_owned()))
            .collect(),
        judges: web
            .judges_of(&user.account.court)
            .into_iter()
            .map(|j| (j.code.clone(), format!("{}（{}）", j.name, j.code)))
            .collect(),
        tags: docket_domain::case::KNOWN_TAGS
            .iter()
            .map(|(id, l)| ((*id).to_owned(), user.lang.t(l).to_owned(), chosen_tags.contains(id)))
            .collect(),
        hints,
        party_rows: (0..PARTY_ROWS).collect(),
        lang: user.lang,
    })
}

/// 繁简分流: a suggested procedure for a civil first-instance case from its amount and parties.
/// The thresholds follow 民诉法 §165 (小额诉讼: 标的额 under 50% of the province's average annual
/// wage; 内蒙古 2024 about 5 万元) and the common practice of 简易 for simple two-party disputes.
pub fn suggest_procedure(form: &Form_) -> Option<String> {
    if field(form, "type") != "民初" {
        return None;
    }
    let amount: Option<f64> = field(form, "claim_amount").trim().parse().ok();
    let parties = (0..PARTY_ROWS).filter(|i| !field(form, &format!("p{i}_name")).trim().is_empty()).count();
    let (p, why) = match amount {
        Some(a) if a <= 50_000.0 && parties <= 2 => (Procedure::SmallClaims, "标的额不超过 5 万元、当事人两方"),
        Some(a) if a <= 1_000_000.0 && parties <= 3 => (Procedure::Simple, "标的额不超过 100 万元、当事人不超过三方"),
        Some(_) => (Procedure::Ordinary, "标的额超过 100 万元或当事人较多"),
        None if parties <= 2 => (Procedure::Simple, "当事人两方、无标的额"),
        None => (Procedure::Ordinary, "当事人较多"),
    };
    Some(format!("繁简分流建议：{}（{}）", p.label(), why))
}

pub async fn file_form<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
) -> Result<Response, PageError> {
    if !user.account.principal().may_file(&user.account.court) {
        return Err(WebError::Forbidden(format!("{}不能立案", user.account.role.label())).into());
    }
    let today = web.today().to_string();
    let form = vec![
        ("filed_on".to_owned(), today),
        ("type".to_owned(), "民初".to_owned()),
        ("procedure".to_owned(), "simple".to_owned()),
        ("p0_role".to_owned(), "plaintiff".to_owned()),
        ("p1_role".to_owned(), "defendant".to_owned()),
    ];
    render(&file_page(&web, &user, &form, vec![]).await?)
}

pub async fn file<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    Form(form): Form<Form_>,
) -> Result<Response, PageError> {
    user.check_csrf(Some(field(&form, "csrf")))?;
    if !user.account.principal().may_file(&user.account.court) {
        return Err(WebError::Forbidden(format!("{}不能立案", user.account.role.label())).into());
    }
    let filed_on = match field(&form, "filed_on").trim() {
        "" => None,
        s => match s.parse::<NaiveDate>() {
            Ok(d) => Some(d),
            Err(_) => {
                let page =
                    file_page(&web, &user, &form, vec![FieldError::new("filed_on", "请填写日期，如 2025-03-01")])
                        .await?;
                return render_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
            }
        },
    };
    let filing = Filing {
        court: user.account.court.to_string(),
        type_code: field(&form, "type").to_owned(),
        procedure: field(&form, "procedure").to_owned(),
        cause: field(&form, "cause").to_owned(),
        received_on: field(&form, "received_on").to_owned(),
        filed_on,
        online: field(&form, "online") == "true",
        claim_amount: field(&form, "claim_amount").to_owned(),
        tags: form.iter().filter(|(k, _)| k == "tags").map(|(_, v)| v.clone()).collect(),
        origin: field(&form, "origin").to_owned(),
        sealed: field(&form, "sealed") == "true",
        parties: (0..PARTY_ROWS)
            .map(|i| FilingParty {
                role: field(&form, &format!("p{i}_role")).to_owned(),
                kind: field(&form, &format!("p{i}_kind")).to_owned(),
                name: field(&form, &format!("p{i}_name")).to_owned(),
                id_number: field(&form, &format!("p{i}_id")).to_owned(),
            })
            .collect(),
        judge: field(&form, "judge").to_owned(),
    };
    match web.docket.file_case(filing, web.today(), Some(&user.account)).await {
        Ok(case_no) => {
            web.refresh_case(&case_no).await?;
            Ok(Redirect::to(&format!("{}?done={}", href(&case_no.to_string()), percent_encode("立案"))).into_response())
        }
        Err(docket_app::AppError::Fields(errors)) => {
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &file_page(&web, &user, &form, errors).await?)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "users.html")]
struct UsersPage {
    nav: Nav,
    users: Vec<Account>,
    roles: Vec<(String, String)>,
    judges: Vec<(String, String)>,
    values: BTreeMap<String, String>,
    error: Option<String>,
    notice: Option<String>,
}

async fn users_page<S: Store>(
    web: &Web<S>,
    user: &User,
    form: &Form_,
    error: Option<String>,
    notice: Option<String>,
) -> Result<UsersPage, PageError> {
    Ok(UsersPage {
        nav: Nav::new(web, user, "admin"),
        users: web.docket.accounts(&user.account.court).await?,
        roles: Role::ALL.iter().map(|r| (r.as_str().to_owned(), user.lang.t(r.label()).to_owned())).collect(),
        judges: web
            .judges_of(&user.account.court)
            .into_iter()
            .map(|j| (j.code.clone(), format!("{}（{}）", j.name, j.code)))
            .collect(),
        values: form.iter().filter(|(k, _)| k != "password" && k != "csrf").cloned().collect(),
        error,
        notice,
    })
}

pub async fn users<S: Store>(State(web): State<Arc<Web<S>>>, PageUser(user): PageUser) -> Result<Response, PageError> {
    if !user.account.principal().may_manage_users(&user.account.court) {
        return Err(WebError::NotFound.into());
    }
    render(&users_page(&web, &user, &vec![], None, None).await?)
}

pub async fn add_user<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    Form(form): Form<Form_>,
) -> Result<Response, PageError> {
    user.check_csrf(Some(field(&form, "csrf")))?;
    if !user.account.principal().may_manage_users(&user.account.court) {
        return Err(WebError::NotFound.into());
    }
    let new = NewAccount {
        username: field(&form, "username").trim().to_owned(),
        court: user.account.court.to_string(),
        role: field(&form, "role").to_owned(),
        judge: Some(field(&form, "judge").trim().to_owned()).filter(|j| !j.is_empty()),
        name: Some(field(&form, "name").trim().to_owned()),
        password: field(&form, "password").to_owned(),
    };
    match web.docket.add_account(new, Some(&user.account)).await {
        Ok(account) => {
            let notice = format!("已创建用户 {}（{}）", account.username, account.role.label());
            render(&users_page(&web, &user, &vec![], None, Some(notice)).await?)
        }
        Err(docket_app::AppError::Invalid(m)) => {
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &users_page(&web, &user, &form, Some(m), None).await?)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    nav: Nav,
    rows: Vec<docket_store::AuditRow>,
}

pub async fn audit<S: Store>(State(web): State<Arc<Web<S>>>, PageUser(user): PageUser) -> Result<Response, PageError> {
    if !user.account.principal().may_read_audit(&user.account.court) {
        return Err(WebError::NotFound.into());
    }
    let rows =
        web.docket.store().audit_log(user.account.court.as_str(), 500).await.map_err(docket_app::AppError::from)?;
    render(&AuditPage { nav: Nav::new(&web, &user, "audit"), rows })
}

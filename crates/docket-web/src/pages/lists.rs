//! 我的案件 and 案件: the judge's open cases by 审限, a court's case list, and the alert lists.

use std::sync::Arc;

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Months;
use docket_store::{CaseFilter, Store};

use super::frame::{CaseLine, Nav, render, row_line};
use crate::Web;
use crate::auth::PageUser;
use crate::error::{PageError, WebError};
use crate::i18n::Lang;
use crate::query::PageQuery;

// ---------------------------------------------------------------- 我的案件 and lists

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
/// 7-day list, so one 审限 list serves every alert (and 审限预警, the work queue).
pub(super) use crate::queues::ALERT_HORIZON_DAYS;

/// The 审限 alerts of 首页 and their case lists.
#[derive(Debug, Clone, Copy)]
pub(super) enum AlertList {
    Overdue,
    Week,
    Extension,
}

impl AlertList {
    pub(super) fn parse(s: &str) -> Option<Self> {
        match s {
            "overdue" => Some(Self::Overdue),
            "week" => Some(Self::Week),
            "extension" => Some(Self::Extension),
            _ => None,
        }
    }

    pub(super) fn title(self, lang: Lang) -> &'static str {
        lang.t(match self {
            Self::Overdue => "已超审限（含诉前调解期限）的案件",
            Self::Week => "7 日内审限届满的案件",
            Self::Extension => "在延长审限申请期内的案件",
        })
    }

    pub(super) fn keeps(self, d: &docket_app::DueCase) -> bool {
        match self {
            Self::Overdue => d.days_left < 0,
            Self::Week => (0..=7).contains(&d.days_left),
            Self::Extension => {
                d.warnings.iter().any(|w| matches!(w, docket_domain::deadline::Warning::ExtensionWindowOpen { .. }))
            }
        }
    }
}

fn has_tag(tags: &[docket_domain::Tag], tag: &str) -> bool {
    tag.is_empty() || tags.iter().any(|t| t.as_str() == tag)
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
        let countdown = if r.suspended.is_some() { "审限中止" } else { "无审限" };
        row_line(&web, r, "—".into(), user.lang.t(countdown).into(), "", user.lang)
    }));
    render(&CasesPage {
        nav: Nav::load(&web, &user, "my").await?,
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
    PageQuery(search): PageQuery<crate::search::SearchParams>,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let a = &user.account;
    if !a.principal().may_view_court(&a.court) {
        return Err(WebError::NotFound.into());
    }
    // 上级法院查看 watches the courts below: its case list opens on them.
    if a.role == docket_domain::Role::HigherCourtViewer && raw.is_none() && !web.courts_below(&a.court).is_empty() {
        return Ok(Redirect::to("/cases?rollup=true").into_response());
    }
    let today = web.today();
    // A judge who is not one of the court's is refused here: every distinct value would
    // otherwise be a cached list of its own.
    if let Some(judge) = q.judge.as_deref()
        && !web.judges_of(&a.court).iter().any(|j| j.code == judge)
    {
        return Err(WebError::BadRequest(format!("参数 judge 无效：本院没有编号为 {judge} 的法官")).into());
    }
    let filter = CaseFilter { court: Some(a.court.to_string()), judge: q.judge.clone(), department: None };
    let principal = a.principal();
    let lang = user.lang;
    // With `rollup`, the alert lists cover the courts below too (as 首页's rolled-up counts do).
    let mut courts = vec![a.court.clone()];
    if search.rollup {
        courts.extend(web.courts_below(&a.court));
    }
    let mut withheld = 0;
    let (title, lines) = if let Some(alert) = q.alert.as_deref().and_then(AlertList::parse) {
        let mut lines = Vec::new();
        for c in &courts {
            let judge = if *c == a.court { q.judge.as_deref() } else { None };
            for d in web.due(c, judge, ALERT_HORIZON_DAYS).await?.iter().filter(|d| alert.keeps(d)) {
                if web.readable(&principal, &d.row) {
                    lines.push(due_line(&web, d, lang));
                } else {
                    withheld += 1;
                }
            }
        }
        (alert.title(lang), lines)
    } else if q.alert.as_deref() == Some("long") {
        let cutoff = today.checked_sub_months(Months::new(12)).unwrap_or(today);
        let mut rows = Vec::new();
        for c in &courts {
            let filter = CaseFilter { court: Some(c.to_string()), ..filter.clone() };
            rows.extend(web.docket.store().cases_open_at(today, &filter).await.map_err(docket_app::AppError::from)?);
        }
        withheld = rows.iter().filter(|r| r.filed_on < cutoff && !web.readable(&principal, r)).count();
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
        return super::search::search_page(&web, &user, search).await;
    };
    render(&CasesPage {
        nav: Nav::load(&web, &user, "cases").await?,
        title: title.into(),
        note: match (lang.is_en(), withheld) {
            (true, 0) => format!("{} cases", lines.len()),
            (true, w) => format!("{} cases, and {w} sealed cases counted but not listed", lines.len()),
            (false, 0) => format!("共 {} 件", lines.len()),
            (false, w) => format!("共 {} 件；另有不公开审理案件 {w} 件，只计数、不列出", lines.len()),
        },
        lines,
        tag: String::new(),
        tags: vec![],
        show_filter: false,
    })
}

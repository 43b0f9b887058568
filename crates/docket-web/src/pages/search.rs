//! 案件 as a search (案件查询): a form over every filter the API takes, the results a page at a
//! time with the true total, and the 审限 with its countdown for open cases.

use askama::Template;
use axum::response::Response;
use docket_store::{StatusFilter, Store};

use super::frame::{CaseLine, Nav, percent_encode, render, row_line};
use crate::Web;
use crate::auth::User;
use crate::error::PageError;
use crate::search::SearchParams;

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    nav: Nav,
    p: SearchParams,
    lines: Vec<CaseLine>,
    total: u64,
    total_line: String,
    prev: Option<String>,
    next: Option<String>,
    types: Vec<&'static str>,
    tags: Vec<(String, String)>,
    judges: Vec<(String, String)>,
    can_rollup: bool,
}

impl SearchPage {
    fn value<'a>(&self, v: &'a Option<String>) -> &'a str {
        v.as_deref().unwrap_or("")
    }
}

/// The query string of these parameters at another page.
fn at_page(p: &SearchParams, page: i64) -> String {
    let mut parts = Vec::new();
    let fields: [(&str, &Option<String>); 11] = [
        ("q", &p.q),
        ("court", &p.court),
        ("status", &p.status),
        ("judge", &p.judge),
        ("department", &p.department),
        ("type", &p.type_code),
        ("cause", &p.cause),
        ("tag", &p.tag),
        ("from", &p.from),
        ("to", &p.to),
        ("sort", &p.sort),
    ];
    for (k, v) in fields {
        if let Some(v) = v.as_deref().filter(|v| !v.trim().is_empty()) {
            parts.push(format!("{k}={}", percent_encode(v.trim())));
        }
    }
    if p.rollup {
        parts.push("rollup=true".into());
    }
    if let Some(n) = p.per_page {
        parts.push(format!("per_page={n}"));
    }
    parts.push(format!("page={page}"));
    parts.join("&")
}

pub async fn search_page<S: Store>(web: &Web<S>, user: &User, p: SearchParams) -> Result<Response, PageError> {
    let lang = user.lang;
    let checked = p.check(web, &user.account)?;
    let (total, rows) = web.search_cases(&checked).await?;
    let calendar = web.docket.calendar().await?;
    let rule = web.docket.holiday_rule();
    let today = web.today();
    let principal = user.account.principal();
    let lines = rows
        .iter()
        .filter(|r| web.readable(&principal, r))
        .map(|r| {
            let open = r.closed_on.is_none();
            let confirmation = web.docket.confirmation_rule();
            let deadline = r.deadline_unadjusted.filter(|_| open && r.suspended.is_none()).map(|d| {
                calendar.period_end(confirmation.stored_deadline(d, r.case_type().code, &r.cause, r.extensions), rule)
            });
            let (deadline_text, countdown, class) = match (deadline, r.closed_on) {
                (_, Some(closed)) => (String::new(), format!("{closed} {}", lang.t("结案")), ""),
                (Some(d), None) => {
                    let left = (d - today).num_days();
                    let (text, class) = match (left, lang.is_en()) {
                        (n, false) if n < 0 => (format!("超期 {} 天", -n), "danger"),
                        (n, true) if n < 0 => (format!("{} days over", -n), "danger"),
                        (n, false) => (format!("剩 {n} 天"), if n <= 7 { "warn" } else { "" }),
                        (n, true) => (format!("{n} days left"), if n <= 7 { "warn" } else { "" }),
                    };
                    (d.to_string(), text, class)
                }
                (None, None) if r.suspended.is_some() => ("—".into(), lang.t("审限中止").to_owned(), "info"),
                (None, None) => ("—".into(), lang.t("无审限").to_owned(), ""),
            };
            row_line(web, r, deadline_text, countdown, class, lang)
        })
        .collect();
    let pages = (i64::try_from(total).unwrap_or(i64::MAX) + checked.per_page - 1) / checked.per_page;
    let page = checked.page;
    let court = checked.court.clone();
    render(&SearchPage {
        nav: Nav::load(web, user, "cases").await?,
        prev: (page > 1).then(|| at_page(&p, page - 1)),
        next: (page < pages).then(|| at_page(&p, page + 1)),
        lines,
        total,
        total_line: if lang.is_en() {
            format!("{total} cases · page {page} of {}", pages.max(1))
        } else {
            format!("共 {total} 件 · 第 {page}/{} 页", pages.max(1))
        },
        types: docket_domain::case_type::TYPES.iter().map(|t| t.code).collect(),
        tags: docket_domain::case::KNOWN_TAGS.iter().map(|(id, l)| ((*id).to_owned(), lang.t(l).to_owned())).collect(),
        judges: web.judges_of(&court).into_iter().map(|j| (j.code.clone(), j.name.clone())).collect(),
        can_rollup: !web.courts_below(&court).is_empty(),
        p: SearchParams {
            status: checked.search.status.map(|s| if s == StatusFilter::Open { "open" } else { "closed" }.to_owned()),
            ..p
        },
    })
}

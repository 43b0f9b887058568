//! 工作队列 as pages: one tab per queue of the account, with its count; 待分案 assigns and 待审批
//! approves or refuses from the row itself (the forms post to the case, as the case page's do,
//! and come back here).

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use docket_domain::Period;
use docket_store::Store;

use super::frame::{Nav, href, render, tag_labels};
use crate::Web;
use crate::auth::PageUser;
use crate::error::{PageError, WebError};
use crate::i18n::Lang;
use crate::query::PageQuery;
use crate::queues::{Entry, HEARING_DAYS, Queue, entries};

/// One row of a queue page.
pub struct Row {
    pub case_no: String,
    pub href: String,
    pub cause: String,
    pub court: String,
    pub judge: String,
    /// The queue's date column.
    pub on: String,
    /// The queue's second column: 等待, 期限 and 批准人, 法庭, 倒计时.
    pub detail: String,
    pub class: &'static str,
    pub tags: String,
    pub warnings: String,
    /// For 待审批: the approval's hidden fields (unit, number, approver).
    pub approval: Option<(&'static str, u32, &'static str)>,
}

#[derive(Template)]
#[template(path = "queues.html")]
struct QueuePage {
    nav: Nav,
    queue: &'static str,
    title: &'static str,
    tabs: Vec<(&'static str, &'static str, usize)>,
    columns: [&'static str; 2],
    rows: Vec<Row>,
    judges: Vec<(String, String)>,
    today: String,
    notice: Option<String>,
    note: String,
}

#[derive(serde::Deserialize, Default)]
pub struct QueueQuery {
    done: Option<String>,
}

/// `/queues`: the account's first queue.
pub async fn queues_index(PageUser(user): PageUser) -> Result<Response, PageError> {
    match Queue::of(&user.account).first() {
        Some(q) => Ok(Redirect::to(&format!("/queues/{}", q.id())).into_response()),
        None => Err(WebError::NotFound.into()),
    }
}

pub async fn queue_page<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    Path(id): Path<String>,
    PageQuery(q): PageQuery<QueueQuery>,
) -> Result<Response, PageError> {
    let queue = Queue::parse(&id).ok_or(WebError::NotFound)?;
    let a = &user.account;
    let list = entries(&web, a, queue).await?;
    let lang = user.lang;
    let rows: Vec<Row> = list.iter().map(|e| row(&web, queue, e, lang)).collect();
    let counts = crate::queues::counts(&web, a).await?;
    let judges =
        web.judges_of(&a.court).into_iter().map(|j| (j.code.clone(), format!("{}（{}）", j.name, j.code))).collect();
    let note = match (queue, lang) {
        (Queue::Hearings, Lang::Zh) => format!("今天起 {HEARING_DAYS} 天内已排期的开庭，共 {} 场", rows.len()),
        (Queue::Hearings, Lang::En) => format!("{} hearings set in the next {HEARING_DAYS} days", rows.len()),
        (_, Lang::Zh) => format!("共 {} 件", rows.len()),
        (_, Lang::En) => format!("{} cases", rows.len()),
    };
    let nav = Nav::load(&web, &user, "queues").await?;
    render(&QueuePage {
        queue: queue.id(),
        title: lang.t(queue.title()),
        tabs: counts.iter().map(|(q, n)| (q.id(), lang.t(q.title()), *n)).collect(),
        columns: match queue {
            Queue::ToAssign => ["立案日期", "已等待"],
            Queue::Approvals => ["申请日期", "申请延长"],
            Queue::Hearings => ["开庭日期", "法庭"],
            Queue::Due => ["审限", "倒计时"],
        }
        .map(|c| lang.t(c)),
        rows,
        judges,
        today: web.today().to_string(),
        notice: q.done.filter(|d| !d.is_empty()).map(|d| format!("{}{d}", lang.t("已记录："))),
        note,
        nav,
    })
}

fn row<S: Store>(web: &Web<S>, queue: Queue, e: &Entry, lang: Lang) -> Row {
    let r = &e.row;
    let en = lang.is_en();
    let (detail, class) = match queue {
        Queue::ToAssign => {
            let waited = -e.days_left.unwrap_or(0);
            let text = if en { format!("{waited} days") } else { format!("{waited} 天") };
            (text, if waited > 7 { "warn" } else { "" })
        }
        Queue::Approvals => match r.extension_request {
            Some(x) => (format!("{}（{}）", x.length.label(), lang.t(x.approver.label())), ""),
            None => (String::new(), ""),
        },
        Queue::Hearings => (r.next_room.clone().unwrap_or_else(|| "—".into()), ""),
        Queue::Due => match e.days_left {
            Some(n) if n < 0 => (if en { format!("{} days over", -n) } else { format!("超期 {} 天", -n) }, "danger"),
            Some(0) => (lang.t("今日届满").to_owned(), "warn"),
            Some(n) => {
                (if en { format!("{n} days left") } else { format!("剩 {n} 天") }, if n <= 7 { "warn" } else { "info" })
            }
            None => (lang.t("审限中止").to_owned(), "info"),
        },
    };
    Row {
        case_no: r.case_no.to_string(),
        href: href(&r.case_no),
        cause: r.cause.clone(),
        court: web.court_name(r.court.as_str()),
        judge: r.judge.as_deref().map(|j| web.judge_name(&r.court, j)).unwrap_or_else(|| "—".into()),
        on: e.on.map(|d| d.to_string()).unwrap_or_else(|| "—".into()),
        detail,
        class,
        tags: tag_labels(&r.tags, lang),
        warnings: e.warnings.join("；"),
        approval: r.extension_request.filter(|_| queue == Queue::Approvals).map(|x| {
            let (unit, n) = match x.length {
                Period::Months(m) => ("months", m),
                Period::Days(d) => ("days", d),
            };
            (unit, n, x.approver.as_str())
        }),
    }
}

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
    /// The 庭长's and 院长's view by judge is one tab further.
    by_judge: bool,
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
    let judges = web.judge_choices(&a.court);
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
            Queue::Fees => ["期限", "倒计时"],
            Queue::Reading => ["提交日期", "已等待"],
            Queue::Publication => ["应上网日期", "倒计时"],
            Queue::Postal => ["电子送达失败日期", "已等待"],
        }
        .map(|c| lang.t(c)),
        rows,
        judges,
        today: web.today().to_string(),
        notice: q.done.filter(|d| !d.is_empty()).map(|d| format!("{}{d}", lang.t("已记录："))),
        note,
        by_judge: matches!(a.role, docket_domain::Role::DivisionHead | docket_domain::Role::President),
        nav,
    })
}

fn row<S: Store>(web: &Web<S>, queue: Queue, e: &Entry, lang: Lang) -> Row {
    let r = &e.row;
    let en = lang.is_en();
    let (detail, class) = match queue {
        Queue::ToAssign | Queue::Reading | Queue::Postal => {
            let waited = -e.days_left.unwrap_or(0);
            let text = if en { format!("{waited} days") } else { format!("{waited} 天") };
            (text, if waited > 7 { "warn" } else { "" })
        }
        Queue::Approvals => match r.extension_request {
            Some(x) => (format!("{}（{}）", x.length.label(), lang.t(x.approver.label())), ""),
            None => (String::new(), ""),
        },
        Queue::Hearings => (r.next_room.clone().unwrap_or_else(|| "—".into()), ""),
        Queue::Due | Queue::Fees | Queue::Publication => match e.days_left {
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
        href: match e.document {
            Some(n) => format!("{}/documents/{n}", href(&r.case_no)),
            None => href(&r.case_no),
        },
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

/// One judge's line in the 庭长's view.
pub struct JudgeLine {
    pub code: String,
    pub name: String,
    pub open: usize,
    pub overdue: usize,
    pub due_soon: usize,
    pub suspended: usize,
    pub pending_extension: usize,
    pub hearings: usize,
}

#[derive(Template)]
#[template(path = "division.html")]
struct DivisionPage {
    nav: Nav,
    title: String,
    lines: Vec<JudgeLine>,
    totals: JudgeLine,
}

/// 庭长's view (按法官): the open cases of the division (the court's, for the 院长) by judge, with
/// what needs attention in each judge's docket. Each number opens the judge's list.
pub async fn division_page<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
) -> Result<Response, PageError> {
    let a = &user.account;
    if !matches!(a.role, docket_domain::Role::DivisionHead | docket_domain::Role::President) {
        return Err(WebError::Forbidden(format!("{}（{}）没有按法官的视图", a.name, a.role.label())).into());
    }
    let judges = web.judges_of(&a.court);
    let department = match a.role {
        docket_domain::Role::DivisionHead => {
            a.judge.as_deref().and_then(|j| judges.iter().find(|x| x.code == j)).and_then(|j| j.department.clone())
        }
        _ => None,
    };
    let today = web.today();
    let filter =
        docket_store::CaseFilter { court: Some(a.court.to_string()), judge: None, department: department.clone() };
    let open = web.docket.store().cases_open_at(today, &filter).await.map_err(docket_app::AppError::from)?;
    let due = web.due(&a.court, None, crate::queues::ALERT_HORIZON_DAYS).await?;
    let horizon = today + chrono::Days::new(HEARING_DAYS);
    let mut lines: Vec<JudgeLine> = judges
        .iter()
        .filter(|j| department.is_none() || j.department == department)
        .map(|j| JudgeLine {
            code: j.code.clone(),
            name: j.name.clone(),
            open: 0,
            overdue: 0,
            due_soon: 0,
            suspended: 0,
            pending_extension: 0,
            hearings: 0,
        })
        .collect();
    for r in &open {
        let Some(l) = lines.iter_mut().find(|l| r.judge.as_deref() == Some(l.code.as_str())) else { continue };
        l.open += 1;
        l.suspended += usize::from(r.suspended.is_some());
        l.pending_extension += usize::from(r.extension_request.is_some());
        l.hearings += usize::from(r.next_hearing.is_some_and(|d| d >= today && d <= horizon));
    }
    for d in due.iter().filter(|d| department.is_none() || d.row.department == department) {
        let Some(l) = lines.iter_mut().find(|l| d.row.judge.as_deref() == Some(l.code.as_str())) else { continue };
        if d.days_left < 0 {
            l.overdue += 1;
        } else {
            l.due_soon += 1;
        }
    }
    lines.sort_by_key(|l| std::cmp::Reverse((l.overdue, l.due_soon, l.open)));
    let sum = |f: fn(&JudgeLine) -> usize| lines.iter().map(f).sum::<usize>();
    let totals = JudgeLine {
        code: String::new(),
        name: user.lang.t("合计").to_owned(),
        open: sum(|l| l.open),
        overdue: sum(|l| l.overdue),
        due_soon: sum(|l| l.due_soon),
        suspended: sum(|l| l.suspended),
        pending_extension: sum(|l| l.pending_extension),
        hearings: sum(|l| l.hearings),
    };
    let scope = match &department {
        Some(d) => web
            .docket
            .store()
            .name_of(docket_store::Named::Department(a.court.as_str(), d))
            .await
            .map_err(docket_app::AppError::from)?
            .unwrap_or_else(|| d.clone()),
        None => web.court_name(a.court.as_str()),
    };
    render(&DivisionPage {
        nav: Nav::load(&web, &user, "queues").await?,
        title: if user.lang.is_en() {
            format!("{scope}: open cases by judge")
        } else {
            format!("{scope}未结案件（按法官）")
        },
        lines,
        totals,
    })
}

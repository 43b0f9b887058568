//! 整改台账 (挂图作战): a court's rectification items by state — overdue first, then in progress
//! by deadline, then 销号 — each with its source, problem, measure, 牵头领导, 责任部门, deadline
//! and latest progress, linked to the case or indicator it came from; the 审管办 adds items and
//! records progress, a new deadline, 销号 and reopening.

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use docket_domain::management::{LedgerEvent, LedgerEventKind, LedgerItem, LedgerSource, LedgerState, Management};
use docket_store::Store;

use super::{CourtQuery, Tabs, case_no, form_date, future_date, optional, text};
use crate::Web;
use crate::auth::{PageUser, User};
use crate::error::{PageError, WebError};
use crate::form::{CheckedForm, FormFields, field};
use crate::pages::{Nav, href, percent_encode};
use crate::query::PageQuery;

pub struct ItemLine {
    pub ledger: String,
    pub no: u32,
    pub source: &'static str,
    pub problem: String,
    pub measure: String,
    pub lead: String,
    pub department: String,
    pub due_on: String,
    pub state: &'static str,
    pub class: &'static str,
    pub closed: bool,
    pub latest: String,
    /// The case or indicator it came from: (text, link).
    pub origin: Option<(String, String)>,
    pub dom_id: String,
}

#[derive(Template)]
#[template(path = "manage_ledger.html")]
struct LedgerPage {
    nav: Nav,
    tabs: Tabs,
    items: Vec<ItemLine>,
    overdue: usize,
    open: usize,
    closed: usize,
    sources: Vec<(&'static str, &'static str)>,
    leads: Vec<(String, String)>,
    departments: Vec<(String, String)>,
    problems: Vec<String>,
    values: BTreeMap<String, String>,
    today: String,
}

fn line<S: Store>(web: &Web<S>, s: &LedgerState, today: chrono::NaiveDate) -> (u8, chrono::NaiveDate, ItemLine) {
    let i = &s.item;
    let closed = s.closed_on();
    let overdue = s.overdue(today);
    let due = s.due_on();
    let origin = match (&i.case_no, &i.indicator) {
        (Some(c), _) => Some((c.to_string(), href(c))),
        (None, Some(id)) => Some((
            docket_metrics::lookup(id).map_or(id.clone(), |x| x.name.to_owned()),
            format!("/metrics?court={}&indicators={id}", percent_encode(i.court.as_str())),
        )),
        _ => None,
    };
    let latest = s
        .events
        .last()
        .map(|e| format!("{} {}{}", e.on, e.kind.label(), e.kind.note().map(|n| format!("：{n}")).unwrap_or_default()))
        .unwrap_or_default();
    let rank = if overdue {
        0
    } else if closed.is_none() {
        1
    } else {
        2
    };
    (
        rank,
        due,
        ItemLine {
            ledger: i.ledger.clone(),
            no: i.no,
            source: i.source.label(),
            problem: i.problem.clone(),
            measure: i.measure.clone(),
            lead: i.lead.as_deref().map_or_else(|| "—".into(), |j| web.judge_name(&i.court, j)),
            department: i.department.as_deref().map_or_else(|| "—".into(), |d| web.department_name(&i.court, d)),
            due_on: due.to_string(),
            state: match (overdue, closed) {
                (true, _) => "逾期",
                (false, None) => "整改中",
                (false, Some(_)) => "已销号",
            },
            class: match (overdue, closed) {
                (true, _) => "warn",
                (false, None) => "",
                (false, Some(_)) => "ok",
            },
            closed: closed.is_some(),
            latest,
            origin,
            dom_id: format!("item-{}-{}", i.ledger, i.no),
        },
    )
}

async fn page<S: Store>(
    web: &Web<S>,
    user: &User,
    tabs: Tabs,
    problems: Vec<String>,
    form: &FormFields,
) -> Result<LedgerPage, PageError> {
    let court = tabs.court.clone();
    let today = web.today();
    let register = web.register().await?;
    let mut lines: Vec<(u8, chrono::NaiveDate, ItemLine)> =
        register.ledger.values().filter(|s| s.item.court == court).map(|s| line(web, s, today)).collect();
    lines.sort_by(|a, b| (a.0, a.1, &a.2.ledger, a.2.no).cmp(&(b.0, b.1, &b.2.ledger, b.2.no)));
    let count = |k: u8| lines.iter().filter(|l| l.0 == k).count();
    Ok(LedgerPage {
        nav: Nav::load(web, user, "manage").await?,
        overdue: count(0),
        open: count(1),
        closed: count(2),
        items: lines.into_iter().map(|l| l.2).collect(),
        sources: LedgerSource::ALL.iter().map(|s| (s.as_str(), s.label())).collect(),
        leads: web.judge_choices(&court),
        departments: web.departments_of(&court),
        tabs,
        problems,
        values: form.iter().filter(|(k, _)| k != "csrf").cloned().collect(),
        today: today.to_string(),
    })
}

pub async fn ledger<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    PageQuery(q): PageQuery<CourtQuery>,
) -> Result<Response, PageError> {
    let tabs = web.records_court(&user, q.court.as_deref())?;
    crate::pages::render(&page(&web, &user, tabs, Vec::new(), &Vec::new()).await?)
}

pub async fn add_item<S: Store>(
    State(web): State<Arc<Web<S>>>,
    CheckedForm { user, fields: form }: CheckedForm,
) -> Result<Response, PageError> {
    let tabs = web.keeping_court(&user, &form)?;
    let court = tabs.court.clone();
    let mut problems = Vec::new();
    let ledger = text(&form, "ledger", &mut problems);
    let register = web.register().await?;
    // The next number of the ledger.
    let no = register.ledger.keys().filter(|(c, l, _)| *c == court && *l == ledger).map(|k| k.2).max().unwrap_or(0) + 1;
    let source = LedgerSource::parse(field(&form, "source"));
    if source.is_none() {
        problems.push("source：请选择问题来源".into());
    }
    let item = LedgerItem {
        court: court.clone(),
        ledger,
        no,
        opened_on: form_date(&form, "opened_on", web.today(), &mut problems),
        source: source.unwrap_or(LedgerSource::Other),
        problem: text(&form, "problem", &mut problems),
        measure: text(&form, "measure", &mut problems),
        lead: optional(&form, "lead"),
        department: optional(&form, "department"),
        due_on: future_date(&form, "due_on", false, &mut problems).unwrap_or_default(),
        case_no: case_no(&form, "case_no", &mut problems),
        indicator: optional(&form, "indicator"),
    };
    web.check_readable(&user, "case_no", item.case_no.as_ref(), &mut problems).await?;
    web.keep_or_show(&user, tabs, problems, vec![Management::LedgerItem(item)], "ledger", async |tabs, problems| {
        page(&web, &user, tabs, problems, &form).await
    })
    .await
}

pub async fn item_event<S: Store>(
    State(web): State<Arc<Web<S>>>,
    CheckedForm { user, fields: form }: CheckedForm,
) -> Result<Response, PageError> {
    let tabs = web.keeping_court(&user, &form)?;
    let court = tabs.court.clone();
    let mut problems = Vec::new();
    let on = form_date(&form, "on", web.today(), &mut problems);
    let note = optional(&form, "note");
    let kind = match field(&form, "type") {
        "progress" => LedgerEventKind::Progress { note: text(&form, "note", &mut problems) },
        "due_changed" => LedgerEventKind::DueChanged {
            due_on: future_date(&form, "due_on", false, &mut problems).unwrap_or_default(),
            note,
        },
        "closed" => LedgerEventKind::Closed { note },
        "reopened" => LedgerEventKind::Reopened { note },
        other => return Err(WebError::BadRequest(format!("type 无效：{other}")).into()),
    };
    let no = field(&form, "no").parse::<u32>().map_err(|_| WebError::BadRequest("no 无效".into()))?;
    let event = LedgerEvent { court, ledger: field(&form, "ledger").to_owned(), no, on, kind };
    web.keep_or_show(&user, tabs, problems, vec![Management::LedgerEvent(event)], "ledger", async |tabs, problems| {
        page(&web, &user, tabs, problems, &form).await
    })
    .await
}

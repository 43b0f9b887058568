//! 涉诉信访: a court's register of petitions about cases — received, first-time or repeat,
//! assigned, received by a leader, heard, answered, closed with its result — with the 60-day
//! limit (信访工作条例 §32): the overdue and those within ten days of it first; the year's count
//! against the same days a year earlier.

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use chrono::Datelike;
use docket_domain::PartyKind;
use docket_domain::management::{
    Management, Petition, PetitionChannel, PetitionEvent, PetitionEventKind, PetitionResult, PetitionState, Petitioner,
};
use docket_store::Store;

use super::{CourtQuery, Tabs, case_no, form_date, text};
use crate::Web;
use crate::auth::{PageUser, User};
use crate::error::{PageError, WebError};
use crate::form::{CheckedForm, FormFields, field};
use crate::pages::{Nav, href};
use crate::query::PageQuery;

pub struct PetitionLine {
    pub no: String,
    pub received_on: String,
    pub channel: &'static str,
    pub petitioner: String,
    pub first_time: bool,
    pub subject: String,
    pub case: Option<(String, String)>,
    pub limit_on: String,
    pub state: &'static str,
    /// The closing's date and result, or the days over or left.
    pub state_detail: String,
    pub class: &'static str,
    pub closed: bool,
    pub latest: String,
}

#[derive(Template)]
#[template(path = "manage_petitions.html")]
struct PetitionsPage {
    nav: Nav,
    tabs: Tabs,
    lines: Vec<PetitionLine>,
    year: i32,
    received: usize,
    received_before: usize,
    change: String,
    overdue: usize,
    channels: Vec<(&'static str, &'static str)>,
    results: Vec<(&'static str, &'static str)>,
    judges: Vec<(String, String)>,
    problems: Vec<String>,
    values: BTreeMap<String, String>,
    today: String,
}

fn line<S: Store>(
    web: &Web<S>,
    s: &PetitionState,
    today: chrono::NaiveDate,
    lang: crate::i18n::Lang,
) -> (u8, PetitionLine) {
    let p = &s.petition;
    let limit = s.limit_on();
    let closed = s.is_closed();
    let (state, state_detail, class, rank) = if closed {
        let (on, result) = s
            .events
            .iter()
            .rev()
            .find_map(|e| match e.kind {
                PetitionEventKind::Closed { result } => Some((e.on, result)),
                _ => None,
            })
            .unwrap_or((p.received_on, PetitionResult::Explained));
        ("已办结", format!("{on} · {}", lang.t(result.label())), "ok", 3)
    } else if today > limit {
        ("超期未结", format!("{} {}", (today - limit).num_days(), lang.t("天")), "warn", 0)
    } else if (limit - today).num_days() <= 10 {
        ("临近期限", format!("{} {}", (limit - today).num_days(), lang.t("天")), "warn", 1)
    } else {
        ("办理中", String::new(), "", 2)
    };
    let latest = s
        .events
        .last()
        .map(|e| {
            let who = match &e.kind {
                PetitionEventKind::Assigned { judge } | PetitionEventKind::LeaderReception { judge } => {
                    format!("（{}）", web.judge_name(&p.court, judge))
                }
                _ => String::new(),
            };
            format!("{} {}{who}", e.on, e.kind.label())
        })
        .unwrap_or_default();
    (
        rank,
        PetitionLine {
            no: p.no.clone(),
            received_on: p.received_on.to_string(),
            channel: p.channel.label(),
            petitioner: p.petitioner.name.clone(),
            first_time: p.first_time,
            subject: p.subject.clone(),
            case: p.case_no.as_ref().map(|c| (c.to_string(), href(c))),
            limit_on: limit.to_string(),
            state,
            state_detail,
            class,
            closed,
            latest,
        },
    )
}

async fn page<S: Store>(
    web: &Web<S>,
    user: &User,
    tabs: Tabs,
    problems: Vec<String>,
    form: &FormFields,
) -> Result<PetitionsPage, PageError> {
    let court = tabs.court.clone();
    let today = web.today();
    let register = web.register().await?;
    let mine: Vec<&PetitionState> = register.petitions.values().filter(|s| s.petition.court == court).collect();
    let year = today.year();
    let start = chrono::NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today);
    let a_year_ago = |d: chrono::NaiveDate| d.with_year(d.year() - 1).unwrap_or(d);
    let received = mine.iter().filter(|s| (start..=today).contains(&s.petition.received_on)).count();
    let received_before =
        mine.iter().filter(|s| (a_year_ago(start)..=a_year_ago(today)).contains(&s.petition.received_on)).count();
    let mut lines: Vec<(u8, PetitionLine)> = mine.iter().map(|s| line(web, s, today, user.lang)).collect();
    lines.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.received_on.cmp(&a.1.received_on)));
    Ok(PetitionsPage {
        nav: Nav::load(web, user, "manage").await?,
        overdue: lines.iter().filter(|l| l.0 == 0).count(),
        lines: lines.into_iter().map(|l| l.1).collect(),
        year,
        received,
        received_before,
        change: if received_before == 0 {
            "—".into()
        } else {
            let c = (received as f64 - received_before as f64) * 100.0 / received_before as f64;
            format!(
                "{}{:.2}%",
                if c > 0.0 {
                    "上升 "
                } else if c < 0.0 {
                    "下降 "
                } else {
                    "持平 "
                },
                c.abs()
            )
        },
        channels: PetitionChannel::ALL.iter().map(|c| (c.as_str(), c.label())).collect(),
        results: PetitionResult::ALL.iter().map(|r| (r.as_str(), r.label())).collect(),
        judges: web.judge_choices(&court),
        tabs,
        problems,
        values: form.iter().filter(|(k, _)| k != "csrf").cloned().collect(),
        today: today.to_string(),
    })
}

pub async fn petitions<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    PageQuery(q): PageQuery<CourtQuery>,
) -> Result<Response, PageError> {
    let tabs = web.records_court(&user, q.court.as_deref())?;
    crate::pages::render(&page(&web, &user, tabs, Vec::new(), &Vec::new()).await?)
}

pub async fn register_petition<S: Store>(
    State(web): State<Arc<Web<S>>>,
    CheckedForm { user, fields: form }: CheckedForm,
) -> Result<Response, PageError> {
    let tabs = web.keeping_court(&user, &form)?;
    let court = tabs.court.clone();
    let mut problems = Vec::new();
    let received_on = form_date(&form, "received_on", web.today(), &mut problems);
    let register = web.register().await?;
    // The next number of the year: 2026-信-N.
    let prefix = format!("{}-信-", received_on.year());
    let next = register
        .petitions
        .keys()
        .filter(|(c, _)| *c == court)
        .filter_map(|(_, no)| no.strip_prefix(&prefix)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0)
        + 1;
    let channel = PetitionChannel::parse(field(&form, "channel"));
    if channel.is_none() {
        problems.push("channel：请选择信访渠道".into());
    }
    let case_no = case_no(&form, "case_no", &mut problems);
    web.check_readable(&user, "case_no", case_no.as_ref(), &mut problems).await?;
    let p = Petition {
        court,
        no: format!("{prefix}{next}"),
        received_on,
        channel: channel.unwrap_or(PetitionChannel::Letter),
        case_no,
        first_time: field(&form, "first_time") != "no",
        petitioner: Petitioner {
            kind: PartyKind::Person,
            name: text(&form, "petitioner", &mut problems),
            id_number: None,
        },
        subject: text(&form, "subject", &mut problems),
    };
    web.keep_or_show(&user, tabs, problems, vec![Management::Petition(p)], "petitions", async |tabs, problems| {
        page(&web, &user, tabs, problems, &form).await
    })
    .await
}

pub async fn petition_event<S: Store>(
    State(web): State<Arc<Web<S>>>,
    CheckedForm { user, fields: form }: CheckedForm,
) -> Result<Response, PageError> {
    let tabs = web.keeping_court(&user, &form)?;
    let court = tabs.court.clone();
    let mut problems = Vec::new();
    let on = form_date(&form, "on", web.today(), &mut problems);
    let judge = || field(&form, "judge").trim().to_owned();
    let kind = match field(&form, "type") {
        "assigned" => PetitionEventKind::Assigned { judge: judge() },
        "leader_reception" => PetitionEventKind::LeaderReception { judge: judge() },
        "hearing" => PetitionEventKind::Hearing,
        "replied" => PetitionEventKind::Replied,
        "closed" => match PetitionResult::parse(field(&form, "result")) {
            Some(result) => PetitionEventKind::Closed { result },
            None => {
                problems.push("result：请选择办结结果".into());
                PetitionEventKind::Replied
            }
        },
        "repeat" => PetitionEventKind::Repeat,
        other => return Err(WebError::BadRequest(format!("type 无效：{other}")).into()),
    };
    let e = PetitionEvent { court, no: field(&form, "no").to_owned(), on, kind };
    web.keep_or_show(&user, tabs, problems, vec![Management::PetitionEvent(e)], "petitions", async |tabs, problems| {
        page(&web, &user, tabs, problems, &form).await
    })
    .await
}

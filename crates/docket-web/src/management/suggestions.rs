//! 司法建议: a court's judicial suggestions with their reply date (two months by default,
//! 法释〔2023〕11号 §8), the reply and whether it was adopted; the overdue replies first; the
//! year's count, replies and 反馈率.

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use chrono::Datelike;
use docket_domain::management::{Management, Suggestion, SuggestionEvent, SuggestionEventKind, SuggestionState};
use docket_store::Store;

use super::{CourtQuery, Tabs, case_no, form_date, future_date, optional, text};
use crate::Web;
use crate::auth::{PageUser, User};
use crate::error::{PageError, WebError};
use crate::form::{CheckedForm, FormFields, field};
use crate::pages::{Nav, href};
use crate::query::PageQuery;

pub struct SuggestionLine {
    pub no: String,
    pub recipient: String,
    pub subject: String,
    pub issued_on: String,
    pub reply_due: String,
    pub state: &'static str,
    /// The reply's date and adoption, or the days overdue.
    pub state_detail: String,
    pub class: &'static str,
    pub replied: bool,
    pub case: Option<(String, String)>,
}

#[derive(Template)]
#[template(path = "manage_suggestions.html")]
struct SuggestionsPage {
    nav: Nav,
    tabs: Tabs,
    lines: Vec<SuggestionLine>,
    year: i32,
    issued: usize,
    replied: usize,
    rate: String,
    overdue: usize,
    problems: Vec<String>,
    values: BTreeMap<String, String>,
    today: String,
}

fn line(s: &SuggestionState, today: chrono::NaiveDate, lang: crate::i18n::Lang) -> (u8, SuggestionLine) {
    let g = &s.suggestion;
    let overdue = s.reply_overdue(today);
    let (state, state_detail, class, rank) = match s.reply() {
        Some((on, adopted)) => {
            ("已回复", format!("{on} · {}", lang.t(if adopted { "采纳" } else { "未采纳" })), "ok", 2)
        }
        None if overdue => ("逾期未回复", format!("{} {}", (today - g.reply_due).num_days(), lang.t("天")), "warn", 0),
        None => ("待回复", String::new(), "", 1),
    };
    (
        rank,
        SuggestionLine {
            no: g.no.clone(),
            recipient: g.recipient.clone(),
            subject: g.subject.clone(),
            issued_on: g.issued_on.to_string(),
            reply_due: g.reply_due.to_string(),
            state,
            state_detail,
            class,
            replied: s.reply().is_some(),
            case: g.case_no.as_ref().map(|c| (c.to_string(), href(c))),
        },
    )
}

async fn page<S: Store>(
    web: &Web<S>,
    user: &User,
    tabs: Tabs,
    problems: Vec<String>,
    form: &FormFields,
) -> Result<SuggestionsPage, PageError> {
    let court = tabs.court.clone();
    let today = web.today();
    let register = web.register().await?;
    let mine: Vec<&SuggestionState> = register.suggestions.values().filter(|s| s.suggestion.court == court).collect();
    let year = today.year();
    let this_year: Vec<&&SuggestionState> = mine.iter().filter(|s| s.suggestion.issued_on.year() == year).collect();
    let replied = this_year.iter().filter(|s| s.reply().is_some()).count();
    let mut lines: Vec<(u8, SuggestionLine)> = mine.iter().map(|s| line(s, today, user.lang)).collect();
    lines.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.issued_on.cmp(&a.1.issued_on)));
    Ok(SuggestionsPage {
        nav: Nav::load(web, user, "manage").await?,
        overdue: lines.iter().filter(|l| l.0 == 0).count(),
        lines: lines.into_iter().map(|l| l.1).collect(),
        year,
        issued: this_year.len(),
        replied,
        rate: if this_year.is_empty() {
            "—".into()
        } else {
            format!("{:.2}%", replied as f64 * 100.0 / this_year.len() as f64)
        },
        tabs,
        problems,
        values: form.iter().filter(|(k, _)| k != "csrf").cloned().collect(),
        today: today.to_string(),
    })
}

pub async fn suggestions<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    PageQuery(q): PageQuery<CourtQuery>,
) -> Result<Response, PageError> {
    let tabs = web.records_court(&user, q.court.as_deref())?;
    crate::pages::render(&page(&web, &user, tabs, Vec::new(), &Vec::new()).await?)
}

pub async fn issue_suggestion<S: Store>(
    State(web): State<Arc<Web<S>>>,
    CheckedForm { user, fields: form }: CheckedForm,
) -> Result<Response, PageError> {
    let tabs = web.keeping_court(&user, &form)?;
    let court = tabs.court.clone();
    let mut problems = Vec::new();
    let issued_on = form_date(&form, "issued_on", web.today(), &mut problems);
    let s = Suggestion {
        court,
        no: text(&form, "no", &mut problems),
        case_no: case_no(&form, "case_no", &mut problems),
        recipient: text(&form, "recipient", &mut problems),
        issued_on,
        reply_due: future_date(&form, "reply_due", true, &mut problems)
            .unwrap_or_else(|| Suggestion::default_reply_due(issued_on)),
        subject: text(&form, "subject", &mut problems),
    };
    web.check_readable(&user, "case_no", s.case_no.as_ref(), &mut problems).await?;
    web.keep_or_show(&user, tabs, problems, vec![Management::Suggestion(s)], "suggestions", async |tabs, problems| {
        page(&web, &user, tabs, problems, &form).await
    })
    .await
}

pub async fn suggestion_event<S: Store>(
    State(web): State<Arc<Web<S>>>,
    CheckedForm { user, fields: form }: CheckedForm,
) -> Result<Response, PageError> {
    let tabs = web.keeping_court(&user, &form)?;
    let court = tabs.court.clone();
    let mut problems = Vec::new();
    let on = form_date(&form, "on", web.today(), &mut problems);
    let kind = match field(&form, "type") {
        "replied" => SuggestionEventKind::Replied { adopted: field(&form, "adopted") == "yes" },
        "followed_up" => SuggestionEventKind::FollowedUp { note: optional(&form, "note") },
        other => return Err(WebError::BadRequest(format!("type 无效：{other}")).into()),
    };
    let e = SuggestionEvent { court, no: field(&form, "no").to_owned(), on, kind };
    web.keep_or_show(
        &user,
        tabs,
        problems,
        vec![Management::SuggestionEvent(e)],
        "suggestions",
        async |tabs, problems| page(&web, &user, tabs, problems, &form).await,
    )
    .await
}

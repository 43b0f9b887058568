//! The JSON API under `/api/v1`. Errors are `{"error":{"code":…,"message":…}}` with the codes of
//! [`WebError::code`]; a case the account may not see is 404, exactly like an absent one.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{Datelike as _, NaiveDate};
use docket_app::{Account, CaseView, Filing, FilingParty, unix_now};
use docket_domain::{Action, CourtCode};
use docket_interchange::{Record, parse_line};
use docket_store::Store;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::auth::{ApiUser, ClientAddr, clear_cookie, session_cookie};
use crate::error::{ApiError, WebError};
use crate::query::ApiQuery;
use crate::{VisibleCase, Web};

#[derive(Deserialize)]
pub struct Credentials {
    username: String,
    password: String,
}

pub async fn login<S: Store>(
    State(web): State<Arc<Web<S>>>,
    ClientAddr(addr): ClientAddr,
    Json(c): Json<Credentials>,
) -> Result<Response, ApiError> {
    let opened = web.sign_in(&addr, &c.username, &c.password, None).await?;
    let cookie = session_cookie(&opened.token, docket_app::SESSION_SECONDS, web.options.secure_cookies);
    Ok((
        [(header::SET_COOKIE, cookie)],
        Json(json!({ "account": account_json(&web, &opened.account), "csrf": opened.csrf })),
    )
        .into_response())
}

pub async fn logout<S: Store>(State(web): State<Arc<Web<S>>>, ApiUser(user): ApiUser) -> Result<Response, ApiError> {
    web.docket.sign_out(&user.token, &user.account, unix_now()).await?;
    Ok(([(header::SET_COOKIE, clear_cookie())], StatusCode::NO_CONTENT).into_response())
}

pub async fn me<S: Store>(State(web): State<Arc<Web<S>>>, ApiUser(user): ApiUser) -> Json<Value> {
    Json(json!({ "account": account_json(&web, &user.account), "csrf": user.csrf }))
}

fn account_json<S: Store>(web: &Web<S>, a: &Account) -> Value {
    json!({
        "username": a.username,
        "name": a.name,
        "court": a.court.as_str(),
        "court_name": web.court_name(a.court.as_str()),
        "role": a.role.as_str(),
        "role_name": a.role.label(),
        "judge": a.judge,
    })
}

/// A case as JSON: the projection, its parties (ID numbers masked unless the account files or runs
/// the case), the 审限 with its explanation, warnings, lineage and the timeline with hashes.
pub fn case_json(account: &Account, case: &VisibleCase, view: &CaseView) -> Value {
    let r = &case.row;
    let full_ids = account.principal().sees_full_ids(&case.scope());
    let parties: Vec<Value> = view
        .parties
        .iter()
        .map(|p| {
            json!({
                "role": p.role.as_str(),
                "kind": p.kind.as_str(),
                "name": p.name,
                "id_type": p.id_type.map(|t| t.as_str()),
                "id_number": p.shown_id(full_ids),
            })
        })
        .collect();
    json!({
        "case_no": r.case_no.to_string(),
        "court": r.court.as_str(),
        "court_name": view.court_name,
        "type": r.case_type().code,
        "category": r.case_type().category.as_str(),
        "procedure": r.procedure.as_str(),
        "cause": r.cause,
        "received_on": r.received_on,
        "filed_on": r.filed_on,
        "online": r.online,
        "claim_amount": r.claim.map(|a| a.to_string()),
        "tags": r.tags.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
        "sealed": r.sealed,
        "status": r.status.as_str(),
        "judge": r.judge,
        "judge_name": view.judge_name,
        "department": r.department,
        "department_name": view.department_name,
        "closed_on": r.closed_on,
        "close_method": r.close_method.map(|m| m.as_str()),
        "origin": r.origin.as_ref().map(ToString::to_string),
        "derived_cases": view.derived,
        "deadline": {
            "deadline_on": view.deadline.deadline_on,
            "explanation": view.deadline.explain(),
        },
        "warnings": view.warnings.iter().map(|w| w.describe()).collect::<Vec<_>>(),
        "parties": parties,
        "timeline": view.timeline.iter().map(|t| json!({
            "seq": t.case_seq,
            "on": t.on,
            "description": t.description,
            "chain_seq": t.court_seq,
            "recorded_at": t.recorded_at,
            "hash": t.hash_hex,
        })).collect::<Vec<_>>(),
        "actions": allowed_actions(account, case),
    })
}

/// The actions the account may take on the case, by id.
pub fn allowed_actions(account: &Account, case: &VisibleCase) -> Vec<&'static str> {
    let p = account.principal();
    Action::ALL.iter().filter(|a| **a != Action::Read && p.may(**a, &case.scope())).map(|a| a.id()).collect()
}

/// An ID number as roles that do not need it in full see it: the domain's one masking rule
/// (`PartyId::masked`: a resident ID keeps its region code and last four characters).
pub async fn case<S: Store>(
    State(web): State<Arc<Web<S>>>,
    ApiUser(user): ApiUser,
    Path(case_no): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let (visible, view) = web.view_for(&user.account, &case_no).await?;
    Ok(Json(case_json(&user.account, &visible, &view)))
}

/// 案件查询: the cases the account may read that match, a page at a time, with the true total
/// (`crate::search`).
pub async fn list_cases<S: Store>(
    State(web): State<Arc<Web<S>>>,
    ApiUser(user): ApiUser,
    ApiQuery(q): ApiQuery<crate::search::SearchParams>,
) -> Result<Json<Value>, ApiError> {
    let checked = q.check(&web, &user.account)?;
    let (total, rows) = web.search_cases(&checked).await?;
    let principal = user.account.principal();
    let cases: Vec<Value> = rows
        .iter()
        // The store applied the read rule; this is the same rule once more, as every read does.
        .filter(|r| web.readable(&principal, r))
        .map(|r| {
            let mut c = case_summary(r);
            c.insert("closed_on".into(), json!(r.closed_on));
            Value::Object(c)
        })
        .collect();
    Ok(Json(json!({
        "court": checked.court.as_str(),
        "total": total,
        "page": checked.page,
        "per_page": checked.per_page,
        "limit": checked.search.limit,
        "offset": checked.search.offset,
        "cases": cases,
    })))
}

/// The fields every case list of the API gives a case (案件查询, the work queues).
fn case_summary(r: &docket_store::StoredCase) -> serde_json::Map<String, Value> {
    [
        ("case_no", json!(r.case_no.to_string())),
        ("court", json!(r.court.as_str())),
        ("type", json!(r.case_no.type_code())),
        ("cause", json!(r.cause)),
        ("filed_on", json!(r.filed_on)),
        ("status", json!(r.status.as_str())),
        ("judge", json!(r.judge)),
        ("department", json!(r.department)),
        ("sealed", json!(r.sealed)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

/// A work queue of the account (`to_assign`, `approvals`, `hearings`, `due`): the cases in the
/// queue's order, with the date the queue is about. 403 for a queue the account's role does not
/// have.
pub async fn queue<S: Store>(
    State(web): State<Arc<Web<S>>>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let queue = crate::queues::Queue::parse(&id).ok_or(WebError::NotFound)?;
    let list = crate::queues::entries(&web, &user.account, queue).await?;
    let cases: Vec<Value> = list
        .iter()
        .map(|e| {
            let r = &e.row;
            let mut c = case_summary(r);
            let extra = json!({
                "on": e.on,
                "days_left": e.days_left,
                "warnings": e.warnings,
                "document": e.document,
                "hearing_on": r.next_hearing,
                "room": r.next_room,
                "extension": r.extension_request.map(|x| json!({
                    "requested_on": x.requested_on,
                    "length": x.length.label(),
                    "approver": x.approver.as_str(),
                })),
            });
            if let Value::Object(extra) = extra {
                c.extend(extra);
            }
            Value::Object(c)
        })
        .collect();
    Ok(Json(json!({ "queue": queue.id(), "total": cases.len(), "cases": cases })))
}

/// The account's notifications (newest first), its unread count and today's reminders.
pub async fn notifications<S: Store>(
    State(web): State<Arc<Web<S>>>,
    ApiUser(user): ApiUser,
) -> Result<Json<Value>, ApiError> {
    let (stored, reminders) = crate::notices::list(&web, &user.account).await?;
    Ok(Json(json!({
        // The store's count: the list shows the latest 100 only.
        "unread": crate::notices::unread(&web, &user.account).await?.unwrap_or(0),
        "notifications": stored.iter().map(|n| json!({
            "id": n.id, "case_no": n.case_no, "kind": n.kind, "text": n.text, "at": n.created_at, "read": n.read_at.is_some(),
        })).collect::<Vec<_>>(),
        "reminders": reminders.iter().map(|r| json!({ "case_no": r.case_no, "text": r.text })).collect::<Vec<_>>(),
    })))
}

/// Marks the account's notifications read: up to `up_to` (an id), or all.
#[derive(Deserialize, Default)]
pub struct ReadNotifications {
    up_to: Option<i64>,
}

pub async fn read_notifications<S: Store>(
    State(web): State<Arc<Web<S>>>,
    ApiUser(user): ApiUser,
    body: Option<Json<ReadNotifications>>,
) -> Result<Json<Value>, ApiError> {
    let up_to = body.and_then(|Json(b)| b.up_to);
    let marked = crate::notices::mark_read(&web, &user.account, up_to).await?;
    Ok(Json(json!({ "marked": marked })))
}

/// A filing as JSON: the interchange case fields, with `type`, parties and an optional `judge`.
#[derive(Deserialize)]
pub struct FilingJson {
    court: Option<String>,
    #[serde(rename = "type")]
    type_code: String,
    procedure: String,
    cause: String,
    received_on: Option<String>,
    filed_on: Option<NaiveDate>,
    #[serde(default)]
    online: bool,
    claim_amount: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    origin: Option<String>,
    #[serde(default)]
    sealed: bool,
    #[serde(default)]
    parties: Vec<PartyJson>,
    judge: Option<String>,
}

#[derive(Deserialize)]
pub struct PartyJson {
    role: String,
    kind: String,
    name: String,
    id_number: Option<String>,
    org_type: Option<String>,
}

pub async fn file_case<S: Store>(
    State(web): State<Arc<Web<S>>>,
    ApiUser(user): ApiUser,
    Json(f): Json<FilingJson>,
) -> Result<Response, ApiError> {
    let court = f.court.clone().unwrap_or_else(|| user.account.court.to_string());
    let code = CourtCode::parse(&court).map_err(|_| WebError::NotFound)?;
    if !user.account.principal().may_file(&code) {
        return Err(WebError::Forbidden(format!("{}不能在 {court} 立案", user.account.role.label())).into());
    }
    let filing = Filing {
        court,
        type_code: f.type_code,
        procedure: f.procedure,
        cause: f.cause,
        received_on: f.received_on.unwrap_or_default(),
        filed_on: f.filed_on,
        online: f.online,
        claim_amount: f.claim_amount.unwrap_or_default(),
        tags: f.tags,
        origin: f.origin.unwrap_or_default(),
        sealed: f.sealed,
        parties: f
            .parties
            .into_iter()
            .map(|p| FilingParty {
                role: p.role,
                kind: p.kind,
                name: p.name,
                id_number: p.id_number.unwrap_or_default(),
                org_type: p.org_type.unwrap_or_default(),
                agents: Vec::new(),
            })
            .collect(),
        judge: f.judge.unwrap_or_default(),
        application: None,
    };
    let case_no = web.docket.file_case(filing, web.today(), Some(&user.account)).await?;
    web.refresh_case(&case_no).await?;
    Ok((StatusCode::CREATED, Json(json!({ "case_no": case_no.to_string() }))).into_response())
}

/// Appends one event, given as an interchange event line (`case_no` may be left out).
pub async fn append_event<S: Store>(
    State(web): State<Arc<Web<S>>>,
    ApiUser(user): ApiUser,
    Path(case_no): Path<String>,
    Json(mut body): Json<Value>,
) -> Result<Response, ApiError> {
    let case = web.case_for(&user.account, &case_no).await?;
    let Some(obj) = body.as_object_mut() else {
        return Err(WebError::BadRequest("请求体应为一个事件对象".into()).into());
    };
    obj.entry("kind").or_insert_with(|| json!("event"));
    let given = obj.entry("case_no").or_insert_with(|| json!(case.row.case_no.to_string())).clone();
    if given.as_str().map(docket_domain::CaseNumber::parse).and_then(Result::ok).as_ref() != Some(&case.row.case_no) {
        return Err(WebError::Invalid(vec![docket_app::FieldError::new("case_no", "与地址中的案号不一致")]).into());
    }
    let record = parse_line(1, &body.to_string()).map_err(|errors| {
        WebError::Invalid(errors.into_iter().map(|e| docket_app::FieldError::new(e.field, e.message)).collect())
    })?;
    let Record::Event(mut event) = record else {
        return Err(WebError::Invalid(vec![docket_app::FieldError::new("kind", "应为 event")]).into());
    };
    crate::pages::stamp_who(&mut event.event.kind, &user.account);
    web.require(
        &user.account,
        Action::of_event(&event.event.kind, case.row.extension_request.map(|x| x.approver)),
        &case,
    )
    .await?;
    let describe = event.event.kind.describe();
    let warnings = match &event.event.kind {
        docket_domain::EventKind::HearingScheduled { hearing_on, room } => {
            crate::queues::hearing_clashes(&web, &case.row, *hearing_on, room.as_deref()).await?
        }
        _ => vec![],
    };
    let kind = event.event.kind.clone();
    web.docket.append_event(&case.row.case_no, event.event, web.today(), Some((&user.account, &describe))).await?;
    web.refresh_case(&case.row.case_no).await?;
    crate::notices::send(&web, &case.row, &kind, &user.account).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "case_no": case.row.case_no.to_string(), "event": describe, "warnings": warnings })),
    )
        .into_response())
}

/// An indicator query as `/api/v1/metrics` and the 质效分析 page take it.
#[derive(Deserialize, Default)]
pub struct MetricsQuery {
    pub court: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    #[serde(default)]
    pub rollup: bool,
    pub by: Option<String>,
    pub tag: Option<String>,
    /// 案由, separated by commas.
    pub cause: Option<String>,
    pub indicators: Option<String>,
    /// `csv` downloads the page's table (the API always answers JSON).
    pub format: Option<String>,
}

/// The indicators, in the JSON shape of `docket metrics --format json`.
pub async fn metrics<S: Store>(
    State(web): State<Arc<Web<S>>>,
    ApiUser(user): ApiUser,
    ApiQuery(q): ApiQuery<MetricsQuery>,
) -> Result<Json<Value>, ApiError> {
    let query = metrics_query(&web, &user.account, &q)?;
    let results = web.with_engine(|engine| engine.compute(&query))?.map_err(|e| WebError::BadRequest(e.to_string()))?;
    Ok(Json(docket_app::metrics_output::to_json(&query, &results)))
}

impl MetricsQuery {
    /// The period asked for: by default the year to date.
    pub fn period(&self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        (self.from.unwrap_or_else(|| today.with_ordinal(1).unwrap_or(today)), self.to.unwrap_or(today))
    }
}

/// The engine query a request describes, every problem named by its parameter; the court must
/// be one the account may view.
pub fn metrics_query<S: Store>(
    web: &Web<S>,
    account: &Account,
    q: &MetricsQuery,
) -> Result<docket_metrics::Query, WebError> {
    let court = web.court_param(account, q.court.as_deref())?;
    let (from, to) = q.period(web.today());
    let text = docket_app::QueryText {
        rollup: q.rollup,
        from: Some(from),
        to: Some(to),
        by: q.by.as_deref().unwrap_or(""),
        tag: q.tag.as_deref(),
        cause: q.cause.as_deref(),
        indicators: q.indicators.as_deref().unwrap_or(""),
    };
    Ok(docket_app::parse_query(court, &text)?)
}

//! 案件详情: the case with its parties, 审限 and timeline, its evidence, and the action forms'
//! posts (each an interchange event; a refused one is shown again with its errors).

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use docket_app::FieldError;

use crate::i18n::Lang;
use docket_domain::{Action, EventKind};
use docket_interchange::{Record, parse_line};
use docket_store::Store;
use serde_json::{Map, Value as Json, json};

use super::actions::{ActionForm, action_forms};
use super::frame::{CheckedForm, FormFields, Nav, field, href, percent_encode, render, render_status, tag_labels};
use crate::auth::{PageUser, User};
use crate::error::{PageError, WebError};
use crate::query::PageQuery;
use crate::{VisibleCase, Web};

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
    /// Where the case stands against its 审限: 审限内结案 / 超审限结案, the days left when a
    /// deducted period stopped the clock, a request waiting for its decision.
    deadline_status: Vec<String>,
    deadline_steps: String,
    warnings: Vec<String>,
    /// 执行: the 终本 check, 超标的 warnings, the periodic query — (class, id, text).
    enforcement: Vec<(&'static str, &'static str, String)>,
    /// 诉讼费.
    fee: super::fee::FeeView,
    /// 四类案件, 阅核, the committee and distinctions — (class, id, text).
    supervision: Vec<(&'static str, &'static str, String)>,
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
    /// 裁判文书, the form that records one, and the 相似案件 search.
    documents: Vec<super::documents::DocLine>,
    document_form: bool,
    document_errors: Vec<FieldError>,
    doc_kinds: Vec<(&'static str, &'static str)>,
    similar_href: String,
    /// 电子送达: the parties a document may be served to (index, role and name), when the account
    /// may record service.
    serve_parties: Vec<(usize, String)>,
    serve_href: String,
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
    /// Submitted by a party in the portal (shown apart from the court's).
    pub from_party: bool,
}

/// The form of the case page that was refused, if any, with its errors (shown at that form).
pub enum Refused<'a> {
    Nothing,
    /// An action form, by its id.
    Action(&'a str, Vec<FieldError>),
    /// The evidence upload.
    Evidence(Vec<FieldError>),
}

async fn case_page<S: Store>(
    web: &Web<S>,
    user: &User,
    case: &VisibleCase,
    view: &docket_app::CaseView,
    refused: Refused<'_>,
    notice: Option<String>,
    evidence: &[docket_store::EvidenceRow],
) -> Result<CasePage, WebError> {
    let nav = Nav::load(web, user, "cases").await?;
    let r = &case.row;
    let api = format!("/api/v1/cases/{}", percent_encode(&r.case_no.to_string()));
    let full_ids = user.account.principal().sees_full_ids(&case.scope());
    let lang = user.lang;
    let mut facts = vec![
        ("法院", view.court_name.clone().unwrap_or_else(|| r.court.to_string())),
        ("类型", format!("{}（{}）", lang.t(r.case_type().name), r.case_type().code)),
        ("程序", lang.t(r.procedure.label()).to_owned()),
        ("案由", r.cause.clone()),
        ("立案日期", r.filed_on.to_string()),
        ("状态", lang.t(r.status.label()).to_owned()),
        ("承办法官", view.judge_name.clone().unwrap_or_else(|| lang.t("未分案").into())),
    ];
    if let Some(d) = &view.department_name {
        facts.push(("承办部门", d.clone()));
    }
    if let Some(c) = r.closed_on {
        facts.push(("结案日期", c.to_string()));
    }
    if let Some(m) = r.close_method {
        facts.push(("结案方式", lang.t(m.label()).to_owned()));
    }
    if let Some(claim) = r.claim {
        facts.push(("标的额", format!("{claim} 元")));
    }
    if r.recovered > docket_domain::Amount::ZERO {
        facts.push(("执行到位", format!("{} 元", r.recovered)));
    }
    if r.performed() > docket_domain::Amount::ZERO {
        facts.push(("自动履行", format!("{} 元", r.performed())));
    }
    // The court's mediation organisations, for the referral form (when it is offered).
    let category = case.row.case_type().category;
    let refers = case.row.is_open()
        && matches!(category, docket_domain::Category::Civil | docket_domain::Category::Mediation)
        && user.account.principal().may(docket_domain::Action::Mediation, &case.scope());
    let orgs = if refers { web.orgs_of(&case.row.court) } else { Vec::new() };
    let mut actions = action_forms(web, &user.account, case, view, &orgs, user.lang);
    let mut evidence_errors = vec![];
    let mut document_errors = vec![];
    match refused {
        Refused::Nothing => {}
        Refused::Action("document", errors) => document_errors = errors,
        Refused::Action(id, errors) => {
            if let Some(form) = actions.iter_mut().find(|f| f.id == id) {
                form.errors = errors;
            }
        }
        Refused::Evidence(errors) => evidence_errors = errors,
    }
    let mut lineage = Vec::new();
    if let Some(o) = &r.origin {
        lineage.push((lang.t("原审案件").to_owned(), o.to_string()));
    }
    for d in &view.derived {
        lineage.push((lang.t("派生案件").to_owned(), d.clone()));
    }
    Ok(CasePage {
        nav,
        case_no: r.case_no.to_string(),
        post_href: format!("{}/events", href(&r.case_no)),
        title: r.case_no.to_string(),
        facts: facts.into_iter().map(|(k, v)| (lang.t(k), v)).collect(),
        sealed: r.sealed,
        tags: tag_labels(&r.tags, user.lang),
        parties: view
            .parties
            .iter()
            .map(|p| PartyLine {
                role: lang.t(p.role.label()).to_owned(),
                name: p.name.clone(),
                id: p.shown_id(full_ids).unwrap_or_default(),
            })
            .collect(),
        deadline: view.deadline.deadline_on.map_or_else(|| lang.t("无（中止中或无审限）").into(), |d| d.to_string()),
        deadline_status: deadline_status(view, web.today()),
        deadline_steps: view.deadline.explain(),
        warnings: view.warnings.iter().map(|w| w.describe()).collect(),
        enforcement: enforcement_lines(r, user.lang),
        supervision: super::supervision::supervision_lines(web, &view.state, user.lang),
        fee: super::fee::fee_view(&web.fee_schedule(), &view.state, web.today(), user.lang),
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
                from_party: e.method == docket_app::portal::PARTY_METHOD,
            })
            .collect(),
        evidence_form: user.account.principal().may(Action::Evidence, &case.scope()),
        evidence_href: format!("{}/evidence", href(&r.case_no)),
        evidence_errors,
        media_types: docket_app::MEDIA_TYPES.to_vec(),
        bundle_href: format!("{api}/events/"),
        documents: super::documents::doc_lines(
            &web.docket.documents_of(&view.state).await?,
            &href(&r.case_no),
            web.today(),
            lang,
        ),
        document_form: user.account.principal().may(Action::Document, &case.scope()),
        document_errors,
        doc_kinds: super::documents::doc_kinds(lang),
        similar_href: format!("/similar?case={}", percent_encode(&r.case_no.to_string())),
        serve_parties: if user.account.principal().may(Action::Service, &case.scope()) {
            view.parties
                .iter()
                .enumerate()
                .map(|(i, p)| (i, format!("{}：{}", lang.t(p.role.label()), p.name)))
                .collect()
        } else {
            Vec::new()
        },
        serve_href: format!("{}/serve", href(&r.case_no)),
    })
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
        .case_evidence(case.row.court.as_str(), &case.row.case_no.to_string())
        .await
        .map_err(docket_app::AppError::from)?;
    let was_refused = !matches!(refused, Refused::Nothing);
    let page = case_page(web, user, case, view, refused, notice, &rows).await?;
    if was_refused { render_status(StatusCode::UNPROCESSABLE_ENTITY, &page) } else { render(&page) }
}

/// The interchange event object a case action form describes.
fn event_object(form: &FormFields, case_no: &str) -> Json {
    let mut m = Map::new();
    m.insert("kind".into(), json!("event"));
    m.insert("case_no".into(), json!(case_no));
    for (k, v) in form {
        let v = v.trim();
        if v.is_empty() {
            continue;
        }
        match k.as_str() {
            "months" | "days" | "persons" => {
                m.insert(k.clone(), v.parse::<i64>().map_or_else(|_| json!(v), |n| json!(n)));
            }
            "delivered" | "online" | "streamed" => {
                m.insert(k.clone(), json!(v == "true"));
            }
            "type" | "on" | "judge" | "department" | "procedure" | "hearing_on" | "reason" | "approver" | "method"
            | "outcome" | "amount" | "channel" | "room" | "measure" | "note" | "notice" | "org" | "mediator"
            | "mode" | "result" | "relief" | "category" | "by" | "reviewer" | "body" | "honour" | "level" | "doc"
            | "withheld" | "reference" => {
                m.insert(k.clone(), json!(v));
            }
            // A document's text keeps its lines (a browser posts them as CRLF).
            "text" => {
                m.insert(k.clone(), json!(v.replace("\r\n", "\n")));
            }
            _ => {}
        }
    }
    Json::Object(m)
}

pub async fn case_event<S: Store>(
    State(web): State<Arc<Web<S>>>,
    Path(case_no): Path<String>,
    CheckedForm { user, fields: form }: CheckedForm,
) -> Result<Response, PageError> {
    let case = web.case_for(&user.account, &case_no).await?;
    let action = field(&form, "action").to_owned();
    let refuse = |errors: Vec<FieldError>, case: VisibleCase| {
        let web = web.clone();
        let user = user.clone();
        let action = action.clone();
        async move {
            let view = web.docket.case_view(&case.row.case_no.to_string(), web.today()).await?;
            case_page_with_evidence(&web, &user, &case, &view, Refused::Action(&action, errors), None).await
        }
    };
    let body = event_object(&form, &case.row.case_no.to_string());
    let mut event = match parse_line(1, &body.to_string()) {
        Ok(Record::Event(e)) => e.event,
        Ok(_) => return Err(WebError::BadRequest("不是事件".into()).into()),
        Err(errors) => {
            return refuse(errors.into_iter().map(|e| FieldError::new(label_of(&e.field), e.message)).collect(), case)
                .await;
        }
    };
    super::actions::stamp_who(&mut event.kind, &user.account);
    web.require(&user.account, Action::of_event(&event.kind, case.row.extension_request.map(|x| x.approver)), &case)
        .await?;
    // 结案 is not undone by its own hand: the form asks for an explicit confirmation.
    if matches!(event.kind, EventKind::Closed { .. }) && field(&form, "confirm") != "yes" {
        let error = FieldError::new("确认", "请勾选“确认结案”：结案后只能由审管办恢复");
        return refuse(vec![error], case).await;
    }
    let describe = match (&event.kind, case.row.judge.as_deref()) {
        (EventKind::Assigned { judge, .. }, Some(old)) if old != judge => format!(
            "改派：承办法官由 {} 改为 {}",
            web.judge_name(&case.row.court, old),
            web.judge_name(&case.row.court, judge)
        ),
        _ => event.kind.describe(),
    };
    let clashes = match &event.kind {
        EventKind::HearingScheduled { hearing_on, room } => {
            crate::queues::hearing_clashes(&web, &case.row, *hearing_on, room.as_deref()).await?
        }
        _ => vec![],
    };
    let kind = event.kind.clone();
    match web.docket.append_event(&case.row.case_no, event, web.today(), Some((&user.account, &describe))).await {
        Ok(()) => {}
        Err(docket_app::AppError::Fields(errors)) => {
            return refuse(errors.into_iter().map(|e| FieldError::new(label_of(&e.field), e.message)).collect(), case)
                .await;
        }
        Err(e) => return Err(e.into()),
    }
    web.refresh_case(&case.row.case_no).await?;
    crate::notices::send(&web, &case.row, &kind, &user.account).await?;
    // A form on a work queue goes back to it.
    let back = match field(&form, "return") {
        r @ ("/queues/to_assign" | "/queues/approvals") => r.to_owned(),
        _ => href(&case.row.case_no),
    };
    let done = format!("{}：{describe}", case.row.case_no);
    let mut done = if back.starts_with("/queues/") { done } else { describe };
    if !clashes.is_empty() {
        done.push_str(&format!("。排期冲突提醒：{}", clashes.join("；")));
    }
    Ok(Redirect::to(&format!("{back}?done={}", percent_encode(&done))).into_response())
}

/// What the case page says of a case's 执行: whether its 终本 meets the five conditions of
/// 法〔2016〕373号第一条 (naming what is missing), each seizure above what was still owed, and for a
/// 终本 case the last network query and the next one due (第九条: every six months).
fn enforcement_lines(r: &docket_store::StoredCase, lang: Lang) -> Vec<(&'static str, &'static str, String)> {
    use docket_store::EnforcementFact as E;
    let mut out = Vec::new();
    for f in &r.enforcement {
        match &f.fact {
            E::Termination(missing) if missing.is_empty() => out.push((
                "ok",
                "termination-check",
                lang.t("终本合格：满足法〔2016〕373号第一条规定的五项条件").to_owned(),
            )),
            E::Termination(missing) => out.push((
                "warn",
                "termination-check",
                format!(
                    "{}{}",
                    lang.t("终本不合格："),
                    missing.iter().map(|c| lang.t(c.missing())).collect::<Vec<_>>().join(lang.t("；"))
                ),
            )),
            E::OverSeizure => out.push((
                "warn",
                "over-seizure",
                format!("{} {}", f.on, lang.t("查封、冻结的财产价值超过尚欠金额（超标的查封）")),
            )),
            _ => {}
        }
    }
    if let Some((last, due)) = r.next_query() {
        out.push((
            "muted",
            "next-query",
            format!("{}{last}{}{due}", lang.t("终本案件库：最近一次网络查控或结案 "), lang.t("，下次查询应不晚于 ")),
        ));
    }
    out
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
        "measure" => "执行措施",
        "persons" => "人数",
        "notice" => "文书",
        "org" => "调解组织",
        "mediator" => "调解员",
        "mode" => "调解方式",
        "result" => "结果",
        "relief" => "司法救助",
        "note" => "情况",
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
        "category" => "四类案件类别",
        "by" => "标记人",
        "reviewer" => "阅核人",
        "body" => "讨论组织",
        "honour" => "类别",
        "level" => "层级",
        "doc" => "文书",
        "text" => "全文",
        "withheld" => "不上网理由",
        _ => return field.to_owned(),
    };
    label.to_owned()
}

/// The case against its 审限, in words (Chinese, as the record's own explanations are).
fn deadline_status(view: &docket_app::CaseView, today: chrono::NaiveDate) -> Vec<String> {
    use docket_domain::deadline::DeadlineBase;
    let r = &view.row;
    let mut out = Vec::new();
    match (r.closed_on, view.deadline.deadline_on) {
        (Some(closed), Some(limit)) if closed <= limit => out.push(format!("审限内结案（审限届满日 {limit}）")),
        (Some(closed), Some(limit)) => {
            out.push(format!("超审限结案：结案日 {closed} 晚于审限届满日 {limit} {} 天", (closed - limit).num_days()))
        }
        (None, Some(limit)) if limit >= today => out.push(format!("审限尚余 {} 天", (limit - today).num_days())),
        (None, Some(limit)) => out.push(format!("已超审限 {} 天", (today - limit).num_days())),
        _ => {}
    }
    // A deducted period stops the clock: what was left when it stopped is left when it ends.
    if let (None, Some(since)) = (r.closed_on, view.deadline.base.suspended_since) {
        let events = &view.state.events;
        let before: Vec<_> = events.iter().filter(|e| e.on < since).cloned().collect();
        let stopped = DeadlineBase::compute(&view.state.record, &before, Some(since)).unadjusted;
        match stopped {
            Some(limit) => out.push(format!(
                "审限自 {since} 起中止（扣除审限），中止时尚余 {} 天，恢复后继续计算",
                (limit - since).num_days().max(0)
            )),
            None => out.push(format!("审限自 {since} 起中止（扣除审限）")),
        }
    }
    if let Some(x) = r.extension_request {
        out.push(format!("{} 申请延长审限 {}，待{}审批", x.requested_on, x.length.label(), x.approver.label()));
    }
    out
}

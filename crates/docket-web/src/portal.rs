//! 诉讼服务: the portal of parties and lawyers, a separate and simple layout that works on a
//! phone (390 px). A portal account reaches only these pages, and on them only the cases its
//! verified link stands for (`docket_domain::portal`); anything else is "not found".
//!
//! - `/portal`: my cases, and whether electronic service is confirmed.
//! - `/portal/cases/{案号}`: where the case stands in plain words, the parties as the portal may
//!   show them, the steps, the fee, the documents served with their receipts, evidence
//!   submitted with its verification bundle, and the upload form.
//! - `/portal/cases/{案号}/served/{sha256}`: a served document, opened — the first opening is
//!   recorded (`service_viewed`) and shown on the receipt with the moment it reached the account.
//! - `/portal/cases/{案号}/entries/{n}/bundle`: the verification bundle of a receipt's entry (a
//!   service to the account's party or its view), checked offline by `docket verify --bundle`.
//! - `/portal/account`: the 送达地址确认书 and the second factor (TOTP).

use std::sync::Arc;

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use docket_app::{AppError, FieldError, PortalAccount, PortalCaseView};
use docket_store::Store;

use crate::Web;
use crate::auth::{PortalUser, User};
use crate::error::{PageError, WebError};
use crate::form::{PortalForm, field};
use crate::i18n::Lang;
use crate::pages::{percent_encode, render, render_status};
use crate::query::PageQuery;

mod applications;
mod eservice;
pub use applications::{
    application, application_step, applications, apply, apply_form, portal_application, portal_application_step,
};
pub use eservice::{add_portal_account, portal_accounts_page, serve};

/// What every portal page's frame shows.
pub struct Frame {
    pub lang: Lang,
    pub csrf: String,
    pub name: String,
    pub role: &'static str,
}

impl Frame {
    fn of(user: &User) -> Self {
        Self {
            lang: user.lang,
            csrf: user.csrf.clone(),
            name: user.account.name.clone(),
            role: user.lang.t(user.account.role.label()),
        }
    }

    pub fn t(&self, zh: &'static str) -> &'static str {
        self.lang.t(zh)
    }

    /// `t` for words that are data (a party's role label).
    pub fn t_owned(&self, zh: &str) -> String {
        self.lang.t_owned(zh)
    }
}

/// The case's address in the portal.
pub fn portal_href(case_no: impl std::fmt::Display) -> String {
    format!("/portal/cases/{}", percent_encode(&case_no.to_string()))
}

async fn who<S: Store>(web: &Web<S>, user: &User) -> Result<PortalAccount, WebError> {
    web.docket.portal_account(&user.account).await?.ok_or(WebError::NotFound)
}

struct CaseLine {
    case_no: String,
    href: String,
    court: String,
    cause: String,
    filed_on: String,
    status: String,
    as_party: String,
    next_hearing: Option<String>,
}

#[derive(Template)]
#[template(path = "portal_home.html")]
struct HomePage {
    f: Frame,
    cases: Vec<CaseLine>,
    applications: Vec<applications::ApplicationView>,
    consent: bool,
    lawyer: bool,
}

/// `GET /portal`.
pub async fn home<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PortalUser(user): PortalUser,
) -> Result<Response, PageError> {
    let who = who(&web, &user).await?;
    let rows = web.docket.portal_cases(&who).await?;
    let applications = docket_app::applications::applications_of(&*web.register().await?, &who)
        .iter()
        .filter(|r| !matches!(r.state.stage, docket_domain::online_filing::Stage::Accepted { .. }))
        .map(|r| applications::view(&web, r, false, true))
        .collect();
    let lang = user.lang;
    let cases = rows
        .into_iter()
        .map(|r| CaseLine {
            case_no: r.case.case_no.to_string(),
            href: portal_href(&r.case.case_no),
            court: web.court_name(r.case.court.as_str()),
            cause: r.case.cause.clone(),
            filed_on: r.case.filed_on.to_string(),
            status: lang.t(r.case.status.label()).to_owned(),
            as_party: r.as_party.join("、"),
            next_hearing: r.case.next_hearing.filter(|d| *d >= web.today()).map(|d| d.to_string()),
        })
        .collect();
    render(&HomePage {
        consent: who.consent_at.is_some(),
        lawyer: who.account.role == docket_domain::Role::Lawyer,
        f: Frame::of(&user),
        cases,
        applications,
    })
}

struct ServedLine {
    title: String,
    party: String,
    receipt_at: String,
    viewed_at: Option<String>,
    open_href: String,
}

struct EvidenceLine {
    number: i64,
    name: String,
    recorded_at: String,
    sha256: String,
    bundle_href: String,
}

#[derive(Template)]
#[template(path = "portal_case.html")]
struct CasePage {
    f: Frame,
    case_no: String,
    court: String,
    cause: String,
    filed_on: String,
    current: String,
    sealed: bool,
    parties: Vec<(String, String, bool, String)>,
    timeline: Vec<(String, String)>,
    fee: Vec<(&'static str, String)>,
    served: Vec<ServedLine>,
    evidence: Vec<EvidenceLine>,
    upload_href: String,
    media_types: Vec<(&'static str, &'static str)>,
    notice: Option<String>,
    notice_href: Option<String>,
    errors: Vec<FieldError>,
}

#[derive(serde::Deserialize, Default)]
pub struct CaseQuery {
    done: Option<String>,
    bundle: Option<i64>,
}

fn case_page(
    view: &PortalCaseView,
    user: &User,
    notice: (Option<String>, Option<String>),
    errors: Vec<FieldError>,
) -> CasePage {
    let lang = user.lang;
    let n = &view.state.record.case_no;
    let href = portal_href(n);
    let time = |t: chrono::DateTime<chrono::FixedOffset>| t.format("%Y-%m-%d %H:%M:%S").to_string();
    let mut fee = Vec::new();
    if let Some(a) = &view.fee {
        fee.push(("应交诉讼费", format!("{} 元", a.due)));
        fee.push(("已交", format!("{} 元", a.paid)));
        if a.owed.fen() > 0 {
            let by = a.pay_by.map(|d| format!("，{}{d}", lang.t("请于以下日期前交纳："))).unwrap_or_default();
            fee.push(("待交", format!("{} 元{by}", a.owed)));
        }
        if a.refund_due.fen() > 0 {
            let by = a.refund_by.map(|d| format!("，{}{d}", lang.t("法院应于以下日期前退还："))).unwrap_or_default();
            fee.push(("应退", format!("{} 元{by}", a.refund_due)));
        }
        if a.refunded.fen() > 0 {
            fee.push(("已退", format!("{} 元", a.refunded)));
        }
    }
    CasePage {
        case_no: n.to_string(),
        court: view.court_name.clone(),
        cause: view.state.record.cause.clone(),
        filed_on: view.state.record.filed_on.to_string(),
        current: view.current.clone(),
        sealed: view.state.record.sealed,
        parties: view
            .parties
            .iter()
            .map(|p| (lang.t(p.role.label()).to_owned(), p.name.clone(), p.mine, p.agents.join("、")))
            .collect(),
        timeline: view.timeline.iter().rev().map(|l| (l.on.to_string(), l.text.clone())).collect(),
        fee,
        served: view
            .served
            .iter()
            .map(|s| ServedLine {
                title: lang.t_owned(&s.title),
                party: s.party.clone().unwrap_or_default(),
                receipt_at: s.receipt_at.map(time).unwrap_or_default(),
                viewed_at: s.viewed.map(|(t, _)| time(t)),
                open_href: format!("{href}/served/{}", s.sha256),
            })
            .collect(),
        evidence: view
            .evidence
            .iter()
            .map(|e| EvidenceLine {
                number: e.number,
                name: e.name.clone(),
                recorded_at: crate::pages::beijing_time(&e.recorded_at),
                sha256: docket_domain::chain::hex(&e.sha256),
                bundle_href: format!("{href}/evidence/{}/bundle", e.number),
            })
            .collect(),
        upload_href: format!("{href}/evidence"),
        media_types: docket_app::MEDIA_TYPES.to_vec(),
        notice: notice.0,
        notice_href: notice.1,
        errors,
        f: Frame::of(user),
    }
}

/// `GET /portal/cases/{case_no}`.
pub async fn case<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PortalUser(user): PortalUser,
    Path(case_no): Path<String>,
    PageQuery(q): PageQuery<CaseQuery>,
) -> Result<Response, PageError> {
    let who = who(&web, &user).await?;
    let view = web.docket.portal_case(&who, &case_no).await?;
    let bundle = q.bundle.map(|n| format!("{}/evidence/{n}/bundle", portal_href(&view.state.record.case_no)));
    render(&case_page(&view, &user, (q.done.filter(|d| !d.is_empty()), bundle), Vec::new()))
}

#[derive(Template)]
#[template(path = "portal_document.html")]
struct DocumentPage {
    f: Frame,
    case_no: String,
    case_href: String,
    title: String,
    text: String,
    sha256: String,
    party: String,
    receipt_at: String,
    viewed_at: String,
    service_bundle: String,
    view_bundle: Option<String>,
}

/// `GET /portal/cases/{case_no}/served/{sha256}`: opens a served document; the first opening is
/// recorded.
pub async fn served<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PortalUser(user): PortalUser,
    Path((case_no, sha)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let who = who(&web, &user).await?;
    let (s, text, first_view) = web.docket.open_served(&who, &case_no, &sha, chrono::Utc::now(), web.today()).await?;
    let n = docket_domain::CaseNumber::parse(&case_no).map_err(|_| WebError::NotFound)?;
    if first_view {
        web.refresh_case(&n).await?;
    }
    let href = portal_href(&n);
    let time = |t: chrono::DateTime<chrono::FixedOffset>| t.format("%Y-%m-%d %H:%M:%S").to_string();
    render(&DocumentPage {
        case_no: n.to_string(),
        case_href: href.clone(),
        title: user.lang.t_owned(&s.title),
        text,
        party: s.party.clone().unwrap_or_default(),
        receipt_at: s.receipt_at.map(time).unwrap_or_default(),
        viewed_at: s.viewed.map(|(t, _)| time(t)).unwrap_or_default(),
        service_bundle: format!("{href}/entries/{}/bundle", s.service_seq),
        view_bundle: s.viewed.map(|(_, seq)| format!("{href}/entries/{seq}/bundle")),
        sha256: s.sha256,
        f: Frame::of(&user),
    })
}

/// `GET /portal/cases/{case_no}/entries/{seq}/bundle`: the bundle of a receipt's entry — only a
/// service to the account's party, or its view.
pub async fn entry_bundle<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PortalUser(user): PortalUser,
    Path((case_no, seq)): Path<(String, u32)>,
) -> Result<Response, PageError> {
    let who = who(&web, &user).await?;
    let view = web.docket.portal_case(&who, &case_no).await?;
    let receipt = view.served.iter().any(|s| s.service_seq == seq || s.viewed.is_some_and(|(_, v)| v == seq));
    if !receipt {
        return Err(WebError::NotFound.into());
    }
    let n = view.state.record.case_no.clone();
    let bundle = web.docket.entry_bundle(&n, seq, web.require_signer()?).await?;
    Ok(crate::ledger::json_download(&bundle, &format!("{n}-送达凭证{seq}.bundle.json"))?)
}

/// `GET /portal/cases/{case_no}/evidence/{number}/bundle`: the bundle of evidence the account
/// submitted.
pub async fn evidence_bundle<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PortalUser(user): PortalUser,
    Path((case_no, number)): Path<(String, i64)>,
) -> Result<Response, PageError> {
    let who = who(&web, &user).await?;
    let view = web.docket.portal_case(&who, &case_no).await?;
    let Some(row) = view.evidence.iter().find(|e| e.number == number) else {
        return Err(WebError::NotFound.into());
    };
    let bundle = web.docket.evidence_bundle(&row.court, &row.case_no, number, web.require_signer()?).await?;
    Ok(crate::ledger::json_download(&bundle, &format!("{}-证据{number}.bundle.json", row.case_no))?)
}

/// `POST /portal/cases/{case_no}/evidence` (multipart, with the CSRF token): the party's
/// evidence, stored with its provenance; back to the case with the bundle at hand.
pub async fn upload<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PortalUser(user): PortalUser,
    Path(case_no): Path<String>,
    mut form: Multipart,
) -> Result<Response, PageError> {
    let (mut name, mut media_type, mut content, mut csrf) = (String::new(), String::new(), Vec::new(), String::new());
    while let Some(part) =
        form.next_field().await.map_err(|e| WebError::BadRequest(format!("上传内容无法读取：{e}")))?
    {
        let field_name = part.name().unwrap_or_default().to_owned();
        if field_name == "file" {
            name = part.file_name().unwrap_or_default().to_owned();
            content = part.bytes().await.map_err(|e| WebError::BadRequest(format!("文件无法读取：{e}")))?.to_vec();
            continue;
        }
        let text = part.text().await.map_err(|e| WebError::BadRequest(format!("表单无法读取：{e}")))?;
        match field_name.as_str() {
            "csrf" => csrf = text,
            "media_type" => media_type = text,
            _ => {}
        }
    }
    user.check_csrf(Some(&csrf))?;
    let who = who(&web, &user).await?;
    match web.docket.submit_party_evidence(&who, &case_no, name, media_type, content, web.require_signer()?).await {
        Ok((row, _bundle)) => {
            let n = docket_domain::CaseNumber::parse(&row.case_no).map_err(|e| WebError::internal_from("案号", e))?;
            web.refresh_case(&n).await?;
            let done = format!("证据 {}「{}」已提交并写入默克尔日志，请下载核验包留存", row.number, row.name);
            let to = format!("{}?done={}&bundle={}", portal_href(&n), percent_encode(&done), row.number);
            Ok(Redirect::to(&to).into_response())
        }
        Err(AppError::Fields(errors)) => {
            let view = web.docket.portal_case(&who, &case_no).await?;
            render_status(axum::http::StatusCode::UNPROCESSABLE_ENTITY, &case_page(&view, &user, (None, None), errors))
        }
        Err(e) => Err(WebError::from(e).into()),
    }
}

#[derive(Template)]
#[template(path = "portal_account.html")]
struct AccountPage {
    f: Frame,
    username: String,
    link: String,
    consent_at: Option<String>,
    address: String,
    totp: bool,
    /// A fresh secret to enrol, with its otpauth address.
    secret: String,
    otpauth: String,
    notice: Option<String>,
    errors: Vec<FieldError>,
}

async fn account_page<S: Store>(
    web: &Web<S>,
    user: &User,
    notice: Option<String>,
    errors: Vec<FieldError>,
) -> Result<AccountPage, WebError> {
    let who = who(web, user).await?;
    let secret = docket_app::totp::new_secret().ok_or_else(|| WebError::internal("无法取得随机数"))?;
    let issuer = web.court_name(who.account.court.as_str());
    Ok(AccountPage {
        username: who.account.username.clone(),
        link: match &who.link {
            docket_domain::portal::Link::Identity(n) => docket_domain::case::masked_number(None, n),
            docket_domain::portal::Link::Licence(l) => l.clone(),
        },
        consent_at: who.consent_at.as_deref().map(crate::pages::beijing_time),
        address: who.address.clone().unwrap_or_default(),
        totp: who.totp,
        secret: docket_app::totp::base32(&secret),
        otpauth: docket_app::totp::otpauth_uri(&issuer, &who.account.username, &secret),
        notice,
        errors,
        f: Frame::of(user),
    })
}

/// `GET /portal/account`.
pub async fn account<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PortalUser(user): PortalUser,
) -> Result<Response, PageError> {
    render(&account_page(&web, &user, None, Vec::new()).await?)
}

/// `POST /portal/account`: the 送达地址确认书 (`consent`), or the second factor on (`secret` and
/// `code`) or off (`code` only, with `totp_off`).
pub async fn save_account<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PortalForm { user, fields }: PortalForm,
) -> Result<Response, PageError> {
    let who = who(&web, &user).await?;
    let result = match field(&fields, "action") {
        "consent" => web
            .docket
            .set_eservice_consent(&who, field(&fields, "consent") == "yes", Some(field(&fields, "address").to_owned()))
            .await
            .map(|()| "送达地址确认书已保存"),
        "totp_on" => match docket_app::totp::from_base32(field(&fields, "secret")) {
            Some(secret) if secret.len() >= 16 => web
                .docket
                .set_totp(&who, Some(&secret), field(&fields, "code"), docket_app::unix_now())
                .await
                .map(|()| "动态口令已开启"),
            _ => Err(AppError::Fields(vec![FieldError::new("secret", "密钥无效，请刷新页面后重试")])),
        },
        "totp_off" => web.docket.set_totp(&who, None, "", docket_app::unix_now()).await.map(|()| "动态口令已关闭"),
        _ => Err(AppError::Fields(vec![FieldError::new("action", "未知操作")])),
    };
    match result {
        Ok(done) => {
            let page = account_page(&web, &user, Some(user.lang.t(done).to_owned()), Vec::new()).await?;
            render(&page)
        }
        Err(AppError::Fields(errors)) => {
            let page = account_page(&web, &user, None, errors).await?;
            render_status(axum::http::StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => Err(WebError::from(e).into()),
    }
}

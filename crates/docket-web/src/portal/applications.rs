//! 网上立案 on both sides: the applicant's form and the application's page in the portal (补正,
//! 撤回), and the 立案员's list and page (补正 with what is missing, 不予立案 with a reason, 立案).

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use docket_app::applications::{
    NewApplication, application as find_application, application_for, applications_waiting,
};
use docket_app::{AppError, FieldError};
use docket_domain::management::ApplicationRecord;
use docket_domain::online_filing::{Claim, Stage, Step};
use docket_domain::{CourtCode, Procedure};
use docket_store::Store;

use super::{Frame, who};
use crate::Web;
use crate::auth::{PageUser, PortalUser};
use crate::error::{PageError, WebError};
use crate::form::{CheckedForm, PortalForm, field};
use crate::pages::{Nav, href, percent_encode, render, render_status};

/// An application's address: in the portal, or (`staff`) on the 立案员's side.
pub fn application_href(court: &CourtCode, no: &str, staff: bool) -> String {
    let base = if staff { "/applications" } else { "/portal/applications" };
    format!("{base}/{}/{}", percent_encode(court.as_str()), percent_encode(no))
}

/// An application as its pages show it.
pub struct ApplicationView {
    pub no: String,
    pub court: String,
    pub href: String,
    pub received_on: String,
    pub claim: &'static str,
    pub cause: String,
    pub applicant: String,
    pub parties: Vec<(String, String)>,
    pub requests: String,
    pub stage: &'static str,
    /// What is awaited and by when: the decision, or the correction.
    pub due: String,
    /// Past §8's limit with no decision: to be filed (先行立案).
    pub overdue: bool,
    pub steps: Vec<(String, String)>,
    pub correcting: bool,
    pub waiting: bool,
    pub case_href: Option<(String, String)>,
}

pub(super) fn view<S: Store>(web: &Web<S>, r: &ApplicationRecord, staff: bool, portal_case: bool) -> ApplicationView {
    let a = &r.application;
    let today = web.today();
    let (due, overdue) = match &r.state.stage {
        Stage::Waiting { decide_by } => {
            (format!("应于 {decide_by} 前决定是否立案（{}）", a.claim.article()), today > *decide_by)
        }
        Stage::Correcting { missing, by } => (format!("待补正：{missing}（{by} 前）"), false),
        _ => (String::new(), false),
    };
    let case_href = match &r.state.stage {
        Stage::Accepted { case_no, .. } => {
            Some((case_no.to_string(), if portal_case { super::portal_href(case_no) } else { href(case_no) }))
        }
        _ => None,
    };
    ApplicationView {
        no: a.no.clone(),
        court: web.court_name(a.court.as_str()),
        href: application_href(&a.court, &a.no, staff),
        received_on: a.received_on.to_string(),
        claim: a.claim.label(),
        cause: a.cause.clone(),
        applicant: format!("{}（{}）", a.applicant.name, if a.applicant.lawyer { "律师" } else { "当事人" }),
        parties: a.parties.iter().map(|p| (p.role.label().to_owned(), p.name.clone())).collect(),
        requests: a.requests.clone(),
        stage: r.state.stage.label(),
        due,
        overdue,
        steps: r.steps.iter().map(|(on, s)| (on.to_string(), s.describe())).collect(),
        correcting: matches!(r.state.stage, Stage::Correcting { .. }),
        waiting: matches!(r.state.stage, Stage::Waiting { .. }),
        case_href,
    }
}

// ---------------------------------------------------------------- the portal

#[derive(Template)]
#[template(path = "portal_apply.html")]
struct ApplyPage {
    f: Frame,
    lawyer: bool,
    courts: Vec<(String, String)>,
    claims: Vec<(&'static str, &'static str)>,
    errors: Vec<FieldError>,
    form: Vec<(String, String)>,
}

impl ApplyPage {
    fn value(&self, name: &str) -> &str {
        self.form.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
    }
}

fn apply_page<S: Store>(
    web: &Web<S>,
    user: &crate::auth::User,
    errors: Vec<FieldError>,
    form: Vec<(String, String)>,
) -> ApplyPage {
    ApplyPage {
        lawyer: user.account.role == docket_domain::Role::Lawyer,
        courts: web.all_courts().iter().map(|c| (c.code.to_string(), c.name.clone())).collect(),
        claims: Claim::ALL.iter().map(|c| (c.as_str(), c.label())).collect(),
        errors,
        form,
        f: Frame::of(user),
    }
}

/// `GET /portal/apply`.
pub async fn apply_form<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PortalUser(user): PortalUser,
) -> Result<Response, PageError> {
    render(&apply_page(&web, &user, Vec::new(), Vec::new()))
}

/// `POST /portal/apply`.
pub async fn apply<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PortalForm { user, fields }: PortalForm,
) -> Result<Response, PageError> {
    let who = who(&web, &user).await?;
    let f = |k: &str| field(&fields, k).to_owned();
    let new = NewApplication {
        court: f("court"),
        claim: f("claim"),
        cause: f("cause"),
        claim_amount: f("claim_amount"),
        plaintiff_name: f("plaintiff_name"),
        plaintiff_kind: f("plaintiff_kind"),
        plaintiff_id: f("plaintiff_id"),
        defendant_name: f("defendant_name"),
        defendant_kind: f("defendant_kind"),
        defendant_id: f("defendant_id"),
        requests: f("requests"),
    };
    match web.docket.apply_to_file(&who, new, web.today()).await {
        Ok((court, no)) => {
            web.refresh_records().await?;
            Ok(Redirect::to(&application_href(&court, &no, false)).into_response())
        }
        Err(AppError::Fields(errors)) => {
            let kept = fields.into_iter().filter(|(k, _)| k != "csrf").collect();
            render_status(axum::http::StatusCode::UNPROCESSABLE_ENTITY, &apply_page(&web, &user, errors, kept))
        }
        Err(e) => Err(WebError::from(e).into()),
    }
}

#[derive(Template)]
#[template(path = "portal_application.html")]
struct PortalApplicationPage {
    f: Frame,
    a: ApplicationView,
    errors: Vec<FieldError>,
}

/// `GET /portal/applications/{court}/{no}`.
pub async fn portal_application<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PortalUser(user): PortalUser,
    Path((court, no)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let who = who(&web, &user).await?;
    let r = application_for(&*web.register().await?, &who, &court, &no)?;
    render(&PortalApplicationPage { a: view(&web, &r, false, true), errors: Vec::new(), f: Frame::of(&user) })
}

/// `POST /portal/applications/{court}/{no}`: `corrected` or `withdrawn`.
pub async fn portal_application_step<S: Store>(
    State(web): State<Arc<Web<S>>>,
    Path((court, no)): Path<(String, String)>,
    PortalForm { user, fields }: PortalForm,
) -> Result<Response, PageError> {
    let who = who(&web, &user).await?;
    let r = application_for(&*web.register().await?, &who, &court, &no)?;
    let step = match field(&fields, "step") {
        "corrected" => Step::Corrected,
        "withdrawn" => Step::Withdrawn,
        _ => return Err(WebError::BadRequest("未知步骤".into()).into()),
    };
    let court = r.application.court.clone();
    match web.docket.application_step(&court, &no, step, &user.account, web.today()).await {
        Ok(()) => {
            web.refresh_records().await?;
            Ok(Redirect::to(&application_href(&court, &no, false)).into_response())
        }
        Err(AppError::Fields(errors)) => render_status(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            &PortalApplicationPage { a: view(&web, &r, false, true), errors, f: Frame::of(&user) },
        ),
        Err(e) => Err(WebError::from(e).into()),
    }
}

// ---------------------------------------------------------------- the 立案员

#[derive(Template)]
#[template(path = "applications.html")]
struct ApplicationsPage {
    nav: Nav,
    rows: Vec<ApplicationView>,
}

fn staff_court(user: &crate::auth::User) -> Result<CourtCode, WebError> {
    // 网上立案 is worked by those who file (立案员, 庭长, 院长) in their own court.
    if user.account.principal().may_file(&user.account.court) {
        Ok(user.account.court.clone())
    } else {
        Err(WebError::NotFound)
    }
}

/// `GET /applications`: the court's applications waiting, the earliest due first.
pub async fn applications<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
) -> Result<Response, PageError> {
    let court = staff_court(&user)?;
    let rows =
        applications_waiting(&*web.register().await?, &court).iter().map(|r| view(&web, r, true, false)).collect();
    render(&ApplicationsPage { nav: Nav::load(&web, &user, "applications").await?, rows })
}

#[derive(Template)]
#[template(path = "application.html")]
struct ApplicationPage {
    nav: Nav,
    a: ApplicationView,
    procedures: Vec<(&'static str, &'static str)>,
    correct_by: String,
    errors: Vec<FieldError>,
}

async fn application_page<S: Store>(
    web: &Web<S>,
    user: &crate::auth::User,
    r: &ApplicationRecord,
    errors: Vec<FieldError>,
) -> Result<ApplicationPage, WebError> {
    Ok(ApplicationPage {
        nav: Nav::load(web, user, "applications").await?,
        a: view(web, r, true, false),
        procedures: [Procedure::Simple, Procedure::Ordinary, Procedure::SmallClaims]
            .iter()
            .map(|p| (p.as_str(), p.label()))
            .collect(),
        correct_by: (web.today() + chrono::Days::new(7)).to_string(),
        errors,
    })
}

/// `GET /applications/{court}/{no}`.
pub async fn application<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    Path((court, no)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let own = staff_court(&user)?;
    if own.as_str() != court {
        return Err(WebError::NotFound.into());
    }
    let r = find_application(&*web.register().await?, &own, &no)?;
    render(&application_page(&web, &user, &r, Vec::new()).await?)
}

/// `POST /applications/{court}/{no}`: `correction_requested` (`missing`, `by`), `refused`
/// (`reason`) or `accepted` (`procedure`).
pub async fn application_step<S: Store>(
    State(web): State<Arc<Web<S>>>,
    Path((court, no)): Path<(String, String)>,
    CheckedForm { user, fields }: CheckedForm,
) -> Result<Response, PageError> {
    let own = staff_court(&user)?;
    if own.as_str() != court {
        return Err(WebError::NotFound.into());
    }
    let r = find_application(&*web.register().await?, &own, &no)?;
    let today = web.today();
    let result = match field(&fields, "step") {
        "correction_requested" => match field(&fields, "by").parse::<chrono::NaiveDate>() {
            Ok(by) => web
                .docket
                .application_step(
                    &own,
                    &no,
                    Step::CorrectionRequested { missing: field(&fields, "missing").trim().to_owned(), by },
                    &user.account,
                    today,
                )
                .await
                .map(|()| None),
            Err(_) => Err(AppError::Fields(vec![FieldError::new("by", "请填写补正期限")])),
        },
        "refused" => web
            .docket
            .application_step(
                &own,
                &no,
                Step::Refused { reason: field(&fields, "reason").trim().to_owned() },
                &user.account,
                today,
            )
            .await
            .map(|()| None),
        "accepted" => {
            web.docket.accept_application(&own, &no, field(&fields, "procedure"), &user.account, today).await.map(Some)
        }
        _ => Err(AppError::Fields(vec![FieldError::new("step", "未知步骤")])),
    };
    match result {
        Ok(filed) => {
            web.refresh_records().await?;
            if let Some(case_no) = filed {
                web.refresh_case(&case_no).await?;
                let done = format!("网上立案申请 {no} 已立案");
                return Ok(Redirect::to(&format!("{}?done={}", href(&case_no), percent_encode(&done))).into_response());
            }
            Ok(Redirect::to(&application_href(&own, &no, true)).into_response())
        }
        Err(AppError::Fields(errors)) => render_status(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            &application_page(&web, &user, &r, errors).await?,
        ),
        Err(e) => Err(WebError::from(e).into()),
    }
}

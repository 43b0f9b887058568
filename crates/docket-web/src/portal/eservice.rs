//! The staff's side of the portal: serving a document electronically from the case page (电子送达,
//! to the party's confirmed account, else recorded as failed for 待邮寄送达), and opening a party's
//! or lawyer's account after their identity was verified (诉讼服务账户).

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use docket_app::{AppError, FieldError, NewPortalAccount, ServiceOutcome};
use docket_domain::Action;
use docket_store::Store;

use crate::Web;
use crate::auth::PageUser;
use crate::error::{PageError, WebError};
use crate::form::{CheckedForm, field};
use crate::pages::{Nav, href, percent_encode, render, render_status};

/// `POST /cases/{case_no}/serve`: serves document `document` to party `party` electronically.
pub async fn serve<S: Store>(
    State(web): State<Arc<Web<S>>>,
    Path(case_no): Path<String>,
    CheckedForm { user, fields }: CheckedForm,
) -> Result<Response, PageError> {
    let case = web.case_for(&user.account, &case_no).await?;
    web.require(&user.account, Action::Service, &case).await?;
    let number: usize = field(&fields, "document").parse().unwrap_or(0);
    let party: usize = field(&fields, "party").parse().unwrap_or(usize::MAX);
    let outcome = web
        .docket
        .serve_electronically(&case.row.case_no, number, party, &user.account, chrono::Utc::now(), web.today())
        .await
        .map_err(WebError::from)?;
    web.refresh_case(&case.row.case_no).await?;
    let done = match outcome {
        ServiceOutcome::Delivered(to) => format!("电子送达第 {number} 份文书，已送达 {}", to.join("、")),
        ServiceOutcome::FellBack(why) => format!("电子送达未成功（{why}），已列入待邮寄送达"),
    };
    Ok(Redirect::to(&format!("{}?done={}", href(&case.row.case_no), percent_encode(&done))).into_response())
}

#[derive(Template)]
#[template(path = "portal_accounts.html")]
struct AccountsPage {
    nav: Nav,
    notice: Option<String>,
    errors: Vec<FieldError>,
    form: Vec<(&'static str, String)>,
}

fn may_open(user: &crate::auth::User) -> Result<(), WebError> {
    if user.account.principal().may_open_portal_accounts(&user.account.court) {
        Ok(())
    } else {
        Err(WebError::NotFound)
    }
}

/// `GET /portal-accounts`: the form that opens a party's or lawyer's account.
pub async fn portal_accounts_page<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
) -> Result<Response, PageError> {
    may_open(&user)?;
    render(&AccountsPage { nav: Nav::load(&web, &user, "portal").await?, notice: None, errors: vec![], form: vec![] })
}

/// `POST /portal-accounts`.
pub async fn add_portal_account<S: Store>(
    State(web): State<Arc<Web<S>>>,
    CheckedForm { user, fields }: CheckedForm,
) -> Result<Response, PageError> {
    may_open(&user)?;
    let new = NewPortalAccount {
        username: field(&fields, "username").trim().to_owned(),
        court: user.account.court.to_string(),
        lawyer: field(&fields, "kind") == "lawyer",
        name: field(&fields, "name").to_owned(),
        identity: field(&fields, "identity").to_owned(),
        password: field(&fields, "password").to_owned(),
    };
    let kept = vec![
        ("username", new.username.clone()),
        ("name", new.name.clone()),
        ("identity", new.identity.clone()),
        ("kind", field(&fields, "kind").to_owned()),
    ];
    let nav = Nav::load(&web, &user, "portal").await?;
    match web.docket.add_portal_account(new, Some(&user.account)).await {
        Ok(a) => render(&AccountsPage {
            notice: Some(format!("{}：{}（{}）", nav.t("已开设诉讼服务账户"), a.username, nav.t(a.role.label()))),
            nav,
            errors: vec![],
            form: vec![],
        }),
        Err(AppError::Fields(errors)) => render_status(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            &AccountsPage { nav, notice: None, errors, form: kept },
        ),
        Err(e) => Err(WebError::from(e).into()),
    }
}

impl AccountsPage {
    fn value(&self, name: &str) -> &str {
        self.form.iter().find(|(k, _)| *k == name).map_or("", |(_, v)| v.as_str())
    }
}

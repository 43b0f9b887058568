//! 用户管理: a court's accounts, and adding one.

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use docket_app::{Account, NewAccount};
use docket_domain::Role;
use docket_store::Store;

use super::frame::{CheckedForm, FormFields, Nav, field, render, render_status};
use crate::Web;
use crate::auth::{PageUser, User};
use crate::error::{PageError, WebError};

#[derive(Template)]
#[template(path = "users.html")]
struct UsersPage {
    nav: Nav,
    users: Vec<Account>,
    roles: Vec<(String, String)>,
    judges: Vec<(String, String)>,
    values: BTreeMap<String, String>,
    error: Option<String>,
    notice: Option<String>,
}

async fn users_page<S: Store>(
    web: &Web<S>,
    user: &User,
    form: &FormFields,
    error: Option<String>,
    notice: Option<String>,
) -> Result<UsersPage, PageError> {
    Ok(UsersPage {
        nav: Nav::new(web, user, "admin"),
        users: web.docket.accounts(&user.account.court).await?,
        roles: Role::ALL.iter().map(|r| (r.as_str().to_owned(), user.lang.t(r.label()).to_owned())).collect(),
        judges: web
            .judges_of(&user.account.court)
            .into_iter()
            .map(|j| (j.code.clone(), format!("{}（{}）", j.name, j.code)))
            .collect(),
        values: form.iter().filter(|(k, _)| k != "password" && k != "csrf").cloned().collect(),
        error,
        notice,
    })
}

pub async fn users<S: Store>(State(web): State<Arc<Web<S>>>, PageUser(user): PageUser) -> Result<Response, PageError> {
    if !user.account.principal().may_manage_users(&user.account.court) {
        return Err(WebError::NotFound.into());
    }
    render(&users_page(&web, &user, &vec![], None, None).await?)
}

pub async fn add_user<S: Store>(
    State(web): State<Arc<Web<S>>>,
    CheckedForm { user, fields: form }: CheckedForm,
) -> Result<Response, PageError> {
    if !user.account.principal().may_manage_users(&user.account.court) {
        return Err(WebError::NotFound.into());
    }
    let new = NewAccount {
        username: field(&form, "username").trim().to_owned(),
        court: user.account.court.to_string(),
        role: field(&form, "role").to_owned(),
        judge: Some(field(&form, "judge").trim().to_owned()).filter(|j| !j.is_empty()),
        name: Some(field(&form, "name").trim().to_owned()),
        password: field(&form, "password").to_owned(),
    };
    match web.docket.add_account(new, Some(&user.account)).await {
        Ok(account) => {
            let notice = format!("已创建用户 {}（{}）", account.username, account.role.label());
            render(&users_page(&web, &user, &vec![], None, Some(notice)).await?)
        }
        Err(docket_app::AppError::Invalid(m)) => {
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &users_page(&web, &user, &form, Some(m), None).await?)
        }
        Err(e) => Err(e.into()),
    }
}

//! 用户管理: a court's accounts, and adding one.

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use docket_app::{AccountStatus, AppError, EditAccount, NewAccount};
use docket_domain::Role;
use docket_store::Store;

use super::frame::{CheckedForm, FormFields, Nav, field, render, render_status};
use crate::Web;
use crate::auth::{PageUser, User};
use crate::error::{PageError, WebError};

/// One account as the table shows it.
struct UserLine {
    username: String,
    name: String,
    role: &'static str,
    /// The role's code and the judge's, to preselect the edit form.
    role_code: &'static str,
    judge: String,
    /// 正常, 已停用 or 已锁定.
    state: &'static str,
    disabled: bool,
    sessions: u64,
    password_changed_at: String,
    /// The administrator's own account: it cannot be disabled from here.
    is_self: bool,
}

fn line(a: AccountStatus, user: &User) -> UserLine {
    let lang = user.lang;
    UserLine {
        is_self: a.account.username == user.account.username,
        state: lang.t(if a.disabled {
            "已停用"
        } else if a.locked_until.is_some() {
            "已锁定"
        } else {
            "正常"
        }),
        disabled: a.disabled,
        sessions: a.sessions,
        password_changed_at: a
            .password_changed_at
            .as_deref()
            .map_or_else(|| "—".to_owned(), super::audit::beijing_time),
        role: lang.t(a.account.role.label()),
        role_code: a.account.role.as_str(),
        judge: a.account.judge.unwrap_or_default(),
        username: a.account.username,
        name: a.account.name,
    }
}

#[derive(Template)]
#[template(path = "users.html")]
struct UsersPage {
    nav: Nav,
    users: Vec<UserLine>,
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
        nav: Nav::load(web, user, "admin").await?,
        users: web
            .docket
            .account_statuses(&user.account.court, docket_app::unix_now())
            .await?
            .into_iter()
            .map(|a| line(a, user))
            .collect(),
        roles: Role::ALL.iter().map(|r| (r.as_str().to_owned(), user.lang.t(r.label()).to_owned())).collect(),
        judges: web.judge_choices(&user.account.court),
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
        Err(AppError::Invalid(m)) => {
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &users_page(&web, &user, &form, Some(m), None).await?)
        }
        Err(e) => Err(e.into()),
    }
}

/// An administrator's action on one account of the court: `disable`, `enable`, `end-sessions`,
/// `password` (a new password in the form) or `edit` (name, role and judge record in the form).
/// An account of another court is not found.
pub async fn manage_user<S: Store>(
    State(web): State<Arc<Web<S>>>,
    Path((username, action)): Path<(String, String)>,
    CheckedForm { user, fields: form }: CheckedForm,
) -> Result<Response, PageError> {
    let court = &user.account.court;
    if !user.account.principal().may_manage_users(court) {
        return Err(WebError::NotFound.into());
    }
    let theirs = web.docket.store().account(&username).await.map_err(AppError::from)?;
    if theirs.is_none_or(|a| &a.court != court) {
        return Err(WebError::NotFound.into());
    }
    let by = Some(&user.account);
    let done = match action.as_str() {
        "disable" => web
            .docket
            .set_account_disabled(&username, true, by)
            .await
            .map(|n| format!("已停用 {username}；结束会话 {n} 个")),
        "enable" => web.docket.set_account_disabled(&username, false, by).await.map(|_| format!("已恢复 {username}")),
        "end-sessions" => {
            web.docket.end_account_sessions(&username, by).await.map(|n| format!("已结束 {username} 的会话 {n} 个"))
        }
        "password" => web
            .docket
            .reset_password(&username, field(&form, "password"), by)
            .await
            .map(|n| format!("已重设 {username} 的密码；结束会话 {n} 个")),
        "edit" => {
            let edit = EditAccount {
                name: field(&form, "name").to_owned(),
                role: field(&form, "role").to_owned(),
                judge: Some(field(&form, "judge").trim().to_owned()).filter(|j| !j.is_empty()),
            };
            web.docket.edit_account(&username, edit, by).await.map(|n| format!("已修改 {username}；结束会话 {n} 个"))
        }
        _ => return Err(WebError::NotFound.into()),
    };
    match done {
        Ok(notice) => render(&users_page(&web, &user, &vec![], None, Some(notice)).await?),
        Err(AppError::Invalid(m)) => {
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &users_page(&web, &user, &vec![], Some(m), None).await?)
        }
        Err(AppError::Fields(f)) => {
            let m = format!("{username}：{}", f.into_iter().map(|e| e.message).collect::<Vec<_>>().join("；"));
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &users_page(&web, &user, &vec![], Some(m), None).await?)
        }
        Err(e) => Err(e.into()),
    }
}

//! 我的账户: the signed-in account, and changing its password (every other session ends).

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use docket_app::AppError;
use docket_store::Store;

use super::frame::{CheckedForm, Nav, field, render, render_status};
use crate::Web;
use crate::auth::{PageUser, User};
use crate::error::PageError;

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    nav: Nav,
    username: String,
    court: String,
    password_changed_at: String,
    min_chars: usize,
    errors: Vec<(String, String)>,
    notice: Option<String>,
}

async fn page<S: Store>(
    web: &Web<S>,
    user: &User,
    errors: Vec<(String, String)>,
    notice: Option<String>,
) -> Result<AccountPage, PageError> {
    let row = web.docket.store().account(&user.account.username).await.map_err(AppError::from)?;
    Ok(AccountPage {
        nav: Nav::load(web, user, "account").await?,
        username: user.account.username.clone(),
        court: web.court_name(user.account.court.as_str()),
        password_changed_at: row
            .and_then(|r| r.password_changed_at)
            .map_or_else(|| user.lang.t("从未修改").to_owned(), |t| super::audit::beijing_time(&t)),
        min_chars: docket_app::MIN_PASSWORD_CHARS,
        errors,
        notice,
    })
}

pub async fn account<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
) -> Result<Response, PageError> {
    render(&page(&web, &user, vec![], None).await?)
}

pub async fn change_password<S: Store>(
    State(web): State<Arc<Web<S>>>,
    CheckedForm { user, fields }: CheckedForm,
) -> Result<Response, PageError> {
    let new = field(&fields, "password");
    if new != field(&fields, "repeat") {
        let errors = vec![("repeat".to_owned(), "两次输入的新密码不一致".to_owned())];
        return render_status(StatusCode::UNPROCESSABLE_ENTITY, &page(&web, &user, errors, None).await?);
    }
    match web.docket.change_own_password(&user.account, &user.token, field(&fields, "current"), new).await {
        Ok(ended) => {
            let notice = if user.lang.is_en() {
                format!("Password changed; {ended} other sessions ended")
            } else {
                format!("密码已修改；已结束其他会话 {ended} 个")
            };
            render(&page(&web, &user, vec![], Some(notice)).await?)
        }
        Err(AppError::Fields(f)) => {
            let errors = f.into_iter().map(|e| (e.field, e.message)).collect();
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &page(&web, &user, errors, None).await?)
        }
        Err(e) => Err(e.into()),
    }
}

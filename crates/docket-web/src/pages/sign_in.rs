//! 登录: the sign-in page, signing out, and the language switch.

use std::sync::Arc;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use docket_app::unix_now;
use docket_store::Store;

use super::frame::{FormFields, field, render, render_status};
use crate::Web;
use crate::auth::{ClientAddr, clear_cookie, session_cookie};
use crate::error::PageError;
use crate::i18n::Lang;

// ---------------------------------------------------------------- sign-in

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    username: String,
    error: Option<String>,
    lang: Lang,
}

pub async fn login_form(headers: HeaderMap) -> Result<Response, PageError> {
    render(&LoginPage { username: String::new(), error: None, lang: Lang::of(&headers) })
}

/// `GET /lang/{en|zh}`: keeps the language in a cookie and goes back to the page it came from.
pub async fn switch_lang(Path(code): Path<String>, headers: HeaderMap) -> Response {
    let lang = Lang::parse(&code).unwrap_or_default();
    // Back to the referring page of this site only (its path and query), else home.
    let back = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.split_once("://").map(|(_, rest)| rest))
        .and_then(|rest| rest.find('/').map(|i| &rest[i..]))
        .filter(|p| p.starts_with('/') && !p.starts_with("//") && !p.starts_with("/lang/"))
        .unwrap_or("/")
        .to_owned();
    ([(header::SET_COOKIE, crate::i18n::cookie(lang))], Redirect::to(&back)).into_response()
}

pub async fn login<S: Store>(
    State(web): State<Arc<Web<S>>>,
    ClientAddr(addr): ClientAddr,
    headers: HeaderMap,
    Form(form): Form<FormFields>,
) -> Result<Response, PageError> {
    let username = field(&form, "username").trim().to_owned();
    let lang = Lang::of(&headers);
    let refused = |status, error: String, username: String| {
        render_status(status, &LoginPage { username, error: Some(lang.t_owned(&error)), lang })
    };
    let code = Some(field(&form, "code").trim()).filter(|c| !c.is_empty());
    match web.sign_in(&addr, &username, field(&form, "password"), code).await {
        Ok(opened) => {
            let cookie = session_cookie(&opened.token, docket_app::SESSION_SECONDS, web.options.secure_cookies);
            let home = if opened.account.role.is_portal() {
                "/portal"
            } else if opened.account.judge.is_some() {
                "/my"
            } else {
                "/"
            };
            Ok(([(header::SET_COOKIE, cookie)], Redirect::to(home)).into_response())
        }
        Err(e) => refused(e.status(), e.message(), username),
    }
}

pub async fn logout<S: Store>(
    State(web): State<Arc<Web<S>>>,
    crate::form::AnyForm { user, fields: _form }: crate::form::AnyForm,
) -> Result<Response, PageError> {
    web.docket.sign_out(&user.token, &user.account, unix_now()).await?;
    Ok(([(header::SET_COOKIE, clear_cookie())], Redirect::to("/login")).into_response())
}

//! 管理: the deployment-wide settings — the indicator settings (scopes, reasonable ranges, the
//! filing limit) and the holiday calendar — edited by the 管理员 or 审管办 of a top court of the
//! deployment (everyone else: 404). A refused text names its line and changes nothing; a saved
//! one takes effect at once (the engine is rebuilt, cached views dropped) and is audited.

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use chrono::Datelike;
use docket_store::Store;
use serde::Deserialize;

use crate::Web;
use crate::auth::{PageUser, User};
use crate::error::{PageError, WebError};
use crate::form::{CheckedForm, field};
use crate::pages::Nav;
use crate::query::PageQuery;

fn check<S: Store>(web: &Web<S>, user: &User) -> Result<(), WebError> {
    if web.may_configure(&user.account) { Ok(()) } else { Err(WebError::NotFound) }
}

fn page(status: StatusCode, t: &impl Template) -> Result<Response, PageError> {
    Ok((status, Html(t.render().map_err(WebError::from)?)).into_response())
}

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    nav: Nav,
    text: String,
    error: Option<String>,
    notice: Option<String>,
}

pub async fn settings<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
) -> Result<Response, PageError> {
    check(&web, &user)?;
    let text = web.engine()?.settings.to_text();
    page(StatusCode::OK, &SettingsPage { nav: Nav::load(&web, &user, "admin").await?, text, error: None, notice: None })
}

pub async fn save_settings<S: Store>(
    State(web): State<Arc<Web<S>>>,
    CheckedForm { user, fields: form }: CheckedForm,
) -> Result<Response, PageError> {
    check(&web, &user)?;
    let text = field(&form, "text");
    match web.docket.save_indicator_settings(text, &user.account).await {
        Ok(settings) => {
            let saved = settings.to_text();
            web.replace_settings(settings).await?;
            let notice = Some("已保存，指标已按新设置重新计算".into());
            page(
                StatusCode::OK,
                &SettingsPage { nav: Nav::load(&web, &user, "admin").await?, text: saved, error: None, notice },
            )
        }
        Err(docket_app::AppError::Invalid(why)) => page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &SettingsPage {
                nav: Nav::load(&web, &user, "admin").await?,
                text: text.to_owned(),
                error: Some(format!("指标设置{why}；未保存")),
                notice: None,
            },
        ),
        Err(e) => Err(WebError::from(e).into()),
    }
}

#[derive(Template)]
#[template(path = "holidays.html")]
struct HolidaysPage {
    nav: Nav,
    years: Vec<i32>,
    year: i32,
    shown: String,
    text: String,
    error: Option<String>,
    notice: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct YearQuery {
    year: Option<i32>,
}

async fn holidays_page<S: Store>(
    web: &Web<S>,
    user: &User,
    year: i32,
    text: String,
    error: Option<String>,
    notice: Option<String>,
) -> Result<HolidaysPage, PageError> {
    let calendar = web.docket.calendar().await.map_err(WebError::from)?;
    Ok(HolidaysPage {
        nav: Nav::load(web, user, "admin").await?,
        years: calendar.years().into_iter().collect(),
        year,
        shown: calendar.to_text(Some(year)),
        text,
        error,
        notice,
    })
}

pub async fn holidays<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    PageQuery(q): PageQuery<YearQuery>,
) -> Result<Response, PageError> {
    check(&web, &user)?;
    let year = q.year.unwrap_or_else(|| web.today().year());
    page(StatusCode::OK, &holidays_page(&web, &user, year, String::new(), None, None).await?)
}

pub async fn import_holidays<S: Store>(
    State(web): State<Arc<Web<S>>>,
    CheckedForm { user, fields: form }: CheckedForm,
) -> Result<Response, PageError> {
    check(&web, &user)?;
    let text = field(&form, "text");
    match web.docket.import_holidays(text, Some(&user.account)).await {
        Ok(years) => {
            web.invalidate_all()?;
            let list: Vec<String> = years.iter().map(ToString::to_string).collect();
            let notice = Some(format!("已导入 {} 年的节假日安排（整年替换），审限已按新安排计算", list.join("、")));
            let year = years.first().copied().unwrap_or_else(|| web.today().year());
            page(StatusCode::OK, &holidays_page(&web, &user, year, String::new(), None, notice).await?)
        }
        Err(docket_app::AppError::Invalid(why)) => page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &holidays_page(
                &web,
                &user,
                web.today().year(),
                text.to_owned(),
                Some(format!("节假日安排{why}；未导入")),
                None,
            )
            .await?,
        ),
        Err(e) => Err(WebError::from(e).into()),
    }
}

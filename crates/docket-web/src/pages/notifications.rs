//! 通知: the account's notifications, newest first, with today's reminders; "全部标为已读".

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use docket_store::{Notification, Store};

use super::frame::{CheckedForm, Nav, href, render};
use crate::Web;
use crate::auth::PageUser;
use crate::error::PageError;
use crate::notices::{Reminder, list, mark_read};

#[derive(Template)]
#[template(path = "notifications.html")]
struct NotificationsPage {
    nav: Nav,
    items: Vec<(Notification, String, String)>,
    reminders: Vec<(Reminder, String)>,
    has_judge: bool,
}

pub async fn notifications<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
) -> Result<Response, PageError> {
    let (stored, reminders) = list(&web, &user.account).await?;
    render(&NotificationsPage {
        nav: Nav::load(&web, &user, "notifications").await?,
        items: stored
            .into_iter()
            .map(|n| {
                let link = href(&n.case_no);
                let at = super::audit::beijing_time(&n.created_at);
                (n, link, at)
            })
            .collect(),
        reminders: reminders
            .into_iter()
            .map(|r| {
                let link = href(&r.case_no);
                (r, link)
            })
            .collect(),
        has_judge: user.account.judge.is_some(),
    })
}

pub async fn read_notifications<S: Store>(
    State(web): State<Arc<Web<S>>>,
    CheckedForm { user, .. }: CheckedForm,
) -> Result<Response, PageError> {
    mark_read(&web, &user.account, None).await?;
    Ok(Redirect::to("/notifications").into_response())
}

//! 审计日志: a court's audit trail.

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use docket_store::Store;

use super::frame::{Nav, render};
use crate::Web;
use crate::auth::PageUser;
use crate::error::{PageError, WebError};

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    nav: Nav,
    rows: Vec<docket_store::AuditRow>,
}

pub async fn audit<S: Store>(State(web): State<Arc<Web<S>>>, PageUser(user): PageUser) -> Result<Response, PageError> {
    if !user.account.principal().may_read_audit(&user.account.court) {
        return Err(WebError::NotFound.into());
    }
    let rows =
        web.docket.store().audit_log(user.account.court.as_str(), 500).await.map_err(docket_app::AppError::from)?;
    render(&AuditPage { nav: Nav::new(&web, &user, "audit"), rows })
}

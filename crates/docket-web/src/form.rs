//! Posted forms. A page handler that changes anything takes a [`CheckedForm`]: the signed-in user
//! and the form's fields, extracted only when the form carries the session's CSRF token, so a new
//! form cannot forget the check. (The evidence upload is multipart and checks its token as it
//! reads the parts, in `ledger.rs`.)

use std::sync::Arc;

use axum::Form;
use axum::extract::{FromRequest, FromRequestParts, Request};
use docket_store::Store;

use crate::Web;
use crate::auth::{PageUser, User};
use crate::error::{PageError, WebError};

/// A form's fields in the order posted (a field may repeat).
pub type FormFields = Vec<(String, String)>;

/// The value of field `name`, or `""` when absent.
pub fn field<'a>(form: &'a FormFields, name: &str) -> &'a str {
    form.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
}

/// A form posted by a signed-in user with the session's CSRF token (field `csrf`); anything
/// else is refused before the handler runs: not signed in goes to the sign-in page, a missing
/// or wrong token is 403.
pub struct CheckedForm {
    pub user: User,
    pub fields: FormFields,
}

/// The fields of a form posted by `user`, once its CSRF token proves the form is the session's.
async fn checked_fields<S: Store>(
    user: &User,
    parts: axum::http::request::Parts,
    body: axum::body::Body,
    web: &Arc<Web<S>>,
) -> Result<FormFields, PageError> {
    let Form(fields) = Form::<FormFields>::from_request(Request::from_parts(parts, body), web)
        .await
        .map_err(|e| WebError::BadRequest(format!("表单无法读取：{}", e.body_text())))?;
    user.check_csrf(Some(field(&fields, "csrf")))?;
    Ok(fields)
}

impl<S: Store> FromRequest<Arc<Web<S>>> for CheckedForm {
    type Rejection = PageError;

    async fn from_request(req: Request, web: &Arc<Web<S>>) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let PageUser(user) = PageUser::from_request_parts(&mut parts, web).await?;
        let fields = checked_fields(&user, parts, body, web).await?;
        Ok(Self { user, fields })
    }
}

/// [`CheckedForm`] for the portal: posted by a party or a lawyer.
pub struct PortalForm {
    pub user: User,
    pub fields: FormFields,
}

impl<S: Store> FromRequest<Arc<Web<S>>> for PortalForm {
    type Rejection = PageError;

    async fn from_request(req: Request, web: &Arc<Web<S>>) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let crate::auth::PortalUser(user) = crate::auth::PortalUser::from_request_parts(&mut parts, web).await?;
        let fields = checked_fields(&user, parts, body, web).await?;
        Ok(Self { user, fields })
    }
}

/// [`CheckedForm`] from any signed-in account (signing out).
pub struct AnyForm {
    pub user: User,
    pub fields: FormFields,
}

impl<S: Store> FromRequest<Arc<Web<S>>> for AnyForm {
    type Rejection = PageError;

    async fn from_request(req: Request, web: &Arc<Web<S>>) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let crate::auth::AnyUser(user) = crate::auth::AnyUser::from_request_parts(&mut parts, web).await?;
        let fields = checked_fields(&user, parts, body, web).await?;
        Ok(Self { user, fields })
    }
}

//! Errors as the web answers them: JSON with a stable code for the API, a Chinese page for people.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use docket_app::{AppError, FieldError, SignInError};
use serde_json::json;

/// Why a request failed.
#[derive(Debug)]
pub enum WebError {
    /// Not signed in (401).
    Unauthenticated,
    /// Absent, or not the account's to see: the two read the same (404).
    NotFound,
    /// Visible, but not the account's to change (403).
    Forbidden(String),
    /// Input refused, by field (422).
    Invalid(Vec<FieldError>),
    /// A request that cannot be understood (400).
    BadRequest(String),
    /// A sign-in refused (401), or an account locked (423).
    SignIn(SignInError),
    /// Too many attempts from one address (429).
    RateLimited,
    /// Someone else changed the thing first (409).
    Conflict(String),
    /// Something the server lacks (503), e.g. fonts to print with; the message says what.
    Unavailable(String),
    /// Our fault (500); the details go to the log, not to the client.
    Internal(String),
}

impl WebError {
    pub fn status(&self) -> StatusCode {
        match self {
            Self::Unauthenticated => StatusCode::UNAUTHORIZED,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::SignIn(SignInError::BadCredentials) => StatusCode::UNAUTHORIZED,
            Self::SignIn(SignInError::Locked { .. }) => StatusCode::LOCKED,
            Self::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable code API clients branch on.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Unauthenticated => "unauthenticated",
            Self::NotFound => "not_found",
            Self::Forbidden(_) => "forbidden",
            Self::Invalid(_) => "invalid",
            Self::BadRequest(_) => "bad_request",
            Self::SignIn(SignInError::BadCredentials) => "bad_credentials",
            Self::SignIn(SignInError::Locked { .. }) => "locked",
            Self::RateLimited => "rate_limited",
            Self::Conflict(_) => "conflict",
            Self::Unavailable(_) => "unavailable",
            Self::Internal(_) => "internal",
        }
    }

    pub fn message(&self) -> String {
        match self {
            Self::Unauthenticated => "请先登录".into(),
            Self::NotFound => "未找到".into(),
            Self::Forbidden(m) => format!("无权执行此操作：{m}"),
            Self::Invalid(fields) => {
                let parts: Vec<String> = fields.iter().map(|f| format!("{}：{}", f.field, f.message)).collect();
                format!("输入有误：{}", parts.join("；"))
            }
            Self::BadRequest(m) => m.clone(),
            Self::SignIn(e) => e.to_string(),
            Self::RateLimited => "尝试次数过多，请稍后再试".into(),
            Self::Conflict(m) | Self::Unavailable(m) => m.clone(),
            Self::Internal(_) => "服务器内部错误".into(),
        }
    }
}

impl From<AppError> for WebError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::NotFound(_) => Self::NotFound,
            AppError::Fields(f) => Self::Invalid(f),
            AppError::Invalid(m) => Self::BadRequest(m),
            AppError::SignIn(s) => Self::SignIn(s),
            AppError::Forbidden(m) => Self::Forbidden(m),
            AppError::Import(lines) => {
                Self::Invalid(lines.into_iter().map(|l| FieldError::new(l.field, l.message)).collect())
            }
            AppError::Store(docket_store::StoreError::Conflict(m)) => Self::Conflict(m),
            AppError::Unavailable(m) => Self::Unavailable(m),
            other => Self::Internal(other.to_string()),
        }
    }
}

impl From<askama::Error> for WebError {
    fn from(e: askama::Error) -> Self {
        Self::Internal(format!("模板：{e}"))
    }
}

/// An error answered as JSON: `{"error":{"code":…,"message":…,"fields":[…]}}`.
#[derive(Debug)]
pub struct ApiError(pub WebError);

impl<E: Into<WebError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        Self(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let e = self.0;
        if let WebError::Internal(detail) = &e {
            eprintln!("内部错误：{detail}");
        }
        let mut body = json!({ "error": { "code": e.code(), "message": e.message() } });
        if let WebError::Invalid(fields) = &e {
            body["error"]["fields"] =
                fields.iter().map(|f| json!({ "field": f.field, "message": f.message })).collect();
        }
        (e.status(), axum::Json(body)).into_response()
    }
}

/// An error answered as a page; not signed in goes to the sign-in page.
#[derive(Debug)]
pub struct PageError(pub WebError);

impl<E: Into<WebError>> From<E> for PageError {
    fn from(e: E) -> Self {
        Self(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let e = self.0;
        if matches!(e, WebError::Unauthenticated) {
            return Redirect::to("/login").into_response();
        }
        if let WebError::Internal(detail) = &e {
            eprintln!("内部错误：{detail}");
        }
        let title = match e.status() {
            StatusCode::NOT_FOUND => "未找到",
            StatusCode::FORBIDDEN => "无权访问",
            StatusCode::INTERNAL_SERVER_ERROR => "出错了",
            _ => "请求未完成",
        };
        let body = format!(
            "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{title} · 审管</title>\
             <link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><main class=\"narrow\">\
             <h1>{title}</h1><p class=\"error\">{}</p><p><a href=\"/\">返回首页</a></p></main></body></html>",
            crate::html_escape(&e.message())
        );
        (e.status(), [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
    }
}

//! Errors as the web answers them: JSON with a stable code for the API, a Chinese page for people.
//! A server-side failure keeps its cause: the user sees a short Chinese message, the log gets the
//! whole chain down to the driver's error (one `tracing` event inside the request's span).

use std::error::Error as StdError;

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use docket_app::{AppError, FieldError, SignInError};
use docket_store::StoreError;
use serde_json::json;

/// A failure on our side: what was being done, and the error that stopped it.
#[derive(Debug)]
pub struct Internal {
    pub context: String,
    pub source: Option<Box<dyn StdError + Send + Sync>>,
}

impl std::fmt::Display for Internal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.context)
    }
}

impl StdError for Internal {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn StdError + 'static))
    }
}

/// An error and every cause under it, `: `-separated (the log line).
pub fn chain(e: &(dyn StdError + 'static)) -> String {
    let mut out = e.to_string();
    let mut next = e.source();
    while let Some(cause) = next {
        let text = cause.to_string();
        // Wrappers that print their source's text add nothing the next link will not say.
        if !out.ends_with(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        next = cause.source();
    }
    out
}

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
    /// A sign-in refused, the account locked or not (401 alike).
    SignIn(SignInError),
    /// Too many attempts from one address (429).
    RateLimited,
    /// Someone else changed the thing first (409).
    Conflict(String),
    /// Something the server lacks (503), e.g. fonts to print with; the message says what.
    Unavailable(String),
    /// The database cannot be reached (503); the cause goes to the log.
    StoreUnavailable(StoreError),
    /// Our fault (500); the cause goes to the log, not to the client.
    Internal(Internal),
}

impl WebError {
    /// A failure of ours with no error underneath (a poisoned lock, a missing key).
    pub fn internal(context: impl Into<String>) -> Self {
        Self::Internal(Internal { context: context.into(), source: None })
    }

    /// A failure of ours caused by `source`.
    pub fn internal_from(context: impl Into<String>, source: impl StdError + Send + Sync + 'static) -> Self {
        Self::Internal(Internal { context: context.into(), source: Some(Box::new(source)) })
    }

    /// The whole cause chain, for the log, when the failure is on the server's side.
    pub fn server_side_cause(&self) -> Option<String> {
        match self {
            Self::Internal(i) => Some(chain(i)),
            Self::StoreUnavailable(e) => Some(chain(e)),
            _ => None,
        }
    }

    /// What the log should say: the cause chain of a server-side failure, else the user's message.
    pub fn detail(&self) -> String {
        self.server_side_cause().unwrap_or_else(|| self.message())
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Self::Unauthenticated => StatusCode::UNAUTHORIZED,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            // A locked account answers as an unknown one or a wrong password: the answer must not
            // tell a guesser which usernames exist (the audit log keeps the difference).
            Self::SignIn(SignInError::BadCredentials | SignInError::BadCode | SignInError::Locked { .. }) => {
                StatusCode::UNAUTHORIZED
            }
            Self::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::Unavailable(_) | Self::StoreUnavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
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
            Self::SignIn(SignInError::BadCredentials | SignInError::BadCode | SignInError::Locked { .. }) => {
                "bad_credentials"
            }
            Self::RateLimited => "rate_limited",
            Self::Conflict(_) => "conflict",
            Self::Unavailable(_) | Self::StoreUnavailable(_) => "unavailable",
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
            Self::SignIn(_) => format!(
                "用户名或密码错误；连续输错 {} 次后账户将锁定 {} 分钟",
                docket_app::LOCKOUT_FAILURES,
                docket_app::LOCKOUT_SECONDS / 60
            ),
            Self::RateLimited => "尝试次数过多，请稍后再试".into(),
            Self::Conflict(m) | Self::Unavailable(m) => m.clone(),
            Self::StoreUnavailable(_) => "数据库暂时无法访问，请稍后再试".into(),
            Self::Internal(_) => "服务器内部错误，已记录，请稍后再试或联系管理员".into(),
        }
    }
}

impl From<AppError> for WebError {
    /// Every application error has its answer here; a new variant must be given one.
    fn from(e: AppError) -> Self {
        match e {
            AppError::Import(lines) => {
                Self::Invalid(lines.into_iter().map(|l| FieldError::new(l.field, l.message)).collect())
            }
            AppError::NotFound(_) => Self::NotFound,
            AppError::Invalid(m) => Self::BadRequest(m),
            e @ AppError::Corrupt(_) => Self::internal_from("读取存储的数据", e),
            AppError::SignIn(s) => Self::SignIn(s),
            AppError::Fields(f) => Self::Invalid(f),
            AppError::Forbidden(m) => Self::Forbidden(m),
            AppError::Store(s) => s.into(),
            AppError::Io(io) => Self::internal_from("读写文件", io),
            AppError::Unavailable(m) => Self::Unavailable(m),
        }
    }
}

impl From<StoreError> for WebError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(_) => Self::NotFound,
            StoreError::Conflict(m) => Self::Conflict(m),
            e @ StoreError::Unavailable(_) => Self::StoreUnavailable(e),
            e @ (StoreError::Corrupt(_) | StoreError::Other(_)) => Self::internal_from("数据库操作", e),
        }
    }
}

impl From<askama::Error> for WebError {
    fn from(e: askama::Error) -> Self {
        Self::internal_from("渲染页面模板", e)
    }
}

/// Writes a server-side failure to the log, with its chain, inside the request's span.
fn log(e: &WebError) {
    if let Some(cause) = e.server_side_cause() {
        tracing::error!(status = e.status().as_u16(), code = e.code(), cause = %cause, "请求失败");
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
        log(&e);
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
        log(&e);
        let title = match e.status() {
            StatusCode::NOT_FOUND => "未找到",
            StatusCode::FORBIDDEN => "无权访问",
            StatusCode::INTERNAL_SERVER_ERROR => "出错了",
            StatusCode::SERVICE_UNAVAILABLE => "暂时无法服务",
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

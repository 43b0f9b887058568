//! Who is asking: the session cookie, the CSRF check on form posts, and the sign-in rate limit.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use docket_app::{Account, unix_now};
use docket_store::Store;

use crate::Web;
use crate::cookies::cookie;
use crate::error::{ApiError, PageError, WebError};

/// The session cookie's name.
pub const COOKIE: &str = "docket_session";

/// Failed sign-ins allowed from one address in [`WINDOW_SECONDS`]. Successful sign-ins do not
/// count: a court's staff often reach the server through one proxy address, and a morning's
/// sign-ins must not lock them out; guessing is what is limited (and each account locks itself
/// after repeated failures, `docket_app::accounts`).
pub const ATTEMPTS_PER_WINDOW: usize = 20;
pub const WINDOW_SECONDS: i64 = 300;

/// A signed-in account with its session.
#[derive(Debug, Clone)]
pub struct User {
    pub account: Account,
    pub csrf: String,
    pub token: String,
    /// The language the user's pages are in.
    pub lang: crate::i18n::Lang,
}

/// The session token from the request's cookies.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    cookie(headers, COOKIE).filter(|v| !v.is_empty() && v.len() <= 128).map(str::to_owned)
}

/// The `Set-Cookie` value that opens a session.
pub fn session_cookie(token: &str, max_age: i64, secure: bool) -> String {
    format!(
        "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{}",
        if secure { "; Secure" } else { "" }
    )
}

/// The `Set-Cookie` value that ends one.
pub fn clear_cookie() -> String {
    format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0")
}

async fn user<S: Store>(parts: &Parts, web: &Web<S>) -> Result<User, WebError> {
    let token = session_token(&parts.headers).ok_or(WebError::Unauthenticated)?;
    match web.docket.session(&token, unix_now()).await? {
        Some((account, csrf)) => Ok(User { account, csrf, token, lang: crate::i18n::Lang::of(&parts.headers) }),
        None => Err(WebError::Unauthenticated),
    }
}

/// A signed-in staff account: a party's or a lawyer's account is refused as "not found" — the
/// staff's pages and API do not exist for it, whatever the rules of a case say.
async fn staff<S: Store>(parts: &Parts, web: &Web<S>) -> Result<User, WebError> {
    let user = user(parts, web).await?;
    if user.account.role.is_portal() {
        return Err(WebError::NotFound);
    }
    Ok(user)
}

/// A signed-in staff account for the API: without one, 401 JSON.
pub struct ApiUser(pub User);

impl<S: Store> FromRequestParts<Arc<Web<S>>> for ApiUser {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, web: &Arc<Web<S>>) -> Result<Self, Self::Rejection> {
        Ok(Self(staff(parts, web).await?))
    }
}

/// A signed-in staff account for pages: without one, the sign-in page.
pub struct PageUser(pub User);

impl<S: Store> FromRequestParts<Arc<Web<S>>> for PageUser {
    type Rejection = PageError;
    async fn from_request_parts(parts: &mut Parts, web: &Arc<Web<S>>) -> Result<Self, Self::Rejection> {
        Ok(Self(staff(parts, web).await?))
    }
}

/// A signed-in party or lawyer for the portal's pages (诉讼服务): without one, the sign-in page; a
/// staff account is refused as "not found".
pub struct PortalUser(pub User);

impl<S: Store> FromRequestParts<Arc<Web<S>>> for PortalUser {
    type Rejection = PageError;
    async fn from_request_parts(parts: &mut Parts, web: &Arc<Web<S>>) -> Result<Self, Self::Rejection> {
        let user = user(parts, web).await?;
        if !user.account.role.is_portal() {
            return Err(WebError::NotFound.into());
        }
        Ok(Self(user))
    }
}

/// Any signed-in account, staff or portal (signing out).
pub struct AnyUser(pub User);

impl<S: Store> FromRequestParts<Arc<Web<S>>> for AnyUser {
    type Rejection = PageError;
    async fn from_request_parts(parts: &mut Parts, web: &Arc<Web<S>>) -> Result<Self, Self::Rejection> {
        Ok(Self(user(parts, web).await?))
    }
}

/// The client's address, when the server knows it (tests call the router directly and it does
/// not): the peer, or — when the peer is a trusted proxy (`Options::trusted_proxies`) — the last
/// address its `X-Forwarded-For` names, the one the proxy saw.
pub struct ClientAddr(pub String);

impl<S: Store> FromRequestParts<Arc<Web<S>>> for ClientAddr {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, web: &Arc<Web<S>>) -> Result<Self, Self::Rejection> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        let forwarded = || {
            parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .filter_map(|a| a.trim().parse::<std::net::IpAddr>().ok())
                .next_back()
        };
        let client = match peer {
            Some(p) if web.options.trusted_proxies.contains(&p) => forwarded().unwrap_or(p),
            other => return Ok(Self(other.map_or_else(|| "local".to_owned(), |p| p.to_string()))),
        };
        Ok(Self(client.to_string()))
    }
}

impl User {
    /// A form post must carry the session's CSRF token.
    pub fn check_csrf(&self, given: Option<&str>) -> Result<(), WebError> {
        match given {
            Some(t) if constant_time_eq(t.as_bytes(), self.csrf.as_bytes()) => Ok(()),
            _ => Err(WebError::Forbidden("表单已过期，请刷新页面后重试".into())),
        }
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl<S: Store> Web<S> {
    /// Signs in from `addr`: refused once the address has used the window's allowance of failed
    /// attempts. The attempt is counted against the address *before* the password is checked and
    /// forgiven when it proves right, so a burst of concurrent guesses cannot all pass the check
    /// before any of them is counted. The one way in for the page and the API.
    pub(crate) async fn sign_in(
        &self,
        addr: &str,
        username: &str,
        password: &str,
        code: Option<&str>,
    ) -> Result<docket_app::OpenedSession, WebError> {
        let reserved = self.reserve_address_attempt(addr)?;
        match self.docket.sign_in_with_code(username, password, code, unix_now()).await {
            Ok(opened) => {
                self.forgive_address_attempt(addr, reserved);
                Ok(opened)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Counts an attempt from `addr` now, unless the address has the window's allowance of
    /// attempts counted already; returns the attempt's time, to forgive it on success.
    fn reserve_address_attempt(&self, addr: &str) -> Result<i64, WebError> {
        let now = unix_now();
        let mut attempts = self.attempts.lock().map_err(|_| WebError::internal("登录计数锁已损坏"))?;
        if attempts.len() > 10_000 {
            attempts.retain(|_, v| v.last().is_some_and(|t| now - t < WINDOW_SECONDS));
        }
        let list = attempts.entry(addr.to_owned()).or_default();
        list.retain(|t| now - t < WINDOW_SECONDS);
        if list.len() >= self.options.sign_in_attempts.unwrap_or(ATTEMPTS_PER_WINDOW) {
            return Err(WebError::RateLimited);
        }
        list.push(now);
        Ok(now)
    }

    /// Takes back an attempt that succeeded: only failures count against an address.
    fn forgive_address_attempt(&self, addr: &str, at: i64) {
        if let Ok(mut attempts) = self.attempts.lock()
            && let Some(list) = attempts.get_mut(addr)
            && let Some(i) = list.iter().position(|t| *t == at)
        {
            list.remove(i);
        }
    }
}

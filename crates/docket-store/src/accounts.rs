//! The account tables: staff accounts, sessions and the audit log, and the [`AccountStore`] that
//! reads and writes them. The rules about them (password hashing, lockout, what a role may do)
//! live above the store.

use std::future::Future;

use docket_domain::{CourtCode, Role};

use crate::StoreError;

/// A staff account (用户): one role in one court.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRow {
    pub username: String,
    pub court: CourtCode,
    /// 姓名.
    pub name: String,
    pub role: Role,
    /// The judge record the account is linked to.
    pub judge: Option<String>,
    /// An Argon2id PHC string.
    pub password_hash: String,
    /// Failed sign-ins since the last success.
    pub failed_logins: i64,
    /// Unix seconds until which sign-in is refused.
    pub locked_until: Option<i64>,
    pub created_at: String,
}

/// The `accounts` row as the SQL reads it; [`AccountDbRow::into_account`] checks the court and
/// the role, so a damaged row is an error naming the account.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct AccountDbRow {
    pub username: String,
    pub court: String,
    pub name: String,
    pub role: String,
    pub judge: Option<String>,
    pub password_hash: String,
    pub failed_logins: i64,
    pub locked_until: Option<i64>,
    pub created_at: String,
}

impl AccountDbRow {
    pub(crate) fn into_account(self) -> Result<AccountRow, StoreError> {
        let corrupt = |what: String| StoreError::Corrupt(format!("用户 {} 的{what}", self.username));
        Ok(AccountRow {
            court: CourtCode::parse(&self.court).map_err(|e| corrupt(format!("法院“{}”无法读取：{e}", self.court)))?,
            role: Role::parse(&self.role).ok_or_else(|| corrupt(format!("角色“{}”无法读取", self.role)))?,
            username: self.username,
            name: self.name,
            judge: self.judge,
            password_hash: self.password_hash,
            failed_logins: self.failed_logins,
            locked_until: self.locked_until,
            created_at: self.created_at,
        })
    }
}

/// A signed-in session, found by the SHA-256 of its cookie token.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SessionRow {
    pub token_hash: Vec<u8>,
    pub username: String,
    pub court: String,
    /// The token that form posts must carry (CSRF).
    pub csrf: String,
    /// Unix seconds.
    pub expires_at: i64,
    /// When the session was last used (Unix seconds), for the idle timeout.
    pub last_seen: i64,
}

/// One line of the audit log (审计日志): who did what to which thing.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AuditRow {
    /// Assigned by the store; 0 in a row to append.
    pub id: i64,
    pub court: String,
    pub at: String,
    pub username: String,
    /// `login`, `login_failed`, `logout`, `file_case`, `append_event`, `read_sealed`, `add_user` …
    pub action: String,
    /// The case number, username … acted on.
    pub target: String,
    pub detail: String,
}

/// A session's CSRF token with its account, read in one query.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct SessionAccountRow {
    pub csrf: String,
    pub last_seen: i64,
    #[sqlx(flatten)]
    pub account: AccountDbRow,
}

/// Accounts, sessions and the audit log (用户、会话、审计日志).
pub trait AccountStore: Send + Sync {
    /// Adds accounts, and the audit lines of their creation, in one transaction; an existing
    /// username is a [`StoreError::Conflict`] and adds none of them.
    fn add_accounts(
        &self,
        accounts: Vec<AccountRow>,
        audit: Vec<AuditRow>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    fn account(&self, username: &str) -> impl Future<Output = Result<Option<AccountRow>, StoreError>> + Send;
    /// The accounts of a court, by username.
    fn accounts(&self, court: &str) -> impl Future<Output = Result<Vec<AccountRow>, StoreError>> + Send;
    /// Records the outcome of a sign-in: the failure count and the lock.
    fn set_login_state(
        &self,
        username: &str,
        failed_logins: i64,
        locked_until: Option<i64>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    fn set_password(&self, username: &str, password_hash: &str) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Reserves a sign-in attempt before the password is checked, in one statement: counts it as a
    /// failure in advance and returns its number (1 for the first since the last success), or
    /// `None` when the account is locked at `now` or `max` attempts are already counted — so
    /// concurrent guesses cannot check more than `max` passwords between two locks.
    fn reserve_login_attempt(
        &self,
        username: &str,
        now: i64,
        max: i64,
    ) -> impl Future<Output = Result<Option<i64>, StoreError>> + Send;

    fn create_session(&self, session: SessionRow) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// The session with this token hash, if it has not expired at `now` (Unix seconds).
    fn session(
        &self,
        token_hash: &[u8],
        now: i64,
    ) -> impl Future<Output = Result<Option<SessionRow>, StoreError>> + Send;
    /// The account of a live session — not expired at `now`, used after `seen_after` — with the
    /// session's CSRF token and when it was last used, in one query (every request asks it).
    fn session_account(
        &self,
        token_hash: &[u8],
        now: i64,
        seen_after: i64,
    ) -> impl Future<Output = Result<Option<(String, AccountRow, i64)>, StoreError>> + Send;
    /// Records that a session was used at `now` (never moves the time back).
    fn touch_session(&self, token_hash: &[u8], now: i64) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Ends a session, and drops every expired one.
    fn end_session(&self, token_hash: &[u8], now: i64) -> impl Future<Output = Result<(), StoreError>> + Send;

    fn append_audit(&self, rows: Vec<AuditRow>) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// A court's audit log, newest first.
    fn audit_log(&self, court: &str, limit: i64) -> impl Future<Output = Result<Vec<AuditRow>, StoreError>> + Send;
}

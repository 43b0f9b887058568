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
    /// 停用: an administrator disabled the account; it cannot sign in.
    pub disabled: bool,
    /// When the password was last changed (none since the account was made).
    pub password_changed_at: Option<String>,
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
    pub disabled: bool,
    pub password_changed_at: Option<String>,
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
            disabled: self.disabled,
            password_changed_at: self.password_changed_at,
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

/// An audit line with its stored chain hash, for verification.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct ChainedAuditRow {
    #[sqlx(flatten)]
    pub row: AuditRow,
    pub hash: Option<Vec<u8>>,
}

/// The hash of an audit line in the audit chain: SHA-256 over the previous line's hash, the
/// line's number and each field, length-prefixed so that no two lines hash alike.
pub(crate) fn audit_hash(prev: &[u8], id: i64, r: &AuditRow) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(b"docket-audit-v1\0");
    h.update(prev);
    h.update(id.to_be_bytes());
    for field in [&r.court, &r.at, &r.username, &r.action, &r.target, &r.detail] {
        h.update((field.len() as u64).to_be_bytes());
        h.update(field.as_bytes());
    }
    h.finalize().into()
}

/// Which audit lines to read: one court's, optionally by who, what kind, which target and when,
/// newest first, a page at a time (`before_id` is the last id of the page before).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditQuery {
    pub court: String,
    pub username: Option<String>,
    /// The action (`login_failed`, `read_sealed`, `add_user` …).
    pub action: Option<String>,
    pub target: Option<String>,
    /// From this time (inclusive), in the stored form `2026-12-06T08:00:00…Z` or a prefix of it.
    pub from: Option<String>,
    /// Before this time (exclusive).
    pub until: Option<String>,
    pub before_id: Option<i64>,
    pub limit: i64,
}

/// What walking the audit chain found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditChainReport {
    pub rows: u64,
    pub last_id: i64,
    /// The first line whose stored hash is not the hash of its fields over the line before it:
    /// a line edited, or a line before it deleted.
    pub first_break: Option<i64>,
    /// The chain's recorded head is its last line: no line was deleted from the end.
    pub head_matches: bool,
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
    /// Changes a password, clears the lock, ends every session of the account but `keep_session`
    /// (the one changing it) and writes the audit line, in one transaction; the sessions ended.
    fn set_password(
        &self,
        username: &str,
        password_hash: &str,
        keep_session: Option<&[u8]>,
        audit: AuditRow,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;
    /// Disables (停用) or re-enables an account; disabling ends its sessions. With the audit line,
    /// in one transaction; the sessions ended.
    fn set_disabled(
        &self,
        username: &str,
        disabled: bool,
        audit: AuditRow,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;
    /// Changes an account's name, role and judge record; every session of the account ends (its
    /// new role applies from its next sign-in). With the audit line, in one transaction; the
    /// sessions ended.
    fn set_account_profile(
        &self,
        username: &str,
        name: &str,
        role: docket_domain::Role,
        judge: Option<&str>,
        audit: AuditRow,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;
    /// Ends every session of an account, with the audit line; how many.
    fn end_sessions(&self, username: &str, audit: AuditRow) -> impl Future<Output = Result<u64, StoreError>> + Send;
    /// Live sessions of an account at `now`.
    fn session_count(&self, username: &str, now: i64) -> impl Future<Output = Result<u64, StoreError>> + Send;
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
    /// Audit lines matching the query, newest first.
    fn audit_search(&self, query: &AuditQuery) -> impl Future<Output = Result<Vec<AuditRow>, StoreError>> + Send;
    /// A court's latest audit lines, newest first.
    fn audit_log(&self, court: &str, limit: i64) -> impl Future<Output = Result<Vec<AuditRow>, StoreError>> + Send {
        let query = AuditQuery { court: court.to_owned(), limit, ..AuditQuery::default() };
        async move { self.audit_search(&query).await }
    }
    /// Walks the whole audit chain in one snapshot and checks every line's hash and the head.
    fn audit_chain(
        &self,
        progress: &dyn crate::Progress,
    ) -> impl Future<Output = Result<AuditChainReport, StoreError>> + Send;
}

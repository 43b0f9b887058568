//! Rows of the account tables: staff accounts, sessions and the audit log. The rules about them
//! (password hashing, lockout, what a role may do) live above the store.

/// A staff account (用户): one role in one court.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AccountRow {
    pub username: String,
    pub court: String,
    /// 姓名.
    pub name: String,
    /// A `docket_domain::Role` id.
    pub role: String,
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
    pub account: AccountRow,
}

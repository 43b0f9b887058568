//! Staff accounts (用户), sign-in with lockout, sessions and the audit log (审计日志).
//!
//! Passwords are stored as Argon2id PHC strings. A session is a random 256-bit token in a cookie;
//! the store keeps only its SHA-256, so a copy of the database opens no session. Five failed
//! sign-ins lock an account for 15 minutes; an unknown username costs the same hashing time as a
//! known one, so timing does not tell which usernames exist.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use docket_domain::{Court, CourtCode, Judge, Principal, Role};
use docket_store::{AccountRow, AuditRow, SessionRow, Store};
use sha2::{Digest, Sha256};

use crate::{AppError, Docket};

/// Failed sign-ins that lock an account.
pub const LOCKOUT_FAILURES: i64 = 5;
/// How long a lock lasts, in seconds.
pub const LOCKOUT_SECONDS: i64 = 15 * 60;
/// Failed sign-ins that lock a portal account (stricter than staff's five).
pub const PORTAL_LOCKOUT_FAILURES: i64 = 3;
/// How long a portal account's lock lasts, in seconds.
pub const PORTAL_LOCKOUT_SECONDS: i64 = 30 * 60;
/// How long a session lasts, in seconds (one working day).
pub const SESSION_SECONDS: i64 = 12 * 60 * 60;
/// A session unused this long ends (the account signs in again).
pub const SESSION_IDLE_SECONDS: i64 = 30 * 60;
/// A session's last use is written at most this often (one write a minute, not one a request).
const TOUCH_EVERY_SECONDS: i64 = 60;

/// A signed-in or stored account, as the application uses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub username: String,
    pub court: CourtCode,
    pub name: String,
    pub role: Role,
    pub judge: Option<String>,
}

impl Account {
    pub fn principal(&self) -> Principal {
        Principal { court: self.court.clone(), role: self.role, judge: self.judge.clone() }
    }

    pub(crate) fn from_row(row: &AccountRow) -> Result<Self, AppError> {
        Ok(Self {
            username: row.username.clone(),
            court: row.court.clone(),
            name: row.name.clone(),
            role: row.role,
            judge: row.judge.clone(),
        })
    }
}

/// An account to create.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub username: String,
    pub court: String,
    pub role: String,
    pub judge: Option<String>,
    pub name: Option<String>,
    pub password: String,
}

/// A session just opened: the cookie token (given to the client once) and the CSRF token.
#[derive(Debug, Clone)]
pub struct OpenedSession {
    pub token: String,
    pub csrf: String,
    pub account: Account,
    pub expires_at: i64,
}

/// Why a sign-in was refused. Deliberately coarse: a wrong username and a wrong password read the
/// same.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignInError {
    #[error("用户名或密码错误")]
    BadCredentials,
    #[error("用户名、密码或动态口令错误")]
    BadCode,
    #[error("连续登录失败次数过多，账户已锁定，请 {minutes} 分钟后再试")]
    Locked { minutes: i64 },
}

/// The SHA-256 of a session token, as stored.
pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// A random token: 32 bytes from the operating system, in hex.
pub fn random_token() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Invalid(format!("无法取得随机数：{e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Hashes a password to an Argon2id PHC string with a fresh salt.
pub fn hash_password(password: &str) -> Result<String, AppError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| AppError::Invalid(format!("无法计算密码散列：{e}")))
}

pub(crate) fn password_matches(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// Password checks (Argon2id, about 20 MB and tens of milliseconds each) at once, at most: a burst
/// of sign-ins waits here, on no async worker, instead of stalling every request on the workers.
pub const HASHING_AT_ONCE: usize = 4;
static HASHING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(HASHING_AT_ONCE);

/// Runs `work` on the blocking pool, at most [`HASHING_AT_ONCE`] at a time.
pub(crate) async fn on_hashing_pool<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let _turn = HASHING.acquire().await.map_err(|e| AppError::Unavailable(format!("密码校验队列已关闭：{e}")))?;
    tokio::task::spawn_blocking(work).await.map_err(|e| AppError::Unavailable(format!("密码校验失败：{e}")))
}

pub(crate) async fn password_matches_off_thread(password: String, phc: String) -> Result<bool, AppError> {
    on_hashing_pool(move || password_matches(&password, &phc)).await
}

/// A hash of a random password, checked against when the username is unknown.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| random_token().and_then(|t| hash_password(&t)).unwrap_or_default())
}

pub(crate) fn valid_username(u: &str) -> bool {
    (3..=64).contains(&u.len())
        && u.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.'))
}

/// The current time in Unix seconds.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// One audit line, stamped now.
pub(crate) fn audit_line(court: &str, username: &str, action: &str, target: &str, detail: &str) -> AuditRow {
    AuditRow {
        id: 0,
        court: court.to_owned(),
        at: now_stamp(),
        username: username.to_owned(),
        action: action.to_owned(),
        target: target.to_owned(),
        detail: detail.to_owned(),
    }
}

/// The audit line of something `account` did, stamped now.
pub(crate) fn audit_by(account: &Account, action: &str, target: &str, detail: &str) -> AuditRow {
    audit_line(account.court.as_str(), &account.username, action, target, detail)
}

pub(crate) fn now_stamp() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The role an account is given and the judge record it is bound to, checked against the rules:
/// a 法官 account is a judge's, and so is a 院长's or 庭长's — they read their court's sealed
/// cases only as the judge they are, so that a leadership account cannot be made for anyone an
/// administrator chooses. Errors name the field in Chinese.
pub(crate) fn role_and_judge<'j>(
    court: &CourtCode,
    role: &str,
    judge: Option<&str>,
    judges: &'j [Judge],
) -> Result<(Role, Option<&'j Judge>), AppError> {
    let field = |f: &str, m: String| AppError::Invalid(format!("{f}：{m}"));
    let parsed = Role::parse(role).ok_or_else(|| {
        field(
            "角色",
            format!(
                "{role} 不是角色；可用：{}",
                Role::STAFF.iter().map(|r| format!("{}（{}）", r.as_str(), r.label())).collect::<Vec<_>>().join("、")
            ),
        )
    })?;
    // A party's or a lawyer's account is opened with its verified link (`Docket::add_portal_account`).
    if parsed.is_portal() {
        return Err(field("角色", format!("{}账户须核验身份后作为诉讼服务账户开设", parsed.label())));
    }
    let judge = match judge {
        None => None,
        Some(code) => match judges.iter().find(|j| &j.court == court && j.code == code) {
            Some(j) => Some(j),
            None => return Err(field("法官", format!("{court} 没有编号为 {code} 的法官"))),
        },
    };
    if parsed == Role::Judge && judge.is_none() {
        return Err(field("法官", "法官账户须关联法官记录（--judge）".into()));
    }
    if parsed.reads_sealed_as_leadership() && judge.is_none() {
        return Err(field("法官", format!("{}账户须关联本人的法官记录（--judge）", parsed.label())));
    }
    Ok((parsed, judge))
}

/// Checks an account to create against the rules and the stored courts and judges, naming the
/// field at fault in Chinese.
fn account_row(
    new: &NewAccount,
    courts: &[Court],
    judges: &[Judge],
    password_hash: String,
) -> Result<AccountRow, AppError> {
    let field = |f: &str, m: String| AppError::Invalid(format!("{f}：{m}"));
    if !valid_username(&new.username) {
        return Err(field("用户名", "应为 3–64 个小写字母、数字或 - _ .".into()));
    }
    let court = CourtCode::parse(&new.court).map_err(|e| field("法院", e.to_string()))?;
    if !courts.iter().any(|c| c.code == court) {
        return Err(field("法院", format!("{court} 不在本系统中")));
    }
    let (role, judge) = role_and_judge(&court, &new.role, new.judge.as_deref(), judges)?;
    let name = match (&new.name, judge) {
        (Some(n), _) if !n.trim().is_empty() => n.trim().to_owned(),
        (_, Some(j)) => j.name.clone(),
        _ => new.username.clone(),
    };
    Ok(AccountRow {
        username: new.username.clone(),
        court,
        name,
        role,
        judge: judge.map(|j| j.code.clone()),
        password_hash,
        failed_logins: 0,
        locked_until: None,
        created_at: now_stamp(),
        disabled: false,
        password_changed_at: None,
    })
}

impl<S: Store> Docket<S> {
    /// Creates an account, audited as created by `by` (an administrator on the web; the command
    /// line that creates the first one has none) in the same transaction. The password is hashed
    /// here and never stored in clear. A judge has one account: a second one bound to the same
    /// judge record is refused. An account that reads sealed cases (院长, 庭长) is audited as
    /// `grant_sealed_access`, which the 审计员 sees apart from ordinary account changes.
    pub async fn add_account(&self, new: NewAccount, by: Option<&Account>) -> Result<Account, AppError> {
        if let Some(problem) = crate::passwords::password_problem(&new.password, &new.username) {
            return Err(AppError::Invalid(format!("密码：{problem}")));
        }
        let (courts, judges) = (self.store.courts().await?, self.store.judges().await?);
        let hash = {
            let password = new.password.clone();
            on_hashing_pool(move || hash_password(&password)).await??
        };
        let row = account_row(&new, &courts, &judges, hash)?;
        if let Some(judge) = &row.judge
            && let Some(other) =
                self.store.accounts(row.court.as_str()).await?.into_iter().find(|a| a.judge.as_ref() == Some(judge))
        {
            return Err(AppError::Invalid(format!(
                "法官：{judge} 已有账户 {}，一名法官只能有一个账户",
                other.username
            )));
        }
        let account = Account::from_row(&row)?;
        let action = if account.role.reads_sealed_as_leadership() { "grant_sealed_access" } else { "add_user" };
        let audit = by.map(|a| audit_by(a, action, &account.username, account.role.as_str())).into_iter().collect();
        self.store.add_accounts(vec![row], audit).await.map_err(|e| match e {
            docket_store::StoreError::Conflict(_) => AppError::Invalid(format!("用户名：{} 已存在", new.username)),
            e => e.into(),
        })?;
        Ok(account)
    }

    /// Creates many accounts sharing one password, hashed once (the demo's staff, whose password
    /// is published anyway). All or nothing.
    pub async fn add_accounts_with_password(&self, accounts: Vec<NewAccount>, password: &str) -> Result<u64, AppError> {
        let hash = hash_password(password)?;
        let (courts, judges) = (self.store.courts().await?, self.store.judges().await?);
        let rows = accounts
            .iter()
            .map(|new| account_row(new, &courts, &judges, hash.clone()))
            .collect::<Result<Vec<_>, _>>()?;
        let mut bound = std::collections::HashSet::new();
        for r in &rows {
            if let Some(j) = &r.judge
                && !bound.insert((r.court.clone(), j.clone()))
            {
                return Err(AppError::Invalid(format!("法官：{}/{j} 有两个账户，一名法官只能有一个账户", r.court)));
            }
        }
        let n = rows.len() as u64;
        self.store.add_accounts(rows, vec![]).await?;
        Ok(n)
    }

    pub async fn accounts(&self, court: &CourtCode) -> Result<Vec<Account>, AppError> {
        self.store.accounts(court.as_str()).await?.iter().map(Account::from_row).collect()
    }

    /// Signs in: reserves the attempt (counted as a failure until the password proves right, in
    /// one statement, so concurrent guesses cannot check more than [`LOCKOUT_FAILURES`] passwords),
    /// checks the password on the bounded hashing pool, locks after [`LOCKOUT_FAILURES`] failures,
    /// and opens a session. Every attempt on a known account is audited.
    pub async fn sign_in(&self, username: &str, password: &str, now: i64) -> Result<OpenedSession, AppError> {
        self.sign_in_with_code(username, password, None, now).await
    }

    /// [`Docket::sign_in`] with the TOTP code a portal account that turned the second factor on
    /// must give. A portal account locks sooner and for longer
    /// ([`PORTAL_LOCKOUT_FAILURES`]); a wrong or missing code counts as a failure,
    /// and a code is good once.
    pub async fn sign_in_with_code(
        &self,
        username: &str,
        password: &str,
        code: Option<&str>,
        now: i64,
    ) -> Result<OpenedSession, AppError> {
        let Some(row) = self.store.account(username).await?.filter(|r| !r.disabled) else {
            // The same hashing time as a known account's, so timing does not tell which exist.
            password_matches_off_thread(password.to_owned(), decoy_hash().to_owned()).await?;
            return Err(AppError::SignIn(SignInError::BadCredentials));
        };
        let (failures, seconds) = if row.role.is_portal() {
            (PORTAL_LOCKOUT_FAILURES, PORTAL_LOCKOUT_SECONDS)
        } else {
            (LOCKOUT_FAILURES, LOCKOUT_SECONDS)
        };
        let Some(attempt) = self.store.reserve_login_attempt(username, now, failures).await? else {
            self.audit_row(row.court.as_str(), username, "login_locked", username, "").await?;
            let minutes = row.locked_until.filter(|u| *u > now).map_or(seconds, |u| u - now);
            return Err(AppError::SignIn(SignInError::Locked { minutes: (minutes + 59) / 60 }));
        };
        let mut right = password_matches_off_thread(password.to_owned(), row.password_hash.clone()).await?;
        let mut second_factor = false;
        if right
            && row.role.is_portal()
            && let Some(secret) = self.store.portal_account(username).await?.and_then(|p| p.totp_secret)
        {
            second_factor = true;
            right = self.totp_code_fresh(username, &secret, code.unwrap_or(""), now);
        }
        if !right {
            let locks = attempt >= failures;
            if locks {
                self.store.set_login_state(username, 0, Some(now + seconds)).await?;
            }
            self.audit_row(row.court.as_str(), username, "login_failed", username, &format!("第 {attempt} 次")).await?;
            return Err(AppError::SignIn(if locks {
                SignInError::Locked { minutes: seconds / 60 }
            } else if second_factor {
                SignInError::BadCode
            } else {
                SignInError::BadCredentials
            }));
        }
        // Right: the reserved attempt (and any earlier failures) are forgiven.
        self.store.set_login_state(username, 0, None).await?;
        let account = Account::from_row(&row)?;
        let token = random_token()?;
        let csrf = random_token()?;
        let expires_at = now + SESSION_SECONDS;
        self.store
            .create_session(SessionRow {
                token_hash: token_hash(&token),
                username: username.to_owned(),
                court: row.court.to_string(),
                csrf: csrf.clone(),
                expires_at,
                last_seen: now,
            })
            .await?;
        self.audit_row(row.court.as_str(), username, "login", username, "").await?;
        Ok(OpenedSession { token, csrf, account, expires_at })
    }

    /// Whether `code` is the current TOTP code of `secret` (base32) and of a later step than the
    /// account last signed in with; the step is then kept.
    fn totp_code_fresh(&self, username: &str, secret: &str, code: &str, now: i64) -> bool {
        let Some(secret) = crate::totp::from_base32(secret) else { return false };
        let Some(step) = crate::totp::verify(&secret, code, u64::try_from(now).unwrap_or(0)) else { return false };
        let Ok(mut steps) = self.totp_steps.lock() else { return false };
        if steps.get(username).is_some_and(|last| *last >= step) {
            return false;
        }
        steps.insert(username.to_owned(), step);
        true
    }

    /// The account and CSRF token of a live session: not past its 12 hours, and used within the
    /// last [`SESSION_IDLE_SECONDS`] (each use keeps it alive).
    pub async fn session(&self, token: &str, now: i64) -> Result<Option<(Account, String)>, AppError> {
        let hash = token_hash(token);
        match self.store.session_account(&hash, now, now - SESSION_IDLE_SECONDS).await? {
            Some((csrf, row, last_seen)) => {
                if now - last_seen >= TOUCH_EVERY_SECONDS {
                    self.store.touch_session(&hash, now).await?;
                }
                Ok(Some((Account::from_row(&row)?, csrf)))
            }
            None => Ok(None),
        }
    }

    pub async fn sign_out(&self, token: &str, account: &Account, now: i64) -> Result<(), AppError> {
        self.store.end_session(&token_hash(token), now).await?;
        self.audit(account, "logout", &account.username, "").await
    }

    /// Records what an account did.
    pub async fn audit(&self, account: &Account, action: &str, target: &str, detail: &str) -> Result<(), AppError> {
        self.audit_row(account.court.as_str(), &account.username, action, target, detail).await
    }

    async fn audit_row(
        &self,
        court: &str,
        username: &str,
        action: &str,
        target: &str,
        detail: &str,
    ) -> Result<(), AppError> {
        self.store.append_audit(vec![audit_line(court, username, action, target, detail)]).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_decoy_hash_is_a_valid_argon2id_string() {
        assert!(PasswordHash::new(decoy_hash()).is_ok());
        assert!(!password_matches("", decoy_hash()));
    }

    #[test]
    fn a_hashed_password_matches_itself_only() {
        let h = hash_password("correct horse").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(password_matches("correct horse", &h));
        assert!(!password_matches("correct horsf", &h));
    }

    #[test]
    fn tokens_are_random_and_hex() {
        let a = random_token().unwrap();
        assert_eq!(a.len(), 64);
        assert!(a.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(a, random_token().unwrap());
    }
}

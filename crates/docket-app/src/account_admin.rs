//! Looking after accounts (账户管理): changing one's own password, and an administrator's resetting
//! a password, disabling (停用) or re-enabling an account and ending its sessions. Each is audited
//! in the transaction that makes it, and each ends the sessions it should: a changed password
//! ends every other session of the account, a reset or a disable ends them all.

use docket_domain::{CourtCode, Role};
use docket_store::{AccountRow, AuditRow, Store};

use crate::accounts::{Account, audit_by, audit_line, on_hashing_pool, password_matches_off_thread, token_hash};
use crate::passwords::password_problem;
use crate::{AppError, Docket};

/// The username audit lines carry for changes made on the command line (by whoever holds the
/// database and the server's files).
pub const COMMAND_LINE: &str = "cli";

/// A change to an account: its name (kept when blank), role and judge record (none when blank).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditAccount {
    pub name: String,
    pub role: String,
    pub judge: Option<String>,
}

/// An account as the accounts page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountStatus {
    pub account: Account,
    pub disabled: bool,
    /// Unix seconds until which sign-in is refused, when locked now.
    pub locked_until: Option<i64>,
    pub password_changed_at: Option<String>,
    pub created_at: String,
    /// Live sessions.
    pub sessions: u64,
}

impl<S: Store> Docket<S> {
    /// The accounts of a court with their state, for an administrator.
    pub async fn account_statuses(&self, court: &CourtCode, now: i64) -> Result<Vec<AccountStatus>, AppError> {
        let mut out = Vec::new();
        for row in self.store.accounts(court.as_str()).await? {
            let sessions = self.store.session_count(&row.username, now).await?;
            out.push(AccountStatus {
                account: Account::from_row(&row)?,
                disabled: row.disabled,
                locked_until: row.locked_until.filter(|u| *u > now),
                password_changed_at: row.password_changed_at.clone(),
                created_at: row.created_at.clone(),
                sessions,
            });
        }
        Ok(out)
    }

    /// Changes the signed-in account's own password: the current one must be right, the new one
    /// must pass the policy and differ from it. Every other session of the account ends; the one
    /// making the change (`session_token`) stays. Returns the sessions ended.
    pub async fn change_own_password(
        &self,
        account: &Account,
        session_token: &str,
        current: &str,
        new: &str,
    ) -> Result<u64, AppError> {
        let row = self.managed(&account.username).await?;
        if !password_matches_off_thread(current.to_owned(), row.password_hash.clone()).await? {
            return Err(AppError::Fields(vec![crate::FieldError::new("current", "当前密码不对")]));
        }
        if current == new {
            return Err(AppError::Fields(vec![crate::FieldError::new("password", "新密码不能与当前密码相同")]));
        }
        let hash = self.hash_checked(new, &account.username).await?;
        let audit = audit_by(account, "change_password", &account.username, "");
        Ok(self.store.set_password(&account.username, &hash, Some(&token_hash(session_token)), audit).await?)
    }

    /// An administrator of the account's court (or the command line, `by = None`) sets a new
    /// password; every session of the account ends. Returns the sessions ended.
    pub async fn reset_password(&self, username: &str, new: &str, by: Option<&Account>) -> Result<u64, AppError> {
        let row = self.managed(username).await?;
        let audit = self.admin_audit(&row, by, "reset_password", "")?;
        let hash = self.hash_checked(new, username).await?;
        Ok(self.store.set_password(username, &hash, None, audit).await?)
    }

    /// Disables (停用) or re-enables an account. A disabled account cannot sign in and its
    /// sessions end at once. An administrator cannot disable the account they are using.
    pub async fn set_account_disabled(
        &self,
        username: &str,
        disabled: bool,
        by: Option<&Account>,
    ) -> Result<u64, AppError> {
        let row = self.managed(username).await?;
        if disabled && by.is_some_and(|a| a.username == username) {
            return Err(AppError::Invalid("不能停用自己正在使用的账户".into()));
        }
        let action = if disabled { "disable_user" } else { "enable_user" };
        let audit = self.admin_audit(&row, by, action, "")?;
        Ok(self.store.set_disabled(username, disabled, audit).await?)
    }

    /// Changes an account's name, role (改变角色) and judge record under the rules an account is
    /// created by (a 法官, 庭长 or 院长 is bound to its own judge record, one account per judge).
    /// An administrator cannot change the role of the account they are using. Every session of
    /// the account ends, so the new role applies from its next sign-in. Making an account one that
    /// reads sealed cases (a 庭长 or 院长, or such an account bound to another judge) is audited as
    /// `grant_sealed_access`, which the 审计员 sees on the 首页 that day; any other change as
    /// `edit_user`; the detail says what changed. Returns the sessions ended.
    pub async fn edit_account(&self, username: &str, edit: EditAccount, by: Option<&Account>) -> Result<u64, AppError> {
        let row = self.managed(username).await?;
        let judges = self.store.judges().await?;
        let (role, judge) = crate::accounts::role_and_judge(
            &row.court,
            &edit.role,
            edit.judge.as_deref().filter(|j| !j.is_empty()),
            &judges,
        )?;
        if by.is_some_and(|a| a.username == username) && role != row.role {
            return Err(AppError::Invalid("角色：不能更改自己正在使用的账户的角色".into()));
        }
        let judge = judge.map(|j| j.code.clone());
        if let Some(code) = &judge
            && let Some(other) = self
                .store
                .accounts(row.court.as_str())
                .await?
                .into_iter()
                .find(|a| a.judge.as_ref() == Some(code) && a.username != username)
        {
            return Err(AppError::Invalid(format!("法官：{code} 已有账户 {}，一名法官只能有一个账户", other.username)));
        }
        let name = edit.name.trim();
        let name = if name.is_empty() { row.name.clone() } else { name.to_owned() };
        let mut changes = Vec::new();
        if role != row.role {
            changes.push(format!("角色 {} → {}", row.role.as_str(), role.as_str()));
        }
        if judge != row.judge {
            let shown = |j: &Option<String>| j.clone().unwrap_or_else(|| "无".into());
            changes.push(format!("法官 {} → {}", shown(&row.judge), shown(&judge)));
        }
        if name != row.name {
            changes.push(format!("姓名 {} → {name}", row.name));
        }
        if changes.is_empty() {
            return Err(AppError::Invalid(format!("{username}：没有要修改的内容")));
        }
        let grants =
            role.reads_sealed_as_leadership() && (!row.role.reads_sealed_as_leadership() || judge != row.judge);
        let action = if grants { "grant_sealed_access" } else { "edit_user" };
        let audit = self.admin_audit(&row, by, action, &changes.join("；"))?;
        Ok(self.store.set_account_profile(username, &name, role, judge.as_deref(), audit).await?)
    }

    /// Ends every session of an account (it signs in again).
    pub async fn end_account_sessions(&self, username: &str, by: Option<&Account>) -> Result<u64, AppError> {
        let row = self.managed(username).await?;
        let audit = self.admin_audit(&row, by, "end_sessions", "")?;
        Ok(self.store.end_sessions(username, audit).await?)
    }

    async fn managed(&self, username: &str) -> Result<AccountRow, AppError> {
        self.store.account(username).await?.ok_or_else(|| AppError::NotFound(format!("用户 {username}")))
    }

    async fn hash_checked(&self, password: &str, username: &str) -> Result<String, AppError> {
        if let Some(problem) = password_problem(password, username) {
            return Err(AppError::Fields(vec![crate::FieldError::new("password", format!("新密码{problem}"))]));
        }
        let password = password.to_owned();
        on_hashing_pool(move || crate::accounts::hash_password(&password)).await?
    }

    /// The audit line of an administrator's change to `row`, after checking that `by` administers
    /// the account's court. The command line (`None`) is audited under [`COMMAND_LINE`].
    fn admin_audit(
        &self,
        row: &AccountRow,
        by: Option<&Account>,
        action: &str,
        detail: &str,
    ) -> Result<AuditRow, AppError> {
        match by {
            None => Ok(audit_line(row.court.as_str(), COMMAND_LINE, action, &row.username, detail)),
            Some(a) if a.role == Role::Admin && a.court == row.court => Ok(audit_by(a, action, &row.username, detail)),
            Some(_) => Err(AppError::Forbidden("只有本院的系统管理员可以管理账户".into())),
        }
    }
}

/// The kinds of audit line, with what the audit page calls them.
pub const AUDIT_ACTIONS: &[(&str, &str)] = &[
    ("login", "登录"),
    ("login_failed", "登录失败"),
    ("login_locked", "锁定期间尝试登录"),
    ("logout", "退出"),
    ("read_sealed", "查阅不公开案件"),
    ("refused_read", "查阅案件被拒绝"),
    ("refused_action", "案件操作被拒绝"),
    ("file_case", "立案"),
    ("append_event", "记录案件事件"),
    ("add_evidence", "上传证据"),
    ("add_user", "新建用户"),
    ("edit_user", "修改用户（姓名、角色、关联法官）"),
    ("grant_sealed_access", "授予查阅不公开案件权限"),
    ("change_password", "修改本人密码"),
    ("reset_password", "重设密码"),
    ("disable_user", "停用用户"),
    ("enable_user", "恢复用户"),
    ("end_sessions", "结束会话"),
    ("import_holidays", "导入节假日安排"),
    ("save_indicator_settings", "保存指标设置"),
    ("export_audit", "导出审计日志"),
    ("record_management", "记录审管台账（专项清理、整改、司法建议、信访）"),
];

/// What the audit page calls an action (the action itself when it has no name).
pub fn audit_action_label(action: &str) -> &str {
    AUDIT_ACTIONS.iter().find(|(a, _)| *a == action).map_or(action, |(_, label)| label)
}

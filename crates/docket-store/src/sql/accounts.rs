//! The SQL of accounts, sessions and the audit log, shared by both backends.

/// Implements [`crate::AccountStore`] for a backend (`$store` over `sqlx::$db`).
macro_rules! impl_account_store {
    ($store:ident, $db:ident) => {
        impl $crate::AccountStore for $store {
            async fn add_accounts(
                &self,
                accounts: Vec<$crate::AccountRow>,
                audit: Vec<$crate::AuditRow>,
            ) -> Result<(), $crate::StoreError> {
                let mut tx = self.writer().begin().await?;
                for r in &audit {
                    self.insert_audit(&mut tx, r).await?;
                }
                for a in &accounts {
                    sqlx::query(
                        "INSERT INTO accounts (username, court, name, role, judge, password_hash, failed_logins, \
                         locked_until, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                    )
                    .bind(a.username.as_str())
                    .bind(a.court.as_str())
                    .bind(a.name.as_str())
                    .bind(a.role.as_str())
                    .bind(a.judge.as_deref())
                    .bind(a.password_hash.as_str())
                    .bind(a.failed_logins)
                    .bind(a.locked_until)
                    .bind(a.created_at.as_str())
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn account(&self, username: &str) -> Result<Option<$crate::AccountRow>, $crate::StoreError> {
                let row: Option<$crate::accounts::AccountDbRow> = sqlx::query_as(
                    "SELECT username, court, name, role, judge, password_hash, failed_logins, locked_until, created_at \
                     FROM accounts WHERE username = $1",
                )
                .bind(username)
                .fetch_optional(self.reader())
                .await?;
                row.map($crate::accounts::AccountDbRow::into_account).transpose()
            }

            async fn accounts(&self, court: &str) -> Result<Vec<$crate::AccountRow>, $crate::StoreError> {
                let rows: Vec<$crate::accounts::AccountDbRow> = sqlx::query_as(
                    "SELECT username, court, name, role, judge, password_hash, failed_logins, locked_until, created_at \
                     FROM accounts WHERE court = $1 ORDER BY username",
                )
                .bind(court)
                .fetch_all(self.reader())
                .await?;
                rows.into_iter().map($crate::accounts::AccountDbRow::into_account).collect()
            }

            async fn set_login_state(
                &self,
                username: &str,
                failed_logins: i64,
                locked_until: Option<i64>,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query("UPDATE accounts SET failed_logins = $1, locked_until = $2 WHERE username = $3")
                    .bind(failed_logins)
                    .bind(locked_until)
                    .bind(username)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            async fn reserve_login_attempt(
                &self,
                username: &str,
                now: i64,
                max: i64,
            ) -> Result<Option<i64>, $crate::StoreError> {
                Ok(sqlx::query_scalar(
                    "UPDATE accounts SET failed_logins = failed_logins + 1 WHERE username = $1 \
                     AND failed_logins < $3 AND (locked_until IS NULL OR locked_until <= $2) RETURNING failed_logins",
                )
                .bind(username)
                .bind(now)
                .bind(max)
                .fetch_optional(self.writer())
                .await?)
            }

            async fn set_password(&self, username: &str, password_hash: &str) -> Result<(), $crate::StoreError> {
                let done = sqlx::query(
                    "UPDATE accounts SET password_hash = $1, failed_logins = 0, locked_until = NULL WHERE username = $2",
                )
                .bind(password_hash)
                .bind(username)
                .execute(self.writer())
                .await?;
                if done.rows_affected() == 0 {
                    return Err($crate::StoreError::NotFound(format!("用户 {username}")));
                }
                Ok(())
            }

            async fn create_session(&self, session: $crate::SessionRow) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "INSERT INTO sessions (token_hash, username, court, csrf, expires_at, last_seen) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(session.token_hash)
                .bind(session.username)
                .bind(session.court)
                .bind(session.csrf)
                .bind(session.expires_at)
                .bind(session.last_seen)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn session(&self, token_hash: &[u8], now: i64) -> Result<Option<$crate::SessionRow>, $crate::StoreError> {
                Ok(sqlx::query_as(
                    "SELECT token_hash, username, court, csrf, expires_at, last_seen FROM sessions \
                     WHERE token_hash = $1 AND expires_at > $2",
                )
                .bind(token_hash)
                .bind(now)
                .fetch_optional(self.reader())
                .await?)
            }

            async fn session_account(
                &self,
                token_hash: &[u8],
                now: i64,
                seen_after: i64,
            ) -> Result<Option<(String, $crate::AccountRow, i64)>, $crate::StoreError> {
                let row: Option<$crate::accounts::SessionAccountRow> = sqlx::query_as(
                    "SELECT s.csrf, s.last_seen, a.username, a.court, a.name, a.role, a.judge, a.password_hash, \
                     a.failed_logins, a.locked_until, a.created_at FROM sessions s JOIN accounts a ON a.username = s.username \
                     WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen > $3",
                )
                .bind(token_hash)
                .bind(now)
                .bind(seen_after)
                .fetch_optional(self.reader())
                .await?;
                row.map(|r| Ok((r.csrf, r.account.into_account()?, r.last_seen))).transpose()
            }

            async fn touch_session(&self, token_hash: &[u8], now: i64) -> Result<(), $crate::StoreError> {
                sqlx::query("UPDATE sessions SET last_seen = $2 WHERE token_hash = $1 AND last_seen < $2")
                    .bind(token_hash)
                    .bind(now)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            async fn end_session(&self, token_hash: &[u8], now: i64) -> Result<(), $crate::StoreError> {
                sqlx::query("DELETE FROM sessions WHERE token_hash = $1 OR expires_at <= $2")
                    .bind(token_hash)
                    .bind(now)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            async fn append_audit(&self, rows: Vec<$crate::AuditRow>) -> Result<(), $crate::StoreError> {
                let mut tx = self.writer().begin().await?;
                for r in &rows {
                    self.insert_audit(&mut tx, r).await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn audit_log(&self, court: &str, limit: i64) -> Result<Vec<$crate::AuditRow>, $crate::StoreError> {
                Ok(sqlx::query_as(
                    "SELECT id, court, at, username, action, target, detail FROM audit_log WHERE court = $1 \
                     ORDER BY id DESC LIMIT $2",
                )
                .bind(court)
                .bind(limit)
                .fetch_all(self.reader())
                .await?)
            }
        }
    };
}
pub(crate) use impl_account_store;

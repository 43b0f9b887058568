//! The SQL of accounts, sessions and the audit log, shared by both backends.

/// Implements [`crate::AccountStore`] for a backend (`$store` over `sqlx::$db`).
macro_rules! impl_account_store {
    ($store:ident, $db:ident) => {
        impl $store {
            /// Inserts one account row in `tx` (staff and portal accounts alike).
            pub(crate) async fn insert_account(
                tx: &mut sqlx::Transaction<'static, $db>,
                a: &$crate::AccountRow,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "INSERT INTO accounts (username, court, name, role, judge, password_hash, failed_logins, \
                     locked_until, created_at, disabled, password_changed_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
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
                .bind(a.disabled)
                .bind(a.password_changed_at.as_deref())
                .execute(&mut **tx)
                .await?;
                Ok(())
            }
        }

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
                    Self::insert_account(&mut tx, a).await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn account(&self, username: &str) -> Result<Option<$crate::AccountRow>, $crate::StoreError> {
                let row: Option<$crate::accounts::AccountDbRow> = sqlx::query_as(
                    "SELECT username, court, name, role, judge, password_hash, failed_logins, locked_until, created_at, \
                     disabled, password_changed_at FROM accounts WHERE username = $1",
                )
                .bind(username)
                .fetch_optional(self.reader())
                .await?;
                row.map($crate::accounts::AccountDbRow::into_account).transpose()
            }

            async fn accounts(&self, court: &str) -> Result<Vec<$crate::AccountRow>, $crate::StoreError> {
                let rows: Vec<$crate::accounts::AccountDbRow> = sqlx::query_as(
                    "SELECT username, court, name, role, judge, password_hash, failed_logins, locked_until, created_at, \
                     disabled, password_changed_at FROM accounts WHERE court = $1 ORDER BY username",
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

            async fn set_password(
                &self,
                username: &str,
                password_hash: &str,
                keep_session: Option<&[u8]>,
                audit: $crate::AuditRow,
            ) -> Result<u64, $crate::StoreError> {
                let mut tx = self.writer().begin().await?;
                let done = sqlx::query(
                    "UPDATE accounts SET password_hash = $1, failed_logins = 0, locked_until = NULL, \
                     password_changed_at = $3 WHERE username = $2",
                )
                .bind(password_hash)
                .bind(username)
                .bind($crate::sql::now_stamp())
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Err($crate::StoreError::NotFound(format!("用户 {username}")));
                }
                let ended = sqlx::query("DELETE FROM sessions WHERE username = $1 AND token_hash <> $2")
                    .bind(username)
                    .bind(keep_session.unwrap_or(&[]))
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                self.insert_audit(&mut tx, &audit).await?;
                tx.commit().await?;
                Ok(ended)
            }

            async fn set_disabled(
                &self,
                username: &str,
                disabled: bool,
                audit: $crate::AuditRow,
            ) -> Result<u64, $crate::StoreError> {
                let mut tx = self.writer().begin().await?;
                let done = sqlx::query("UPDATE accounts SET disabled = $1, failed_logins = 0, locked_until = NULL WHERE username = $2")
                    .bind(disabled)
                    .bind(username)
                    .execute(&mut *tx)
                    .await?;
                if done.rows_affected() == 0 {
                    return Err($crate::StoreError::NotFound(format!("用户 {username}")));
                }
                let mut ended = 0;
                if disabled {
                    ended = sqlx::query("DELETE FROM sessions WHERE username = $1").bind(username).execute(&mut *tx).await?.rows_affected();
                }
                self.insert_audit(&mut tx, &audit).await?;
                tx.commit().await?;
                Ok(ended)
            }

            async fn set_account_profile(
                &self,
                username: &str,
                name: &str,
                role: docket_domain::Role,
                judge: Option<&str>,
                audit: $crate::AuditRow,
            ) -> Result<u64, $crate::StoreError> {
                let mut tx = self.writer().begin().await?;
                let done = sqlx::query("UPDATE accounts SET name = $1, role = $2, judge = $3 WHERE username = $4")
                    .bind(name)
                    .bind(role.as_str())
                    .bind(judge)
                    .bind(username)
                    .execute(&mut *tx)
                    .await?;
                if done.rows_affected() == 0 {
                    return Err($crate::StoreError::NotFound(format!("用户 {username}")));
                }
                let ended =
                    sqlx::query("DELETE FROM sessions WHERE username = $1").bind(username).execute(&mut *tx).await?.rows_affected();
                self.insert_audit(&mut tx, &audit).await?;
                tx.commit().await?;
                Ok(ended)
            }

            async fn end_sessions(&self, username: &str, audit: $crate::AuditRow) -> Result<u64, $crate::StoreError> {
                let mut tx = self.writer().begin().await?;
                let ended =
                    sqlx::query("DELETE FROM sessions WHERE username = $1").bind(username).execute(&mut *tx).await?.rows_affected();
                self.insert_audit(&mut tx, &audit).await?;
                tx.commit().await?;
                Ok(ended)
            }

            async fn session_count(&self, username: &str, now: i64) -> Result<u64, $crate::StoreError> {
                let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE username = $1 AND expires_at > $2")
                    .bind(username)
                    .bind(now)
                    .fetch_one(self.reader())
                    .await?;
                Ok(u64::try_from(n).unwrap_or(0))
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
                     a.failed_logins, a.locked_until, a.created_at, a.disabled, a.password_changed_at FROM sessions s \
                     JOIN accounts a ON a.username = s.username \
                     WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen > $3 AND NOT a.disabled",
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

            async fn audit_search(&self, q: &$crate::AuditQuery) -> Result<Vec<$crate::AuditRow>, $crate::StoreError> {
                // One statement whatever the filters: an absent filter binds NULL and matches all.
                Ok(sqlx::query_as(
                    "SELECT id, court, at, username, action, target, detail FROM audit_log \
                     WHERE court = $1 AND ($2 IS NULL OR username = $2) AND ($3 IS NULL OR action = $3) \
                     AND ($4 IS NULL OR target = $4) AND ($5 IS NULL OR at >= $5) AND ($6 IS NULL OR at < $6) \
                     AND ($7 IS NULL OR id < $7) ORDER BY id DESC LIMIT $8",
                )
                .bind(q.court.as_str())
                .bind(q.username.as_deref())
                .bind(q.action.as_deref())
                .bind(q.target.as_deref())
                .bind(q.from.as_deref())
                .bind(q.until.as_deref())
                .bind(q.before_id)
                .bind(q.limit)
                .fetch_all(self.reader())
                .await?)
            }

            async fn audit_chain(&self, progress: &dyn $crate::Progress) -> Result<$crate::AuditChainReport, $crate::StoreError> {
                let mut tx = self.reader().begin().await?;
                let (head_id, head_hash): (i64, Vec<u8>) =
                    sqlx::query_as("SELECT last_id, hash FROM audit_head WHERE id = 1").fetch_one(&mut *tx).await?;
                let mut report = $crate::AuditChainReport::default();
                let mut prev = vec![0u8; 32];
                let mut after = 0i64;
                loop {
                    let rows: Vec<$crate::accounts::ChainedAuditRow> = sqlx::query_as(
                        "SELECT id, court, at, username, action, target, detail, hash FROM audit_log \
                         WHERE id > $1 ORDER BY id LIMIT 5000",
                    )
                    .bind(after)
                    .fetch_all(&mut *tx)
                    .await?;
                    let Some(last) = rows.last() else { break };
                    after = last.row.id;
                    progress.advance(rows.len() as u64);
                    for r in rows {
                        report.rows += 1;
                        let expected = $crate::accounts::audit_hash(&prev, r.row.id, &r.row);
                        if report.first_break.is_none() && r.hash.as_deref() != Some(&expected[..]) {
                            report.first_break = Some(r.row.id);
                        }
                        prev = r.hash.unwrap_or_default();
                        report.last_id = r.row.id;
                    }
                }
                report.head_matches = report.last_id == head_id && prev == head_hash;
                Ok(report)
            }
        }
    };
}
pub(crate) use impl_account_store;

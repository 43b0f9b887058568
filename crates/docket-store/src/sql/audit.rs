//! The SQL of the audit chain (审计日志的哈希链), shared by both backends: appending a line
//! under the chain's head lock, and chaining lines written before the chain existed.

/// Adds the audit chain's writes to a backend (`$store` over `sqlx::$db`).
macro_rules! impl_audit_chain {
    ($store:ty, $db:ty) => {
        impl $store {
            /// Appends an audit line to the audit chain: locks the chain's head, numbers the row
            /// after it and stores the row's hash over the head's. Taken last in every
            /// transaction that also locks the Merkle tree, so the two locks are always taken in
            /// the same order.
            async fn insert_audit(
                &self,
                tx: &mut sqlx::Transaction<'static, $db>,
                r: &$crate::AuditRow,
            ) -> Result<(), $crate::StoreError> {
                let (last_id, prev): (i64, Vec<u8>) = sqlx::query_as(Self::LOCK_AUDIT).fetch_one(&mut **tx).await?;
                let id = last_id + 1;
                let hash = $crate::accounts::audit_hash(&prev, id, r);
                sqlx::query(
                    "INSERT INTO audit_log (id, court, at, username, action, target, detail, hash) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(id)
                .bind(r.court.as_str())
                .bind(r.at.as_str())
                .bind(r.username.as_str())
                .bind(r.action.as_str())
                .bind(r.target.as_str())
                .bind(r.detail.as_str())
                .bind(&hash[..])
                .execute(&mut **tx)
                .await?;
                sqlx::query("UPDATE audit_head SET last_id = $1, hash = $2 WHERE id = 1")
                    .bind(id)
                    .bind(&hash[..])
                    .execute(&mut **tx)
                    .await?;
                Ok(())
            }

            /// Chains the audit lines written before the chain existed (migration 0007), in id
            /// order, once.
            pub(crate) async fn backfill_audit(pool: &sqlx::Pool<$db>) -> Result<(), $crate::StoreError> {
                let pending: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE hash IS NULL").fetch_one(pool).await?;
                if pending == 0 {
                    return Ok(());
                }
                let mut tx = pool.begin().await?;
                let (_, mut prev): (i64, Vec<u8>) = sqlx::query_as(Self::LOCK_AUDIT).fetch_one(&mut *tx).await?;
                let rows: Vec<$crate::AuditRow> = sqlx::query_as(
                    "SELECT id, court, at, username, action, target, detail FROM audit_log WHERE hash IS NULL ORDER BY id",
                )
                .fetch_all(&mut *tx)
                .await?;
                let mut last = 0;
                for r in &rows {
                    let hash = $crate::accounts::audit_hash(&prev, r.id, r);
                    sqlx::query("UPDATE audit_log SET hash = $1 WHERE id = $2").bind(&hash[..]).bind(r.id).execute(&mut *tx).await?;
                    prev = hash.to_vec();
                    last = r.id;
                }
                sqlx::query("UPDATE audit_head SET last_id = $1, hash = $2 WHERE id = 1")
                    .bind(last)
                    .bind(&prev[..])
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

        }
    };
}
pub(crate) use impl_audit_chain;

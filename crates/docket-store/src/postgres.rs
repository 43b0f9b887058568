//! PostgreSQL, for a court or a province. Chain heads are locked with `SELECT … FOR UPDATE`, so
//! concurrent writers to one court's chain take turns while other courts proceed; 案号
//! counters are row-locked by their upsert, so allocation is gap-free under concurrency.

use std::time::Duration;

use sqlx::Postgres;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};

use crate::StoreError;
use crate::sql::impl_sql_store;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// The PostgreSQL store.
#[derive(Clone, Debug)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    const BACKEND: &'static str = "postgres";
    /// Locks the Merkle tree's head row and reads its size.
    const LOCK_TREE: &'static str = "SELECT size FROM tree_head WHERE id = 1 FOR UPDATE";
    /// Locks the audit chain's head row and reads it.
    const LOCK_AUDIT: &'static str = "SELECT last_id, hash FROM audit_head WHERE id = 1 FOR UPDATE";
    /// The first statement of a backup's read transaction.
    const SNAPSHOT_BEGIN: &'static str = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";
    /// Statements a restore runs after the rows are in.
    const AFTER_RESTORE: &'static [&'static str] = &[
        "SELECT setval(pg_get_serial_sequence('audit_log', 'id'), GREATEST((SELECT COALESCE(MAX(id), 0) FROM audit_log), 1))",
        "SELECT setval(pg_get_serial_sequence('notifications', 'id'), GREATEST((SELECT COALESCE(MAX(id), 0) FROM notifications), 1))",
    ];
    const SELECT_HEAD: &'static str = "SELECT court, seq, hash FROM chain_heads WHERE court = $1 FOR UPDATE";
    /// PostgreSQL keeps its indexes during bulk loads: dropping one would lock out readers.
    const ROW_ESTIMATE: Option<&'static str> = None;
    const DEFERRED_INDEXES: &'static [(&'static str, &'static str)] = &[];

    /// Connects to a `postgres://` URL and migrates the database.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        Self::open_announcing(url, &|_| {}).await
    }

    /// Connects and migrates, telling `announce` which migrations will run on an existing
    /// database before they run.
    pub async fn open_announcing(url: &str, announce: crate::Announce<'_>) -> Result<Self, StoreError> {
        let options: PgConnectOptions =
            url.parse().map_err(|e| StoreError::Unavailable(format!("PostgreSQL 地址无效：{e}")))?;
        Self::open_with_announcing(options, announce).await
    }

    /// Connects with explicit options (e.g. a `search_path` for an isolated schema) and migrates.
    pub async fn open_with(options: PgConnectOptions) -> Result<Self, StoreError> {
        Self::open_with_announcing(options, &|_| {}).await
    }

    async fn open_with_announcing(
        options: PgConnectOptions,
        announce: crate::Announce<'_>,
    ) -> Result<Self, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options)
            .await
            .map_err(|e| StoreError::Unavailable(format!("无法连接 PostgreSQL：{e}")))?;
        let applied: Vec<i64> = sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success")
            .fetch_all(&pool)
            .await
            .unwrap_or_default();
        let pending = crate::pending_migrations(&MIGRATOR, &applied);
        if !pending.is_empty() {
            announce(&pending);
        }
        MIGRATOR.run(&pool).await?;
        Self::backfill_tree(&pool).await?;
        Self::backfill_audit(&pool).await?;
        Ok(Self { pool })
    }

    fn writer(&self) -> &PgPool {
        &self.pool
    }

    fn reader(&self) -> &PgPool {
        &self.pool
    }

    /// The connection pool, for tests that tamper with rows directly.
    #[cfg(feature = "test-support")]
    pub fn raw_pool(&self) -> &PgPool {
        &self.pool
    }
}

impl_sql_store!(PgStore, Postgres);
crate::ledger::impl_ledger!(PgStore, Postgres);
crate::sql::impl_bound_bulk_writes!(PgStore, Postgres);
crate::sql::accounts::impl_account_store!(PgStore, Postgres);
crate::backup::impl_backup_store!(PgStore, Postgres);
crate::search::impl_search_store!(PgStore, Postgres);
crate::queues::impl_queue_store!(PgStore, Postgres);
crate::notifications::impl_notification_store!(PgStore);
crate::portal::impl_portal_store!(PgStore, Postgres);
crate::sql::audit::impl_audit_chain!(PgStore, Postgres);
crate::sql::settings::impl_settings_store!(PgStore, Postgres);

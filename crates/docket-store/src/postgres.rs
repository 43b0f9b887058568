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
    const SELECT_HEAD: &'static str = "SELECT court, seq, hash FROM chain_heads WHERE court = $1 FOR UPDATE";
    /// PostgreSQL keeps its indexes during bulk loads: dropping one would lock out readers.
    const ROW_ESTIMATE: Option<&'static str> = None;
    const DEFERRED_INDEXES: &'static [(&'static str, &'static str)] = &[];

    /// Connects to a `postgres://` URL and migrates the database.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        let options: PgConnectOptions =
            url.parse().map_err(|e| StoreError::Unavailable(format!("PostgreSQL 地址无效：{e}")))?;
        Self::open_with(options).await
    }

    /// Connects with explicit options (e.g. a `search_path` for an isolated schema) and migrates.
    pub async fn open_with(options: PgConnectOptions) -> Result<Self, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options)
            .await
            .map_err(|e| StoreError::Unavailable(format!("无法连接 PostgreSQL：{e}")))?;
        MIGRATOR.run(&pool).await?;
        Self::backfill_tree(&pool).await?;
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
crate::sql::settings::impl_settings_store!(PgStore, Postgres);

//! The embedded default: one SQLite file in WAL mode, `synchronous = FULL` so a commit is on disk
//! when it returns. Writes go through a single connection (SQLite has one writer anyway), which
//! also serialises 案号 allocation; reads use a small pool of their own.

use std::str::FromStr;
use std::time::Duration;

use sqlx::Sqlite;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};

use crate::StoreError;
use crate::sql::impl_sql_store;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// The SQLite store.
#[derive(Clone, Debug)]
pub struct SqliteStore {
    writer: SqlitePool,
    reader: SqlitePool,
}

impl SqliteStore {
    const BACKEND: &'static str = "sqlite";
    /// Locks the Merkle tree's head row and reads its size.
    const LOCK_TREE: &'static str = "SELECT size FROM tree_head WHERE id = 1";
    /// Locks the audit chain's head row and reads it.
    const LOCK_AUDIT: &'static str = "SELECT last_id, hash FROM audit_head WHERE id = 1";
    /// The first statement of a backup's read transaction.
    const SNAPSHOT_BEGIN: &'static str = "SELECT 1";
    /// Statements a restore runs after the rows are in.
    const AFTER_RESTORE: &'static [&'static str] = &[];
    const SELECT_HEAD: &'static str = "SELECT court, seq, hash FROM chain_heads WHERE court = $1";
    /// Log rows are never deleted, so the largest rowid counts them without a scan.
    const ROW_ESTIMATE: Option<&'static str> = Some("SELECT COALESCE(MAX(rowid), 0) FROM log");
    /// Secondary indexes a bulk load builds at its end, exactly as the migrations create them
    /// (a test compares the schema after a bulk load with a freshly migrated one).
    const DEFERRED_INDEXES: &'static [(&'static str, &'static str)] = &[
        ("log_case_position", "CREATE UNIQUE INDEX log_case_position ON log (court, case_no, case_seq)"),
        ("cases_origin", "CREATE INDEX cases_origin ON cases (origin)"),
        ("cases_judge", "CREATE INDEX cases_judge ON cases (court, judge, status)"),
        ("cases_deadline", "CREATE INDEX cases_deadline ON cases (court, status, deadline_unadjusted)"),
        ("parties_name", "CREATE INDEX parties_name ON parties (name)"),
        ("search_terms_term", "CREATE INDEX search_terms_term ON search_terms (term, court, case_no)"),
        ("portal_links_link", "CREATE INDEX portal_links_link ON portal_links (link, court, case_no)"),
        ("cases_filed", "CREATE INDEX cases_filed ON cases (court, filed_on)"),
        ("cases_sealed", "CREATE INDEX cases_sealed ON cases (court, sealed, judge)"),
        ("log_management", "CREATE INDEX log_management ON log (court, seq) WHERE kind = 'management'"),
        ("tree_leaves_item", "CREATE UNIQUE INDEX tree_leaves_item ON tree_leaves (kind, court, seq)"),
    ];

    /// Opens (creating if needed) the database at `sqlite://PATH` or a bare path, and migrates it.
    pub async fn open(location: &str) -> Result<Self, StoreError> {
        Self::open_announcing(location, &|_| {}).await
    }

    /// Opens and migrates, telling `announce` which migrations will run on an existing database
    /// before they run.
    pub async fn open_announcing(location: &str, announce: crate::Announce<'_>) -> Result<Self, StoreError> {
        let path = location.strip_prefix("sqlite://").or_else(|| location.strip_prefix("sqlite:")).unwrap_or(location);
        create_private(path)?;
        let options = SqliteConnectOptions::from_str("sqlite:")
            .map_err(|e| StoreError::Unavailable(e.to_string()))?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(30))
            .pragma("cache_size", "-262144")
            .pragma("temp_store", "memory");
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.clone())
            .await
            .map_err(|e| StoreError::Unavailable(format!("无法打开 SQLite 数据库 {path}：{e}")))?;
        let applied: Vec<i64> = sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success")
            .fetch_all(&writer)
            .await
            .unwrap_or_default();
        let pending = crate::pending_migrations(&MIGRATOR, &applied);
        if !pending.is_empty() {
            announce(&pending);
        }
        MIGRATOR.run(&writer).await?;
        Self::backfill_tree(&writer).await?;
        Self::backfill_audit(&writer).await?;
        let reader = SqlitePoolOptions::new().max_connections(4).connect_with(options).await?;
        // The write-ahead log and its index hold the same data as the file: readable by the owner only.
        for suffix in ["-wal", "-shm"] {
            restrict(&format!("{path}{suffix}"))?;
        }
        Ok(Self { writer, reader })
    }

    fn writer(&self) -> &SqlitePool {
        &self.writer
    }

    fn reader(&self) -> &SqlitePool {
        &self.reader
    }

    /// The connection pool for writes, for tests that tamper with rows directly.
    #[cfg(feature = "test-support")]
    pub fn raw_pool(&self) -> &SqlitePool {
        &self.writer
    }
}

impl_sql_store!(SqliteStore, Sqlite);
crate::ledger::impl_ledger!(SqliteStore, Sqlite);
crate::sql::impl_bound_bulk_writes!(SqliteStore, Sqlite);
crate::sql::accounts::impl_account_store!(SqliteStore, Sqlite);
crate::backup::impl_backup_store!(SqliteStore, Sqlite);
crate::search::impl_search_store!(SqliteStore, Sqlite);
crate::queues::impl_queue_store!(SqliteStore, Sqlite);
crate::notifications::impl_notification_store!(SqliteStore);
crate::portal::impl_portal_store!(SqliteStore, Sqlite);
crate::sql::audit::impl_audit_chain!(SqliteStore, Sqlite);
crate::sql::settings::impl_settings_store!(SqliteStore, Sqlite);

/// Creates the database file readable and writable by its owner only (0600), before SQLite
/// opens it: a court's cases are not for other accounts on the machine. An existing file keeps
/// its mode (an operator may have chosen a group).
fn create_private(path: &str) -> Result<(), StoreError> {
    if path.is_empty() || path == ":memory:" || std::path::Path::new(path).exists() {
        return Ok(());
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(StoreError::Unavailable(format!("无法创建 SQLite 数据库 {path}：{e}"))),
    }
}

/// Sets a file SQLite made beside the database to 0600, when it exists.
fn restrict(path: &str) -> Result<(), StoreError> {
    #[cfg(unix)]
    if let Ok(meta) = std::fs::metadata(path) {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
                .map_err(|e| StoreError::Unavailable(format!("无法设置 {path} 的权限：{e}")))?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

//! Test helpers: fresh databases on each backend and raw SQL for tampering tests.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::atomic::{AtomicU64, Ordering};

use sqlx::postgres::PgConnectOptions;

use crate::{PgStore, SqliteStore};

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn unique(prefix: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    format!("{prefix}_{}_{}_{}", std::process::id(), nanos % 1_000_000_000, n)
}

/// A fresh SQLite database in a temporary directory (kept until the process exits).
pub async fn sqlite() -> SqliteStore {
    let dir = std::env::temp_dir().join("docket-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{}.db", unique("t")));
    SqliteStore::open(path.to_str().unwrap()).await.unwrap()
}

/// The PostgreSQL URL for tests, from `DOCKET_TEST_PG_URL`; `None` skips PostgreSQL tests.
/// With `DOCKET_REQUIRE_PG=1` (CI sets it) a missing URL fails the test instead of skipping it.
pub fn pg_url() -> Option<String> {
    let url = std::env::var("DOCKET_TEST_PG_URL").ok().filter(|u| !u.is_empty());
    if url.is_none() && std::env::var("DOCKET_REQUIRE_PG").is_ok_and(|v| v == "1") {
        panic!("DOCKET_REQUIRE_PG=1 but DOCKET_TEST_PG_URL is not set");
    }
    url
}

/// A fresh PostgreSQL schema on the test server, or `None` when no server is configured.
/// A configured server that cannot be reached fails the test rather than skipping it.
pub async fn postgres() -> Option<PgStore> {
    let url = pg_url()?;
    let schema = unique("docket_t");
    let admin = sqlx::PgPool::connect(&url).await.expect("DOCKET_TEST_PG_URL is set but PostgreSQL is unreachable");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}"))).execute(&admin).await.unwrap();
    admin.close().await;
    let options: PgConnectOptions = url.parse().unwrap();
    let options = options.options([("search_path", schema.as_str())]);
    Some(PgStore::open_with(options).await.unwrap())
}

/// Raw SQL against a store, for tests that tamper with rows behind Docket's back.
pub trait RawSql {
    fn exec(&self, sql: &str) -> impl std::future::Future<Output = u64> + Send;
}

impl RawSql for SqliteStore {
    async fn exec(&self, sql: &str) -> u64 {
        sqlx::query(sqlx::AssertSqlSafe(sql.to_owned())).execute(self.raw_pool()).await.unwrap().rows_affected()
    }
}

impl RawSql for PgStore {
    async fn exec(&self, sql: &str) -> u64 {
        sqlx::query(sqlx::AssertSqlSafe(sql.to_owned())).execute(self.raw_pool()).await.unwrap().rows_affected()
    }
}

/// Runs each story — an `async fn` of the calling module taking what `$wrap` makes of a fresh
/// store — as a test on SQLite, and on PostgreSQL when `DOCKET_TEST_PG_URL` is set (a skipped
/// PostgreSQL test prints `skipped: DOCKET_TEST_PG_URL is not set`, which CI refuses).
///
/// `on_both_backends!(story, …)` passes the store itself;
/// `on_both_backends!(docket_app::Docket::new; story, …)` passes what the function makes of it.
#[macro_export]
macro_rules! on_both_backends {
    ($wrap:path; $($story:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $story() {
                    super::$story($wrap($crate::test_support::sqlite().await)).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $story() {
                    match $crate::test_support::postgres().await {
                        Some(store) => super::$story($wrap(store)).await,
                        None => eprintln!("skipped: DOCKET_TEST_PG_URL is not set"),
                    }
                }
            )*
        }
    };
    ($($story:ident),* $(,)?) => {
        $crate::on_both_backends!(::std::convert::identity; $($story),*);
    };
}

/// A new, empty PostgreSQL database on the test server (`DOCKET_TEST_PG_URL`), for tests that
/// run the command line against a URL of its own; `None` when PostgreSQL is not configured.
pub async fn fresh_pg_database() -> Option<String> {
    let url = pg_url()?;
    let name = unique("docket_db");
    let admin = sqlx::PgPool::connect(&url).await.expect("DOCKET_TEST_PG_URL is set but PostgreSQL is unreachable");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(&admin).await.unwrap();
    admin.close().await;
    let base = url.rsplit_once('/').map_or(url.as_str(), |(b, _)| b);
    Some(format!("{base}/{name}"))
}

/// An SQLite file made by running a dump (`sqlite3 .dump` text) — a database as an earlier
/// release left it, before this release's migrations.
pub async fn sqlite_file_from_dump(path: &std::path::Path, dump: &str) {
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(path).create_if_missing(true);
    let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(dump.to_owned())).execute(&pool).await.unwrap();
    pool.close().await;
}

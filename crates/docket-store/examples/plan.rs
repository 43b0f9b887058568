//! Prints SQLite's query plan and time for a statement, through the same SQLite build and
//! connection settings the server uses (the system `sqlite3` may plan differently).
//!
//! Usage: plan DB_PATH SQL [BIND ...]
#![allow(clippy::print_stdout)] // A diagnostic prints on stdout.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use sqlx::Row;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let store = docket_store::SqliteStore::open(&args[1]).await.unwrap();
    let pool = store.raw_pool();
    let bind = |sql: String| {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for b in &args[3..] {
            q = q.bind(b.replace("{MAX}", "\u{10FFFF}"));
        }
        q
    };
    for row in bind(format!("EXPLAIN QUERY PLAN {}", args[2])).fetch_all(pool).await.unwrap() {
        println!("{}", row.get::<String, _>(3));
    }
    for _ in 0..3 {
        let started = std::time::Instant::now();
        let rows = bind(args[2].clone()).fetch_all(pool).await.unwrap();
        println!("{} rows in {:?}", rows.len(), started.elapsed());
    }
}

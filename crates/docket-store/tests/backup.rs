//! A snapshot restores row for row into an empty store of either backend, and a store that is
//! not empty refuses it without writing anything.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use docket_store::backup::{NOT_BACKED_UP, TABLES};
use docket_store::conformance::{Snapshot, a_little_of_everything};
use docket_store::test_support::{postgres, sqlite};
use docket_store::{AccountStore, BackupStore, LedgerStore, NoProgress, Store, StoreError};

async fn round_trip<A: Store, B: Store>(from: A, into: B) {
    a_little_of_everything(&from).await;
    let snap = Snapshot::of(&from).await;
    for t in
        ["log", "evidence_blobs", "accounts", "audit_log", "checkpoints", "holiday_years", "settings", "tree_nodes"]
    {
        assert!(snap.rows.iter().any(|(table, _)| table.name == t), "the snapshot has {t}");
    }
    into.restore(&mut snap.source()).await.unwrap();
    let again = Snapshot::of(&into).await;
    assert_eq!(again.table_rows(), snap.table_rows(), "every row comes back as it was");
    assert_eq!(into.tree_size().await.unwrap(), from.tree_size().await.unwrap());
    let chain = into.audit_chain(&NoProgress).await.unwrap();
    assert!(chain.first_break.is_none() && chain.head_matches, "{chain:?}");
    assert!(into.account("u").await.unwrap().unwrap().disabled);
    // The restored store goes on: a new audit line continues the chain, a new filing continues
    // the 案号 counter.
    into.append_audit(vec![docket_store::AuditRow {
        id: 0,
        court: "内0203".into(),
        at: "2026-02-01T00:00:00Z".into(),
        username: "admin".into(),
        action: "login".into(),
        target: "admin".into(),
        detail: String::new(),
    }])
    .await
    .unwrap();
    assert!(into.audit_chain(&NoProgress).await.unwrap().head_matches);
    let (seq, _) = into
        .file_case(&docket_domain::CourtCode::parse("内0203").unwrap(), "民初", 2025, |seq| {
            Ok(docket_store::conformance::filing_batch(&docket_store::conformance::sample_case("内0203", seq)))
        })
        .await
        .unwrap();
    assert_eq!(seq, 3, "numbers continue after the restored ones");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_snapshot_restores_row_for_row_into_an_empty_sqlite_store() {
    round_trip(sqlite().await, sqlite().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_snapshot_from_sqlite_restores_into_postgres_and_back() {
    let Some(pg) = postgres().await else {
        eprintln!("skipped: DOCKET_TEST_PG_URL is not set");
        return;
    };
    round_trip(sqlite().await, pg).await;
    let Some(pg) = postgres().await else { return };
    round_trip(pg, sqlite().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_that_is_not_empty_refuses_a_restore_and_keeps_what_it_has() {
    let from = sqlite().await;
    a_little_of_everything(&from).await;
    let snap = Snapshot::of(&from).await;
    let into = sqlite().await;
    a_little_of_everything(&into).await;
    let before = Snapshot::of(&into).await;
    let err = into.restore(&mut snap.source()).await.unwrap_err();
    assert!(matches!(&err, StoreError::Conflict(m) if m.contains("不是空的")), "{err}");
    assert_eq!(Snapshot::of(&into).await.table_rows(), before.table_rows());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restore_that_fails_half_way_writes_nothing() {
    let from = sqlite().await;
    a_little_of_everything(&from).await;
    let mut snap = Snapshot::of(&from).await;
    // A second copy of the first log row: a duplicate key once the rows are in.
    let dup = snap.rows.iter().position(|(t, _)| t.name == "log").unwrap();
    let row = snap.rows[dup].clone();
    snap.rows.push(row);
    let into = sqlite().await;
    assert!(into.restore(&mut snap.source()).await.is_err());
    assert_eq!(into.log_count().await.unwrap(), 0);
    assert!(into.courts().await.unwrap().is_empty());
    assert!(into.accounts("内0203").await.unwrap().is_empty());
}

/// Every table and column of the migrated schema is in a backup, or deliberately left out.
#[tokio::test]
async fn backups_carry_every_table_and_column_of_the_schema() {
    let store = sqlite().await;
    let schema: BTreeSet<(String, String)> = sqlx::query_as(
        "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
    )
    .fetch_all(store.raw_pool())
    .await
    .unwrap()
    .into_iter()
    .filter(|(t, _): &(String, String)| !NOT_BACKED_UP.contains(&t.as_str()))
    .collect();
    let backed_up: BTreeSet<(String, String)> =
        TABLES.iter().flat_map(|t| t.columns.iter().map(|c| (t.name.to_owned(), c.0.to_owned()))).collect();
    assert_eq!(backed_up, schema);
    assert_eq!(store.schema_version().await.unwrap(), 15);
}

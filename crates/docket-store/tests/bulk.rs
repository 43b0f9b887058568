//! Bulk loads into a small SQLite database build the secondary indexes at the end of the
//! transaction. The schema afterwards is the migrated one, and a load that breaks the log's
//! unique position index is refused as a whole.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use docket_domain::{CaseNumber, CourtCode};
use docket_store::{Batch, EntryKind, NewEntry, NoProgress, SqliteStore, Store};

async fn indexes(store: &SqliteStore) -> BTreeSet<(String, String)> {
    sqlx::query_as("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
        .fetch_all(store.raw_pool())
        .await
        .unwrap()
        .into_iter()
        .collect()
}

/// `cases` cases of `per_case` entries each, in court 内0203; `duplicate` repeats one position.
fn batch(cases: u32, per_case: u32, duplicate: bool) -> Batch {
    let court = CourtCode::parse("内0203").unwrap();
    let mut batch = Batch::default();
    for n in 1..=cases {
        let case_no = CaseNumber::parse(&format!("（2025）内0203民初{n}号")).unwrap();
        for seq in 0..per_case {
            let seq = if duplicate && n == cases / 2 && seq == per_case - 1 { seq - 1 } else { seq };
            batch.entries.push(NewEntry {
                court: court.clone(),
                kind: if seq == 0 { EntryKind::Case } else { EntryKind::Event },
                case: Some((case_no.clone(), seq)),
                on: None,
                event_type: None,
                body: format!("{{\"n\":{n},\"seq\":{seq}}}"),
            });
        }
    }
    batch
}

#[tokio::test]
async fn a_bulk_load_leaves_exactly_the_indexes_the_migrations_create() {
    let store = docket_store::test_support::sqlite().await;
    let migrated = indexes(&store).await;
    assert!(migrated.iter().any(|(name, _)| name == "log_case_position"), "{migrated:?}");
    let receipt = store.commit(batch(5_000, 5, false), &NoProgress).await.unwrap();
    assert_eq!(receipt.entries, 25_000);
    assert_eq!(indexes(&store).await, migrated);
    // The rebuilt unique index still refuses a second writer at a taken position.
    let err = store.commit(batch(1, 1, false), &NoProgress).await.unwrap_err();
    assert!(err.to_string().contains("UNIQUE"), "{err}");
}

#[tokio::test]
async fn a_bulk_load_with_a_repeated_case_position_stores_nothing_and_keeps_the_indexes() {
    let store = docket_store::test_support::sqlite().await;
    let migrated = indexes(&store).await;
    let before = store.summary().await.unwrap();
    assert!(store.commit(batch(5_000, 5, true), &NoProgress).await.is_err());
    assert_eq!(store.summary().await.unwrap(), before);
    assert_eq!(indexes(&store).await, migrated);
}

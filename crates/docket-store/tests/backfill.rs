//! A database whose log predates the Merkle tree gets every entry as a leaf when it is opened:
//! simulated by emptying the tree of a populated SQLite file and marking it for backfill.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use docket_store::conformance::{filing_batch, sample_case};
use docket_store::{LedgerStore, NoProgress, SqliteStore, Store};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_log_older_than_the_tree_is_backfilled_at_open() {
    let dir = std::env::temp_dir().join(format!("docket-backfill-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("old.db");
    let path = path.to_str().unwrap();
    let store = SqliteStore::open(path).await.unwrap();
    for seq in 1..=5 {
        store.commit(filing_batch(&sample_case("内0203", seq)), &NoProgress).await.unwrap();
    }
    let before: Vec<Vec<u8>> = store.scan_leaves(None, 100).await.unwrap().into_iter().map(|l| l.hash).collect();
    for sql in ["DELETE FROM tree_leaves", "DELETE FROM tree_nodes", "UPDATE tree_head SET size = 0, backfill = TRUE"] {
        sqlx::query(sql).execute(store.raw_pool()).await.unwrap();
    }
    assert_eq!(store.tree_size().await.unwrap(), 0);
    drop(store);

    let store = SqliteStore::open(path).await.unwrap();
    assert_eq!(store.tree_size().await.unwrap(), 5);
    let after: Vec<Vec<u8>> = store.scan_leaves(None, 100).await.unwrap().into_iter().map(|l| l.hash).collect();
    assert_eq!(after, before, "the same leaves, in chain order");
    assert_eq!(store.tree_node_count().await.unwrap(), 3, "5 leaves complete 3 perfect subtrees above them");
    // Opening again does not add them twice.
    drop(store);
    assert_eq!(SqliteStore::open(path).await.unwrap().tree_size().await.unwrap(), 5);
    std::fs::remove_dir_all(&dir).ok();
}

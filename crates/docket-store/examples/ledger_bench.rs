//! Benchmark of the Merkle log (bench/ledger.sh runs it on SQLite and PostgreSQL):
//! 1. leaves appended per second with the tree kept current: log entries committed in batches of
//!    10,000, each commit writing its entries, their leaves and every perfect subtree they
//!    complete in one transaction; then single-entry commits (one transaction, one fsync each);
//! 2. proof generation at the final size: random inclusion proofs and consistency proofs, each
//!    the one query for its nodes plus the hashing, with p50/p99.
//!
//! Usage: ledger_bench DB_URL_OR_PATH LEAVES
#![allow(clippy::print_stdout)] // A benchmark reports on stdout.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use docket_domain::CourtCode;
use docket_store::{Batch, EntryKind, NewEntry, NoProgress, PgStore, SqliteStore, Store};
use docket_tlog::tree;

fn entry(court: &CourtCode, i: u64) -> NewEntry {
    NewEntry {
        court: court.clone(),
        kind: EntryKind::Event,
        case: None,
        on: None,
        event_type: None,
        // About the size of a real event line.
        body: format!(
            "{{\"kind\":\"event\",\"case_no\":\"（2026）内0203民初{i}号\",\"on\":\"2026-03-04\",\"type\":\"hearing_held\",\"n\":{i}}}"
        ),
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

async fn run<S: Store>(store: S, leaves: u64) {
    let courts: Vec<CourtCode> =
        ["内0203", "内0204", "内0205", "内0206"].iter().map(|c| CourtCode::parse(c).unwrap()).collect();
    let start_size = store.tree_size().await.unwrap();
    let mut appended = 0u64;
    let started = Instant::now();
    let mut last_report = Instant::now();
    while start_size + appended < leaves {
        let n = 10_000.min(leaves - start_size - appended);
        let entries = (0..n).map(|k| entry(&courts[((appended + k) % 4) as usize], appended + k)).collect();
        store.commit(Batch { entries, ..Batch::default() }, &NoProgress).await.unwrap();
        appended += n;
        if last_report.elapsed().as_secs() >= 30 {
            eprintln!("  {} leaves, {:.0}/s", start_size + appended, appended as f64 / started.elapsed().as_secs_f64());
            last_report = Instant::now();
        }
    }
    let secs = started.elapsed().as_secs_f64();
    if appended > 0 {
        println!(
            "bulk append: {appended} leaves in {secs:.1} s = {:.0} leaves/s (batches of 10,000, tree kept current)",
            appended as f64 / secs
        );
    }

    let singles = 500u64;
    let started = Instant::now();
    for k in 0..singles {
        store
            .commit(Batch { entries: vec![entry(&courts[0], 1_000_000_000 + k)], ..Batch::default() }, &NoProgress)
            .await
            .unwrap();
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "single-entry commits: {singles} in {secs:.2} s = {:.0} commits/s ({:.2} ms each, durable)",
        singles as f64 / secs,
        secs * 1000.0 / singles as f64
    );

    let size = store.tree_size().await.unwrap();
    let mut rng = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let root = {
        let nodes = tree::root_nodes(size);
        let hashes = store.tree_nodes(&nodes).await.unwrap();
        let map: std::collections::HashMap<_, _> = nodes.into_iter().zip(hashes).collect();
        tree::root(size, &mut |s| map[&s])
    };
    let mut inclusion = Vec::new();
    for _ in 0..2000 {
        let i = next() % size;
        let t = Instant::now();
        let needed = tree::inclusion_nodes(i, size).unwrap();
        let hashes = store.tree_nodes(&needed).await.unwrap();
        let map: std::collections::HashMap<_, _> = needed.into_iter().zip(hashes).collect();
        let proof = tree::inclusion_proof(i, size, &mut |s| map[&s]).unwrap();
        inclusion.push(t.elapsed().as_secs_f64() * 1000.0);
        let leaf = store.tree_nodes(&[tree::Subtree::leaf(i)]).await.unwrap()[0];
        tree::verify_inclusion(i, size, &leaf, &proof, &root).unwrap();
    }
    inclusion.sort_by(f64::total_cmp);
    println!(
        "inclusion proofs at {size} leaves: 2000 random, p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms (each verified)",
        percentile(&inclusion, 0.5),
        percentile(&inclusion, 0.99),
        inclusion[inclusion.len() - 1]
    );
    let mut consistency = Vec::new();
    for _ in 0..500 {
        let old = 1 + next() % size;
        let t = Instant::now();
        let needed = tree::consistency_nodes(old, size).unwrap();
        let hashes = store.tree_nodes(&needed).await.unwrap();
        let map: std::collections::HashMap<_, _> = needed.into_iter().zip(hashes).collect();
        let proof = tree::consistency_proof(old, size, &mut |s| map[&s]).unwrap();
        let old_root = tree::root(old, &mut |s| map[&s]);
        consistency.push(t.elapsed().as_secs_f64() * 1000.0);
        tree::verify_consistency(old, size, &old_root, &root, &proof).unwrap();
    }
    consistency.sort_by(f64::total_cmp);
    println!(
        "consistency proofs to {size} leaves: 500 random, p50 {:.3} ms, p99 {:.3} ms (each verified)",
        percentile(&consistency, 0.5),
        percentile(&consistency, 0.99)
    );
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (db, leaves) = (&args[1], args[2].parse::<u64>().unwrap());
    if db.starts_with("postgres://") {
        run(PgStore::open(db).await.unwrap(), leaves).await;
    } else {
        run(SqliteStore::open(db).await.unwrap(), leaves).await;
    }
}

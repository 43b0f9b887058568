//! Shared helpers for the app's integration tests: demo data and a test per backend.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use docket_app::{Docket, Quiet};
use docket_store::Store;

/// A small generated court system as interchange JSONL.
pub fn demo_jsonl(seed: u64, cases: usize, courts: usize) -> String {
    let cfg = docket_demo::Config { seed, cases, basic_courts: courts, ..docket_demo::Config::default() };
    docket_demo::generate(&cfg).iter().map(|r| docket_interchange::write_record(r) + "\n").collect()
}

pub async fn import<S: Store>(d: &Docket<S>, text: &str) -> Result<docket_app::ImportReport, docket_app::AppError> {
    d.import(text.as_bytes(), &Quiet).await
}

pub async fn export<S: Store>(d: &Docket<S>) -> String {
    let mut out = Vec::new();
    d.export(&mut out, &Quiet, None).await.unwrap();
    String::from_utf8(out).unwrap()
}

pub fn sorted_lines(s: &str) -> Vec<&str> {
    let mut v: Vec<&str> = s.lines().collect();
    v.sort_unstable();
    v
}

//! The indicator engine's work runs off the async workers: while one request computes, the
//! others on the same worker go on.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use common::system;

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn another_request_proceeds_while_the_engine_computes_on_the_only_worker() {
    let web = system(docket_store::test_support::sqlite().await, &[]).await;
    // The request runs as a task on the runtime's only worker (the test's own body does not).
    let request = tokio::spawn(async move {
        let other_ran = Arc::new(AtomicBool::new(false));
        let flag = other_ran.clone();
        // A task waiting for the one worker, as a second request would.
        let other = tokio::spawn(async move { flag.store(true, Ordering::SeqCst) });
        let seen = web.with_engine(|_engine| {
            // Holds the engine the way a long query does, until the other task has run (or 5 s).
            let start = Instant::now();
            while !other_ran.load(Ordering::SeqCst) && start.elapsed() < Duration::from_secs(5) {
                std::thread::sleep(Duration::from_millis(5));
            }
            other_ran.load(Ordering::SeqCst)
        });
        other.await.unwrap();
        seen.unwrap()
    });
    assert!(request.await.unwrap(), "the other task waited for the computation: the engine ran on the async worker");
}

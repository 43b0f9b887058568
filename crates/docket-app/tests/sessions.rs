//! Sessions end after 12 hours, or after 30 minutes unused; each use keeps an idle session alive.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use docket_app::{Docket, NewAccount, SESSION_IDLE_SECONDS, SESSION_SECONDS};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_unused_for_half_an_hour_ends_and_each_use_keeps_it_alive() {
    let d = Docket::new(docket_store::test_support::sqlite().await);
    import(&d, &demo_jsonl(3, 40, 1)).await.unwrap();
    d.add_account(
        NewAccount {
            username: "clerk1".into(),
            court: "内0203".into(),
            role: "clerk".into(),
            judge: None,
            name: Some("书记员".into()),
            password: "correct horse battery".into(),
        },
        None,
    )
    .await
    .unwrap();
    let t0 = 1_800_000_000;
    let opened = d.sign_in("clerk1", "correct horse battery", t0).await.unwrap();
    let token = opened.token.as_str();
    let minute = 60;
    // Used every 29 minutes for two hours: alive throughout.
    let mut t = t0;
    for _ in 0..4 {
        t += 29 * minute;
        assert!(d.session(token, t).await.unwrap().is_some(), "used at +{} min", (t - t0) / minute);
    }
    // Then left alone for 30 minutes: over.
    assert!(d.session(token, t + SESSION_IDLE_SECONDS).await.unwrap().is_none());
    // A fresh session in constant use still ends at 12 hours.
    let opened = d.sign_in("clerk1", "correct horse battery", t0).await.unwrap();
    let mut t = t0;
    while t + 20 * minute < t0 + SESSION_SECONDS {
        t += 20 * minute;
        assert!(d.session(&opened.token, t).await.unwrap().is_some());
    }
    assert!(d.session(&opened.token, t0 + SESSION_SECONDS).await.unwrap().is_none());
}

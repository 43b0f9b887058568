//! Sign-in limits hold under concurrency: attempts are reserved before the password is hashed,
//! so a burst of guesses cannot slip more checks past the per-account lock or the per-address
//! limit than they allow.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;

use axum::http::StatusCode;
use common::{COURTS, Client, PASSWORD, system_with, username};
use docket_store::Store;
use serde_json::json;

/// Password checks the audit log records (each failed check is one `login_failed` line).
async fn checked_failures<S: Store>(web: &docket_web::Web<S>) -> usize {
    let mut n = 0;
    for c in COURTS {
        n += web
            .docket
            .store()
            .audit_log(c, 10_000)
            .await
            .unwrap()
            .iter()
            .filter(|a| a.action == "login_failed")
            .count();
    }
    n
}

async fn eighteen_wrong_passwords_at_once_lock_the_account_after_five_checks<S: Store>(store: S) {
    let web = system_with(store, &[], 10_000).await;
    let client = Arc::new(Client::new(&web));
    let user = username("内0203", "clerk");
    let guesses = (0..18).map(|i| {
        let client = client.clone();
        let body = json!({ "username": user, "password": format!("wrong-{i}") });
        tokio::spawn(async move { client.post_json("/api/v1/auth/login", body).await.status })
    });
    let statuses: Vec<StatusCode> = futures::future::join_all(guesses).await.into_iter().map(|r| r.unwrap()).collect();
    assert!(statuses.iter().all(|s| *s == StatusCode::UNAUTHORIZED), "{statuses:?}");
    assert_eq!(checked_failures(&web).await, 5, "no more than five passwords checked");
    let right = client.post_json("/api/v1/auth/login", json!({ "username": user, "password": PASSWORD })).await;
    assert_eq!(right.status, StatusCode::UNAUTHORIZED, "the account locked: {}", right.body);
    let audit = web.docket.store().audit_log("内0203", 100).await.unwrap();
    assert!(audit.iter().any(|a| a.action == "login_locked" && a.target == user), "the audit log tells the lock");
}

async fn four_hundred_guesses_at_once_from_one_address_check_at_most_its_allowance<S: Store>(store: S) {
    let web = system_with(store, &[], 20).await;
    let client = Arc::new(Client::new(&web));
    let accounts: Vec<String> =
        COURTS.iter().flat_map(|c| ["clerk", "judge", "filing_clerk", "auditor"].map(|r| username(c, r))).collect();
    let guesses = (0..400).map(|i| {
        let client = client.clone();
        let body = json!({ "username": accounts[i % accounts.len()], "password": format!("guess-{i}") });
        tokio::spawn(async move { client.post_json("/api/v1/auth/login", body).await.status })
    });
    let statuses: Vec<StatusCode> = futures::future::join_all(guesses).await.into_iter().map(|r| r.unwrap()).collect();
    let limited = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    let checked = checked_failures(&web).await;
    assert!(checked <= 20, "{checked} passwords checked against an allowance of 20 per address");
    assert_eq!(limited, 400 - checked, "every guess not checked was refused as too many");
}

docket_store::on_both_backends!(
    eighteen_wrong_passwords_at_once_lock_the_account_after_five_checks,
    four_hundred_guesses_at_once_from_one_address_check_at_most_its_allowance,
);

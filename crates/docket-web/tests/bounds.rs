//! Requests are bounded: an indicator query over centuries or with more figures than an answer
//! may hold is refused with 400 and a Chinese message naming the limit, on the API and the page.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{Client, PASSWORD, case_line, system, username};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_indicator_query_past_its_limits_is_a_400_naming_the_limit() {
    let (_, line) = case_line("内0203", "民初", 1, false);
    let web = system(docket_store::test_support::sqlite().await, &[line]).await;
    let mut tm = Client::new(&web);
    tm.sign_in(&username("内", "trial_management"), PASSWORD).await;
    for to in ["5000-12-31", "9999-12-31"] {
        let r = tm.get(&format!("/api/v1/metrics?court=%E5%86%85&rollup=true&from=2020-01-01&to={to}&by=month")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
        assert_eq!(r.json()["error"]["code"], "bad_request");
        assert!(r.json()["error"]["message"].as_str().unwrap().contains("2199"), "{}", r.body);
        let page = tm.get(&format!("/metrics?court=%E5%86%85&rollup=true&from=2020-01-01&to={to}&by=month")).await;
        assert!(page.body.contains("统计期间无效"), "the page says why: {}", page.status);
    }
    let r = tm.get("/api/v1/metrics?court=%E5%86%85&rollup=true&from=1990-01-01&to=2025-12-31").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.json()["error"]["message"].as_str().unwrap().contains("超过 20 年"), "{}", r.body);
    // Twenty years by month and judge: 240 months × 16 judges × 59 indicators is more figures
    // than one answer holds.
    let r = tm.get("/api/v1/metrics?court=%E5%86%85&rollup=true&from=2006-01-01&to=2025-12-31&by=month,judge").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert!(r.json()["error"]["message"].as_str().unwrap().contains("查询过大"), "{}", r.body);
    // Within the limits it answers.
    let r = tm.get("/api/v1/metrics?court=%E5%86%85&rollup=true&from=2025-01-01&to=2025-12-31&by=month").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_judge_in_a_list_is_refused_and_never_cached() {
    let web = system(docket_store::test_support::sqlite().await, &[]).await;
    let mut head = Client::new(&web);
    head.sign_in(&username("内0203", "division_head"), PASSWORD).await;
    let before = web.cached_views();
    for i in 0..50 {
        let r = head.get(&format!("/cases?alert=overdue&judge=x{i}")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
        assert!(r.body.contains("judge"), "the page names the parameter");
    }
    assert_eq!(web.cached_views(), before, "refused values leave nothing in the cache");
    assert_eq!(head.get("/cases?alert=overdue&judge=J1").await.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_view_cache_keeps_at_most_its_capacity() {
    let store = docket_store::test_support::sqlite().await;
    let web = common::system_with_options(store, &[], |o| o.cache_entries = Some(3)).await;
    let mut users = Vec::new();
    for court in common::COURTS {
        let mut c = Client::new(&web);
        c.sign_in(&username(court, "president"), PASSWORD).await;
        users.push(c);
    }
    for (i, c) in users.iter().enumerate() {
        assert_eq!(c.get("/").await.status, StatusCode::OK);
        assert!(web.cached_views() <= 3, "after {} courts' 首页: {} views", i + 1, web.cached_views());
    }
    assert_eq!(web.cached_views(), 3);
}

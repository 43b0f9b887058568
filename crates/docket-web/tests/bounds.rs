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
    // Twenty years by month and judge: 240 months × 16 judges × 47 indicators is more figures
    // than one answer holds.
    let r = tm.get("/api/v1/metrics?court=%E5%86%85&rollup=true&from=2006-01-01&to=2025-12-31&by=month,judge").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert!(r.json()["error"]["message"].as_str().unwrap().contains("查询过大"), "{}", r.body);
    // Within the limits it answers.
    let r = tm.get("/api/v1/metrics?court=%E5%86%85&rollup=true&from=2025-01-01&to=2025-12-31&by=month").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

//! Defence in depth around every request: cross-site state changes refused (sign-in included),
//! no personal page cached anywhere, the API's refusals in its JSON shape, and the client's
//! address behind a trusted proxy.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use common::{Client, PASSWORD, system, system_with_options, username};
use http_body_util::BodyExt;
use serde_json::json;
use tower::ServiceExt;

async fn send(app: &axum::Router, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, String) {
    let res = app.clone().oneshot(req).await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    let body = String::from_utf8_lossy(&res.into_body().collect().await.unwrap().to_bytes()).into_owned();
    (status, headers, body)
}

fn login(extra: &[(&str, &str)]) -> Request<Body> {
    let mut req = Request::post("/api/v1/auth/login")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::HOST, "court.example");
    for (k, v) in extra {
        req = req.header(*k, *v);
    }
    let body = json!({ "username": username("内0203", "clerk"), "password": PASSWORD }).to_string();
    req.body(Body::from(body)).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_state_change_from_another_site_is_refused_sign_in_included() {
    let web = system(docket_store::test_support::sqlite().await, &[]).await;
    let app = docket_web::router(web.clone());
    let (status, _, body) = send(&app, login(&[("origin", "https://evil.example")])).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body.contains("其他网站"), "{body}");
    assert_eq!(send(&app, login(&[("sec-fetch-site", "cross-site")])).await.0, StatusCode::FORBIDDEN);
    assert_eq!(send(&app, login(&[("origin", "null")])).await.0, StatusCode::FORBIDDEN);
    // The same site (a browser's own form or script) and clients that send neither header pass.
    assert_eq!(
        send(&app, login(&[("origin", "https://court.example"), ("sec-fetch-site", "same-origin")])).await.0,
        StatusCode::OK
    );
    assert_eq!(send(&app, login(&[])).await.0, StatusCode::OK);
    // A page form posted from elsewhere is refused as a page.
    let mut clerk = Client::new(&web);
    clerk.sign_in(&username("内0203", "clerk"), PASSWORD).await;
    let req = Request::post("/logout")
        .header(header::COOKIE, clerk.cookie.clone().unwrap())
        .header(header::HOST, "court.example")
        .header("origin", "https://evil.example")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!("csrf={}", clerk.csrf)))
        .unwrap();
    let (status, headers, _) = send(&app, req).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(headers.get(header::CONTENT_TYPE).unwrap().to_str().unwrap().starts_with("text/html"));
    assert_eq!(clerk.get("/api/v1/me").await.status, StatusCode::OK, "the session was not ended");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_and_answers_are_not_cached_but_the_stylesheet_may_be() {
    let web = system(docket_store::test_support::sqlite().await, &[]).await;
    let app = docket_web::router(web.clone());
    let mut judge = Client::new(&web);
    judge.sign_in(&username("内0203", "judge"), PASSWORD).await;
    for path in ["/my", "/api/v1/me", "/login"] {
        let req = Request::get(path).header(header::COOKIE, judge.cookie.clone().unwrap()).body(Body::empty()).unwrap();
        let (_, headers, _) = send(&app, req).await;
        assert_eq!(headers.get(header::CACHE_CONTROL).map(|v| v.to_str().unwrap()), Some("no-store"), "{path}");
    }
    let (_, headers, _) = send(&app, Request::get("/static/app.css").body(Body::empty()).unwrap()).await;
    assert!(headers.get(header::CACHE_CONTROL).is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_frameworks_refusals_on_the_api_come_in_the_json_error_shape() {
    let web = system(docket_store::test_support::sqlite().await, &[]).await;
    let app = docket_web::router(web);
    let cases = [
        ("application/json", "{not json", StatusCode::BAD_REQUEST),
        ("text/plain", "{}", StatusCode::UNSUPPORTED_MEDIA_TYPE),
    ];
    for (content_type, body, status) in cases {
        let req = Request::post("/api/v1/auth/login")
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
            .unwrap();
        let (got, headers, text) = send(&app, req).await;
        assert_eq!(got, status, "{text}");
        assert!(headers.get(header::CONTENT_TYPE).unwrap().to_str().unwrap().starts_with("application/json"));
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(
            v["error"]["message"].as_str().unwrap().chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{text}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_trusted_proxy_the_forwarded_client_is_limited_not_the_proxy() {
    let proxy: SocketAddr = "10.0.0.5:40000".parse().unwrap();
    let web = system_with_options(docket_store::test_support::sqlite().await, &[], |o| {
        o.sign_in_attempts = Some(2);
        o.trusted_proxies = vec![proxy.ip()];
    })
    .await;
    let app = docket_web::router(web);
    let guess = |client: &str| {
        let mut req = Request::post("/api/v1/auth/login")
            .header(header::CONTENT_TYPE, "application/json")
            .header("x-forwarded-for", format!("203.0.113.9, {client}"))
            .body(Body::from(json!({ "username": "nobody", "password": "x" }).to_string()))
            .unwrap();
        req.extensions_mut().insert(ConnectInfo(proxy));
        req
    };
    // Two failures from one client behind the proxy use its allowance; another client still has its own.
    assert_eq!(send(&app, guess("192.0.2.1")).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(send(&app, guess("192.0.2.1")).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(send(&app, guess("192.0.2.1")).await.0, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(send(&app, guess("192.0.2.2")).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operators_see_health_and_request_counts_by_route_never_a_case() {
    let (case_no, line) = common::case_line("内0203", "民初", 1, false);
    let store = docket_store::test_support::sqlite().await;
    let web = system(store.clone(), &[line]).await;
    let mut judge = Client::new(&web);
    judge.sign_in(&username("内0203", "president"), PASSWORD).await;
    assert_eq!(judge.get(&format!("/cases/{}", common::enc(&case_no))).await.status, StatusCode::OK);
    let anon = Client::new(&web);
    let health = anon.get("/healthz").await;
    assert_eq!(health.status, StatusCode::OK);
    assert_eq!(health.json()["status"], "ok");
    assert!(health.json()["log_size"].as_u64().unwrap() > 0);
    let metrics = anon.get("/ops/metrics").await.body;
    assert!(
        metrics.contains("docket_requests_total{method=\"GET\",route=\"/cases/{case_no}\",status=\"200\"} 1"),
        "{metrics}"
    );
    assert!(metrics.contains("docket_engine_cases 1") && metrics.contains("docket_cached_views"), "{metrics}");
    assert!(!metrics.contains("内0203民初"), "no case number in the metrics");
    // The database gone: 503.
    use docket_store::test_support::RawSql;
    store.exec("ALTER TABLE tree_head RENAME TO tree_head_gone").await;
    assert_eq!(anon.get("/healthz").await.status, StatusCode::SERVICE_UNAVAILABLE);
}

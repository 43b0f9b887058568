//! The OpenAPI document describes every route under `/api/v1` with each of its methods, and
//! nothing the router does not serve.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;

use common::{Client, system};

/// (method, path) of every `/api/v1` route in the router's source.
fn routed() -> BTreeSet<(String, String)> {
    let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/routes.rs")).unwrap();
    let mut out = BTreeSet::new();
    // A `.route("PATH", get(…).post(…))` may span lines: read from each `.route(` to the next.
    for chunk in src.split(".route(").skip(1) {
        let Some(path) = chunk.trim_start().strip_prefix('"').and_then(|c| c.split('"').next()) else { continue };
        if !path.starts_with("/api/v1") {
            continue;
        }
        let handlers = chunk.split("\n        .").next().unwrap_or(chunk);
        for method in ["get", "post", "put", "patch", "delete"] {
            if handlers.contains(&format!("{method}(")) {
                out.insert((method.to_owned(), path.to_owned()));
            }
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_api_route_and_method_is_in_the_openapi_document() {
    let routes = routed();
    assert!(routes.len() >= 18, "the router's source was not read: {routes:?}");
    let web = system(docket_store::test_support::sqlite().await, &[]).await;
    let doc = Client::new(&web).get("/api/openapi.json").await.json();
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            documented.insert((method.clone(), path.clone()));
        }
    }
    let missing: Vec<_> = routes.difference(&documented).collect();
    assert!(missing.is_empty(), "routes the OpenAPI document does not describe: {missing:?}");
    let extra: Vec<_> =
        documented.iter().filter(|(_, p)| p.starts_with("/api/v1")).filter(|r| !routes.contains(r)).collect();
    assert!(extra.is_empty(), "documented routes the router does not serve: {extra:?}");
}

/// The session cookie is the documented security scheme, and every status the server answers
/// an operation with in the common cases is documented with the error shape: a request that
/// cannot be read (400), no session (401), a body too large or of another type (413, 415), a
/// database away (503). What the server answers is checked against it here for two of them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_document_names_its_security_scheme_and_the_errors_every_operation_may_answer() {
    let web = system(docket_store::test_support::sqlite().await, &[]).await;
    let anon = Client::new(&web);
    let doc = anon.get("/api/openapi.json").await.json();
    assert_eq!(doc["components"]["securitySchemes"]["session"]["in"], "cookie");
    assert_eq!(doc["components"]["securitySchemes"]["session"]["name"], "docket_session");
    assert_eq!(doc["security"][0]["session"], serde_json::json!([]));
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let responses = op["responses"].as_object().unwrap();
            let mut needed = vec!["400", "503"];
            if path != "/api/v1/auth/login" {
                needed.push("401");
            }
            if op.get("requestBody").is_some() {
                needed.extend(["413", "415", "422"]);
            }
            for code in needed {
                let r = &responses.get(code).unwrap_or_else(|| panic!("{method} {path} lacks {code}"));
                assert!(r.get("description").is_some(), "{method} {path} {code}");
            }
        }
    }
    assert_eq!(
        doc["paths"]["/api/v1/auth/login"]["post"]["security"],
        serde_json::json!([]),
        "signing in needs no session"
    );

    // Two of them, as the server answers: 415 for a body of another type, 400 for a bad limit.
    let mut clerk = Client::new(&web);
    clerk.sign_in(&common::username("内0203", "filing_clerk"), common::PASSWORD).await;
    let r = clerk.post_raw("/api/v1/cases", "text/plain", "x").await;
    assert_eq!(r.status, axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(r.json()["error"]["code"].is_string());
    for bad in ["/api/v1/cases?limit=0", "/api/v1/cases?limit=501", "/api/v1/cases?offset=-1"] {
        let r = clerk.get(bad).await;
        assert_eq!(r.status, axum::http::StatusCode::BAD_REQUEST, "{bad}: {}", r.body);
        assert!(r.json()["error"]["message"].as_str().unwrap().contains("参数"), "{bad}");
    }
}

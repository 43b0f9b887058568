//! The OpenAPI document describes every route under `/api/v1` with each of its methods, and
//! nothing the router does not serve.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;

use common::{Client, system};

/// (method, path) of every `/api/v1` route in the router's source.
fn routed() -> BTreeSet<(String, String)> {
    let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/lib.rs")).unwrap();
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

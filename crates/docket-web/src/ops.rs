//! For operators: `/healthz` (the database answers, the log's size and its latest checkpoint) and
//! `/ops/metrics` in the Prometheus text format — requests and their latencies by route, the view
//! cache, the indicator engine's size (`/metrics` is the 质效分析 page). Neither needs a session;
//! both say nothing about a case.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::Json;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use docket_store::Store;
use serde_json::json;

use crate::Web;

/// Latency bucket bounds, in seconds.
const BUCKETS: [f64; 10] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

/// Method, route pattern and status class.
type RouteKey = (String, String, u16);
/// Count, total seconds, and the latency histogram's cumulative buckets.
type RouteFigures = (u64, f64, [u64; BUCKETS.len()]);

/// Requests by (method, route, status class).
#[derive(Default)]
pub struct RequestStats {
    by_route: Mutex<BTreeMap<RouteKey, RouteFigures>>,
}

impl RequestStats {
    fn record(&self, method: &str, route: &str, status: u16, seconds: f64) {
        if let Ok(mut m) = self.by_route.lock() {
            let e = m.entry((method.to_owned(), route.to_owned(), status / 100 * 100)).or_default();
            e.0 += 1;
            e.1 += seconds;
            for (i, bound) in BUCKETS.iter().enumerate() {
                if seconds <= *bound {
                    e.2[i] += 1;
                }
            }
        }
    }
}

/// Counts each routed request by its route pattern (never the case number in it).
pub async fn track<S: Store>(State(web): State<Arc<Web<S>>>, request: Request, next: Next) -> Response {
    let method = request.method().as_str().to_owned();
    let route = request.extensions().get::<MatchedPath>().map_or("other", |m| m.as_str()).to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    web.stats.record(&method, &route, response.status().as_u16(), started.elapsed().as_secs_f64());
    response
}

/// `GET /healthz`: 200 when the database answers, with the log's size and latest checkpoint;
/// 503 when it does not.
pub async fn healthz<S: Store>(State(web): State<Arc<Web<S>>>) -> Response {
    let store = web.docket.store();
    match (store.tree_size().await, store.latest_checkpoint().await) {
        (Ok(size), Ok(checkpoint)) => Json(json!({
            "status": "ok",
            "database": store.backend(),
            "log_size": size,
            "checkpoint_size": checkpoint.map(|c| c.size),
        }))
        .into_response(),
        (Err(e), _) | (_, Err(e)) => {
            tracing::error!(cause = %crate::error::chain(&e), "健康检查：数据库无法访问");
            (StatusCode::SERVICE_UNAVAILABLE, Json(json!({ "status": "unavailable", "database": store.backend() })))
                .into_response()
        }
    }
}

/// `GET /ops/metrics`: the Prometheus text exposition.
pub async fn metrics<S: Store>(State(web): State<Arc<Web<S>>>) -> Response {
    let mut out = String::new();
    let _ = writeln!(out, "# HELP docket_requests_total Requests answered, by route and status class.");
    let _ = writeln!(out, "# TYPE docket_requests_total counter");
    let stats: Vec<_> =
        web.stats.by_route.lock().map(|m| m.iter().map(|(k, v)| (k.clone(), *v)).collect()).unwrap_or_default();
    for ((method, route, status), (count, _, _)) in &stats {
        let _ =
            writeln!(out, "docket_requests_total{{method=\"{method}\",route=\"{route}\",status=\"{status}\"}} {count}");
    }
    let _ = writeln!(out, "# HELP docket_request_duration_seconds Time to answer, by route.");
    let _ = writeln!(out, "# TYPE docket_request_duration_seconds histogram");
    for ((method, route, status), (count, sum, buckets)) in &stats {
        let labels = format!("method=\"{method}\",route=\"{route}\",status=\"{status}\"");
        for (bound, n) in BUCKETS.iter().zip(buckets) {
            let _ = writeln!(out, "docket_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {n}");
        }
        let _ = writeln!(out, "docket_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {count}");
        let _ = writeln!(out, "docket_request_duration_seconds_sum{{{labels}}} {sum}");
        let _ = writeln!(out, "docket_request_duration_seconds_count{{{labels}}} {count}");
    }
    let _ = writeln!(out, "# HELP docket_cached_views Views held by the page cache.");
    let _ = writeln!(out, "# TYPE docket_cached_views gauge");
    let _ = writeln!(out, "docket_cached_views {}", web.cached_views());
    if let Ok((cases, cube)) = web.with_engine(|e| (e.table().len(), e.cube_bytes())) {
        let _ = writeln!(out, "# HELP docket_engine_cases Cases in the indicator engine's fact table.");
        let _ = writeln!(out, "# TYPE docket_engine_cases gauge");
        let _ = writeln!(out, "docket_engine_cases {cases}");
        let _ = writeln!(out, "# HELP docket_engine_cube_bytes Memory of the indicator engine's month cube.");
        let _ = writeln!(out, "# TYPE docket_engine_cube_bytes gauge");
        let _ = writeln!(out, "docket_engine_cube_bytes {cube}");
    }
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], out).into_response()
}

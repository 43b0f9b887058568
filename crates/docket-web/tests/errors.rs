//! Failures on the server's side: the user is told in Chinese and in few words, the log gets the
//! whole cause chain down to the database driver's error, and an unreachable database is a 503.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use common::{Client, PASSWORD, case_line, system, username};
use docket_store::test_support::RawSql;

/// The log lines written while a test runs.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_database_failure_on_a_page_shows_a_chinese_message_and_logs_the_driver_error() {
    let log = Captured::default();
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt().with_ansi(false).with_writer(move || writer.clone()).finish();
    // The router runs on this thread (a current-thread runtime), so the default subscriber sees it.
    let _guard = tracing::subscriber::set_default(subscriber);

    let store = docket_store::test_support::sqlite().await;
    let (case_no, line) = case_line("内0203", "民初", 1, false);
    let web = system(store.clone(), &[line]).await;
    let mut judge = Client::new(&web);
    judge.sign_in(&username("内0203", "president"), PASSWORD).await;
    let path = format!("/cases/{}", common::enc(&case_no));
    assert_eq!(judge.get(&path).await.status, StatusCode::OK);

    // The parties table vanishes behind the server's back: the case page can no longer be read.
    store.exec("ALTER TABLE parties RENAME TO parties_gone").await;
    let page = judge.get(&path).await;
    assert_eq!(page.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(page.body.contains("服务器内部错误"), "{}", page.body);
    assert!(!page.body.contains("no such table"), "the driver's words stay in the log: {}", page.body);
    let api = judge.get(&format!("/api/v1/cases/{}", common::enc(&case_no))).await;
    assert_eq!(
        (api.status, api.json()["error"]["code"].as_str()),
        (StatusCode::INTERNAL_SERVER_ERROR, Some("internal"))
    );
    assert!(!api.body.contains("parties"), "{}", api.body);

    let text = log.text();
    let line =
        text.lines().find(|l| l.contains("请求失败") && l.contains("/cases/")).unwrap_or_else(|| panic!("{text}"));
    // The chain: what failed, the store's error, and the driver's own message.
    assert!(
        line.contains("数据库操作") && line.contains("数据库错误") && line.contains("no such table: parties"),
        "{line}"
    );
    assert!(line.contains("request") && line.contains("GET"), "the line is inside the request's span: {line}");
}

#[tokio::test(flavor = "current_thread")]
async fn an_unreachable_database_is_a_503_not_a_500() {
    let e = docket_web::WebError::from(docket_app::AppError::Store(docket_store::StoreError::Unavailable(
        "pool timed out".into(),
    )));
    assert_eq!(e.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(e.message().contains("数据库暂时无法访问"), "{}", e.message());
    assert!(!e.message().contains("pool"));
    assert!(e.detail().contains("pool timed out"), "{}", e.detail());
    let missing =
        docket_web::WebError::from(docket_app::AppError::Store(docket_store::StoreError::NotFound("x".into())));
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

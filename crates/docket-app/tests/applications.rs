//! 网上立案 records through import: a good history imports, exports back unchanged and verifies;
//! a bad one is refused whole, each line named with its field, and nothing is stored.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use docket_app::{AppError, Docket, Quiet};
use docket_store::Store;

const COURTS: &str = r#"{"kind":"court","code":"内02","name":"包头市中级人民法院","level":"intermediate","parent":null}
{"kind":"court","code":"内0203","name":"包头市昆都仑区人民法院","level":"basic","parent":"内02"}
{"kind":"case","court":"内0203","case_no":"（2026）内0203民初88号","type":"民初","procedure":"simple","cause":"民间借贷纠纷","received_on":"2026-12-04","filed_on":"2026-12-05","online":true,"claim_amount":"50000.00","tags":[],"origin":null,"sealed":false,"parties":[{"role":"plaintiff","kind":"person","name":"张三","id_number":"150203199001011232"},{"role":"defendant","kind":"person","name":"李四"}]}"#;

fn application(no: &str) -> String {
    format!(
        r#"{{"kind":"filing_application","court":"内0203","no":"{no}","received_on":"2026-12-01","claim":"civil","type":"民初","cause":"民间借贷纠纷","claim_amount":"50000.00","applicant":{{"kind":"party","name":"张三","id_number":"150203199001011232"}},"parties":[{{"role":"plaintiff","kind":"person","name":"张三","id_number":"150203199001011232"}},{{"role":"defendant","kind":"person","name":"李四"}}],"requests":"请求判令被告偿还借款五万元。"}}"#
    )
}

fn step(no: &str, on: &str, rest: &str) -> String {
    format!(r#"{{"kind":"filing_application_event","court":"内0203","no":"{no}","on":"{on}",{rest}}}"#)
}

async fn story<S: Store>(store: S) {
    let d = Docket::new(store);
    let good = [
        COURTS.to_owned(),
        application("2026-网立-1"),
        step("2026-网立-1", "2026-12-02", r#""type":"correction_requested","missing":"借条照片","by":"2026-12-09""#),
        step("2026-网立-1", "2026-12-04", r#""type":"corrected""#),
        step("2026-网立-1", "2026-12-05", r#""type":"accepted","case_no":"（2026）内0203民初88号""#),
        application("2026-网立-2"),
        step("2026-网立-2", "2026-12-03", r#""type":"refused","reason":"不属于本院管辖""#),
    ]
    .join("\n");
    import(&d, &good).await.unwrap();
    let register = d.register().await.unwrap();
    assert_eq!(register.applications.len(), 2);
    let filed = &register.applications[&(docket_domain::CourtCode::parse("内0203").unwrap(), "2026-网立-1".to_owned())];
    assert_eq!(filed.complete_on().to_string(), "2026-12-04", "complete when corrected");
    let exported = export(&d).await;
    for line in good.lines().skip(3) {
        assert!(exported.contains(line), "exported back unchanged: {line}");
    }
    assert!(d.verify(&Quiet).await.unwrap().is_intact());

    // Bad lines: each named, nothing stored.
    let before = export(&d).await;
    let bad = [
        step("2026-网立-9", "2026-12-06", r#""type":"corrected""#),
        step("2026-网立-2", "2026-12-06", r#""type":"accepted","case_no":"（2026）内0203民初88号""#),
        application("2026-网立-1"),
        application("2026-网立-3").replace("150203199001011232\"},\"parties", "150203199001011233\"},\"parties"),
        step("2026-网立-3", "2026-12-06", r#""type":"refused""#),
    ]
    .join("\n");
    let Err(AppError::Import(errors)) = import(&d, &bad).await else { panic!("refused") };
    let said: Vec<String> = errors.iter().map(ToString::to_string).collect();
    for expected in ["line 1: no:", "line 2: type:", "line 3: no:", "line 4: applicant.id_number:", "line 5: reason:"] {
        assert!(said.iter().any(|e| e.starts_with(expected)), "{expected} in {said:?}");
    }
    assert_eq!(export(&d).await, before, "nothing stored");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn applications_import_export_and_verify_and_bad_lines_are_named_on_sqlite() {
    story(docket_store::test_support::sqlite().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn applications_import_export_and_verify_and_bad_lines_are_named_on_postgres() {
    match docket_store::test_support::postgres().await {
        Some(store) => story(store).await,
        None => eprintln!("skipped: DOCKET_TEST_PG_URL is not set"),
    }
}

//! Electronic service and fee payments in the interchange: the party a service names, the view
//! of a served document (`service_viewed`) and a payment's reference, read, checked and written
//! back unchanged.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use docket_domain::EventKind;
use docket_interchange::{Record, parse_line, write_record};

const HASH: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

fn errors(line: &str) -> Vec<String> {
    parse_line(3, line).unwrap_err().iter().map(ToString::to_string).collect()
}

#[test]
fn a_service_names_its_party_and_writes_it_back() {
    let line = format!(
        r#"{{"kind":"event","case_no":"（2025）内0203民初1号","on":"2025-05-01","type":"service_attempted","channel":"electronic","delivered":true,"document":"{HASH}","receipt_at":"2025-05-01T10:15:00+08:00","party":"张三"}}"#
    );
    let record = parse_line(1, &line).unwrap();
    let Record::Event(e) = &record else { panic!("an event") };
    let EventKind::ServiceAttempted { party, .. } = &e.event.kind else { panic!("a service") };
    assert_eq!(party.as_deref(), Some("张三"));
    assert_eq!(parse_line(1, &write_record(&record)).unwrap(), record);
}

#[test]
fn a_view_keeps_its_document_and_moment_and_needs_both() {
    let base = r#"{"kind":"event","case_no":"（2025）内0203民初1号","on":"2025-05-02","type":"service_viewed""#;
    let line = format!(r#"{base},"document":"{HASH}","viewed_at":"2025-05-02T09:03:41+08:00","party":"张三"}}"#);
    let record = parse_line(1, &line).unwrap();
    let Record::Event(e) = &record else { panic!("an event") };
    let EventKind::ServiceViewed { document, viewed_at, party } = &e.event.kind else { panic!("a view") };
    assert_eq!(document, HASH);
    assert_eq!(viewed_at.to_rfc3339(), "2025-05-02T09:03:41+08:00");
    assert_eq!(party.as_deref(), Some("张三"));
    let written = write_record(&record);
    assert!(written.contains(r#""viewed_at":"2025-05-02T09:03:41+08:00""#), "{written}");
    assert_eq!(parse_line(1, &written).unwrap(), record);

    let no_doc = format!(r#"{base},"viewed_at":"2025-05-02T09:03:41+08:00"}}"#);
    assert!(errors(&no_doc).iter().any(|e| e.starts_with("line 3: document:")), "{:?}", errors(&no_doc));
    let no_time = format!(r#"{base},"document":"{HASH}"}}"#);
    assert!(errors(&no_time).iter().any(|e| e.starts_with("line 3: viewed_at:")), "{:?}", errors(&no_time));
    let no_zone = format!(r#"{base},"document":"{HASH}","viewed_at":"2025-05-02 09:03"}}"#);
    assert!(errors(&no_zone).iter().any(|e| e.contains("viewed_at") && e.contains("时区")), "{:?}", errors(&no_zone));
}

#[test]
fn a_fee_payment_keeps_the_finance_offices_reference() {
    let base = r#"{"kind":"event","case_no":"（2025）内0203民初1号","on":"2025-05-02","type":"fee_paid","amount":"525.00","online":true"#;
    let line = format!(r#"{base},"reference":"NM2025050200017"}}"#);
    let record = parse_line(1, &line).unwrap();
    let Record::Event(e) = &record else { panic!("an event") };
    let EventKind::FeePaid { reference, .. } = &e.event.kind else { panic!("a payment") };
    assert_eq!(reference.as_deref(), Some("NM2025050200017"));
    assert_eq!(write_record(&record), line, "written back byte for byte");
    assert!(!write_record(&parse_line(1, &format!("{base}}}")).unwrap()).contains("reference"));
    let long = format!(r#"{base},"reference":"{}"}}"#, "9".repeat(65));
    assert!(errors(&long).iter().any(|e| e.starts_with("line 3: reference:")), "{:?}", errors(&long));
}

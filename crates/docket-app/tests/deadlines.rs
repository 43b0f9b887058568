//! 审限 over stored data: `due` lists exactly the open cases whose deadline falls within the
//! window, in deadline order, agreeing with the derived export computed by full replay.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::NaiveDate;
use common::*;
use docket_app::{Docket, Quiet};
use docket_store::{CaseFilter, Store};

async fn due_lists_exactly_the_cases_due_in_deadline_order<S: Store>(d: Docket<S>) {
    import(&d, &demo_jsonl(5, 500, 2)).await.unwrap();
    let as_of: NaiveDate = "2026-06-30".parse().unwrap();
    let within = 30;
    let due = d.due(&CaseFilter::default(), as_of, within).await.unwrap();
    assert!(due.len() >= 3, "the demo should have cases due: {}", due.len());
    assert!(due.windows(2).all(|w| w[0].days_left <= w[1].days_left), "not in deadline order");

    // The same question answered from the derived export.
    let mut out = Vec::new();
    d.export(&mut out, &Quiet, Some(as_of)).await.unwrap();
    let mut expected: Vec<String> = String::from_utf8(out)
        .unwrap()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["kind"] == "case" && v["derived"]["status"] != "closed" && !v["derived"].is_null())
        .filter(|v| {
            v["derived"]["deadline_on"].as_str().is_some_and(|dl| {
                let dl: NaiveDate = dl.parse().unwrap();
                (dl - as_of).num_days() <= within
            })
        })
        .map(|v| v["case_no"].as_str().unwrap().to_owned())
        .collect();
    expected.sort();
    let mut listed: Vec<String> = due.iter().map(|c| c.row.case_no.to_string()).collect();
    listed.sort();
    assert_eq!(listed, expected);

    // Filtering by judge keeps only that judge's cases.
    let judge = due[0].row.judge.clone().unwrap();
    let mine = d.due(&CaseFilter { judge: Some(judge.clone()), ..Default::default() }, as_of, within).await.unwrap();
    assert!(!mine.is_empty() && mine.iter().all(|c| c.row.judge.as_deref() == Some(judge.as_str())));
}

async fn imported_holidays_replace_a_year_and_move_deadlines<S: Store>(d: Docket<S>) {
    import(&d, &demo_jsonl(5, 100, 1)).await.unwrap();
    let before = d.calendar().await.unwrap();
    assert!(before.is_rest_day("2026-10-01".parse().unwrap()));
    // An administrator's 2026 that declares 2026-10-01 a working day and 2026-10-12 a holiday.
    let years = d.import_holidays("2026-10-01 班 测试\n2026-10-12 休 测试\n", None).await.unwrap();
    assert_eq!(years, [2026]);
    let after = d.calendar().await.unwrap();
    assert!(!after.is_rest_day("2026-10-01".parse().unwrap()));
    assert!(after.is_rest_day("2026-10-12".parse().unwrap()));
    assert!(!after.is_rest_day("2026-10-02".parse().unwrap()), "the whole year was replaced");
    assert!(after.is_rest_day("2025-10-01".parse().unwrap()), "other years are kept");
    assert!(d.import_holidays("2026-13-01 休 x\n", None).await.is_err());
    assert_eq!(d.calendar().await.unwrap(), after, "a bad file changes nothing");
}

docket_store::on_both_backends!(
    docket_app::Docket::new;
    due_lists_exactly_the_cases_due_in_deadline_order,
    imported_holidays_replace_a_year_and_move_deadlines,
    a_confirmation_runs_fifteen_days_under_the_2011_setting_everywhere,
);

/// A 司法确认 case on the case page, in the due list and in the indicator engine, under each
/// setting: 30 days (民诉法 §187) or the 2011 规定's 15.
async fn a_confirmation_runs_fifteen_days_under_the_2011_setting_everywhere<S: Store>(d: Docket<S>) {
    let lines = [
        r#"{"kind":"court","code":"内0203","name":"包头市昆都仑区人民法院","level":"basic","parent":null}"#,
        r#"{"kind":"case","court":"内0203","case_no":"（2026）内0203诉前调确1号","type":"诉前调确","procedure":"special","cause":"确认调解协议","received_on":null,"filed_on":"2026-06-01","online":false,"claim_amount":null,"tags":[],"origin":null,"sealed":false,"parties":[{"role":"applicant","kind":"person","name":"张三","id_number":null}]}"#,
    ];
    import(&d, &lines.join("\n")).await.unwrap();
    let as_of: NaiveDate = "2026-06-10".parse().unwrap();
    let statute = d.case_view("（2026）内0203诉前调确1号", as_of).await.unwrap();
    assert_eq!(statute.deadline.deadline_on, Some("2026-07-01".parse().unwrap()));
    assert!(d.due(&CaseFilter::default(), as_of, 10).await.unwrap().is_empty(), "21 days left: not due");
    let d = d.with_confirmation_rule(docket_domain::deadline::ConfirmationRule::Rules2011);
    let rules = d.case_view("（2026）内0203诉前调确1号", as_of).await.unwrap();
    assert_eq!(rules.deadline.deadline_on, Some("2026-06-16".parse().unwrap()));
    assert!(rules.deadline.explain().contains("2011 年司法确认规定第五条"), "{}", rules.deadline.explain());
    let due = d.due(&CaseFilter::default(), as_of, 10).await.unwrap();
    assert_eq!(due.len(), 1, "6 days left: due");
    let facts =
        d.case_facts(&docket_domain::CaseNumber::parse("（2026）内0203诉前调确1号").unwrap()).await.unwrap().unwrap();
    assert_eq!(facts.deadline_on, Some("2026-06-16".parse().unwrap()), "the engine reads the same deadline");
}

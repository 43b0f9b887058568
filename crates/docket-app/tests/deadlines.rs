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
);

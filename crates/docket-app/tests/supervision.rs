//! 四类案件 and 阅核 through the use case every page and the API call (`append_event`), on both
//! backends: a marked case's closing is refused and stores nothing until an approved reading;
//! with `supervision.reading_required = off` it closes; and 绩效考核 reads the engine's figures
//! per judge.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::NaiveDate;
use common::*;
use docket_app::{AppError, Docket};
use docket_domain::supervision::{FlagCategory, ReadingResult};
use docket_domain::{CaseNumber, CloseMethod, Event, EventKind, Role};
use docket_store::Store;

const LINES: &str = r#"{"kind":"court","code":"内","name":"内蒙古自治区高级人民法院","level":"high","parent":null}
{"kind":"court","code":"内02","name":"包头市中级人民法院","level":"intermediate","parent":"内"}
{"kind":"court","code":"内0203","name":"包头市昆都仑区人民法院","level":"basic","parent":"内02"}
{"kind":"department","court":"内0203","code":"ms1","name":"民事审判第一庭"}
{"kind":"judge","court":"内0203","code":"J0001","name":"王院长","department":"ms1","titles":["president"],"quota":true}
{"kind":"judge","court":"内0203","code":"J0007","name":"李法官","department":"ms1","titles":[],"quota":true}
{"kind":"case","court":"内0203","case_no":"（2025）内0203民初12号","type":"民初","procedure":"ordinary","cause":"买卖合同纠纷","received_on":"2025-03-01","filed_on":"2025-03-03","online":false,"claim_amount":"125000.00","tags":[],"origin":null,"sealed":false,"parties":[{"role":"plaintiff","kind":"organization","name":"某建材有限公司","id_number":"91150203MA0N00001K"},{"role":"defendant","kind":"person","name":"张三","id_number":"150203199001011232"}]}
{"kind":"event","case_no":"（2025）内0203民初12号","on":"2025-03-04","type":"assigned","judge":"J0007"}
{"kind":"event","case_no":"（2025）内0203民初12号","on":"2025-03-05","type":"supervision_flagged","category":"major_complex","by":"J0007"}"#;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn ev(on: &str, kind: EventKind) -> Event {
    Event { on: day(on), kind }
}

fn admin() -> docket_app::Account {
    docket_app::Account {
        username: "nm0203-trial_management".into(),
        court: docket_domain::CourtCode::parse("内0203").unwrap(),
        name: "审管办".into(),
        role: Role::TrialManagement,
        judge: None,
    }
}

async fn a_marked_case_closes_only_after_an_approved_reading<S: Store>(d: Docket<S>) {
    import(&d, LINES).await.unwrap();
    let no = CaseNumber::parse("（2025）内0203民初12号").unwrap();
    let today = day("2025-12-31");
    let close = || ev("2025-06-01", EventKind::Closed { method: CloseMethod::Judgment, outcome: None });
    let entries = d.store().summary().await.unwrap().log_entries;
    let refused = d.append_event(&no, close(), today, None).await.unwrap_err();
    let AppError::Fields(f) = refused else { panic!("{refused:?}") };
    assert_eq!(f[0].field, "method");
    assert!(f[0].message.contains("四类案件") && f[0].message.contains("阅核"), "{}", f[0].message);
    assert_eq!(d.store().summary().await.unwrap().log_entries, entries, "nothing stored");

    // Sent, returned with a note, sent again: still refused.
    let request = |on: &str| ev(on, EventKind::ReadingRequested { reviewer: "J0001".into() });
    let answer = |on: &str, result, note: Option<&str>| {
        ev(on, EventKind::ReadingDone { reviewer: "J0001".into(), result, note: note.map(str::to_owned) })
    };
    d.append_event(&no, request("2025-05-20"), today, None).await.unwrap();
    d.append_event(&no, answer("2025-05-21", ReadingResult::Returned, Some("请补充说理")), today, None).await.unwrap();
    d.append_event(&no, request("2025-05-25"), today, None).await.unwrap();
    assert!(d.append_event(&no, close(), today, None).await.is_err());
    d.append_event(&no, answer("2025-05-26", ReadingResult::Approved, None), today, None).await.unwrap();
    d.append_event(&no, close(), today, None).await.unwrap();
    let view = d.case_view(&no.to_string(), today).await.unwrap();
    assert!(view.state.closed_on.is_some());

    // With the setting off a second marked case closes without a reading.
    let second = LINES.lines().skip(6).collect::<Vec<_>>().join("\n").replace("民初12号", "民初13号");
    import(&d, &second).await.unwrap();
    let other = CaseNumber::parse("（2025）内0203民初13号").unwrap();
    assert!(d.append_event(&other, close(), today, None).await.is_err());
    let text = d
        .indicator_settings()
        .await
        .unwrap()
        .to_text()
        .replace("supervision.reading_required = on", "supervision.reading_required = off");
    d.save_indicator_settings(&text, &admin()).await.unwrap();
    d.append_event(&other, close(), today, None).await.unwrap();
    // The marks and the reading count: 阅核率 1/2 for the two closings of June.
    let engine = d.metrics_engine(d.indicator_settings().await.unwrap()).await.unwrap();
    let q = docket_metrics::Query {
        court: docket_domain::CourtCode::parse("内0203").unwrap(),
        rollup: false,
        period: docket_metrics::Period { from: day("2025-01-01"), to: day("2025-12-31") },
        by: vec![],
        tag: None,
        causes: vec![],
        indicators: vec!["reading_rate".into(), "four_category_cases".into()],
    };
    let g = engine.compute(&q).unwrap();
    let v: Vec<_> = g[0].values.iter().map(|v| (v.numerator, v.denominator)).collect();
    assert_eq!(v, [(Some(1), Some(2)), (Some(2), None)]);
    let _ = FlagCategory::ALL;
}

async fn the_appraisal_reads_each_judges_figures_from_the_engine<S: Store>(d: Docket<S>) {
    let data = demo_jsonl(7, 600, 1);
    import(&d, &data).await.unwrap();
    let register = d.register().await.unwrap();
    let (court, scheme) =
        register.reviews.schemes.keys().next().cloned().expect("the demo gives its basic court a scheme");
    let settings = d.indicator_settings().await.unwrap();
    let engine = d.metrics_engine_with(settings, &register).await.unwrap();
    let judges = d.store().judges().await.unwrap();
    let departments = d.store().departments().await.unwrap();
    let year = register.reviews.schemes[&(court.clone(), scheme.clone())].scheme.year;
    let a =
        docket_app::appraise(&engine, &register, &judges, &departments, &court, &scheme, &year.to_string()).unwrap();
    assert_eq!(a.subjects.len(), judges.iter().filter(|j| j.court == court && j.quota).count());
    // Each judge's 结案率 is the engine's for that judge's cases.
    let q = docket_metrics::Query {
        court: court.clone(),
        rollup: false,
        period: docket_metrics::appraisal::appraisal_period(&year.to_string()).unwrap(),
        by: vec![docket_metrics::Dimension::Judge],
        tag: None,
        causes: vec![],
        indicators: vec!["closure_rate".into()],
    };
    let by_judge = engine.compute(&q).unwrap();
    let mut seen = 0;
    for s in &a.subjects {
        let item = s.items.iter().find(|i| i.item == "closure_rate").unwrap();
        let expected =
            by_judge.iter().find(|g| g.key[0].1 == format!("{court}/{}", s.subject)).and_then(|g| g.values[0].value);
        assert_eq!(item.value, expected, "{}", s.subject);
        seen += usize::from(expected.is_some());
        let manual: f64 = s.items.iter().filter(|i| i.category != "审判质效").map(|i| i.score).sum();
        assert!(manual > 0.0, "the demo enters marks for every 员额法官");
    }
    assert!(seen >= 3, "judges with cases have a value");
    let json = a.to_json();
    assert!(json["subjects"][0]["total"].is_number() && json["subjects"][0]["items"][0]["score"].is_number());
    // A period outside the scheme's year is refused.
    let e = docket_app::appraise(&engine, &register, &judges, &departments, &court, &scheme, "1999").unwrap_err();
    assert!(e.to_string().contains("方案年度"), "{e}");
}

docket_store::on_both_backends!(
    docket_app::Docket::new;
    a_marked_case_closes_only_after_an_approved_reading,
    the_appraisal_reads_each_judges_figures_from_the_engine,
);

//! 执行 in depth: the five conditions of a lawful 终本 (法〔2016〕373号《关于严格规范终结本次执行程序
//! 的规定（试行）》第一条, as INTERCHANGE.md derives them), one test per condition and for their
//! combinations; where measures and performance may be recorded; 超标的查封.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use docket_domain::enforcement::over_seizure;
use docket_domain::{
    Amount, CaseNumber, CaseRecord, CaseState, CloseMethod, Condition, Event, EventKind, LifecycleError, Measure,
    Notice, Procedure, TerminationCheck,
};
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn case(no: &str, filed: &str, claim: Option<&str>) -> CaseState {
    let case_no = CaseNumber::parse(no).unwrap();
    let procedure = if case_no.case_type().code == "执" { Procedure::None } else { Procedure::Simple };
    CaseState::filed(CaseRecord {
        court: case_no.court().clone(),
        case_no,
        procedure,
        cause: "民间借贷纠纷".into(),
        received_on: None,
        filed_on: d(filed),
        online: false,
        claim_amount: claim.map(|c| Amount::from_yuan_str(c).unwrap()),
        tags: vec![],
        origin: None,
        sealed: false,
        possible_sentence_months: None,
        parties: vec![],
    })
}

fn enforcement(filed: &str) -> CaseState {
    case("（2025）内0203执1号", filed, Some("100000.00"))
}

fn measure(m: Measure) -> EventKind {
    EventKind::EnforcementMeasure { measure: m, amount: None, persons: None }
}

fn apply(s: &mut CaseState, on: &str, kind: EventKind) {
    s.apply(Event { on: d(on), kind }).unwrap();
}

fn terminate(s: &mut CaseState, on: &str) -> TerminationCheck {
    apply(s, on, EventKind::Closed { method: CloseMethod::EnforcementTerminated, outcome: None });
    TerminationCheck::of(s).expect("a 终本 closing is checked")
}

/// Filed 2025-03-03 with the three measures the conditions name taken in March.
fn with_the_three_measures() -> CaseState {
    let mut s = enforcement("2025-03-03");
    apply(&mut s, "2025-03-05", measure(Measure::PropertyReportOrder));
    apply(&mut s, "2025-03-06", measure(Measure::OnlineQuery));
    apply(&mut s, "2025-03-20", measure(Measure::ConsumptionRestriction));
    s
}

#[test]
fn a_termination_after_three_months_with_the_three_measures_is_compliant() {
    let mut s = with_the_three_measures();
    let check = terminate(&mut s, "2025-06-04");
    assert!(check.compliant(), "{check:?}");
    assert_eq!(check.closed_on, d("2025-06-04"));
}

#[test]
fn a_termination_two_days_short_of_three_months_misses_condition_four() {
    // 第一条第四项: 自执行案件立案之日起已超过三个月. Filed 03-03, three months end 06-03.
    let mut s = with_the_three_measures();
    assert_eq!(terminate(&mut s, "2025-06-01").missing, vec![Condition::ThreeMonths]);
    let mut s = with_the_three_measures();
    assert_eq!(terminate(&mut s, "2025-06-03").missing, vec![Condition::ThreeMonths], "on the day is not beyond");
}

#[test]
fn a_termination_without_a_consumption_restriction_misses_condition_two() {
    // 第一条第二项: 已向被执行人发出限制消费令.
    let mut s = enforcement("2025-03-03");
    apply(&mut s, "2025-03-05", measure(Measure::PropertyReportOrder));
    apply(&mut s, "2025-03-06", measure(Measure::OnlineQuery));
    assert_eq!(terminate(&mut s, "2025-07-01").missing, vec![Condition::ConsumptionRestriction]);
}

#[test]
fn a_termination_without_a_property_report_order_misses_condition_one() {
    // 第一条第一项: 已责令被执行人报告财产.
    let mut s = enforcement("2025-03-03");
    apply(&mut s, "2025-03-06", measure(Measure::OnlineQuery));
    apply(&mut s, "2025-03-20", measure(Measure::ConsumptionRestriction));
    assert_eq!(terminate(&mut s, "2025-07-01").missing, vec![Condition::PropertyReportOrder]);
}

#[test]
fn a_termination_without_an_online_query_misses_condition_three() {
    // 第一条第三项: 已穷尽财产调查措施 (网络执行查控).
    let mut s = enforcement("2025-03-03");
    apply(&mut s, "2025-03-05", measure(Measure::PropertyReportOrder));
    apply(&mut s, "2025-03-20", measure(Measure::ConsumptionRestriction));
    assert_eq!(terminate(&mut s, "2025-07-01").missing, vec![Condition::OnlineQuery]);
}

#[test]
fn an_unanswered_obstruction_misses_condition_five_and_a_fine_after_it_answers_it() {
    // 第一条第五项: 妨害执行的，已依法采取罚款、拘留等强制措施.
    let mut s = with_the_three_measures();
    apply(&mut s, "2025-04-01", EventKind::Obstruction { note: Some("拒不到庭".into()) });
    assert_eq!(terminate(&mut s, "2025-07-01").missing, vec![Condition::ObstructionAnswered]);

    let mut s = with_the_three_measures();
    // A fine before the obstruction does not answer it; one after does.
    apply(&mut s, "2025-03-25", measure(Measure::Fine));
    apply(&mut s, "2025-04-01", EventKind::Obstruction { note: None });
    assert_eq!(terminate(&mut s, "2025-07-01").missing, vec![Condition::ObstructionAnswered]);

    for answer in [Measure::Fine, Measure::Detention, Measure::CriminalReferral] {
        let mut s = with_the_three_measures();
        apply(&mut s, "2025-04-01", EventKind::Obstruction { note: None });
        apply(&mut s, "2025-04-03", measure(answer));
        assert!(terminate(&mut s, "2025-07-01").compliant(), "{answer:?} answers it");
    }
    // Two obstructions, only the first answered.
    let mut s = with_the_three_measures();
    apply(&mut s, "2025-04-01", EventKind::Obstruction { note: None });
    apply(&mut s, "2025-04-03", measure(Measure::Detention));
    apply(&mut s, "2025-05-01", EventKind::Obstruction { note: None });
    assert_eq!(terminate(&mut s, "2025-07-01").missing, vec![Condition::ObstructionAnswered]);
}

#[test]
fn a_termination_with_nothing_recorded_and_too_early_misses_four_conditions_in_order() {
    let mut s = enforcement("2025-03-03");
    assert_eq!(
        terminate(&mut s, "2025-04-01").missing,
        vec![
            Condition::PropertyReportOrder,
            Condition::ConsumptionRestriction,
            Condition::OnlineQuery,
            Condition::ThreeMonths
        ]
    );
}

#[test]
fn a_measure_taken_after_the_closing_does_not_make_it_compliant() {
    let mut s = enforcement("2025-03-03");
    apply(&mut s, "2025-03-05", measure(Measure::PropertyReportOrder));
    apply(&mut s, "2025-03-20", measure(Measure::ConsumptionRestriction));
    let check = terminate(&mut s, "2025-07-01");
    assert_eq!(check.missing, vec![Condition::OnlineQuery]);
    // The periodic re-query after 终本 (第九条) is accepted but judges nothing retroactively.
    apply(&mut s, "2026-01-02", measure(Measure::OnlineQuery));
    assert_eq!(TerminationCheck::of(&s).unwrap().missing, vec![Condition::OnlineQuery]);
}

#[test]
fn a_reopened_case_is_judged_on_its_last_termination_with_everything_before_it() {
    let mut s = enforcement("2025-03-03");
    apply(&mut s, "2025-03-05", measure(Measure::PropertyReportOrder));
    assert!(!terminate(&mut s, "2025-04-01").compliant());
    apply(&mut s, "2025-05-01", EventKind::Reopened);
    assert_eq!(TerminationCheck::of(&s), None, "an open case has no 终本 to check");
    apply(&mut s, "2025-05-02", measure(Measure::OnlineQuery));
    apply(&mut s, "2025-05-03", measure(Measure::ConsumptionRestriction));
    assert!(terminate(&mut s, "2025-08-01").compliant());
}

#[test]
fn other_closings_are_not_checked() {
    let mut s = enforcement("2025-03-03");
    apply(&mut s, "2025-04-01", EventKind::Closed { method: CloseMethod::EnforcementCompleted, outcome: None });
    assert_eq!(TerminationCheck::of(&s), None);
}

#[test]
fn a_termination_case_still_takes_its_periodic_query_but_not_a_new_seizure() {
    let mut s = with_the_three_measures();
    terminate(&mut s, "2025-07-01");
    apply(&mut s, "2025-09-01", EventKind::Archived);
    // 第九条: 终本后五年内每六个月查询一次 — even once archived.
    apply(&mut s, "2026-01-02", measure(Measure::OnlineQuery));
    apply(&mut s, "2026-01-03", measure(Measure::RestrictionLifted));
    let err = s.apply(Event { on: d("2026-01-04"), kind: measure(Measure::Seizure) }).unwrap_err();
    assert_eq!(err, LifecycleError::MeasureAfterClosing("查封"));
    let mut s = with_the_three_measures();
    terminate(&mut s, "2025-07-01");
    let err = s.apply(Event { on: d("2025-08-01"), kind: measure(Measure::Seizure) }).unwrap_err();
    assert_eq!(err, LifecycleError::MeasureAfterClosing("查封"));
    assert_eq!(err.field(), "measure");
    // A case closed otherwise takes no measure at all.
    let mut s = enforcement("2025-03-03");
    apply(&mut s, "2025-04-01", EventKind::Closed { method: CloseMethod::EnforcementCompleted, outcome: None });
    assert!(s.apply(Event { on: d("2025-05-01"), kind: measure(Measure::OnlineQuery) }).is_err());
}

#[test]
fn a_measure_or_an_obstruction_on_a_civil_case_is_refused() {
    let mut s = case("（2025）内0203民初1号", "2025-03-03", None);
    let err = s.apply(Event { on: d("2025-03-05"), kind: measure(Measure::OnlineQuery) }).unwrap_err();
    assert_eq!(err, LifecycleError::MeasureOutsideEnforcement);
    let err = s.apply(Event { on: d("2025-03-05"), kind: EventKind::Obstruction { note: None } }).unwrap_err();
    assert_eq!(err, LifecycleError::MeasureOutsideEnforcement);
    assert!(s.events.is_empty());
}

#[test]
fn a_measures_amount_and_persons_are_only_where_they_mean_something() {
    let mut s = enforcement("2025-03-03");
    let value = Amount::from_yuan_str("5000.00").unwrap();
    let bad = EventKind::EnforcementMeasure { measure: Measure::OnlineQuery, amount: Some(value), persons: None };
    assert_eq!(s.apply(Event { on: d("2025-03-05"), kind: bad }).unwrap_err().field(), "amount");
    let bad = EventKind::EnforcementMeasure { measure: Measure::Fine, amount: None, persons: Some(2) };
    assert_eq!(s.apply(Event { on: d("2025-03-05"), kind: bad }).unwrap_err().field(), "persons");
    let bad = EventKind::EnforcementMeasure { measure: Measure::Detention, amount: None, persons: Some(0) };
    assert_eq!(s.apply(Event { on: d("2025-03-05"), kind: bad }).unwrap_err(), LifecycleError::MeasurePersons);
    let ok = EventKind::EnforcementMeasure { measure: Measure::Detention, amount: None, persons: Some(2) };
    apply(&mut s, "2025-03-05", ok);
    let ok = EventKind::EnforcementMeasure { measure: Measure::Seizure, amount: Some(value), persons: None };
    apply(&mut s, "2025-03-06", ok);
    assert_eq!(s.events.len(), 2);
}

#[test]
fn urging_and_voluntary_performance_go_on_a_closed_judgment_case_not_on_an_enforcement_case() {
    let mut s = case("（2025）内0203民初1号", "2025-03-03", Some("80000.00"));
    let paid = Amount::from_yuan_str("30000.00").unwrap();
    let urged = EventKind::PerformanceUrged { notice: Notice::PreEnforcement };
    assert_eq!(
        s.apply(Event { on: d("2025-03-20"), kind: urged.clone() }).unwrap_err(),
        LifecycleError::PerformanceOutsideJudgment,
        "not before the judgment"
    );
    apply(&mut s, "2025-04-10", EventKind::Closed { method: CloseMethod::Judgment, outcome: None });
    apply(&mut s, "2025-04-30", urged);
    apply(&mut s, "2025-05-10", EventKind::Performed { amount: paid });
    apply(&mut s, "2025-06-01", EventKind::Archived);
    apply(&mut s, "2025-07-01", EventKind::Performed { amount: paid });
    assert_eq!(s.performed, Amount::from_yuan_str("60000.00").unwrap());
    let zero = EventKind::Performed { amount: Amount::ZERO };
    assert_eq!(s.apply(Event { on: d("2025-07-02"), kind: zero }).unwrap_err(), LifecycleError::ZeroPerformance);

    let mut e = enforcement("2025-03-03");
    apply(&mut e, "2025-04-01", EventKind::Closed { method: CloseMethod::EnforcementCompleted, outcome: None });
    let err = e.apply(Event { on: d("2025-04-02"), kind: EventKind::Performed { amount: paid } }).unwrap_err();
    assert_eq!(err, LifecycleError::PerformanceOutsideJudgment);
}

#[test]
fn a_seizure_above_what_is_still_owed_is_warned_about() {
    let mut s = enforcement("2025-03-03"); // 100,000 applied for
    let y = |v: &str| Amount::from_yuan_str(v).unwrap();
    assert_eq!(over_seizure(&s, y("100000.00")), None, "exactly the amount is not over");
    assert_eq!(over_seizure(&s, y("100000.01")), Some(y("100000.00")));
    apply(&mut s, "2025-04-01", EventKind::Recovered { amount: y("70000.00") });
    assert_eq!(over_seizure(&s, y("50000.00")), Some(y("30000.00")), "owed is what is left");
    let unknown = case("（2025）内0203执2号", "2025-03-03", None);
    assert_eq!(over_seizure(&unknown, y("1.00")), None, "no amount applied for: nothing to compare");
}

proptest! {
    /// The check against a statement of the rule written here from INTERCHANGE.md: each measure
    /// present or not, any closing day, an obstruction answered or not.
    #[test]
    fn the_check_names_exactly_the_conditions_the_record_lacks(
        report in any::<bool>(), restrict in any::<bool>(), query in any::<bool>(),
        obstruction in any::<bool>(), answered in any::<bool>(), days in 30i64..200,
    ) {
        let mut s = enforcement("2025-03-03");
        let mut on = d("2025-03-04");
        let mut step = |s: &mut CaseState, kind: EventKind| {
            s.apply(Event { on, kind }).unwrap();
            on = on.succ_opt().unwrap();
        };
        if report { step(&mut s, measure(Measure::PropertyReportOrder)); }
        if obstruction { step(&mut s, EventKind::Obstruction { note: None }); }
        if restrict { step(&mut s, measure(Measure::ConsumptionRestriction)); }
        if obstruction && answered { step(&mut s, measure(Measure::Detention)); }
        if query { step(&mut s, measure(Measure::OnlineQuery)); }
        let closed = (d("2025-03-03") + chrono::Days::new(days as u64)).max(on);
        s.apply(Event { on: closed, kind: EventKind::Closed { method: CloseMethod::EnforcementTerminated, outcome: None } }).unwrap();
        let mut want = Vec::new();
        if !report { want.push(Condition::PropertyReportOrder); }
        if !restrict { want.push(Condition::ConsumptionRestriction); }
        if !query { want.push(Condition::OnlineQuery); }
        if closed <= d("2025-06-03") { want.push(Condition::ThreeMonths); }
        if obstruction && !answered { want.push(Condition::ObstructionAnswered); }
        prop_assert_eq!(TerminationCheck::of(&s).unwrap().missing, want);
    }
}

//! The 审限 rules of `DEADLINES.md`, each with the article it comes from, and its worked examples.

use super::*;
use crate::case_number::CaseNumber;
use crate::event::SuspensionReason;
use crate::lifecycle::CaseState;
use proptest::prelude::*;
use rstest::rstest;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn case(type_code: &str, procedure: Procedure, filed: &str) -> CaseState {
    let filed_on = d(filed);
    let case_no = CaseNumber::parse(&format!("（{}）内0203{type_code}1号", filed_on.year())).unwrap();
    CaseState::filed(CaseRecord {
        court: case_no.court().clone(),
        case_no,
        procedure,
        cause: "案由".into(),
        received_on: None,
        filed_on,
        online: false,
        claim_amount: None,
        tags: vec![],
        origin: None,
        sealed: false,
        possible_sentence_months: None,
        parties: vec![],
    })
}

fn deadline(state: &CaseState) -> Deadline {
    DeadlineBase::compute(&state.record, &state.events, None).adjust(&HolidayCalendar::shipped(), true)
}

fn ev(s: &mut CaseState, on: &str, kind: EventKind) {
    s.apply(Event { on: d(on), kind }).unwrap();
}

/// Every row of the default-limits table, on a filing date whose deadline is a working day.
#[rstest]
#[case("民初", P::Ordinary, "2025-03-03", "2025-09-03")] // 民诉法 §152: 6 个月
#[case("民初", P::Simple, "2025-03-03", "2025-06-03")] // 民诉法 §164: 3 个月
#[case("民初", P::SmallClaims, "2025-01-27", "2025-03-27")] // 民诉法 §168: 2 个月
#[case("民终", P::AppealJudgment, "2025-09-01", "2025-12-01")] // 民诉法 §183: 3 个月
#[case("民终", P::AppealRuling, "2025-03-03", "2025-04-02")] // 民诉法 §183: 30 日
#[case("民特", P::Special, "2025-03-03", "2025-04-02")] // 民诉法 §187: 30 日
#[case("民申", P::Retrial, "2025-03-03", "2025-06-03")] // 民诉法 §215: 3 个月
#[case("民诉前调", P::None, "2025-03-03", "2025-04-02")] // 诉前调解 30 日
#[case("行初", P::Ordinary, "2025-03-03", "2025-09-03")] // 行政诉讼法 §81: 6 个月
#[case("行初", P::Simple, "2025-03-03", "2025-04-17")] // 行政诉讼法 §83: 45 日
#[case("行终", P::AppealJudgment, "2025-03-03", "2025-06-03")] // 行政诉讼法 §88: 3 个月
#[case("刑初", P::Ordinary, "2025-03-03", "2025-05-06")] // 刑诉法 §208: 2 个月 (05-03 周六, 05-05 劳动节 → 05-06)
#[case("刑初", P::Simple, "2025-03-03", "2025-03-24")] // 刑诉法 §220: 20 日 (03-23 周日 → 03-24)
#[case("刑初", P::FastTrack, "2025-03-03", "2025-03-13")] // 刑诉法 §225: 10 日
#[case("刑终", P::AppealJudgment, "2025-03-03", "2025-05-06")] // 刑诉法 §243: 2 个月
#[case("执", P::None, "2025-03-03", "2025-09-03")] // 审限规定 §5: 6 个月
#[case("执", P::NonLitigation, "2025-03-03", "2025-06-03")] // 审限规定 §5: 非诉执行 3 个月
fn every_row_of_the_limits_table_gives_its_deadline(
    #[case] type_code: &str,
    #[case] procedure: Procedure,
    #[case] filed: &str,
    #[case] expected: &str,
) {
    assert_eq!(deadline(&case(type_code, procedure, filed)).deadline_on, Some(d(expected)));
}

#[rstest]
#[case(P::Simple, Some(48), "2025-04-18")] // 刑诉法 §220: 超过三年的，一个半月
#[case(P::Simple, Some(36), "2025-03-24")] // 三年以下：二十日 (03-23 周日 → 03-24)
#[case(P::FastTrack, Some(24), "2025-03-18")] // 刑诉法 §225: 超过一年的，十五日
#[case(P::FastTrack, Some(12), "2025-03-13")] // 一年以下：十日
#[case(P::FastTrack, None, "2025-03-13")] // 未记录可能判处的刑期：按一般期限
fn a_graver_possible_sentence_lengthens_the_simple_and_fast_track_limits(
    #[case] procedure: Procedure,
    #[case] sentence: Option<u32>,
    #[case] expected: &str,
) {
    let mut s = case("刑初", procedure, "2025-03-03");
    s.record.possible_sentence_months = sentence;
    assert_eq!(deadline(&s).deadline_on, Some(d(expected)));
}

#[test]
fn every_row_of_the_limits_table_is_a_known_type_and_procedure() {
    for r in LIMITS {
        let t = crate::case_type::CaseType::lookup(r.type_code).unwrap();
        for p in r.procedures {
            assert!(t.allows(*p), "{} {:?}", r.type_code, p);
        }
    }
}

// DEADLINES.md worked examples.

#[test]
fn a_simple_civil_case_filed_on_march_3_is_due_june_3() {
    assert_eq!(deadline(&case("民初", P::Simple, "2025-03-03")).deadline_on, Some(d("2025-06-03")));
}

#[test]
fn an_appraisal_of_45_days_moves_the_deadline_then_the_weekend_rule_applies() {
    // 民诉解释 §243 (鉴定期间不计入审限); 民诉法 §85 (期间届满日为休息日顺延).
    let mut s = case("民初", P::Ordinary, "2025-03-03");
    ev(&mut s, "2025-04-01", EventKind::Suspended { reason: SuspensionReason::Appraisal });
    ev(&mut s, "2025-05-16", EventKind::Resumed);
    let dl = deadline(&s);
    assert_eq!(dl.deadline_on, Some(d("2025-10-20")));
    assert_eq!(
        dl.explain(),
        "立案 2025-03-03；普通程序 6 个月 → 2025-09-03；鉴定 45 天 → 2025-10-18；10-18 为休息日（周六） → 2025-10-20"
    );
}

#[test]
fn a_small_claims_case_filed_january_27_is_due_march_27() {
    assert_eq!(deadline(&case("民初", P::SmallClaims, "2025-01-27")).deadline_on, Some(d("2025-03-27")));
}

#[test]
fn an_extension_is_added_to_the_unadjusted_deadline() {
    // 民诉法 §152: 经本院院长批准，可以延长六个月.
    let mut s = case("民初", P::Ordinary, "2024-08-01");
    ev(&mut s, "2025-01-05", EventKind::ExtensionRequested { length: M(6), approver: President });
    ev(&mut s, "2025-01-10", EventKind::Extended { length: M(6), approver: President });
    let dl = deadline(&s);
    assert_eq!(dl.deadline_on, Some(d("2025-08-01")));
    assert!(dl.base.extended);
}

#[test]
fn an_appeal_of_a_judgment_filed_september_1_is_due_december_1() {
    assert_eq!(deadline(&case("民终", P::AppealJudgment, "2025-09-01")).deadline_on, Some(d("2025-12-01")));
}

#[test]
fn a_deadline_on_national_day_moves_past_the_holiday() {
    let dl = deadline(&case("民初", P::Simple, "2025-07-01"));
    assert_eq!(dl.deadline_on, Some(d("2025-10-09")));
    assert!(dl.explain().ends_with("10-01 为休息日（国庆节、中秋节） → 2025-10-09"), "{}", dl.explain());
}

#[test]
fn months_clamp_to_the_end_of_a_shorter_month() {
    // 民法典 §202.
    assert_eq!(add_period(d("2025-11-30"), M(3)), d("2026-02-28"));
    assert_eq!(add_period(d("2024-11-30"), M(3)), d("2025-02-28"));
    assert_eq!(add_period(d("2023-11-30"), M(3)), d("2024-02-29"));
}

#[test]
fn a_case_with_an_open_deducted_period_has_no_deadline() {
    let mut s = case("民初", P::Ordinary, "2025-03-03");
    ev(&mut s, "2025-04-01", EventKind::Suspended { reason: SuspensionReason::Announcement });
    let dl = deadline(&s);
    assert_eq!(dl.deadline_on, None);
    assert_eq!(dl.base.suspended_since, Some(d("2025-04-01")));
    assert!(dl.explain().ends_with("2025-04-01 起公告，审限暂停计算"));
}

#[test]
fn a_civil_conversion_runs_from_filing_keeps_deductions_and_drops_extensions() {
    // 民诉解释 §258.
    let mut s = case("民初", P::Simple, "2025-03-03");
    ev(&mut s, "2025-03-20", EventKind::Suspended { reason: SuspensionReason::Appraisal });
    ev(&mut s, "2025-03-30", EventKind::Resumed);
    ev(&mut s, "2025-05-20", EventKind::ExtensionRequested { length: M(1), approver: President });
    ev(&mut s, "2025-05-22", EventKind::Extended { length: M(1), approver: President });
    ev(&mut s, "2025-06-20", EventKind::ProcedureChanged { procedure: P::Ordinary });
    let dl = deadline(&s);
    // 2025-03-03 + 6 months = 09-03, + 10 deducted days = 09-13 (Saturday) → 09-15.
    assert_eq!(dl.base.unadjusted, Some(d("2025-09-13")));
    assert_eq!(dl.deadline_on, Some(d("2025-09-15")));
    assert!(!dl.base.extended);
}

#[test]
fn a_criminal_conversion_runs_the_new_limit_from_the_decision() {
    // 审限规定 2000 §8.
    let mut s = case("刑初", P::Simple, "2025-03-03");
    ev(&mut s, "2025-03-12", EventKind::ProcedureChanged { procedure: P::Ordinary });
    assert_eq!(deadline(&s).base.unadjusted, Some(d("2025-05-12")));
}

#[test]
fn a_type_without_a_limit_has_no_deadline_but_still_ages() {
    let s = case("破", P::None, "2025-03-03");
    let dl = deadline(&s);
    assert_eq!(dl.deadline_on, None);
    assert!(dl.explain().contains("无法定审限"));
    assert_eq!(s.duration_days(d("2025-04-03")), 31);
}

#[test]
fn with_the_holiday_rule_off_the_deadline_may_fall_on_a_rest_day() {
    let s = case("民初", P::Simple, "2025-07-01");
    let dl = DeadlineBase::compute(&s.record, &s.events, None).adjust(&HolidayCalendar::shipped(), false);
    assert_eq!(dl.deadline_on, Some(d("2025-10-01")));
}

#[test]
fn events_after_the_as_of_date_are_not_counted() {
    let mut s = case("民初", P::Ordinary, "2025-03-03");
    ev(&mut s, "2025-04-01", EventKind::Suspended { reason: SuspensionReason::Appraisal });
    ev(&mut s, "2025-05-16", EventKind::Resumed);
    let at = DeadlineBase::compute(&s.record, &s.events, Some(d("2025-05-01")));
    assert_eq!((at.unadjusted, at.suspended_since), (None, Some(d("2025-04-01"))));
    let before = DeadlineBase::compute(&s.record, &s.events, Some(d("2025-03-31")));
    assert_eq!(before.unadjusted, Some(d("2025-09-03")));
}

#[test]
fn an_open_case_near_expiry_warns_and_opens_the_extension_window() {
    let s = case("民初", P::Simple, "2025-03-03");
    // Due 2025-06-03; the request was due 2025-05-19 (2019 规定 §1).
    let w = warnings(&s, &HolidayCalendar::shipped(), true, d("2025-05-14"), WarningSettings::default());
    assert_eq!(w, [Warning::ExtensionWindowOpen { request_by: d("2025-05-19"), days_left: 5 }]);
    let w = warnings(&s, &HolidayCalendar::shipped(), true, d("2025-05-25"), WarningSettings::default());
    assert_eq!(w, [Warning::DueSoon { days_left: 9 }, Warning::ExtensionWindowMissed { request_by: d("2025-05-19") }]);
    let w = warnings(&s, &HolidayCalendar::shipped(), true, d("2025-06-10"), WarningSettings::default());
    assert_eq!(w, [Warning::Overdue { days: 7 }]);
    assert!(warnings(&s, &HolidayCalendar::shipped(), true, d("2025-04-01"), WarningSettings::default()).is_empty());
}

#[test]
fn an_extension_requested_inside_the_last_15_days_is_flagged_late() {
    // 延长审限规定 2019 §1: 应当在审限届满十五日前提出.
    let mut s = case("民初", P::Simple, "2025-03-03");
    ev(&mut s, "2025-05-25", EventKind::ExtensionRequested { length: M(1), approver: President });
    let w = warnings(&s, &HolidayCalendar::shipped(), true, d("2025-05-26"), WarningSettings::default());
    assert!(
        w.contains(&Warning::ExtensionRequestedLate { requested_on: d("2025-05-25"), due_by: d("2025-05-19") }),
        "{w:?}"
    );
    assert!(
        !w.iter().any(|x| matches!(x, Warning::ExtensionWindowOpen { .. } | Warning::ExtensionWindowMissed { .. }))
    );
}

#[test]
fn a_long_open_suspension_is_flagged_and_a_closed_case_has_no_warnings() {
    let mut s = case("民初", P::Ordinary, "2025-03-03");
    ev(&mut s, "2025-04-01", EventKind::Suspended { reason: SuspensionReason::Suspension });
    let w = warnings(&s, &HolidayCalendar::shipped(), true, d("2025-12-01"), WarningSettings::default());
    assert_eq!(w, [Warning::LongSuspension { since: d("2025-04-01"), days: 244 }]);
    ev(&mut s, "2025-12-02", EventKind::Closed { method: crate::event::CloseMethod::Termination, outcome: None });
    assert!(warnings(&s, &HolidayCalendar::shipped(), true, d("2025-12-03"), WarningSettings::default()).is_empty());
}

proptest! {
    /// A longer deducted period never gives an earlier deadline.
    #[test]
    fn a_longer_deduction_never_gives_an_earlier_deadline(start in 1u64..150, len in 0u64..200, more in 0u64..60) {
        let cal = HolidayCalendar::shipped();
        let at = |length: u64| {
            let mut s = case("民初", P::Ordinary, "2025-01-06");
            let from = d("2025-01-06") + Days::new(start);
            ev(&mut s, &from.to_string(), EventKind::Suspended { reason: SuspensionReason::Appraisal });
            ev(&mut s, &(from + Days::new(length)).to_string(), EventKind::Resumed);
            DeadlineBase::compute(&s.record, &s.events, None).adjust(&cal, true).deadline_on.unwrap()
        };
        prop_assert!(at(len + more) >= at(len));
    }

    /// With the holiday rule on, a deadline never falls on a rest day; adjusting an adjusted
    /// date gives it back.
    #[test]
    fn a_deadline_never_falls_on_a_rest_day(offset in 0u64..3900, row in 0usize..17) {
        let cal = HolidayCalendar::shipped();
        let r = &LIMITS[row];
        let filed = d("2016-01-01") + Days::new(offset);
        let s = case(r.type_code, r.procedures[0], &filed.to_string());
        let dl = DeadlineBase::compute(&s.record, &s.events, None).adjust(&cal, true);
        let on = dl.deadline_on.unwrap();
        prop_assert!(!cal.is_rest_day(on), "{on}");
        prop_assert_eq!(cal.next_working_day(on), on);
    }
}

fn base(s: &CaseState) -> DeadlineBase {
    DeadlineBase::compute(&s.record, &s.events, None)
}

fn refer(s: &mut CaseState, on: &str, mode: crate::mediation::MediationMode) {
    ev(s, on, EventKind::MediationDelegated { org: "M01".into(), mediator: None, mode });
}

#[rstest]
// 特邀调解规定 §27 ¶2: 委托调解 runs 15 days under the ordinary procedure, 7 under the simple
// one; only the agreed extension after them is not counted.
#[case(P::Ordinary, "2025-03-24", "2025-03-25", "2025-09-03", "2025-09-13")]
#[case(P::Simple, "2025-03-16", "2025-03-17", "2025-06-03", "2025-06-21")]
fn an_agreed_extension_of_an_entrusted_mediation_is_not_counted(
    #[case] procedure: Procedure,
    #[case] too_early: &str,
    #[case] from: &str,
    #[case] before: &str,
    #[case] after: &str,
) {
    let mut s = case("民初", procedure, "2025-03-03");
    refer(&mut s, "2025-03-10", crate::mediation::MediationMode::Entrusted);
    let early =
        s.clone().apply(Event { on: d(too_early), kind: EventKind::Suspended { reason: SuspensionReason::Mediation } });
    assert!(
        matches!(early, Err(crate::lifecycle::LifecycleError::MediationNotYetExtended { .. })),
        "within its first days the mediation counts: {early:?}"
    );
    assert_eq!(base(&s).unadjusted, Some(d(before)));
    ev(&mut s, from, EventKind::Suspended { reason: SuspensionReason::Mediation });
    let resumed = d(from) + chrono::Days::new(if procedure == P::Ordinary { 10 } else { 18 });
    ev(&mut s, &resumed.to_string(), EventKind::Resumed);
    assert_eq!(base(&s).unadjusted, Some(d(after)));
}

#[test]
fn a_mediation_extension_without_an_entrusted_mediation_is_refused() {
    let mut s = case("民初", P::Ordinary, "2025-03-03");
    let r = s.apply(Event { on: d("2025-04-01"), kind: EventKind::Suspended { reason: SuspensionReason::Mediation } });
    assert!(matches!(r, Err(crate::lifecycle::LifecycleError::NoEntrustedMediation)), "{r:?}");
    // A 委派 before filing is not a 委托 of the filed case.
    let mut p = case("民诉前调", P::None, "2025-03-03");
    refer(&mut p, "2025-03-05", crate::mediation::MediationMode::Delegated);
    let r = p.apply(Event { on: d("2025-04-01"), kind: EventKind::Suspended { reason: SuspensionReason::Mediation } });
    assert!(r.is_err(), "{r:?}");
}

#[test]
fn a_delegated_mediation_runs_thirty_days_from_its_acceptance() {
    // 特邀调解规定 §27 ¶1, ¶3: 30 days from the day the organisation takes the materials.
    let mut s = case("民诉前调", P::None, "2025-03-03");
    assert_eq!(base(&s).unadjusted, Some(d("2025-04-02")));
    refer(&mut s, "2025-03-05", crate::mediation::MediationMode::Delegated);
    assert_eq!(base(&s).unadjusted, Some(d("2025-04-04")));
    // A second referral does not restart it.
    refer(&mut s, "2025-03-20", crate::mediation::MediationMode::Delegated);
    assert_eq!(base(&s).unadjusted, Some(d("2025-04-04")));
}

#[rstest]
// 民诉法 §187 (the default): 30 days, 30 more by the 院长; the 2011 司法确认规定 §5: 15 + 10.
#[case("诉前调确", "确认调解协议", ConfirmationRule::Statute, "2025-04-02", "2025-05-02")]
#[case("诉前调确", "确认调解协议", ConfirmationRule::Rules2011, "2025-03-18", "2025-03-28")]
#[case("民特", "申请确认调解协议效力", ConfirmationRule::Rules2011, "2025-03-18", "2025-03-28")]
// Another special-procedure case keeps the statute's limit under either setting.
#[case("民特", "宣告失踪", ConfirmationRule::Rules2011, "2025-04-02", "2025-05-02")]
fn a_confirmation_runs_under_the_setting(
    #[case] code: &str,
    #[case] cause: &str,
    #[case] rule: ConfirmationRule,
    #[case] limit: &str,
    #[case] extended: &str,
) {
    let mut s = case(code, P::Special, "2025-03-03");
    s.record.cause = cause.into();
    assert_eq!(base(&s).under(rule).unadjusted, Some(d(limit)));
    ev(&mut s, "2025-03-10", EventKind::ExtensionRequested { length: Period::Days(30), approver: President });
    ev(&mut s, "2025-03-11", EventKind::Extended { length: Period::Days(30), approver: President });
    assert_eq!(base(&s).under(rule).unadjusted, Some(d(extended)));
}

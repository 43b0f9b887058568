//! Every detector of 数据核查 finds the pattern planted for it, among cases that do not show it,
//! and names the planted cases only (a property test over random noise and random plants).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Days, NaiveDate};
use docket_domain::calendar::HolidayCalendar;
use docket_domain::integrity::{CaseHistory, Context, Detector, Thresholds, detect};
use docket_domain::{
    CaseNumber, CaseRecord, CaseState, CloseMethod, Event, EventKind, Party, PartyId, PartyKind, PartyRole, Period,
    Procedure, SuspensionReason,
};
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

struct Built {
    state: CaseState,
    recorded: Vec<NaiveDate>,
}

/// A 民初 (or `type_code`) case of 内0203 numbered `seq`, with parties by ID, events applied.
fn case(
    type_code: &str,
    seq: u32,
    filed: NaiveDate,
    received: Option<NaiveDate>,
    ids: &[&str],
    events: Vec<Event>,
) -> Built {
    let case_no = CaseNumber::parse(&format!("（{}）内0203{type_code}{seq}号", filed.format("%Y"))).unwrap();
    let parties = ids
        .iter()
        .enumerate()
        .map(|(i, id)| Party {
            role: if i == 0 { PartyRole::Plaintiff } else { PartyRole::Defendant },
            kind: PartyKind::Person,
            name: format!("当事人{i}"),
            id: Some(PartyId::parse(docket_domain::IdType::ResidentId, id).unwrap()),
            org_type: None,
            address: None,
            phone: None,
            agents: Vec::new(),
        })
        .collect();
    let mut state = CaseState::filed(CaseRecord {
        court: case_no.court().clone(),
        case_no,
        procedure: if type_code == "民初" { Procedure::Simple } else { Procedure::None },
        cause: "买卖合同纠纷".into(),
        received_on: received,
        filed_on: filed,
        online: false,
        claim_amount: None,
        tags: vec![],
        origin: None,
        sealed: false,
        possible_sentence_months: None,
        parties,
    });
    let n = events.len();
    for e in events {
        state.apply(e).unwrap();
    }
    // Recorded with the filing, as an import records a history.
    Built { state, recorded: vec![filed; n + 1] }
}

fn closed(on: NaiveDate, method: CloseMethod) -> Event {
    Event { on, kind: EventKind::Closed { method, outcome: None } }
}

const IDS: [&str; 4] = ["150203199001011232", "150203198001011238", "150203197001011233", "150203196001011239"];

fn run(cases: &[Built], detector: Detector) -> Vec<String> {
    let calendar = HolidayCalendar::shipped();
    let t = Thresholds::default();
    let ctx = Context { thresholds: &t, calendar: &calendar, holiday_rule: true, today: d("2026-10-31") };
    let histories: Vec<CaseHistory<'_>> =
        cases.iter().map(|b| CaseHistory { state: &b.state, recorded: &b.recorded }).collect();
    detect(&histories, &ctx, &[detector], d("2000-01-01"), d("2030-12-31"))
        .into_iter()
        .map(|f| f.case_no.map_or_else(|| format!("court {} {}", f.court, f.on), |c| c.to_string()))
        .collect()
}

#[test]
fn a_filing_eight_days_after_receipt_is_late_and_seven_is_not() {
    let cases = [
        case("民初", 1, d("2025-03-10"), Some(d("2025-03-03")), &[], vec![]),
        case("民初", 2, d("2025-03-11"), Some(d("2025-03-03")), &[], vec![]),
    ];
    assert_eq!(run(&cases, Detector::LateFiling), ["（2025）内0203民初2号"]);
}

#[test]
fn a_suspension_three_days_before_the_limit_is_found_and_one_a_month_before_is_not() {
    let filed = d("2025-03-03"); // 简易 3 months: 2025-06-03
    let suspend = |on: &str| Event { on: d(on), kind: EventKind::Suspended { reason: SuspensionReason::Appraisal } };
    let cases = [
        case("民初", 1, filed, None, &[], vec![suspend("2025-05-31")]),
        case("民初", 2, filed, None, &[], vec![suspend("2025-05-03")]),
        case(
            "民初",
            3,
            filed,
            None,
            &[],
            vec![Event {
                on: d("2025-06-01"),
                kind: EventKind::ExtensionRequested {
                    length: Period::Months(3),
                    approver: docket_domain::Approver::President,
                },
            }],
        ),
    ];
    assert_eq!(run(&cases, Detector::SuspensionBeforeExpiry), ["（2025）内0203民初1号", "（2025）内0203民初3号"]);
}

#[test]
fn a_refiling_by_the_same_parties_within_sixty_days_of_a_withdrawal_names_the_withdrawn_case() {
    let cases = [
        case("民初", 1, d("2025-03-03"), None, &IDS[..2], vec![closed(d("2025-04-01"), CloseMethod::Withdrawal)]),
        case("民初", 2, d("2025-05-01"), None, &IDS[..2], vec![]),
        // Other parties, and the same parties 90 days on: not refilings of it.
        case("民初", 3, d("2025-05-01"), None, &IDS[2..], vec![]),
        case("民初", 4, d("2025-07-01"), None, &IDS[..2], vec![]),
    ];
    assert_eq!(run(&cases, Detector::WithdrawRefile), ["（2025）内0203民初2号"]);
}

#[test]
fn a_premediation_over_thirty_days_or_converted_just_after_new_year_is_found() {
    let long =
        case("民诉前调", 1, d("2025-03-01"), None, &[], vec![closed(d("2025-04-15"), CloseMethod::PremediationFailed)]);
    let short =
        case("民诉前调", 2, d("2025-03-01"), None, &[], vec![closed(d("2025-03-20"), CloseMethod::PremediationFailed)]);
    let december =
        case("民诉前调", 3, d("2025-12-10"), None, &[], vec![closed(d("2025-12-30"), CloseMethod::PremediationFailed)]);
    let mut converted = case("民初", 1, d("2026-01-05"), None, &[], vec![]);
    converted.state.record.origin = Some(december.state.record.case_no.clone());
    let mut later = case("民初", 2, d("2026-03-05"), None, &[], vec![]);
    later.state.record.origin = Some(short.state.record.case_no.clone());
    let found = run(&[long, short, december, converted, later], Detector::PremediationParking);
    assert_eq!(found, ["（2025）内0203民诉前调1号", "（2026）内0203民初1号"]);
}

#[test]
fn backdating_needs_an_event_recorded_after_the_case_was_in_the_system() {
    let mut late = case("民初", 1, d("2025-03-03"), None, &[], vec![closed(d("2025-04-01"), CloseMethod::Judgment)]);
    late.recorded = vec![d("2025-03-03"), d("2025-06-01")];
    // A whole history imported at once is not backdating.
    let mut imported =
        case("民初", 2, d("2025-03-03"), None, &[], vec![closed(d("2025-04-01"), CloseMethod::Judgment)]);
    imported.recorded = vec![d("2026-01-01"), d("2026-01-01")];
    assert_eq!(run(&[late, imported], Detector::Backdating), ["（2025）内0203民初1号"]);
}

/// Background closings spread over each month of 2025, plus `piled` closings in the last days of
/// `month` and a December whose filings are `dec_share` of the usual.
fn background(piled: usize, month: u32, dip_year: Option<i32>) -> Vec<Built> {
    let mut out = Vec::new();
    let mut seq = 0;
    for year in 2022..=2025 {
        for m in 1..=12u32 {
            let per_month = if Some(year) == dip_year && m == 12 { 8 } else { 30 };
            for k in 0..per_month {
                seq += 1;
                let filed = NaiveDate::from_ymd_opt(year, m, 1 + (k % 27)).unwrap();
                let close_on = filed + Days::new(10 + u64::from(k % 15));
                out.push(case("民初", seq, filed, None, &[], vec![closed(close_on, CloseMethod::Judgment)]));
            }
        }
    }
    for k in 0..piled {
        seq += 1;
        let filed = NaiveDate::from_ymd_opt(2025, month, 2).unwrap();
        let last = filed.checked_add_months(chrono::Months::new(1)).unwrap().pred_opt().unwrap();
        out.push(case(
            "民初",
            seq,
            filed,
            None,
            &[],
            vec![closed(last - Days::new(k as u64 % 2), CloseMethod::Judgment)],
        ));
    }
    out
}

#[test]
fn closings_piled_at_a_month_end_and_a_december_dip_are_found_for_the_court() {
    assert!(run(&background(0, 6, None), Detector::ClosingBunching).is_empty(), "an even spread is not flagged");
    let found = run(&background(40, 6, None), Detector::ClosingBunching);
    assert_eq!(found, ["court 内0203 2025-06-30"]);
    assert!(run(&background(0, 6, None), Detector::YearEndDip).is_empty());
    assert_eq!(run(&background(0, 6, Some(2023)), Detector::YearEndDip), ["court 内0203 2023-12-31"]);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// Random clean cases with random planted late filings, refilings and suspensions: each
    /// detector names exactly the planted cases.
    #[test]
    fn each_detector_names_exactly_the_planted_cases(
        plants in proptest::collection::vec((0u8..3, 0u32..300, any::<bool>()), 1..20),
        noise in proptest::collection::vec((0u32..300, 0u32..60), 0..40),
    ) {
        let base = d("2025-01-06");
        let mut cases = Vec::new();
        let mut seq = 0u32;
        let mut expected: [Vec<String>; 3] = Default::default();
        // Noise: filed within the limit, closed by judgment, no suspension, parties of their own.
        for (offset, len) in noise {
            seq += 1;
            let filed = base + Days::new(u64::from(offset));
            cases.push(case("民初", seq, filed, Some(filed - Days::new(2)), &[IDS[3]], vec![closed(filed + Days::new(u64::from(len) + 1), CloseMethod::Judgment)]));
        }
        for (kind, offset, flag) in plants {
            seq += 1;
            let filed = base + Days::new(u64::from(offset));
            let c = match kind {
                0 => case("民初", seq, filed, Some(filed - Days::new(if flag { 8 } else { 20 })), &[IDS[2]], vec![]),
                1 => {
                    // A withdrawn case and its refiling 10–40 days later.
                    let w = case("民初", seq, filed, None, &IDS[..2], vec![closed(filed + Days::new(20), CloseMethod::Withdrawal)]);
                    seq += 1;
                    let again = filed + Days::new(20 + if flag { 10 } else { 40 });
                    // Refilings may repeat the same pair; each later one is named, for the first withdrawal within reach.
                    cases.push(w);
                    case("民初", seq, again, None, &IDS[..2], vec![])
                }
                _ => {
                    let expiry = filed.checked_add_months(chrono::Months::new(3)).unwrap();
                    let on = expiry - Days::new(if flag { 1 } else { 5 });
                    case("民初", seq, filed, None, &[IDS[2]], vec![Event { on, kind: EventKind::Suspended { reason: SuspensionReason::Appraisal } }])
                }
            };
            expected[usize::from(kind)].push(c.state.record.case_no.to_string());
            cases.push(c);
        }
        for (k, det) in [Detector::LateFiling, Detector::WithdrawRefile, Detector::SuspensionBeforeExpiry].into_iter().enumerate() {
            let mut found = run(&cases, det);
            found.sort();
            let mut want = expected[k].clone();
            want.sort();
            if det == Detector::WithdrawRefile {
                // A refiling also matches an earlier plant's withdrawal of the same pair, and a
                // later withdrawn case can itself be a refiling: all of them are refilings.
                for f in &found {
                    prop_assert!(cases.iter().any(|c| c.state.record.case_no.to_string() == *f), "{f}");
                }
                for w in &want {
                    prop_assert!(found.contains(w), "{det:?} missed {w}");
                }
            } else {
                prop_assert_eq!(found, want, "{:?}", det);
            }
        }
    }
}

//! What a party is told of their case (`party_view`): a plain sentence for where it stands, the
//! steps that concern them, the time to appeal a first-instance decision, and nothing internal.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use docket_domain::party_view::{current, timeline};
use docket_domain::supervision::{Body, FlagCategory};
use docket_domain::{
    Amount, Approver, CaseNumber, CaseRecord, CaseState, CloseMethod, Event, EventKind, Period, Procedure,
    SuspensionReason,
};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn case(no: &str) -> CaseState {
    let case_no = CaseNumber::parse(no).unwrap();
    CaseState::filed(CaseRecord {
        court: case_no.court().clone(),
        case_no,
        procedure: Procedure::Ordinary,
        cause: "民间借贷纠纷".into(),
        received_on: None,
        filed_on: d("2025-03-01"),
        online: true,
        claim_amount: Some(Amount::from_yuan_str("50000").unwrap()),
        tags: vec![],
        origin: None,
        sealed: false,
        possible_sentence_months: None,
        parties: vec![],
    })
}

fn apply(s: &mut CaseState, on: &str, kind: EventKind) {
    s.apply(Event { on: d(on), kind }).unwrap();
}

#[test]
fn each_stage_of_a_civil_case_has_its_sentence_and_a_judgment_says_how_long_to_appeal() {
    let mut s = case("（2025）内0203民初7号");
    assert_eq!(current(&s), "法院已立案，正在分配承办法官。");
    apply(&mut s, "2025-03-02", EventKind::Assigned { judge: "J0007".into(), department: None });
    assert_eq!(current(&s), "承办法官正在办理。");
    apply(
        &mut s,
        "2025-03-05",
        EventKind::HearingScheduled { hearing_on: d("2025-04-01"), room: Some("第三法庭".into()) },
    );
    assert_eq!(current(&s), "承办法官正在办理，定于 2025-04-01 在第三法庭开庭。");
    apply(&mut s, "2025-04-01", EventKind::HearingHeld { online: false, streamed: false });
    assert_eq!(current(&s), "承办法官正在办理。", "the hearing held is no longer announced");
    apply(&mut s, "2025-04-20", EventKind::Closed { method: CloseMethod::Judgment, outcome: None });
    let closed = current(&s);
    assert!(closed.starts_with("法院已作出判决。"), "{closed}");
    assert!(closed.contains("判决书送达之日起15日内") && closed.contains("民事诉讼法第一百七十一条"), "{closed}");
    let lines = timeline(&s);
    assert_eq!(lines[0].on, d("2025-03-01"));
    assert!(lines[0].text.contains("（2025）内0203民初7号") && lines[0].text.contains("民间借贷纠纷"));
    assert_eq!(lines.len(), 5, "filed, assigned, scheduled, held, closed: {lines:?}");
}

#[test]
fn the_time_to_appeal_follows_the_procedure_law_of_the_case_and_is_not_offered_on_appeal() {
    let close = |no: &str, method: CloseMethod| {
        let mut s = case(no);
        apply(&mut s, "2025-03-02", EventKind::Assigned { judge: "J0007".into(), department: None });
        apply(&mut s, "2025-04-20", EventKind::Closed { method, outcome: None });
        current(&s)
    };
    assert!(close("（2025）内0203民初8号", CloseMethod::Dismissal).contains("裁定书送达之日起10日内"));
    assert!(
        close("（2025）内0203刑初8号", CloseMethod::Judgment)
            .contains("10日内向上一级人民法院提起上诉（刑事诉讼法第二百三十条）")
    );
    assert!(
        close("（2025）内0203行初8号", CloseMethod::Judgment)
            .contains("15日内向上一级人民法院提起上诉（行政诉讼法第八十五条）")
    );
    let second = close("（2025）内02民终8号", CloseMethod::Affirmed);
    assert!(second.contains("终审") && !second.contains("上诉（"), "{second}");
    let mediated = close("（2025）内0203民初9号", CloseMethod::Mediation);
    assert!(mediated.contains("调解书") && !mediated.contains("上诉"), "{mediated}");
}

#[test]
fn internal_steps_are_never_told_to_the_party() {
    let mut s = case("（2025）内0203民初10号");
    apply(&mut s, "2025-03-02", EventKind::Assigned { judge: "J0007".into(), department: None });
    apply(
        &mut s,
        "2025-03-03",
        EventKind::SupervisionFlagged { category: FlagCategory::MajorComplex, by: "J0001".into() },
    );
    apply(&mut s, "2025-03-04", EventKind::Deliberated { body: Body::AdjudicationCommittee });
    apply(
        &mut s,
        "2025-03-05",
        EventKind::ExtensionRequested { length: Period::Months(6), approver: Approver::President },
    );
    apply(&mut s, "2025-03-06", EventKind::Suspended { reason: SuspensionReason::Appraisal });
    let text: String = timeline(&s).iter().map(|l| l.text.clone()).collect();
    for internal in ["四类", "审判委员会", "审委会", "延长", "J0007", "J0001"] {
        assert!(!text.contains(internal), "{internal} told: {text}");
    }
    assert!(text.contains("暂停"), "a suspension concerns the party: {text}");
    assert_eq!(timeline(&s).len(), 3, "filed, assigned, suspended");
    assert_eq!(current(&s), "案件暂停审理或执行，相关情形消除后继续。");
}

//! 四类案件 and 阅核 on the case (法发〔2021〕30号): what the lifecycle accepts and refuses, how
//! the supervision folds, and when the closing is held back.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use docket_domain::supervision::{Body, FlagCategory, Honour, HonourLevel, ReadingResult, SupervisionRules};
use docket_domain::{
    Amount, CaseNumber, CaseRecord, CaseState, CloseMethod, Event, EventKind, LifecycleError, Procedure, Tag,
};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn case() -> CaseState {
    let case_no = CaseNumber::parse("（2025）内0203民初7号").unwrap();
    CaseState::filed(CaseRecord {
        court: case_no.court().clone(),
        case_no,
        procedure: Procedure::Ordinary,
        cause: "民间借贷纠纷".into(),
        received_on: None,
        filed_on: d("2025-03-01"),
        online: false,
        claim_amount: Some(Amount::from_yuan_str("50000").unwrap()),
        tags: vec![],
        origin: None,
        sealed: false,
        possible_sentence_months: None,
        parties: vec![],
    })
}

fn apply(s: &mut CaseState, on: &str, kind: EventKind) -> Result<(), LifecycleError> {
    s.apply(Event { on: d(on), kind })
}

fn flag() -> EventKind {
    EventKind::SupervisionFlagged { category: FlagCategory::MajorComplex, by: "J0007".into() }
}

fn request() -> EventKind {
    EventKind::ReadingRequested { reviewer: "J0001".into() }
}

fn done(result: ReadingResult, note: Option<&str>) -> EventKind {
    EventKind::ReadingDone { reviewer: "J0001".into(), result, note: note.map(str::to_owned) }
}

#[test]
fn a_marked_case_is_cleared_to_close_only_by_an_approved_reading() {
    let rules = SupervisionRules::default();
    let mut s = case();
    assert_eq!(s.supervision().closing_refusal(&rules), None, "an unmarked case closes freely");
    apply(&mut s, "2025-03-02", flag()).unwrap();
    assert!(s.supervision().closing_refusal(&rules).unwrap().contains("阅核"));
    apply(&mut s, "2025-03-10", request()).unwrap();
    assert_eq!(s.supervision().pending, Some(("J0001".into(), d("2025-03-10"))));
    assert!(s.supervision().closing_refusal(&rules).is_some(), "pending is not approved");
    apply(&mut s, "2025-03-12", done(ReadingResult::Returned, Some("事实部分需补充"))).unwrap();
    let sup = s.supervision();
    assert_eq!(sup.last, Some((ReadingResult::Returned, d("2025-03-12"), Some("事实部分需补充".into()))));
    assert!(sup.closing_refusal(&rules).is_some(), "returned is not approved");
    apply(&mut s, "2025-03-15", request()).unwrap();
    apply(&mut s, "2025-03-16", done(ReadingResult::Approved, None)).unwrap();
    assert_eq!(s.supervision().closing_refusal(&rules), None);
    // A new submission (the draft changed) needs its own answer.
    apply(&mut s, "2025-03-17", request()).unwrap();
    assert!(s.supervision().closing_refusal(&rules).is_some());
    // With the setting off nothing is held back.
    let off = SupervisionRules { reading_required: false, ..SupervisionRules::default() };
    assert_eq!(s.supervision().closing_refusal(&off), None);
}

#[test]
fn the_committee_decides_a_case_a_reading_sent_to_it_and_no_other() {
    let rules = SupervisionRules::default();
    let mut s = case();
    apply(&mut s, "2025-03-02", flag()).unwrap();
    apply(&mut s, "2025-03-03", EventKind::Deliberated { body: Body::AdjudicationCommittee }).unwrap();
    assert!(s.supervision().closing_refusal(&rules).is_some(), "a discussion nobody sent it to is not a reading");
    apply(&mut s, "2025-03-04", request()).unwrap();
    apply(&mut s, "2025-03-05", done(ReadingResult::ToCommittee, None)).unwrap();
    apply(&mut s, "2025-03-06", EventKind::Deliberated { body: Body::ProfessionalJudges }).unwrap();
    assert!(s.supervision().closing_refusal(&rules).is_some(), "a 专业法官会议 does not decide it");
    apply(&mut s, "2025-03-20", EventKind::Deliberated { body: Body::AdjudicationCommittee }).unwrap();
    assert_eq!(s.supervision().closing_refusal(&rules), None);
}

#[test]
fn out_of_turn_supervision_events_are_refused_naming_their_field() {
    let mut s = case();
    let e = apply(&mut s, "2025-03-02", request()).unwrap_err();
    assert_eq!((e.clone(), e.field()), (LifecycleError::NotFlagged, "type"));
    assert_eq!(
        apply(&mut s, "2025-03-02", EventKind::SupervisionCleared { by: "J0007".into() }).unwrap_err(),
        LifecycleError::NotFlagged
    );
    assert_eq!(apply(&mut s, "2025-03-02", done(ReadingResult::Approved, None)).unwrap_err().field(), "reviewer");
    apply(&mut s, "2025-03-02", flag()).unwrap();
    assert!(matches!(apply(&mut s, "2025-03-03", flag()).unwrap_err(), LifecycleError::AlreadyFlagged { .. }));
    apply(&mut s, "2025-03-04", request()).unwrap();
    assert!(matches!(apply(&mut s, "2025-03-05", request()).unwrap_err(), LifecycleError::ReadingPending { .. }));
    let e = apply(&mut s, "2025-03-05", done(ReadingResult::Returned, Some("  "))).unwrap_err();
    assert_eq!((e.clone(), e.field()), (LifecycleError::ReturnWithoutNote, "note"));
    let e = apply(
        &mut s,
        "2025-03-05",
        EventKind::SupervisionFlagged { category: FlagCategory::Misconduct, by: " ".into() },
    );
    assert_eq!(e.unwrap_err().field(), "by");
    // Clearing the mark ends the reading with it.
    apply(&mut s, "2025-03-06", EventKind::SupervisionCleared { by: "J0001".into() }).unwrap();
    assert_eq!(s.supervision(), Default::default());
}

#[test]
fn a_closed_case_takes_distinctions_but_no_more_marks_or_readings() {
    let mut s = case();
    apply(&mut s, "2025-04-01", EventKind::Closed { method: CloseMethod::Judgment, outcome: None }).unwrap();
    assert!(matches!(apply(&mut s, "2025-04-02", flag()).unwrap_err(), LifecycleError::AlreadyClosed { .. }));
    assert!(matches!(
        apply(&mut s, "2025-04-02", EventKind::Deliberated { body: Body::AdjudicationCommittee }).unwrap_err(),
        LifecycleError::AlreadyClosed { .. }
    ));
    apply(&mut s, "2025-05-01", EventKind::Archived).unwrap();
    apply(&mut s, "2025-09-01", EventKind::Distinguished { honour: Honour::ModelDocument, level: HonourLevel::City })
        .unwrap();
}

#[test]
fn the_filing_suggests_a_mark_from_the_tag_the_amount_and_the_cause() {
    let rules = SupervisionRules::default();
    let mut r = case().record;
    assert_eq!(rules.suggest(&r), None);
    r.claim_amount = Some(Amount::from_yuan_str("10000000").unwrap());
    assert_eq!(rules.suggest(&r).unwrap().0, FlagCategory::MajorComplex, "at the amount");
    r.claim_amount = Some(Amount::from_yuan_str("9999999.99").unwrap());
    assert_eq!(rules.suggest(&r), None, "just below it");
    r.cause = "集资诈骗罪".into();
    assert!(rules.suggest(&r).unwrap().1.contains("集资诈骗罪"));
    r.tags = vec![Tag::parse("mass_dispute").unwrap()];
    assert_eq!(rules.suggest(&r).unwrap().0, FlagCategory::MassPublic);
}

//! The conformance story of the work queues' reads.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use docket_domain::{Approver, Period};

use super::*;

/// 待分案 lists open cases without a judge, 待审批 the pending extension requests with their
/// date, length and approver, 近期开庭 the hearings set in a window with their courtroom; a case
/// leaves each queue when what it waited for happens, and only the courts asked are read.
pub async fn the_queues_read_waiting_cases_and_let_them_go<S: Store>(store: S) {
    let assign = |s: &mut CaseState, judge: &str| {
        s.apply(Event { on: date("2025-03-04"), kind: EventKind::Assigned { judge: judge.into(), department: None } })
            .unwrap();
    };
    // 1: no judge. 2: judge, pending extension. 3: judge, hearing on 2025-05-10 in 第三法庭.
    // 4: another court, no judge. 5: closed without a judge.
    let mut one = sample_case("内0203", 1);
    let mut two = sample_case("内0203", 2);
    assign(&mut two, "J1");
    two.apply(Event {
        on: date("2025-05-01"),
        kind: EventKind::ExtensionRequested { length: Period::Months(3), approver: Approver::HigherCourt },
    })
    .unwrap();
    let mut three = sample_case("内0203", 3);
    assign(&mut three, "J2");
    three
        .apply(Event {
            on: date("2025-04-01"),
            kind: EventKind::HearingScheduled { hearing_on: date("2025-05-10"), room: Some("第三法庭".into()) },
        })
        .unwrap();
    let four = sample_case("内0204", 4);
    let mut five = sample_case("内0203", 5);
    five.apply(Event {
        on: date("2025-03-10"),
        kind: EventKind::Closed { method: docket_domain::CloseMethod::Withdrawal, outcome: None },
    })
    .unwrap();
    for s in [&one, &two, &three, &four, &five] {
        store.commit(filing_batch(s), &NoProgress).await.unwrap();
    }
    let courts = vec!["内0203".to_owned()];
    let seqs = |rows: Vec<StoredCase>| rows.iter().map(|r| r.case_no.seq()).collect::<Vec<_>>();

    assert_eq!(seqs(store.unassigned_cases(&courts).await.unwrap()), [1]);
    assert_eq!(seqs(store.unassigned_cases(&["内0203".into(), "内0204".into()]).await.unwrap()), [1, 4]);
    assert!(store.unassigned_cases(&[]).await.unwrap().is_empty(), "no courts, no cases");
    let pending = store.pending_extensions(&courts).await.unwrap();
    assert_eq!(seqs(pending.clone()), [2]);
    let x = pending[0].extension_request.unwrap();
    assert_eq!((x.requested_on, x.length, x.approver), (date("2025-05-01"), Period::Months(3), Approver::HigherCourt));
    assert!(pending[0].extension_pending);
    let hearings = store.hearings_between(&courts, date("2025-05-01"), date("2025-05-10")).await.unwrap();
    assert_eq!(seqs(hearings.clone()), [3]);
    assert_eq!(
        (hearings[0].next_hearing, hearings[0].next_room.as_deref()),
        (Some(date("2025-05-10")), Some("第三法庭"))
    );
    assert!(store.hearings_between(&courts, date("2025-05-11"), date("2025-06-30")).await.unwrap().is_empty());

    // What they waited for happens: assigned, refused, held. Each queue lets its case go.
    let mut batch = Batch::default();
    let mut step = |s: &mut CaseState, e: Event| {
        s.apply(e).unwrap();
        batch.cases.push(CaseWrite { state: s.clone(), new: false });
    };
    step(
        &mut one,
        Event { on: date("2025-05-20"), kind: EventKind::Assigned { judge: "J2".into(), department: None } },
    );
    step(&mut two, Event { on: date("2025-05-20"), kind: EventKind::ExtensionRefused { reason: "理由不充分".into() } });
    step(&mut three, Event { on: date("2025-05-20"), kind: EventKind::HearingHeld { online: true, streamed: false } });
    store.commit(batch, &NoProgress).await.unwrap();
    assert!(store.unassigned_cases(&courts).await.unwrap().is_empty());
    assert!(store.pending_extensions(&courts).await.unwrap().is_empty());
    let after = store.case(&two.record.case_no).await.unwrap().unwrap();
    assert_eq!((after.extension_request, after.extension_pending), (None, false));
    assert!(store.hearings_between(&courts, date("2025-05-01"), date("2025-05-31")).await.unwrap().is_empty());
    // A rebuild from these states gives the same rows.
    store.replace_case_projections(vec![one.clone(), two.clone(), three.clone(), four, five]).await.unwrap();
    assert!(store.projection_rebuilds().await.unwrap().is_empty());
    assert_eq!(store.case(&three.record.case_no).await.unwrap().unwrap(), StoredCase::from_state(&three));
}

/// Notifications are kept per judge of a court, listed newest first, counted while unread, and
/// marked read up to one of them or all; another judge's and another court's stay as they were.
pub async fn notifications_are_kept_per_judge_and_marked_read<S: Store>(store: S) {
    use crate::NewNotification;
    let note = |court: &str, judge: &str, n: u32| NewNotification {
        court: court.into(),
        judge: judge.into(),
        case_no: format!("（2025）{court}民初{n}号"),
        kind: "assigned".into(),
        text: format!("分案给你：第 {n} 件"),
    };
    store
        .add_notifications(&[
            note("内0203", "J1", 1),
            note("内0203", "J1", 2),
            note("内0203", "J2", 3),
            note("内0204", "J1", 4),
        ])
        .await
        .unwrap();
    store.add_notifications(&[note("内0203", "J1", 5)]).await.unwrap();
    let mine = store.notifications("内0203", "J1", 10).await.unwrap();
    let texts: Vec<&str> = mine.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts, ["分案给你：第 5 件", "分案给你：第 2 件", "分案给你：第 1 件"]);
    assert_eq!(store.unread_notifications("内0203", "J1").await.unwrap(), 3);
    assert_eq!(store.notifications("内0203", "J1", 2).await.unwrap().len(), 2, "the limit holds");
    // Up to the second: the two oldest are read, the newest not.
    assert_eq!(store.mark_notifications_read("内0203", "J1", Some(mine[1].id)).await.unwrap(), 2);
    assert_eq!(store.unread_notifications("内0203", "J1").await.unwrap(), 1);
    let after = store.notifications("内0203", "J1", 10).await.unwrap();
    assert!(after[0].read_at.is_none() && after[1].read_at.is_some() && after[2].read_at.is_some());
    assert_eq!(store.mark_notifications_read("内0203", "J1", None).await.unwrap(), 1);
    assert_eq!(store.unread_notifications("内0203", "J1").await.unwrap(), 0);
    assert_eq!(store.unread_notifications("内0203", "J2").await.unwrap(), 1, "another judge's stay unread");
    assert_eq!(store.unread_notifications("内0204", "J1").await.unwrap(), 1, "the same code in another court too");
}

/// An enforcement case of `court` numbered `seq`, filed on `filed`, 100,000.00 applied for.
fn enforcement_case(court_code: &str, seq: u32, filed: &str) -> CaseState {
    let mut s = sample_case(court_code, seq);
    let c = court(court_code);
    s.record.case_no = CaseNumber::new(2025, c, CaseType::lookup("执").unwrap(), seq).unwrap();
    s.record.procedure = Procedure::None;
    s.record.filed_on = date(filed);
    s.record.claim_amount = docket_domain::Amount::from_yuan_str("100000.00").ok();
    s.record.parties[0].role = PartyRole::Applicant;
    CaseState::filed(s.record)
}

/// The 执行 page's lists: open cases filed in a window, the 终本 library, the cases where a
/// government body owes, the 超标的 seizures — each only of enforcement cases of the courts asked.
pub async fn the_enforcement_lists_read_exactly_their_cases<S: Store>(store: S) {
    use crate::EnforcementList as L;
    use docket_domain::{CloseMethod, Measure, OrgType};
    let measure = |m: Measure, amount: Option<&str>| EventKind::EnforcementMeasure {
        measure: m,
        amount: amount.and_then(|a| docket_domain::Amount::from_yuan_str(a).ok()),
        persons: None,
    };
    // 1: open, filed 03-03. 2: open, filed 01-10. 3: 终本. 4: against a county government, open.
    // 5: a freeze above the amount. 6: a civil case (never listed). 7: another court's 终本.
    let one = enforcement_case("内0203", 1, "2025-03-03");
    let two = enforcement_case("内0203", 2, "2025-01-10");
    let mut three = enforcement_case("内0203", 3, "2025-01-05");
    three.apply(Event { on: date("2025-02-01"), kind: measure(Measure::OnlineQuery, None) }).unwrap();
    three
        .apply(Event {
            on: date("2025-05-01"),
            kind: EventKind::Closed { method: CloseMethod::EnforcementTerminated, outcome: None },
        })
        .unwrap();
    let mut four = enforcement_case("内0203", 4, "2025-02-01");
    four.record.parties.push(Party {
        role: PartyRole::Respondent,
        kind: PartyKind::Organization,
        name: "某县人民政府".into(),
        id: None,
        org_type: Some(OrgType::Government),
        address: None,
        phone: None,
        agents: Vec::new(),
    });
    let four = CaseState::filed(four.record);
    let mut five = enforcement_case("内0203", 5, "2025-02-02");
    five.apply(Event { on: date("2025-02-05"), kind: measure(Measure::Freeze, Some("150000.00")) }).unwrap();
    let six = sample_case("内0203", 6);
    let mut seven = enforcement_case("内0204", 7, "2025-01-05");
    seven
        .apply(Event {
            on: date("2025-05-01"),
            kind: EventKind::Closed { method: CloseMethod::EnforcementTerminated, outcome: None },
        })
        .unwrap();
    for s in [&one, &two, &three, &four, &five, &six, &seven] {
        store.commit(filing_batch(s), &NoProgress).await.unwrap();
    }
    let courts = vec!["内0203".to_owned()];
    let numbers = |rows: Vec<StoredCase>| rows.into_iter().map(|r| r.case_no.seq()).collect::<Vec<_>>();
    let window = L::FiledBetween(date("2025-01-01"), date("2025-02-01"));
    assert_eq!(numbers(store.enforcement_cases(&courts, window).await.unwrap()), vec![2, 4]);
    let library = store.enforcement_cases(&courts, L::Terminated).await.unwrap();
    assert_eq!(numbers(library.clone()), vec![3]);
    assert!(library[0].enforcement.iter().any(|f| f.fact == crate::EnforcementFact::Query), "its facts come along");
    assert_eq!(numbers(store.enforcement_cases(&courts, L::Government).await.unwrap()), vec![4]);
    assert_eq!(numbers(store.enforcement_cases(&courts, L::OverSeizure).await.unwrap()), vec![5]);
    let both = vec!["内0203".to_owned(), "内0204".to_owned()];
    assert_eq!(numbers(store.enforcement_cases(&both, L::Terminated).await.unwrap()), vec![3, 7]);
    assert!(store.enforcement_cases(&[], L::Terminated).await.unwrap().is_empty());
}

/// The cases whose fee may be due back: closed since a day, holding a payment and not yet refunded,
/// of the courts asked; an open case, one closed before, one without a payment, one refunded and
/// another court's are not read.
pub async fn the_cases_holding_a_fee_are_read_from_their_closing<S: Store>(store: S) {
    use docket_domain::{Amount, CloseMethod};
    let paid = |s: &mut CaseState, on: &str| {
        s.apply(Event {
            on: date(on),
            kind: EventKind::FeePaid { amount: Amount::yuan(1150), online: true, reference: None },
        })
        .unwrap();
    };
    let close = |s: &mut CaseState, on: &str| {
        s.apply(Event { on: date(on), kind: EventKind::Closed { method: CloseMethod::Mediation, outcome: None } })
            .unwrap();
    };
    // 1: paid, closed 06-01. 2: paid, open. 3: paid, closed 03-20 (before). 4: closed, nothing
    // paid. 5: another court's, paid and closed 06-02. 6: paid, closed 05-20. 7: paid, closed
    // 05-21 and refunded.
    let mut cases = Vec::new();
    for (court, n, pay, closed) in [
        ("内0203", 1, true, Some("2025-06-01")),
        ("内0203", 2, true, None),
        ("内0203", 3, true, Some("2025-03-20")),
        ("内0203", 4, false, Some("2025-06-01")),
        ("内0204", 5, true, Some("2025-06-02")),
        ("内0203", 6, true, Some("2025-05-20")),
        ("内0203", 7, true, Some("2025-05-21")),
    ] {
        let mut s = sample_case(court, n);
        if pay {
            let filed = s.record.filed_on.to_string();
            paid(&mut s, &filed);
        }
        if let Some(on) = closed {
            close(&mut s, on);
        }
        if n == 7 {
            s.apply(Event {
                on: date("2025-05-30"),
                kind: EventKind::FeeRefunded { amount: Amount::yuan(575), online: false },
            })
            .unwrap();
        }
        cases.push(s);
    }
    for s in &cases {
        store.commit(filing_batch(s), &NoProgress).await.unwrap();
    }
    let numbers = |rows: Vec<StoredCase>| rows.into_iter().map(|r| r.case_no.seq()).collect::<Vec<_>>();
    let courts = vec!["内0203".to_owned()];
    let rows = store.fees_held_closed_since(&courts, date("2025-04-01")).await.unwrap();
    assert_eq!(numbers(rows.clone()), vec![6, 1]);
    assert!(rows[0].enforcement.iter().any(|f| matches!(f.fact, crate::EnforcementFact::FeePaid(true, _))));
    let both = vec!["内0203".to_owned(), "内0204".to_owned()];
    assert_eq!(numbers(store.fees_held_closed_since(&both, date("2025-04-01")).await.unwrap()), vec![6, 1, 5]);
    assert!(store.fees_held_closed_since(&[], date("2025-04-01")).await.unwrap().is_empty());
}

/// The cases the 审委会 register and a judge's page read: discussed or distinguished, of the
/// courts asked; a case whose 阅核 went to a judge code holding the same letters (`a1`) is not.
pub async fn the_discussed_and_distinguished_cases_are_read_by_their_facts<S: Store>(store: S) {
    use docket_domain::CloseMethod;
    use docket_domain::supervision::{Body, FlagCategory, Honour, HonourLevel};
    let mut one = sample_case("内0203", 1);
    one.apply(Event { on: date("2025-03-10"), kind: EventKind::Deliberated { body: Body::AdjudicationCommittee } })
        .unwrap();
    let mut two = sample_case("内0203", 2);
    two.apply(Event {
        on: date("2025-04-01"),
        kind: EventKind::Closed { method: CloseMethod::Judgment, outcome: None },
    })
    .unwrap();
    two.apply(Event {
        on: date("2025-09-01"),
        kind: EventKind::Distinguished { honour: Honour::ModelDocument, level: HonourLevel::City },
    })
    .unwrap();
    let mut three = sample_case("内0203", 3);
    three
        .apply(Event {
            on: date("2025-03-10"),
            kind: EventKind::SupervisionFlagged { category: FlagCategory::MajorComplex, by: "Ja1".into() },
        })
        .unwrap();
    three
        .apply(Event { on: date("2025-03-11"), kind: EventKind::ReadingRequested { reviewer: "Xa1w2".into() } })
        .unwrap();
    let mut four = sample_case("内0204", 4);
    four.apply(Event { on: date("2025-03-10"), kind: EventKind::Deliberated { body: Body::ProfessionalJudges } })
        .unwrap();
    for s in [&one, &two, &three, &four] {
        store.commit(filing_batch(s), &NoProgress).await.unwrap();
    }
    let numbers = |rows: Vec<StoredCase>| rows.into_iter().map(|r| r.case_no.seq()).collect::<Vec<_>>();
    let read = store.discussed_or_honoured_cases(&["内0203".to_owned()]).await.unwrap();
    assert_eq!(numbers(read), vec![1, 2]);
    let both = vec!["内0203".to_owned(), "内0204".to_owned()];
    assert_eq!(numbers(store.discussed_or_honoured_cases(&both).await.unwrap()), vec![1, 2, 4]);
    assert!(store.discussed_or_honoured_cases(&[]).await.unwrap().is_empty());
}

/// The cases with a document neither published nor withheld (待上网), of the courts asked; a case
/// whose only document was answered, one with none but a reviewer code holding the letter of the
/// waiting code (`y1`), and another court's are not read.
pub async fn the_cases_with_a_document_waiting_are_read_by_their_facts<S: Store>(store: S) {
    use docket_domain::publication::DocKind;
    let issued = |s: &mut CaseState, on: &str, doc: DocKind| {
        s.apply(Event { on: date(on), kind: EventKind::DocumentIssued { doc, text: "本院认为……".into() } }).unwrap();
    };
    let answered = |s: &mut CaseState, on: &str, withheld: Option<&str>| {
        let withheld = withheld.map(str::to_owned);
        s.apply(Event { on: date(on), kind: EventKind::DocumentPublished { withheld } }).unwrap();
    };
    // 1: a judgment waiting. 2: a judgment published. 3: a reviewer "y1", no document. 4: a ruling
    // withheld, then a judgment waiting. 5: another court's, waiting.
    let mut one = sample_case("内0203", 1);
    issued(&mut one, "2025-05-06", DocKind::Judgment);
    let mut two = sample_case("内0203", 2);
    issued(&mut two, "2025-05-06", DocKind::Judgment);
    answered(&mut two, "2025-05-08", None);
    let mut three = sample_case("内0203", 3);
    let flag = docket_domain::supervision::FlagCategory::MajorComplex;
    three
        .apply(Event {
            on: date("2025-03-10"),
            kind: EventKind::SupervisionFlagged { category: flag, by: "Jy".into() },
        })
        .unwrap();
    three.apply(Event { on: date("2025-03-11"), kind: EventKind::ReadingRequested { reviewer: "y1".into() } }).unwrap();
    let mut four = sample_case("内0203", 4);
    issued(&mut four, "2025-04-01", DocKind::Ruling);
    answered(&mut four, "2025-04-02", Some("涉及个人隐私"));
    issued(&mut four, "2025-05-07", DocKind::Judgment);
    let mut five = sample_case("内0204", 5);
    issued(&mut five, "2025-05-06", DocKind::Mediation);
    for s in [&one, &two, &three, &four, &five] {
        store.commit(filing_batch(s), &NoProgress).await.unwrap();
    }
    let numbers = |rows: &[StoredCase]| rows.iter().map(|r| r.case_no.seq()).collect::<Vec<_>>();
    let read = store.unpublished_document_cases(&["内0203".to_owned()]).await.unwrap();
    assert_eq!(numbers(&read), vec![1, 4]);
    let docs: Vec<_> = read[1]
        .enforcement
        .iter()
        .filter_map(|f| match f.fact {
            crate::EnforcementFact::Document(doc, answered) => Some((f.on, doc, answered)),
            _ => None,
        })
        .collect();
    assert_eq!(
        docs,
        vec![(date("2025-04-01"), DocKind::Ruling, true), (date("2025-05-07"), DocKind::Judgment, false)],
        "each document with whether it was answered, in order"
    );
    let both = vec!["内0203".to_owned(), "内0204".to_owned()];
    assert_eq!(numbers(&store.unpublished_document_cases(&both).await.unwrap()), vec![1, 4, 5]);
    assert!(store.unpublished_document_cases(&[]).await.unwrap().is_empty());
}

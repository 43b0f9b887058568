//! The conformance story of case search.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

/// Searching finds by part of a 案号, a party's name or an ID number and by the filters; the
/// total counts every match and paging covers them once; a sealed case is found only by who may
/// read it (its judge, its court's leadership), and its total is counted the same way.
pub async fn cases_are_searched_with_the_read_rule_in_the_query<S: Store>(store: S) {
    use crate::{CaseSearch, SealedReach, SearchSort, StatusFilter};
    for seq in 1..=30 {
        let code = if seq % 3 == 0 { "内0204" } else { "内0203" };
        let mut s = sample_case(code, seq);
        s.record.parties[0].name =
            if seq == 7 { "包头100%建材有限公司".into() } else { format!("原告{seq}") };
        s.record.sealed = seq == 11 || seq == 14;
        if seq == 5 {
            s.record.tags = vec![docket_domain::Tag::parse("labor").unwrap()];
        }
        s.apply(Event {
            on: date("2025-03-04"),
            kind: EventKind::Assigned { judge: format!("J{}", seq % 2 + 1), department: None },
        })
        .unwrap();
        if seq % 4 == 0 {
            s.apply(Event {
                on: date("2025-04-01"),
                kind: EventKind::Closed { method: docket_domain::CloseMethod::Judgment, outcome: None },
            })
            .unwrap();
        }
        store.commit(filing_batch(&s), &NoProgress).await.unwrap();
    }
    let base = CaseSearch { courts: vec!["内0203".into()], limit: 100, ..CaseSearch::default() };
    let find = |f: &dyn Fn(&mut CaseSearch)| {
        let mut s = base.clone();
        f(&mut s);
        s
    };
    let numbers = |rows: &[crate::StoredCase]| rows.iter().map(|r| r.case_no.seq()).collect::<Vec<_>>();

    // 20 cases in 内0203, two of them sealed: a stranger finds 18.
    let (total, rows) = store.search_cases(&base).await.unwrap();
    assert_eq!((total, rows.len()), (18, 18));
    // The judge of 11 (J2 has the odd numbers) finds one more; the court's leadership both.
    let as_judge = find(&|s| s.sealed = Some(SealedReach::Judge { court: "内0203".into(), judge: "J2".into() }));
    assert_eq!(store.search_cases(&as_judge).await.unwrap().0, 19);
    let as_president = find(&|s| s.sealed = Some(SealedReach::Court("内0203".into())));
    assert_eq!(store.search_cases(&as_president).await.unwrap().0, 20);
    // Leadership of another court reads no sealed case here.
    let elsewhere = find(&|s| s.sealed = Some(SealedReach::Court("内0204".into())));
    assert_eq!(store.search_cases(&elsewhere).await.unwrap().0, 18);
    // A text that only a sealed case matches finds nothing — the total says 0, not 1.
    let sealed_party = find(&|s| s.text = Some("原告11".into()));
    assert_eq!(store.search_cases(&sealed_party).await.unwrap(), (0, vec![]));

    // By part of a 案号, by a party's name (with a literal %), by status, tag, judge, dates.
    let part = find(&|s| s.text = Some("民初1".into()));
    let (_, rows) = store.search_cases(&part).await.unwrap();
    assert!(numbers(&rows).iter().all(|n| n.to_string().starts_with('1')), "{:?}", numbers(&rows));
    let percent = find(&|s| s.text = Some("100%".into()));
    assert_eq!(numbers(&store.search_cases(&percent).await.unwrap().1), [7]);
    let percent_only = find(&|s| s.text = Some("%".into()));
    assert_eq!(store.search_cases(&percent_only).await.unwrap().0, 1, "% matches itself, not everything");
    let closed = find(&|s| s.status = Some(StatusFilter::Closed));
    assert!(numbers(&store.search_cases(&closed).await.unwrap().1).iter().all(|n| n % 4 == 0));
    let labor = find(&|s| s.tag = Some("labor".into()));
    assert_eq!(numbers(&store.search_cases(&labor).await.unwrap().1), [5]);
    let j1 = find(&|s| s.judge = Some("J1".into()));
    assert!(numbers(&store.search_cases(&j1).await.unwrap().1).iter().all(|n| n % 2 == 0));
    let later = find(&|s| s.filed_from = Some(date("2025-03-04")));
    assert_eq!(store.search_cases(&later).await.unwrap().0, 0);

    // Two courts, pages of 7 by 案号: every case once, in order.
    let both = find(&|s| {
        s.courts = vec!["内0203".into(), "内0204".into()];
        s.sort = SearchSort::CaseNo;
        s.limit = 7;
    });
    let mut seen = Vec::new();
    for page in 0..5 {
        let (total, rows) = store.search_cases(&CaseSearch { offset: page * 7, ..both.clone() }).await.unwrap();
        assert_eq!(total, 28);
        seen.extend(rows.iter().map(|r| r.case_no.to_string()));
    }
    let mut sorted = seen.clone();
    sorted.sort_by_key(|n| {
        let c = CaseNumber::parse(n).unwrap();
        (c.court().to_string(), c.seq())
    });
    assert_eq!(seen, sorted);
    assert_eq!(seen.len(), 28);
    assert_eq!(store.search_cases(&find(&|s| s.courts.clear())).await.unwrap(), (0, vec![]));
}

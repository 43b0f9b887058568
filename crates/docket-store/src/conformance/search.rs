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
    // A total the caller keeps is trusted for a list without a text, not for a search with one.
    let kept = find(&|s| s.known_total = Some(999));
    assert_eq!(store.search_cases(&kept).await.unwrap().0, 999);
    let kept_with_text = find(&|s| {
        s.known_total = Some(999);
        s.text = Some("原告1".into());
    });
    assert_ne!(store.search_cases(&kept_with_text).await.unwrap().0, 999);
}

/// The text of a search is looked up in the term index: any part of a party's name, a 案号 from
/// its start or from any of its fields, an ID number in either case of its `X`; a text longer
/// than a term is checked whole; rebuilding the projections rewrites the terms once.
pub async fn a_case_is_found_by_any_part_of_a_name_and_a_case_number_from_any_field<S: Store>(store: S) {
    use crate::CaseSearch;
    use docket_domain::{IdType, PartyId};
    let long_name = "内蒙古自治区鄂尔多斯市准格尔旗某某煤炭有限责任公司";
    let mut states = Vec::new();
    for seq in [1, 12, 112, 120] {
        let mut s = sample_case("内0203", seq);
        s.record.parties[0].name = match seq {
            12 => long_name.into(),
            112 => "内蒙古自治区鄂尔多斯市准格尔旗某某建材有限责任公司".into(),
            120 => "其其格".into(),
            _ => "王建国".into(),
        };
        if seq == 1 {
            s.record.parties[0].id = Some(PartyId::parse(IdType::ResidentId, "15020319880502101X").unwrap());
        }
        store.commit(filing_batch(&s), &NoProgress).await.unwrap();
        states.push(s);
    }
    async fn found<S: Store>(store: &S, text: &str) -> Vec<u32> {
        let search =
            CaseSearch { courts: vec!["内0203".into()], text: Some(text.into()), limit: 10, ..CaseSearch::default() };
        let (total, rows) = store.search_cases(&search).await.unwrap();
        let mut seqs: Vec<u32> = rows.iter().map(|r| r.case_no.seq()).collect();
        seqs.sort_unstable();
        assert_eq!(total as usize, seqs.len(), "{text}");
        seqs
    }
    for round in 0..2 {
        assert_eq!(found(&store, "建国").await, [1], "the end of a name (round {round})");
        assert_eq!(found(&store, "其格").await, [120], "the middle of a name");
        assert_eq!(found(&store, "煤炭").await, [12], "the middle of a long name, past its first term");
        assert_eq!(found(&store, "准格尔旗某某").await, [12, 112]);
        assert_eq!(found(&store, long_name).await, [12], "a name longer than a term, checked whole");
        assert_eq!(found(&store, "内蒙古自治区鄂尔多斯市准格尔旗某某建材").await, [112]);
        assert_eq!(found(&store, "民初12号").await, [12], "from the type code, to its end");
        assert_eq!(found(&store, "民初12").await, [12, 120], "from the type code, a prefix");
        assert_eq!(found(&store, "112号").await, [112], "from the number");
        assert_eq!(found(&store, "内0203民初1号").await, [1], "from the court code");
        assert_eq!(found(&store, "(2025)内0203民初11").await, [112], "half-width brackets are the full-width ones");
        assert_eq!(found(&store, "0203民初").await, Vec::<u32>::new(), "not from the middle of a field");
        assert_eq!(found(&store, "15020319880502101x").await, [1], "an ID number, its X in either case");
        assert_eq!(found(&store, "150203198805").await, [1], "the start of an ID number");
        assert_eq!(found(&store, "煤炭有限责任公司X").await, Vec::<u32>::new());
        // Rebuilding the projections from the log rewrites the terms, each once.
        store.replace_case_projections(states.clone()).await.unwrap();
    }
}

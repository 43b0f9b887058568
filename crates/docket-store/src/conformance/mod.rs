//! The backend conformance suite: the same stories, generic over [`Store`], run against SQLite
//! always and PostgreSQL when `DOCKET_TEST_PG_URL` is set (`tests/conformance.rs`). A backend
//! is correct when every story passes; each panics with what went wrong.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use docket_domain::chain::ChainVerifier;
use docket_domain::{
    CaseNumber, CaseRecord, CaseState, CaseType, Court, CourtCode, CourtLevel, Event, EventKind, Party, PartyKind,
    PartyRole, Procedure,
};

mod accounts;
mod backup;
mod portal;
mod queues;
mod search;

pub use accounts::*;
pub use backup::*;
pub use portal::*;
pub use queues::*;
pub use search::*;

use crate::{Batch, CaseWrite, EntryKind, NewEntry, NoProgress, Store, StoreError, StoredCase, StoredFacts};

fn court(code: &str) -> CourtCode {
    CourtCode::parse(code).unwrap()
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A simple civil case numbered `seq` in `court`, filed in 2025.
pub fn sample_case(court_code: &str, seq: u32) -> CaseState {
    let c = court(court_code);
    let case_no = CaseNumber::new(2025, c.clone(), CaseType::lookup("民初").unwrap(), seq).unwrap();
    CaseState::filed(CaseRecord {
        court: c,
        case_no,
        procedure: Procedure::Simple,
        cause: "民间借贷纠纷".into(),
        received_on: None,
        filed_on: date("2025-03-03"),
        online: seq.is_multiple_of(2),
        claim_amount: None,
        tags: vec![],
        origin: None,
        sealed: false,
        possible_sentence_months: None,
        parties: vec![Party::new(PartyRole::Plaintiff, PartyKind::Person, format!("原告{seq}"))],
    })
}

/// A batch that files `state` as a new case: its case entry and one entry per event.
pub fn filing_batch(state: &CaseState) -> Batch {
    let n = &state.record.case_no;
    let mut entries = vec![NewEntry {
        court: state.record.court.clone(),
        kind: EntryKind::Case,
        case: Some((n.clone(), 0)),
        on: Some(state.record.filed_on),
        event_type: None,
        body: format!("case {n}"),
    }];
    for (i, e) in state.events.iter().enumerate() {
        entries.push(NewEntry {
            court: state.record.court.clone(),
            kind: EntryKind::Event,
            case: Some((n.clone(), i as u32 + 1)),
            on: Some(e.on),
            event_type: Some(e.kind.type_name()),
            body: format!("event {n} {i}"),
        });
    }
    Batch { entries, cases: vec![CaseWrite { state: state.clone(), new: true }], ..Batch::default() }
}

async fn verify_chains<S: Store>(store: &S) -> u64 {
    let mut checked = 0;
    for head in store.chain_heads().await.unwrap() {
        let mut v = ChainVerifier::default();
        let mut after = Some((head.court.clone(), 0));
        loop {
            let page = store.scan_log(None, after.clone(), 1000).await.unwrap();
            let page: Vec<_> = page.into_iter().filter(|e| e.court == head.court).collect();
            let Some(last) = page.last() else { break };
            after = Some((last.court.clone(), last.seq));
            for e in &page {
                v.check(e.seq as u64, &e.recorded_at, &e.body, &e.hash).unwrap();
            }
        }
        v.finish(head.seq as u64, &head.hash).unwrap();
        checked += v.entries_checked();
    }
    checked
}

/// Entries are numbered from 1 in each court's chain, hash-linked, and the heads agree.
pub async fn committed_entries_form_one_chain_per_court<S: Store>(store: S) {
    let mut batch = Batch::default();
    for (code, n) in [("内0203", 3), ("内0204", 2)] {
        for seq in 1..=n {
            let mut s = sample_case(code, seq);
            s.apply(Event { on: date("2025-03-04"), kind: EventKind::HearingHeld { online: false, streamed: false } })
                .unwrap();
            let b = filing_batch(&s);
            batch.entries.extend(b.entries);
            batch.cases.extend(b.cases);
        }
    }
    let receipt = store.commit(batch, &NoProgress).await.unwrap();
    assert_eq!((receipt.entries, receipt.cases), (10, 5));
    let heads = store.chain_heads().await.unwrap();
    assert_eq!(heads.iter().map(|h| (h.court.as_str(), h.seq)).collect::<Vec<_>>(), [("内0203", 6), ("内0204", 4)]);
    assert_eq!(verify_chains(&store).await, 10);

    // A second commit continues the chains.
    store.commit(filing_batch(&sample_case("内0203", 4)), &NoProgress).await.unwrap();
    assert_eq!(verify_chains(&store).await, 11);
}

/// The projection written with the entries reads back equal to the state it came from.
pub async fn a_case_reads_back_as_it_was_written<S: Store>(store: S) {
    let mut s = sample_case("内0203", 7);
    s.apply(Event { on: date("2025-03-05"), kind: EventKind::Assigned { judge: "J1".into(), department: None } })
        .unwrap();
    store.commit(filing_batch(&s), &NoProgress).await.unwrap();
    let n = s.record.case_no.clone();
    assert_eq!(store.case(&n).await.unwrap(), Some(StoredCase::from_state(&s)));
    let parties = store.case_parties(&n).await.unwrap();
    assert_eq!(parties.len(), 1);
    assert_eq!(parties[0].name, "原告7");
    let entries = store.case_entries(&n).await.unwrap();
    assert_eq!(entries.iter().map(|e| e.case_seq).collect::<Vec<_>>(), [Some(0), Some(1)]);
    assert_eq!(entries[1].event_type.as_deref(), Some("assigned"));
    assert_eq!(store.existing_cases(&[n.clone(), sample_case("内0203", 8).record.case_no]).await.unwrap(), [n]);
}

/// A batch that reuses a taken case position is refused whole: nothing of it is stored.
pub async fn a_conflicting_batch_stores_nothing<S: Store>(store: S) {
    let line = |target: &str| crate::AuditRow {
        id: 0,
        court: "内0203".into(),
        at: "2025-03-03T00:00:00Z".into(),
        username: "clerk".into(),
        action: "file_case".into(),
        target: target.into(),
        detail: String::new(),
    };
    let mut first = filing_batch(&sample_case("内0203", 1));
    first.audit.push(line("（2025）内0203民初1号"));
    store.commit(first, &NoProgress).await.unwrap();
    let before = store.summary().await.unwrap();
    let mut batch = filing_batch(&sample_case("内0203", 2));
    batch.entries.extend(filing_batch(&sample_case("内0203", 1)).entries);
    batch.audit.push(line("（2025）内0203民初2号"));
    let err = store.commit(batch, &NoProgress).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    assert_eq!(store.summary().await.unwrap(), before);
    assert_eq!(verify_chains(&store).await, 1);
    // The audit line came with its change, and the refused change left none.
    let audit: Vec<String> = store.audit_log("内0203", 10).await.unwrap().into_iter().map(|r| r.target).collect();
    assert_eq!(audit, ["（2025）内0203民初1号"]);
}

/// 案号 allocation under concurrent filings: unique and gap-free, per court × type × year.
pub async fn concurrent_filings_get_unique_gap_free_numbers<S: Store>(store: S) {
    let c = court("内0203");
    let tasks: Vec<_> = (0..24)
        .map(|i| {
            let store = store.clone();
            let c = c.clone();
            tokio::spawn(async move {
                let type_code = if i % 3 == 0 { "执" } else { "民初" };
                let (seq, _) = store
                    .file_case(&c, type_code, 2025, move |seq| {
                        let mut s = sample_case("内0203", seq);
                        if type_code == "执" {
                            let n =
                                CaseNumber::new(2025, court("内0203"), CaseType::lookup("执").unwrap(), seq).unwrap();
                            s.record.case_no = n;
                            s.record.procedure = Procedure::None;
                            s.procedure = Procedure::None;
                        }
                        Ok(filing_batch(&s))
                    })
                    .await
                    .unwrap();
                (type_code, seq)
            })
        })
        .collect();
    let mut civil = Vec::new();
    let mut enforcement = Vec::new();
    for t in tasks {
        let (type_code, seq) = t.await.unwrap();
        if type_code == "执" { enforcement.push(seq) } else { civil.push(seq) }
    }
    civil.sort_unstable();
    enforcement.sort_unstable();
    assert_eq!(civil, (1..=16).collect::<Vec<_>>());
    assert_eq!(enforcement, (1..=8).collect::<Vec<_>>());
    assert_eq!(store.summary().await.unwrap().cases, 24);
    assert_eq!(verify_chains(&store).await, 24);
}

/// Numbers already used by imported cases are never allocated again.
pub async fn allocation_continues_after_imported_numbers<S: Store>(store: S) {
    store.commit(filing_batch(&sample_case("内0203", 57)), &NoProgress).await.unwrap();
    let (seq, _) = store
        .file_case(&court("内0203"), "民初", 2025, |seq| Ok(filing_batch(&sample_case("内0203", seq))))
        .await
        .unwrap();
    assert_eq!(seq, 58);
    // Another year starts again at 1.
    let (seq, _) = store
        .file_case(&court("内0203"), "民初", 2026, |seq| {
            let mut s = sample_case("内0203", seq);
            s.record.case_no = CaseNumber::new(2026, court("内0203"), CaseType::lookup("民初").unwrap(), seq).unwrap();
            s.record.filed_on = date("2026-01-05");
            s.last_on = s.record.filed_on;
            Ok(filing_batch(&s))
        })
        .await
        .unwrap();
    assert_eq!(seq, 1);
}

/// A failed filing gives its number back: the next filing gets the same number.
pub async fn a_failed_filing_leaves_no_gap<S: Store>(store: S) {
    store.commit(filing_batch(&sample_case("内0203", 1)), &NoProgress).await.unwrap();
    // The batch collides with case 1's position, so the whole filing (and its number) rolls back.
    let err = store
        .file_case(&court("内0203"), "民初", 2025, |seq| {
            let mut b = filing_batch(&sample_case("内0203", seq));
            b.entries.extend(filing_batch(&sample_case("内0203", 1)).entries);
            Ok(b)
        })
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    let (seq, _) = store
        .file_case(&court("内0203"), "民初", 2025, |seq| Ok(filing_batch(&sample_case("内0203", seq))))
        .await
        .unwrap();
    assert_eq!(seq, 2);
}

/// Reference projections and log scans by kind.
pub async fn reference_data_and_log_scans_read_back<S: Store>(store: S) {
    let court_rec =
        Court::new(court("内02"), "包头市中级人民法院".into(), CourtLevel::Intermediate, Some(court("内"))).unwrap();
    let mut batch = filing_batch(&sample_case("内02", 1));
    batch.entries.insert(
        0,
        NewEntry {
            court: court("内02"),
            kind: EntryKind::Court,
            case: None,
            on: None,
            event_type: None,
            body: "court".into(),
        },
    );
    batch.courts.push(court_rec.clone());
    store.commit(batch, &NoProgress).await.unwrap();
    assert_eq!(store.courts().await.unwrap(), [court_rec]);
    assert_eq!(store.name_of(crate::Named::Court("内02")).await.unwrap().as_deref(), Some("包头市中级人民法院"));
    assert_eq!(store.name_of(crate::Named::Court("内03")).await.unwrap(), None);
    assert_eq!(store.name_of(crate::Named::Judge("内02", "J1")).await.unwrap(), None);
    assert_eq!(store.name_of(crate::Named::Department("内02", "ms1")).await.unwrap(), None);
    let courts = store.scan_log(Some(EntryKind::Court), None, 10).await.unwrap();
    assert_eq!(courts.len(), 1);
    assert_eq!((courts[0].seq, courts[0].body.as_str()), (1, "court"));
    let cases = store.scan_log(Some(EntryKind::Case), Some(("内02".into(), 1)), 10).await.unwrap();
    assert_eq!(cases.len(), 1);
    assert!(store.scan_log(Some(EntryKind::Case), Some(("内02".into(), 2)), 10).await.unwrap().is_empty());
}

/// Replacing the projections writes exactly the states given.
pub async fn replacing_projections_writes_exactly_the_states_given<S: Store>(store: S) {
    let a = sample_case("内0203", 1);
    let b = sample_case("内0203", 2);
    store.commit(filing_batch(&a), &NoProgress).await.unwrap();
    store.commit(filing_batch(&b), &NoProgress).await.unwrap();
    let mut b2 = b.clone();
    b2.apply(Event { on: date("2025-04-01"), kind: EventKind::HearingHeld { online: false, streamed: false } })
        .unwrap();
    store.replace_case_projections(vec![b2.clone()]).await.unwrap();
    assert_eq!(store.all_cases().await.unwrap(), [StoredCase::from_state(&b2)]);
    // The engine's columns are the same row's.
    assert_eq!(store.all_case_facts().await.unwrap(), [StoredFacts::from(StoredCase::from_state(&b2))]);
    assert_eq!(store.case_parties(&b.record.case_no).await.unwrap().len(), 1);
    assert!(store.case_parties(&a.record.case_no).await.unwrap().is_empty());
}

/// Related cases are found by a party's ID number or an organisation's name, within the court
/// and its lower courts only.
pub async fn cases_are_found_by_their_parties<S: Store>(store: S) {
    use docket_domain::{IdType, PartyId};
    let person = PartyId::parse(IdType::ResidentId, "150203199001011232").unwrap();
    let with = |court: &str, seq: u32, parties: Vec<Party>| {
        let mut s = sample_case(court, seq);
        s.record.parties = parties;
        s
    };
    let zhang = Party {
        role: PartyRole::Plaintiff,
        kind: PartyKind::Person,
        name: "张三".into(),
        id: Some(person.clone()),
        org_type: None,
        address: None,
        phone: None,
        agents: Vec::new(),
    };
    let namesake = Party {
        role: PartyRole::Plaintiff,
        kind: PartyKind::Person,
        name: "张三".into(),
        id: None,
        org_type: None,
        address: None,
        phone: None,
        agents: Vec::new(),
    };
    let firm = Party {
        role: PartyRole::Defendant,
        kind: PartyKind::Organization,
        name: "某某建设有限公司".into(),
        id: None,
        org_type: Some(docket_domain::OrgType::Soe),
        address: None,
        phone: None,
        agents: Vec::new(),
    };
    for s in [
        with("内0203", 31, vec![zhang.clone(), firm.clone()]),
        with("内0204", 32, vec![zhang.clone()]),
        with("内0203", 33, vec![namesake]),
        with("内0203", 34, vec![firm]),
    ] {
        store.commit(filing_batch(&s), &NoProgress).await.unwrap();
    }
    // The 单位性质 reads back as filed (and none where the filing gave none).
    let stored = store.case_parties(&sample_case("内0203", 31).record.case_no).await.unwrap();
    assert_eq!(stored.iter().map(|p| p.org_type).collect::<Vec<_>>(), vec![None, Some(docket_domain::OrgType::Soe)]);
    let numbers = |rows: Vec<StoredCase>| rows.into_iter().map(|r| r.case_no.to_string()).collect::<Vec<_>>();
    let by_id = numbers(store.cases_with_party("内0203", Some(person.number()), None, 10).await.unwrap());
    assert_eq!(
        by_id,
        ["（2025）内0203民初31号"],
        "by ID, within 内0203 only; a namesake without the ID is not the same person"
    );
    let across = numbers(store.cases_with_party("内02", Some(person.number()), None, 10).await.unwrap());
    assert_eq!(across.len(), 2, "the intermediate court sees its lower courts' cases: {across:?}");
    let by_name = numbers(store.cases_with_party("内0203", None, Some("某某建设有限公司"), 10).await.unwrap());
    assert_eq!(by_name, ["（2025）内0203民初31号", "（2025）内0203民初34号"]);
    assert!(
        store.cases_with_party("内0203", None, Some("张三"), 10).await.unwrap().is_empty(),
        "persons are not matched by name"
    );
    assert_eq!(store.cases_with_party("内02", Some(person.number()), None, 1).await.unwrap().len(), 1);
}

/// A batch recording settings with a `setting` entry each in 内0203's chain (the store does not
/// read the bodies), with an optional audit line.
fn settings_batch(writes: Vec<crate::SettingWrite>, audit: Option<crate::AuditRow>) -> Batch {
    let mut batch = Batch::default();
    for w in &writes {
        batch.entries.push(NewEntry {
            court: court("内0203"),
            kind: EntryKind::Setting,
            case: None,
            on: None,
            event_type: None,
            body: format!("setting {:?}", w.key),
        });
    }
    batch.settings = writes;
    batch.audit = audit.into_iter().collect();
    batch
}

fn named(name: &str, body: &str, by: &str) -> crate::SettingWrite {
    crate::SettingWrite { key: crate::SettingKey::Named(name.into()), body: body.into(), by: by.into() }
}

fn holiday_year(year: i64, body: &str) -> crate::SettingWrite {
    crate::SettingWrite { key: crate::SettingKey::HolidayYear(year), body: body.into(), by: "admin".into() }
}

/// A setting reads back as saved, saving again replaces it, and it is written with its log
/// entry (a leaf of the tree) and its audit line in one transaction; a rebuild replaces them all.
pub async fn settings_read_back_and_are_replaced<S: Store>(store: S) {
    assert_eq!(store.setting("indicators").await.unwrap(), None);
    store.commit(settings_batch(vec![named("indicators", "甲", "admin1")], None), &NoProgress).await.unwrap();
    let batch = settings_batch(
        vec![named("indicators", "乙\n", "admin2")],
        Some(audit_line("admin2", "save_indicator_settings")),
    );
    store.commit(batch, &NoProgress).await.unwrap();
    store.commit(settings_batch(vec![named("other", "丙", "admin1")], None), &NoProgress).await.unwrap();
    assert_eq!(store.setting("indicators").await.unwrap().as_deref(), Some("乙\n"));
    assert_eq!(store.setting("other").await.unwrap().as_deref(), Some("丙"));
    assert_eq!(
        store.named_settings().await.unwrap(),
        [("indicators".into(), "乙\n".into(), "admin2".into()), ("other".into(), "丙".into(), "admin1".into())]
    );
    assert_eq!(store.scan_log(Some(EntryKind::Setting), None, 10).await.unwrap().len(), 3, "each a log entry");
    assert_eq!(store.tree_size().await.unwrap(), 3, "and a leaf");
    // The audit line is stored with the change.
    let audit = store.audit_log("内0203", 10).await.unwrap();
    assert_eq!(
        audit.iter().map(|a| (a.username.as_str(), a.action.as_str())).collect::<Vec<_>>(),
        [("admin2", "save_indicator_settings")]
    );
    store.replace_settings(vec![holiday_year(2030, "2030-01-01 休 元旦\n")]).await.unwrap();
    assert_eq!(store.named_settings().await.unwrap(), []);
    assert_eq!(store.holiday_years().await.unwrap(), [(2030, "2030-01-01 休 元旦\n".to_owned())]);
}

/// Open-at-date listings filter by court, judge and department; holiday years replace by year.
pub async fn open_cases_and_holiday_years_read_back<S: Store>(store: S) {
    let mut a = sample_case("内0203", 1);
    a.apply(Event {
        on: date("2025-03-04"),
        kind: EventKind::Assigned { judge: "J1".into(), department: Some("ms1".into()) },
    })
    .unwrap();
    let mut b = sample_case("内0203", 2);
    b.apply(Event {
        on: date("2025-04-01"),
        kind: EventKind::Closed { method: docket_domain::CloseMethod::Judgment, outcome: None },
    })
    .unwrap();
    store.commit(filing_batch(&a), &NoProgress).await.unwrap();
    store.commit(filing_batch(&b), &NoProgress).await.unwrap();
    let all = crate::CaseFilter::default();
    let open = |d: &str| {
        let store = store.clone();
        let all = all.clone();
        let d = date(d);
        async move { store.cases_open_at(d, &all).await.unwrap().into_iter().map(|r| r.case_no.seq()).collect::<Vec<_>>() }
    };
    assert_eq!(open("2025-03-02").await, Vec::<u32>::new());
    assert_eq!(open("2025-03-31").await, [1, 2]);
    assert_eq!(open("2025-04-01").await, [1]);
    let by_judge = crate::CaseFilter { judge: Some("J1".into()), ..Default::default() };
    assert_eq!(store.cases_open_at(date("2025-03-31"), &by_judge).await.unwrap().len(), 1);
    let row = store.case(&a.record.case_no).await.unwrap().unwrap();
    assert_eq!(row.deadline_unadjusted, Some(date("2025-06-03")));
    assert!(row.eservice.is_empty() && row.recoveries.is_empty());

    // The dated facts the indicators count travel in the projection, in date order.
    let mut c = sample_case("内0203", 3);
    for (on, kind) in [
        (
            "2025-03-04",
            EventKind::ServiceAttempted {
                channel: docket_domain::ServiceChannel::Electronic,
                delivered: false,
                document: None,
                receipt_at: None,
                party: None,
            },
        ),
        (
            "2025-03-05",
            EventKind::ServiceAttempted {
                channel: docket_domain::ServiceChannel::Post,
                delivered: true,
                document: None,
                receipt_at: None,
                party: None,
            },
        ),
        (
            "2025-03-06",
            EventKind::ServiceAttempted {
                channel: docket_domain::ServiceChannel::Electronic,
                delivered: true,
                document: None,
                receipt_at: None,
                party: None,
            },
        ),
    ] {
        c.apply(Event { on: date(on), kind }).unwrap();
    }
    store.commit(filing_batch(&c), &NoProgress).await.unwrap();
    let row = store.case(&c.record.case_no).await.unwrap().unwrap();
    assert_eq!(
        row.eservice,
        [
            crate::ServiceAttempt { on: date("2025-03-04"), delivered: false },
            crate::ServiceAttempt { on: date("2025-03-06"), delivered: true }
        ]
    );

    store.commit(settings_batch(vec![holiday_year(2025, "2025-01-01 休 元旦\n")], None), &NoProgress).await.unwrap();
    let batch = settings_batch(
        vec![holiday_year(2025, "2025-01-01 休 元旦\n2025-05-01 休 劳动节\n"), holiday_year(2026, "x")],
        Some(audit_line("admin", "import_holidays")),
    );
    store.commit(batch, &NoProgress).await.unwrap();
    assert_eq!(store.audit_log("内0203", 10).await.unwrap()[0].action, "import_holidays");
    let years = store.holiday_years().await.unwrap();
    assert_eq!(years.len(), 2);
    assert!(years[0].1.contains("劳动节"));
}

/// Accounts, sessions and the audit log: a duplicate username adds nothing, sessions expire,
/// the audit log reads back newest first and per court.
/// Concurrent sign-in attempts reserve at most `max` checks between two locks (the count is one
/// statement, not a read and a write).
pub async fn concurrent_sign_in_attempts_reserve_at_most_the_allowance<S: Store>(store: S) {
    two_courts(&store).await;
    let account = crate::AccountRow { name: "张三".into(), ..account_named("guessed", "内0203") };
    store.add_accounts(vec![account], vec![]).await.unwrap();
    let attempts = (0..40).map(|_| {
        let store = store.clone();
        tokio::spawn(async move { store.reserve_login_attempt("guessed", 1_000, 5).await.unwrap() })
    });
    let mut granted: Vec<i64> =
        futures::future::join_all(attempts).await.into_iter().filter_map(|r| r.unwrap()).collect();
    granted.sort_unstable();
    assert_eq!(granted, [1, 2, 3, 4, 5], "each reservation numbered once, five in all");
    assert_eq!(store.account("guessed").await.unwrap().unwrap().failed_logins, 5);
    // Locked: nothing until the lock ends; then the count starts again.
    store.set_login_state("guessed", 0, Some(2_000)).await.unwrap();
    assert_eq!(store.reserve_login_attempt("guessed", 1_999, 5).await.unwrap(), None);
    assert_eq!(store.reserve_login_attempt("guessed", 2_000, 5).await.unwrap(), Some(1));
    assert_eq!(store.reserve_login_attempt("nobody", 2_000, 5).await.unwrap(), None);
}

/// 内02 and 内0203, for the account tests.
pub(super) async fn two_courts<S: Store>(store: &S) {
    let mut batch = Batch::default();
    for (code, level, parent) in [("内02", CourtLevel::Intermediate, "内"), ("内0203", CourtLevel::Basic, "内02")] {
        batch.entries.push(NewEntry {
            court: court(code),
            kind: EntryKind::Court,
            case: None,
            on: None,
            event_type: None,
            body: format!("court {code}"),
        });
        batch.courts.push(Court::new(court(code), format!("{code} 法院"), level, Some(court(parent))).unwrap());
    }
    store.commit(batch, &NoProgress).await.unwrap();
}

pub async fn accounts_sessions_and_audit_read_back<S: Store>(store: S) {
    two_courts(&store).await;
    let account = |username: &str, court: &str| crate::AccountRow {
        name: "张三".into(),
        role: docket_domain::Role::Judge,
        judge: Some("j001".into()),
        ..account_named(username, court)
    };
    store.add_accounts(vec![account("a", "内0203"), account("b", "内02")], vec![]).await.unwrap();
    // One duplicate refuses the whole batch, and its audit line with it.
    let err = store
        .add_accounts(vec![account("c", "内0203"), account("a", "内0203")], vec![audit_line("admin", "add_user")])
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    assert!(store.account("c").await.unwrap().is_none());
    assert!(store.audit_log("内0203", 10).await.unwrap().is_empty(), "a refused change leaves no audit line");
    assert_eq!(store.account("a").await.unwrap(), Some(account("a", "内0203")));
    assert_eq!(store.accounts("内0203").await.unwrap().len(), 1);

    store.set_login_state("a", 3, Some(1_000)).await.unwrap();
    let a = store.account("a").await.unwrap().unwrap();
    assert_eq!((a.failed_logins, a.locked_until), (3, Some(1_000)));
    store.set_password("a", "$argon2id$new", None, audit_line("a", "change_password")).await.unwrap();
    let a = store.account("a").await.unwrap().unwrap();
    assert_eq!((a.password_hash.as_str(), a.failed_logins, a.locked_until), ("$argon2id$new", 0, None));
    assert!(a.password_changed_at.is_some());
    assert!(matches!(
        store.set_password("nobody", "x", None, audit_line("a", "change_password")).await,
        Err(StoreError::NotFound(_))
    ));

    let session = |token: u8, expires_at: i64| crate::SessionRow {
        token_hash: vec![token; 32],
        username: "a".into(),
        court: "内0203".into(),
        csrf: format!("csrf{token}"),
        expires_at,
        last_seen: 10,
    };
    store.create_session(session(1, 100)).await.unwrap();
    store.create_session(session(2, 200)).await.unwrap();
    assert_eq!(store.session(&[1; 32], 50).await.unwrap(), Some(session(1, 100)));
    assert_eq!(store.session(&[1; 32], 100).await.unwrap(), None, "expired at its expiry second");
    let (csrf, a, seen) = store.session_account(&[2; 32], 50, 0).await.unwrap().unwrap();
    assert_eq!(
        (csrf.as_str(), a.username.as_str(), a.password_hash.as_str(), seen),
        ("csrf2", "a", "$argon2id$new", 10)
    );
    assert!(store.session_account(&[2; 32], 200, 0).await.unwrap().is_none());
    assert!(store.session_account(&[9; 32], 0, 0).await.unwrap().is_none());
    // Idle since 10: not live for "seen after 10"; touched at 40, live again; never moved back.
    assert!(store.session_account(&[2; 32], 50, 10).await.unwrap().is_none(), "idle");
    store.touch_session(&[2; 32], 40).await.unwrap();
    store.touch_session(&[2; 32], 30).await.unwrap();
    assert_eq!(store.session_account(&[2; 32], 50, 10).await.unwrap().map(|s| s.2), Some(40));
    // Ending session 2 at time 150 also drops the expired session 1.
    store.end_session(&[2; 32], 150).await.unwrap();
    assert_eq!(store.session(&[2; 32], 0).await.unwrap(), None);
    assert_eq!(store.session(&[1; 32], 0).await.unwrap(), None);

    let audit = |court: &str, action: &str| crate::AuditRow {
        id: 0,
        court: court.into(),
        at: "2025-01-01T00:00:00Z".into(),
        username: "a".into(),
        action: action.into(),
        target: "（2025）内0203民初1号".into(),
        detail: String::new(),
    };
    store.append_audit(vec![audit("内0203", "login"), audit("内02", "login")]).await.unwrap();
    store.append_audit(vec![audit("内0203", "read_sealed")]).await.unwrap();
    let log = store.audit_log("内0203", 10).await.unwrap();
    assert_eq!(log.iter().map(|r| r.action.as_str()).collect::<Vec<_>>(), ["read_sealed", "login", "change_password"]);
    assert!(log[0].id > log[1].id);
    assert_eq!(store.audit_log("内0203", 1).await.unwrap().len(), 1);
}

/// Recomputes the tree from its stored leaves and checks that the stored nodes give the same root
/// and valid proofs; returns the size.
async fn check_tree<S: Store>(store: &S) -> u64 {
    use docket_tlog::{Frontier, tree};
    let mut f = Frontier::default();
    let mut after = None;
    loop {
        let page = store.scan_leaves(after, 7).await.unwrap();
        let Some(last) = page.last() else { break };
        after = Some(last.idx as u64);
        for l in &page {
            assert_eq!(l.idx as u64, f.size(), "leaves are numbered without gaps");
            f.push(l.hash.as_slice().try_into().unwrap());
        }
    }
    let size = store.tree_size().await.unwrap();
    assert_eq!(size, f.size());
    let nodes = tree::root_nodes(size);
    let hashes = store.tree_nodes(&nodes).await.unwrap();
    let stored: std::collections::HashMap<_, _> = nodes.into_iter().zip(hashes).collect();
    assert_eq!(tree::root(size, &mut |s| stored[&s]), f.root());
    for i in [0, size / 2, size.saturating_sub(1)] {
        if i >= size {
            continue;
        }
        let needed = tree::inclusion_nodes(i, size).unwrap();
        let got = store.tree_nodes(&needed).await.unwrap();
        let map: std::collections::HashMap<_, _> = needed.into_iter().zip(got).collect();
        let proof = tree::inclusion_proof(i, size, &mut |s| map[&s]).unwrap();
        let leaf = store.tree_nodes(&[docket_tlog::Subtree::leaf(i)]).await.unwrap()[0];
        tree::verify_inclusion(i, size, &leaf, &proof, &f.root()).unwrap();
    }
    size
}

/// Every committed entry and every evidence item becomes a leaf, in commit order, in the same
/// transaction; concurrent writers leave one consistent tree; evidence is numbered per case,
/// stored once per content hash and read back; checkpoints read back by size.
pub async fn entries_and_evidence_are_leaves_of_one_tree<S: Store>(store: S) {
    use crate::{CheckpointRow, LEAF_ENTRY, LEAF_EVIDENCE, NewEvidence};
    assert_eq!(store.tree_size().await.unwrap(), 0);
    let mut s = sample_case("内0203", 1);
    s.apply(Event { on: date("2025-03-04"), kind: EventKind::HearingHeld { online: false, streamed: false } }).unwrap();
    store.commit(filing_batch(&s), &NoProgress).await.unwrap();
    assert_eq!(check_tree(&store).await, 2);
    assert_eq!(store.leaf_index(LEAF_ENTRY, "内0203", 2).await.unwrap(), Some(1));

    // A refused batch adds no leaf.
    assert!(store.commit(filing_batch(&s), &NoProgress).await.is_err());
    assert_eq!(store.tree_size().await.unwrap(), 2);

    let tasks: Vec<_> = (0..12)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                let code = if i % 2 == 0 { "内0203" } else { "内0204" };
                store
                    .file_case(&court(code), "民初", 2025, move |seq| Ok(filing_batch(&sample_case(code, seq))))
                    .await
                    .unwrap();
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap();
    }
    assert_eq!(check_tree(&store).await, 14);
    assert_eq!(store.log_count().await.unwrap(), 14);

    let n = s.record.case_no.to_string();
    let item = |content: &[u8], name: &str| NewEvidence {
        court: "内0203".into(),
        case_no: n.clone(),
        content: content.to_vec(),
        name: name.into(),
        media_type: "text/plain".into(),
        source: "原告提交".into(),
        method: "线上提交".into(),
        stored_by: "clerk".into(),
        audit: Some(audit_line("clerk", "add_evidence")),
    };
    let first = store.add_evidence(item(b"contract", "a.txt")).await.unwrap();
    let second = store.add_evidence(item(b"contract", "b.txt")).await.unwrap();
    assert_eq!((first.number, second.number), (1, 2));
    assert_eq!(first.sha256, second.sha256);
    assert_eq!(store.evidence_blobs().await.unwrap().len(), 1);
    let audited = store.audit_log("内0203", 50).await.unwrap();
    assert_eq!(audited.iter().filter(|a| a.action == "add_evidence").count(), 2, "each upload audited with it");
    assert_eq!(store.evidence_content(&first.sha256).await.unwrap().as_deref(), Some(&b"contract"[..]));
    assert_eq!(store.case_evidence("内0203", &n).await.unwrap(), vec![first.clone(), second.clone()]);
    assert_eq!(store.evidence_item("内0203", &n, 2).await.unwrap(), Some(second.clone()));
    assert_eq!(store.leaf_index(LEAF_EVIDENCE, "内0203", second.seq).await.unwrap(), Some(15));
    assert_eq!(check_tree(&store).await, 16);
    let leaves = store.scan_leaves(Some(13), 10).await.unwrap();
    assert_eq!(leaves[1].evidence.name.as_deref(), Some("b.txt"));
    let leaf = crate::evidence_leaf_of(&second).unwrap();
    assert_eq!(leaves[1].hash, leaf.hash().unwrap().to_vec());

    assert_eq!(store.latest_checkpoint().await.unwrap(), None);
    for size in [2, 14] {
        let row =
            CheckpointRow { size, root: vec![size as u8; 32], note: format!("note {size}"), issued_at: "t".into() };
        store.add_checkpoint(row).await.unwrap();
    }
    assert_eq!(store.latest_checkpoint().await.unwrap().unwrap().size, 14);
    assert_eq!(store.checkpoint_at_least(3).await.unwrap().unwrap().size, 14);
    assert_eq!(store.checkpoints().await.unwrap().len(), 2);
}

/// An audit line of 内0203 by `username`.
pub(super) fn audit_line(username: &str, action: &str) -> crate::AuditRow {
    crate::AuditRow {
        id: 0,
        court: "内0203".into(),
        at: "2025-01-01T00:00:00Z".into(),
        username: username.into(),
        action: action.into(),
        target: "t".into(),
        detail: String::new(),
    }
}

pub(super) fn account_named(username: &str, court: &str) -> crate::AccountRow {
    crate::AccountRow {
        username: username.into(),
        court: docket_domain::CourtCode::parse(court).unwrap(),
        name: "李四".into(),
        role: docket_domain::Role::Clerk,
        judge: None,
        password_hash: "$argon2id$stub".into(),
        failed_logins: 0,
        locked_until: None,
        created_at: "2025-01-01T00:00:00Z".into(),
        disabled: false,
        password_changed_at: None,
    }
}

pub(super) fn session_of(username: &str, token: u8) -> crate::SessionRow {
    crate::SessionRow {
        token_hash: vec![token; 32],
        username: username.into(),
        court: "内0203".into(),
        csrf: format!("csrf{token}"),
        expires_at: 10_000,
        last_seen: 10,
    }
}

//! The demo's own checks: determinism, round trips, the case mix and the planted irregularities.

use std::collections::HashMap;

use super::*;
use docket_interchange::{parse_line, write_record};

#[test]
fn the_same_seed_gives_the_same_court_system() {
    let cfg = Config { cases: 300, ..Config::default() };
    let a: Vec<String> = generate(&cfg).iter().map(write_record).collect();
    let b: Vec<String> = generate(&cfg).iter().map(write_record).collect();
    assert_eq!(a, b);
    let other: Vec<String> = generate(&Config { seed: 2, ..cfg }).iter().map(write_record).collect();
    assert_ne!(a, other);
}

#[test]
fn every_generated_line_parses_back_to_the_same_record() {
    for record in generate(&Config { cases: 400, ..Config::default() }) {
        let line = write_record(&record);
        assert_eq!(parse_line(1, &line).unwrap(), record, "{line}");
    }
}

#[test]
fn family_disputes_are_between_natural_persons() {
    let mut family = 0;
    for r in generate(&Config { cases: 2000, ..Config::default() }) {
        if let Record::Case(c) = r
            && ["离婚", "抚养", "继承"].iter().any(|w| c.cause.contains(w))
        {
            family += 1;
            assert!(c.parties.iter().all(|p| p.kind == PartyKind::Person), "{}", c.case_no);
        }
    }
    assert!(family > 50, "{family}");
}

#[test]
fn the_case_mix_has_civil_first_instance_largest_and_enforcement_second() {
    let records = generate(&Config { cases: 3000, ..Config::default() });
    let mut counts = std::collections::HashMap::new();
    for r in &records {
        if let Record::Case(c) = r {
            *counts.entry(c.case_type().code).or_insert(0) += 1;
        }
    }
    let mut ranked: Vec<_> = counts.into_iter().collect();
    ranked.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    assert_eq!(ranked[0].0, "民初", "{ranked:?}");
    assert_eq!(ranked[1].0, "执", "{ranked:?}");
    let total: usize = ranked.iter().map(|(_, n)| n).sum();
    assert!((2400..=3600).contains(&total), "{total}");
}

#[test]
fn each_planted_irregularity_is_present_rare_and_shows_what_it_claims() {
    let cfg = Config { cases: 20_000, basic_courts: 3, ..Config::default() };
    let g = generate_all(&cfg);
    let mut cases: HashMap<CaseNumber, &CaseRecord> = HashMap::new();
    let mut events: HashMap<CaseNumber, Vec<&Event>> = HashMap::new();
    for r in &g.records {
        match r {
            Record::Case(c) => {
                cases.insert(c.case_no.clone(), c);
            }
            Record::Event(e) => events.entry(e.case_no.clone()).or_default().push(&e.event),
            _ => {}
        }
    }
    let mut counts = [0usize; 4];
    for p in &g.planted {
        let c = cases[&p.case_no];
        match &p.kind {
            Irregularity::SuspendedBeforeExpiry => {
                counts[0] += 1;
                let expiry = c.filed_on.checked_add_months(chrono::Months::new(3)).unwrap();
                let suspended = events[&p.case_no]
                    .iter()
                    .find(|e| matches!(e.kind, EventKind::Suspended { .. }))
                    .expect("a suspension");
                let before = (expiry - suspended.on).num_days();
                assert!((1..=5).contains(&before), "{}: {before}", p.case_no);
            }
            Irregularity::YearEndFilingDelay => {
                counts[1] += 1;
                let received = c.received_on.unwrap();
                assert_eq!((received.month(), c.filed_on.month()), (12, 1), "{}", p.case_no);
                assert!((c.filed_on - received).num_days() > 7, "{}", p.case_no);
            }
            Irregularity::RefiledAfterWithdrawal { withdrawn } => {
                counts[2] += 1;
                let w = cases[withdrawn];
                assert_eq!(
                    (&w.parties.iter().map(|p| &p.name).collect::<Vec<_>>(), &w.cause),
                    (&c.parties.iter().map(|p| &p.name).collect::<Vec<_>>(), &c.cause)
                );
                let closed = events[withdrawn]
                    .iter()
                    .find_map(|e| match e.kind {
                        EventKind::Closed { method: CloseMethod::Withdrawal, .. } => Some(e.on),
                        _ => None,
                    })
                    .expect("the first case was withdrawn");
                assert!((10..=40).contains(&(c.filed_on - closed).num_days()), "{}", p.case_no);
                assert!(c.origin.is_none());
            }
            Irregularity::PremediationParked => {
                counts[3] += 1;
                assert_eq!(c.case_type().code, "民诉前调");
                let end = events[&p.case_no]
                    .iter()
                    .find_map(|e| matches!(e.kind, EventKind::Closed { .. }).then_some(e.on))
                    .unwrap_or(cfg.until);
                assert!((end - c.filed_on).num_days() > 30, "{}", p.case_no);
                assert!(
                    !events[&p.case_no].iter().any(|e| matches!(e.kind, EventKind::Extended { .. })),
                    "no consent recorded: {}",
                    p.case_no
                );
            }
        }
    }
    assert!(counts.iter().all(|n| *n >= 10), "{counts:?}");
    assert!(g.planted.len() * 20 < cases.len(), "{} of {}", g.planted.len(), cases.len());
}

#[test]
fn filings_dip_in_the_last_days_of_december() {
    let records = generate(&Config { cases: 20_000, ..Config::default() });
    let (mut early, mut late) = (0, 0);
    for r in &records {
        if let Record::Case(c) = r
            && c.filed_on.month() == 12
        {
            match c.filed_on.day() {
                1..=12 => early += 1,
                20..=31 => late += 1,
                _ => {}
            }
        }
    }
    // Per day, the last twelve days of December receive well under the first twelve's filings.
    assert!(late * 10 < early * 7, "early {early}, late {late}");
}

#[test]
fn every_court_has_an_account_per_role_and_judicial_accounts_name_their_judge() {
    let g = generate_all(&Config { cases: 100, basic_courts: 3, ..Config::default() });
    let mut judges = std::collections::HashSet::new();
    let mut courts = Vec::new();
    for r in &g.records {
        match r {
            Record::Judge(j) => {
                judges.insert((j.court.clone(), j.code.clone()));
            }
            Record::Court(c) => courts.push(c.clone()),
            _ => {}
        }
    }
    let names: std::collections::HashSet<&str> = g.staff.iter().map(|a| a.username.as_str()).collect();
    assert_eq!(names.len(), g.staff.len(), "usernames are unique");
    for court in &courts {
        let roles: std::collections::BTreeSet<Role> =
            g.staff.iter().filter(|a| a.court == court.code).map(|a| a.role).collect();
        let expected: std::collections::BTreeSet<Role> = Role::STAFF
            .into_iter()
            .filter(|r| match r {
                Role::FilingClerk => court.level == CourtLevel::Basic,
                Role::EnforcementOfficer => court.level != CourtLevel::High,
                Role::HigherCourtViewer => court.level != CourtLevel::Basic,
                _ => true,
            })
            .collect();
        assert_eq!(roles, expected, "{}", court.code);
    }
    for a in &g.staff {
        assert_eq!(a.role.is_judicial(), a.judge.is_some(), "{}", a.username);
        if let Some(j) = &a.judge {
            assert!(judges.contains(&(a.court.clone(), j.clone())), "{}", a.username);
        }
    }
}

#[test]
fn issued_documents_are_served_electronically_and_mostly_opened_and_portal_accounts_reach_cases() {
    let g = generate_all(&Config { cases: 3000, ..Config::default() });
    let (mut with_document, mut delivered, mut failed, mut viewed, mut posted) = (0, 0, 0, 0, 0);
    let mut served: std::collections::HashSet<(String, String, String)> = std::collections::HashSet::new();
    for r in &g.records {
        let Record::Event(e) = r else { continue };
        match &e.event.kind {
            EventKind::ServiceAttempted { channel, delivered: ok, document: Some(sha), party: Some(p), receipt_at } => {
                with_document += 1;
                match (channel, ok) {
                    (docket_domain::ServiceChannel::Electronic, true) => {
                        delivered += 1;
                        let at = receipt_at.expect("a delivered service has its moment");
                        assert_eq!(at.date_naive(), e.event.on, "the receipt is of the day of service");
                        served.insert((e.case_no.to_string(), sha.clone(), p.clone()));
                    }
                    (docket_domain::ServiceChannel::Electronic, false) => failed += 1,
                    _ => posted += 1,
                }
            }
            EventKind::ServiceViewed { document, party, .. } => {
                viewed += 1;
                let key = (e.case_no.to_string(), document.clone(), party.clone().unwrap_or_default());
                assert!(served.contains(&key), "a view follows the service it opens: {key:?}");
            }
            _ => {}
        }
    }
    assert!(with_document > 500, "{with_document}");
    let share = f64::from(delivered) / f64::from(delivered + failed);
    assert!((0.75..0.85).contains(&share), "delivered {share}");
    let opened = f64::from(viewed) / f64::from(delivered);
    assert!((0.6..0.8).contains(&opened), "opened {opened}");
    assert!(posted > 0 && posted <= failed, "post follows a failure: {posted} of {failed}");

    // Every portal account reaches cases of its court: a party by ID, a lawyer by licence.
    assert_eq!(g.portal.iter().filter(|p| !p.lawyer).count(), 3);
    assert_eq!(g.portal.iter().filter(|p| p.lawyer).count(), 2);
    for p in &g.portal {
        let link = if p.lawyer {
            docket_domain::portal::Link::Licence(p.identity.clone())
        } else {
            docket_domain::portal::Link::Identity(p.identity.clone())
        };
        let reached = g
            .records
            .iter()
            .filter(|r| matches!(r, Record::Case(c) if c.court == p.court && !docket_domain::portal::standing(&link, &c.parties).is_empty()))
            .count();
        assert!(reached >= 1, "{} reaches no case", p.username);
    }
}

#[test]
fn recent_online_filings_come_from_applications_received_when_their_materials_were_complete() {
    use docket_domain::management::{Management, Register};
    use docket_domain::online_filing::Stage;
    let cfg = Config { cases: 4000, ..Config::default() };
    let records = generate(&cfg);
    let mut register = Register::default();
    let mut ordered: Vec<&Management> = records
        .iter()
        .filter_map(|r| match r {
            Record::Management(m) => Some(m),
            _ => None,
        })
        .collect();
    ordered.sort_by_key(|m| (!m.opens(), if m.opens() { None } else { Some(m.on()) }));
    for m in ordered {
        register.apply(m).unwrap_or_else(|e| panic!("{}: {e}", m.kind()));
    }
    let cases: HashMap<String, &docket_domain::CaseRecord> = records
        .iter()
        .filter_map(|r| match r {
            Record::Case(c) => Some((c.case_no.to_string(), c)),
            _ => None,
        })
        .collect();
    let (mut accepted, mut corrected, mut open, mut overdue, mut refused) = (0, 0, 0, 0, 0);
    for a in register.applications.values() {
        match &a.state.stage {
            Stage::Accepted { case_no, on } => {
                accepted += 1;
                let c = cases[&case_no.to_string()];
                assert!(c.online, "{case_no} was filed online");
                assert_eq!(c.received_on, Some(a.complete_on()), "{case_no}: received when complete");
                assert_eq!(*on, c.filed_on.max(a.complete_on()));
                corrected += usize::from(a.state.corrections > 0);
            }
            Stage::Waiting { .. } | Stage::Correcting { .. } => {
                open += 1;
                overdue += usize::from(a.state.must_file_first(cfg.until));
            }
            Stage::Refused { reason, .. } => {
                refused += 1;
                assert!(!reason.is_empty());
            }
            _ => {}
        }
    }
    assert!(accepted > 50, "{accepted}");
    let share = corrected as f64 / accepted as f64;
    assert!((0.1..0.4).contains(&share), "corrected {share}");
    assert!(
        open > 0 && refused > 0 && overdue > 0 && overdue < open,
        "{open} open, {overdue} overdue, {refused} refused"
    );
}

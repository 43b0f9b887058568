//! The record indicators (清积率, 整改完成率, 司法建议反馈率, 涉诉信访件数, 信访按期办结率): the seeds'
//! arithmetic through the engine, and a naive oracle written from INDICATORS.md agreeing with the
//! engine on random registers, by court alone and rolled up, by court and by month, with 同比.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::redundant_guards)]

use chrono::{Days, NaiveDate};
use docket_domain::management::{
    Campaign, CampaignCase, CampaignScope, CaseReview, Grade, LedgerEvent, LedgerEventKind, LedgerItem, LedgerSource,
    Management, Petition, PetitionChannel, PetitionEvent, PetitionEventKind, PetitionResult, Petitioner, Register,
    ReviewBatch, ReviewType, Suggestion, SuggestionEvent, SuggestionEventKind,
};
use docket_domain::{CaseNumber, CloseMethod, CourtCode, PartyKind};
use docket_metrics::{
    CaseFacts, Dimension, Engine, FactTable, Grain, Kind, Period, Query, RecordFacts, Settings, Value, lookup,
};
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn court(s: &str) -> CourtCode {
    CourtCode::parse(s).unwrap()
}

fn case(no: &str, filed: NaiveDate, closed: Option<(NaiveDate, CloseMethod)>) -> CaseFacts {
    let case_no = CaseNumber::parse(no).unwrap();
    CaseFacts {
        court: case_no.court().clone(),
        case_no,
        cause: "买卖合同纠纷".into(),
        judge: None,
        department: None,
        tags: vec![],
        received_on: None,
        filed_on: filed,
        closed_on: closed.map(|c| c.0),
        close_method: closed.map(|c| c.1),
        online: false,
        claim_fen: 0,
        deducted_days: 0,
        extensions: 0,
        deadline_on: None,
        hearings_held: 0,
        first_setting_held: false,
        suspended_since: None,
        origin: None,
        eservice: vec![],
        recoveries: vec![],
        hearings: vec![],
        termination_compliant: false,
        enforcement: vec![],
        mediation_org: None,
    }
}

fn engine(cases: Vec<CaseFacts>, register: &Register) -> Engine {
    let settings = Settings::default();
    let mut e = Engine::new(FactTable::build(cases, vec![], &settings), settings);
    e.set_records(RecordFacts::from_register(register));
    e
}

fn value(e: &Engine, id: &str, court: &str, rollup: bool, from: &str, to: &str) -> Value {
    let q = Query {
        court: CourtCode::parse(court).unwrap(),
        rollup,
        period: Period::new(d(from), d(to)),
        by: vec![],
        tag: None,
        causes: vec![],
        indicators: vec![id.into()],
    };
    e.compute(&q).unwrap().remove(0).values.remove(0)
}

fn apply(r: &mut Register, m: Management) {
    r.apply(&m).unwrap();
}

#[test]
fn the_seeds_clearance_and_reply_rates_come_out() {
    // 高院交办涉企长期未审执结案件39件，已清结28件，清积率71.79%.
    let mut r = Register::default();
    apply(
        &mut r,
        Management::Campaign(Campaign {
            court: court("内"),
            id: "2025-涉企清理".into(),
            name: "涉企长期未审执结案件专项清理".into(),
            from: d("2025-03-01"),
            to: d("2025-09-30"),
            termination_counts: true,
            scope: CampaignScope::Pending,
        }),
    );
    let mut cases = Vec::new();
    for i in 1..=39u32 {
        let no = format!("（2023）内0203民初{i}号");
        // 28 closed within the campaign, one closed after it ended, the rest still open.
        let closed = match i {
            1..=28 => Some((d("2025-03-01") + Days::new(u64::from(i) * 5), CloseMethod::Judgment)),
            29 => Some((d("2025-10-08"), CloseMethod::Judgment)),
            _ => None,
        };
        cases.push(case(&no, d("2023-05-01"), closed));
        apply(
            &mut r,
            Management::CampaignCase(CampaignCase {
                court: court("内"),
                campaign: "2025-涉企清理".into(),
                case_no: CaseNumber::parse(&no).unwrap(),
                listed_on: d("2025-03-01"),
                leader: Some("J001".into()),
                target_on: None,
            }),
        );
    }
    // 发出司法建议27份，收到回复19份.
    for i in 1..=27u32 {
        let no = format!("呼法建〔2025〕{i}号");
        let issued_on = d("2025-01-10") + Days::new(u64::from(i) * 7);
        apply(
            &mut r,
            Management::Suggestion(Suggestion {
                court: court("内0203"),
                no: no.clone(),
                case_no: None,
                recipient: "某局".into(),
                issued_on,
                reply_due: Suggestion::default_reply_due(issued_on),
                subject: "s".into(),
            }),
        );
        if i <= 19 {
            apply(
                &mut r,
                Management::SuggestionEvent(SuggestionEvent {
                    court: court("内0203"),
                    no,
                    on: issued_on + Days::new(30),
                    kind: SuggestionEventKind::Replied { adopted: i % 3 != 0 },
                }),
            );
        }
    }
    let e = engine(cases, &r);
    let v = value(&e, "campaign_clearance_rate", "内", true, "2025-01-01", "2025-12-31");
    assert_eq!((v.numerator, v.denominator), (Some(28), Some(39)));
    assert_eq!(format!("{:.2}%", v.value.unwrap() * 100.0), "71.79%");
    // The listed cases are the basic court's: alone it has them all, the high court alone none.
    assert_eq!(value(&e, "campaign_clearance_rate", "内0203", false, "2025-01-01", "2025-12-31").denominator, Some(39));
    assert_eq!(value(&e, "campaign_clearance_rate", "内", false, "2025-01-01", "2025-12-31").denominator, Some(0));
    let v = value(&e, "suggestion_reply_rate", "内02", true, "2025-01-01", "2025-12-31");
    assert_eq!((v.numerator, v.denominator), (Some(19), Some(27)));
    assert_eq!(format!("{:.2}%", v.value.unwrap() * 100.0), "70.37%");
    // Drill-down names the listed cases that were cleared.
    let q = Query {
        court: court("内"),
        rollup: true,
        period: Period::new(d("2025-01-01"), d("2025-12-31")),
        by: vec![],
        tag: None,
        causes: vec![],
        indicators: vec![],
    };
    let x = e.explain(&q, "campaign_clearance_rate").unwrap();
    assert_eq!((x.numerator.len(), x.denominator.len()), (28, 39));
    assert!(x.records.unwrap().numerator_items.contains(&"（2023）内0203民初1号".to_owned()));
}

const COURTS: &[&str] = &["内", "内02", "内0203", "内0207"];

/// A random register over the courts, with the cases its campaigns list.
#[test]
fn a_terminated_case_in_a_clearance_is_cleared_only_when_a_case_resumed_from_it_closes() {
    // 终本清仓: four 终本 cases of the library listed on 1 April; the listed case's own (终本)
    // closing never clears it, the closing of its 执恢 case by the end does.
    let mut r = Register::default();
    apply(
        &mut r,
        Management::Campaign(Campaign {
            court: court("内0203"),
            id: "2026-终本清仓".into(),
            name: "终本案件清仓".into(),
            from: d("2026-04-01"),
            to: d("2026-09-30"),
            termination_counts: false,
            scope: CampaignScope::Terminated,
        }),
    );
    let terminated = Some((d("2025-06-30"), CloseMethod::EnforcementTerminated));
    let mut cases = Vec::new();
    // 1: resumed and paid in full in July; 2: resumed, paid after the end; 3: resumed and closed
    // by 终本 again (not counted here); 4: never resumed.
    let resumed = [
        (1, Some((d("2026-07-15"), CloseMethod::EnforcementCompleted))),
        (2, Some((d("2026-10-20"), CloseMethod::EnforcementCompleted))),
        (3, Some((d("2026-08-01"), CloseMethod::EnforcementTerminated))),
    ];
    for i in 1..=4u32 {
        let no = format!("（2025）内0203执{i}号");
        cases.push(case(&no, d("2025-03-01"), terminated));
        apply(
            &mut r,
            Management::CampaignCase(CampaignCase {
                court: court("内0203"),
                campaign: "2026-终本清仓".into(),
                case_no: CaseNumber::parse(&no).unwrap(),
                listed_on: d("2026-04-01"),
                leader: None,
                target_on: None,
            }),
        );
    }
    for (i, closed) in resumed {
        let mut c = case(&format!("（2026）内0203执恢{i}号"), d("2026-05-01"), closed);
        c.origin = Some(CaseNumber::parse(&format!("（2025）内0203执{i}号")).unwrap());
        cases.push(c);
    }
    let e = engine(cases, &r);
    let v = value(&e, "campaign_clearance_rate", "内0203", false, "2026-01-01", "2026-12-31");
    assert_eq!((v.numerator, v.denominator), (Some(1), Some(4)));
    // Before the first resumed case closed, nothing was cleared.
    let v = value(&e, "campaign_clearance_rate", "内0203", false, "2026-01-01", "2026-07-14");
    assert_eq!(v.numerator, Some(0));
}

fn generated(seed: u64) -> (Vec<CaseFacts>, Register) {
    let mut s = seed;
    let mut next = move |n: u64| {
        s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (s >> 33) % n.max(1)
    };
    let base = d("2023-01-01");
    let day = |n: u64| base + Days::new(n);
    let mut r = Register::default();
    let mut cases = Vec::new();
    let mut case_seq = 0u32;
    for (k, c) in COURTS.iter().enumerate() {
        let from = day(next(700));
        let campaign = Campaign {
            court: court(c),
            id: format!("c{k}"),
            name: "清理".into(),
            from,
            to: from + Days::new(30 + next(300)),
            termination_counts: next(2) == 0,
            scope: CampaignScope::Pending,
        };
        r.apply(&Management::Campaign(campaign.clone())).unwrap();
        for _ in 0..next(12) {
            let below: Vec<&&str> = COURTS.iter().filter(|x| court(x).is_within(&court(c))).collect();
            let case_court = below[next(below.len() as u64) as usize];
            case_seq += 1;
            let no = format!("（2022）{case_court}执{case_seq}号");
            let closed = match next(4) {
                0 => None,
                1 => Some((from + Days::new(next(500)), CloseMethod::EnforcementTerminated)),
                _ => Some((from + Days::new(next(500)), CloseMethod::EnforcementCompleted)),
            };
            cases.push(case(&no, d("2022-06-01"), closed));
            r.apply(&Management::CampaignCase(CampaignCase {
                court: court(c),
                campaign: campaign.id.clone(),
                case_no: CaseNumber::parse(&no).unwrap(),
                listed_on: from + Days::new(next((campaign.to - from).num_days() as u64 + 1)),
                leader: None,
                target_on: None,
            }))
            .unwrap();
        }
        for no in 1..=next(15) as u32 {
            let opened_on = day(next(900));
            let item = LedgerItem {
                court: court(c),
                ledger: "L".into(),
                no,
                opened_on,
                source: LedgerSource::Data,
                problem: "p".into(),
                measure: "m".into(),
                lead: None,
                department: None,
                due_on: opened_on + Days::new(next(200)),
                case_no: None,
                indicator: None,
            };
            r.apply(&Management::LedgerItem(item)).unwrap();
            let mut on = opened_on;
            for _ in 0..next(5) {
                on = on + Days::new(next(90));
                let kind = match next(4) {
                    0 => LedgerEventKind::DueChanged { due_on: on + Days::new(next(120)), note: None },
                    1 => LedgerEventKind::Reopened { note: None },
                    _ => LedgerEventKind::Closed { note: None },
                };
                // Whatever the register refuses (a 销号 of a closed item…) is simply not recorded.
                let _ = r.apply(&Management::LedgerEvent(LedgerEvent {
                    court: court(c),
                    ledger: "L".into(),
                    no,
                    on,
                    kind,
                }));
            }
        }
        for i in 0..next(20) {
            let issued_on = day(next(1000));
            let no = format!("{c}-{i}");
            r.apply(&Management::Suggestion(Suggestion {
                court: court(c),
                no: no.clone(),
                case_no: None,
                recipient: "r".into(),
                issued_on,
                reply_due: Suggestion::default_reply_due(issued_on),
                subject: "s".into(),
            }))
            .unwrap();
            if next(3) > 0 {
                let on = issued_on + Days::new(next(120));
                r.apply(&Management::SuggestionEvent(SuggestionEvent {
                    court: court(c),
                    no,
                    on,
                    kind: SuggestionEventKind::Replied { adopted: true },
                }))
                .unwrap();
            }
        }
        for i in 0..next(25) {
            let received_on = day(next(1000));
            let no = format!("{c}-信-{i}");
            r.apply(&Management::Petition(Petition {
                court: court(c),
                no: no.clone(),
                received_on,
                channel: PetitionChannel::Letter,
                case_no: None,
                first_time: true,
                petitioner: Petitioner { kind: PartyKind::Person, name: "x".into(), id_number: None },
                subject: "s".into(),
            }))
            .unwrap();
            let mut on = received_on;
            for _ in 0..next(3) {
                on = on + Days::new(next(80));
                let _ = r.apply(&Management::PetitionEvent(PetitionEvent {
                    court: court(c),
                    no: no.clone(),
                    on,
                    kind: PetitionEventKind::Closed { result: PetitionResult::Explained },
                }));
                on = on + Days::new(next(30));
                let _ = r.apply(&Management::PetitionEvent(PetitionEvent {
                    court: court(c),
                    no: no.clone(),
                    on,
                    kind: PetitionEventKind::Repeat,
                }));
            }
        }
    }
    // 案件评查: a batch per court, its cases reviewed on random days with random grades.
    for (k, c) in COURTS.iter().enumerate() {
        let from = day(next(900));
        r.apply(&Management::ReviewBatch(ReviewBatch {
            court: court(c),
            id: format!("b{k}"),
            name: "评查".into(),
            review_type: ReviewType::Routine,
            from,
            to: from + Days::new(60),
            cases: vec![],
            method: None,
        }))
        .unwrap();
        for i in 0..next(30) {
            let grade = Grade::ALL[next(4) as usize];
            r.apply(&Management::CaseReview(CaseReview {
                court: court(c),
                batch: format!("b{k}"),
                case_no: CaseNumber::parse(&format!("（2023）{c}民初{}号", 900 + i)).unwrap(),
                reviewer: "J1".into(),
                on: from + Days::new(next(90)),
                score: 60 + next(40) as u8,
                grade,
                findings: if grade.passes() { vec![] } else { vec!["说理不充分".into()] },
            }))
            .unwrap();
        }
    }
    (cases, r)
}

/// The naive oracle: (numerator, denominator) of an indicator over the register's records whose
/// court `keep`s, for period `p`, straight from INDICATORS.md.
fn oracle(id: &str, r: &Register, cases: &[CaseFacts], keep: &dyn Fn(&CourtCode) -> bool, p: Period) -> (i64, i64) {
    let inp = |x: NaiveDate| p.from <= x && x <= p.to;
    let (mut num, mut den) = (0, 0);
    match id {
        "campaign_clearance_rate" => {
            for c in r.campaigns.values() {
                let k = &c.campaign;
                for l in &c.cases {
                    if !keep(l.case_no.court()) || l.listed_on > p.to || k.from > p.to || k.to < p.from {
                        continue;
                    }
                    den += 1;
                    let f = cases.iter().find(|x| x.case_no == l.case_no).unwrap();
                    let by = k.to.min(p.to);
                    if f.closed_on.is_some_and(|x| x <= by)
                        && (k.termination_counts || f.close_method != Some(CloseMethod::EnforcementTerminated))
                    {
                        num += 1;
                    }
                }
            }
        }
        "rectification_completion_rate" => {
            for s in r.ledger.values().filter(|s| keep(&s.item.court)) {
                let deadline = s.due_on_at(p.to);
                if !inp(deadline) {
                    continue;
                }
                den += 1;
                let ok = s.events.iter().enumerate().any(|(k, e)| {
                    matches!(e.kind, LedgerEventKind::Closed { .. })
                        && e.on <= deadline
                        && e.on <= p.to
                        && !s.events[k + 1..]
                            .iter()
                            .any(|x| matches!(x.kind, LedgerEventKind::Reopened { .. }) && x.on <= p.to)
                });
                num += i64::from(ok);
            }
        }
        "suggestion_reply_rate" => {
            for s in r.suggestions.values().filter(|s| keep(&s.suggestion.court) && inp(s.suggestion.issued_on)) {
                den += 1;
                num += i64::from(s.reply().is_some_and(|(on, _)| on <= p.to));
            }
        }
        "petitions_received" => {
            num =
                r.petitions.values().filter(|s| keep(&s.petition.court) && inp(s.petition.received_on)).count() as i64;
        }
        "petition_timely_rate" => {
            for s in r.petitions.values().filter(|s| keep(&s.petition.court)) {
                if let Some((on, _)) = s.first_closed().filter(|(on, _)| inp(*on)) {
                    den += 1;
                    num += i64::from((on - s.petition.received_on).num_days() <= 60);
                }
            }
        }
        "review_pass_rate" | "review_excellent_rate" => {
            for b in r.reviews.batches.values() {
                for x in b.reviews.iter().filter(|x| keep(&x.court) && inp(x.on)) {
                    den += 1;
                    num += i64::from(if id == "review_pass_rate" {
                        matches!(x.grade, Grade::Excellent | Grade::Pass)
                    } else {
                        x.grade == Grade::Excellent
                    });
                }
            }
        }
        other => panic!("{other}"),
    }
    (num, den)
}

const IDS: &[&str] = &[
    "campaign_clearance_rate",
    "rectification_completion_rate",
    "suggestion_reply_rate",
    "petitions_received",
    "petition_timely_rate",
    "review_pass_rate",
    "review_excellent_rate",
];

fn expected(id: &str, (n, d): (i64, i64)) -> Option<f64> {
    if lookup(id).unwrap().kind == Kind::Count { Some(n as f64) } else { (d != 0).then(|| n as f64 / d as f64) }
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    }
}

fn check(seed: u64, court_at: usize, rollup: bool, by_court: bool, grain: Option<Grain>, start: u64, len: u64) {
    let (cases, r) = generated(seed);
    let e = engine(cases.clone(), &r);
    let q_court = court(COURTS[court_at % COURTS.len()]);
    let from = d("2023-01-01") + Days::new(start);
    let q = Query {
        court: q_court.clone(),
        rollup,
        period: Period::new(from, from + Days::new(len)),
        by: by_court.then_some(Dimension::Court).into_iter().chain(grain.map(Dimension::Time)).collect(),
        tag: None,
        causes: vec![],
        indicators: IDS.iter().map(|s| (*s).to_owned()).collect(),
    };
    let results = e.compute(&q).unwrap();
    let mains = match grain {
        Some(g) => q.period.split(g),
        None => vec![q.period],
    };
    let selected = |c: &CourtCode| *c == q_court || (rollup && c.is_within(&q_court));
    for g in &results {
        let period = g.period;
        let group_court = g.key.iter().find(|(k, _)| *k == "court").map(|(_, c)| court(c));
        let keep = |c: &CourtCode| match &group_court {
            Some(gc) => c == gc,
            None => selected(c),
        };
        assert!(mains.contains(&period));
        for v in &g.values {
            let id = v.indicator.id;
            let now = oracle(id, &r, &cases, &keep, period);
            assert!(close(v.value, expected(id, now)), "{id} {:?} {period:?}: {:?} vs {now:?}", g.key, v.value);
            let before = oracle(id, &r, &cases, &keep, period.year_earlier());
            let want = match (expected(id, now), expected(id, before)) {
                (Some(x), Some(y)) if v.indicator.kind == Kind::Rate => Some(x - y),
                (Some(_), Some(y)) if y == 0.0 => None,
                (Some(x), Some(y)) => Some((x - y) / y),
                _ => None,
            };
            assert!(close(v.yoy, want), "{id} 同比 {:?} {period:?}: {:?} vs {want:?}", g.key, v.yoy);
            // Drill-down lists as many records as the value counts.
            let key: Vec<(&str, String)> = g.key.iter().map(|(k, v)| (*k, v.clone())).collect();
            let x = e.explain_group(&Query { period, ..q.clone() }, id, &key).unwrap();
            let counted = x.records.unwrap();
            assert_eq!(counted.numerator, now.0, "{id} drill-down");
            assert_eq!(counted.numerator_items.len() as i64, now.0);
        }
    }
    // Without a grouping the whole selection is one group, always present.
    if !by_court {
        assert_eq!(results.len(), mains.len());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_record_indicators_agree_with_a_naive_oracle(
        seed in any::<u64>(),
        court_at in 0usize..4,
        rollup in any::<bool>(),
        by_court in any::<bool>(),
        grain in prop_oneof![Just(None), Just(Some(Grain::Month)), Just(Some(Grain::Quarter)), Just(Some(Grain::Year))],
        start in 0u64..900,
        len in 0u64..500,
    ) {
        check(seed, court_at, rollup, by_court, grain, start, len);
    }
}

#[test]
fn a_petition_about_a_case_counts_in_its_matter() {
    // Two first-instance cases filed in 2025, one appealed: matters of 2 and 1 cases → 1:1.50.
    let mut cases = vec![
        case("（2025）内0203民初1号", d("2025-03-01"), Some((d("2025-05-01"), CloseMethod::Judgment))),
        case("（2025）内0203民初2号", d("2025-03-02"), None),
    ];
    let mut appeal = case("（2025）内02民终1号", d("2025-06-01"), None);
    appeal.origin = Some(CaseNumber::parse("（2025）内0203民初1号").unwrap());
    cases.push(appeal);
    let ratio = |e: &Engine| value(e, "case_matter_ratio", "内02", true, "2025-01-01", "2025-12-31").value.unwrap();
    let mut r = Register::default();
    let e = engine(cases.clone(), &r);
    assert!((ratio(&e) - 1.5).abs() < 1e-9, "{}", ratio(&e));
    // Two petitions about the appeal (in the first case's matter) and one about the second case.
    for (no, case_no) in [("1", "（2025）内02民终1号"), ("2", "（2025）内02民终1号"), ("3", "（2025）内0203民初2号")]
    {
        apply(
            &mut r,
            Management::Petition(Petition {
                court: court("内0203"),
                no: no.into(),
                received_on: d("2025-08-01"),
                channel: PetitionChannel::Visit,
                case_no: Some(CaseNumber::parse(case_no).unwrap()),
                first_time: true,
                petitioner: Petitioner { kind: PartyKind::Person, name: "x".into(), id_number: None },
                subject: "s".into(),
            }),
        );
    }
    // (2 + 2) + (1 + 1) = 6 over 2 matters → 1:3.00, from the month cube and over the rows alike;
    // and an engine given the records after it was built moves the same way.
    let fresh = engine(cases.clone(), &r);
    assert!((ratio(&fresh) - 3.0).abs() < 1e-9, "{}", ratio(&fresh));
    let rows = engine(cases.clone(), &r).without_cube();
    assert!((ratio(&rows) - 3.0).abs() < 1e-9);
    let mut live = engine(cases, &Register::default());
    live.set_records(RecordFacts::from_register(&r));
    assert!((ratio(&live) - 3.0).abs() < 1e-9);
    live.set_records(RecordFacts::default());
    assert!((ratio(&live) - 1.5).abs() < 1e-9, "the petitions leave again");
}

//! 数据核查 on the demo: every irregularity the generator plants is found by its detector, and
//! what else each detector finds is counted (printed) and looked at.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};

use docket_app::{Docket, IntegrityQuery, Quiet};
use docket_demo::Irregularity;
use docket_domain::CourtCode;
use docket_domain::integrity::{Detector, Thresholds};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_detectors_find_every_irregularity_the_demo_plants() {
    let cfg = docket_demo::Config { seed: 9, cases: 8_000, basic_courts: 2, ..docket_demo::Config::default() };
    let generated = docket_demo::generate_all(&cfg);
    let d = Docket::new(docket_store::test_support::sqlite().await);
    d.import_records(generated.records, &Quiet).await.unwrap();
    let q = IntegrityQuery {
        court: CourtCode::parse("内").unwrap(),
        rollup: true,
        from: chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(),
        to: cfg.until,
        detectors: vec![],
        thresholds: Thresholds::default(),
        today: cfg.until,
    };
    let findings = d.integrity(&q).await.unwrap();
    let found = |det: Detector| -> BTreeSet<String> {
        findings
            .iter()
            .filter(|f| f.detector == det)
            .filter_map(|f| f.case_no.as_ref().map(ToString::to_string))
            .collect()
    };
    let mut planted: BTreeMap<Detector, BTreeSet<String>> = BTreeMap::new();
    for p in &generated.planted {
        let det = match p.kind {
            Irregularity::SuspendedBeforeExpiry => Detector::SuspensionBeforeExpiry,
            Irregularity::YearEndFilingDelay => Detector::LateFiling,
            Irregularity::RefiledAfterWithdrawal { .. } => Detector::WithdrawRefile,
            Irregularity::PremediationParked => Detector::PremediationParking,
        };
        planted.entry(det).or_default().insert(p.case_no.to_string());
    }
    assert!(planted.len() == 4 && planted.values().all(|s| !s.is_empty()), "the demo plants all four");
    for (det, cases) in &planted {
        let got = found(*det);
        let missed: Vec<&String> = cases.difference(&got).collect();
        assert!(missed.is_empty(), "{} missed {missed:?}", det.id());
        let others: Vec<&String> = got.difference(cases).collect();
        eprintln!("{}: {} planted, all found; {} other findings {others:?}", det.id(), cases.len(), others.len());
    }
    // The withdrawn case is named with each refiling.
    for p in &generated.planted {
        if let Irregularity::RefiledAfterWithdrawal { withdrawn } = &p.kind {
            let f = findings
                .iter()
                .find(|f| f.detector == Detector::WithdrawRefile && f.case_no.as_ref() == Some(&p.case_no))
                .unwrap();
            assert!(f.related.contains(withdrawn), "{f:?}");
        }
    }
    for det in Detector::ALL {
        eprintln!("{}: {} findings", det.id(), findings.iter().filter(|f| f.detector == det).count());
    }
}

/// What a fresh replay finds for 内 rolled up (no kept state): the oracle for the kept one.
async fn fresh_findings<S: docket_store::Store + Clone>(
    store: &S,
    q: &IntegrityQuery,
) -> (Vec<docket_domain::integrity::Finding>, Vec<docket_domain::tracking::Day>) {
    let d = Docket::new(store.clone());
    let findings = d.integrity(q).await.unwrap();
    let (series, _) = d.tracking(&q.court, true, q.to - chrono::Days::new(300), q.to).await.unwrap();
    (findings, series)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_replay_kept_between_checks_follows_new_entries_and_a_chain_cut_underneath() {
    use docket_store::Store;
    use docket_store::test_support::RawSql;
    let cfg = docket_demo::Config { seed: 4, cases: 1_500, basic_courts: 2, ..docket_demo::Config::default() };
    let lines: Vec<String> =
        docket_demo::generate(&cfg).iter().map(|r| docket_interchange::write_record(r) + "\n").collect();
    // Cases and the first half of their events now, the rest later.
    let events: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].starts_with("{\"kind\":\"event\"")).collect();
    let cut = events[events.len() / 2];
    let store = docket_store::test_support::sqlite().await;
    let d = Docket::new(store.clone());
    d.import(lines[..cut].concat().as_bytes(), &Quiet).await.unwrap();
    let q = IntegrityQuery {
        court: CourtCode::parse("内").unwrap(),
        rollup: true,
        from: chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(),
        to: cfg.until,
        detectors: vec![],
        thresholds: Thresholds::default(),
        today: cfg.until,
    };
    let first = d.integrity(&q).await.unwrap();
    assert_eq!(first, fresh_findings(&store, &q).await.0);

    d.import(lines[cut..].concat().as_bytes(), &Quiet).await.unwrap();
    let (fresh, fresh_series) = fresh_findings(&store, &q).await;
    assert_ne!(first, fresh, "the second half of the events changes the findings");
    assert_eq!(d.integrity(&q).await.unwrap(), fresh, "the kept replay followed the new entries");
    let series = d.tracking(&q.court, true, q.to - chrono::Days::new(300), q.to).await.unwrap().0;
    assert_eq!(series, fresh_series);

    // A chain cut underneath (as a restore of an older backup would leave it): replayed again.
    let court = "内0203";
    let head: i64 = d.store().chain_heads().await.unwrap().into_iter().find(|h| h.court == court).unwrap().seq;
    let keep = head - 200;
    store.exec(&format!("DELETE FROM log WHERE court = '{court}' AND seq > {keep}")).await;
    store
        .exec(&format!(
            "UPDATE chain_heads SET seq = {keep}, hash = (SELECT hash FROM log WHERE court = '{court}' AND seq = {keep}) \
             WHERE court = '{court}'"
        ))
        .await;
    let (cut_findings, cut_series) = fresh_findings(&store, &q).await;
    assert_eq!(d.integrity(&q).await.unwrap(), cut_findings);
    assert_eq!(d.tracking(&q.court, true, q.to - chrono::Days::new(300), q.to).await.unwrap().0, cut_series);
}

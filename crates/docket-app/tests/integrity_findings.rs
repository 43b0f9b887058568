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
        };
        planted.entry(det).or_default().insert(p.case_no.to_string());
    }
    assert!(planted.len() == 3 && planted.values().all(|s| !s.is_empty()), "the demo plants all three");
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

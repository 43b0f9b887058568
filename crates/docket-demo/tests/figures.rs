//! A basic court's yearly figures in the generated data fall where the seed work reports' do.
//! Computed here naively, case by case, from the records (independently of any engine).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;

use chrono::NaiveDate;
use docket_demo::{Config, generate};
use docket_domain::{CloseMethod, EventKind, ServiceChannel};
use docket_interchange::Record;

/// Type codes outside the default scope 审执 (INDICATORS.md, counting conventions).
const OUTSIDE_TRIAL_ENFORCEMENT: &[&str] =
    &["民诉前调", "诉前调确", "诉前调书", "执保", "执恢", "财保", "行保", "证保"];

#[derive(Default)]
struct Facts {
    type_code: &'static str,
    filed_on: Option<NaiveDate>,
    closed_on: Option<NaiveDate>,
    method: Option<CloseMethod>,
    claim_fen: i64,
    recovered_fen: i64,
}

struct Figures {
    closure_rate: f64,
    mediation_withdrawal_rate: f64,
    avg_duration_days: f64,
    recovery_rate: f64,
    eservice_success_rate: f64,
    premediation_success_rate: f64,
    accepted: usize,
}

fn figures(records: &[Record], court: &str, from: NaiveDate, to: NaiveDate) -> Figures {
    let mut cases: HashMap<String, Facts> = HashMap::new();
    let (mut attempts, mut delivered) = (0, 0);
    for r in records {
        match r {
            Record::Case(c) if c.court.as_str() == court => {
                let f = cases.entry(c.case_no.to_string()).or_default();
                f.type_code = c.case_type().code;
                f.filed_on = Some(c.filed_on);
                f.claim_fen = c.claim_amount.map_or(0, |a| a.fen());
            }
            Record::Event(e) => {
                let Some(f) = cases.get_mut(&e.case_no.to_string()) else { continue };
                match &e.event.kind {
                    EventKind::Closed { method, .. } => {
                        f.closed_on = Some(e.event.on);
                        f.method = Some(*method);
                    }
                    EventKind::Recovered { amount } => f.recovered_fen += amount.fen(),
                    EventKind::ServiceAttempted { channel: ServiceChannel::Electronic, delivered: ok, .. }
                        if (from..=to).contains(&e.event.on) =>
                    {
                        attempts += 1;
                        delivered += i32::from(*ok);
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    let closed_in = |f: &Facts| f.closed_on.is_some_and(|d| (from..=to).contains(&d));
    let in_scope = |f: &&Facts| !OUTSIDE_TRIAL_ENFORCEMENT.contains(&f.type_code);
    let scoped: Vec<&Facts> = cases.values().filter(in_scope).collect();
    let accepted = scoped.iter().filter(|f| f.filed_on.unwrap() <= to && f.closed_on.is_none_or(|d| d >= from)).count();
    let closed: Vec<&&Facts> = scoped.iter().filter(|f| closed_in(f)).collect();
    let civil: Vec<&&&Facts> = closed.iter().filter(|f| f.type_code == "民初").collect();
    let mw = civil
        .iter()
        .filter(|f| {
            matches!(f.method, Some(CloseMethod::Mediation | CloseMethod::Withdrawal | CloseMethod::DeemedWithdrawal))
        })
        .count();
    let days: i64 = closed.iter().map(|f| (f.closed_on.unwrap() - f.filed_on.unwrap()).num_days()).sum();
    let enforcement: Vec<&&&Facts> = closed.iter().filter(|f| f.type_code == "执").collect();
    let applied: i64 = enforcement.iter().map(|f| f.claim_fen).sum();
    let recovered: i64 = enforcement.iter().map(|f| f.recovered_fen).sum();
    let pre: Vec<&Facts> = cases.values().filter(|f| f.type_code == "民诉前调" && closed_in(f)).collect();
    let agreed = pre.iter().filter(|f| f.method == Some(CloseMethod::PremediationAgreement)).count();
    Figures {
        closure_rate: closed.len() as f64 / accepted as f64,
        mediation_withdrawal_rate: mw as f64 / civil.len() as f64,
        avg_duration_days: days as f64 / closed.len() as f64,
        recovery_rate: recovered as f64 / applied as f64,
        eservice_success_rate: f64::from(delivered) / f64::from(attempts),
        premediation_success_rate: agreed as f64 / pre.len() as f64,
        accepted,
    }
}

#[test]
fn a_basic_courts_yearly_figures_fall_in_the_seed_reports_ranges() {
    for seed in [1, 7, 42] {
        let records = generate(&Config { seed, cases: 30_000, basic_courts: 3, ..Config::default() });
        let from = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let to = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        let f = figures(&records, "内0203", from, to);
        let report = format!(
            "seed {seed}: 受理 {} 结案率 {:.4} 调撤率 {:.4} 平均审理天数 {:.1} 执行到位率 {:.4} 电子送达成功率 {:.4} 诉前调解成功率 {:.4}",
            f.accepted,
            f.closure_rate,
            f.mediation_withdrawal_rate,
            f.avg_duration_days,
            f.recovery_rate,
            f.eservice_success_rate,
            f.premediation_success_rate
        );
        eprintln!("{report}");
        assert!(f.accepted > 3_000, "{report}");
        assert!((0.93..=0.98).contains(&f.closure_rate), "{report}");
        assert!((0.30..=0.60).contains(&f.mediation_withdrawal_rate), "{report}");
        assert!((40.0..=90.0).contains(&f.avg_duration_days), "{report}");
        assert!((0.30..=0.60).contains(&f.recovery_rate), "{report}");
        assert!((0.75..=0.85).contains(&f.eservice_success_rate), "{report}");
        assert!((0.30..=0.50).contains(&f.premediation_success_rate), "{report}");
    }
}

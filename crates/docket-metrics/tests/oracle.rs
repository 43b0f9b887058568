//! An independent oracle: every indicator computed naively, case by case, straight from the
//! definitions of INDICATORS.md, must agree with the engine on random datasets, for every
//! grouping, tag filter, rollup and period, with 同比 and 环比. And `pending = accepted − closed`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::explicit_auto_deref, clippy::redundant_guards)]

use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, Months, NaiveDate};
use docket_domain::{CaseNumber, CaseType, CloseMethod, CourtCode, Stage, Tag};
use docket_metrics::{
    CATALOGUE, CaseFacts, Dimension, Enforcement, Engine, FactTable, Formula, Grain, Indicator, JudgeFacts, Kind,
    Period, Query, Settings,
};
use proptest::prelude::*;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 > 1.0 - p
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len() as u64) as usize]
    }
}

const COURTS: &[&str] = &["内", "内02", "内0203", "内0207", "内01", "内0105"];
const TYPES: &[&str] =
    &["民初", "民初", "民初", "刑初", "行初", "民终", "刑终", "执", "执", "执恢", "民诉前调", "财保", "民特", "民申"];
const TAGS: &[&str] = &["enterprise", "labor", "minor"];

fn d(days: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 1, 1).unwrap() + chrono::Days::new(days)
}

fn dataset(seed: u64, n: usize) -> (Vec<CaseFacts>, Vec<JudgeFacts>) {
    let mut r = Rng(seed);
    let mut judges = Vec::new();
    for c in COURTS {
        for k in 0..3 {
            judges.push(JudgeFacts {
                court: CourtCode::parse(c).unwrap(),
                code: format!("J{k}"),
                quota: r.chance(0.7),
                leader: k == 0,
            });
        }
    }
    let mut cases: Vec<CaseFacts> = Vec::new();
    let mut seq: HashMap<(String, String, i32), u32> = HashMap::new();
    for _ in 0..n {
        let court = *r.pick(COURTS);
        let t = *r.pick(TYPES);
        let filed_on = d(r.below(1700));
        let s = seq.entry((court.into(), t.into(), filed_on.year())).or_insert(0);
        *s += 1;
        let case_no = CaseNumber::parse(&format!("（{}）{court}{t}{s}号", filed_on.year())).unwrap();
        let closed_on = r.chance(0.8).then(|| filed_on + chrono::Days::new(r.below(500)));
        let origin = (!cases.is_empty() && r.chance(0.3)).then(|| {
            let i = r.below(cases.len() as u64) as usize;
            cases[i].case_no.clone()
        });
        let tags = TAGS.iter().filter(|_| r.chance(0.3)).map(|t| Tag::parse(t).unwrap()).collect();
        let eservice = (0..r.below(3)).map(|_| (filed_on + chrono::Days::new(r.below(60)), r.chance(0.8))).collect();
        let recoveries =
            (0..r.below(2)).map(|_| (filed_on + chrono::Days::new(r.below(300)), r.below(100_000) as i64)).collect();
        let mut enforcement: Vec<(NaiveDate, Enforcement)> = (0..r.below(4))
            .map(|_| {
                let on = filed_on + chrono::Days::new(r.below(400));
                let e = match r.below(10) {
                    8 => Enforcement::Flagged,
                    9 => Enforcement::Committee,
                    0 => Enforcement::Urged,
                    1 => Enforcement::Performed(r.below(500_000) as i64 + 1),
                    2 => Enforcement::Detained(r.below(3) as u32 + 1),
                    3 => Enforcement::Referral,
                    4 => Enforcement::Blacklisted,
                    5 => Enforcement::Confirmation(r.chance(0.8)),
                    6 => Enforcement::FeePaid(r.chance(0.6)),
                    _ => Enforcement::Refund(r.chance(0.7)),
                };
                (on, e)
            })
            .collect();
        // The projection keeps a marked case's 阅核 at its closing date.
        if let Some(on) = closed_on.filter(|_| r.chance(0.2)) {
            enforcement.push((on, Enforcement::ClosedFlagged(r.chance(0.7))));
        }
        // A document at the closing, published by now or not; its publication some days later.
        if let Some(on) = closed_on.filter(|_| r.chance(0.5)) {
            let online = r.chance(0.85);
            enforcement.push((on, Enforcement::DocumentDue(online)));
            if online {
                enforcement.push((on + chrono::Days::new(r.below(30)), Enforcement::Published(r.chance(0.8))));
            }
        }
        enforcement.sort_by_key(|(on, _)| *on);
        let hearings = (0..r.below(3))
            .map(|_| {
                let online = r.chance(0.5);
                (filed_on + chrono::Days::new(r.below(200)), online, !online || r.chance(0.3))
            })
            .collect();
        cases.push(CaseFacts {
            court: CourtCode::parse(court).unwrap(),
            case_no,
            cause: r.pick(&["买卖合同纠纷", "离婚纠纷", "盗窃罪"]).to_string(),
            judge: r.chance(0.9).then(|| format!("J{}", r.below(3))),
            department: r.chance(0.9).then(|| r.pick(&["ms1", "xs"]).to_string()),
            tags,
            received_on: r.chance(0.7).then(|| filed_on - chrono::Days::new(r.below(12))),
            filed_on,
            closed_on,
            close_method: closed_on.map(|_| *r.pick(&CloseMethod::ALL)),
            online: r.chance(0.5),
            claim_fen: r.below(1_000_000) as i64,
            deducted_days: r.below(40) as u32,
            extensions: if r.chance(0.2) { 1 } else { 0 },
            deadline_on: r.chance(0.8).then(|| filed_on + chrono::Days::new(r.below(400))),
            hearings_held: r.below(3) as u32,
            first_setting_held: r.chance(0.7),
            suspended_since: (closed_on.is_none() && r.chance(0.2)).then(|| filed_on + chrono::Days::new(r.below(200))),
            origin,
            eservice,
            recoveries,
            hearings,
            termination_compliant: r.chance(0.6),
            enforcement,
            mediation_org: r.chance(0.4).then(|| r.pick(&["M01", "M02"]).to_string()),
        });
    }
    (cases, judges)
}

/// The naive oracle over the cases themselves.
struct Oracle<'a> {
    cases: &'a [CaseFacts],
    judges: &'a [JudgeFacts],
    settings: &'a Settings,
}

fn months(d: NaiveDate, m: u32) -> NaiveDate {
    d.checked_add_months(Months::new(m)).unwrap()
}

impl Oracle<'_> {
    fn children(&self, c: &CaseFacts) -> Vec<&CaseFacts> {
        self.cases.iter().filter(|x| x.origin.as_ref() == Some(&c.case_no)).collect()
    }

    fn matter_size(&self, c: &CaseFacts) -> i64 {
        1 + self.children(c).iter().map(|x| self.matter_size(x)).sum::<i64>()
    }

    fn judge(&self, c: &CaseFacts) -> Option<&JudgeFacts> {
        let j = c.judge.as_ref()?;
        self.judges.iter().find(|x| x.court == c.court && &x.code == j)
    }

    /// (value, numerator, denominator) of one indicator over `cases` in period p.
    fn value(&self, ind: &Indicator, cases: &[&CaseFacts], p: Period) -> (Option<f64>, Option<i64>, Option<i64>) {
        let scope = self.settings.scope_of(ind);
        let codes = &self.settings.scopes.iter().find(|(n, _)| n == scope).unwrap().1;
        let cases: Vec<&CaseFacts> =
            cases.iter().copied().filter(|c| codes.contains(&c.case_no.case_type().code)).collect();
        let inp = |x: NaiveDate| p.from <= x && x <= p.to;
        let n: Vec<&&CaseFacts> = cases.iter().filter(|c| inp(c.filed_on)).collect();
        let o = cases.iter().filter(|c| c.filed_on < p.from && c.closed_on.is_none_or(|x| x >= p.from)).count() as i64;
        let cl: Vec<&&CaseFacts> = cases.iter().filter(|c| c.closed_on.is_some_and(inp)).collect();
        let u: Vec<&&CaseFacts> =
            cases.iter().filter(|c| c.filed_on <= p.to && c.closed_on.is_none_or(|x| x > p.to)).collect();
        let count = |v: i64| (Some(v as f64), Some(v), None);
        let rate = |a: i64, b: i64| ((b != 0).then(|| a as f64 / b as f64), Some(a), Some(b));
        let cn = cl.len() as i64;
        let cc = |pred: &dyn Fn(&CaseFacts) -> bool| cl.iter().filter(|c| pred(c)).count() as i64;
        let days = |c: &CaseFacts| (c.closed_on.unwrap() - c.filed_on).num_days();
        let method = |c: &CaseFacts, ms: &[CloseMethod]| c.close_method.is_some_and(|m| ms.contains(&m));
        let child_of_stage = |c: &CaseFacts, stages: &[Stage]| {
            self.children(c).into_iter().filter(|x| stages.contains(&x.case_no.case_type().stage)).collect::<Vec<_>>()
        };
        let pending_age = |k: usize| {
            let bounds = [0, 3, 6, 12, 18, 36];
            u.iter()
                .filter(|c| !(c.closed_on.is_none() && c.suspended_since.is_some_and(|s| s <= p.to)))
                .filter(|c| {
                    let b = bounds.iter().skip(1).filter(|m| months(c.filed_on, **m) <= p.to).count();
                    b == k
                })
                .count() as i64
        };
        // Σ over the 执行 events dated in P of what `value` reads from one (None: not counted).
        let enf = |value: &dyn Fn(Enforcement) -> Option<i64>| -> i64 {
            cases
                .iter()
                .flat_map(|c| c.enforcement.iter())
                .filter(|(x, _)| inp(*x))
                .filter_map(|(_, e)| value(*e))
                .sum()
        };
        use CloseMethod::*;
        match ind.id {
            "filed" => count(n.len() as i64),
            "carried_over" => count(o),
            "accepted" => count(o + n.len() as i64),
            "closed" => count(cn),
            "pending" => count(u.len() as i64),
            "closure_rate" => rate(cn, o + n.len() as i64),
            "clearance_ratio" => rate(cn, n.len() as i64),
            "closed_per_judge" => {
                let active: BTreeSet<(String, String)> = cl
                    .iter()
                    .filter_map(|c| self.judge(c))
                    .filter(|j| j.quota)
                    .map(|j| (j.court.to_string(), j.code.clone()))
                    .collect();
                rate(cn, active.len() as i64)
            }
            "leader_case_share" => rate(cc(&|c| self.judge(c).is_some_and(|j| j.leader)), cn),
            "closure_balance" => {
                let m0 = p.from.year() * 12 + p.from.month0() as i32;
                let m1 = p.to.year() * 12 + p.to.month0() as i32;
                if m1 - m0 < 2 {
                    return (None, None, None);
                }
                let counts: Vec<f64> = (m0..=m1)
                    .map(|m| {
                        cl.iter()
                            .filter(|c| {
                                let x = c.closed_on.unwrap();
                                x.year() * 12 + x.month0() as i32 == m
                            })
                            .count() as f64
                    })
                    .collect();
                let mean = counts.iter().sum::<f64>() / counts.len() as f64;
                if mean == 0.0 {
                    return (None, None, None);
                }
                let sd = (counts.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / counts.len() as f64).sqrt();
                (Some(1.0 - sd / mean), None, None)
            }
            "avg_duration_days" => rate(cl.iter().map(|c| days(c)).sum(), cn),
            "avg_net_duration_days" => rate(cl.iter().map(|c| days(c) - i64::from(c.deducted_days)).sum(), cn),
            "median_duration_days" => {
                let mut v: Vec<i64> = cl.iter().map(|c| days(c)).collect();
                v.sort();
                let m = if v.is_empty() {
                    None
                } else if v.len() % 2 == 1 {
                    Some(v[v.len() / 2] as f64)
                } else {
                    Some((v[v.len() / 2 - 1] + v[v.len() / 2]) as f64 / 2.0)
                };
                (m, None, Some(v.len() as i64))
            }
            "within_limit_rate" => rate(
                cc(&|c| c.deadline_on.is_some_and(|dl| c.closed_on.unwrap() <= dl)),
                cc(&|c| c.deadline_on.is_some()),
            ),
            "extension_rate" => rate(cc(&|c| c.extensions > 0), cn),
            "overdue_pending" => count(u.iter().filter(|c| c.deadline_on.is_some_and(|dl| dl < p.to)).count() as i64),
            "long_pending_12m" => count(u.iter().filter(|c| months(c.filed_on, 12) < p.to).count() as i64),
            "long_pending_18m" => count(u.iter().filter(|c| months(c.filed_on, 18) < p.to).count() as i64),
            "long_pending_36m" => count(u.iter().filter(|c| months(c.filed_on, 36) < p.to).count() as i64),
            "long_pending_12m_ratio" => {
                rate(u.iter().filter(|c| months(c.filed_on, 12) < p.to).count() as i64, u.len() as i64)
            }
            "time_to_disposition_90" => rate(cc(&|c| days(c) <= 90), cn),
            "time_to_disposition_180" => rate(cc(&|c| days(c) <= 180), cn),
            "time_to_disposition_365" => rate(cc(&|c| days(c) <= 365), cn),
            "pending_age_0_3m" => count(pending_age(0)),
            "pending_age_3_6m" => count(pending_age(1)),
            "pending_age_6_12m" => count(pending_age(2)),
            "pending_age_12_18m" => count(pending_age(3)),
            "pending_age_18_36m" => count(pending_age(4)),
            "pending_age_over_36m" => count(pending_age(5)),
            "filing_within_limit_rate" => rate(
                n.iter().filter(|c| c.received_on.is_some_and(|r| (c.filed_on - r).num_days() <= 7)).count() as i64,
                n.iter().filter(|c| c.received_on.is_some()).count() as i64,
            ),
            "first_setting_certainty" => {
                rate(cc(&|c| c.hearings_held > 0 && c.first_setting_held), cc(&|c| c.hearings_held > 0))
            }
            "mediation_rate" => rate(cc(&|c| method(c, &[Mediation])), cn),
            "mediation_withdrawal_rate" => rate(cc(&|c| method(c, &[Mediation, Withdrawal, DeemedWithdrawal])), cn),
            "appeal_rate" => rate(cc(&|c| !child_of_stage(c, &[Stage::SecondInstance]).is_empty()), cn),
            "reversal_remand_rate" => rate(
                cc(&|c| child_of_stage(c, &[Stage::SecondInstance]).iter().any(|x| method(x, &[Revised, Remanded]))),
                cn,
            ),
            "second_instance_reversal_rate" => rate(cc(&|c| method(c, &[Revised, Remanded])), cn),
            "acceptance_rate" => rate(
                cc(&|c| child_of_stage(c, &[Stage::SecondInstance, Stage::Retrial, Stage::RetrialReview]).is_empty()),
                cn,
            ),
            "case_matter_ratio" => {
                let roots: Vec<&CaseFacts> = n
                    .iter()
                    .map(|c| **c)
                    .filter(|c| c.origin.as_ref().is_none_or(|o| !self.cases.iter().any(|x| &x.case_no == o)))
                    .collect();
                rate(roots.iter().map(|c| self.matter_size(c)).sum(), roots.len() as i64)
            }
            "enforcement_application_rate" => rate(
                cc(&|c| {
                    method(c, &[Judgment, Mediation])
                        && self.children(c).iter().any(|x| x.case_no.case_type().code == "执")
                }),
                cc(&|c| method(c, &[Judgment, Mediation])),
            ),
            "recovery_rate" => rate(
                cl.iter().map(|c| c.recoveries.iter().map(|(_, a)| a).sum::<i64>()).sum(),
                cl.iter().map(|c| c.claim_fen).sum(),
            ),
            "recovered_amount" => {
                count(cases.iter().flat_map(|c| c.recoveries.iter()).filter(|(x, _)| inp(*x)).map(|(_, a)| a).sum())
            }
            "completion_rate" => rate(cc(&|c| method(c, &[EnforcementCompleted])), cn),
            "termination_rate" => rate(cc(&|c| method(c, &[EnforcementTerminated])), cn),
            // 终本合格率: of the 终本 closings, those meeting the five conditions (the flag is set at
            // random on every case, so a case closed otherwise must not count).
            "termination_compliance_rate" => rate(
                cc(&|c| method(c, &[EnforcementTerminated]) && c.termination_compliant),
                cc(&|c| method(c, &[EnforcementTerminated])),
            ),
            "actual_enforcement_rate" => {
                rate(cc(&|c| method(c, &[EnforcementCompleted, EnforcementVoluntary, EnforcementSettled])), cn)
            }
            "online_filing_rate" => rate(n.iter().filter(|c| c.online).count() as i64, n.len() as i64),
            "eservice_success_rate" => {
                let attempts: Vec<bool> =
                    cases.iter().flat_map(|c| c.eservice.iter()).filter(|(x, _)| inp(*x)).map(|(_, ok)| *ok).collect();
                rate(attempts.iter().filter(|ok| **ok).count() as i64, attempts.len() as i64)
            }
            "premediation_success_rate" => rate(cc(&|c| method(c, &[PremediationAgreement])), cn),
            "online_hearings" => {
                count(cases.iter().flat_map(|c| c.hearings.iter()).filter(|(x, online, _)| inp(*x) && *online).count()
                    as i64)
            }
            "streamed_hearings" => count(
                cases.iter().flat_map(|c| c.hearings.iter()).filter(|(x, _, streamed)| inp(*x) && *streamed).count()
                    as i64,
            ),
            "online_filings" => count(n.iter().filter(|c| c.online).count() as i64),
            "eservice_attempts" => {
                count(cases.iter().flat_map(|c| c.eservice.iter()).filter(|(x, _)| inp(*x)).count() as i64)
            }
            "eservice_cases" => count(cases.iter().filter(|c| c.eservice.iter().any(|(x, _)| inp(*x))).count() as i64),
            "pre_enforcement_notices" => count(enf(&|e| matches!(e, Enforcement::Urged).then_some(1))),
            "pre_enforcement_amount" => count(enf(&|e| match e {
                Enforcement::Performed(fen) => Some(fen),
                _ => None,
            })),
            "performed_cases" => count(
                cases
                    .iter()
                    .filter(|c| c.enforcement.iter().any(|(x, e)| inp(*x) && matches!(e, Enforcement::Performed(_))))
                    .count() as i64,
            ),
            "detentions" => count(enf(&|e| match e {
                Enforcement::Detained(n) => Some(i64::from(n)),
                _ => None,
            })),
            "criminal_referrals" => count(enf(&|e| matches!(e, Enforcement::Referral).then_some(1))),
            "blacklisted" => count(enf(&|e| matches!(e, Enforcement::Blacklisted).then_some(1))),
            "premediation_successes" => count(cc(&|c| method(c, &[PremediationAgreement]))),
            "confirmations" => count(enf(&|e| matches!(e, Enforcement::Confirmation(_)).then_some(1))),
            "confirmation_rate" => rate(
                enf(&|e| matches!(e, Enforcement::Confirmation(true)).then_some(1)),
                enf(&|e| matches!(e, Enforcement::Confirmation(_)).then_some(1)),
            ),
            // 诉前分流: the scope is 民诉前调 and 民初; of the cases filed, the 诉前调解.
            "mediation_diversion_rate" => {
                rate(n.iter().filter(|c| c.case_no.case_type().code == "民诉前调").count() as i64, n.len() as i64)
            }
            "online_fee_payment_rate" => rate(
                enf(&|e| matches!(e, Enforcement::FeePaid(true)).then_some(1)),
                enf(&|e| matches!(e, Enforcement::FeePaid(_)).then_some(1)),
            ),
            "fee_refund_timely_rate" => rate(
                enf(&|e| matches!(e, Enforcement::Refund(true)).then_some(1)),
                enf(&|e| matches!(e, Enforcement::Refund(_)).then_some(1)),
            ),
            "claim_total" => count(cl.iter().map(|c| c.claim_fen).sum()),
            "four_category_cases" => count(
                cases
                    .iter()
                    .filter(|c| c.enforcement.iter().any(|(x, e)| inp(*x) && matches!(e, Enforcement::Flagged)))
                    .count() as i64,
            ),
            // 文书上网率: documents of P's effect published by now, of those not withheld.
            "publication_rate" => rate(
                enf(&|e| matches!(e, Enforcement::DocumentDue(true)).then_some(1)),
                enf(&|e| matches!(e, Enforcement::DocumentDue(_)).then_some(1)),
            ),
            "publication_timely_rate" => rate(
                enf(&|e| matches!(e, Enforcement::Published(true)).then_some(1)),
                enf(&|e| matches!(e, Enforcement::Published(_)).then_some(1)),
            ),
            "committee_deliberations" => count(enf(&|e| matches!(e, Enforcement::Committee).then_some(1))),
            // Cases closed in P marked at their closing, and of them read (approved) by then.
            "reading_rate" => {
                let marked = |read: Option<bool>| {
                    cases
                        .iter()
                        .filter(|c| c.closed_on.is_some_and(inp))
                        .filter(|c| {
                            c.enforcement.iter().any(|(x, e)| {
                                Some(*x) == c.closed_on
                                    && matches!(e, Enforcement::ClosedFlagged(r) if read.is_none_or(|want| *r == want))
                            })
                        })
                        .count() as i64
                };
                rate(marked(Some(true)), marked(None))
            }
            // Checked against their own oracle in `tests/records.rs`.
            "campaign_clearance_rate"
            | "rectification_completion_rate"
            | "suggestion_reply_rate"
            | "petitions_received"
            | "petition_timely_rate"
            | "review_pass_rate"
            | "review_excellent_rate" => (None, None, None),
            other => panic!("the oracle does not know {other}"),
        }
    }

    /// The cases of a group under a dimension, for a court selection and tag.
    fn select(&self, q: &Query) -> Vec<&CaseFacts> {
        self.cases
            .iter()
            .filter(|c| c.court == q.court || (q.rollup && c.court.is_within(&q.court)))
            .filter(|c| q.tag.as_ref().is_none_or(|t| c.tags.contains(t)))
            .filter(|c| q.causes.is_empty() || q.causes.contains(&c.cause))
            .collect()
    }

    fn key(&self, dim: Dimension, c: &CaseFacts) -> Vec<String> {
        match dim {
            Dimension::Court => vec![c.court.to_string()],
            Dimension::Department => {
                vec![c.department.as_ref().map_or("未分配".into(), |d| format!("{}/{d}", c.court))]
            }
            Dimension::Judge => vec![match self.judge(c) {
                Some(j) => format!("{}/{}", j.court, j.code),
                None => "未分配".into(),
            }],
            Dimension::Type => vec![c.case_no.case_type().code.to_owned()],
            Dimension::Category => vec![c.case_no.case_type().category.label().to_owned()],
            Dimension::Cause => vec![c.cause.clone()],
            Dimension::Tag => c.tags.iter().map(|t| t.as_str().to_owned()).collect(),
            Dimension::Org => {
                vec![c.mediation_org.as_ref().map_or("未委派委托调解".into(), |o| format!("{}/{o}", c.court))]
            }
            Dimension::Time(_) => unreachable!(),
        }
    }
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(1.0),
        _ => false,
    }
}

/// The first day of `x`'s month, and the last.
fn month_of(x: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = x.with_day(1).unwrap();
    (first, first.checked_add_months(chrono::Months::new(1)).unwrap().pred_opt().unwrap())
}

/// Checks the engine against the oracle on one dataset and one random query, both ways: from the
/// month cube where the query is whole months by court, and by passing over the rows. Returns the
/// values checked and whether the cube answered.
fn check(seed: u64, n: usize, q_seed: u64) -> (usize, bool) {
    let (cases, judges) = dataset(seed, n);
    let settings = Settings::default();
    // Every other dataset through the threaded pass (runs of rows taken in turn, then merged).
    let parallel_rows = if seed.is_multiple_of(2) { 1 } else { usize::MAX };
    let engine = Engine::new(FactTable::build(cases.clone(), judges.clone(), &settings), settings.clone())
        .with_parallel_rows(parallel_rows);
    let oracle = Oracle { cases: &cases, judges: &judges, settings: &settings };
    let mut r = Rng(q_seed);
    let mut from = d(r.below(1400));
    let mut to = from + chrono::Days::new(r.below(500));
    // Half the periods whole months, as the month cube answers them.
    let whole_months = r.chance(0.5);
    if whole_months {
        (from, to) = (month_of(from).0, month_of(to).1);
    }
    let dims = [
        None,
        Some(Dimension::Court),
        Some(Dimension::Department),
        Some(Dimension::Judge),
        Some(Dimension::Type),
        Some(Dimension::Category),
        Some(Dimension::Cause),
        Some(Dimension::Tag),
        Some(Dimension::Org),
    ];
    let dim = *r.pick(&dims);
    let grain = *r.pick(&[None, Some(Grain::Month), Some(Grain::Quarter), Some(Grain::Year)]);
    let q = Query {
        court: CourtCode::parse(*r.pick(&["内", "内02", "内0203"])).unwrap(),
        rollup: r.chance(0.5),
        period: Period::new(from, to),
        by: dim.into_iter().chain(grain.map(Dimension::Time)).collect(),
        tag: r.chance(0.3).then(|| Tag::parse(*r.pick(TAGS)).unwrap()),
        // Sometimes one cause or two, sometimes one no case has.
        causes: match r.below(6) {
            0 => vec![r.pick(&["买卖合同纠纷", "离婚纠纷", "盗窃罪"]).to_string()],
            1 => vec!["买卖合同纠纷".into(), "盗窃罪".into()],
            2 => vec!["不存在的案由".into()],
            _ => vec![],
        },
        indicators: Vec::new(),
    };
    let from_cube = engine.reads_cube(&q);
    let by_court_alone = matches!(dim, None | Some(Dimension::Court)) && q.tag.is_none() && q.causes.is_empty();
    assert_eq!(from_cube, whole_months && by_court_alone, "{q:?}");
    let checked = check_query(&engine, &oracle, &q, dim, grain);
    if !from_cube {
        return (checked, false);
    }
    let rows = engine.without_cube();
    assert!(!rows.reads_cube(&q));
    (checked + check_query(&rows, &oracle, &q, dim, grain), true)
}

fn check_query(engine: &Engine, oracle: &Oracle, q: &Query, dim: Option<Dimension>, grain: Option<Grain>) -> usize {
    let q = q.clone();
    let results = engine.compute(&q).unwrap();
    let selected = oracle.select(&q);
    let mains = match grain {
        Some(g) => q.period.split(g),
        None => vec![q.period],
    };
    // Every group the oracle sees with cases in it appears in the engine's results.
    let mut checked = 0;
    for m in &mains {
        let groups: BTreeSet<Vec<String>> = match dim {
            None => [vec![]].into_iter().collect(),
            Some(dm) => selected.iter().flat_map(|c| oracle.key(dm, c)).map(|k| vec![k]).collect(),
        };
        for g in groups {
            let members: Vec<&CaseFacts> = match dim {
                None => selected.clone(),
                Some(dm) => selected.iter().copied().filter(|c| oracle.key(dm, c).contains(&g[0])).collect(),
            };
            let res = results.iter().find(|r| {
                r.period == *m
                    && r.key
                        .iter()
                        .filter(|(k, _)| !matches!(*k, "month" | "quarter" | "year"))
                        .map(|(_, v)| v.clone())
                        .collect::<Vec<_>>()
                        == g
            });
            let Some(res) = res else {
                // The engine leaves out a group with nothing accepted and no service attempt in
                // any of the periods asked for.
                for m in &mains {
                    let active = members.iter().any(|c| {
                        (c.filed_on <= m.to && c.closed_on.is_none_or(|x| x >= m.from))
                            || c.eservice.iter().any(|(x, _)| m.from <= *x && *x <= m.to)
                            || c.hearings.iter().any(|(x, _, _)| m.from <= *x && *x <= m.to)
                    });
                    assert!(!active, "missing group {g:?} {m:?}");
                }
                continue;
            };
            for v in &res.values {
                // The record indicators count the register, not the cases: `tests/records.rs`.
                if matches!(v.indicator.formula, Formula::Record(_)) {
                    continue;
                }
                let (value, num, den) = oracle.value(v.indicator, &members, *m);
                assert!(close(v.value, value), "{} {g:?} {m:?}: engine {:?} oracle {value:?}", v.indicator.id, v.value);
                if matches!(v.indicator.formula, Formula::Fraction(..) | Formula::Mean(..)) {
                    assert_eq!((v.numerator, v.denominator), (num, den), "{} {g:?} {m:?}", v.indicator.id);
                }
                // 同比 and 环比 from the oracle's own values one year and one period earlier.
                for (got, before) in [(v.yoy, m.year_earlier()), (v.mom, m.preceding(grain))] {
                    let (b, _, _) = oracle.value(v.indicator, &members, before);
                    let want = match (value, b) {
                        (Some(x), Some(y)) if v.indicator.kind == Kind::Rate => Some(x - y),
                        (Some(_), Some(y)) if y == 0.0 => None,
                        (Some(x), Some(y)) => Some((x - y) / y),
                        _ => None,
                    };
                    assert!(close(got, want), "{} change {g:?} {m:?} vs {before:?}: {got:?} {want:?}", v.indicator.id);
                }
                checked += 1;
            }
            let get = |id: &str| res.values.iter().find(|v| v.indicator.id == id).unwrap().value.unwrap();
            assert_eq!(get("pending"), get("accepted") - get("closed"));
            // Drill-down into this group names as many cases as the value counts, all of them
            // members of the group.
            for id in ["closure_rate", "mediation_rate", "within_limit_rate", "online_filing_rate"] {
                let v = res.values.iter().find(|v| v.indicator.id == id).unwrap();
                let key: Vec<(&str, String)> = res.key.iter().map(|(k, v)| (*k, v.clone())).collect();
                let e = engine.explain_group(&Query { period: *m, ..q.clone() }, id, &key).unwrap();
                assert_eq!(
                    (Some(e.numerator.len() as i64), Some(e.denominator.len() as i64)),
                    (v.numerator, v.denominator),
                    "{id} {g:?} {m:?}"
                );
                for row in e.numerator.iter().chain(&e.denominator) {
                    let case_no = engine.table().case_no(*row);
                    assert!(members.iter().any(|c| c.case_no == *case_no), "{id} {g:?}: {case_no} is not in the group");
                }
            }
        }
    }
    checked
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn the_engine_agrees_with_a_naive_oracle_on_random_court_data(seed in any::<u64>(), q in any::<u64>()) {
        check(seed, 300, q);
    }
}

#[test]
fn the_oracle_comparison_checks_values_for_fixed_seeds() {
    let checked: usize = (1..=12).map(|s| check(s, 400, s * 7).0).sum();
    assert!(checked > 500, "{checked}");
    // And the month cube by court on every seed, whole months by quarter.
    for seed in 1..=12 {
        let (cases, judges) = dataset(seed, 400);
        let s = Settings::default();
        let engine = Engine::new(FactTable::build(cases.clone(), judges.clone(), &s), s.clone());
        let oracle = Oracle { cases: &cases, judges: &judges, settings: &s };
        let q = Query {
            court: CourtCode::parse("内").unwrap(),
            rollup: true,
            period: Period::new(month_of(d(seed * 30)).0, month_of(d(seed * 30 + 700)).1),
            by: vec![Dimension::Court, Dimension::Time(Grain::Quarter)],
            tag: None,
            causes: vec![],
            indicators: Vec::new(),
        };
        assert!(engine.reads_cube(&q));
        assert!(check_query(&engine, &oracle, &q, Some(Dimension::Court), Some(Grain::Quarter)) > 500);
    }
}

#[test]
fn every_catalogue_indicator_is_known_to_the_oracle() {
    let (cases, judges) = dataset(1, 50);
    let s = Settings::default();
    let o = Oracle { cases: &cases, judges: &judges, settings: &s };
    let refs: Vec<&CaseFacts> = cases.iter().collect();
    let p = Period::new(d(0), d(800));
    for ind in CATALOGUE {
        o.value(ind, &refs, p);
    }
}

fn blank(court: &CourtCode, case_no: &str) -> CaseFacts {
    CaseFacts {
        court: court.clone(),
        case_no: CaseNumber::parse(case_no).unwrap(),
        cause: "买卖合同纠纷".into(),
        judge: None,
        department: None,
        tags: Vec::new(),
        received_on: None,
        filed_on: d(0),
        closed_on: None,
        close_method: None,
        online: false,
        claim_fen: 0,
        deducted_days: 0,
        extensions: 0,
        deadline_on: None,
        hearings_held: 0,
        first_setting_held: false,
        suspended_since: None,
        origin: None,
        eservice: Vec::new(),
        recoveries: Vec::new(),
        hearings: Vec::new(),
        termination_compliant: false,
        enforcement: Vec::new(),
        mediation_org: None,
    }
}

#[test]
fn the_seeds_arithmetic_comes_out() {
    // 涉重大项目: 受理 67, 审结 58 → 结案率 86.57%.
    let mut cases = Vec::new();
    let court = CourtCode::parse("内0203").unwrap();
    for i in 1..=67u32 {
        let filed_on = d(30 + u64::from(i));
        cases.push(CaseFacts {
            court: court.clone(),
            case_no: CaseNumber::parse(&format!("（2022）内0203民初{i}号")).unwrap(),
            cause: "建设工程施工合同纠纷".into(),
            judge: None,
            department: None,
            tags: vec![Tag::parse("major_project").unwrap()],
            received_on: None,
            filed_on,
            closed_on: (i <= 58).then(|| filed_on + chrono::Days::new(35)),
            close_method: (i <= 58).then_some(CloseMethod::Judgment),
            online: false,
            claim_fen: 0,
            deducted_days: 0,
            extensions: 0,
            deadline_on: None,
            hearings_held: 0,
            first_setting_held: false,
            suspended_since: None,
            origin: None,
            eservice: Vec::new(),
            recoveries: Vec::new(),
            hearings: Vec::new(),
            termination_compliant: false,
            enforcement: Vec::new(),
            mediation_org: None,
        });
    }
    let s = Settings::default();
    let engine = Engine::new(FactTable::build(cases, Vec::new(), &s), s);
    let q = Query {
        court: court.clone(),
        rollup: false,
        period: Period::new(d(0), d(364)),
        by: Vec::new(),
        tag: Some(Tag::parse("major_project").unwrap()),
        causes: vec![],
        indicators: vec!["accepted".into(), "closed".into(), "closure_rate".into()],
    };
    let r = &engine.compute(&q).unwrap()[0];
    let v: Vec<Option<f64>> = r.values.iter().map(|v| v.value).collect();
    assert_eq!(v[0], Some(67.0));
    assert_eq!(v[1], Some(58.0));
    assert_eq!(format!("{:.2}%", v[2].unwrap() * 100.0), "86.57%");
    // 304 → 196 is −35.53%: a count's 同比 in percent, from 304 cases filed in 2022 and 196 in 2023.
    let mut more = Vec::new();
    for (year, n) in [(2022, 304u32), (2023, 196)] {
        for i in 1..=n {
            let mut c = blank(&court, &format!("（{year}）内0203民初{}号", 1000 + i));
            c.filed_on = NaiveDate::from_ymd_opt(year, 3, 1).unwrap() + chrono::Days::new(u64::from(i % 200));
            more.push(c);
        }
    }
    let counts = Engine::new(FactTable::build(more, Vec::new(), &Settings::default()), Settings::default());
    let by_year = Query {
        court: court.clone(),
        rollup: false,
        period: Period::new(
            NaiveDate::from_ymd_opt(2023, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(2023, 12, 31).unwrap(),
        ),
        by: Vec::new(),
        tag: None,
        causes: vec![],
        indicators: vec!["filed".into()],
    };
    let v = &counts.compute(&by_year).unwrap()[0].values[0];
    assert_eq!(v.value, Some(196.0));
    assert_eq!(format!("{:.2}%", v.yoy.unwrap() * 100.0), "-35.53%");
    let e = engine.explain(&q, "closed").unwrap();
    assert_eq!(e.numerator.len(), 58);
    let e = engine.explain(&q, "closure_rate").unwrap();
    assert_eq!((e.numerator.len(), e.denominator.len()), (58, 67));
    let _ = CaseType::lookup("民初");
}

/// Asserts two engines give the same values for a query.
fn assert_same(live: &Engine, fresh: &Engine, q: &Query, what: &str) {
    let (a, b) = (live.compute(q).unwrap(), fresh.compute(q).unwrap());
    assert_eq!(a.len(), b.len(), "{what} {q:?}");
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.key, y.key);
        for (u, v) in x.values.iter().zip(&y.values) {
            for (p, q) in [(u.value, v.value), (u.yoy, v.yoy), (u.mom, v.mom)] {
                assert!(close(p, q), "{what} {} {:?}: {p:?} vs {q:?}", u.indicator.id, x.key);
            }
        }
    }
}

#[test]
fn an_engine_kept_current_by_upserts_computes_what_a_fresh_build_does() {
    for seed in 1..=6 {
        let (mut cases, judges) = dataset(seed, 400);
        let s = Settings::default();
        // Half the cases at start, the rest appended one by one (appeals arrive after their
        // origins, as in life), then a tenth of them closed or re-closed later.
        let table = FactTable::build(cases[..200].to_vec(), judges.clone(), &s);
        let mut live =
            Engine::new(table, s.clone()).with_parallel_rows(if seed.is_multiple_of(2) { 1 } else { usize::MAX });
        for c in &cases[200..] {
            live.upsert(c.clone());
        }
        let mut r = Rng(seed);
        for c in cases.iter_mut() {
            if r.chance(0.1) {
                c.closed_on = Some(c.filed_on + chrono::Days::new(r.below(200)));
                c.close_method = Some(*r.pick(&CloseMethod::ALL));
                c.suspended_since = None;
                c.eservice.push((c.filed_on + chrono::Days::new(3), true));
                c.hearings.push((c.filed_on + chrono::Days::new(4), true, r.chance(0.5)));
                // Amounts that appear, grow or go back to none (the table keeps them apart).
                match r.below(3) {
                    0 => {
                        c.claim_fen += 1_000_000;
                        c.recoveries.push((c.filed_on + chrono::Days::new(5), 250_000));
                    }
                    1 => {
                        c.claim_fen = 0;
                        c.recoveries.clear();
                    }
                    _ => {}
                }
                live.upsert(c.clone());
            }
        }
        // Against a fresh build that passes over its rows.
        let fresh = Engine::new(FactTable::build(cases.clone(), judges.clone(), &s), s.clone()).without_cube();
        // The whole province, and each court alone (its run of sorted rows and the rows added
        // since; alone or with its lower courts); over days the live engine passes over its rows
        // too, over whole months it reads its month cube.
        let mut queries =
            vec![("内", true, vec![]), ("内", true, vec![Dimension::Court, Dimension::Time(Grain::Quarter)])];
        for c in COURTS {
            queries.push((c, false, vec![Dimension::Time(Grain::Year)]));
            queries.push((c, true, vec![Dimension::Time(Grain::Month)]));
        }
        for (court, rollup, by) in queries {
            for (from, to, whole_months) in [(d(300), d(1300), false), (month_of(d(300)).0, month_of(d(1300)).1, true)]
            {
                let q = Query {
                    court: CourtCode::parse(court).unwrap(),
                    rollup,
                    period: Period::new(from, to),
                    by: by.clone(),
                    tag: None,
                    causes: vec![],
                    indicators: Vec::new(),
                };
                assert_eq!(live.reads_cube(&q), whole_months, "{q:?} cube {}", live.cube_bytes());
                assert_same(&live, &fresh, &q, &format!("seed {seed}"));
            }
        }
    }
}

#[test]
fn the_month_cube_is_built_anew_for_a_new_court_and_dates_past_its_months() {
    let (mut cases, judges) = dataset(3, 400);
    // Without lineage, so the order of arrival does not matter.
    for c in &mut cases {
        c.origin = None;
    }
    cases.sort_by_key(|c| c.filed_on);
    let s = Settings::default();
    let first: Vec<CaseFacts> =
        cases.iter().filter(|c| c.filed_on < d(400) && c.court.as_str() == "内0203").cloned().collect();
    // An empty engine (a new server) has no cube until its first case.
    let mut empty = Engine::new(FactTable::build(Vec::new(), judges.clone(), &s), s.clone());
    assert_eq!(empty.cube_bytes(), 0);
    empty.upsert(first[0].clone());
    assert!(empty.cube_bytes() > 0);
    let mut live = Engine::new(FactTable::build(first.clone(), judges.clone(), &s), s.clone());
    let late = Query {
        court: CourtCode::parse("内").unwrap(),
        rollup: true,
        period: Period::new(month_of(d(1600)).0, month_of(d(2100)).1),
        by: vec![Dimension::Court, Dimension::Time(Grain::Month)],
        tag: None,
        causes: vec![],
        indicators: Vec::new(),
    };
    assert!(!live.reads_cube(&late), "the first cases' cube ends before the late months");
    let before = live.cube_bytes();
    for c in cases.iter().filter(|c| !first.contains(c)) {
        live.upsert(c.clone());
    }
    assert!(live.reads_cube(&late) && live.cube_bytes() > before);
    let fresh = Engine::new(FactTable::build(cases.clone(), judges, &s), s).without_cube();
    assert_same(&live, &fresh, &late, "late months");
    let all = Query { period: Period::new(month_of(d(0)).0, month_of(d(2100)).1), ..late };
    assert_same(&live, &fresh, &all, "every month");
}

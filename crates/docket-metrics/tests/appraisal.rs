//! 绩效考核 scores against a naive computation of INTERCHANGE.md's rule, on random schemes,
//! subjects and values — with ties, nulls and a single subject — and a worked example.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;

use docket_domain::CourtCode;
use docket_domain::management::{AppraisalItem, AppraisalScheme, AppraisalSubject, ItemSource};
use docket_metrics::appraisal::{places, score};
use proptest::prelude::*;

fn scheme(items: Vec<AppraisalItem>) -> AppraisalScheme {
    AppraisalScheme {
        court: CourtCode::parse("内0203").unwrap(),
        id: "2025-法官".into(),
        subject: AppraisalSubject::Judge,
        year: 2025,
        items,
    }
}

fn indicator(id: &str, weight: u32, higher: bool) -> AppraisalItem {
    AppraisalItem {
        category: "审判质效".into(),
        source: ItemSource::Indicator { id: id.into(), higher_is_better: higher },
        weight,
    }
}

fn manual(name: &str, weight: u32) -> AppraisalItem {
    AppraisalItem { category: "队伍建设".into(), source: ItemSource::Manual(name.into()), weight }
}

/// The rule restated the slow way: for each item, each subject's score from a sorted list of
/// the others' values.
fn naive(
    s: &AppraisalScheme,
    subjects: &[String],
    values: &HashMap<(String, String), f64>,
    marks: &HashMap<(String, String), f64>,
) -> Vec<f64> {
    subjects
        .iter()
        .map(|subject| {
            let mut total = 0.0;
            for item in &s.items {
                let score = match &item.source {
                    ItemSource::Manual(name) => *marks.get(&(subject.clone(), name.clone())).unwrap_or(&0.0),
                    ItemSource::Indicator { id, higher_is_better } => {
                        match values.get(&(id.clone(), subject.clone())) {
                            None => 0.0,
                            Some(v) => {
                                let mut all: Vec<f64> = subjects
                                    .iter()
                                    .filter_map(|o| values.get(&(id.clone(), o.clone())))
                                    .copied()
                                    .collect();
                                all.sort_by(f64::total_cmp);
                                let (lo, hi) = (all[0], all[all.len() - 1]);
                                if lo == hi {
                                    100.0
                                } else if *higher_is_better {
                                    (v - lo) / (hi - lo) * 100.0
                                } else {
                                    (hi - v) / (hi - lo) * 100.0
                                }
                            }
                        }
                    }
                };
                total += score * f64::from(item.weight) / 100.0;
            }
            total
        })
        .collect()
}

#[test]
fn the_worked_example_scores_as_written() {
    // Three judges; closure rate higher is better, duration lower is better, one manual item.
    let s = scheme(vec![
        indicator("closure_rate", 40, true),
        indicator("avg_duration_days", 20, false),
        manual("精品案例", 40),
    ]);
    let subjects: Vec<String> = ["J1", "J2", "J3"].map(String::from).to_vec();
    let value = |id: &str, sub: &str| -> Option<f64> {
        match (id, sub) {
            ("closure_rate", "J1") => Some(0.95),
            ("closure_rate", "J2") => Some(0.85),
            ("closure_rate", "J3") => Some(0.90),
            ("avg_duration_days", "J1") => Some(60.0),
            ("avg_duration_days", "J2") => Some(40.0),
            _ => None, // J3 has no duration: 0
        }
    };
    let mark = |sub: &str, _: &str| (sub == "J1").then_some(80.0);
    let out = score(&s, &subjects, &value, &mark);
    // J1: 40·1 + 20·0 + 40·0.8 = 72; J2: 0 + 20 + 0 = 20; J3: 40·0.5 + 0 + 0 = 20.
    let totals: Vec<f64> = out.iter().map(|o| o.total).collect();
    assert!((totals[0] - 72.0).abs() < 1e-9 && (totals[1] - 20.0).abs() < 1e-9 && (totals[2] - 20.0).abs() < 1e-9);
    assert_eq!(out[2].items[1].value, None);
    assert_eq!(out[2].items[1].score, 0.0);
    assert_eq!(places(&out), [1, 2, 2], "a tie shares its place");
}

#[test]
fn a_single_subject_with_a_value_takes_full_marks_and_without_one_none() {
    let s = scheme(vec![indicator("closure_rate", 60, true), manual("廉政建设", 40)]);
    let one = vec!["J9".to_owned()];
    let out = score(&s, &one, &|_, _| Some(0.5), &|_, _| None);
    assert!((out[0].total - 60.0).abs() < 1e-9);
    let out = score(&s, &one, &|_, _| None, &|_, _| Some(100.0));
    assert!((out[0].total - 40.0).abs() < 1e-9);
}

/// A scheme, its subjects, indicator values by (id, subject), marks by (subject, item).
type Case = (AppraisalScheme, Vec<String>, HashMap<(String, String), f64>, HashMap<(String, String), f64>);

fn arb_case() -> impl Strategy<Value = Case> {
    (1usize..6, 1usize..8, any::<u64>()).prop_map(|(n_items, n_subjects, seed)| {
        let mut x = seed;
        let mut next = move |n: u64| {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (x >> 33) % n
        };
        // Weights summing to 100.
        let mut cuts: Vec<u32> = (0..n_items - 1).map(|_| 1 + next(99) as u32).collect();
        cuts.sort_unstable();
        cuts.dedup();
        let mut weights = Vec::new();
        let mut last = 0;
        for c in cuts.iter().chain(std::iter::once(&100)) {
            weights.push(c - last);
            last = *c;
        }
        let items: Vec<AppraisalItem> = weights
            .iter()
            .enumerate()
            .map(|(i, w)| {
                if next(3) == 0 { manual(&format!("m{i}"), *w) } else { indicator(&format!("i{i}"), *w, next(2) == 0) }
            })
            .collect();
        let subjects: Vec<String> = (0..n_subjects).map(|i| format!("J{i}")).collect();
        let (mut values, mut marks) = (HashMap::new(), HashMap::new());
        for item in &items {
            for s in &subjects {
                match &item.source {
                    // Few distinct values, so ties are common; a quarter null.
                    ItemSource::Indicator { id, .. } if next(4) != 0 => {
                        values.insert((id.clone(), s.clone()), next(5) as f64 * 0.25);
                    }
                    ItemSource::Manual(name) if next(4) != 0 => {
                        marks.insert((s.clone(), name.clone()), next(10_001) as f64 / 100.0);
                    }
                    _ => {}
                }
            }
        }
        (scheme(items), subjects, values, marks)
    })
}

proptest! {
    #[test]
    fn scores_agree_with_the_rule_restated((s, subjects, values, marks) in arb_case()) {
        let out = score(
            &s,
            &subjects,
            &|id, sub| values.get(&(id.to_owned(), sub.to_owned())).copied(),
            &|sub, item| marks.get(&(sub.to_owned(), item.to_owned())).copied(),
        );
        let expected = naive(&s, &subjects, &values, &marks);
        prop_assert_eq!(out.len(), subjects.len());
        for (o, e) in out.iter().zip(&expected) {
            prop_assert!((o.total - e).abs() < 1e-9, "{} vs {}", o.total, e);
            prop_assert!((0.0..=100.0 + 1e-9).contains(&o.total));
            let summed: f64 = o.items.iter().map(|i| i.score * f64::from(i.weight) / 100.0).sum();
            prop_assert!((summed - o.total).abs() < 1e-9);
        }
    }
}

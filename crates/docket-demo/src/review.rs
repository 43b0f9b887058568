//! 案件评查 and 绩效考核 of the demo's basic courts, from a stream of their own: two review
//! batches in the last year — a 常规评查 of twenty cases drawn at random from those closed in its
//! first quarter, and a 重点评查 of the judgments closed in the following quarter, fifteen of them
//! — graded about one in five 优秀, two in three 合格, the rest 瑕疵 or 不合格 with their findings
//! (so 评查合格率 lands near the 85–90% the seeds report); a judge appraisal scheme shaped like the
//! seed's (审判质效 40, 精品创建 15, 队伍建设 25, 廉政建设 10, 综合服务 10) with the marks its
//! manual items take, per 员额法官 and month of the year so far.

use chrono::{Datelike, Days, NaiveDate};
use docket_domain::management::{
    AppraisalItem, AppraisalScheme, AppraisalSubject, CaseReview, Grade, ItemSource, Management, ManualScore,
    ReviewBatch, ReviewType,
};
use docket_domain::{CaseNumber, CloseMethod, CourtCode, CourtLevel, EventKind};
use docket_interchange::Record;

use crate::Rng;

const FINDINGS: &[&str] = &[
    "送达回证不全",
    "裁判文书说理不充分",
    "庭审笔录未经当事人签字确认",
    "证据目录与卷内证据不一致",
    "扣除审限未附审批手续",
    "卷宗装订顺序不规范",
    "判决主文表述不明确",
    "未在法定期限内移送上诉材料",
];

/// The manual items of the scheme, with the range their monthly marks are drawn from.
const MANUAL: &[(&str, &str, u32, (i64, i64))] = &[
    ("精品创建", "精品案例", 15, (60, 100)),
    ("队伍建设", "队伍建设", 25, (75, 100)),
    ("廉政建设", "廉政建设", 10, (90, 100)),
    ("综合服务", "综合服务", 10, (70, 100)),
];

struct Closed {
    case_no: CaseNumber,
    on: NaiveDate,
    method: CloseMethod,
}

pub(crate) fn generate(seed: u64, until: NaiveDate, records: &[Record]) -> Vec<Record> {
    let mut rng = Rng::new(seed.rotate_left(37) ^ 0x4556_4945_5700_0037);
    let mut basics: Vec<CourtCode> = Vec::new();
    let mut judges: Vec<(CourtCode, String, bool, bool)> = Vec::new();
    let mut closed: std::collections::HashMap<&CaseNumber, (NaiveDate, CloseMethod)> = Default::default();
    let mut trial: Vec<&CaseNumber> = Vec::new();
    for r in records {
        match r {
            Record::Court(c) if c.level == CourtLevel::Basic => basics.push(c.code.clone()),
            Record::Judge(j) => judges.push((j.court.clone(), j.code.clone(), j.quota, !j.titles.is_empty())),
            Record::Case(c) if matches!(c.case_no.case_type().code, "民初" | "刑初" | "行初") => {
                trial.push(&c.case_no)
            }
            Record::Event(e) => match &e.event.kind {
                EventKind::Closed { method, .. } => {
                    closed.insert(&e.case_no, (e.event.on, *method));
                }
                EventKind::Reopened => {
                    closed.remove(&e.case_no);
                }
                _ => {}
            },
            _ => {}
        }
    }
    let year = until.year();
    let q = |m: u32| NaiveDate::from_ymd_opt(year, m, 1).unwrap_or(until);
    let mut out = Vec::new();
    for court in &basics {
        let of_court: Vec<Closed> = trial
            .iter()
            .filter(|c| c.court() == court)
            .filter_map(|c| closed.get(*c).map(|(on, m)| Closed { case_no: (*c).clone(), on: *on, method: *m }))
            .collect();
        let reviewers: Vec<&str> =
            judges.iter().filter(|j| &j.0 == court && j.3).map(|j| j.1.as_str()).take(4).collect();
        if reviewers.is_empty() {
            continue;
        }
        // A 常规评查 of Q1's closings, reviewed in April; a 重点评查 of Q2's judgments, in July.
        for (k, (kind, name, from_m, pick, n)) in [
            (ReviewType::Routine, "第一季度常规评查", 1u32, false, 20usize),
            (ReviewType::Key, "第二季度判决案件重点评查", 4u32, true, 15usize),
        ]
        .into_iter()
        .enumerate()
        {
            let (lo, hi) = (q(from_m), q(from_m + 3) - Days::new(1));
            let review_from = q(from_m + 3);
            if review_from > until {
                continue;
            }
            let mut pool: Vec<&Closed> = of_court
                .iter()
                .filter(|c| c.on >= lo && c.on <= hi && (!pick || c.method == CloseMethod::Judgment))
                .collect();
            let mut drawn = Vec::new();
            while drawn.len() < n && !pool.is_empty() {
                drawn.push(pool.swap_remove(rng.below(pool.len() as u64) as usize));
            }
            if drawn.is_empty() {
                continue;
            }
            let id = format!("{year}-{}-{}", if pick { "重点" } else { "常规" }, k + 1);
            let to = (review_from + Days::new(29)).min(until);
            out.push(Management::ReviewBatch(ReviewBatch {
                court: court.clone(),
                id: id.clone(),
                name: format!("{year}年{name}"),
                review_type: kind,
                from: review_from,
                to,
                cases: drawn.iter().map(|c| c.case_no.clone()).collect(),
                method: Some(format!("随机抽取 {} 件（种子 {}）", drawn.len(), seed)),
            }));
            for c in &drawn {
                let on = review_from + Days::new(rng.below(((to - review_from).num_days() + 1) as u64));
                if on > until {
                    continue;
                }
                let grade =
                    *rng.weighted(&[(Grade::Excellent, 20), (Grade::Pass, 66), (Grade::Flawed, 11), (Grade::Fail, 3)]);
                let score = match grade {
                    Grade::Excellent => rng.range(90, 98),
                    Grade::Pass => rng.range(75, 89),
                    Grade::Flawed => rng.range(60, 74),
                    Grade::Fail => rng.range(45, 59),
                } as u8;
                let findings = match grade {
                    Grade::Excellent => Vec::new(),
                    Grade::Pass if rng.chance(0.7) => Vec::new(),
                    Grade::Pass | Grade::Flawed => vec![(*rng.pick(FINDINGS)).to_owned()],
                    Grade::Fail => {
                        let a = *rng.pick(FINDINGS);
                        let b = *rng.pick(FINDINGS);
                        if a == b { vec![a.to_owned()] } else { vec![a.to_owned(), b.to_owned()] }
                    }
                };
                out.push(Management::CaseReview(CaseReview {
                    court: court.clone(),
                    batch: id.clone(),
                    case_no: c.case_no.clone(),
                    reviewer: (*rng.pick(&reviewers)).to_owned(),
                    on,
                    score,
                    grade,
                    findings,
                }));
            }
        }
        // The judge appraisal: 审判质效 40 in five indicators, four manual items.
        let scheme_id = format!("{year}-法官");
        let indicator = |id: &str, weight: u32, higher: bool| AppraisalItem {
            category: "审判质效".into(),
            source: ItemSource::Indicator { id: id.into(), higher_is_better: higher },
            weight,
        };
        let mut items = vec![
            indicator("closure_rate", 12, true),
            indicator("within_limit_rate", 10, true),
            indicator("avg_duration_days", 8, false),
            indicator("mediation_withdrawal_rate", 5, true),
            indicator("reversal_remand_rate", 5, false),
        ];
        for (category, name, weight, _) in MANUAL {
            items.push(AppraisalItem {
                category: (*category).into(),
                source: ItemSource::Manual((*name).into()),
                weight: *weight,
            });
        }
        out.push(Management::AppraisalScheme(AppraisalScheme {
            court: court.clone(),
            id: scheme_id.clone(),
            subject: AppraisalSubject::Judge,
            year,
            items,
        }));
        // Monthly marks, and the year's so far as their mean (the 审管办's running mark).
        for (_, code, _, _) in judges.iter().filter(|j| &j.0 == court && j.2) {
            let mut sums = [0u32; MANUAL.len()];
            let mut months = 0u32;
            for month in 1..=until.month() {
                months += 1;
                for (k, (_, name, _, (lo, hi))) in MANUAL.iter().enumerate() {
                    let centi = rng.range(*lo, *hi) as u32 * 100;
                    sums[k] += centi;
                    out.push(mark(court, &scheme_id, code, format!("{year}-{month:02}"), name, centi));
                }
            }
            for (k, (_, name, _, _)) in MANUAL.iter().enumerate() {
                out.push(mark(court, &scheme_id, code, year.to_string(), name, sums[k] / months.max(1)));
            }
        }
    }
    out.into_iter().map(Record::Management).collect()
}

fn mark(court: &CourtCode, scheme: &str, subject: &str, period: String, item: &str, score_centi: u32) -> Management {
    Management::ManualScore(ManualScore {
        court: court.clone(),
        scheme: scheme.to_owned(),
        subject: subject.to_owned(),
        period,
        item: item.to_owned(),
        score_centi,
    })
}

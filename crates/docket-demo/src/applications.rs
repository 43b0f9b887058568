//! 网上立案 applications of the demo (`filing_application`, `filing_application_event`): the
//! online 民初 cases filed in the demo's last 60 days each come from an application — one in four
//! after a 补正, so that the case's `received_on` is the day the corrected materials arrived (§7
//! 第二款) — and each basic court has applications refused with a reason, returned after a
//! missed correction, and some still waiting, a few of them past the seven days (先行立案).
//! Drawn from a stream of their own, so the cases and every figure stay as they were.

use chrono::{Days, NaiveDate};
use docket_domain::management::{Applicant, FilingApplication, FilingApplicationEvent, Management};
use docket_domain::online_filing::{Claim, Step};
use docket_domain::{AgentKind, CourtCode, CourtLevel, Party, PartyKind, PartyRole};
use docket_interchange::Record;

use crate::Rng;

const WINDOW_DAYS: u64 = 60;
const REFUSALS: &[&str] = &[
    "不属于本院管辖，请向有管辖权的人民法院起诉",
    "起诉已超过法定期限且无正当理由",
    "属于重复起诉（民诉法解释第二百四十七条）",
];
const MISSING: &[&str] =
    &["原告身份证明", "借条或转账凭证的清晰照片", "被告的送达地址", "诉讼请求的具体金额及计算方式"];

fn applicant_of(parties: &[Party]) -> Option<Applicant> {
    let first = parties.first()?;
    if let Some(a) = first.agents.iter().find(|a| a.kind == AgentKind::Lawyer && a.licence_no.is_some()) {
        return Some(Applicant { lawyer: true, name: a.name.clone(), id: a.licence_no.clone().unwrap_or_default() });
    }
    let id = first.id.as_ref()?;
    Some(Applicant { lawyer: false, name: first.name.clone(), id: id.number().to_owned() })
}

/// The applications behind the recent online filings, and the ones not (yet) filed.
pub(crate) fn generate(seed: u64, until: NaiveDate, records: &[Record]) -> Vec<Record> {
    let mut r = Rng::new(seed.rotate_left(59) ^ 0xF11E_0000_0000_0059);
    let from = until - Days::new(WINDOW_DAYS);
    let mut out = Vec::new();
    let mut numbers: std::collections::HashMap<(CourtCode, i32), u32> = std::collections::HashMap::new();
    let basic: Vec<CourtCode> = records
        .iter()
        .filter_map(|x| match x {
            Record::Court(c) if c.level == CourtLevel::Basic => Some(c.code.clone()),
            _ => None,
        })
        .collect();
    let mut push = |court: &CourtCode, received: NaiveDate, a: FilingApplication, steps: Vec<(NaiveDate, Step)>| {
        let year = chrono::Datelike::year(&received);
        let n = numbers.entry((court.clone(), year)).or_default();
        *n += 1;
        let no = format!("{year}-网立-{n}");
        out.push(Record::Management(Management::FilingApplication(FilingApplication { no: no.clone(), ..a })));
        for (on, step) in steps {
            out.push(Record::Management(Management::FilingApplicationEvent(FilingApplicationEvent {
                court: court.clone(),
                no: no.clone(),
                on,
                step,
            })));
        }
    };
    let mut templates: std::collections::HashMap<CourtCode, Vec<FilingApplication>> = std::collections::HashMap::new();
    for x in records {
        let Record::Case(c) = x else { continue };
        if !c.online || c.case_type().code != "民初" || c.filed_on < from || c.filed_on > until {
            continue;
        }
        let Some(applicant) = applicant_of(&c.parties) else { continue };
        let complete = c.received_on.unwrap_or(c.filed_on);
        let corrected = r.chance(0.25) && complete > from + Days::new(5);
        let received = if corrected { complete - Days::new(r.range(3, 6) as u64) } else { complete };
        let a = FilingApplication {
            court: c.court.clone(),
            no: String::new(),
            received_on: received,
            claim: Claim::Civil,
            case_type: "民初".to_owned(),
            cause: c.cause.clone(),
            claim_amount: c.claim_amount,
            applicant,
            parties: c.parties.clone(),
            requests: format!("请求依法审理{}一案，判令被告承担相应责任。", c.cause),
        };
        let mut steps = Vec::new();
        if corrected {
            let asked = received + Days::new(1);
            steps.push((
                asked,
                Step::CorrectionRequested { missing: r.pick(MISSING).to_string(), by: asked + Days::new(7) },
            ));
            steps.push((complete, Step::Corrected));
        }
        steps.push((c.filed_on.max(complete), Step::Accepted { case_no: c.case_no.clone() }));
        templates.entry(c.court.clone()).or_default().push(a.clone());
        push(&c.court, received, a, steps);
    }
    // Not filed: refused, returned, withdrawn, and some still waiting for the 立案员 or a
    // correction — a few past the seven days.
    for court in &basic {
        let Some(pool) = templates.get(court).filter(|p| !p.is_empty()) else { continue };
        let extra = (pool.len() / 4).max(12);
        for i in 0..extra {
            let mut a = r.pick(pool).clone();
            a.parties.iter_mut().skip(1).for_each(|p| {
                if p.kind == PartyKind::Person {
                    p.name = format!("{}某", p.name.chars().next().unwrap_or('王'));
                }
            });
            a.parties.retain(|p| matches!(p.role, PartyRole::Plaintiff | PartyRole::Defendant));
            // Those still open arrived lately: most within the seven days, a few past them.
            let back = if i % 6 >= 4 { r.range(0, 12) } else { r.range(12, WINDOW_DAYS as i64) };
            let received = until - Days::new(back as u64);
            a.received_on = received;
            let steps = match i % 6 {
                0 | 1 => vec![(
                    received + Days::new(r.range(1, 6) as u64),
                    Step::Refused { reason: r.pick(REFUSALS).to_string() },
                )],
                2 => {
                    let by = received + Days::new(8);
                    vec![
                        (
                            received + Days::new(1),
                            Step::CorrectionRequested { missing: r.pick(MISSING).to_string(), by },
                        ),
                        (by + Days::new(1), Step::Returned),
                    ]
                }
                3 => vec![(received + Days::new(r.range(0, 3) as u64), Step::Withdrawn)],
                4 => {
                    let asked = received + Days::new(1);
                    vec![(
                        asked,
                        Step::CorrectionRequested { missing: r.pick(MISSING).to_string(), by: asked + Days::new(7) },
                    )]
                }
                _ => Vec::new(),
            };
            let steps: Vec<_> = steps.into_iter().filter(|(on, _)| *on <= until).collect();
            push(court, received, a, steps);
        }
    }
    out
}

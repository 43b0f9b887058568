//! The 审管办's records of the demo court system: the high court's campaign on long-pending
//! enterprise cases and each intermediate court's on cases pending over a year (一案一册 with
//! 包案领导), every court's rectification ledger, the judicial suggestions the courts issue and
//! the petitions about their cases — in the numbers the seed reports give (a campaign of a few
//! dozen cases cleared at about 70%, about 70% of suggestions answered, petitions falling year on
//! year), drawn from a stream of their own so the cases stay as they were.

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};
use docket_domain::management::{
    Campaign, CampaignCase, CampaignScope, LedgerEvent, LedgerEventKind, LedgerItem, LedgerSource, Management,
    MediationOrg, MediationOrgType, Petition, PetitionChannel, PetitionEvent, PetitionEventKind, PetitionResult,
    Petitioner, Suggestion, SuggestionEvent, SuggestionEventKind,
};
use docket_domain::{CaseNumber, CaseRecord, CloseMethod, CourtCode, CourtLevel, EventKind, PartyKind};
use docket_interchange::Record;

use crate::Rng;

/// What the generator knows of a case when it writes the records about it.
struct CaseFacts<'a> {
    record: &'a CaseRecord,
    closed_on: Option<NaiveDate>,
    method: Option<CloseMethod>,
    judge: Option<&'a str>,
}

const PROBLEMS: &[(LedgerSource, &str, &str)] = &[
    (LedgerSource::Inspection, "部分案件卷宗归档不及时", "建立结案归档周通报，逾期未归档的逐案督办"),
    (LedgerSource::Inspection, "网上退费办理周期长", "建立退费台账，退费申请五个工作日内办结"),
    (LedgerSource::Data, "超12个月未结案件数偏多", "逐案明确包案领导和清结时限，每周调度"),
    (LedgerSource::Data, "法定审限内结案率低于合理区间", "对临近审限案件实行预警和院庭长督办"),
    (LedgerSource::Review, "裁判文书说理不充分", "开展裁判文书专项评查，问题文书逐件整改"),
    (LedgerSource::Review, "送达回证不全", "规范送达流程，电子送达留存送达凭证"),
    (LedgerSource::Petition, "当事人反映执行款发放慢", "执行款到账后十五日内发放，设专人跟踪"),
    (LedgerSource::Suggestion, "诉讼服务中心窗口等候时间长", "增设自助立案设备，推行预约立案"),
    (LedgerSource::Other, "庭审直播比例偏低", "制定庭审直播计划，按月通报"),
    (LedgerSource::Data, "长期未结执行案件较多", "开展执行积案清理，终本案件逐案核查"),
];

const RECIPIENTS: &[(&str, &str)] = &[
    ("市场监督管理局", "规范企业登记信息核查"),
    ("人力资源和社会保障局", "加强农民工工资支付保障监管"),
    ("住房和城乡建设局", "规范商品房预售资金监管"),
    ("自然资源局", "规范不动产登记与查封协助"),
    ("公安局交通管理支队", "规范道路交通事故责任认定送达"),
    ("金融监督管理分局", "规范金融借款格式条款"),
    ("教育局", "加强校园安全管理"),
    ("生态环境局", "加强企业排污监管"),
];

const SUBJECTS: &[&str] = &["对判决不服", "反映执行不力", "反映审理期限过长", "对裁定不服", "反映执行款未发放"];

/// Each court's four invited mediation organisations (工会, 人社, 商会, 人民调解) with their
/// mediators: reference records, written right after the courts, the codes the case generator
/// refers its 诉前调解 and entrusted 民初 to.
pub(crate) fn orgs(records: &[Record]) -> Vec<Record> {
    let mut out = Vec::new();
    for r in records {
        let Record::Court(c) = r else { continue };
        let place = c.name.trim_end_matches("人民法院");
        for (k, (suffix, org_type)) in [
            ("总工会劳动争议调解委员会", MediationOrgType::Labor),
            ("人力资源和社会保障局劳动人事争议调解中心", MediationOrgType::Labor),
            ("工商联商会调解委员会", MediationOrgType::Chamber),
            ("人民调解委员会驻法院工作室", MediationOrgType::People),
        ]
        .into_iter()
        .enumerate()
        {
            out.push(Record::Management(Management::MediationOrg(MediationOrg {
                court: c.code.clone(),
                code: crate::fees::ORGS[k].to_owned(),
                name: format!("{place}{suffix}"),
                org_type,
                mediators: crate::fees::MEDIATORS[k].iter().map(|m| (*m).to_owned()).collect(),
            })));
        }
    }
    out
}

/// The management records about `records` (the generated court system), in an order an import
/// accepts: each campaign, item, suggestion and petition before its events.
pub(crate) fn generate(seed: u64, until: NaiveDate, records: &[Record]) -> Vec<Record> {
    let mut rng = Rng::new(seed.rotate_left(29) ^ 0x4D47_4D54_5245_4331);
    let mut courts: Vec<(CourtCode, String, CourtLevel)> = Vec::new();
    let mut cases: Vec<CaseFacts<'_>> = Vec::new();
    let mut index: HashMap<&CaseNumber, usize> = HashMap::new();
    for r in records {
        match r {
            Record::Court(c) => courts.push((c.code.clone(), c.name.clone(), c.level)),
            Record::Case(c) => {
                index.insert(&c.case_no, cases.len());
                cases.push(CaseFacts { record: c, closed_on: None, method: None, judge: None });
            }
            Record::Event(e) => {
                if let Some(&i) = index.get(&e.case_no) {
                    match &e.event.kind {
                        EventKind::Closed { method, .. } => {
                            cases[i].closed_on = Some(e.event.on);
                            cases[i].method = Some(*method);
                        }
                        EventKind::Reopened => (cases[i].closed_on, cases[i].method) = (None, None),
                        EventKind::Assigned { judge, .. } => cases[i].judge = Some(judge),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    campaigns(&mut rng, until, &courts, &cases, &mut out);
    clearances(&mut Rng::new(seed.rotate_left(7) ^ 0x5A4E_4255_0000_0007), until, &courts, &cases, &mut out);
    for (code, name, level) in &courts {
        if *level == CourtLevel::High {
            continue;
        }
        ledger(&mut rng, until, code, &cases, &mut out);
        suggestions(&mut rng, until, code, name, &cases, &mut out);
        if *level == CourtLevel::Basic {
            petitions(&mut rng, until, code, &cases, &mut out);
        }
    }
    out.into_iter().map(Record::Management).collect()
}

fn day(d: NaiveDate, n: i64) -> NaiveDate {
    if n >= 0 { d + Days::new(n as u64) } else { d - Days::new(n.unsigned_abs()) }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn open_on(c: &CaseFacts<'_>, d: NaiveDate) -> bool {
    c.record.filed_on <= d && c.closed_on.is_none_or(|x| x > d)
}

/// Each basic court's 终本清仓 of the last year (`crate::clearance_window`): its whole 终本
/// library — cases closed by 终本 within five years before the campaign and not yet resumed —
/// each cleared when a case resumed from it (执恢) closes by the end; the case generator resumes
/// more of them in the window, as a court working its library does.
fn clearances(
    rng: &mut Rng,
    until: NaiveDate,
    courts: &[(CourtCode, String, CourtLevel)],
    cases: &[CaseFacts<'_>],
    out: &mut Vec<Management>,
) {
    let Some((from, to)) = crate::clearance_window(until) else { return };
    let resumed: std::collections::HashSet<&CaseNumber> =
        cases.iter().filter(|c| c.record.filed_on <= from).filter_map(|c| c.record.origin.as_ref()).collect();
    for (code, _, _) in courts.iter().filter(|c| c.2 == CourtLevel::Basic) {
        let mut listed: Vec<&CaseFacts<'_>> = cases
            .iter()
            .filter(|c| c.record.court == *code && c.method == Some(CloseMethod::EnforcementTerminated))
            .filter(|c| c.closed_on.is_some_and(|d| d < from && docket_domain::enforcement::in_library(d, from)))
            .filter(|c| !resumed.contains(&c.record.case_no))
            .collect();
        if listed.is_empty() {
            continue;
        }
        listed.sort_by_key(|c| (c.closed_on, c.record.case_no.to_string()));
        let id = format!("{}-终本清仓", from.year());
        out.push(Management::Campaign(Campaign {
            court: code.clone(),
            id: id.clone(),
            name: format!("{}年终本案件清仓专项行动", from.year()),
            from,
            to,
            // A resumed case closed by 终本 again, after the campaign's fresh check, counts.
            termination_counts: true,
            scope: CampaignScope::Terminated,
        }));
        for c in listed {
            out.push(Management::CampaignCase(CampaignCase {
                court: code.clone(),
                campaign: id.clone(),
                case_no: c.record.case_no.clone(),
                listed_on: from,
                leader: Some(["J001", "J002"][rng.below(2) as usize].into()),
                target_on: Some(to),
            }));
        }
    }
}

/// The high court's 涉企 campaign of the last year, and each intermediate court's campaign on its
/// cases pending over a year in the year before.
fn campaigns(
    rng: &mut Rng,
    until: NaiveDate,
    courts: &[(CourtCode, String, CourtLevel)],
    cases: &[CaseFacts<'_>],
    out: &mut Vec<Management>,
) {
    let year = until.year();
    let mut plans: Vec<(CourtCode, String, String, NaiveDate, NaiveDate, bool, bool)> = Vec::new();
    for (code, _, level) in courts {
        match level {
            CourtLevel::High => plans.push((
                code.clone(),
                format!("{year}-涉企清理"),
                "涉企长期未审执结案件专项清理".into(),
                ymd(year, 3, 1),
                ymd(year, 9, 30).min(until),
                true,
                true,
            )),
            CourtLevel::Intermediate => plans.push((
                code.clone(),
                format!("{}-长期未结", year - 1),
                "超12个月未结案件专项清理".into(),
                ymd(year - 1, 4, 1),
                ymd(year - 1, 11, 30),
                false,
                false,
            )),
            _ => {}
        }
    }
    for (court, id, name, from, to, termination_counts, enterprise) in plans {
        // Cases pending on the first day, long enough to be 长期未结, oldest first.
        let age = if enterprise { 180 } else { 365 };
        let mut listed: Vec<&CaseFacts<'_>> = cases
            .iter()
            .filter(|c| c.record.court.is_within(&court) && open_on(c, from))
            .filter(|c| (from - c.record.filed_on).num_days() >= age)
            .filter(|c| !enterprise || c.record.tags.iter().any(|t| t.as_str() == "enterprise"))
            .collect();
        listed.sort_by_key(|c| (c.record.filed_on, c.record.case_no.to_string()));
        listed.truncate(if enterprise { 39 } else { 30 });
        if listed.is_empty() {
            continue;
        }
        out.push(Management::Campaign(Campaign {
            court: court.clone(),
            id: id.clone(),
            name,
            from,
            to,
            termination_counts,
            scope: CampaignScope::Pending,
        }));
        for c in listed {
            let leader = ["J001", "J002"][rng.below(2) as usize];
            out.push(Management::CampaignCase(CampaignCase {
                court: court.clone(),
                campaign: id.clone(),
                case_no: c.record.case_no.clone(),
                listed_on: from,
                leader: Some(leader.into()),
                target_on: Some(day(from, rng.range(60, 150)).min(to)),
            }));
        }
    }
}

/// A court's 整改台账 for each of the last two years: items from inspections, data, reviews,
/// petitions and suggestions; most closed (销号) before their deadline, some extended, a few reopened.
fn ledger(rng: &mut Rng, until: NaiveDate, court: &CourtCode, cases: &[CaseFacts<'_>], out: &mut Vec<Management>) {
    for year in [until.year() - 1, until.year()] {
        let ledger = format!("{year}-审务督察");
        let items = rng.range(6, 14) as u32;
        for no in 1..=items {
            let opened_on = day(ymd(year, 2, 15), rng.range(0, 200));
            if opened_on > until {
                continue;
            }
            let (source, problem, measure) = *rng.pick(PROBLEMS);
            let due_on = day(opened_on, rng.range(45, 150));
            let indicator = match problem {
                p if p.contains("超12个月") => Some("long_pending_12m".to_owned()),
                p if p.contains("审限内结案率") => Some("within_limit_rate".to_owned()),
                p if p.contains("庭审直播") => Some("streamed_hearings".to_owned()),
                _ => None,
            };
            let case_no = (source == LedgerSource::Review || source == LedgerSource::Petition)
                .then(|| {
                    let own: Vec<&CaseFacts<'_>> = cases
                        .iter()
                        .filter(|c| &c.record.court == court && c.closed_on.is_some_and(|d| d < opened_on))
                        .collect();
                    (!own.is_empty()).then(|| rng.pick(&own).record.case_no.clone())
                })
                .flatten();
            out.push(Management::LedgerItem(LedgerItem {
                court: court.clone(),
                ledger: ledger.clone(),
                no,
                opened_on,
                source,
                problem: problem.into(),
                measure: measure.into(),
                lead: Some(["J001", "J002"][rng.below(2) as usize].into()),
                department: Some(if problem.contains("执行") { "zx" } else { "ms1" }.into()),
                due_on,
                case_no,
                indicator,
            }));
            let event = |on: NaiveDate, kind| {
                Management::LedgerEvent(LedgerEvent { court: court.clone(), ledger: ledger.clone(), no, on, kind })
            };
            let mut last = opened_on;
            let mut due = due_on;
            let progress = day(opened_on, rng.range(10, 40));
            if progress <= until {
                out.push(event(progress, LedgerEventKind::Progress { note: "已制定整改方案，明确责任人".into() }));
                last = progress;
            }
            if rng.chance(0.2) {
                let on = day(due, -rng.range(1, 10)).max(last);
                if on <= until {
                    due = day(due, rng.range(30, 60));
                    out.push(event(
                        on,
                        LedgerEventKind::DueChanged {
                            due_on: due, note: Some("涉及多部门协调，申请延期".into())
                        },
                    ));
                    last = on;
                }
            }
            // Most are 销号 before their deadline, some a little after, a few not at all.
            if rng.chance(0.92) {
                let on = day(due, rng.range(-45, 6)).max(last);
                if on <= until {
                    out.push(event(on, LedgerEventKind::Closed { note: Some("整改到位，经审管办核查销号".into()) }));
                    if rng.chance(0.05) {
                        let again = day(on, rng.range(10, 40));
                        if again <= until {
                            out.push(event(again, LedgerEventKind::Reopened { note: Some("复查发现问题反弹".into()) }));
                        }
                    }
                }
            }
        }
    }
}

/// Judicial suggestions: a few a year per court, about 70% answered within or after their two
/// months, most of the answers adopting them.
fn suggestions(
    rng: &mut Rng,
    until: NaiveDate,
    court: &CourtCode,
    name: &str,
    cases: &[CaseFacts<'_>],
    out: &mut Vec<Management>,
) {
    let short: String = name.chars().take(2).collect();
    let first_year = cases.iter().map(|c| c.record.filed_on.year()).min().unwrap_or(until.year());
    for year in first_year..=until.year() {
        let n = rng.range(2, 7);
        let mut dates: Vec<NaiveDate> =
            (0..n).map(|_| day(ymd(year, 1, 10), rng.range(0, 340))).filter(|d| *d <= until).collect();
        dates.sort();
        for (k, issued_on) in dates.into_iter().enumerate() {
            let (recipient, subject) = *rng.pick(RECIPIENTS);
            let no = format!("{short}法建〔{year}〕{}号", k + 1);
            let from_case: Vec<&CaseFacts<'_>> = cases
                .iter()
                .filter(|c| &c.record.court == court && c.closed_on.is_some_and(|d| d <= issued_on))
                .collect();
            let case_no =
                (rng.chance(0.6) && !from_case.is_empty()).then(|| rng.pick(&from_case).record.case_no.clone());
            let reply_due = Suggestion::default_reply_due(issued_on);
            out.push(Management::Suggestion(Suggestion {
                court: court.clone(),
                no: no.clone(),
                case_no,
                recipient: format!("{short}市{recipient}"),
                issued_on,
                reply_due,
                subject: subject.into(),
            }));
            let event = |on, kind| {
                Management::SuggestionEvent(SuggestionEvent { court: court.clone(), no: no.clone(), on, kind })
            };
            if rng.chance(0.72) {
                let on = day(issued_on, rng.range(20, 80));
                if on <= until {
                    out.push(event(on, SuggestionEventKind::Replied { adopted: rng.chance(0.85) }));
                }
            } else {
                let on = day(reply_due, rng.range(3, 20));
                if on <= until {
                    out.push(event(on, SuggestionEventKind::FollowedUp { note: Some("电话督促回复".into()) }));
                }
            }
        }
    }
}

/// Petitions about a basic court's closed cases: about one for every 150 cases closed, fewer
/// each year (the seeds report petitions halving), most closed within their 60 days.
fn petitions(rng: &mut Rng, until: NaiveDate, court: &CourtCode, cases: &[CaseFacts<'_>], out: &mut Vec<Management>) {
    let closed: Vec<&CaseFacts<'_>> = cases
        .iter()
        .filter(|c| &c.record.court == court && c.closed_on.is_some())
        .filter(|c| c.record.parties.iter().any(|p| p.kind == PartyKind::Person && p.id.is_some()))
        .collect();
    if closed.is_empty() {
        return;
    }
    let first_year = cases.iter().map(|c| c.record.filed_on.year()).min().unwrap_or(until.year());
    let mut serial: HashMap<i32, u32> = HashMap::new();
    let years = (until.year() - first_year + 1).max(1);
    for (k, year) in (first_year..=until.year()).enumerate() {
        // Falling by about a third a year from one petition per 150 closed cases a year.
        let base = closed.len() as f64 / 150.0 / f64::from(years) * 1.6;
        let n = (base * 0.65f64.powi(k as i32)).round().max(1.0) as usize;
        for _ in 0..n {
            let received_on = day(ymd(year, 1, 5), rng.range(0, 350));
            if received_on > until {
                continue;
            }
            let before: Vec<&&CaseFacts<'_>> =
                closed.iter().filter(|c| c.closed_on.is_some_and(|d| d < received_on)).collect();
            if before.is_empty() {
                continue;
            }
            let c = *rng.pick(&before);
            let Some(party) = c.record.parties.iter().find(|p| p.kind == PartyKind::Person && p.id.is_some()) else {
                continue;
            };
            let seq = serial.entry(year).or_insert(0);
            *seq += 1;
            let no = format!("{year}-信-{seq}");
            let channel = *rng.weighted(&[
                (PetitionChannel::Visit, 40),
                (PetitionChannel::Letter, 25),
                (PetitionChannel::Online, 20),
                (PetitionChannel::Phone, 10),
                (PetitionChannel::Referred, 5),
            ]);
            out.push(Management::Petition(Petition {
                court: court.clone(),
                no: no.clone(),
                received_on,
                channel,
                case_no: Some(c.record.case_no.clone()),
                first_time: rng.chance(0.8),
                petitioner: Petitioner {
                    kind: PartyKind::Person,
                    name: party.name.clone(),
                    id_number: party.id.as_ref().map(|i| i.number().to_owned()),
                },
                subject: (*rng.pick(SUBJECTS)).into(),
            }));
            let event =
                |on, kind| Management::PetitionEvent(PetitionEvent { court: court.clone(), no: no.clone(), on, kind });
            let judge = c.judge.unwrap_or("J001").to_owned();
            let mut on = day(received_on, rng.range(1, 5));
            if on > until {
                continue;
            }
            out.push(event(on, PetitionEventKind::Assigned { judge }));
            if rng.chance(0.2) {
                on = day(on, rng.range(3, 15));
                if on > until {
                    continue;
                }
                out.push(event(on, PetitionEventKind::LeaderReception { judge: "J001".into() }));
            }
            // Closed within 60 days about nine times in ten.
            let close = day(received_on, if rng.chance(0.9) { rng.range(10, 60) } else { rng.range(61, 100) }).max(on);
            if close > until {
                continue;
            }
            let result = *rng.weighted(&[
                (PetitionResult::Explained, 55),
                (PetitionResult::Resolved, 30),
                (PetitionResult::NotAccepted, 10),
                (PetitionResult::Referred, 5),
            ]);
            out.push(event(close, PetitionEventKind::Closed { result }));
            if rng.chance(0.06) {
                let again = day(close, rng.range(20, 90));
                if again <= until {
                    out.push(event(again, PetitionEventKind::Repeat));
                }
            }
        }
    }
}

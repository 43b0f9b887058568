//! The packed columns of the case projection: lists kept in one text column each so that a case
//! stays one row. This module is the only place that writes or reads their encoding:
//!
//! | column | encoding | example |
//! |---|---|---|
//! | `tags` | tags joined by `,` | `enterprise,labor` |
//! | `eservice_log` | each electronic service attempt as its date and `+` (delivered) or `-` | `2025-01-03+,2025-01-06-` |
//! | `recovery_log` | each recovery as its date, `:` and the amount in fen | `2025-02-01:12345` |
//! | `hearing_log` | each hearing held online or streamed: its date, `o` if online, `s` if streamed | `2025-03-04o,2025-04-01os` |
//! | `enforcement_log` | 执行 facts by date: `q` 网络查控, `d`+persons 拘留, `c` 拒执罪移送, `b` 纳入失信, `u` 执前督促/催告, `p`+fen 自动履行, `o` 超标的查封, `t`+the numbers (1–5) of the conditions a 终本 closing misses (`t` alone: 合格); mediation and fees (`m`, `k`, `f`, `r`, `z`, `v`); supervision: `g`+category 四类案件 marked, `h+`/`h-` marked at closing with/without an approved 阅核, `a`+body discussed, `w`+honour distinguished, `x` mark cleared, `e`+judge 阅核 requested, `n`+result 阅核 answered | `2025-03-04q,2025-04-01d2,2025-07-01t34` |

use chrono::NaiveDate;
use docket_domain::publication::DocKind;
use docket_domain::supervision::{Body, FlagCategory, Honour, ReadingResult};
use docket_domain::{Amount, Tag};

/// One electronic service attempt (电子送达), as the indicators count it by its own date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceAttempt {
    pub on: NaiveDate,
    pub delivered: bool,
}

/// One recovery (执行到位) with its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recovery {
    pub on: NaiveDate,
    pub amount: Amount,
}

/// A hearing held online (网上开庭) or streamed (庭审直播), as the indicators count it by its date.
/// Hearings held neither way are not kept: `hearings_held` counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeldHearing {
    pub on: NaiveDate,
    pub online: bool,
    pub streamed: bool,
}

/// A fact of 执行 the indicators and the 执行 page read, by its date (`enforcement_log`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnforcementFact {
    /// 网络查控.
    Query,
    /// 司法拘留 of so many persons.
    Detention(u32),
    /// 拒执罪移送.
    Referral,
    /// 纳入失信名单.
    Blacklist,
    /// 执前督促 / 自动履行催告.
    Urged,
    /// 自动履行 of an amount.
    Performed(Amount),
    /// A seizure above what was still owed (超标的查封).
    OverSeizure,
    /// A 终本 closing with the conditions it misses (none: 合格).
    Termination(Vec<docket_domain::Condition>),
    /// 委派/委托/特邀调解 to an organisation (its code).
    Mediated(docket_domain::MediationMode, String),
    /// 司法确认 decided: confirmed or refused.
    Confirmation(bool),
    /// 诉讼费 paid, online or not, and how much.
    FeePaid(bool, Amount),
    /// 诉讼费 refunded, within 15 days of the document taking effect or not (诉讼费用交纳办法 §53),
    /// and how much.
    Refund(bool, Amount),
    /// 司法救助 granted, with the amount reduced.
    Relief(docket_domain::Relief, Option<Amount>),
    /// 程序转换 (the fee's top-up runs from it).
    Converted,
    /// Marked as one of the 四类案件.
    Flagged(docket_domain::supervision::FlagCategory),
    /// At the current closing, marked (a mark not cleared before it): whether an approved 阅核
    /// was dated on or before the closing (阅核率).
    ClosedFlagged(bool),
    /// Discussed by the 审判委员会 or a 专业法官会议.
    Deliberated(docket_domain::supervision::Body),
    /// 典型案例, 优秀文书 or 入库案例.
    Honoured(docket_domain::supervision::Honour),
    /// The 四类案件 mark removed.
    FlagCleared,
    /// 阅核 requested of a 院庭长 (judge code).
    ReadingRequested(String),
    /// 阅核 answered.
    ReadingDone(docket_domain::supervision::ReadingResult),
    /// A document issued (裁判文书生效), dated at its issue: whether a `document_published` has
    /// answered it (published or withheld) — the 文书上网 queue reads the unanswered ones.
    Document(docket_domain::publication::DocKind, bool),
    /// A document published on the internet (true) or withheld with a reason (false).
    Publication(bool),
}

/// An [`EnforcementFact`] with its date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedFact {
    pub on: NaiveDate,
    pub fact: EnforcementFact,
}

/// The dated facts of a case the indicators and lists read — 执行 (each in date order, the 终本
/// check at the current 终本 closing, a seizure compared with what was still owed when it was
/// taken), and mediation, 司法确认 and 诉讼费 (a refund judged on time against the current
/// closing). Kept in the `enforcement_log` column.
pub fn enforcement_facts(s: &docket_domain::CaseState) -> Vec<DatedFact> {
    use docket_domain::{EventKind, Measure};
    let applied = s.record.claim_amount.map(Amount::fen);
    let mut recovered = 0i64;
    let mut out = Vec::new();
    let refund_due_by =
        s.closed_on.zip(s.close_method).map(|(on, m)| docket_domain::fee::refund_by(s.record.case_type().stage, m, on));
    for e in &s.events {
        let fact = match &e.kind {
            EventKind::Recovered { amount } => {
                recovered += amount.fen();
                None
            }
            EventKind::EnforcementMeasure { measure, amount, persons } => match measure {
                Measure::OnlineQuery => Some(EnforcementFact::Query),
                Measure::Detention => Some(EnforcementFact::Detention(persons.unwrap_or(1))),
                Measure::CriminalReferral => Some(EnforcementFact::Referral),
                Measure::Blacklist => Some(EnforcementFact::Blacklist),
                m if m.takes_property() => amount
                    .zip(applied)
                    .is_some_and(|(v, a)| v.fen() > a - recovered)
                    .then_some(EnforcementFact::OverSeizure),
                _ => None,
            },
            EventKind::PerformanceUrged { .. } => Some(EnforcementFact::Urged),
            EventKind::Performed { amount } => Some(EnforcementFact::Performed(*amount)),
            EventKind::MediationDelegated { org, mode, .. } => Some(EnforcementFact::Mediated(*mode, org.clone())),
            EventKind::ConfirmationDecided { confirmed } => Some(EnforcementFact::Confirmation(*confirmed)),
            EventKind::FeePaid { online, amount, .. } => Some(EnforcementFact::FeePaid(*online, *amount)),
            // A refund before the case closed (a claim reduced, §21) is not late.
            EventKind::FeeRefunded { amount, .. } => {
                Some(EnforcementFact::Refund(refund_due_by.is_none_or(|by| e.on <= by), *amount))
            }
            EventKind::FeeRelief { relief, amount } => Some(EnforcementFact::Relief(*relief, *amount)),
            EventKind::ProcedureChanged { .. } => Some(EnforcementFact::Converted),
            EventKind::SupervisionFlagged { category, .. } => Some(EnforcementFact::Flagged(*category)),
            EventKind::Deliberated { body } => Some(EnforcementFact::Deliberated(*body)),
            EventKind::Distinguished { honour, .. } => Some(EnforcementFact::Honoured(*honour)),
            EventKind::SupervisionCleared { .. } => Some(EnforcementFact::FlagCleared),
            EventKind::ReadingRequested { reviewer } => Some(EnforcementFact::ReadingRequested(reviewer.clone())),
            EventKind::ReadingDone { result, .. } => Some(EnforcementFact::ReadingDone(*result)),
            EventKind::DocumentIssued { doc, .. } => Some(EnforcementFact::Document(*doc, false)),
            EventKind::DocumentPublished { withheld } => {
                // It answers the latest document not yet answered (as CaseState::documents pairs them).
                if let Some(EnforcementFact::Document(_, answered)) = out
                    .iter_mut()
                    .rev()
                    .map(|f: &mut DatedFact| &mut f.fact)
                    .find(|f| matches!(f, EnforcementFact::Document(_, false)))
                {
                    *answered = true;
                }
                Some(EnforcementFact::Publication(withheld.is_none()))
            }
            _ => None,
        };
        out.extend(fact.map(|fact| DatedFact { on: e.on, fact }));
    }
    if let Some(read) = flagged_closing(s) {
        out.push(DatedFact { on: s.closed_on.unwrap_or(s.last_on), fact: EnforcementFact::ClosedFlagged(read) });
        out.sort_by_key(|f| f.on);
    }
    if let Some(check) = docket_domain::TerminationCheck::of(s) {
        out.push(DatedFact { on: check.closed_on, fact: EnforcementFact::Termination(check.missing) });
        // In date order with what came after the closing (the periodic queries).
        out.sort_by_key(|f| f.on);
    }
    out
}

/// The case's 四类案件 supervision from its stored facts (no note of a returned reading: the
/// case page replays the events for that).
pub fn supervision_of(facts: &[DatedFact]) -> docket_domain::supervision::Supervision {
    use docket_domain::supervision::{Step, Supervision};
    Supervision::fold(facts.iter().filter_map(|f| {
        let step = match &f.fact {
            EnforcementFact::Flagged(c) => Step::Flagged(*c),
            EnforcementFact::FlagCleared => Step::Cleared,
            EnforcementFact::ReadingRequested(r) => Step::Requested(r.clone()),
            EnforcementFact::ReadingDone(r) => Step::Done(*r, None),
            EnforcementFact::Deliberated(b) => Step::Deliberated(*b),
            _ => return None,
        };
        Some((f.on, step))
    }))
}

/// For a closed case marked at its closing (INDICATORS.md, 阅核率: a mark not cleared before the
/// closing date), whether a `reading_done` `approved` is dated on or before the closing.
fn flagged_closing(s: &docket_domain::CaseState) -> Option<bool> {
    use docket_domain::EventKind;
    use docket_domain::supervision::ReadingResult;
    let closed_on = s.closed_on?;
    let (mut flagged, mut approved) = (false, false);
    for e in s.events.iter().filter(|e| e.on <= closed_on) {
        match &e.kind {
            EventKind::SupervisionFlagged { .. } => flagged = true,
            EventKind::SupervisionCleared { .. } if e.on < closed_on => {
                flagged = false;
                approved = false;
            }
            EventKind::ReadingDone { result: ReadingResult::Approved, .. } => approved = true,
            _ => {}
        }
    }
    flagged.then_some(approved)
}

pub fn encode_enforcement(facts: &[DatedFact]) -> String {
    facts
        .iter()
        .map(|f| {
            let code = match &f.fact {
                EnforcementFact::Query => "q".to_owned(),
                EnforcementFact::Detention(n) => format!("d{n}"),
                EnforcementFact::Referral => "c".to_owned(),
                EnforcementFact::Blacklist => "b".to_owned(),
                EnforcementFact::Urged => "u".to_owned(),
                EnforcementFact::Performed(a) => format!("p{}", a.fen()),
                EnforcementFact::OverSeizure => "o".to_owned(),
                EnforcementFact::Termination(missing) => {
                    let numbers: String = missing
                        .iter()
                        .map(|c| {
                            let i = docket_domain::Condition::ALL.iter().position(|x| x == c).unwrap_or(0);
                            char::from(b'1' + i as u8)
                        })
                        .collect();
                    format!("t{numbers}")
                }
                EnforcementFact::Mediated(mode, org) => format!("m{}{org}", &mode.as_str()[..1]),
                EnforcementFact::Confirmation(yes) => format!("k{}", if *yes { '+' } else { '-' }),
                EnforcementFact::FeePaid(online, a) => format!("f{}{}", if *online { '+' } else { '-' }, a.fen()),
                EnforcementFact::Refund(timely, a) => format!("r{}{}", if *timely { '+' } else { '-' }, a.fen()),
                EnforcementFact::Relief(relief, a) => {
                    format!("z{}{}", &relief.as_str()[..1], a.map(|a| a.fen().to_string()).unwrap_or_default())
                }
                EnforcementFact::Converted => "v".to_owned(),
                EnforcementFact::Flagged(c) => format!("g{}", index_of(&FlagCategory::ALL, c)),
                EnforcementFact::ClosedFlagged(read) => format!("h{}", if *read { '+' } else { '-' }),
                EnforcementFact::Deliberated(b) => format!("a{}", index_of(&Body::ALL, b)),
                EnforcementFact::Honoured(h) => format!("w{}", index_of(&Honour::ALL, h)),
                EnforcementFact::FlagCleared => "x".to_owned(),
                EnforcementFact::ReadingRequested(reviewer) => format!("e{reviewer}"),
                EnforcementFact::ReadingDone(r) => format!("n{}", index_of(&ReadingResult::ALL, r)),
                // `y` for a document still waiting for its publication, so the queue can find it.
                EnforcementFact::Document(doc, answered) => {
                    format!("{}{}", if *answered { 'i' } else { 'y' }, index_of(&DocKind::ALL, doc))
                }
                EnforcementFact::Publication(online) => format!("j{}", if *online { '+' } else { '-' }),
            };
            format!("{}{code}", f.on)
        })
        .collect::<Vec<_>>()
        .join(",")
}

pub fn decode_enforcement(text: &str) -> Result<Vec<DatedFact>, PackedError> {
    items(text)
        .map(|x| {
            let bad = || PackedError(format!("执行记录“{x}”无效"));
            let (date, rest) = x.split_at_checked(10).ok_or_else(bad)?;
            let on: NaiveDate = date.parse().map_err(|_| bad())?;
            let (code, tail) = rest.split_at_checked(1).ok_or_else(bad)?;
            let fact = match (code, tail) {
                ("q", "") => EnforcementFact::Query,
                ("d", n) => EnforcementFact::Detention(n.parse().ok().filter(|n| *n > 0).ok_or_else(bad)?),
                ("c", "") => EnforcementFact::Referral,
                ("b", "") => EnforcementFact::Blacklist,
                ("u", "") => EnforcementFact::Urged,
                ("p", fen) => EnforcementFact::Performed(fen.parse().ok().and_then(Amount::from_fen).ok_or_else(bad)?),
                ("o", "") => EnforcementFact::OverSeizure,
                ("m", rest) => {
                    let (mode, org) = rest.split_at_checked(1).ok_or_else(bad)?;
                    let mode = docket_domain::MediationMode::ALL
                        .into_iter()
                        .find(|m| m.as_str().starts_with(mode))
                        .ok_or_else(bad)?;
                    if !docket_domain::court::is_valid_local_code(org) {
                        return Err(bad());
                    }
                    EnforcementFact::Mediated(mode, org.to_owned())
                }
                ("k", sign @ ("+" | "-")) => EnforcementFact::Confirmation(sign == "+"),
                ("f" | "r", rest) => {
                    let (sign, fen) = rest.split_at_checked(1).ok_or_else(bad)?;
                    let yes = match sign {
                        "+" => true,
                        "-" => false,
                        _ => return Err(bad()),
                    };
                    let amount = fen.parse().ok().and_then(Amount::from_fen).filter(|a| a.fen() > 0).ok_or_else(bad)?;
                    if code == "f" {
                        EnforcementFact::FeePaid(yes, amount)
                    } else {
                        EnforcementFact::Refund(yes, amount)
                    }
                }
                ("z", rest) => {
                    let (kind, fen) = rest.split_at_checked(1).ok_or_else(bad)?;
                    let relief = docket_domain::Relief::ALL
                        .into_iter()
                        .find(|r| r.as_str().starts_with(kind))
                        .ok_or_else(bad)?;
                    let amount = match fen {
                        "" => None,
                        f => Some(f.parse().ok().and_then(Amount::from_fen).ok_or_else(bad)?),
                    };
                    EnforcementFact::Relief(relief, amount)
                }
                ("v", "") => EnforcementFact::Converted,
                ("g", i) => EnforcementFact::Flagged(nth(&FlagCategory::ALL, i).ok_or_else(bad)?),
                ("h", sign @ ("+" | "-")) => EnforcementFact::ClosedFlagged(sign == "+"),
                ("a", i) => EnforcementFact::Deliberated(nth(&Body::ALL, i).ok_or_else(bad)?),
                ("w", i) => EnforcementFact::Honoured(nth(&Honour::ALL, i).ok_or_else(bad)?),
                ("x", "") => EnforcementFact::FlagCleared,
                ("e", code) if docket_domain::court::is_valid_local_code(code) => {
                    EnforcementFact::ReadingRequested(code.to_owned())
                }
                ("n", i) => EnforcementFact::ReadingDone(nth(&ReadingResult::ALL, i).ok_or_else(bad)?),
                ("i" | "y", i) => EnforcementFact::Document(nth(&DocKind::ALL, i).ok_or_else(bad)?, code == "i"),
                ("j", sign @ ("+" | "-")) => EnforcementFact::Publication(sign == "+"),
                ("t", numbers) => EnforcementFact::Termination(
                    numbers
                        .bytes()
                        .map(|b| {
                            b.checked_sub(b'1')
                                .and_then(|i| docket_domain::Condition::ALL.get(usize::from(i)).copied())
                                .ok_or_else(bad)
                        })
                        .collect::<Result<_, _>>()?,
                ),
                _ => return Err(bad()),
            };
            Ok(DatedFact { on, fact })
        })
        .collect()
}

/// The digit of a value in its list (the lists are short).
fn index_of<T: PartialEq>(all: &[T], x: &T) -> usize {
    all.iter().position(|a| a == x).unwrap_or(0)
}

/// The value a single digit names.
fn nth<T: Copy>(all: &[T], digit: &str) -> Option<T> {
    digit.parse::<usize>().ok().filter(|_| digit.len() == 1).and_then(|i| all.get(i).copied())
}

/// Why a packed column did not read back: the item that failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackedError(pub String);

fn items(text: &str) -> impl Iterator<Item = &str> {
    text.split(',').filter(|x| !x.is_empty())
}

pub fn encode_tags(tags: &[Tag]) -> String {
    tags.iter().map(Tag::as_str).collect::<Vec<_>>().join(",")
}

pub fn decode_tags(text: &str) -> Result<Vec<Tag>, PackedError> {
    items(text).map(|t| Tag::parse(t).ok_or_else(|| PackedError(format!("标签“{t}”无效")))).collect()
}

pub fn encode_eservice(attempts: impl IntoIterator<Item = ServiceAttempt>) -> String {
    attempts
        .into_iter()
        .map(|a| format!("{}{}", a.on, if a.delivered { '+' } else { '-' }))
        .collect::<Vec<_>>()
        .join(",")
}

pub fn decode_eservice(text: &str) -> Result<Vec<ServiceAttempt>, PackedError> {
    items(text)
        .map(|x| {
            let bad = || PackedError(format!("电子送达记录“{x}”无效"));
            let (date, outcome) = x.split_at_checked(x.len().saturating_sub(1)).ok_or_else(bad)?;
            let delivered = match outcome {
                "+" => true,
                "-" => false,
                _ => return Err(bad()),
            };
            Ok(ServiceAttempt { on: date.parse().map_err(|_| bad())?, delivered })
        })
        .collect()
}

pub fn encode_recoveries(recoveries: impl IntoIterator<Item = Recovery>) -> String {
    recoveries.into_iter().map(|r| format!("{}:{}", r.on, r.amount.fen())).collect::<Vec<_>>().join(",")
}

pub fn decode_recoveries(text: &str) -> Result<Vec<Recovery>, PackedError> {
    items(text)
        .map(|x| {
            let bad = || PackedError(format!("执行到位记录“{x}”无效"));
            let (date, fen) = x.split_once(':').ok_or_else(bad)?;
            let on: NaiveDate = date.parse().map_err(|_| bad())?;
            let amount = fen.parse::<i64>().ok().and_then(Amount::from_fen).ok_or_else(bad)?;
            Ok(Recovery { on, amount })
        })
        .collect()
}

pub fn encode_hearings(hearings: impl IntoIterator<Item = HeldHearing>) -> String {
    hearings
        .into_iter()
        .map(|h| format!("{}{}{}", h.on, if h.online { "o" } else { "" }, if h.streamed { "s" } else { "" }))
        .collect::<Vec<_>>()
        .join(",")
}

pub fn decode_hearings(text: &str) -> Result<Vec<HeldHearing>, PackedError> {
    items(text)
        .map(|x| {
            let bad = || PackedError(format!("开庭记录“{x}”无效"));
            let (date, flags) = x.split_at_checked(10).ok_or_else(bad)?;
            let (online, streamed) = match flags {
                "o" => (true, false),
                "s" => (false, true),
                "os" => (true, true),
                _ => return Err(bad()),
            };
            Ok(HeldHearing { on: date.parse().map_err(|_| bad())?, online, streamed })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn an_enforcement_log_reads_back_and_refuses_what_it_does_not_know() {
        use docket_domain::Condition;
        let facts = vec![
            DatedFact { on: d("2025-03-04"), fact: EnforcementFact::Query },
            DatedFact { on: d("2025-04-01"), fact: EnforcementFact::Detention(2) },
            DatedFact { on: d("2025-04-02"), fact: EnforcementFact::Referral },
            DatedFact { on: d("2025-04-03"), fact: EnforcementFact::Blacklist },
            DatedFact { on: d("2025-04-04"), fact: EnforcementFact::OverSeizure },
            DatedFact {
                on: d("2025-07-01"),
                fact: EnforcementFact::Termination(vec![Condition::OnlineQuery, Condition::ThreeMonths]),
            },
            DatedFact { on: d("2025-08-01"), fact: EnforcementFact::Termination(vec![]) },
            DatedFact { on: d("2025-09-01"), fact: EnforcementFact::Urged },
            DatedFact { on: d("2025-09-02"), fact: EnforcementFact::Performed(Amount::from_fen(120_000).unwrap()) },
            DatedFact {
                on: d("2025-09-03"),
                fact: EnforcementFact::Mediated(docket_domain::MediationMode::Entrusted, "M01".into()),
            },
            DatedFact { on: d("2025-09-04"), fact: EnforcementFact::Confirmation(false) },
            DatedFact { on: d("2025-09-05"), fact: EnforcementFact::FeePaid(true, Amount::from_fen(195_000).unwrap()) },
            DatedFact { on: d("2025-09-06"), fact: EnforcementFact::Refund(false, Amount::from_fen(97_500).unwrap()) },
            DatedFact {
                on: d("2025-09-07"),
                fact: EnforcementFact::Relief(docket_domain::Relief::Reduce, Amount::from_fen(500)),
            },
            DatedFact { on: d("2025-09-08"), fact: EnforcementFact::Relief(docket_domain::Relief::Defer, None) },
            DatedFact { on: d("2025-09-09"), fact: EnforcementFact::Converted },
            DatedFact {
                on: d("2025-09-10"),
                fact: EnforcementFact::Flagged(docket_domain::supervision::FlagCategory::MassPublic),
            },
            DatedFact {
                on: d("2025-09-11"),
                fact: EnforcementFact::Deliberated(docket_domain::supervision::Body::ProfessionalJudges),
            },
            DatedFact { on: d("2025-09-12"), fact: EnforcementFact::ClosedFlagged(true) },
            DatedFact { on: d("2025-09-13"), fact: EnforcementFact::ClosedFlagged(false) },
            DatedFact {
                on: d("2025-09-14"),
                fact: EnforcementFact::Honoured(docket_domain::supervision::Honour::DatabaseCase),
            },
            DatedFact { on: d("2025-09-15"), fact: EnforcementFact::FlagCleared },
            DatedFact { on: d("2025-09-16"), fact: EnforcementFact::ReadingRequested("J0001".into()) },
            DatedFact { on: d("2025-09-17"), fact: EnforcementFact::ReadingDone(ReadingResult::ToCommittee) },
            DatedFact { on: d("2025-09-18"), fact: EnforcementFact::Document(DocKind::Judgment, true) },
            DatedFact { on: d("2025-09-19"), fact: EnforcementFact::Publication(true) },
            DatedFact { on: d("2025-09-20"), fact: EnforcementFact::Document(DocKind::PaymentOrder, false) },
            DatedFact { on: d("2025-09-21"), fact: EnforcementFact::Publication(false) },
        ];
        let text = encode_enforcement(&facts);
        assert_eq!(
            text,
            "2025-03-04q,2025-04-01d2,2025-04-02c,2025-04-03b,2025-04-04o,2025-07-01t34,2025-08-01t,2025-09-01u,2025-09-02p120000,2025-09-03meM01,2025-09-04k-,2025-09-05f+195000,2025-09-06r-97500,2025-09-07zr500,2025-09-08zd,2025-09-09v,2025-09-10g1,2025-09-11a1,2025-09-12h+,2025-09-13h-,2025-09-14w2,2025-09-15x,2025-09-16eJ0001,2025-09-17n2,2025-09-18i0,2025-09-19j+,2025-09-20y4,2025-09-21j-"
        );
        assert_eq!(decode_enforcement(&text).unwrap(), facts);
        for bad in [
            "2025-03-04y",
            "2025-03-04i7",
            "2025-03-04j",
            "2025-03-04d0",
            "2025-03-04t6",
            "2025-03-04q1",
            "2025-13-04q",
            "2025-03-04p-5",
            "2025-03-04mx M1",
            "2025-03-04me",
            "2025-03-04k",
            "2025-03-04f*",
            "2025-03-04f+",
            "2025-03-04f+0",
            "2025-03-04zx",
            "2025-03-04g4",
            "2025-03-04g",
            "2025-03-04a10",
            "2025-03-04h",
            "2025-03-04w9",
            "2025-03-04x1",
            "2025-03-04e",
            "2025-03-04eJ 1",
            "2025-03-04n3",
        ] {
            assert!(decode_enforcement(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_hearing_log_reads_back_and_refuses_a_hearing_held_neither_way() {
        let hearings = vec![
            HeldHearing { on: d("2025-03-04"), online: true, streamed: false },
            HeldHearing { on: d("2025-04-01"), online: true, streamed: true },
            HeldHearing { on: d("2025-04-02"), online: false, streamed: true },
        ];
        assert_eq!(encode_hearings(hearings.clone()), "2025-03-04o,2025-04-01os,2025-04-02s");
        assert_eq!(decode_hearings("2025-03-04o,2025-04-01os,2025-04-02s").unwrap(), hearings);
        assert_eq!(decode_hearings("2025-03-04").unwrap_err().0, "开庭记录“2025-03-04”无效");
        assert!(decode_hearings("2025-03-04so").is_err());
        assert!(decode_hearings("2025-02-30o").is_err());
    }

    #[test]
    fn every_packed_column_reads_back_what_was_written() {
        let tags = vec![Tag::parse("enterprise").unwrap(), Tag::parse("labor").unwrap()];
        assert_eq!(decode_tags(&encode_tags(&tags)).unwrap(), tags);
        let attempts = vec![
            ServiceAttempt { on: d("2025-01-03"), delivered: true },
            ServiceAttempt { on: d("2025-01-06"), delivered: false },
        ];
        assert_eq!(encode_eservice(attempts.clone()), "2025-01-03+,2025-01-06-");
        assert_eq!(decode_eservice("2025-01-03+,2025-01-06-").unwrap(), attempts);
        let recoveries = vec![Recovery { on: d("2025-02-01"), amount: Amount::from_fen(12345).unwrap() }];
        assert_eq!(encode_recoveries(recoveries.clone()), "2025-02-01:12345");
        assert_eq!(decode_recoveries("2025-02-01:12345").unwrap(), recoveries);
        assert!(decode_tags("").unwrap().is_empty());
    }

    #[test]
    fn a_damaged_item_is_an_error_naming_it_not_a_dropped_item() {
        assert_eq!(decode_eservice("2025-01-03+,2025-13-06-").unwrap_err().0, "电子送达记录“2025-13-06-”无效");
        assert!(decode_eservice("2025-01-03?").is_err());
        assert!(decode_recoveries("2025-02-01:-5").is_err());
        assert!(decode_recoveries("2025-02-01").is_err());
        assert!(decode_tags("enterprise,Labor").is_err());
    }
}

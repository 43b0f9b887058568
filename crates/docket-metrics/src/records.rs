//! The indicators of the 审管办's records (`INDICATORS.md`, "Campaigns, ledgers, suggestions,
//! petitions"): 清积率, 整改完成率, 司法建议反馈率, 涉诉信访件数 and 信访按期办结率. They count the
//! records of the register, by the record's court (a listed case by its own court), rolled up
//! like cases; a listed case's closing is read from the fact table, so a closing recorded after
//! the engine was loaded moves 清积率 at once.

use chrono::NaiveDate;

use docket_domain::management::{LedgerEventKind, PETITION_LIMIT_DAYS, PetitionEventKind, Register};
use docket_domain::{CaseNumber, CloseMethod, CourtCode};

use crate::catalogue::RecordMeasure;
use crate::facts::{FactTable, OPEN, day, method_of};
use crate::period::Period;

/// A case listed in a campaign.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Listed {
    case_no: CaseNumber,
    from: NaiveDate,
    to: NaiveDate,
    listed_on: NaiveDate,
    termination_counts: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Item {
    court: CourtCode,
    label: String,
    due_on: NaiveDate,
    /// (date, new deadline) of each change, and (date, closed?) of each closing and reopening.
    due_changes: Vec<(NaiveDate, NaiveDate)>,
    closings: Vec<(NaiveDate, bool)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Dated {
    court: CourtCode,
    label: String,
    /// The case it is about, if any.
    case_no: Option<CaseNumber>,
    on: NaiveDate,
    /// A suggestion's reply, a petition's first closing.
    done: Option<NaiveDate>,
}

/// The register's records as the indicators read them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordFacts {
    listed: Vec<Listed>,
    items: Vec<Item>,
    suggestions: Vec<Dated>,
    petitions: Vec<Dated>,
}

/// What one record indicator counts for one selection and period, with what it counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordCount {
    pub numerator: i64,
    pub denominator: i64,
    /// The cases (campaign clearance, by 案号) or records (by their number) behind the figures.
    pub numerator_items: Vec<String>,
    pub denominator_items: Vec<String>,
}

impl RecordFacts {
    pub fn from_register(r: &Register) -> Self {
        let mut out = RecordFacts::default();
        for c in r.campaigns.values() {
            for l in &c.cases {
                out.listed.push(Listed {
                    case_no: l.case_no.clone(),
                    from: c.campaign.from,
                    to: c.campaign.to,
                    listed_on: l.listed_on,
                    termination_counts: c.campaign.termination_counts,
                });
            }
        }
        for s in r.ledger.values() {
            let mut due_changes = Vec::new();
            let mut closings = Vec::new();
            for e in &s.events {
                match e.kind {
                    LedgerEventKind::DueChanged { due_on, .. } => due_changes.push((e.on, due_on)),
                    LedgerEventKind::Closed { .. } => closings.push((e.on, true)),
                    LedgerEventKind::Reopened { .. } => closings.push((e.on, false)),
                    LedgerEventKind::Progress { .. } => {}
                }
            }
            out.items.push(Item {
                court: s.item.court.clone(),
                label: format!("{} 第 {} 项", s.item.ledger, s.item.no),
                due_on: s.item.due_on,
                due_changes,
                closings,
            });
        }
        for s in r.suggestions.values() {
            out.suggestions.push(Dated {
                court: s.suggestion.court.clone(),
                label: s.suggestion.no.clone(),
                case_no: s.suggestion.case_no.clone(),
                on: s.suggestion.issued_on,
                done: s.reply().map(|(on, _)| on),
            });
        }
        for p in r.petitions.values() {
            let first_closed = p.events.iter().find_map(|e| match e.kind {
                PetitionEventKind::Closed { .. } => Some(e.on),
                _ => None,
            });
            out.petitions.push(Dated {
                court: p.petition.court.clone(),
                label: p.petition.no.clone(),
                case_no: p.petition.case_no.clone(),
                on: p.petition.received_on,
                done: first_closed,
            });
        }
        out
    }

    /// How many petitions are about each case (a petition counts in its case's matter, 案-件比).
    pub fn petitions_by_case(&self) -> std::collections::HashMap<CaseNumber, u32> {
        let mut out = std::collections::HashMap::new();
        for p in &self.petitions {
            if let Some(c) = &p.case_no {
                *out.entry(c.clone()).or_insert(0) += 1;
            }
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.listed.is_empty() && self.items.is_empty() && self.suggestions.is_empty() && self.petitions.is_empty()
    }

    /// Counts `m` over the records whose court `keep`s, for period `p`; closings of listed
    /// cases are read from `table`.
    pub fn count(
        &self,
        m: RecordMeasure,
        table: &FactTable,
        keep: &dyn Fn(&CourtCode) -> bool,
        p: Period,
    ) -> RecordCount {
        let mut out = RecordCount::default();
        let mut add = |label: &str, counted: bool| {
            out.denominator += 1;
            out.denominator_items.push(label.to_owned());
            if counted {
                out.numerator += 1;
                out.numerator_items.push(label.to_owned());
            }
        };
        match m {
            RecordMeasure::CampaignClearance => {
                for l in self.listed.iter().filter(|l| keep(l.case_no.court())) {
                    if l.listed_on > p.to || l.from > p.to || l.to < p.from {
                        continue;
                    }
                    let by = day(l.to.min(p.to));
                    let cleared = table.row_of(&l.case_no).is_some_and(|row| {
                        let closed = table.closed[row];
                        closed != OPEN
                            && closed <= by
                            && (l.termination_counts
                                || method_of(table.method[row]) != Some(CloseMethod::EnforcementTerminated))
                    });
                    add(&l.case_no.to_string(), cleared);
                }
            }
            RecordMeasure::Rectification => {
                for i in self.items.iter().filter(|i| keep(&i.court)) {
                    let deadline = i
                        .due_changes
                        .iter()
                        .filter(|(on, _)| *on <= p.to)
                        .map(|(_, d)| *d)
                        .next_back()
                        .unwrap_or(i.due_on);
                    if deadline < p.from || deadline > p.to {
                        continue;
                    }
                    let done = i.closings.iter().enumerate().any(|(k, (on, closed))| {
                        *closed
                            && *on <= deadline
                            && *on <= p.to
                            && !i.closings[k + 1..].iter().any(|(r, c)| !*c && *r <= p.to)
                    });
                    add(&i.label, done);
                }
            }
            RecordMeasure::SuggestionReply => {
                for s in self.suggestions.iter().filter(|s| keep(&s.court) && p.contains(s.on)) {
                    add(&s.label, s.done.is_some_and(|d| d <= p.to));
                }
            }
            RecordMeasure::PetitionsReceived => {
                for s in self.petitions.iter().filter(|s| keep(&s.court) && p.contains(s.on)) {
                    add(&s.label, true);
                }
            }
            RecordMeasure::PetitionTimely => {
                for s in self.petitions.iter().filter(|s| keep(&s.court)) {
                    if let Some(closed) = s.done.filter(|d| p.contains(*d)) {
                        add(&s.label, (closed - s.on).num_days() <= PETITION_LIMIT_DAYS);
                    }
                }
            }
        }
        out
    }
}

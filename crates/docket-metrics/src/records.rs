//! The indicators of the 审管办's records (`INDICATORS.md`, "Campaigns, ledgers, suggestions,
//! petitions"): 清积率, 整改完成率, 司法建议反馈率, 涉诉信访件数 and 信访按期办结率. They count the
//! records of the register, by the record's court (a listed case by its own court), rolled up
//! like cases; a listed case's closing is read from the fact table, so a closing recorded after
//! the engine was loaded moves 清积率 at once.

use chrono::NaiveDate;

use docket_domain::management::{Campaign, CampaignScope, Grade, LedgerState, PETITION_LIMIT_DAYS, Register};
use docket_domain::{CaseNumber, CourtCode};

use crate::catalogue::RecordMeasure;
use crate::facts::{FactTable, OPEN, date, method_of};
use crate::period::Period;

/// A case listed in a campaign, with the campaign (its dates and 终本 rule).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Listed {
    case_no: CaseNumber,
    listed_on: NaiveDate,
    campaign: Campaign,
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
    items: Vec<LedgerState>,
    suggestions: Vec<Dated>,
    petitions: Vec<Dated>,
    /// 案件评查: by the review's court, its batch and case, date and grade.
    reviews: Vec<(CourtCode, String, NaiveDate, Grade)>,
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
                    listed_on: l.listed_on,
                    campaign: c.campaign.clone(),
                });
            }
        }
        out.items = r.ledger.values().cloned().collect();
        for b in r.reviews.batches.values() {
            for x in &b.reviews {
                out.reviews.push((x.court.clone(), format!("{} {}", x.batch, x.case_no), x.on, x.grade));
            }
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
            out.petitions.push(Dated {
                court: p.petition.court.clone(),
                label: p.petition.no.clone(),
                case_no: p.petition.case_no.clone(),
                on: p.petition.received_on,
                done: p.first_closed().map(|(on, _)| on),
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
        self.listed.is_empty()
            && self.items.is_empty()
            && self.suggestions.is_empty()
            && self.petitions.is_empty()
            && self.reviews.is_empty()
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
                    let c = &l.campaign;
                    if l.listed_on > p.to || c.from > p.to || c.to < p.from {
                        continue;
                    }
                    let closing = |row: usize| {
                        (table.closed[row] != OPEN).then(|| (date(table.closed[row]), method_of(table.method[row])))
                    };
                    // A pending case by its own closing; a 终本 case by those of the cases resumed from it.
                    let cleared = table.row_of(&l.case_no).is_some_and(|row| match c.scope {
                        CampaignScope::Pending => c.clears(closing(row), p.to),
                        CampaignScope::Terminated => {
                            c.clears_any(table.children_of(row).iter().filter_map(|r| closing(*r as usize)), p.to)
                        }
                    });
                    add(&l.case_no.to_string(), cleared);
                }
            }
            RecordMeasure::Rectification => {
                for s in self.items.iter().filter(|s| keep(&s.item.court)) {
                    let deadline = s.due_on_at(p.to);
                    if p.contains(deadline) {
                        add(&format!("{} 第 {} 项", s.item.ledger, s.item.no), s.closed_by(deadline, p.to));
                    }
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
            RecordMeasure::ReviewPass | RecordMeasure::ReviewExcellent => {
                for (court, label, on, grade) in &self.reviews {
                    if keep(court) && p.contains(*on) {
                        let counted =
                            if m == RecordMeasure::ReviewPass { grade.passes() } else { *grade == Grade::Excellent };
                        add(label, counted);
                    }
                }
            }
        }
        out
    }
}

//! Explain: the cases in an indicator's numerator and denominator, for the drill-down.

use crate::catalogue::{Formula, f};
use crate::facts::{enforcement, hearing};

use super::{Acc, Engine, Explanation, Extras, Grouping, Layer, MetricsError, Query};

/// Not a field: the 四类案件 marks, counted by case from their events only.
const FLAGGED_FIELD: usize = usize::MAX - 1;

/// The 执行, 司法确认 and 诉讼费 event kind a field counts, and whether only the events with a
/// non-zero value (confirmed, online, on time) count toward it.
fn kind_of(field: usize) -> Option<(u8, bool)> {
    Some(match field {
        f::EV_URGED => (enforcement::URGED, false),
        f::EV_PERFORMED_FEN => (enforcement::PERFORMED, false),
        f::EV_DETAINED => (enforcement::DETAINED, false),
        f::EV_REFERRALS => (enforcement::REFERRAL, false),
        f::EV_BLACKLISTS => (enforcement::BLACKLISTED, false),
        f::EV_CONFIRMATIONS => (enforcement::CONFIRMATION, false),
        f::EV_CONFIRMED => (enforcement::CONFIRMATION, true),
        f::EV_FEE_PAID => (enforcement::FEE_PAID, false),
        f::EV_FEE_PAID_ONLINE => (enforcement::FEE_PAID, true),
        f::EV_REFUNDS => (enforcement::REFUND, false),
        f::EV_REFUNDS_TIMELY => (enforcement::REFUND, true),
        f::EV_COMMITTEE => (enforcement::COMMITTEE, false),
        FLAGGED_FIELD => (enforcement::FLAGGED, false),
        f::EV_FLAGGED_CLOSED => (enforcement::FLAGGED_CLOSED, false),
        f::EV_FLAGGED_READ => (enforcement::FLAGGED_CLOSED, true),
        f::EV_DOCS_DUE => (enforcement::DOCUMENT_DUE, false),
        f::EV_DOCS_ONLINE => (enforcement::DOCUMENT_DUE, true),
        f::EV_PUBLISHED => (enforcement::PUBLISHED, false),
        f::EV_PUBLISHED_TIMELY => (enforcement::PUBLISHED, true),
        _ => return None,
    })
}

impl Engine {
    /// The cases in the numerator and the denominator of one indicator for the query's court,
    /// tag and period (no grouping). Rows are indices into the fact table.
    pub fn explain(&self, q: &Query, id: &str) -> Result<Explanation, MetricsError> {
        super::query::check_period(q.period)?;
        let ind = crate::catalogue::lookup(id).ok_or_else(|| MetricsError::UnknownIndicator(id.to_owned()))?;
        if let Formula::Record(measure) = ind.formula {
            // The records counted; the listed cases of a campaign also as rows.
            let count = self.record_count(measure, q, super::Grouping::One, 0, q.period).unwrap_or_default();
            let rows = |items: &[String]| -> Vec<usize> {
                items
                    .iter()
                    .filter_map(|i| docket_domain::CaseNumber::parse(i).ok())
                    .filter_map(|c| self.table.row_of(&c))
                    .collect()
            };
            let (numerator, denominator) = match measure {
                crate::catalogue::RecordMeasure::CampaignClearance => {
                    (rows(&count.numerator_items), rows(&count.denominator_items))
                }
                _ => (Vec::new(), Vec::new()),
            };
            return Ok(Explanation { numerator, denominator, records: Some(count) });
        }
        let scope = self.settings.scope_index(self.settings.scope_of(ind)).map_or(0, |s| 1u16 << s);
        let layer = Layer::new(vec![q.period]);
        let sel = self.selection(q);
        let t = &self.table;
        let (num, den) = match ind.formula {
            Formula::Total(x) => (x, usize::MAX),
            // The cases with an attempt in the period: the events' rows, deduplicated below.
            Formula::DistinctCases(crate::catalogue::Dated::Eservice) => (f::EV_ESERVICE, usize::MAX),
            Formula::DistinctCases(crate::catalogue::Dated::Performed) => (f::EV_PERFORMED_FEN, usize::MAX),
            Formula::DistinctCases(crate::catalogue::Dated::Flagged) => (FLAGGED_FIELD, usize::MAX),
            Formula::Fraction(n, d) | Formula::Mean(n, d) => (n, d),
            _ => (f::C, usize::MAX),
        };
        let extras = Extras { median: false, judges: false, balance: false };
        let in_scope = |row: usize| sel.keeps(t, row) && self.class_scopes[self.class_of(row)] & scope != 0;
        let mut out = Explanation { numerator: Vec::new(), denominator: Vec::new(), records: None };
        // One row at a time through the same accumulation; only its class's cell is used, and
        // cleared for the next row.
        let mut acc = Acc::new(self.class_scopes.len(), 1, &layer, 0, extras);
        let runs = sel.runs(t);
        for row in runs.iter().flat_map(|&(lo, hi)| lo..hi).filter(|r| in_scope(*r)) {
            let class = self.class_of(row);
            self.accumulate_row(&layer, Grouping::One, row, &mut acc, extras);
            acc.finish();
            if num != FLAGGED_FIELD && acc.get(class, 0, 0, num) != 0 {
                out.numerator.push(row);
            }
            if den != usize::MAX && acc.get(class, 0, 0, den) != 0 {
                out.denominator.push(row);
            }
            acc.clear_class(class);
        }
        // Dated events count toward their case.
        let in_period = |d: i32| layer.at(d).is_some();
        match num {
            f::EV_ESERVICE | f::EV_ESERVICE_DELIVERED => {
                for &(row, d, delivered) in &t.eservice {
                    let row = row as usize;
                    if in_period(d) && in_scope(row) {
                        if num != f::EV_ESERVICE_DELIVERED || delivered {
                            out.numerator.push(row);
                        }
                        if den == f::EV_ESERVICE {
                            out.denominator.push(row);
                        }
                    }
                }
            }
            f::EV_RECOVERED_FEN => {
                out.numerator.extend(
                    t.recoveries
                        .iter()
                        .filter(|(r, d, _)| in_period(*d) && in_scope(*r as usize))
                        .map(|(r, _, _)| *r as usize),
                );
            }
            f::EV_HEARINGS_ONLINE | f::EV_HEARINGS_STREAMED => {
                let bit = if num == f::EV_HEARINGS_ONLINE { hearing::ONLINE } else { hearing::STREAMED };
                out.numerator.extend(
                    t.hearings
                        .iter()
                        .filter(|(r, d, bits)| bits & bit != 0 && in_period(*d) && in_scope(*r as usize))
                        .map(|(r, _, _)| *r as usize),
                );
            }
            n if kind_of(n).is_some() => {
                for &(row, d, (k, value)) in &t.enforcement {
                    let r = row as usize;
                    if !in_period(d) || !in_scope(r) {
                        continue;
                    }
                    let counts =
                        |field: usize| kind_of(field).is_some_and(|(kind, part)| kind == k && (!part || value != 0));
                    if counts(n) {
                        out.numerator.push(r);
                    }
                    if den != usize::MAX && counts(den) {
                        out.denominator.push(r);
                    }
                }
            }
            _ => {}
        }
        out.numerator.dedup();
        out.denominator.dedup();
        Ok(out)
    }
}

impl Engine {
    /// The cases behind one group's value: `explain` for the query's court, filters and period
    /// (the caller passes a time group's own period), kept to the rows in the group `key` names
    /// for the query's non-time dimension (`("court", "内0203")`, `("cause", "离婚纠纷")`, …). A key
    /// naming no group has no cases.
    pub fn explain_group(&self, q: &Query, id: &str, key: &[(&str, String)]) -> Result<Explanation, MetricsError> {
        let (grouping, _) = Self::grouping(&q.by)?;
        // A record indicator by court: the records of that court alone.
        if matches!(grouping, Grouping::Court)
            && crate::catalogue::lookup(id).is_some_and(|i| matches!(i.formula, Formula::Record(_)))
            && let Some(court) =
                key.iter().find(|(d, _)| *d == "court").and_then(|(_, c)| docket_domain::CourtCode::parse(c).ok())
        {
            return self.explain(&Query { court, rollup: false, by: vec![], ..q.clone() }, id);
        }
        let mut out = self.explain(&Query { by: vec![], ..q.clone() }, id)?;
        if matches!(grouping, Grouping::One) {
            return Ok(out);
        }
        let group = (0..self.group_count(grouping)).find(|g| {
            self.group_key(grouping, *g).is_some_and(|(dim, value)| key.iter().any(|(d, v)| *d == dim && *v == value))
        });
        let Some(group) = group else {
            return Ok(Explanation { numerator: Vec::new(), denominator: Vec::new(), records: None });
        };
        let in_group = |row: &usize| self.groups_of(grouping, *row).any(|g| g == group);
        out.numerator.retain(in_group);
        out.denominator.retain(in_group);
        Ok(out)
    }
}

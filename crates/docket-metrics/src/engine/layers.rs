//! Layers of disjoint periods and the rows a query selects: the lookups the pass makes per row.

use chrono::{Datelike, NaiveDate};

use crate::facts::{FactTable, NONE, date, day};
use crate::period::Period;

/// Period lookups for one layer of disjoint, sorted periods.
pub(super) struct Layer {
    pub(super) periods: Vec<Period>,
    pub(super) lo: i32,
    pub(super) hi: i32,
    pub(super) at: Vec<u16>,
    pub(super) end_ge: Vec<u16>,
    pub(super) start_ge: Vec<u16>,
    /// Calendar months from the start of its period to each day of the layer, for 结案均衡度.
    pub(super) month_off: Vec<u16>,
    /// The most calendar months any period of the layer touches.
    pub(super) months: usize,
}

impl Layer {
    pub(super) fn new(periods: Vec<Period>) -> Self {
        let lo = day(periods[0].from);
        let hi = day(periods[periods.len() - 1].to);
        let span = (hi - lo + 1) as usize;
        let mut at = vec![NONE; span];
        let mut end_ge = vec![0u16; span];
        let mut start_ge = vec![0u16; span];
        for (i, p) in periods.iter().enumerate() {
            for d in day(p.from)..=day(p.to) {
                at[(d - lo) as usize] = i as u16;
            }
        }
        let (mut e, mut s) = (0usize, 0usize);
        for k in 0..span {
            let d = lo + k as i32;
            while e < periods.len() && day(periods[e].to) < d {
                e += 1;
            }
            while s < periods.len() && day(periods[s].from) < d {
                s += 1;
            }
            end_ge[k] = e as u16;
            start_ge[k] = s as u16;
        }
        let ym_of = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
        let month_off = (0..span)
            .map(|k| match at[k] {
                NONE => 0,
                p => (ym_of(date(lo + k as i32)) - ym_of(periods[usize::from(p)].from)).clamp(0, 65535) as u16,
            })
            .collect();
        let months = periods.iter().map(|p| (ym_of(p.to) - ym_of(p.from) + 1) as usize).max().unwrap_or(1);
        Layer { periods, lo, hi, at, end_ge, start_ge, month_off, months }
    }

    pub(super) fn p(&self) -> usize {
        self.periods.len()
    }

    #[inline]
    pub(super) fn at(&self, d: i32) -> Option<usize> {
        if d < self.lo || d > self.hi {
            return None;
        }
        let p = self.at[(d - self.lo) as usize];
        (p != NONE).then_some(usize::from(p))
    }

    /// First period whose last day is ≥ d.
    #[inline]
    pub(super) fn end_ge(&self, d: i32) -> usize {
        if d <= self.lo {
            0
        } else if d > self.hi {
            self.p()
        } else {
            usize::from(self.end_ge[(d - self.lo) as usize])
        }
    }

    /// First period whose first day is ≥ d.
    #[inline]
    pub(super) fn start_ge(&self, d: i32) -> usize {
        if d <= self.lo {
            0
        } else if d > self.hi {
            self.p()
        } else {
            usize::from(self.start_ge[(d - self.lo) as usize])
        }
    }

    /// Calendar months from the start of its period to day `d` (a day of a period of the layer).
    #[inline]
    pub(super) fn month_in(&self, d: i32) -> usize {
        usize::from(self.month_off[(d - self.lo) as usize])
    }
}

/// The rows a query selects.
pub(super) struct Selection {
    /// By court index: the court is the query's, or below it with `rollup`.
    pub(super) courts: Vec<bool>,
    /// The tag's bit, or 0 without a tag filter.
    pub(super) tag_bit: u16,
    /// By cause index: kept; empty without a cause filter.
    pub(super) causes: Vec<bool>,
    /// The tag filter names a tag no case has, or the cause filter causes none has.
    pub(super) none: bool,
}

impl Selection {
    /// The runs of rows that may hold selected cases (`FactTable::runs_of`).
    pub(super) fn runs(&self, t: &FactTable) -> Vec<(usize, usize)> {
        if self.none { Vec::new() } else { t.runs_of(&self.courts) }
    }

    #[inline]
    pub(super) fn keeps(&self, t: &FactTable, row: usize) -> bool {
        !self.none
            && self.courts[usize::from(t.court[row])]
            && (self.tag_bit == 0 || t.tags[row] & self.tag_bit != 0)
            && (self.causes.is_empty() || self.causes[usize::from(t.cause[row])])
    }
}

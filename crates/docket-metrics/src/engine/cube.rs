//! The month cube: every field of every court, scope class and calendar month, so that the
//! queries asked most — a court, alone or with its lower courts, by month, quarter or year, with
//! 同比 and 环比 — read a few thousand cells instead of passing over every row.
//!
//! A whole-month period's point fields (filings, closings, events) are the sum of its months';
//! its pending fields are a snapshot at its last day, which is its last month's; 旧存 is a snapshot
//! at its first day, its first month's. Medians come from each cell's durations counted by days,
//! 人均结案 from each cell's quota judges counted by closings. [`Engine::upsert`] keeps the cube
//! current: a changed row's old contribution leaves its cells and the new one enters them.

use chrono::{Datelike, Months, NaiveDate};

use super::{Acc, Engine, Extras, Grouping, Layer, Selection};
use crate::catalogue::f;
use crate::facts::{OPEN, date, day, flag};
use crate::period::Period;

/// Months kept before the first date of any case (同比 bases of the first year) and after the
/// last (the months to come, until a date past them has the cube built anew).
const MONTHS_BEFORE: u32 = 12;
const MONTHS_AFTER: u32 = 24;

const NO_EXTRAS: Extras = Extras { median: false, judges: false, balance: false };

// 旧存 is the one field read at a period's first day; every other range field is read at its last.
const _: () = assert!(f::O == f::ALL - 1, "旧存 is the last range field");

/// The cells, by (scope class, court, month).
pub(super) struct Cube {
    layer: Layer,
    courts: usize,
    /// Point fields and finished range fields (an accumulator grouped by court over the months).
    acc: Acc,
    /// Each cell's closings by duration in days: (days, closings), ascending.
    durations: Vec<Vec<(u32, u32)>>,
    /// Each cell's quota judges who closed a case: (judge, closings), ascending.
    judges: Vec<Vec<(u16, u32)>>,
    /// A single-group accumulator for one row's contribution (`apply`), and the selection of
    /// every court it accumulates under.
    scratch: Acc,
    everything: Selection,
}

fn month_start(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// Values counted: (value, how many times), ascending by value.
fn counted<K: Ord + Copy>(mut v: Vec<K>) -> Vec<(K, u32)> {
    v.sort_unstable();
    let mut out: Vec<(K, u32)> = Vec::new();
    for k in v {
        match out.last_mut() {
            Some(last) if last.0 == k => last.1 += 1,
            _ => out.push((k, 1)),
        }
    }
    out
}

/// Adds one to `k`'s count (`sign` 1) or takes one away (`sign` −1, dropping a count of 0).
fn bump<K: Ord + Copy>(list: &mut Vec<(K, u32)>, k: K, sign: i64) {
    match list.binary_search_by_key(&k, |e| e.0) {
        Ok(i) if sign > 0 => list[i].1 += 1,
        Ok(i) => {
            list[i].1 -= 1;
            if list[i].1 == 0 {
                list.remove(i);
            }
        }
        Err(i) if sign > 0 => list.insert(i, (k, 1)),
        Err(_) => debug_assert!(false, "a contribution taken out that was never put in"),
    }
}

/// The median of `n` values given as (value, how many times), ascending by value: the middle
/// value, or the mean of the two middle ones.
fn median_counted(counts: impl Iterator<Item = (u32, u32)>, n: usize) -> f64 {
    let (lower_k, upper_k) = ((n - 1) / 2, n / 2);
    let (mut seen, mut lower) = (0usize, None);
    for (v, c) in counts {
        seen += c as usize;
        if lower.is_none() && seen > lower_k {
            lower = Some(v);
        }
        if seen > upper_k {
            return (f64::from(lower.unwrap_or(v)) + f64::from(v)) / 2.0;
        }
    }
    0.0
}

/// Every court selected, nothing filtered.
fn everything(e: &Engine) -> Selection {
    Selection { courts: vec![true; e.table.courts.len()], tag_bit: 0, causes: Vec::new(), none: false }
}

impl Cube {
    /// The cube of every row: one pass grouped by court over the months, then the closings'
    /// durations and judges. `None` for an empty table.
    pub(super) fn build(e: &Engine) -> Option<Cube> {
        let t = &e.table;
        let (lo, hi) = t.date_span()?;
        let first = month_start(date(lo)).checked_sub_months(Months::new(MONTHS_BEFORE))?;
        let last = month_start(date(hi)).checked_add_months(Months::new(MONTHS_AFTER))?;
        let mut periods = Vec::new();
        let mut m = first;
        while m <= last {
            let next = m.checked_add_months(Months::new(1))?;
            periods.push(Period::new(m, next.pred_opt()?));
            m = next;
        }
        let layer = Layer::new(periods);
        let everything = everything(e);
        let acc = e.pass(&everything, Grouping::Court, &layer, NO_EXTRAS);
        let cells = acc.point.len() / f::POINT;
        let mut durations: Vec<Vec<u32>> = vec![Vec::new(); cells];
        let mut judges: Vec<Vec<u16>> = vec![Vec::new(); cells];
        for row in 0..t.len() {
            let closed = t.closed[row];
            let Some(m) = (closed != OPEN).then(|| layer.at(closed)).flatten() else { continue };
            let cell = acc.cell(e.class_of(row), usize::from(t.court[row]), m);
            durations[cell].push((closed - t.filed[row]).max(0) as u32);
            if t.flags[row] & flag::QUOTA_JUDGE != 0 {
                judges[cell].push(t.judge[row]);
            }
        }
        let scratch = Acc::new(e.class_scopes.len(), 1, &layer, 0, NO_EXTRAS);
        Some(Cube {
            courts: acc.groups,
            durations: durations.into_iter().map(counted).collect(),
            judges: judges.into_iter().map(counted).collect(),
            layer,
            acc,
            scratch,
            everything,
        })
    }

    /// Whether the cube can take `row` as it is now: its court has cells, no date of it falls
    /// before the cube's first month (whose emptiness answers the months before), and its dates
    /// leave at least a year of months after them.
    pub(super) fn holds(&self, e: &Engine, row: usize) -> bool {
        let (first, last) = e.table.date_span_of(row);
        let horizon = day(self.layer.periods[self.layer.p() - 1].to) - 366;
        e.table.courts.len() <= self.courts && first >= self.layer.lo && last <= horizon
    }

    /// Adds a row's contribution to its cells (`sign` 1) or takes it out (`sign` −1).
    pub(super) fn apply(&mut self, e: &Engine, row: usize, sign: i64) {
        let t = &e.table;
        let (class, court) = (e.class_of(row), usize::from(t.court[row]));
        if court >= self.courts {
            return;
        }
        let s = &mut self.scratch;
        e.accumulate_row(&self.layer, Grouping::One, row, s, NO_EXTRAS);
        e.accumulate_dated((row, row + 1), &self.layer, Grouping::One, &self.everything, s);
        s.finish();
        let p = self.layer.p();
        let (from, to) = (s.cell(class, 0, 0) * f::POINT, self.acc.cell(class, court, 0) * f::POINT);
        for (a, b) in self.acc.point[to..to + p * f::POINT].iter_mut().zip(&s.point[from..from + p * f::POINT]) {
            *a += sign * b;
        }
        let stride = (p + 1) * f::RANGE;
        let (from, to) = (class * stride, (class * self.courts + court) * stride);
        for (a, b) in self.acc.range[to..to + stride].iter_mut().zip(&s.range[from..from + stride]) {
            *a += sign * b;
        }
        s.clear_class(class);
        let closed = t.closed[row];
        if let Some(m) = (closed != OPEN).then(|| self.layer.at(closed)).flatten() {
            let cell = self.acc.cell(class, court, m);
            bump(&mut self.durations[cell], (closed - t.filed[row]).max(0) as u32, sign);
            if t.flags[row] & flag::QUOTA_JUDGE != 0 {
                bump(&mut self.judges[cell], t.judge[row], sign);
            }
        }
    }

    /// Bytes the cube holds.
    pub(super) fn bytes(&self) -> usize {
        let lists: usize = self.durations.iter().map(|d| 8 * d.capacity()).sum::<usize>()
            + self.judges.iter().map(|j| 8 * j.capacity()).sum::<usize>();
        8 * (self.acc.point.capacity() + self.acc.range.capacity() + self.scratch.point.capacity())
            + 8 * self.scratch.range.capacity()
            + 24 * (self.durations.capacity() + self.judges.capacity())
            + lists
    }

    /// The cube's view of a layer of query periods for the selected courts (by court id), one
    /// group per court or all of them as one; `None` unless every period is whole months of the
    /// cube's.
    pub(super) fn view(&self, layer: &Layer, selected: &[bool], by_court: bool) -> Option<View<'_>> {
        let months = layer
            .periods
            .iter()
            .map(|p| {
                if !p.is_whole_months() || day(p.to) > self.layer.hi {
                    return None;
                }
                // Before the first month nothing had happened: those months are empty.
                if day(p.to) < self.layer.lo {
                    return Some(None);
                }
                let ym = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
                let lead = (ym(self.layer.periods[0].from) - ym(p.from)).max(0) as usize;
                let a = self.layer.at(day(p.from)).unwrap_or(0);
                Some(Some((a, self.layer.at(day(p.to))?, lead)))
            })
            .collect::<Option<Vec<_>>>()?;
        if selected.len() > self.courts {
            return None;
        }
        let courts = selected.iter().enumerate().filter(|(_, s)| **s).map(|(c, _)| c).collect();
        Some(View { cube: self, months, courts, by_court })
    }
}

/// The cells behind a query's layer of periods.
pub(super) struct View<'a> {
    cube: &'a Cube,
    /// Each period's first and last month in the cube, and its months before the cube's first
    /// (empty); `None` for a period wholly before them.
    months: Vec<Option<(usize, usize, usize)>>,
    /// The selected courts' ids, ascending.
    courts: Vec<usize>,
    /// One group per court (group = court id), or one group of every selected court.
    by_court: bool,
}

impl View<'_> {
    /// The courts of group `g`.
    fn courts_of(&self, g: usize) -> &[usize] {
        if !self.by_court {
            &self.courts
        } else {
            let at = self.courts.partition_point(|c| *c < g);
            let selected = self.courts.get(at) == Some(&g);
            &self.courts[at..at + usize::from(selected)]
        }
    }

    /// The cells of group `g`, period `p` and the given classes, each month's.
    fn cells(&self, classes: impl Iterator<Item = usize> + Clone, g: usize, p: usize) -> impl Iterator<Item = usize> {
        let acc = &self.cube.acc;
        let ((m0, m1), courts) = match self.months[p] {
            Some((m0, m1, _)) => ((m0, m1), self.courts_of(g)),
            None => ((0, 0), &[][..]),
        };
        courts.iter().flat_map(move |&court| {
            classes.clone().flat_map(move |class| (m0..=m1).map(move |m| acc.cell(class, court, m)))
        })
    }

    /// Every field of group `g` in period `p` over the given classes.
    pub(super) fn field_sums(&self, classes: impl Iterator<Item = usize> + Clone, g: usize, p: usize) -> [i64; f::ALL] {
        let acc = &self.cube.acc;
        let mut out = [0i64; f::ALL];
        let Some((m0, m1, _)) = self.months[p] else { return out };
        for &court in self.courts_of(g) {
            for class in classes.clone() {
                for m in m0..=m1 {
                    let base = acc.cell(class, court, m) * f::POINT;
                    for (o, v) in out[..f::POINT].iter_mut().zip(&acc.point[base..base + f::POINT]) {
                        *o += v;
                    }
                }
                let run = (class * acc.groups + court) * (acc.p + 1);
                let last = (run + m1) * f::RANGE;
                for (o, v) in out[f::POINT..f::O].iter_mut().zip(&acc.range[last..last + f::RANGE - 1]) {
                    *o += v;
                }
                out[f::O] += acc.range[(run + m0) * f::RANGE + (f::O - f::POINT)];
            }
        }
        out
    }

    /// The median duration of the closings of group `g` in period `p`, and how many there are.
    pub(super) fn median(
        &self,
        classes: impl Iterator<Item = usize> + Clone,
        g: usize,
        p: usize,
    ) -> (Option<f64>, usize) {
        let lists: Vec<&[(u32, u32)]> =
            self.cells(classes, g, p).map(|c| self.cube.durations[c].as_slice()).filter(|l| !l.is_empty()).collect();
        let n: usize = lists.iter().flat_map(|l| l.iter()).map(|(_, k)| *k as usize).sum();
        if n == 0 {
            return (None, 0);
        }
        let value = if let [one] = lists[..] {
            median_counted(one.iter().copied(), n)
        } else {
            // Several cells: their counts added into one histogram by days.
            let max = lists.iter().filter_map(|l| l.last()).map(|(v, _)| *v as usize).max().unwrap_or(0);
            let mut hist = vec![0u32; max + 1];
            for (v, c) in lists.iter().flat_map(|l| l.iter()) {
                hist[*v as usize] += c;
            }
            median_counted(hist.iter().enumerate().map(|(v, c)| (v as u32, *c)), n)
        };
        (Some(value), n)
    }

    /// The quota judges who closed a case of group `g` in period `p`.
    pub(super) fn quota_judges(
        &self,
        classes: impl Iterator<Item = usize> + Clone,
        g: usize,
        p: usize,
        judge_count: usize,
    ) -> i64 {
        let mut seen = vec![0u64; judge_count.div_ceil(64)];
        for c in self.cells(classes, g, p) {
            for (j, _) in &self.cube.judges[c] {
                seen[usize::from(*j) / 64] |= 1 << (j % 64);
            }
        }
        seen.iter().map(|w| i64::from(w.count_ones())).sum()
    }

    /// The closings of group `g` in each month of period `p`.
    pub(super) fn month_closes(&self, classes: impl Iterator<Item = usize> + Clone, g: usize, p: usize) -> Vec<f64> {
        let acc = &self.cube.acc;
        // Nothing closed before the cube's months (and no balance of nothing).
        let Some((m0, m1, lead)) = self.months[p] else { return vec![0.0] };
        let before = std::iter::repeat_n(0.0, lead);
        before
            .chain((m0..=m1).map(|m| {
                let mut n = 0;
                for &court in self.courts_of(g) {
                    for class in classes.clone() {
                        n += acc.point[acc.cell(class, court, m) * f::POINT + f::C];
                    }
                }
                n as f64
            }))
            .collect()
    }
}

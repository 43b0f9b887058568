//! The evaluation: one pass over the rows per layer of disjoint periods, accumulating every
//! field per (scope class, group, period); values, 同比 and 环比 read from the accumulators.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use docket_domain::case_type::TYPES;
use docket_domain::{CourtCode, Tag};

use crate::catalogue::{CATALOGUE, Formula, Indicator, Kind, Settings, f};
use crate::facts::{CaseFacts, FactTable, NONE, OPEN, add_months, date, day, flag};
use crate::period::{Grain, Period};

/// A grouping dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    Court,
    Department,
    Judge,
    Type,
    Category,
    Cause,
    Tag,
    Time(Grain),
}

impl Dimension {
    pub fn parse(s: &str) -> Option<Dimension> {
        Some(match s {
            "court" => Dimension::Court,
            "department" => Dimension::Department,
            "judge" => Dimension::Judge,
            "type" => Dimension::Type,
            "category" => Dimension::Category,
            "cause" => Dimension::Cause,
            "tag" => Dimension::Tag,
            "month" => Dimension::Time(Grain::Month),
            "quarter" => Dimension::Time(Grain::Quarter),
            "year" => Dimension::Time(Grain::Year),
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Dimension::Court => "court",
            Dimension::Department => "department",
            Dimension::Judge => "judge",
            Dimension::Type => "type",
            Dimension::Category => "category",
            Dimension::Cause => "cause",
            Dimension::Tag => "tag",
            Dimension::Time(g) => g.name(),
        }
    }
}

/// What to compute.
#[derive(Debug, Clone)]
pub struct Query {
    pub court: CourtCode,
    /// Include the court's lower courts.
    pub rollup: bool,
    pub period: Period,
    /// At most one time grain and one other dimension.
    pub by: Vec<Dimension>,
    /// Only cases with this tag.
    pub tag: Option<Tag>,
    /// Only cases of these 案由 (by name, e.g. 劳动争议, 追索劳动报酬纠纷); empty for all.
    pub causes: Vec<String>,
    /// Indicator ids; empty means the whole catalogue.
    pub indicators: Vec<String>,
}

/// A problem with a query.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MetricsError {
    #[error("未知指标：{0}")]
    UnknownIndicator(String),
    #[error("分组方式无效：{0}")]
    BadGrouping(String),
    #[error("统计期间无效：{0}")]
    BadPeriod(String),
}

/// A group's key: dimension name and value, e.g. `("month", "2025-01")`, `("court", "内0203")`.
pub type GroupKey = Vec<(&'static str, String)>;

/// One indicator's value in one group.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub indicator: &'static Indicator,
    /// `None` when the denominator is 0 (or the indicator does not apply to the period).
    pub value: Option<f64>,
    pub numerator: Option<i64>,
    pub denominator: Option<i64>,
    /// 同比: percent change for counts, amounts and days; percentage points for rates (as fractions).
    pub yoy: Option<f64>,
    /// 环比, the same way against the preceding period.
    pub mom: Option<f64>,
    /// The reasonable range (合理区间) from the settings, and whether the value lies in it.
    pub range: Option<crate::Range>,
    pub within_range: Option<bool>,
}

/// The values of one group.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupResult {
    pub key: GroupKey,
    pub period: Period,
    pub values: Vec<Value>,
}

/// The cases behind a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    pub numerator: Vec<usize>,
    pub denominator: Vec<usize>,
}

mod cube;

/// The engine: the fact table and the settings.
pub struct Engine {
    table: FactTable,
    pub settings: Settings,
    /// Scope class of each type index.
    class_of_type: Vec<u8>,
    /// Scope bits of each class.
    class_scopes: Vec<u16>,
    /// For each filing day from `month_table_lo`: the days 3, 6, 12, 18 and 36 months later.
    month_table: Vec<[i32; 5]>,
    month_table_lo: i32,
    /// Accumulators of earlier passes, for the next: zeroing memory the process holds is far
    /// cheaper than the page faults of fresh allocations (1–40 ms a query on the benchmark).
    spare: std::sync::Mutex<Vec<Acc>>,
    /// Rows from which a pass runs on more than one thread.
    parallel_rows: usize,
    /// Every field by court, scope class and month, kept current by `upsert`; `None` for an
    /// empty table or when turned off.
    cube: Option<cube::Cube>,
    /// Whether to keep the month cube (`without_cube` turns it off).
    cube_wanted: bool,
}

/// Where the values of a layer of periods are read: the accumulators of a pass over the rows, or
/// the month cube's cells.
enum Source<'a> {
    Pass(Acc),
    Cube(cube::View<'a>),
}

/// Spare accumulators kept at most, and the most memory one may hold to be kept.
const SPARE_ACCS: usize = 4;
const SPARE_BYTES: usize = 64 << 20;

/// Period lookups for one layer of disjoint, sorted periods.
struct Layer {
    periods: Vec<Period>,
    lo: i32,
    hi: i32,
    at: Vec<u16>,
    end_ge: Vec<u16>,
    start_ge: Vec<u16>,
    /// Calendar months from the start of its period to each day of the layer, for 结案均衡度.
    month_off: Vec<u16>,
    /// The most calendar months any period of the layer touches.
    months: usize,
}

impl Layer {
    fn new(periods: Vec<Period>) -> Self {
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

    fn p(&self) -> usize {
        self.periods.len()
    }

    #[inline]
    fn at(&self, d: i32) -> Option<usize> {
        if d < self.lo || d > self.hi {
            return None;
        }
        let p = self.at[(d - self.lo) as usize];
        (p != NONE).then_some(usize::from(p))
    }

    /// First period whose last day is ≥ d.
    #[inline]
    fn end_ge(&self, d: i32) -> usize {
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
    fn start_ge(&self, d: i32) -> usize {
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
    fn month_in(&self, d: i32) -> usize {
        usize::from(self.month_off[(d - self.lo) as usize])
    }
}

/// The rows a query selects.
struct Selection {
    /// By court index: the court is the query's, or below it with `rollup`.
    courts: Vec<bool>,
    /// The tag's bit, or 0 without a tag filter.
    tag_bit: u16,
    /// By cause index: kept; empty without a cause filter.
    causes: Vec<bool>,
    /// The tag filter names a tag no case has, or the cause filter causes none has.
    none: bool,
}

impl Selection {
    /// The runs of rows that may hold selected cases (`FactTable::runs_of`).
    fn runs(&self, t: &FactTable) -> Vec<(usize, usize)> {
        if self.none { Vec::new() } else { t.runs_of(&self.courts) }
    }

    #[inline]
    fn keeps(&self, t: &FactTable, row: usize) -> bool {
        !self.none
            && self.courts[usize::from(t.court[row])]
            && (self.tag_bit == 0 || t.tags[row] & self.tag_bit != 0)
            && (self.causes.is_empty() || self.causes[usize::from(t.cause[row])])
    }
}

/// What the pass collects besides the plain fields.
#[derive(Clone, Copy)]
struct Extras {
    median: bool,
    judges: bool,
    balance: bool,
}

/// The accumulators of one pass.
#[derive(Default)]
struct Acc {
    classes: usize,
    groups: usize,
    p: usize,
    point: Vec<i64>,
    range: Vec<i64>,
    durations: Vec<Vec<u32>>,
    judge_words: usize,
    judges: Vec<u64>,
    months: usize,
    month_closes: Vec<i64>,
}

impl Acc {
    fn new(classes: usize, groups: usize, layer: &Layer, judge_count: usize, extras: Extras) -> Self {
        Acc::default().reuse(classes, groups, layer, judge_count, extras)
    }

    /// This accumulator's memory, zeroed and shaped for another pass.
    fn reuse(mut self, classes: usize, groups: usize, layer: &Layer, judge_count: usize, extras: Extras) -> Self {
        fn zeroed<T: Clone + Default>(v: &mut Vec<T>, n: usize) {
            v.clear();
            v.resize(n, T::default());
        }
        let p = layer.p();
        let cells = classes * groups * p;
        self.classes = classes;
        self.groups = groups;
        self.p = p;
        zeroed(&mut self.point, cells * f::POINT);
        zeroed(&mut self.range, classes * groups * (p + 1) * f::RANGE);
        let durations = if extras.median { cells } else { 0 };
        self.durations.truncate(durations);
        self.durations.iter_mut().for_each(Vec::clear);
        self.durations.resize_with(durations, Vec::new);
        self.judge_words = if extras.judges { judge_count.div_ceil(64) } else { 0 };
        zeroed(&mut self.judges, cells * self.judge_words);
        self.months = if extras.balance { layer.months } else { 0 };
        zeroed(&mut self.month_closes, cells * self.months);
        self
    }

    /// Bytes this accumulator holds (the durations' contents not included).
    fn bytes(&self) -> usize {
        8 * (self.point.capacity() + self.range.capacity() + self.judges.capacity() + self.month_closes.capacity())
            + 24 * self.durations.capacity()
    }

    fn merge_from(&mut self, other: &Acc) {
        for (a, b) in self.point.iter_mut().zip(&other.point) {
            *a += b;
        }
        for (a, b) in self.range.iter_mut().zip(&other.range) {
            *a += b;
        }
        for (a, b) in self.durations.iter_mut().zip(&other.durations) {
            a.extend_from_slice(b);
        }
        for (a, b) in self.judges.iter_mut().zip(&other.judges) {
            *a |= b;
        }
        for (a, b) in self.month_closes.iter_mut().zip(&other.month_closes) {
            *a += b;
        }
    }

    /// Turns the range differences into per-period values.
    fn finish(&mut self) {
        let stride = (self.p + 1) * f::RANGE;
        for cg in 0..self.classes * self.groups {
            let base = cg * stride;
            for k in 0..f::RANGE {
                let mut run = 0;
                for p in 0..=self.p {
                    let i = base + p * f::RANGE + k;
                    run += self.range[i];
                    self.range[i] = run;
                }
            }
        }
    }

    /// Zeroes one class's cells (single group, single period accumulators in `explain`).
    fn clear_class(&mut self, class: usize) {
        let point = self.cell(class, 0, 0) * f::POINT;
        self.point[point..point + self.groups * self.p * f::POINT].fill(0);
        let stride = (self.p + 1) * f::RANGE;
        let range = class * self.groups * stride;
        self.range[range..range + self.groups * stride].fill(0);
    }

    #[inline]
    fn cell(&self, class: usize, group: usize, p: usize) -> usize {
        (class * self.groups + group) * self.p + p
    }

    #[inline]
    fn add_range(&mut self, class: usize, group: usize, field: usize, from: usize, to: usize) {
        if from < to {
            let base = (class * self.groups + group) * (self.p + 1) * f::RANGE;
            self.range[base + from * f::RANGE + (field - f::POINT)] += 1;
            self.range[base + to * f::RANGE + (field - f::POINT)] -= 1;
        }
    }

    fn get(&self, class: usize, group: usize, p: usize, field: usize) -> i64 {
        if field == f::A {
            return self.get(class, group, p, f::O) + self.get(class, group, p, f::N);
        }
        if field < f::POINT {
            self.point[self.cell(class, group, p) * f::POINT + field]
        } else {
            self.range[((class * self.groups + group) * (self.p + 1) + p) * f::RANGE + (field - f::POINT)]
        }
    }
}

/// The groups a row belongs to under a dimension.
#[derive(Clone, Copy)]
enum Grouping {
    One,
    Court,
    Department,
    Judge,
    Type,
    Category,
    Cause,
    Tag,
}

/// The groups of one row: one group, or under [`Grouping::Tag`] one per tag bit. An iterator
/// rather than a callback, so the per-row work is one loop the compiler can inline.
struct RowGroups {
    one: Option<usize>,
    tags: u16,
}

impl Iterator for RowGroups {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        if let Some(g) = self.one.take() {
            return Some(g);
        }
        if self.tags == 0 {
            return None;
        }
        let i = self.tags.trailing_zeros() as usize;
        self.tags &= self.tags - 1;
        Some(i)
    }
}

/// `work(i)` for `i` in `0..threads`, each on its own thread (on this one when `threads` is 1),
/// the results in order; a panic on a thread is raised here.
fn on_threads<T: Send>(threads: usize, work: impl Fn(usize) -> T + Sync) -> Vec<T> {
    if threads <= 1 {
        return vec![work(0)];
    }
    std::thread::scope(|s| {
        let work = &work;
        let handles: Vec<_> = (0..threads).map(|i| s.spawn(move || work(i))).collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))).collect()
    })
}

/// Pending-age bucket boundaries in months.
const AGE_MONTHS: [u32; 5] = [3, 6, 12, 18, 36];

impl Engine {
    pub fn new(table: FactTable, settings: Settings) -> Self {
        let mut masks: Vec<u16> = Vec::new();
        let mut class_of_type = Vec::with_capacity(TYPES.len());
        for t in TYPES {
            let mut mask = 0u16;
            for (i, (_, codes)) in settings.scopes.iter().enumerate() {
                if codes.contains(&t.code) {
                    mask |= 1 << i;
                }
            }
            let class = match masks.iter().position(|m| *m == mask) {
                Some(c) => c,
                None => {
                    masks.push(mask);
                    masks.len() - 1
                }
            };
            class_of_type.push(class as u8);
        }
        let lo = table.filed.iter().copied().min().unwrap_or(0);
        let hi = table.filed.iter().copied().max().unwrap_or(0);
        let month_table = (lo..=hi).map(|d| AGE_MONTHS.map(|m| add_months(d, m))).collect();
        let mut engine = Engine {
            table,
            settings,
            class_of_type,
            class_scopes: masks,
            month_table,
            month_table_lo: lo,
            spare: std::sync::Mutex::new(Vec::new()),
            parallel_rows: 100_000,
            cube: None,
            cube_wanted: true,
        };
        engine.cube = cube::Cube::build(&engine);
        engine
    }

    /// The fact table (changed only through [`Engine::upsert`], which keeps the month cube with it).
    pub fn table(&self) -> &FactTable {
        &self.table
    }

    /// Adds a case or replaces it with its new facts, as [`FactTable::upsert`] does, and brings
    /// the month cube up to date: the cells of every row the change touches lose the row's old
    /// contribution and gain its new one.
    pub fn upsert(&mut self, c: CaseFacts) {
        let mut rows = self.table.rows_touched_by(&c);
        let mut cube = self.cube.take();
        if let Some(k) = cube.as_mut() {
            for &row in &rows {
                k.apply(self, row, -1);
            }
        }
        let row = self.table.upsert(c);
        rows.push(row);
        rows.sort_unstable();
        rows.dedup();
        self.cube = match cube {
            Some(mut k) if k.holds(self, row) => {
                for &row in &rows {
                    k.apply(self, row, 1);
                }
                Some(k)
            }
            // A new court, dates outside the cube's months, or the first case of an empty
            // table: built anew.
            _ if self.cube_wanted => cube::Cube::build(self),
            _ => None,
        };
    }

    /// Without the month cube: every query passes over the rows (tests compare the two ways).
    pub fn without_cube(mut self) -> Self {
        self.cube = None;
        self.cube_wanted = false;
        self
    }

    /// With the month cube (built anew).
    pub fn with_cube(mut self) -> Self {
        self.cube_wanted = true;
        self.cube = cube::Cube::build(&self);
        self
    }

    /// Bytes the month cube holds, 0 without one.
    pub fn cube_bytes(&self) -> usize {
        self.cube.as_ref().map_or(0, cube::Cube::bytes)
    }

    /// The month cube's views of the query's layers, when the query is one the cube answers:
    /// no tag or 案由 filter, grouped by court or not at all, and every period whole months
    /// within the cube's.
    fn cube_views(
        &self,
        q: &Query,
        sel: &Selection,
        grouping: Grouping,
        layers: &[Layer],
    ) -> Option<Vec<cube::View<'_>>> {
        let cube = self.cube.as_ref()?;
        if q.tag.is_some() || !q.causes.is_empty() || sel.none || !matches!(grouping, Grouping::One | Grouping::Court) {
            return None;
        }
        layers.iter().map(|l| cube.view(l, &sel.courts, matches!(grouping, Grouping::Court))).collect()
    }

    /// Sets the number of rows from which a pass runs on more than one thread (100,000 by
    /// default; tests set it low so the threaded pass meets the oracle too).
    pub fn with_parallel_rows(mut self, rows: usize) -> Self {
        self.parallel_rows = rows;
        self
    }

    fn indicators(&self, ids: &[String]) -> Result<Vec<&'static Indicator>, MetricsError> {
        if ids.is_empty() {
            return Ok(CATALOGUE.iter().collect());
        }
        ids.iter()
            .map(|id| crate::catalogue::lookup(id).ok_or_else(|| MetricsError::UnknownIndicator(id.clone())))
            .collect()
    }

    fn grouping(by: &[Dimension]) -> Result<(Grouping, Option<Grain>), MetricsError> {
        let mut grain = None;
        let mut grouping = Grouping::One;
        for d in by {
            match d {
                Dimension::Time(g) if grain.is_none() => grain = Some(*g),
                Dimension::Time(_) => return Err(MetricsError::BadGrouping("只能按一种时间粒度分组".into())),
                other if matches!(grouping, Grouping::One) => {
                    grouping = match other {
                        Dimension::Court => Grouping::Court,
                        Dimension::Department => Grouping::Department,
                        Dimension::Judge => Grouping::Judge,
                        Dimension::Type => Grouping::Type,
                        Dimension::Category => Grouping::Category,
                        Dimension::Cause => Grouping::Cause,
                        _ => Grouping::Tag,
                    }
                }
                _ => return Err(MetricsError::BadGrouping("时间之外只能按一个维度分组".into())),
            }
        }
        Ok((grouping, grain))
    }

    fn group_count(&self, g: Grouping) -> usize {
        let t = &self.table;
        match g {
            Grouping::One => 1,
            Grouping::Court => t.courts.len().max(1),
            Grouping::Department => t.departments.len() + 1,
            Grouping::Judge => t.judges.len() + 1,
            Grouping::Type => TYPES.len(),
            Grouping::Category => 16,
            Grouping::Cause => t.causes.len().max(1),
            Grouping::Tag => 16,
        }
    }

    /// The groups a row belongs to.
    #[inline]
    fn groups_of(&self, g: Grouping, row: usize) -> RowGroups {
        let t = &self.table;
        let one = |group: usize| RowGroups { one: Some(group), tags: 0 };
        match g {
            Grouping::One => one(0),
            Grouping::Court => one(usize::from(t.court[row])),
            Grouping::Department => {
                let d = t.department[row];
                one(if d == NONE { t.departments.len() } else { usize::from(d) })
            }
            Grouping::Judge => {
                let j = t.judge[row];
                one(if j == NONE { t.judges.len() } else { usize::from(j) })
            }
            Grouping::Type => one(usize::from(t.type_idx[row])),
            Grouping::Category => one(TYPES[usize::from(t.type_idx[row])].category as usize),
            Grouping::Cause => one(usize::from(t.cause[row])),
            Grouping::Tag => RowGroups { one: None, tags: t.tags[row] },
        }
    }

    fn group_key(&self, g: Grouping, group: usize) -> Option<(&'static str, String)> {
        let t = &self.table;
        Some(match g {
            Grouping::One => return None,
            Grouping::Court => ("court", t.courts.get(group)?.to_string()),
            Grouping::Department => match t.departments.get(group) {
                Some((c, d)) => ("department", format!("{}/{d}", t.court_code(*c))),
                None => ("department", "未分配".into()),
            },
            Grouping::Judge => match t.judges.get(group) {
                Some(j) => ("judge", format!("{}/{}", j.court, j.code)),
                None => ("judge", "未分配".into()),
            },
            Grouping::Type => ("type", TYPES.get(group)?.code.to_owned()),
            Grouping::Category => (
                "category",
                TYPES.iter().find(|t| t.category as usize == group).map(|t| t.category.label().to_owned())?,
            ),
            Grouping::Cause => ("cause", t.causes.get(group)?.clone()),
            Grouping::Tag => ("tag", t.tag_names.get(group)?.as_str().to_owned()),
        })
    }

    /// The rows a query selects: court (alone or rolled up), tag and cause.
    fn selection(&self, q: &Query) -> Selection {
        let courts = self.table.courts.iter().map(|c| *c == q.court || (q.rollup && c.is_within(&q.court))).collect();
        let (tag_bit, none) = match &q.tag {
            Some(tag) => match self.table.tag_names.iter().position(|t| t == tag) {
                Some(i) => (1 << i, false),
                None => (0, true),
            },
            None => (0, false),
        };
        let causes: Vec<bool> = if q.causes.is_empty() {
            Vec::new()
        } else {
            self.table.causes.iter().map(|c| q.causes.contains(c)).collect()
        };
        let none = none || (!q.causes.is_empty() && !causes.contains(&true));
        Selection { courts, tag_bit, causes, none }
    }

    fn class_of(&self, row: usize) -> usize {
        usize::from(self.class_of_type[usize::from(self.table.type_idx[row])])
    }

    /// Adds the dated events of rows `lo..hi` that fall in a period of the layer: `add` gets the
    /// point fields of the event's cell and the event's value.
    #[allow(clippy::too_many_arguments)]
    fn accumulate_events<E: Copy>(
        &self,
        events: &[(u32, i32, E)],
        (lo, hi): (usize, usize),
        layer: &Layer,
        grouping: Grouping,
        sel: &Selection,
        acc: &mut Acc,
        add: impl Fn(&mut [i64], E),
    ) {
        let first = events.partition_point(|e| (e.0 as usize) < lo);
        for &(row, d, value) in events[first..].iter().take_while(|e| (e.0 as usize) < hi) {
            let row = row as usize;
            if let Some(p) = layer.at(d)
                && sel.keeps(&self.table, row)
            {
                let class = self.class_of(row);
                for g in self.groups_of(grouping, row) {
                    let base = acc.cell(class, g, p) * f::POINT;
                    add(&mut acc.point[base..base + f::POINT], value);
                }
            }
        }
    }

    /// The dated events of rows `lo..hi`, electronic service and recoveries, counted by their date.
    fn accumulate_dated(
        &self,
        rows: (usize, usize),
        layer: &Layer,
        grouping: Grouping,
        sel: &Selection,
        acc: &mut Acc,
    ) {
        let t = &self.table;
        self.accumulate_events(&t.eservice, rows, layer, grouping, sel, acc, |a, delivered| {
            a[f::EV_ESERVICE] += 1;
            a[f::EV_ESERVICE_DELIVERED] += i64::from(delivered);
        });
        self.accumulate_events(&t.recoveries, rows, layer, grouping, sel, acc, |a, fen| {
            a[f::EV_RECOVERED_FEN] += fen;
        });
    }

    /// Accumulates one row into `acc` for every group it belongs to.
    #[inline]
    fn accumulate_row(&self, layer: &Layer, grouping: Grouping, row: usize, acc: &mut Acc, extras: Extras) {
        let t = &self.table;
        let class = self.class_of(row);
        let filed = t.filed[row];
        let closed = t.closed[row];
        let flags = t.flags[row];
        let filed_p = layer.at(filed);
        let closed_p = if closed == OPEN { None } else { layer.at(closed) };
        // Range bounds, shared by every group.
        let u_end = if closed == OPEN { layer.p() } else { layer.end_ge(closed) };
        let u_start = layer.end_ge(filed);
        let o_start = layer.start_ge(filed + 1);
        let o_end = if closed == OPEN { layer.p() } else { layer.start_ge(closed + 1) };
        let deadline = t.deadline[row];
        let overdue_start = if deadline == OPEN { None } else { Some(layer.end_ge(filed.max(deadline + 1))) };
        let months: [i32; 5] = match self.month_table.get((filed - self.month_table_lo) as usize) {
            Some(m) if filed >= self.month_table_lo => *m,
            _ => AGE_MONTHS.map(|m| add_months(filed, m)),
        };
        let suspended = t.suspended_since[row];
        let age_end = if closed == OPEN && suspended != OPEN { layer.end_ge(suspended) } else { u_end };
        for g in self.groups_of(grouping, row) {
            if let Some(p) = filed_p {
                let base = acc.cell(class, g, p) * f::POINT;
                let a = &mut acc.point[base..base + f::POINT];
                a[f::N] += 1;
                if flags & flag::ONLINE != 0 {
                    a[f::N_ONLINE] += 1;
                }
                let r = t.receipt_days[row];
                if r >= 0 {
                    a[f::N_RECEIVED] += 1;
                    if i64::from(r) <= t.filing_limit_days {
                        a[f::N_RECEIVED_IN_TIME] += 1;
                    }
                }
                let m = t.matter_size[row];
                if m > 0 {
                    a[f::MATTERS] += 1;
                    a[f::MATTER_CASES] += i64::from(m);
                }
            }
            if let Some(p) = closed_p {
                let cell = acc.cell(class, g, p);
                let base = cell * f::POINT;
                let a = &mut acc.point[base..base + f::POINT];
                let days = i64::from(closed - filed);
                a[f::C] += 1;
                a[f::C_DAYS] += days;
                a[f::C_NET_DAYS] += days - i64::from(t.deducted[row]);
                // Slot 0 is the zero pair, so a case without amounts adds nothing, without a branch.
                let (claim, recovered) = t.amounts[t.amount_slot[row] as usize];
                a[f::C_APPLIED_FEN] += claim;
                a[f::C_RECOVERED_FEN] += recovered;
                let mut mask = t.close_mask[row];
                while mask != 0 {
                    a[mask.trailing_zeros() as usize] += 1;
                    mask &= mask - 1;
                }
                let j = t.judge[row];
                if extras.median {
                    acc.durations[cell].push(days.max(0) as u32);
                }
                if extras.judges && flags & flag::QUOTA_JUDGE != 0 {
                    let w = cell * acc.judge_words + usize::from(j) / 64;
                    acc.judges[w] |= 1 << (j % 64);
                }
            }
            if extras.balance
                && let Some(p) = closed_p
            {
                let m = layer.month_in(closed);
                let i = acc.cell(class, g, p) * acc.months + m;
                acc.month_closes[i] += 1;
            }
            acc.add_range(class, g, f::U, u_start, u_end);
            acc.add_range(class, g, f::O, o_start, o_end);
            if let Some(s) = overdue_start {
                acc.add_range(class, g, f::U_OVERDUE, s, u_end);
            }
            // A case closed within three months of filing is only ever in the first age bucket.
            if closed <= months[0] {
                acc.add_range(class, g, f::U_AGE, u_start, age_end.max(u_start));
                continue;
            }
            // Closed by a boundary, the case is in no period past it: the later ranges are empty.
            for (k, fld) in [(2usize, f::U_LONG_12M), (3, f::U_LONG_18M), (4, f::U_LONG_36M)] {
                if months[k] >= closed {
                    break;
                }
                acc.add_range(class, g, fld, layer.end_ge(months[k].saturating_add(1)), u_end);
            }
            // Bucket b holds the periods whose last day is at least the b-th boundary after
            // filing and before the next one.
            let mut start = u_start;
            for b in 0..=months.len() {
                let boundary_end = months.get(b).map(|m| layer.end_ge(*m));
                let end = boundary_end.map_or(age_end, |e| e.min(age_end));
                let s = start.min(age_end);
                acc.add_range(class, g, f::U_AGE + b, s, end.max(s));
                match boundary_end {
                    Some(e) if e.max(u_start) < age_end => start = e.max(u_start),
                    _ => break,
                }
            }
        }
    }

    /// Threads for work over `rows` rows: one below `parallel_rows`, else the cores (two to four;
    /// with one core the threads take turns and the results are the same).
    fn threads_for(&self, rows: usize) -> usize {
        if rows >= self.parallel_rows {
            std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(2, 4)
        } else {
            1
        }
    }

    /// An accumulator for a pass: a spare one reshaped, or a new one.
    fn acc(&self, groups: usize, layer: &Layer, extras: Extras) -> Acc {
        let spare = self.spare.lock().map(|mut s| s.pop()).unwrap_or(None);
        let (classes, judges) = (self.class_scopes.len(), self.table.judges.len());
        match spare {
            Some(acc) => acc.reuse(classes, groups, layer, judges, extras),
            None => Acc::new(classes, groups, layer, judges, extras),
        }
    }

    /// Keeps an accumulator for a later pass unless enough are kept or it is large.
    fn give_back(&self, acc: Acc) {
        if acc.bytes() <= SPARE_BYTES
            && let Ok(mut spare) = self.spare.lock()
            && spare.len() < SPARE_ACCS
        {
            spare.push(acc);
        }
    }

    /// One pass over the selected rows for one layer, on up to four threads taking runs of
    /// rows in turn (the rows are in court order and courts differ in work per row).
    fn pass(&self, sel: &Selection, grouping: Grouping, layer: &Layer, extras: Extras) -> Acc {
        let groups = self.group_count(grouping);
        // Only the selected courts' rows are read (a court's rows are one run).
        let runs = sel.runs(&self.table);
        let n: usize = runs.iter().map(|(lo, hi)| hi - lo).sum();
        let threads = self.threads_for(n);
        let run_len = if threads > 1 { n.div_ceil(threads * 16) } else { n }.max(1);
        let units: Vec<(usize, usize)> = runs
            .iter()
            .flat_map(|&(lo, hi)| (lo..hi).step_by(run_len).map(move |at| (at, (at + run_len).min(hi))))
            .collect();
        let next = std::sync::atomic::AtomicUsize::new(0);
        let t = &self.table;
        let work = || -> Acc {
            let mut acc = self.acc(groups, layer, extras);
            while let Some(&(lo, hi)) = units.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed)) {
                for row in lo..hi {
                    if sel.keeps(t, row) {
                        self.accumulate_row(layer, grouping, row, &mut acc, extras);
                    }
                }
                self.accumulate_dated((lo, hi), layer, grouping, sel, &mut acc);
            }
            acc
        };
        let mut parts = on_threads(threads, |_| work());
        let mut acc = parts.pop().unwrap_or_else(|| self.acc(groups, layer, extras));
        for other in parts {
            acc.merge_from(&other);
            self.give_back(other);
        }
        acc.finish();
        acc
    }

    /// Splits the periods into layers of pairwise disjoint periods (one pass each).
    fn layers(mut periods: Vec<Period>) -> Vec<Vec<Period>> {
        periods.sort();
        periods.dedup();
        let mut layers: Vec<Vec<Period>> = Vec::new();
        for p in periods {
            match layers.iter_mut().find(|l| l.last().is_some_and(|last| last.to < p.from)) {
                Some(l) => l.push(p),
                None => layers.push(vec![p]),
            }
        }
        layers
    }

    /// The query's periods, and with them their 同比 and 环比 bases: every period computed.
    fn periods(q: &Query, grain: Option<Grain>) -> (Vec<Period>, Vec<Period>) {
        let mains = match grain {
            Some(g) => q.period.split(g),
            None => vec![q.period],
        };
        let mut wanted = mains.clone();
        for m in &mains {
            wanted.push(m.year_earlier());
            wanted.push(m.preceding(grain));
        }
        (mains, wanted)
    }

    /// Whether `compute` answers the query from the month cube rather than by passing over rows.
    pub fn reads_cube(&self, q: &Query) -> bool {
        let Ok((grouping, grain)) = Self::grouping(&q.by) else { return false };
        let layers: Vec<Layer> = Self::layers(Self::periods(q, grain).1).into_iter().map(Layer::new).collect();
        self.cube_views(q, &self.selection(q), grouping, &layers).is_some()
    }

    /// Computes the query's indicators for every group and period.
    pub fn compute(&self, q: &Query) -> Result<Vec<GroupResult>, MetricsError> {
        if q.period.to < q.period.from {
            return Err(MetricsError::BadPeriod(format!("{} 晚于 {}", q.period.from, q.period.to)));
        }
        let indicators = self.indicators(&q.indicators)?;
        let (grouping, grain) = Self::grouping(&q.by)?;
        let (mains, wanted) = Self::periods(q, grain);
        let extras = Extras {
            median: indicators.iter().any(|i| i.formula == Formula::MedianDuration),
            judges: indicators.iter().any(|i| i.formula == Formula::PerQuotaJudge),
            balance: indicators.iter().any(|i| i.formula == Formula::ClosureBalance),
        };
        let layers: Vec<Layer> = Self::layers(wanted).into_iter().map(Layer::new).collect();
        let sel = self.selection(q);
        // Whole months by court from the month cube when it has them; otherwise a pass per layer.
        let sources: Vec<Source> = match self.cube_views(q, &sel, grouping, &layers) {
            Some(views) => views.into_iter().map(Source::Cube).collect(),
            None => layers.iter().map(|l| Source::Pass(self.pass(&sel, grouping, l, extras))).collect(),
        };
        let mut where_is: HashMap<Period, (usize, usize)> = HashMap::new();
        for (li, l) in layers.iter().enumerate() {
            for (pi, p) in l.periods.iter().enumerate() {
                where_is.insert(*p, (li, pi));
            }
        }
        let scopes: Vec<u16> = indicators
            .iter()
            .map(|i| self.settings.scope_index(self.settings.scope_of(i)).map_or(0, |s| 1u16 << s))
            .collect();
        // The distinct scopes, and each indicator's among them: a cell's fields are summed over
        // the classes of a scope once, for every indicator of that scope.
        let mut scope_set: Vec<u16> = scopes.clone();
        scope_set.sort_unstable();
        scope_set.dedup();
        let scope_k: Vec<usize> = scopes.iter().map(|s| scope_set.partition_point(|x| x < s)).collect();
        let ranges: Vec<Option<crate::Range>> = indicators.iter().map(|i| self.settings.range_of(i.id)).collect();
        let groups = self.group_count(grouping);
        // Where each main period, its year-earlier and its preceding period were computed:
        // (layer, period in layer, memo slot).
        let mut slot_of: HashMap<(usize, usize), usize> = HashMap::new();
        let mut locate = |p: &Period| -> Option<(usize, usize, usize)> {
            let (li, pi) = *where_is.get(p)?;
            let next = slot_of.len();
            Some((li, pi, *slot_of.entry((li, pi)).or_insert(next)))
        };
        let targets: Vec<[Option<(usize, usize, usize)>; 3]> =
            mains.iter().map(|m| [locate(m), locate(&m.year_earlier()), locate(&m.preceding(grain))]).collect();
        let slots = slot_of.len();
        // Each group's values from the accumulators; groups are independent, so on the threads
        // the pass had when there are many.
        let group_results = |g: usize| -> Vec<GroupResult> {
            let key_part = self.group_key(grouping, g);
            if !matches!(grouping, Grouping::One) && key_part.is_none() {
                return Vec::new();
            }
            let mut results = Vec::new();
            let mut any = false;
            // Values of this group by (layer, period, indicator): a month is read as itself, as
            // next year's 同比 base and as next month's 环比 base.
            let mut memo: Vec<Option<Raw>> = vec![None; slots * indicators.len()];
            let mut sums: Vec<Option<[i64; f::ALL]>> = vec![None; slots * scope_set.len()];
            for (m, [now_at, yoy_at, mom_at]) in mains.iter().zip(&targets) {
                let mut raw =
                    |k: usize, ind: &Indicator, scope: u16, at: Option<(usize, usize, usize)>| -> Option<Raw> {
                        let (li, pi, slot) = at?;
                        let cell = &mut memo[slot * indicators.len() + k];
                        if cell.is_none() {
                            let fields = sums[slot * scope_set.len() + scope_k[k]]
                                .get_or_insert_with(|| self.field_sums(&sources[li], scope, g, pi));
                            *cell = Some(self.raw(&sources[li], &layers[li], ind, scope, g, pi, fields));
                        }
                        *cell
                    };
                let mut values = Vec::with_capacity(indicators.len());
                for (k, (ind, scope)) in indicators.iter().zip(&scopes).enumerate() {
                    let Some(now) = raw(k, ind, *scope, *now_at) else { continue };
                    any |= now.touched;
                    let change = |before: Option<Raw>| -> Option<f64> {
                        let b = before?.value?;
                        let v = now.value?;
                        match ind.kind {
                            Kind::Rate => Some(v - b),
                            _ if b == 0.0 => None,
                            _ => Some((v - b) / b),
                        }
                    };
                    values.push(Value {
                        indicator: ind,
                        value: now.value,
                        numerator: now.numerator,
                        denominator: now.denominator,
                        yoy: change(raw(k, ind, *scope, *yoy_at)),
                        mom: change(raw(k, ind, *scope, *mom_at)),
                        range: ranges[k],
                        within_range: ranges[k].zip(now.value).map(|(r, v)| r.contains(v)),
                    });
                }
                let mut key: GroupKey = Vec::new();
                if let Some(k) = &key_part {
                    key.push(k.clone());
                }
                if let Some(gr) = grain {
                    key.push((gr.name(), gr.label(m.from)));
                }
                results.push(GroupResult { key, period: *m, values });
            }
            if any || matches!(grouping, Grouping::One) { results } else { Vec::new() }
        };
        let threads = self.threads_for(self.table.len()).min(groups);
        let per = groups.div_ceil(threads);
        let out: Vec<GroupResult> = on_threads(threads, |i| {
            (i * per..((i + 1) * per).min(groups)).flat_map(&group_results).collect::<Vec<_>>()
        })
        .concat();
        for source in sources {
            if let Source::Pass(acc) = source {
                self.give_back(acc);
            }
        }
        Ok(out)
    }

    /// Every field of one group and period, summed over the classes of a scope.
    fn field_sums(&self, src: &Source, scope: u16, g: usize, p: usize) -> [i64; f::ALL] {
        let acc = match src {
            Source::Pass(acc) => acc,
            Source::Cube(view) => return view.field_sums(self.classes_in(scope), g, p),
        };
        let mut out = [0i64; f::ALL];
        for c in self.classes_in(scope) {
            let point = acc.cell(c, g, p) * f::POINT;
            for (o, v) in out[..f::POINT].iter_mut().zip(&acc.point[point..point + f::POINT]) {
                *o += v;
            }
            let range = ((c * acc.groups + g) * (acc.p + 1) + p) * f::RANGE;
            for (o, v) in out[f::POINT..].iter_mut().zip(&acc.range[range..range + f::RANGE]) {
                *o += v;
            }
        }
        out
    }

    /// The scope classes a scope takes in.
    fn classes_in(&self, scope: u16) -> impl Iterator<Item = usize> + Clone + '_ {
        (0..self.class_scopes.len()).filter(move |c| self.class_scopes[*c] & scope != 0)
    }

    #[allow(clippy::too_many_arguments)]
    fn raw(
        &self,
        src: &Source,
        layer: &Layer,
        ind: &Indicator,
        scope: u16,
        g: usize,
        p: usize,
        fields: &[i64; f::ALL],
    ) -> Raw {
        let s = |field: usize| if field == f::A { fields[f::O] + fields[f::N] } else { fields[field] };
        let touched = s(f::A) > 0 || s(f::C) > 0 || s(f::EV_ESERVICE) > 0;
        let rate = |n: i64, d: i64| Raw {
            value: (d != 0).then(|| n as f64 / d as f64),
            numerator: Some(n),
            denominator: Some(d),
            touched,
        };
        let classes = self.classes_in(scope);
        match ind.formula {
            Formula::Total(fld) => {
                let v = s(fld);
                Raw { value: Some(v as f64), numerator: Some(v), denominator: None, touched }
            }
            Formula::Fraction(n, d) | Formula::Mean(n, d) => rate(s(n), s(d)),
            Formula::MedianDuration => {
                let (value, n) = match src {
                    Source::Pass(acc) => {
                        let mut all: Vec<u32> =
                            classes.flat_map(|c| acc.durations[acc.cell(c, g, p)].iter().copied()).collect();
                        (median(&mut all), all.len())
                    }
                    Source::Cube(view) => view.median(classes, g, p),
                };
                Raw { value, numerator: None, denominator: Some(n as i64), touched }
            }
            Formula::PerQuotaJudge => {
                let judges = match src {
                    Source::Pass(acc) => (0..acc.judge_words)
                        .map(|w| {
                            let word = classes
                                .clone()
                                .fold(0u64, |word, c| word | acc.judges[acc.cell(c, g, p) * acc.judge_words + w]);
                            i64::from(word.count_ones())
                        })
                        .sum(),
                    Source::Cube(view) => view.quota_judges(classes, g, p, self.table.judges.len()),
                };
                rate(s(f::C), judges)
            }
            Formula::ClosureBalance => {
                let period = layer.periods[p];
                let months = layer.month_in(day(period.to)) + 1;
                if months < 3 {
                    return Raw { value: None, numerator: None, denominator: None, touched };
                }
                let counts: Vec<f64> = match src {
                    Source::Pass(acc) => (0..months)
                        .map(|m| {
                            classes.clone().map(|c| acc.month_closes[acc.cell(c, g, p) * acc.months + m]).sum::<i64>()
                                as f64
                        })
                        .collect(),
                    Source::Cube(view) => view.month_closes(classes, g, p),
                };
                Raw { value: balance(&counts), numerator: None, denominator: None, touched }
            }
        }
    }

    /// The cases in the numerator and the denominator of one indicator for the query's court,
    /// tag and period (no grouping). Rows are indices into the fact table.
    pub fn explain(&self, q: &Query, id: &str) -> Result<Explanation, MetricsError> {
        let ind = crate::catalogue::lookup(id).ok_or_else(|| MetricsError::UnknownIndicator(id.to_owned()))?;
        let scope = self.settings.scope_index(self.settings.scope_of(ind)).map_or(0, |s| 1u16 << s);
        let layer = Layer::new(vec![q.period]);
        let sel = self.selection(q);
        let t = &self.table;
        let (num, den) = match ind.formula {
            Formula::Total(x) => (x, usize::MAX),
            Formula::Fraction(n, d) | Formula::Mean(n, d) => (n, d),
            _ => (f::C, usize::MAX),
        };
        let extras = Extras { median: false, judges: false, balance: false };
        let in_scope = |row: usize| sel.keeps(t, row) && self.class_scopes[self.class_of(row)] & scope != 0;
        let mut out = Explanation { numerator: Vec::new(), denominator: Vec::new() };
        // One row at a time through the same accumulation; only its class's cell is used, and
        // cleared for the next row.
        let mut acc = Acc::new(self.class_scopes.len(), 1, &layer, 0, extras);
        let runs = sel.runs(t);
        for row in runs.iter().flat_map(|&(lo, hi)| lo..hi).filter(|r| in_scope(*r)) {
            let class = self.class_of(row);
            self.accumulate_row(&layer, Grouping::One, row, &mut acc, extras);
            acc.finish();
            if acc.get(class, 0, 0, num) != 0 {
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
        let mut out = self.explain(&Query { by: vec![], ..q.clone() }, id)?;
        if matches!(grouping, Grouping::One) {
            return Ok(out);
        }
        let group = (0..self.group_count(grouping)).find(|g| {
            self.group_key(grouping, *g).is_some_and(|(dim, value)| key.iter().any(|(d, v)| *d == dim && *v == value))
        });
        let Some(group) = group else {
            return Ok(Explanation { numerator: Vec::new(), denominator: Vec::new() });
        };
        let in_group = |row: &usize| self.groups_of(grouping, *row).any(|g| g == group);
        out.numerator.retain(in_group);
        out.denominator.retain(in_group);
        Ok(out)
    }
}

#[derive(Clone, Copy)]
struct Raw {
    value: Option<f64>,
    numerator: Option<i64>,
    denominator: Option<i64>,
    touched: bool,
}

fn median(v: &mut [u32]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    let n = v.len();
    let (below, upper, _) = v.select_nth_unstable(n / 2);
    let upper = f64::from(*upper);
    Some(if n % 2 == 1 { upper } else { (f64::from(below.iter().copied().max().unwrap_or(0)) + upper) / 2.0 })
}

fn balance(counts: &[f64]) -> Option<f64> {
    let n = counts.len() as f64;
    let mean = counts.iter().sum::<f64>() / n;
    if mean == 0.0 {
        return None;
    }
    let var = counts.iter().map(|c| (c - mean).powi(2)).sum::<f64>() / n;
    Some(1.0 - var.sqrt() / mean)
}

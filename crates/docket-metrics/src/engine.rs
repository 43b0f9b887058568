//! The evaluation: one pass over the rows per layer of disjoint periods, accumulating every
//! field per (scope class, group, period); values, 同比 and 环比 read from the accumulators (or
//! from the month cube's cells, for whole months by court).
//!
//! This file holds the engine, its accumulators and groupings; by concern:
//! [`query`] (what is asked and answered), [`layers`] (periods arranged in disjoint layers, the
//! rows selected), [`accumulate`] (what a row adds), [`pass`] (rows over threads), [`compute`]
//! (formulas, 同比, 环比), [`explain`] (the cases behind a value) and [`cube`] (the month cube).

use docket_domain::case_type::TYPES;

use crate::catalogue::{CATALOGUE, Indicator, f};
use crate::facts::{CaseFacts, FactTable, NONE, add_months};
use crate::period::{Grain, Period};
use crate::settings::Settings;
use docket_domain::CourtCode;

pub use lists::ClosedCase;
pub use query::{
    Dimension, EARLIEST_YEAR, Explanation, GroupKey, GroupResult, LATEST_YEAR, MAX_FIGURES, MAX_SPAN_YEARS,
    MetricsError, Query, Value, check_period,
};

mod accumulate;
mod compute;
mod cube;
mod explain;
mod layers;
mod lists;
mod pass;
mod query;

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
    /// The 审管办's records the record indicators count (清积率 and the others).
    records: crate::records::RecordFacts,
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

use layers::{Layer, Selection};

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
    /// 调解组织
    Org,
}

/// The groups of one row: one group, or under [`Grouping::Tag`] one per tag bit. An iterator
/// rather than a callback, so the per-row work is one loop the compiler can inline.
#[derive(Clone, Copy)]
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
            records: crate::records::RecordFacts::default(),
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

    /// Replaces the records the record indicators count (after a record is written).
    pub fn set_records(&mut self, records: crate::records::RecordFacts) {
        // A petition counts in its case's matter (案-件比): the matters whose count changes leave
        // the month cube's cells and enter them again with their new size.
        let counts = records.petitions_by_case();
        let roots = self.table.roots_of_petition_change(&counts);
        if !roots.is_empty() {
            let mut cube = self.cube.take();
            if let Some(k) = cube.as_mut() {
                for &row in &roots {
                    k.apply(self, row, -1);
                }
            }
            self.table.set_petitions(&counts);
            if let Some(k) = cube.as_mut() {
                for &row in &roots {
                    k.apply(self, row, 1);
                }
            }
            self.cube = cube;
        }
        self.records = records;
    }

    /// The records the record indicators count.
    pub fn records(&self) -> &crate::records::RecordFacts {
        &self.records
    }

    /// A record indicator for one group and period: by the query's courts (alone or rolled up)
    /// or by one court; nothing for other groupings or a tag or 案由 filter, which records do not
    /// carry.
    fn record_count(
        &self,
        m: crate::catalogue::RecordMeasure,
        q: &Query,
        grouping: Grouping,
        g: usize,
        p: Period,
    ) -> Option<crate::records::RecordCount> {
        if q.tag.is_some() || !q.causes.is_empty() {
            return None;
        }
        match grouping {
            Grouping::One => {
                let keep = |c: &CourtCode| *c == q.court || (q.rollup && c.is_within(&q.court));
                Some(self.records.count(m, &self.table, &keep, p))
            }
            Grouping::Court => {
                let court = self.table.courts.get(g)?;
                Some(self.records.count(m, &self.table, &|c: &CourtCode| c == court, p))
            }
            _ => None,
        }
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
                        Dimension::Org => Grouping::Org,
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
            Grouping::Org => t.orgs.len() + 1,
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
            Grouping::Org => {
                let o = t.org[row];
                one(if o == NONE { t.orgs.len() } else { usize::from(o) })
            }
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
            Grouping::Org => match t.orgs.get(group) {
                Some((c, o)) => ("org", format!("{}/{o}", t.court_code(*c))),
                None => ("org", "未委派委托调解".into()),
            },
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
}

//! Case facts: what the engine needs of a case, and the columnar table that holds them.

use std::collections::HashMap;

use chrono::{Datelike, Months, NaiveDate};
use docket_domain::case_type::TYPES;
use docket_domain::{CaseNumber, CaseType, CloseMethod, CourtCode, Stage, Tag};

use crate::settings::Settings;

mod events;
pub use events::Enforcement;
pub(crate) use events::enforcement;

/// One case, as the store's projection and its dated events describe it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFacts {
    pub court: CourtCode,
    pub case_no: CaseNumber,
    pub cause: String,
    pub judge: Option<String>,
    pub department: Option<String>,
    pub tags: Vec<Tag>,
    pub received_on: Option<NaiveDate>,
    pub filed_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub close_method: Option<CloseMethod>,
    pub online: bool,
    pub claim_fen: i64,
    pub deducted_days: u32,
    pub extensions: u32,
    /// The last day of the 审限 (extensions, deducted periods and the holiday rule included).
    pub deadline_on: Option<NaiveDate>,
    pub hearings_held: u32,
    /// The first scheduled hearing was held on the date set.
    pub first_setting_held: bool,
    /// The start of a deducted period open now.
    pub suspended_since: Option<NaiveDate>,
    pub origin: Option<CaseNumber>,
    /// Electronic service attempts: date and whether it reached the recipient.
    pub eservice: Vec<(NaiveDate, bool)>,
    /// Recoveries: date and amount in fen.
    pub recoveries: Vec<(NaiveDate, i64)>,
    /// Hearings held online or streamed: date, online, streamed.
    pub hearings: Vec<(NaiveDate, bool, bool)>,
    /// A 终本 closing meeting the five conditions of 法〔2016〕373号第一条 (false otherwise).
    pub termination_compliant: bool,
    /// 执行, 司法确认 and 诉讼费 events counted by their date.
    pub enforcement: Vec<(NaiveDate, Enforcement)>,
    /// The mediation organisation the case was last referred to (委派/委托), by its code.
    pub mediation_org: Option<String>,
}

/// A judge as the indicators see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JudgeFacts {
    pub court: CourtCode,
    pub code: String,
    /// 员额法官
    pub quota: bool,
    /// Holds 院长, 副院长, 庭长 or 副庭长.
    pub leader: bool,
}

pub(crate) const OPEN: i32 = i32::MAX;
pub(crate) const NONE: u16 = u16::MAX;

/// Row flags.
pub(crate) mod flag {
    pub const ONLINE: u16 = 1;
    pub const FIRST_SETTING_HELD: u16 = 1 << 1;
    pub const APPEALED: u16 = 1 << 2;
    pub const APPEAL_REVERSED: u16 = 1 << 3;
    pub const COMPLAINED: u16 = 1 << 4;
    pub const ENFORCEMENT_FILED: u16 = 1 << 5;
    pub const HEARD: u16 = 1 << 6;
    pub const EXTENDED: u16 = 1 << 7;
    pub const ROOT: u16 = 1 << 8;
    /// The case's judge is a 员额法官 (judges are known before any case and do not change).
    pub const QUOTA_JUDGE: u16 = 1 << 9;
    /// A 终本 closing that meets the five conditions.
    pub const TERMINATION_COMPLIANT: u16 = 1 << 10;
    /// A 民诉前调 case (诉前分流).
    pub const PREMEDIATION: u16 = 1 << 11;
}

/// Moves the last `appended` items of a sorted list to their places in its order.
fn into_place<E: Ord>(list: &mut Vec<E>, appended: usize) {
    for e in list.split_off(list.len() - appended) {
        let at = list.partition_point(|x| *x < e);
        list.insert(at, e);
    }
}

/// How a held hearing counts: online (网上开庭), streamed (庭审直播), or both.
pub(crate) mod hearing {
    pub const ONLINE: u8 = 1;
    pub const STREAMED: u8 = 1 << 1;
}

/// One column per fact, one row per case (50 bytes a case, `row_bytes`), plus the amounts of
/// the cases that have any and the dated events.
#[derive(Debug, Default, Clone)]
pub struct FactTable {
    pub(crate) court: Vec<u16>,
    pub(crate) department: Vec<u16>,
    pub(crate) judge: Vec<u16>,
    pub(crate) type_idx: Vec<u8>,
    pub(crate) cause: Vec<u16>,
    pub(crate) tags: Vec<u16>,
    pub(crate) flags: Vec<u16>,
    /// The mediation organisation, by (court, code) index; `NONE` when never referred.
    pub(crate) org: Vec<u16>,
    pub(crate) method: Vec<u8>,
    pub(crate) filed: Vec<i32>,
    /// Days from receipt to filing, or -1 without a receipt date.
    pub(crate) receipt_days: Vec<i16>,
    pub(crate) closed: Vec<i32>,
    pub(crate) deadline: Vec<i32>,
    pub(crate) suspended_since: Vec<i32>,
    pub(crate) deducted: Vec<u16>,
    /// Where the case's amounts are in `amounts`: 0 (the zero pair) for a case without any
    /// (criminal, administrative and most non-monetary cases), 4 bytes instead of two `i64`.
    pub(crate) amount_slot: Vec<u32>,
    /// (amount applied for, amount recovered) in fen; slot 0 is (0, 0).
    pub(crate) amounts: Vec<(i64, i64)>,
    /// Cases in the matter this case starts (itself included); 0 for derived cases.
    pub(crate) matter_size: Vec<u32>,
    /// Petitions about a row's case (涉诉信访): each counts in its matter (案-件比).
    petitions: HashMap<u32, u32>,
    pub(crate) origin: Vec<u32>,
    /// The `C_*` counting fields (bit = field index) a closing of this case adds one to:
    /// everything about a closing that depends on the case alone, worked out once.
    pub(crate) close_mask: Vec<u32>,
    /// Electronic service attempts: (row, day, delivered), in row order so a pass over a run of
    /// rows reads their events in one run too.
    pub(crate) eservice: Vec<(u32, i32, bool)>,
    /// Recoveries: (row, day, fen), in row order.
    pub(crate) recoveries: Vec<(u32, i32, i64)>,
    /// Hearings held online or streamed: (row, day, [`hearing`] bits), in row order.
    pub(crate) hearings: Vec<(u32, i32, u8)>,
    /// 执行 events: (row, day, ([`enforcement`] kind, value)), in row order.
    pub(crate) enforcement: Vec<(u32, i32, (u8, i64))>,

    // Dictionaries.
    pub(crate) courts: Vec<CourtCode>,
    pub(crate) departments: Vec<(u16, String)>,
    pub(crate) judges: Vec<JudgeFacts>,
    pub(crate) causes: Vec<String>,
    pub(crate) tag_names: Vec<Tag>,
    pub(crate) case_nos: Vec<CaseNumber>,
    index: HashMap<CaseNumber, u32>,
    /// Derived cases by origin row.
    children: HashMap<u32, Vec<u32>>,
    court_index: HashMap<CourtCode, u16>,
    department_index: HashMap<(u16, String), u16>,
    judge_index: HashMap<(u16, String), u16>,
    cause_index: HashMap<String, u16>,
    pub(crate) orgs: Vec<(u16, String)>,
    org_index: HashMap<(u16, String), u16>,
    pub(crate) filing_limit_days: i64,
    /// Rows `0..sorted_rows` are in (court, filing date) order as `build` left them; rows added
    /// later by `upsert` follow in no order.
    sorted_rows: usize,
    /// Each court's run of rows among the sorted ones, by court id.
    court_rows: Vec<(usize, usize)>,
}

pub(crate) fn day(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

pub(crate) fn date(day: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day).unwrap_or_default()
}

pub(crate) fn add_months(day_: i32, months: u32) -> i32 {
    date(day_).checked_add_months(Months::new(months)).map_or(OPEN, day)
}

#[allow(clippy::expect_used)] // A `CaseType` is a row of `TYPES` (only `CaseType::lookup` makes one).
pub(crate) fn type_index(t: &CaseType) -> u8 {
    let i = TYPES.iter().position(|x| x.code == t.code).expect("every case type is a row of the table");
    u8::try_from(i).expect("the type table has fewer than 256 rows")
}

fn method_index(m: Option<CloseMethod>) -> u8 {
    m.and_then(|m| CloseMethod::ALL.iter().position(|x| *x == m)).map_or(u8::MAX, |i| i as u8)
}

pub(crate) fn method_of(i: u8) -> Option<CloseMethod> {
    CloseMethod::ALL.get(usize::from(i)).copied()
}

impl FactTable {
    /// Builds the table from every case and the judges.
    pub fn build(cases: Vec<CaseFacts>, judges: Vec<JudgeFacts>, settings: &Settings) -> Self {
        let mut t = FactTable { filing_limit_days: settings.filing_limit_days, ..FactTable::default() };
        for j in judges {
            let c = t.court_id(&j.court);
            t.judge_index.insert((c, j.code.clone()), t.judges.len() as u16);
            t.judges.push(j);
        }
        // Rows in (court, filing date) order: a pass then touches one court's accumulators at a
        // time, which keeps them in cache (measured 2–3× faster than generation order).
        let mut cases = cases;
        cases.sort_by(|a, b| (&a.court, a.filed_on).cmp(&(&b.court, b.filed_on)));
        let mut origins = Vec::with_capacity(cases.len());
        for mut c in cases {
            let origin = c.origin.take();
            let row = t.upsert_row(c);
            origins.push((row, origin));
        }
        t.index_court_runs();
        // Origins may name cases listed later: resolve them once every row exists.
        for (row, origin) in origins {
            if let Some(o) = origin.and_then(|o| t.index.get(&o).copied()) {
                t.origin[row] = o;
                t.flags[row] &= !flag::ROOT;
                t.children.entry(o).or_default().push(row as u32);
            }
        }
        let parents: Vec<u32> = t.children.keys().copied().collect();
        for p in parents {
            t.relink(p as usize);
        }
        for row in 0..t.len() {
            if t.origin[row] == u32::MAX {
                t.matter_size[row] = t.matter_of(row as u32);
            } else {
                t.matter_size[row] = 0;
            }
        }
        t.sort_events();
        t
    }

    pub fn len(&self) -> usize {
        self.filed.len()
    }

    /// Finds each court's run among the rows `build` sorted.
    fn index_court_runs(&mut self) {
        self.court_rows = vec![(0, 0); self.courts.len()];
        let n = self.len();
        let mut row = 0;
        while row < n {
            let c = usize::from(self.court[row]);
            let start = row;
            while row < n && usize::from(self.court[row]) == c {
                row += 1;
            }
            if self.court_rows[c] != (0, 0) {
                // A court in two runs: the rows are not in court order after all; scan them all.
                self.court_rows.clear();
                self.sorted_rows = 0;
                return;
            }
            self.court_rows[c] = (start, row);
        }
        self.sorted_rows = n;
    }

    /// The runs of rows that hold every case of the courts `keep` selects (by court id), in row
    /// order: each selected court's run among the sorted rows, adjacent runs joined, then the
    /// rows added since the table was built. A query for one court reads its own rows only.
    pub(crate) fn runs_of(&self, keep: &[bool]) -> Vec<(usize, usize)> {
        let mut runs: Vec<(usize, usize)> =
            self.court_rows.iter().zip(keep).filter(|((start, end), k)| **k && start < end).map(|(r, _)| *r).collect();
        runs.sort_unstable();
        // The rows added since follow every sorted run.
        if self.sorted_rows < self.len() {
            runs.push((self.sorted_rows, self.len()));
        }
        let mut joined: Vec<(usize, usize)> = Vec::with_capacity(runs.len());
        for (start, end) in runs {
            match joined.last_mut() {
                Some(last) if last.1 == start => last.1 = end,
                _ => joined.push((start, end)),
            }
        }
        joined
    }

    pub fn is_empty(&self) -> bool {
        self.filed.is_empty()
    }

    /// Bytes held by the per-case columns (dictionaries and dated events not included).
    pub fn row_bytes(&self) -> usize {
        2 + 2 + 2 + 1 + 2 + 2 + 2 + 1 + 4 + 2 + 4 + 4 + 4 + 2 + 4 + 4 + 4 + 4
    }

    /// The amounts' bytes spread over every row (16 bytes for each case that has amounts).
    pub fn amount_bytes_per_row(&self) -> f64 {
        (16 * self.amounts.len()) as f64 / self.len().max(1) as f64
    }

    fn court_id(&mut self, c: &CourtCode) -> u16 {
        if let Some(i) = self.court_index.get(c) {
            return *i;
        }
        let i = self.courts.len() as u16;
        self.courts.push(c.clone());
        self.court_index.insert(c.clone(), i);
        i
    }

    fn intern_cause(&mut self, cause: &str) -> u16 {
        if let Some(i) = self.cause_index.get(cause) {
            return *i;
        }
        let i = self.causes.len() as u16;
        self.causes.push(cause.to_owned());
        self.cause_index.insert(cause.to_owned(), i);
        i
    }

    fn tag_bits(&mut self, tags: &[Tag]) -> u16 {
        let mut bits = 0u16;
        for tag in tags {
            let i = match self.tag_names.iter().position(|t| t == tag) {
                Some(i) => i,
                None if self.tag_names.len() < 16 => {
                    self.tag_names.push(tag.clone());
                    self.tag_names.len() - 1
                }
                None => continue,
            };
            bits |= 1 << i;
        }
        bits
    }

    /// Adds a case, or replaces it with its new facts (keeping the table current as events are
    /// appended). The lineage flags of its origin and the size of its matter are recomputed.
    /// Returns the case's row.
    pub fn upsert(&mut self, mut c: CaseFacts) -> usize {
        let origin = c.origin.take().and_then(|o| self.index.get(&o).copied());
        let (new_service, new_recoveries, new_hearings) = (c.eservice.len(), c.recoveries.len(), c.hearings.len());
        let new_enforcement = c.enforcement.len();
        let row = self.upsert_row(c);
        // The case's dated events were appended; move them to their place in row order.
        into_place(&mut self.eservice, new_service);
        into_place(&mut self.recoveries, new_recoveries);
        into_place(&mut self.hearings, new_hearings);
        into_place(&mut self.enforcement, new_enforcement);
        let old = self.origin[row];
        if old != u32::MAX && Some(old) != origin {
            if let Some(v) = self.children.get_mut(&old) {
                v.retain(|r| *r as usize != row);
            }
            self.relink(old as usize);
            let old_root = self.root_of(old as usize);
            self.matter_size[old_root] = self.matter_of(old_root as u32);
        }
        match origin {
            Some(o) => {
                self.origin[row] = o;
                self.flags[row] &= !flag::ROOT;
                let v = self.children.entry(o).or_default();
                if !v.contains(&(row as u32)) {
                    v.push(row as u32);
                }
                self.relink(o as usize);
            }
            None => {
                self.origin[row] = u32::MAX;
                self.flags[row] |= flag::ROOT;
            }
        }
        let root = self.root_of(row);
        if root != row {
            self.matter_size[row] = 0;
        }
        self.matter_size[root] = self.matter_of(root as u32);
        row
    }

    /// The roots whose matter a new count of petitions by case would change.
    pub(crate) fn roots_of_petition_change(&self, counts: &HashMap<CaseNumber, u32>) -> Vec<usize> {
        let mut rows: Vec<u32> = self.petitions.keys().copied().collect();
        rows.extend(counts.keys().filter_map(|c| self.index.get(c).copied()));
        let mut roots: Vec<usize> = rows
            .into_iter()
            .filter(|r| {
                let now = self.petitions.get(r).copied().unwrap_or(0);
                let then = counts.get(&self.case_nos[*r as usize]).copied().unwrap_or(0);
                now != then
            })
            .map(|r| self.root_of(r as usize))
            .collect();
        roots.sort_unstable();
        roots.dedup();
        roots
    }

    /// Sets the petitions about each case and recomputes the matters they change.
    pub(crate) fn set_petitions(&mut self, counts: &HashMap<CaseNumber, u32>) {
        let roots = self.roots_of_petition_change(counts);
        self.petitions =
            counts.iter().filter_map(|(c, n)| Some((*self.index.get(c)?, *n))).filter(|(_, n)| *n > 0).collect();
        for root in roots {
            self.matter_size[root] = self.matter_of(root as u32);
        }
    }

    /// The first and the last day of any filing, closing or dated event; `None` for an empty
    /// table.
    pub(crate) fn date_span(&self) -> Option<(i32, i32)> {
        let days = || {
            self.filed
                .iter()
                .chain(self.closed.iter().filter(|d| **d != OPEN))
                .copied()
                .chain(self.eservice.iter().map(|e| e.1))
                .chain(self.recoveries.iter().map(|e| e.1))
                .chain(self.hearings.iter().map(|e| e.1))
                .chain(self.enforcement.iter().map(|e| e.1))
        };
        Some((days().min()?, days().max()?))
    }

    /// The first and the last day of a row's filing, closing and dated events.
    pub(crate) fn date_span_of(&self, row: usize) -> (i32, i32) {
        fn events<E>(v: &[(u32, i32, E)], row: usize) -> impl Iterator<Item = i32> + '_ {
            let at = v.partition_point(|e| (e.0 as usize) < row);
            v[at..].iter().take_while(move |e| e.0 as usize == row).map(|e| e.1)
        }
        let closed = Some(self.closed[row]).filter(|d| *d != OPEN);
        let days = || {
            [self.filed[row]]
                .into_iter()
                .chain(closed)
                .chain(events(&self.eservice, row))
                .chain(events(&self.recoveries, row))
                .chain(events(&self.hearings, row))
                .chain(events(&self.enforcement, row))
        };
        (days().min().unwrap_or(self.filed[row]), days().max().unwrap_or(self.filed[row]))
    }

    /// The case a row's matter starts from (its origin's origin, and so on).
    fn root_of(&self, row: usize) -> usize {
        let mut root = row;
        let mut guard = 0;
        while self.origin[root] != u32::MAX && guard < 64 {
            root = self.origin[root] as usize;
            guard += 1;
        }
        root
    }

    /// The existing rows whose columns an `upsert` of `c` may change: its own, its old and new
    /// origins (their lineage flags) and the roots of their matters (the matter's size).
    pub(crate) fn rows_touched_by(&self, c: &CaseFacts) -> Vec<usize> {
        let mut rows = Vec::new();
        let mut add = |row: usize| {
            rows.push(row);
            rows.push(self.root_of(row));
        };
        if let Some(&row) = self.index.get(&c.case_no) {
            add(row as usize);
            if self.origin[row as usize] != u32::MAX {
                add(self.origin[row as usize] as usize);
            }
        }
        if let Some(&o) = c.origin.as_ref().and_then(|o| self.index.get(o)) {
            add(o as usize);
        }
        rows.sort_unstable();
        rows.dedup();
        rows
    }

    /// Writes a case's own columns (not its lineage) and returns its row.
    fn upsert_row(&mut self, c: CaseFacts) -> usize {
        let court = self.court_id(&c.court);
        let department = match &c.department {
            Some(d) => {
                let key = (court, d.clone());
                match self.department_index.get(&key) {
                    Some(i) => *i,
                    None => {
                        let i = self.departments.len() as u16;
                        self.departments.push(key.clone());
                        self.department_index.insert(key, i);
                        i
                    }
                }
            }
            None => NONE,
        };
        let judge = c.judge.as_ref().and_then(|j| self.judge_index.get(&(court, j.clone())).copied()).unwrap_or(NONE);
        let org = c.mediation_org.as_ref().map_or(NONE, |o| {
            let key = (court, o.clone());
            *self.org_index.entry(key.clone()).or_insert_with(|| {
                self.orgs.push(key);
                (self.orgs.len() - 1) as u16
            })
        });
        let cause = self.intern_cause(&c.cause);
        let tags = self.tag_bits(&c.tags);
        // A root until an origin is resolved.
        let mut flags = flag::ROOT;
        if judge != NONE && self.judges[usize::from(judge)].quota {
            flags |= flag::QUOTA_JUDGE;
        }
        if c.online {
            flags |= flag::ONLINE;
        }
        if c.first_setting_held {
            flags |= flag::FIRST_SETTING_HELD;
        }
        if c.hearings_held > 0 {
            flags |= flag::HEARD;
        }
        if c.extensions > 0 {
            flags |= flag::EXTENDED;
        }
        if c.termination_compliant {
            flags |= flag::TERMINATION_COMPLIANT;
        }
        if c.case_no.case_type().code == "民诉前调" {
            flags |= flag::PREMEDIATION;
        }
        let filed = day(c.filed_on);
        let receipt_days =
            c.received_on.map_or(-1, |r| (c.filed_on - r).num_days().clamp(0, i64::from(i16::MAX)) as i16);
        let existed = self.index.contains_key(&c.case_no);
        let row = match self.index.get(&c.case_no) {
            Some(r) => *r as usize,
            None => {
                let r = self.filed.len();
                self.index.insert(c.case_no.clone(), r as u32);
                self.case_nos.push(c.case_no.clone());
                self.court.push(0);
                self.department.push(0);
                self.judge.push(0);
                self.type_idx.push(0);
                self.cause.push(0);
                self.tags.push(0);
                self.flags.push(0);
                self.org.push(NONE);
                self.method.push(0);
                self.filed.push(0);
                self.receipt_days.push(0);
                self.closed.push(0);
                self.deadline.push(0);
                self.suspended_since.push(0);
                self.deducted.push(0);
                self.amount_slot.push(0);
                self.matter_size.push(1);
                self.origin.push(u32::MAX);
                self.close_mask.push(0);
                r
            }
        };
        // Lineage flags set by derived cases are kept.
        let lineage = flag::APPEALED | flag::APPEAL_REVERSED | flag::COMPLAINED | flag::ENFORCEMENT_FILED;
        self.flags[row] = (self.flags[row] & lineage) | flags;
        self.court[row] = court;
        self.department[row] = department;
        self.judge[row] = judge;
        self.type_idx[row] = type_index(c.case_no.case_type());
        self.cause[row] = cause;
        self.tags[row] = tags;
        self.org[row] = org;
        self.method[row] = method_index(c.close_method);
        self.filed[row] = filed;
        self.receipt_days[row] = receipt_days;
        self.closed[row] = c.closed_on.map_or(OPEN, day);
        self.deadline[row] = c.deadline_on.map_or(OPEN, day);
        self.suspended_since[row] = c.suspended_since.map_or(OPEN, day);
        self.deducted[row] = c.deducted_days.min(u32::from(u16::MAX)) as u16;
        let amounts = (c.claim_fen, c.recoveries.iter().map(|(_, a)| a).sum());
        if self.amounts.is_empty() {
            self.amounts.push((0, 0));
        }
        match self.amount_slot[row] {
            0 if amounts == (0, 0) => {}
            0 => {
                self.amount_slot[row] = self.amounts.len() as u32;
                self.amounts.push(amounts);
            }
            slot => self.amounts[slot as usize] = amounts,
        }
        self.close_mask[row] = self.compute_close_mask(row);
        let r32 = row as u32;
        if existed {
            self.eservice.retain(|(r, _, _)| *r != r32);
            self.recoveries.retain(|(r, _, _)| *r != r32);
            self.hearings.retain(|(r, _, _)| *r != r32);
            self.enforcement.retain(|(r, _, _)| *r != r32);
        }
        self.enforcement.extend(c.enforcement.iter().map(|(d, e)| (r32, day(*d), e.packed())));
        self.eservice.extend(c.eservice.iter().map(|(d, ok)| (r32, day(*d), *ok)));
        self.recoveries.extend(c.recoveries.iter().map(|(d, a)| (r32, day(*d), *a)));
        self.hearings.extend(c.hearings.iter().map(|&(d, online, streamed)| {
            (r32, day(d), (u8::from(online) * hearing::ONLINE) | (u8::from(streamed) * hearing::STREAMED))
        }));
        row
    }

    /// Recomputes a case's lineage flags from the cases derived from it.
    fn relink(&mut self, row: usize) {
        let mut bits = 0;
        for &child in self.children.get(&(row as u32)).map_or(&[][..], |v| v.as_slice()) {
            let child = child as usize;
            let t = &TYPES[usize::from(self.type_idx[child])];
            match t.stage {
                Stage::SecondInstance => {
                    bits |= flag::APPEALED;
                    if matches!(method_of(self.method[child]), Some(CloseMethod::Revised | CloseMethod::Remanded)) {
                        bits |= flag::APPEAL_REVERSED;
                    }
                }
                Stage::RetrialReview | Stage::Retrial => bits |= flag::COMPLAINED,
                Stage::Enforcement if t.code == "执" => bits |= flag::ENFORCEMENT_FILED,
                _ => {}
            }
        }
        let lineage = flag::APPEALED | flag::APPEAL_REVERSED | flag::COMPLAINED | flag::ENFORCEMENT_FILED;
        self.flags[row] = (self.flags[row] & !lineage) | bits;
        self.close_mask[row] = self.compute_close_mask(row);
    }

    fn compute_close_mask(&self, row: usize) -> u32 {
        use crate::catalogue::f;
        use CloseMethod::*;
        let closed = self.closed[row];
        if closed == OPEN {
            return 0;
        }
        let flags = self.flags[row];
        const _: () = assert!(f::C_TERMINATED_COMPLIANT < 32, "a closing's fields fit the mask");
        let bit = |field: usize| 1u32 << field;
        let mut m = 0u32;
        let deadline = self.deadline[row];
        if deadline != OPEN {
            m |= bit(f::C_WITH_LIMIT);
            if closed <= deadline {
                m |= bit(f::C_WITHIN_LIMIT);
            }
        }
        if flags & flag::EXTENDED != 0 {
            m |= bit(f::C_EXTENDED);
        }
        let j = self.judge[row];
        if j != NONE && self.judges.get(usize::from(j)).is_some_and(|j| j.leader) {
            m |= bit(f::C_LEADER);
        }
        let method = method_of(self.method[row]);
        match method {
            Some(Mediation) => m |= bit(f::C_MEDIATION) | bit(f::C_MEDIATION_WITHDRAWAL),
            Some(Withdrawal | DeemedWithdrawal) => m |= bit(f::C_MEDIATION_WITHDRAWAL),
            Some(Revised | Remanded) => m |= bit(f::C_SECOND_REVISED),
            Some(EnforcementCompleted) => m |= bit(f::C_COMPLETED) | bit(f::C_ACTUAL),
            Some(EnforcementVoluntary | EnforcementSettled) => m |= bit(f::C_ACTUAL),
            Some(EnforcementTerminated) if flags & flag::TERMINATION_COMPLIANT != 0 => {
                m |= bit(f::C_TERMINATED) | bit(f::C_TERMINATED_COMPLIANT)
            }
            Some(EnforcementTerminated) => m |= bit(f::C_TERMINATED),
            Some(PremediationAgreement) => m |= bit(f::C_PREMEDIATION_AGREED),
            _ => {}
        }
        if matches!(method, Some(Judgment | Mediation)) {
            m |= bit(f::C_JUDGMENT_MEDIATION);
            if flags & flag::ENFORCEMENT_FILED != 0 {
                m |= bit(f::C_ENFORCEMENT_APPLIED);
            }
        }
        if flags & flag::APPEALED != 0 {
            m |= bit(f::C_APPEALED);
        }
        if flags & flag::APPEAL_REVERSED != 0 {
            m |= bit(f::C_REVERSED_REMANDED);
        }
        if flags & (flag::APPEALED | flag::COMPLAINED) == 0 {
            m |= bit(f::C_ACCEPTED);
        }
        let days = closed - self.filed[row];
        for (limit, field) in [(90, f::C_90), (180, f::C_180), (365, f::C_365)] {
            if days <= limit {
                m |= bit(field);
            }
        }
        if flags & flag::HEARD != 0 {
            m |= bit(f::C_HEARD);
            if flags & flag::FIRST_SETTING_HELD != 0 {
                m |= bit(f::C_HEARD_AS_SCHEDULED);
            }
        }
        m
    }

    /// The size of a root's matter: its cases and the petitions about any of them.
    fn matter_of(&self, root: u32) -> u32 {
        let mut count = 0;
        let mut frontier = vec![root];
        while let Some(r) = frontier.pop() {
            count += 1 + self.petitions.get(&r).copied().unwrap_or(0);
            if let Some(children) = self.children.get(&r) {
                frontier.extend(children.iter().copied());
            }
        }
        count
    }

    /// Finishes a bulk build: sorts the dated events by row, then day.
    pub(crate) fn sort_events(&mut self) {
        self.eservice.sort_unstable();
        self.recoveries.sort_unstable();
        self.hearings.sort_unstable();
        self.enforcement.sort_unstable();
    }

    /// Every 案由 some case has, in the order first seen.
    pub fn cause_names(&self) -> &[String] {
        &self.causes
    }

    /// Whether any case has this 案由.
    pub fn has_cause(&self, cause: &str) -> bool {
        self.cause_index.contains_key(cause)
    }

    /// The row of a case, if the table has it.
    /// The rows of the cases derived from `row` (`origin`).
    pub(crate) fn children_of(&self, row: usize) -> &[u32] {
        self.children.get(&(row as u32)).map_or(&[], Vec::as_slice)
    }

    pub fn row_of(&self, case_no: &CaseNumber) -> Option<usize> {
        self.index.get(case_no).map(|r| *r as usize)
    }

    pub fn case_no(&self, row: usize) -> &CaseNumber {
        &self.case_nos[row]
    }

    pub(crate) fn court_code(&self, i: u16) -> &CourtCode {
        &self.courts[usize::from(i)]
    }

    /// The 法院代字 of every court with cases or judges.
    pub fn court_codes(&self) -> &[CourtCode] {
        &self.courts
    }
}

//! Import of interchange JSONL: all or nothing. Every line is parsed and every cross-line rule
//! checked (references, duplicates, the lifecycle of each case, against what is already stored)
//! before anything is written; then one transaction writes the log entries and projections.

use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;

use docket_domain::{CaseNumber, CaseState, Court, CourtCode, Department, EventKind, Judge};
use docket_interchange::{CaseEvent, LineError, Record, parse_line, write_record};
use docket_store::{Batch, CaseWrite, EntryKind, NewEntry, Store};

use crate::replay::replay_case;
use crate::{AppError, Docket, Reporter};

mod management;
pub(crate) use management::management_entry;

/// What an import stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportReport {
    pub courts: u64,
    pub departments: u64,
    pub judges: u64,
    pub cases: u64,
    pub events: u64,
    /// Management records (campaigns, ledger items, suggestions, petitions and their events).
    pub records: u64,
    /// Log entries appended (a court, department or judge already stored identically is skipped).
    pub entries: u64,
}

/// Where each known thing is defined: a file line, or the database (line 0), with its value.
struct Known {
    courts: HashMap<CourtCode, (usize, Court)>,
    departments: HashMap<(CourtCode, String), (usize, Department)>,
    judges: HashMap<(CourtCode, String), (usize, Judge)>,
}

impl Known {
    fn court_exists(&self, c: &CourtCode) -> bool {
        self.courts.contains_key(c)
    }
}

impl<S: Store> Docket<S> {
    /// Imports a JSONL stream. On any problem nothing is stored and every problem is returned.
    pub async fn import(&self, input: impl BufRead, reporter: &dyn Reporter) -> Result<ImportReport, AppError> {
        reporter.stage("读取", 0);
        let mut lines: Vec<(usize, String)> = Vec::new();
        for (i, line) in input.lines().enumerate() {
            let text = line.map_err(|e| AppError::Invalid(format!("第 {} 行无法读取：{e}", i + 1)))?;
            if i == 0 && text.starts_with('\u{feff}') {
                // Notepad and Excel write one; the format is UTF-8 without it (INTERCHANGE.md).
                return Err(AppError::Import(vec![LineError {
                    line: 1,
                    field: "json".into(),
                    message: "文件以字节顺序标记（BOM，EF BB BF）开头；交换格式为不带 BOM 的 UTF-8，请另存后再导入"
                        .into(),
                }]));
            }
            if !text.trim().is_empty() {
                lines.push((i + 1, text));
            }
        }
        if lines.is_empty() {
            return Err(AppError::Invalid("文件为空：没有任何记录，未写入任何数据".into()));
        }
        reporter.stage("解析", lines.len() as u64);
        let mut errors: Vec<LineError> = Vec::new();
        let mut records: Vec<(usize, Record, String)> = Vec::with_capacity(lines.len());
        for (line, parsed) in parse_all(lines, reporter) {
            match parsed {
                Ok((record, body)) => records.push((line, record, body)),
                Err(mut errs) => errors.append(&mut errs),
            }
        }

        self.import_parsed(records, errors, reporter, Vec::new()).await
    }

    /// Imports records made in memory (the demo generator) exactly as if they were the lines of a
    /// file, numbered from 1: each gets its canonical body and the same checks. Only the text
    /// parsing is skipped.
    pub async fn import_records(
        &self,
        records: Vec<Record>,
        reporter: &dyn Reporter,
    ) -> Result<ImportReport, AppError> {
        reporter.stage("规范化", records.len() as u64);
        let records = canonical_all(records);
        reporter.advance(records.len() as u64);
        self.import_parsed(records, Vec::new(), reporter, Vec::new()).await
    }

    /// [`Self::import_records`] with audit lines committed in the same transaction.
    pub(crate) async fn import_records_audited(
        &self,
        records: Vec<Record>,
        audit: Vec<docket_store::AuditRow>,
    ) -> Result<ImportReport, AppError> {
        self.import_parsed(canonical_all(records), Vec::new(), &docket_store::NoProgress, audit).await
    }

    async fn import_parsed(
        &self,
        records: Vec<(usize, Record, String)>,
        mut errors: Vec<LineError>,
        reporter: &dyn Reporter,
        audit: Vec<docket_store::AuditRow>,
    ) -> Result<ImportReport, AppError> {
        reporter.stage("校验", records.len() as u64);
        let mut known = Known { courts: HashMap::new(), departments: HashMap::new(), judges: HashMap::new() };
        for c in self.store.courts().await? {
            known.courts.insert(c.code.clone(), (0, c));
        }
        for d in self.store.departments().await? {
            known.departments.insert((d.court.clone(), d.code.clone()), (0, d));
        }
        for j in self.store.judges().await? {
            known.judges.insert((j.court.clone(), j.code.clone()), (0, j));
        }

        let mut new_courts: Vec<(usize, Court)> = Vec::new();
        let mut new_departments: Vec<(usize, Department)> = Vec::new();
        let mut new_judges: Vec<(usize, Judge)> = Vec::new();
        let mut cases: Vec<(usize, CaseState, String)> = Vec::new();
        let mut case_lines: HashMap<CaseNumber, usize> = HashMap::new();
        let mut events: Vec<(usize, CaseEvent, String)> = Vec::new();
        let mut judges: Vec<(usize, Judge)> = Vec::new();
        let mut settings: Vec<(docket_interchange::SettingRecord, String)> = Vec::new();
        let mut management: Vec<(usize, docket_domain::management::Management, String)> = Vec::new();

        // Courts first: every other kind refers to them, in any order in the file.
        for (line, r, _) in &records {
            if let Record::Court(c) = r {
                match known.courts.get(&c.code) {
                    Some((0, stored)) if stored == c => {}
                    Some((0, _)) => errors.push(LineError::new(
                        *line,
                        "code",
                        format!("法院 {} 已存在，且与本行信息不一致", c.code),
                    )),
                    Some((first, _)) => {
                        errors.push(LineError::new(*line, "code", format!("法院 {} 与第 {first} 行重复", c.code)))
                    }
                    None => {
                        known.courts.insert(c.code.clone(), (*line, c.clone()));
                        new_courts.push((*line, c.clone()));
                    }
                }
            }
        }
        // Reference data already stored may be declared again identically (re-importing a file
        // with new cases); a different value for a stored code is refused.
        for (line, r, body) in records {
            match r {
                Record::Department(d) => {
                    if !known.court_exists(&d.court) {
                        errors.push(LineError::new(line, "court", format!("法院 {} 不存在", d.court)));
                        continue;
                    }
                    let key = (d.court.clone(), d.code.clone());
                    match known.departments.get(&key) {
                        Some((0, stored)) if *stored == d => {}
                        Some((0, _)) => errors.push(LineError::new(
                            line,
                            "code",
                            format!("庭室 {} 已存在于 {}，且与本行信息不一致", d.code, d.court),
                        )),
                        Some((first, _)) => {
                            errors.push(LineError::new(line, "code", format!("庭室 {} 与第 {first} 行重复", d.code)))
                        }
                        None => {
                            known.departments.insert(key, (line, d.clone()));
                            new_departments.push((line, d));
                        }
                    }
                }
                Record::Case(c) => {
                    if !known.court_exists(&c.court) {
                        errors.push(LineError::new(line, "court", format!("法院 {} 不存在", c.court)));
                    }
                    if let Some(first) = case_lines.get(&c.case_no) {
                        errors.push(LineError::new(line, "case_no", format!("案号 {} 与第 {first} 行重复", c.case_no)));
                        continue;
                    }
                    case_lines.insert(c.case_no.clone(), line);
                    cases.push((line, CaseState::filed(c), body));
                }
                Record::Event(e) => events.push((line, e, body)),
                Record::Judge(j) => judges.push((line, j)),
                Record::Setting(st) => {
                    if !known.court_exists(&st.court) {
                        errors.push(LineError::new(line, "court", format!("法院 {} 不存在", st.court)));
                    }
                    if let Err(why) = crate::settings_log::check_setting(&st) {
                        errors.push(LineError::new(line, "lines", why));
                    }
                    settings.push((st, body));
                }
                Record::Management(m) => management.push((line, m, body)),
                Record::Court(_) => {}
            }
        }
        for (line, j) in &judges {
            if !known.court_exists(&j.court) {
                errors.push(LineError::new(*line, "court", format!("法院 {} 不存在", j.court)));
                continue;
            }
            if let Some(d) = &j.department
                && !known.departments.contains_key(&(j.court.clone(), d.clone()))
            {
                errors.push(LineError::new(*line, "department", format!("庭室 {d} 不存在于 {}", j.court)));
            }
            let key = (j.court.clone(), j.code.clone());
            match known.judges.get(&key) {
                Some((0, stored)) if stored == j => {}
                Some((0, _)) => errors.push(LineError::new(
                    *line,
                    "code",
                    format!("法官 {} 已存在于 {}，且与本行信息不一致", j.code, j.court),
                )),
                Some((first, _)) => {
                    errors.push(LineError::new(*line, "code", format!("法官 {} 与第 {first} 行重复", j.code)))
                }
                None => {
                    known.judges.insert(key, (*line, j.clone()));
                    new_judges.push((*line, j.clone()));
                }
            }
        }

        // Case numbers already stored.
        let file_numbers: Vec<CaseNumber> = cases.iter().map(|(_, s, _)| s.record.case_no.clone()).collect();
        for n in self.store.existing_cases(&file_numbers).await? {
            if let Some(line) = case_lines.get(&n) {
                errors.push(LineError::new(*line, "case_no", format!("案号 {n} 已存在于数据库中")));
            }
        }

        // Events, grouped by case; applied in order of date, then of the file (INTERCHANGE.md).
        // The mediation organisations events refer to, with their mediators: stored or in the
        // file (read only when an event refers to one).
        let mut orgs: HashMap<(docket_domain::CourtCode, String), Vec<String>> = HashMap::new();
        if events.iter().any(|(_, e, _)| matches!(e.event.kind, EventKind::MediationDelegated { .. })) {
            let register = self.register().await?;
            let file = management.iter().filter_map(|(_, m, _)| match m {
                docket_domain::management::Management::MediationOrg(o) => Some(o),
                _ => None,
            });
            for o in register.orgs.values().chain(file) {
                orgs.insert((o.court.clone(), o.code.clone()), o.mediators.clone());
            }
        }
        let mut by_case: BTreeMap<CaseNumber, Vec<(usize, CaseEvent, String)>> = BTreeMap::new();
        for (line, e, body) in events {
            by_case.entry(e.case_no.clone()).or_default().push((line, e, body));
        }
        let index: HashMap<CaseNumber, usize> =
            cases.iter().enumerate().map(|(i, (_, s, _))| (s.record.case_no.clone(), i)).collect();
        // Stored cases that receive events: their state and entry count, replayed from the log.
        let mut stored: BTreeMap<CaseNumber, (CaseState, u32, usize)> = BTreeMap::new();
        let mut event_count = 0u64;
        let mut case_events: HashMap<CaseNumber, Vec<(CaseEvent, String)>> = HashMap::new();
        for (case_no, mut evs) in by_case {
            evs.sort_by_key(|(line, e, _)| (e.event.on, *line));
            let state: &mut CaseState = if let Some(i) = index.get(&case_no) {
                &mut cases[*i].1
            } else {
                match replay_case(&self.store, &case_no).await? {
                    Some((state, entries)) => {
                        let first_line = evs.first().map_or(0, |(l, _, _)| *l);
                        &mut stored.entry(case_no.clone()).or_insert((state, entries, first_line)).0
                    }
                    None => {
                        for (line, _, _) in &evs {
                            errors.push(LineError::new(
                                *line,
                                "case_no",
                                format!("案件 {case_no} 不存在（文件和数据库中均无）"),
                            ));
                        }
                        continue;
                    }
                }
            };
            let court = state.record.court.clone();
            let mut applied = Vec::with_capacity(evs.len());
            for (line, e, body) in evs {
                if let EventKind::Assigned { judge, department } = &e.event.kind {
                    if !known.judges.contains_key(&(court.clone(), judge.clone())) {
                        errors.push(LineError::new(line, "judge", format!("法官 {judge} 不存在于 {court}")));
                        continue;
                    }
                    if let Some(d) = department
                        && !known.departments.contains_key(&(court.clone(), d.clone()))
                    {
                        errors.push(LineError::new(line, "department", format!("庭室 {d} 不存在于 {court}")));
                        continue;
                    }
                }
                if let EventKind::MediationDelegated { org, mediator, .. } = &e.event.kind {
                    match orgs.get(&(court.clone(), org.clone())) {
                        None => {
                            errors.push(LineError::new(line, "org", format!("调解组织 {org} 不存在于 {court}")));
                            continue;
                        }
                        Some(roll) if mediator.as_ref().is_some_and(|m| !roll.is_empty() && !roll.contains(m)) => {
                            let m = mediator.as_deref().unwrap_or_default();
                            errors.push(LineError::new(line, "mediator", format!("调解员 {m} 不在 {org} 的名册中")));
                            continue;
                        }
                        Some(_) => {}
                    }
                }
                // A refused event leaves the state as it was, so later events are checked against
                // what would really be stored and one mistake does not cascade.
                match state.apply(e.event.clone()) {
                    Ok(()) => {
                        applied.push((e, body));
                        event_count += 1;
                    }
                    Err(err) => errors.push(LineError::new(line, err.field(), err.to_string())),
                }
            }
            case_events.insert(case_no, applied);
        }

        let management = self.check_management(management, &known, &case_lines, &mut errors).await?;

        if !errors.is_empty() {
            errors.sort_by_key(|e| e.line);
            return Err(AppError::Import(errors));
        }

        // Build the batch: reference data, then each case with its events in order.
        let mut batch = Batch::default();
        let mut report = ImportReport {
            courts: new_courts.len() as u64,
            departments: new_departments.len() as u64,
            judges: new_judges.len() as u64,
            cases: cases.len() as u64,
            events: event_count,
            records: management.len() as u64,
            entries: 0,
        };
        new_courts.sort_by(|a, b| (a.1.level, &a.1.code).cmp(&(b.1.level, &b.1.code)));
        for (_, c) in new_courts {
            batch.entries.push(reference_entry(&c.code, EntryKind::Court, &Record::Court(c.clone())));
            batch.courts.push(c);
        }
        for (_, d) in new_departments {
            batch.entries.push(reference_entry(&d.court, EntryKind::Department, &Record::Department(d.clone())));
            batch.departments.push(d);
        }
        for (_, j) in new_judges {
            batch.entries.push(reference_entry(&j.court, EntryKind::Judge, &Record::Judge(j.clone())));
            batch.judges.push(j);
        }
        // Cases in (court, 案号) order: the log's chain order and every index on the case number
        // then grow at their end, which keeps a million-event import fast.
        cases.sort_by_cached_key(|(_, s, _)| (s.record.court.clone(), s.record.case_no.to_string()));
        for (_, state, body) in cases {
            let case_no = state.record.case_no.clone();
            batch.entries.push(NewEntry {
                court: state.record.court.clone(),
                kind: EntryKind::Case,
                case: Some((case_no.clone(), 0)),
                on: Some(state.record.filed_on),
                event_type: None,
                body,
            });
            push_events(&mut batch, &state.record.court, &case_no, 1, case_events.remove(&case_no).unwrap_or_default());
            batch.cases.push(CaseWrite { state, new: true });
        }
        let mut stored: Vec<_> = stored.into_iter().collect();
        stored.sort_by_key(|(_, (_, _, line))| *line);
        for (case_no, (state, entries, _)) in stored {
            push_events(
                &mut batch,
                &state.record.court,
                &case_no,
                entries,
                case_events.remove(&case_no).unwrap_or_default(),
            );
            batch.cases.push(CaseWrite { state, new: false });
        }
        // Settings last, in the file's order: the last line of a name is the one in force.
        for (st, body) in settings {
            batch.settings.push(crate::settings_log::setting_write(&st));
            batch.entries.push(NewEntry {
                court: st.court,
                kind: EntryKind::Setting,
                case: None,
                on: None,
                event_type: None,
                body,
            });
        }
        // Management records after the cases they name, in the order they were checked.
        for (m, body) in management {
            batch.entries.push(management_entry(&m, body));
        }
        report.entries = batch.entries.len() as u64;

        reporter.stage("写入", report.entries);
        batch.audit = audit;
        self.store.commit(batch, reporter).await?;
        Ok(report)
    }
}

fn reference_entry(court: &CourtCode, kind: EntryKind, record: &Record) -> NewEntry {
    NewEntry { court: court.clone(), kind, case: None, on: None, event_type: None, body: write_record(record) }
}

fn push_events(
    batch: &mut Batch,
    court: &CourtCode,
    case_no: &CaseNumber,
    first_seq: u32,
    events: Vec<(CaseEvent, String)>,
) {
    for (i, (e, body)) in events.into_iter().enumerate() {
        let on = e.event.on;
        let event_type = e.event.kind.type_name();
        batch.entries.push(NewEntry {
            court: court.clone(),
            kind: EntryKind::Event,
            case: Some((case_no.clone(), first_seq + i as u32)),
            on: Some(on),
            event_type: Some(event_type),
            body,
        });
    }
}

/// Maps every item on all cores (up to 8), keeping their order.
fn par_map<T: Send, U: Send>(mut items: Vec<T>, f: impl Fn(T) -> U + Sync) -> Vec<U> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let per = items.len().div_ceil(threads).max(1);
    let f = &f;
    std::thread::scope(|scope| {
        let mut handles = Vec::new();
        while !items.is_empty() {
            let rest = items.split_off(per.min(items.len()));
            let chunk = std::mem::replace(&mut items, rest);
            handles.push(scope.spawn(move || chunk.into_iter().map(f).collect::<Vec<U>>()));
        }
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
    })
}

/// Numbers records as lines from 1 and writes each one's canonical body, on all cores.
fn canonical_all(records: Vec<Record>) -> Vec<(usize, Record, String)> {
    let numbered: Vec<(usize, Record)> = records.into_iter().enumerate().map(|(i, r)| (i + 1, r)).collect();
    par_map(numbered, |(line, record)| {
        let body = write_record(&record);
        (line, record, body)
    })
}

/// A line's record with its canonical body, or every problem on the line.
type Parsed = (usize, Result<(Record, String), Vec<LineError>>);

/// Parses every line and writes its canonical form, on all cores: lines are independent.
fn parse_all(lines: Vec<(usize, String)>, reporter: &dyn Reporter) -> Vec<Parsed> {
    let count = lines.len() as u64;
    let parsed = par_map(lines, |(line, text)| {
        let parsed = parse_line(line, &text).map(|record| {
            let body = write_record(&record);
            (record, body)
        });
        (line, parsed)
    });
    reporter.advance(count);
    parsed
}

//! Replaying the log: every case's state is the fold of its stored entries, the same code path
//! the importer uses, so the projection can always be recomputed and compared.

use std::collections::BTreeMap;

use docket_domain::CaseState;
use docket_interchange::{Record, parse_line};
use docket_store::{LogEntry, Store};

use crate::{AppError, Reporter};

const PAGE: i64 = 20_000;

/// Parses a stored body back into its record, and checks the columns kept beside it for queries
/// (`kind`, `court`, `case_no`, `on_date`, `event_type`) against it: they are not hashed, so an
/// edit of one would otherwise move an event to another case or another date on the pages
/// while the chain still verifies.
pub(crate) fn parse_entry(e: &LogEntry) -> Result<Record, AppError> {
    let record = parse_line(1, &e.body).map_err(|errs| {
        let why = errs.first().map(|e| format!("{}: {}", e.field, e.message)).unwrap_or_default();
        AppError::Corrupt(format!("法院 {} 第 {} 条记录无法解析（{why}）", e.court, e.seq))
    })?;
    let (court, case_no, on, event_type) = match &record {
        Record::Case(c) => (c.court.as_str(), Some(&c.case_no), Some(c.filed_on), None),
        Record::Event(ev) => {
            (ev.case_no.court().as_str(), Some(&ev.case_no), Some(ev.event.on), Some(ev.event.kind.type_name()))
        }
        Record::Court(c) => (c.code.as_str(), None, None, None),
        Record::Department(d) => (d.court.as_str(), None, None, None),
        Record::Judge(j) => (j.court.as_str(), None, None, None),
        Record::Setting(s) => (s.court.as_str(), None, None, None),
        // Kept with their date and their kind (in `event_type`) for the register's queries.
        Record::Management(m) => (m.court().as_str(), None, Some(m.on()), Some(m.kind())),
    };
    let differs = |column: &str, stored: String, written: String| {
        AppError::Corrupt(format!(
            "法院 {} 第 {} 条记录的 {column} 列（{stored}）与记录内容（{written}）不符",
            e.court, e.seq
        ))
    };
    let show = |v: Option<String>| v.unwrap_or_else(|| "空".into());
    let kind = match &record {
        Record::Management(_) => docket_store::EntryKind::Management.as_str(),
        other => other.kind(),
    };
    if e.kind != kind {
        return Err(differs("kind", e.kind.clone(), kind.to_owned()));
    }
    if e.court != court {
        return Err(differs("court", e.court.clone(), court.to_owned()));
    }
    let case_no_text = case_no.map(ToString::to_string);
    if e.case_no != case_no_text {
        return Err(differs("case_no", show(e.case_no.clone()), show(case_no_text)));
    }
    if e.on_date != on {
        return Err(differs("on_date", show(e.on_date.map(|d| d.to_string())), show(on.map(|d| d.to_string()))));
    }
    if e.event_type.as_deref() != event_type {
        return Err(differs("event_type", show(e.event_type.clone()), show(event_type.map(str::to_owned))));
    }
    Ok(record)
}

/// Applies one stored entry to the states being rebuilt.
pub(crate) fn apply_entry(states: &mut BTreeMap<String, CaseState>, e: &LogEntry) -> Result<(), AppError> {
    let position = |expected: i64| {
        if e.case_seq == Some(expected) {
            Ok(())
        } else {
            Err(AppError::Corrupt(format!(
                "法院 {} 第 {} 条记录的 case_seq 列（{}）与它在案件中的位置（{expected}）不符",
                e.court,
                e.seq,
                e.case_seq.map_or_else(|| "空".into(), |s| s.to_string())
            )))
        }
    };
    match parse_entry(e)? {
        Record::Case(record) => {
            position(0)?;
            states.insert(record.case_no.to_string(), CaseState::filed(record));
        }
        Record::Event(ev) => {
            let key = ev.case_no.to_string();
            let state = states.get_mut(&key).ok_or_else(|| {
                AppError::Corrupt(format!("法院 {} 第 {} 条记录属于未立案的案件 {key}", e.court, e.seq))
            })?;
            state
                .apply(ev.event)
                .map_err(|err| AppError::Corrupt(format!("法院 {} 第 {} 条记录不能重放：{err}", e.court, e.seq)))?;
            position(state.events.len() as i64)?;
        }
        Record::Court(_) | Record::Department(_) | Record::Judge(_) | Record::Setting(_) | Record::Management(_) => {}
    }
    Ok(())
}

/// Every case's state, recomputed from the whole log, keyed by 案号.
pub async fn replay_log<S: Store>(store: &S, reporter: &dyn Reporter) -> Result<BTreeMap<String, CaseState>, AppError> {
    reporter.stage("重放事件日志", 0);
    let mut states = BTreeMap::new();
    let mut after = None;
    loop {
        let page = store.scan_log(None, after.take(), PAGE).await?;
        let Some(last) = page.last() else { break };
        after = Some((last.court.clone(), last.seq));
        for e in &page {
            apply_entry(&mut states, e)?;
        }
        reporter.advance(page.len() as u64);
    }
    Ok(states)
}

/// A case's state from its own entries.
pub(crate) async fn replay_case<S: Store>(
    store: &S,
    case_no: &docket_domain::CaseNumber,
) -> Result<Option<(CaseState, u32)>, AppError> {
    let entries = store.case_entries(case_no).await?;
    state_from_entries(case_no, &entries)
}

/// Folds one case's log entries (in order) into its state and entry count.
pub(crate) fn state_from_entries(
    case_no: &docket_domain::CaseNumber,
    entries: &[LogEntry],
) -> Result<Option<(CaseState, u32)>, AppError> {
    if entries.is_empty() {
        return Ok(None);
    }
    let mut states = BTreeMap::new();
    for e in entries {
        apply_entry(&mut states, e)?;
    }
    let state = states
        .remove(&case_no.to_string())
        .ok_or_else(|| AppError::Corrupt(format!("案件 {case_no} 的日志缺少立案记录")))?;
    Ok(Some((state, entries.len() as u32)))
}

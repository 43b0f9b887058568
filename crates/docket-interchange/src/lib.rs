//! The Docket JSONL interchange format of `INTERCHANGE.md`: one JSON object a line, each with a
//! `kind`. [`parse_line`] turns a line into a checked domain [`Record`] or the list of what is
//! wrong with it (`line N: field: message`); [`write_record`] writes a record back in canonical
//! form (fixed key order, compact), which is also the form hashed into the event log.
//!
//! Checks that need more than one line (references, duplicates, the lifecycle) belong to the
//! importer; this crate is pure.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

mod read;
mod strict;
mod write;

pub use read::{parse_line, parse_record_value};
pub use strict::MAX_STRING_CHARS;
pub use write::{write_record, write_record_value};

use docket_domain::{CaseNumber, CaseRecord, Court, Department, Event, Judge};

/// One line of an interchange file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    Court(Court),
    Department(Department),
    Judge(Judge),
    Case(CaseRecord),
    Event(CaseEvent),
}

impl Record {
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Court(_) => "court",
            Self::Department(_) => "department",
            Self::Judge(_) => "judge",
            Self::Case(_) => "case",
            Self::Event(_) => "event",
        }
    }
}

/// An event line: an event and the case it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseEvent {
    pub case_no: CaseNumber,
    pub event: Event,
}

/// One problem with one line: `line N: field: message`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {field}: {message}")]
pub struct LineError {
    /// 1-based line number in the file.
    pub line: usize,
    /// The interchange field at fault (`parties[1].id_number`), or `json` / `kind` for the line.
    pub field: String,
    /// What is wrong, in Chinese.
    pub message: String,
}

impl LineError {
    pub fn new(line: usize, field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { line, field: field.into(), message: message.into() }
    }
}

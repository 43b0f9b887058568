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

/// The most lines a setting may have.
pub const MAX_SETTING_LINES: usize = 2000;
pub use strict::MAX_STRING_CHARS;
pub use write::{write_record, write_record_value};

use docket_domain::management::Management;
use docket_domain::{CaseNumber, CaseRecord, Court, CourtCode, Department, Event, Judge};

/// One line of an interchange file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    Court(Court),
    Department(Department),
    Judge(Judge),
    Case(CaseRecord),
    Event(CaseEvent),
    /// A deployment setting that moves deadlines or figures, saved by an administrator.
    Setting(SettingRecord),
    /// A record of the 审管办 (a campaign, a ledger item, a suggestion, a petition, or an event
    /// of one): `INTERCHANGE.md`, "Management records".
    Management(Management),
}

impl Record {
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Court(_) => "court",
            Self::Department(_) => "department",
            Self::Judge(_) => "judge",
            Self::Case(_) => "case",
            Self::Event(_) => "event",
            Self::Setting(_) => "setting",
            Self::Management(m) => m.kind(),
        }
    }
}

/// An event line: an event and the case it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseEvent {
    pub case_no: CaseNumber,
    pub event: Event,
}

/// A setting line (设置): the holiday arrangements of one year, or the indicator settings, as
/// lines of their text format, with the chain (`court`) it was recorded in and who saved it:
///
/// ```json
/// {"kind":"setting","court":"内","name":"holidays.2027","lines":["2027-01-01 休 元旦"],"by":"cli"}
/// {"kind":"setting","court":"内0203","name":"indicators","lines":["scope.民事 = 民初,民终", "…"],"by":"nm0203-admin"}
/// ```
///
/// Setting lines are Docket's addition to the format (it "may add kinds"): they move 审限 and
/// indicator values, so they are hashed into a court's chain and leaves of the Merkle log like
/// every other record. The last line of a name in the log is the one in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingRecord {
    pub court: CourtCode,
    pub name: SettingName,
    /// The text, a line each (no line breaks inside; comments and blank lines kept).
    pub lines: Vec<String>,
    /// The account (or `cli`) that saved it.
    pub by: String,
}

impl SettingRecord {
    /// The text the lines make.
    pub fn text(&self) -> String {
        let mut t = self.lines.join("\n");
        t.push('\n');
        t
    }
}

/// What a setting line sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SettingName {
    /// `indicators`: the indicator settings (`docket metrics settings`).
    Indicators,
    /// `holidays.YYYY`: one year of the holiday calendar.
    Holidays(i32),
}

impl SettingName {
    pub fn parse(s: &str) -> Option<Self> {
        if s == "indicators" {
            return Some(Self::Indicators);
        }
        let year: i32 = s.strip_prefix("holidays.")?.parse().ok()?;
        (1949..=2199).contains(&year).then_some(Self::Holidays(year))
    }
}

impl std::fmt::Display for SettingName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Indicators => f.write_str("indicators"),
            Self::Holidays(y) => write!(f, "holidays.{y}"),
        }
    }
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

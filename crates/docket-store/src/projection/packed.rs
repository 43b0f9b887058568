//! The packed columns of the case projection: lists kept in one text column each so that a case
//! stays one row. This module is the only place that writes or reads their encoding:
//!
//! | column | encoding | example |
//! |---|---|---|
//! | `tags` | tags joined by `,` | `enterprise,labor` |
//! | `eservice_log` | each electronic service attempt as its date and `+` (delivered) or `-` | `2025-01-03+,2025-01-06-` |
//! | `recovery_log` | each recovery as its date, `:` and the amount in fen | `2025-02-01:12345` |
//! | `hearing_log` | each hearing held online or streamed: its date, `o` if online, `s` if streamed | `2025-03-04o,2025-04-01os` |

use chrono::NaiveDate;
use docket_domain::{Amount, Tag};

/// One electronic service attempt (电子送达), as the indicators count it by its own date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceAttempt {
    pub on: NaiveDate,
    pub delivered: bool,
}

/// One recovery (执行到位) with its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recovery {
    pub on: NaiveDate,
    pub amount: Amount,
}

/// A hearing held online (网上开庭) or streamed (庭审直播), as the indicators count it by its date.
/// Hearings held neither way are not kept: `hearings_held` counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeldHearing {
    pub on: NaiveDate,
    pub online: bool,
    pub streamed: bool,
}

/// Why a packed column did not read back: the item that failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackedError(pub String);

fn items(text: &str) -> impl Iterator<Item = &str> {
    text.split(',').filter(|x| !x.is_empty())
}

pub fn encode_tags(tags: &[Tag]) -> String {
    tags.iter().map(Tag::as_str).collect::<Vec<_>>().join(",")
}

pub fn decode_tags(text: &str) -> Result<Vec<Tag>, PackedError> {
    items(text).map(|t| Tag::parse(t).ok_or_else(|| PackedError(format!("标签“{t}”无效")))).collect()
}

pub fn encode_eservice(attempts: impl IntoIterator<Item = ServiceAttempt>) -> String {
    attempts
        .into_iter()
        .map(|a| format!("{}{}", a.on, if a.delivered { '+' } else { '-' }))
        .collect::<Vec<_>>()
        .join(",")
}

pub fn decode_eservice(text: &str) -> Result<Vec<ServiceAttempt>, PackedError> {
    items(text)
        .map(|x| {
            let bad = || PackedError(format!("电子送达记录“{x}”无效"));
            let (date, outcome) = x.split_at_checked(x.len().saturating_sub(1)).ok_or_else(bad)?;
            let delivered = match outcome {
                "+" => true,
                "-" => false,
                _ => return Err(bad()),
            };
            Ok(ServiceAttempt { on: date.parse().map_err(|_| bad())?, delivered })
        })
        .collect()
}

pub fn encode_recoveries(recoveries: impl IntoIterator<Item = Recovery>) -> String {
    recoveries.into_iter().map(|r| format!("{}:{}", r.on, r.amount.fen())).collect::<Vec<_>>().join(",")
}

pub fn decode_recoveries(text: &str) -> Result<Vec<Recovery>, PackedError> {
    items(text)
        .map(|x| {
            let bad = || PackedError(format!("执行到位记录“{x}”无效"));
            let (date, fen) = x.split_once(':').ok_or_else(bad)?;
            let on: NaiveDate = date.parse().map_err(|_| bad())?;
            let amount = fen.parse::<i64>().ok().and_then(Amount::from_fen).ok_or_else(bad)?;
            Ok(Recovery { on, amount })
        })
        .collect()
}

pub fn encode_hearings(hearings: impl IntoIterator<Item = HeldHearing>) -> String {
    hearings
        .into_iter()
        .map(|h| format!("{}{}{}", h.on, if h.online { "o" } else { "" }, if h.streamed { "s" } else { "" }))
        .collect::<Vec<_>>()
        .join(",")
}

pub fn decode_hearings(text: &str) -> Result<Vec<HeldHearing>, PackedError> {
    items(text)
        .map(|x| {
            let bad = || PackedError(format!("开庭记录“{x}”无效"));
            let (date, flags) = x.split_at_checked(10).ok_or_else(bad)?;
            let (online, streamed) = match flags {
                "o" => (true, false),
                "s" => (false, true),
                "os" => (true, true),
                _ => return Err(bad()),
            };
            Ok(HeldHearing { on: date.parse().map_err(|_| bad())?, online, streamed })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_hearing_log_reads_back_and_refuses_a_hearing_held_neither_way() {
        let hearings = vec![
            HeldHearing { on: d("2025-03-04"), online: true, streamed: false },
            HeldHearing { on: d("2025-04-01"), online: true, streamed: true },
            HeldHearing { on: d("2025-04-02"), online: false, streamed: true },
        ];
        assert_eq!(encode_hearings(hearings.clone()), "2025-03-04o,2025-04-01os,2025-04-02s");
        assert_eq!(decode_hearings("2025-03-04o,2025-04-01os,2025-04-02s").unwrap(), hearings);
        assert_eq!(decode_hearings("2025-03-04").unwrap_err().0, "开庭记录“2025-03-04”无效");
        assert!(decode_hearings("2025-03-04so").is_err());
        assert!(decode_hearings("2025-02-30o").is_err());
    }

    #[test]
    fn every_packed_column_reads_back_what_was_written() {
        let tags = vec![Tag::parse("enterprise").unwrap(), Tag::parse("labor").unwrap()];
        assert_eq!(decode_tags(&encode_tags(&tags)).unwrap(), tags);
        let attempts = vec![
            ServiceAttempt { on: d("2025-01-03"), delivered: true },
            ServiceAttempt { on: d("2025-01-06"), delivered: false },
        ];
        assert_eq!(encode_eservice(attempts.clone()), "2025-01-03+,2025-01-06-");
        assert_eq!(decode_eservice("2025-01-03+,2025-01-06-").unwrap(), attempts);
        let recoveries = vec![Recovery { on: d("2025-02-01"), amount: Amount::from_fen(12345).unwrap() }];
        assert_eq!(encode_recoveries(recoveries.clone()), "2025-02-01:12345");
        assert_eq!(decode_recoveries("2025-02-01:12345").unwrap(), recoveries);
        assert!(decode_tags("").unwrap().is_empty());
    }

    #[test]
    fn a_damaged_item_is_an_error_naming_it_not_a_dropped_item() {
        assert_eq!(decode_eservice("2025-01-03+,2025-13-06-").unwrap_err().0, "电子送达记录“2025-13-06-”无效");
        assert!(decode_eservice("2025-01-03?").is_err());
        assert!(decode_recoveries("2025-02-01:-5").is_err());
        assert!(decode_recoveries("2025-02-01").is_err());
        assert!(decode_tags("enterprise,Labor").is_err());
    }
}

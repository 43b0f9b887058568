//! The fields of electronic service (`service_attempted`'s `document` and `receipt_at`, and
//! `service_viewed`): a document's SHA-256 and a moment with its offset.

use chrono::{DateTime, FixedOffset};

use super::Fields;

impl Fields<'_> {
    /// An optional SHA-256 in lowercase hex: `Some(None)` when absent, `None` (with the error
    /// recorded) when malformed.
    pub(super) fn opt_sha256(&mut self, field: &str) -> Option<Option<String>> {
        match self.opt_str(field) {
            Some(h) if h.len() == 64 && h.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) => {
                Some(Some(h.to_owned()))
            }
            Some(_) => {
                self.err(field, "应为文书的 SHA-256（64 位小写十六进制）");
                None
            }
            None => Some(None),
        }
    }

    /// An optional RFC 3339 moment that carries its offset.
    pub(super) fn opt_instant(&mut self, field: &str) -> Option<Option<DateTime<FixedOffset>>> {
        match self.opt_str(field) {
            Some(t) => match DateTime::parse_from_rfc3339(t) {
                Ok(at) => Some(Some(at)),
                Err(_) => {
                    self.err(field, "应为带时区的时间，如 2026-03-02T10:15:00+08:00");
                    None
                }
            },
            None => Some(None),
        }
    }
}

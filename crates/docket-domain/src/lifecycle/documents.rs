//! The documents of a case (`CaseState::documents`) and which document events the lifecycle
//! refuses.

use crate::event::EventKind;
use crate::publication::IssuedDocument;

use super::{CaseState, LifecycleError};

/// The longest document text taken, in characters (a long judgment runs to some tens of
/// thousands).
pub const MAX_DOCUMENT_CHARS: usize = 200_000;

impl CaseState {
    /// The case's issued documents in order, each with its publication.
    /// A view (`service_viewed`) opens a document served to the case's party before.
    pub(super) fn check_view(&self, document: &str) -> Result<(), super::LifecycleError> {
        let served = self.events.iter().any(|e| {
            matches!(&e.kind, EventKind::ServiceAttempted { delivered: true, document: Some(d), .. } if d == document)
        });
        if served { Ok(()) } else { Err(super::LifecycleError::ViewOfUnservedDocument) }
    }

    pub fn documents(&self) -> Vec<IssuedDocument> {
        let mut docs: Vec<IssuedDocument> = Vec::new();
        for e in &self.events {
            match &e.kind {
                EventKind::DocumentIssued { doc, text } => {
                    docs.push(IssuedDocument { on: e.on, doc: *doc, text: text.clone(), published: None });
                }
                EventKind::DocumentPublished { withheld } => {
                    if let Some(d) = docs.iter_mut().rev().find(|d| d.published.is_none()) {
                        d.published = Some((e.on, withheld.clone()));
                    }
                }
                _ => {}
            }
        }
        docs
    }

    /// Refuses a document event that does not fit: an empty or overlong text, publishing with
    /// no document waiting, withholding without a reason.
    pub(super) fn check_document(&self, kind: &EventKind) -> Result<(), LifecycleError> {
        match kind {
            EventKind::DocumentIssued { text, .. } => {
                if text.trim().is_empty() {
                    return Err(LifecycleError::EmptyDocument);
                }
                if text.chars().count() > MAX_DOCUMENT_CHARS {
                    return Err(LifecycleError::DocumentTooLong);
                }
                Ok(())
            }
            EventKind::DocumentPublished { withheld } => {
                if withheld.as_deref().is_some_and(|r| r.trim().is_empty()) {
                    return Err(LifecycleError::WithheldWithoutReason);
                }
                if !self.documents().iter().any(|d| d.published.is_none()) {
                    return Err(LifecycleError::NothingToPublish);
                }
                // A case heard in camera (sealed here) is never published (§4(一)).
                if withheld.is_none() && self.record.sealed {
                    return Err(LifecycleError::SealedNotPublished);
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }
}

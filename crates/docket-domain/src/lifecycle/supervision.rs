//! How the 四类案件 events fold over a case (`CaseState::supervision`) and which of them the
//! lifecycle refuses.

use crate::event::EventKind;
use crate::supervision::{ReadingResult, Step, Supervision};

use super::{CaseState, LifecycleError};

impl CaseState {
    /// Where the case's 四类案件 supervision stands after its events.
    pub fn supervision(&self) -> Supervision {
        Supervision::fold(self.events.iter().filter_map(|e| {
            let step = match &e.kind {
                EventKind::SupervisionFlagged { category, .. } => Step::Flagged(*category),
                EventKind::SupervisionCleared { .. } => Step::Cleared,
                EventKind::ReadingRequested { reviewer } => Step::Requested(reviewer.clone()),
                EventKind::ReadingDone { result, note, .. } => Step::Done(*result, note.clone()),
                EventKind::Deliberated { body } => Step::Deliberated(*body),
                _ => return None,
            };
            Some((e.on, step))
        }))
    }

    /// Refuses a supervision event that does not fit the case's supervision so far.
    pub(super) fn check_supervision(&self, kind: &EventKind) -> Result<(), LifecycleError> {
        let now = || self.supervision();
        match kind {
            EventKind::SupervisionFlagged { by, .. } | EventKind::SupervisionCleared { by } if by.trim().is_empty() => {
                Err(LifecycleError::EmptyBy)
            }
            EventKind::SupervisionFlagged { .. } => match now().flagged {
                Some((c, on)) => Err(LifecycleError::AlreadyFlagged { category: c.label(), on }),
                None => Ok(()),
            },
            EventKind::SupervisionCleared { .. } if now().flagged.is_none() => Err(LifecycleError::NotFlagged),
            EventKind::ReadingRequested { reviewer } => {
                if reviewer.trim().is_empty() {
                    return Err(LifecycleError::EmptyReviewer);
                }
                let s = now();
                if s.flagged.is_none() {
                    return Err(LifecycleError::NotFlagged);
                }
                match s.pending {
                    Some((who, since)) => Err(LifecycleError::ReadingPending { reviewer: who, since }),
                    None => Ok(()),
                }
            }
            EventKind::ReadingDone { reviewer, result, note } => {
                if reviewer.trim().is_empty() {
                    return Err(LifecycleError::EmptyReviewer);
                }
                if now().pending.is_none() {
                    return Err(LifecycleError::NoReadingPending);
                }
                if *result == ReadingResult::Returned && note.as_deref().is_none_or(|n| n.trim().is_empty()) {
                    return Err(LifecycleError::ReturnWithoutNote);
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }
}

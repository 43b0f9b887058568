//! 通知: what reaches a judge without their asking. Stored when someone else acts on their case
//! (assigned to them, an extension decided, a case reopened); read off the work queues when it is
//! a fact of today (a hearing tomorrow, a 审限 within seven days). The header counts the unread
//! stored ones; `/notifications` and `/api/v1/notifications` list both, and mark read.

use docket_app::Account;
use docket_domain::EventKind;
use docket_store::{NewNotification, Notification, Store, StoredCase};

use crate::Web;
use crate::error::WebError;
use crate::queues::{Entry, Queue, entries};

/// How many stored notifications a list shows.
pub const LIST_LIMIT: i64 = 100;

/// Days ahead a 审限 becomes a reminder.
pub const DUE_REMINDER_DAYS: i64 = 7;

/// The notification an event recorded by `by` on `case` (as it was before the event) sends, if
/// any: to the judge it concerns, unless that judge recorded it.
pub fn for_event(case: &StoredCase, kind: &EventKind, by: &Account) -> Option<NewNotification> {
    let (judge, kind_id, text) = match kind {
        EventKind::Assigned { judge, .. } => {
            let how = if case.judge.is_some() { "改派给你承办" } else { "分案给你承办" };
            (judge.clone(), "assigned", format!("{}：{how}（{}）", case.case_no, case.cause))
        }
        EventKind::Extended { length, approver } => (
            case.judge.clone()?,
            "extension_decided",
            format!("{}：{}批准延长审限 {}", case.case_no, approver.label(), length.label()),
        ),
        EventKind::ExtensionRefused { reason } => (
            case.judge.clone()?,
            "extension_decided",
            format!("{}：延长审限申请未获批准。理由：{reason}", case.case_no),
        ),
        EventKind::Reopened => (case.judge.clone()?, "reopened", format!("{}：已恢复审理（撤销结案）", case.case_no)),
        _ => return None,
    };
    if by.judge.as_deref() == Some(judge.as_str()) && by.court == case.court {
        return None;
    }
    let by_name = format!("{}（{}）", by.name, by.role.label());
    Some(NewNotification {
        court: case.court.to_string(),
        judge,
        case_no: case.case_no.to_string(),
        kind: kind_id.to_owned(),
        text: format!("{text} —— {by_name}"),
    })
}

/// Writes the notification an event sends, after the event itself is stored.
pub async fn send<S: Store>(web: &Web<S>, case: &StoredCase, kind: &EventKind, by: &Account) -> Result<(), WebError> {
    if let Some(n) = for_event(case, kind, by) {
        web.docket.store().add_notifications(&[n]).await.map_err(docket_app::AppError::from)?;
    }
    Ok(())
}

/// A reminder of today: a hearing tomorrow, a 审限 close.
pub struct Reminder {
    pub case_no: String,
    pub text: String,
}

/// The account's notifications (newest first) and today's reminders. An account not linked to a
/// judge has none.
pub async fn list<S: Store>(web: &Web<S>, account: &Account) -> Result<(Vec<Notification>, Vec<Reminder>), WebError> {
    let Some(judge) = account.judge.as_deref() else {
        return Ok((vec![], vec![]));
    };
    let stored = web
        .docket
        .store()
        .notifications(account.court.as_str(), judge, LIST_LIMIT)
        .await
        .map_err(docket_app::AppError::from)?;
    let mut reminders = Vec::new();
    if Queue::Hearings.applies(account) {
        for e in entries(web, account, Queue::Hearings).await? {
            if e.days_left == Some(1) && e.row.judge.as_deref() == Some(judge) {
                let room = e.row.next_room.as_deref().map(|r| format!("，{r}")).unwrap_or_default();
                reminders.push(Reminder { case_no: e.row.case_no.to_string(), text: format!("明天开庭{room}") });
            }
        }
    }
    if Queue::Due.applies(account) {
        let mine = |e: &Entry| e.row.judge.as_deref() == Some(judge);
        for e in entries(web, account, Queue::Due).await?.iter().filter(|e| mine(e)) {
            match e.days_left {
                Some(0) => {
                    reminders.push(Reminder { case_no: e.row.case_no.to_string(), text: "审限今日届满".into() })
                }
                Some(n) if (1..=DUE_REMINDER_DAYS).contains(&n) => reminders
                    .push(Reminder { case_no: e.row.case_no.to_string(), text: format!("审限 {n} 天后届满") }),
                _ => {}
            }
        }
    }
    Ok((stored, reminders))
}

/// How many of the account's notifications are unread (the header's count).
pub async fn unread<S: Store>(web: &Web<S>, account: &Account) -> Result<Option<i64>, WebError> {
    let Some(judge) = account.judge.as_deref() else { return Ok(None) };
    let n = web
        .docket
        .store()
        .unread_notifications(account.court.as_str(), judge)
        .await
        .map_err(docket_app::AppError::from)?;
    Ok(Some(n))
}

/// Marks the account's notifications read, up to `up_to` or all.
pub async fn mark_read<S: Store>(web: &Web<S>, account: &Account, up_to: Option<i64>) -> Result<u64, WebError> {
    let Some(judge) = account.judge.as_deref() else { return Ok(0) };
    Ok(web
        .docket
        .store()
        .mark_notifications_read(account.court.as_str(), judge, up_to)
        .await
        .map_err(docket_app::AppError::from)?)
}

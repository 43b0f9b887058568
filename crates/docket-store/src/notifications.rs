//! Notifications in the app (站内通知): what happened to a judge's cases by someone else's hand
//! — assigned to them, an extension decided, a case reopened. Kept per judge of a court (every
//! account linked to the judge reads them), each read or not. Reminders that are facts of today
//! (a hearing tomorrow, a 审限 within seven days) are not stored: the web layer reads them from the
//! work queues.

use std::future::Future;

use crate::StoreError;

/// A notification to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNotification {
    pub court: String,
    /// The judge code it is for.
    pub judge: String,
    pub case_no: String,
    /// `assigned`, `extension_decided`, `reopened`.
    pub kind: String,
    /// What happened, in Chinese.
    pub text: String,
}

/// A stored notification.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Notification {
    pub id: i64,
    pub court: String,
    pub judge: String,
    pub case_no: String,
    pub kind: String,
    pub text: String,
    /// UTC, RFC 3339.
    pub created_at: String,
    pub read_at: Option<String>,
}

pub trait NotificationStore: Send + Sync {
    fn add_notifications(&self, items: &[NewNotification]) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The judge's latest notifications, newest first, at most `limit`.
    fn notifications(
        &self,
        court: &str,
        judge: &str,
        limit: i64,
    ) -> impl Future<Output = Result<Vec<Notification>, StoreError>> + Send;

    fn unread_notifications(&self, court: &str, judge: &str) -> impl Future<Output = Result<i64, StoreError>> + Send;

    /// Marks the judge's notifications up to `up_to` (all, without it) read; how many were unread.
    fn mark_notifications_read(
        &self,
        court: &str,
        judge: &str,
        up_to: Option<i64>,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;
}

macro_rules! impl_notification_store {
    ($store:ty) => {
        impl $crate::notifications::NotificationStore for $store {
            async fn add_notifications(
                &self,
                items: &[$crate::notifications::NewNotification],
            ) -> Result<(), $crate::StoreError> {
                if items.is_empty() {
                    return Ok(());
                }
                let at = $crate::sql::now_stamp();
                let mut tx = self.writer().begin().await?;
                for n in items {
                    sqlx::query(
                        "INSERT INTO notifications (court, judge, case_no, kind, text, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(&n.court)
                    .bind(&n.judge)
                    .bind(&n.case_no)
                    .bind(&n.kind)
                    .bind(&n.text)
                    .bind(&at)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn notifications(
                &self,
                court: &str,
                judge: &str,
                limit: i64,
            ) -> Result<Vec<$crate::notifications::Notification>, $crate::StoreError> {
                Ok(sqlx::query_as(
                    "SELECT id, court, judge, case_no, kind, text, created_at, read_at FROM notifications \
                     WHERE court = $1 AND judge = $2 ORDER BY id DESC LIMIT $3",
                )
                .bind(court)
                .bind(judge)
                .bind(limit)
                .fetch_all(self.reader())
                .await?)
            }

            async fn unread_notifications(&self, court: &str, judge: &str) -> Result<i64, $crate::StoreError> {
                Ok(sqlx::query_scalar(
                    "SELECT COUNT(*) FROM notifications WHERE court = $1 AND judge = $2 AND read_at IS NULL",
                )
                .bind(court)
                .bind(judge)
                .fetch_one(self.reader())
                .await?)
            }

            async fn mark_notifications_read(
                &self,
                court: &str,
                judge: &str,
                up_to: Option<i64>,
            ) -> Result<u64, $crate::StoreError> {
                let r = sqlx::query(
                    "UPDATE notifications SET read_at = $1 WHERE court = $2 AND judge = $3 AND read_at IS NULL AND id <= $4",
                )
                .bind($crate::sql::now_stamp())
                .bind(court)
                .bind(judge)
                .bind(up_to.unwrap_or(i64::MAX))
                .execute(self.writer())
                .await?;
                Ok(r.rows_affected())
            }
        }
    };
}
pub(crate) use impl_notification_store;

//! The work queues' reads (工作队列): cases waiting for a judge (待分案), extension requests
//! waiting for a decision (待审批), and hearings set within some days (开庭排期). Each answers the
//! candidates of some courts; the caller keeps those the account may read (the queues are short,
//! so the read rule is applied to every row, exactly as a case read applies it).

use std::future::Future;

use chrono::NaiveDate;

use crate::{StoreError, StoredCase};

/// How many rows a queue read returns at most: a queue longer than this is a court's backlog,
/// not a day's work, and the page says so.
pub const QUEUE_LIMIT: i64 = 2000;

pub trait QueueStore: Send + Sync {
    /// Open cases of `courts` with no 承办法官, oldest filing first.
    fn unassigned_cases(&self, courts: &[String]) -> impl Future<Output = Result<Vec<StoredCase>, StoreError>> + Send;

    /// Open cases of `courts` with a pending 延长审限 request, oldest request first.
    fn pending_extensions(&self, courts: &[String])
    -> impl Future<Output = Result<Vec<StoredCase>, StoreError>> + Send;

    /// Cases of `courts` whose next hearing is set between `from` and `to` (both included), by
    /// date, courtroom and 案号.
    fn hearings_between(
        &self,
        courts: &[String],
        from: NaiveDate,
        to: NaiveDate,
    ) -> impl Future<Output = Result<Vec<StoredCase>, StoreError>> + Send;
}

macro_rules! impl_queue_store {
    ($store:ty, $db:ty) => {
        impl $store {
            fn queue_query(courts: &[String], condition: &str) -> sqlx::QueryBuilder<$db> {
                let mut q = sqlx::QueryBuilder::<$db>::new(concat!(
                    "SELECT ",
                    $crate::sql::case_columns!(),
                    " FROM cases WHERE court IN ("
                ));
                let mut list = q.separated(", ");
                for c in courts {
                    list.push_bind(c.clone());
                }
                q.push(") AND ").push(condition.to_owned());
                q
            }
        }

        impl $crate::queues::QueueStore for $store {
            async fn unassigned_cases(&self, courts: &[String]) -> Result<Vec<$crate::StoredCase>, $crate::StoreError> {
                if courts.is_empty() {
                    return Ok(Vec::new());
                }
                let mut q = Self::queue_query(courts, "status <> 'closed' AND judge IS NULL");
                q.push(" ORDER BY filed_on, court, case_no LIMIT ").push_bind($crate::queues::QUEUE_LIMIT);
                $crate::projection::cases(q.build_query_as().fetch_all(self.reader()).await?)
            }

            async fn pending_extensions(
                &self,
                courts: &[String],
            ) -> Result<Vec<$crate::StoredCase>, $crate::StoreError> {
                if courts.is_empty() {
                    return Ok(Vec::new());
                }
                let mut q = Self::queue_query(courts, "status <> 'closed' AND extension_requested_on IS NOT NULL");
                q.push(" ORDER BY extension_requested_on, court, case_no LIMIT ")
                    .push_bind($crate::queues::QUEUE_LIMIT);
                $crate::projection::cases(q.build_query_as().fetch_all(self.reader()).await?)
            }

            async fn hearings_between(
                &self,
                courts: &[String],
                from: chrono::NaiveDate,
                to: chrono::NaiveDate,
            ) -> Result<Vec<$crate::StoredCase>, $crate::StoreError> {
                if courts.is_empty() {
                    return Ok(Vec::new());
                }
                let mut q = Self::queue_query(courts, "status <> 'closed' AND next_hearing >= ");
                q.push_bind(from).push(" AND next_hearing <= ").push_bind(to);
                q.push(" ORDER BY next_hearing, next_room, court, case_no LIMIT ")
                    .push_bind($crate::queues::QUEUE_LIMIT);
                $crate::projection::cases(q.build_query_as().fetch_all(self.reader()).await?)
            }
        }
    };
}
pub(crate) use impl_queue_store;

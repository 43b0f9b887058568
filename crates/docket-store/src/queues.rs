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

/// The lists of the 执行 page: each a read of enforcement cases of some courts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnforcementList {
    /// Open enforcement cases filed between the two dates (both included): those reaching their
    /// three months (法〔2016〕373号第一条第四项) soon, oldest first.
    FiledBetween(NaiveDate, NaiveDate),
    /// 终本案件库: cases closed by 终本, the earliest closing first.
    Terminated,
    /// 涉府: enforcement cases where a government body owes (a respondent with `org_type`
    /// government), open ones first.
    Government,
    /// Cases with a seizure above what was owed (超标的查封), newest filing first.
    OverSeizure,
}

/// How many cases an 执行 list returns at most (a court's 终本 library over five years).
pub const ENFORCEMENT_LIMIT: i64 = 10_000;

pub trait QueueStore: Send + Sync {
    /// One of the 执行 page's lists for `courts`.
    fn enforcement_cases(
        &self,
        courts: &[String],
        list: EnforcementList,
    ) -> impl Future<Output = Result<Vec<StoredCase>, StoreError>> + Send;

    /// Open cases of `courts` with no 承办法官, oldest filing first.
    fn unassigned_cases(&self, courts: &[String]) -> impl Future<Output = Result<Vec<StoredCase>, StoreError>> + Send;

    /// Open cases of `courts` with a pending 延长审限 request, oldest request first.
    fn pending_extensions(&self, courts: &[String])
    -> impl Future<Output = Result<Vec<StoredCase>, StoreError>> + Send;

    /// Cases of `courts` closed on or after `since` that hold a 诉讼费 payment and no refund yet
    /// (a refund may be due), the earliest closing first.
    fn fees_held_closed_since(
        &self,
        courts: &[String],
        since: NaiveDate,
    ) -> impl Future<Output = Result<Vec<StoredCase>, StoreError>> + Send;

    /// Cases of `courts` discussed by the 审判委员会 or a 专业法官会议, or distinguished (典型案例,
    /// 优秀文书, 入库案例) — a `deliberated` or `distinguished` fact — by 案号; the caller reads the
    /// dates and kinds from the facts.
    fn discussed_or_honoured_cases(
        &self,
        courts: &[String],
    ) -> impl Future<Output = Result<Vec<StoredCase>, StoreError>> + Send;

    /// Cases of `courts` with a document waiting for its publication decision (a
    /// `document_issued` no `document_published` has answered), by 案号.
    fn unpublished_document_cases(
        &self,
        courts: &[String],
    ) -> impl Future<Output = Result<Vec<StoredCase>, StoreError>> + Send;

    /// Open cases of `courts` whose latest electronic service failed (an `eservice_log` ending
    /// in `-`), by 案号: those that may wait for service by post (待邮寄送达); the caller replays
    /// them to see which still do.
    fn failed_eservice_cases(
        &self,
        courts: &[String],
    ) -> impl Future<Output = Result<Vec<StoredCase>, StoreError>> + Send;

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
            async fn enforcement_cases(
                &self,
                courts: &[String],
                list: $crate::queues::EnforcementList,
            ) -> Result<Vec<$crate::StoredCase>, $crate::StoreError> {
                use $crate::queues::EnforcementList as L;
                if courts.is_empty() {
                    return Ok(Vec::new());
                }
                let mut q = Self::queue_query(courts, "category = 'enforcement' AND ");
                match list {
                    L::FiledBetween(from, to) => {
                        q.push("status <> 'closed' AND filed_on >= ").push_bind(from);
                        q.push(" AND filed_on <= ").push_bind(to).push(" ORDER BY filed_on, court, case_no");
                    }
                    L::Terminated => {
                        q.push("close_method = 'enforcement_terminated' ORDER BY closed_on, court, case_no");
                    }
                    L::Government => {
                        q.push(
                            "(court, case_no) IN (SELECT court, case_no FROM parties WHERE org_type = 'government' \
                             AND role = 'respondent') ORDER BY status = 'closed', filed_on, court, case_no",
                        );
                    }
                    // 超标的 facts write an `o` into an enforcement case's log (dates and the other
                    // codes have none but a judge's code in a 阅核 request; those are dropped below).
                    L::OverSeizure => {
                        q.push("enforcement_log LIKE '%o%' ORDER BY filed_on DESC, court, case_no");
                    }
                }
                q.push(" LIMIT ").push_bind($crate::queues::ENFORCEMENT_LIMIT);
                let mut rows = $crate::projection::cases(q.build_query_as().fetch_all(self.reader()).await?)?;
                // The pattern is a first cut: a 阅核 request's judge code may hold an `o` too.
                if list == L::OverSeizure {
                    rows.retain(|c| c.enforcement.iter().any(|f| f.fact == $crate::EnforcementFact::OverSeizure));
                }
                Ok(rows)
            }

            async fn fees_held_closed_since(
                &self,
                courts: &[String],
                since: chrono::NaiveDate,
            ) -> Result<Vec<$crate::StoredCase>, $crate::StoreError> {
                if courts.is_empty() {
                    return Ok(Vec::new());
                }
                // A payment is written `f+<fen>` or `f-<fen>`, a refund `r+<fen>` or `r-<fen>`; no
                // other code has an `f` or an `r` followed by a sign.
                let mut q = Self::queue_query(
                    courts,
                    "status = 'closed' AND (enforcement_log LIKE '%f+%' OR enforcement_log LIKE '%f-%') \
                     AND enforcement_log NOT LIKE '%r+%' AND enforcement_log NOT LIKE '%r-%' AND closed_on >= ",
                );
                q.push_bind(since)
                    .push(" ORDER BY closed_on, court, case_no LIMIT ")
                    .push_bind($crate::queues::ENFORCEMENT_LIMIT);
                $crate::projection::cases(q.build_query_as().fetch_all(self.reader()).await?)
            }

            async fn discussed_or_honoured_cases(
                &self,
                courts: &[String],
            ) -> Result<Vec<$crate::StoredCase>, $crate::StoreError> {
                if courts.is_empty() {
                    return Ok(Vec::new());
                }
                // A discussion is written `a0` or `a1` after its date, a distinction `w0`–`w2`; an
                // organisation's or a judge's code may hold the same letters, so the facts decide
                // below.
                let mut q = Self::queue_query(
                    courts,
                    "(enforcement_log LIKE '%a0%' OR enforcement_log LIKE '%a1%' OR enforcement_log LIKE '%w0%' \
                     OR enforcement_log LIKE '%w1%' OR enforcement_log LIKE '%w2%')",
                );
                q.push(" ORDER BY court, case_no LIMIT ").push_bind($crate::queues::ENFORCEMENT_LIMIT);
                let mut rows = $crate::projection::cases(q.build_query_as().fetch_all(self.reader()).await?)?;
                rows.retain(|c| {
                    c.enforcement.iter().any(|f| {
                        matches!(f.fact, $crate::EnforcementFact::Deliberated(_) | $crate::EnforcementFact::Honoured(_))
                    })
                });
                Ok(rows)
            }

            async fn unpublished_document_cases(
                &self,
                courts: &[String],
            ) -> Result<Vec<$crate::StoredCase>, $crate::StoreError> {
                if courts.is_empty() {
                    return Ok(Vec::new());
                }
                // A waiting document is written `y0`–`y4` after its date; codes of organisations
                // or judges may hold the same letters, so the facts decide below.
                let mut q = Self::queue_query(courts, "enforcement_log LIKE '%y%'");
                q.push(" ORDER BY court, case_no LIMIT ").push_bind($crate::queues::ENFORCEMENT_LIMIT);
                let mut rows = $crate::projection::cases(q.build_query_as().fetch_all(self.reader()).await?)?;
                rows.retain(|c| {
                    c.enforcement.iter().any(|f| matches!(f.fact, $crate::EnforcementFact::Document(_, false)))
                });
                Ok(rows)
            }

            async fn failed_eservice_cases(
                &self,
                courts: &[String],
            ) -> Result<Vec<$crate::StoredCase>, $crate::StoreError> {
                if courts.is_empty() {
                    return Ok(Vec::new());
                }
                let mut q = Self::queue_query(courts, "status <> 'closed' AND eservice_log LIKE '%-'");
                q.push(" ORDER BY court, case_no LIMIT ").push_bind($crate::queues::ENFORCEMENT_LIMIT);
                $crate::projection::cases(q.build_query_as().fetch_all(self.reader()).await?)
            }

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

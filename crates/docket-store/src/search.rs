//! Finding cases (案件查询): by part of a 案号, a party's name, an ID number or credit code, and by
//! court, status, judge, department, type, 案由, tag and filing dates, sorted and paged, with the
//! true total. The read rule is part of the query — a sealed case is found only by who may read
//! it — so the total never counts what the searcher may not see.

use std::future::Future;

use chrono::NaiveDate;

use crate::{StoreError, StoredCase};

/// Which sealed cases a search may find.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SealedReach {
    /// None (a higher court's view, an account that is not a judge).
    None,
    /// Those of one judge of one court (the account's own cases).
    Judge { court: String, judge: String },
    /// All of one court's (its leadership: 院长, 庭长).
    Court(String),
}

/// Open or closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    Open,
    Closed,
}

/// The order of the results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SearchSort {
    /// Newest filing first.
    #[default]
    FiledDesc,
    FiledAsc,
    /// By 案号 (court, year, type, number).
    CaseNo,
    /// Open cases by their 审限 (before the holiday rule), soonest first; cases without one last.
    Deadline,
}

/// A search.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CaseSearch {
    /// The courts searched; empty finds nothing.
    pub courts: Vec<String>,
    pub sealed: Option<SealedReach>,
    /// Part of a 案号, part of a party's name, or a whole ID number or credit code.
    pub text: Option<String>,
    pub status: Option<StatusFilter>,
    pub judge: Option<String>,
    pub department: Option<String>,
    pub type_code: Option<String>,
    /// Part of the 案由.
    pub cause: Option<String>,
    pub tag: Option<String>,
    pub filed_from: Option<NaiveDate>,
    pub filed_to: Option<NaiveDate>,
    pub sort: SearchSort,
    pub limit: i64,
    pub offset: i64,
}

/// `text` for a `LIKE … ESCAPE '\'` pattern: `%`, `_` and `\` match themselves.
pub(crate) fn like_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// Searching the case projections.
pub trait SearchStore: Send + Sync {
    /// The page of cases the search finds, and how many it finds in all.
    fn search_cases(
        &self,
        search: &CaseSearch,
    ) -> impl Future<Output = Result<(u64, Vec<StoredCase>), StoreError>> + Send;
}

/// Implements [`SearchStore`] for a backend.
macro_rules! impl_search_store {
    ($store:ident, $db:ident) => {
        impl $store {
            /// The search's conditions, after `WHERE 1 = 1`.
            fn push_search_conditions(q: &mut sqlx::QueryBuilder<$db>, s: &$crate::search::CaseSearch) {
                use $crate::search::{SealedReach, StatusFilter, like_escaped};
                q.push(" AND court IN (");
                let mut courts = q.separated(", ");
                for c in &s.courts {
                    courts.push_bind(c.clone());
                }
                courts.push_unseparated(")");
                match s.sealed.as_ref().unwrap_or(&SealedReach::None) {
                    SealedReach::None => {
                        q.push(" AND sealed = FALSE");
                    }
                    SealedReach::Judge { court, judge } => {
                        q.push(" AND (sealed = FALSE OR (court = ").push_bind(court.clone());
                        q.push(" AND judge = ").push_bind(judge.clone()).push("))");
                    }
                    SealedReach::Court(court) => {
                        q.push(" AND (sealed = FALSE OR court = ").push_bind(court.clone()).push(")");
                    }
                }
                if let Some(text) = &s.text {
                    let pattern = like_escaped(text);
                    q.push(" AND (case_no LIKE ").push_bind(pattern.clone()).push(" ESCAPE '\\'");
                    q.push(" OR EXISTS (SELECT 1 FROM parties p WHERE p.court = cases.court AND p.case_no = cases.case_no AND (p.name LIKE ")
                        .push_bind(pattern)
                        .push(" ESCAPE '\\' OR p.id_number = ")
                        .push_bind(text.clone())
                        .push(")))");
                }
                match s.status {
                    Some(StatusFilter::Open) => {
                        q.push(" AND status <> 'closed'");
                    }
                    Some(StatusFilter::Closed) => {
                        q.push(" AND status = 'closed'");
                    }
                    None => {}
                }
                if let Some(judge) = &s.judge {
                    q.push(" AND judge = ").push_bind(judge.clone());
                }
                if let Some(department) = &s.department {
                    q.push(" AND department = ").push_bind(department.clone());
                }
                if let Some(t) = &s.type_code {
                    q.push(" AND type_code = ").push_bind(t.clone());
                }
                if let Some(cause) = &s.cause {
                    q.push(" AND cause LIKE ").push_bind(like_escaped(cause)).push(" ESCAPE '\\'");
                }
                if let Some(tag) = &s.tag {
                    q.push(" AND (',' || tags || ',') LIKE ").push_bind(format!("%,{tag},%"));
                }
                if let Some(from) = s.filed_from {
                    q.push(" AND filed_on >= ").push_bind(from);
                }
                if let Some(to) = s.filed_to {
                    q.push(" AND filed_on <= ").push_bind(to);
                }
            }
        }

        impl $crate::search::SearchStore for $store {
            async fn search_cases(
                &self,
                s: &$crate::search::CaseSearch,
            ) -> Result<(u64, Vec<$crate::StoredCase>), $crate::StoreError> {
                use $crate::search::SearchSort;
                if s.courts.is_empty() {
                    return Ok((0, Vec::new()));
                }
                let mut count = sqlx::QueryBuilder::<$db>::new("SELECT COUNT(*) FROM cases WHERE 1 = 1");
                Self::push_search_conditions(&mut count, s);
                let total: i64 = count.build_query_scalar().fetch_one(self.reader()).await?;
                let mut q = sqlx::QueryBuilder::<$db>::new(concat!(
                    "SELECT ",
                    $crate::sql::case_columns!(),
                    " FROM cases WHERE 1 = 1"
                ));
                Self::push_search_conditions(&mut q, s);
                q.push(match s.sort {
                    SearchSort::FiledDesc => " ORDER BY filed_on DESC, court, case_no DESC",
                    SearchSort::FiledAsc => " ORDER BY filed_on, court, case_no",
                    SearchSort::CaseNo => " ORDER BY court, year, type_code, seq",
                    SearchSort::Deadline => {
                        " ORDER BY CASE WHEN status = 'closed' OR deadline_unadjusted IS NULL THEN 1 ELSE 0 END, \
                         deadline_unadjusted, court, case_no"
                    }
                });
                q.push(" LIMIT ").push_bind(s.limit).push(" OFFSET ").push_bind(s.offset);
                let rows = $crate::projection::cases(q.build_query_as().fetch_all(self.reader()).await?)?;
                Ok((u64::try_from(total).unwrap_or(0), rows))
            }
        }
    };
}
pub(crate) use impl_search_store;

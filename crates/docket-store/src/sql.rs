//! The SQL both backends share. SQLite and PostgreSQL agree on everything Docket needs here
//! (`$n` parameters, `ON CONFLICT … DO UPDATE`, `RETURNING`, row values), so the `Store`
//! implementation is written once and instantiated per backend by [`impl_sql_store!`]; what
//! differs (pool setup, locking a chain head) lives in each backend's module.

use std::collections::BTreeMap;

use docket_domain::{Court, CourtCode, CourtLevel, Department, Judge, JudgeTitle};

use crate::StoreError;

pub(crate) mod accounts;
pub(crate) mod audit;
pub(crate) mod settings;

/// Rows per multi-row INSERT: under SQLite's 32,766 and PostgreSQL's 65,535 bind parameters for
/// the widest table (`cases`, 41 columns; `chunks_stay_under_the_bind_limit` checks it).
pub(crate) const CHUNK: usize = 700;

/// SQLite's limit on bind parameters in one statement (the lower of the two backends').
#[cfg(test)]
const MAX_BINDS: usize = 32_766;

/// Inserts `$rows` one multi-row statement per [`CHUNK`], building each chunk's statement while
/// the database executes the one before: the SQLite driver executes on its own thread, so the
/// encoding of the next chunk's parameters on ours overlaps it. `$build` makes the statement for
/// `$chunk`; `$done` runs with the rows of each chunk executed (progress).
macro_rules! insert_chunks {
    ($tx:expr, $rows:expr, |$chunk:ident| $build:expr, |$n:ident| $done:expr) => {{
        let mut statements = $rows.chunks($crate::sql::CHUNK).map(|$chunk| ($chunk.len(), $build));
        let mut next = statements.next();
        while let Some((rows, mut q)) = next.take() {
            let (executed, built) = futures::join!(q.build().execute(&mut **$tx), async { statements.next() });
            executed?;
            let $n = rows;
            $done;
            next = built;
        }
    }};
    ($tx:expr, $rows:expr, |$chunk:ident| $build:expr) => {
        $crate::sql::insert_chunks!($tx, $rows, |$chunk| $build, |_n| ())
    };
}
pub(crate) use insert_chunks;

/// A batch of at least this many log entries may defer secondary indexes (see `commit_in`).
pub(crate) const BULK_ROWS: usize = 20_000;

/// `recorded_at` for a commit: UTC, microseconds, RFC 3339.
pub(crate) fn now_stamp() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

#[derive(sqlx::FromRow)]
pub(crate) struct CourtRow {
    pub code: String,
    pub name: String,
    pub level: String,
    pub parent: Option<String>,
}

impl CourtRow {
    pub fn into_court(self) -> Result<Court, StoreError> {
        let corrupt = |what: String| StoreError::Corrupt(format!("courts 表中法院 {}：{what}", self.code));
        let code = CourtCode::parse(&self.code).map_err(|e| corrupt(e.to_string()))?;
        let level = CourtLevel::parse(&self.level).ok_or_else(|| corrupt(format!("层级“{}”无效", self.level)))?;
        let parent = match &self.parent {
            Some(p) => Some(CourtCode::parse(p).map_err(|e| corrupt(e.to_string()))?),
            None => None,
        };
        Ok(Court { code, name: self.name.clone(), level, parent })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct DepartmentRow {
    pub court: String,
    pub code: String,
    pub name: String,
}

impl DepartmentRow {
    pub fn into_department(self) -> Result<Department, StoreError> {
        let court = CourtCode::parse(&self.court).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        Ok(Department { court, code: self.code, name: self.name })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct JudgeRow {
    pub court: String,
    pub code: String,
    pub name: String,
    pub department: Option<String>,
    pub titles: String,
    pub quota: bool,
}

impl JudgeRow {
    pub fn into_judge(self) -> Result<Judge, StoreError> {
        let court = CourtCode::parse(&self.court).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let titles = self
            .titles
            .split(',')
            .filter(|t| !t.is_empty())
            .map(|t| JudgeTitle::parse(t).ok_or_else(|| StoreError::Corrupt(format!("法官职务“{t}”无效"))))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Judge { court, code: self.code, name: self.name, department: self.department, titles, quota: self.quota })
    }
}

pub(crate) fn judge_titles(j: &Judge) -> String {
    j.titles.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(",")
}

/// The highest 案号 sequence per court × type × year among new cases, for the counters.
pub(crate) fn counter_maxima(batch: &crate::Batch) -> BTreeMap<(String, &'static str, i64), i64> {
    let mut max = BTreeMap::new();
    for c in batch.cases.iter().filter(|c| c.new) {
        let n = &c.state.record.case_no;
        let key = (n.court().to_string(), n.type_code(), i64::from(n.year()));
        let e = max.entry(key).or_insert(0);
        *e = (*e).max(i64::from(n.seq()));
    }
    max
}

macro_rules! case_columns {
    () => {
        "court, case_no, year, type_code, seq, category, filed_procedure, procedure, cause, received_on, \
         filed_on, online, claim_amount_fen, tags, origin, sealed, status, judge, department, closed_on, \
         close_method, close_outcome, archived_on, suspended_since, suspension_reason, deducted_days, \
         extensions, extension_pending, recovered_fen, hearings_held, first_setting, last_on, events, \
         deadline_unadjusted, eservice_log, recovery_log, extension_requested_on, extension_length, \
         extension_approver, next_hearing, next_room, hearing_log, enforcement_log"
    };
}
pub(crate) use case_columns;

/// The `Store` implementation shared by both backends. The backend type provides `writer()`,
/// `reader()`, `BACKEND` and `SELECT_HEAD` (which locks the head row where the database needs it).
macro_rules! impl_sql_store {
    ($store:ty, $db:ty) => {
        impl $store {
            async fn commit_in(
                &self,
                tx: &mut sqlx::Transaction<'static, $db>,
                batch: $crate::Batch,
                progress: &dyn $crate::Progress,
            ) -> Result<$crate::CommitReceipt, $crate::StoreError> {
                use $crate::sql::{counter_maxima, judge_titles, now_stamp};
                let recorded_at = now_stamp();

                // Number and hash the entries, court by court, from each chain's head. Heads are
                // locked in court order so two writers never wait on each other in a cycle.
                let mut courts: Vec<&str> = batch.entries.iter().map(|e| e.court.as_str()).collect();
                courts.sort_unstable();
                courts.dedup();
                let mut heads = std::collections::HashMap::new();
                for court in &courts {
                    sqlx::query("INSERT INTO chain_heads (court, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (court) DO NOTHING")
                        .bind(*court)
                        .bind(&docket_domain::chain::GENESIS[..])
                        .execute(&mut **tx)
                        .await?;
                    let head: $crate::ChainHead =
                        sqlx::query_as(Self::SELECT_HEAD).bind(*court).fetch_one(&mut **tx).await?;
                    let hash: docket_domain::chain::Hash = head.hash.as_slice().try_into().map_err(|_| {
                        $crate::StoreError::Corrupt(format!("法院 {court} 的链尾哈希长度错误"))
                    })?;
                    heads.insert(*court, (head.seq, hash));
                }
                let mut rows = Vec::with_capacity(batch.entries.len());
                for e in &batch.entries {
                    let Some(head) = heads.get_mut(e.court.as_str()) else { continue };
                    head.0 += 1;
                    head.1 = docket_domain::chain::link(&head.1, head.0 as u64, &recorded_at, &e.body);
                    rows.push((e, head.0, head.1));
                }
                // A bulk load into a database smaller than the batch builds the secondary indexes
                // once at the end (sorted, much faster than growing them row by row). The drop and
                // the rebuild are in the same transaction: a failed load leaves them as they were,
                // and rebuilding the unique index re-checks every position.
                let deferred: &[(&str, &str)] = if batch.entries.len() >= $crate::sql::BULK_ROWS {
                    let existing: i64 = match Self::ROW_ESTIMATE {
                        Some(sql) => sqlx::query_scalar(sql).fetch_one(&mut **tx).await?,
                        None => i64::MAX,
                    };
                    if existing < batch.entries.len() as i64 { Self::DEFERRED_INDEXES } else { &[] }
                } else {
                    &[]
                };
                for (name, _) in deferred {
                    sqlx::query(sqlx::AssertSqlSafe(format!("DROP INDEX {name}"))).execute(&mut **tx).await?;
                }
                progress.stage("写入日志", rows.len() as u64);
                Self::insert_log(tx, &rows, &recorded_at, progress).await?;
                progress.stage("写入默克尔树", 0);
                let mut leaves = Vec::with_capacity(rows.len());
                for (e, seq, _) in &rows {
                    let hash = $crate::ledger::entry_leaf_hash(e.court.as_str(), *seq, &recorded_at, &e.body)?;
                    leaves.push(($crate::ledger::LEAF_ENTRY, e.court.as_str(), *seq, hash));
                }
                Self::append_leaves(tx, &leaves).await?;
                for (court, (seq, hash)) in &heads {
                    sqlx::query("UPDATE chain_heads SET seq = $1, hash = $2 WHERE court = $3")
                        .bind(*seq)
                        .bind(&hash[..])
                        .bind(*court)
                        .execute(&mut **tx)
                        .await?;
                }

                for c in &batch.courts {
                    sqlx::query(
                        "INSERT INTO courts (code, name, level, parent) VALUES ($1, $2, $3, $4) \
                         ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, parent = excluded.parent",
                    )
                    .bind(c.code.as_str())
                    .bind(&c.name)
                    .bind(c.level.as_str())
                    .bind(c.parent.as_ref().map(|p| p.as_str()))
                    .execute(&mut **tx)
                    .await?;
                }
                for d in &batch.departments {
                    sqlx::query(
                        "INSERT INTO departments (court, code, name) VALUES ($1, $2, $3) \
                         ON CONFLICT (court, code) DO UPDATE SET name = excluded.name",
                    )
                    .bind(d.court.as_str())
                    .bind(&d.code)
                    .bind(&d.name)
                    .execute(&mut **tx)
                    .await?;
                }
                for j in &batch.judges {
                    sqlx::query(
                        "INSERT INTO judges (court, code, name, department, titles, quota) VALUES ($1, $2, $3, $4, $5, $6) \
                         ON CONFLICT (court, code) DO UPDATE SET name = excluded.name, department = excluded.department, \
                         titles = excluded.titles, quota = excluded.quota",
                    )
                    .bind(j.court.as_str())
                    .bind(&j.code)
                    .bind(&j.name)
                    .bind(j.department.as_deref())
                    .bind(judge_titles(j))
                    .bind(j.quota)
                    .execute(&mut **tx)
                    .await?;
                }

                progress.stage("写入案件", batch.cases.len() as u64);
                let states: Vec<&docket_domain::CaseState> = batch.cases.iter().map(|c| &c.state).collect();
                Self::write_cases(tx, &states, true).await?;
                let new_cases: Vec<&docket_domain::CaseState> =
                    batch.cases.iter().filter(|c| c.new).map(|c| &c.state).collect();
                progress.stage("写入当事人", 0);
                Self::write_parties(tx, &new_cases).await?;
                if !deferred.is_empty() {
                    progress.stage("建立索引", 0);
                }
                for (_, create) in deferred {
                    sqlx::query(*create).execute(&mut **tx).await?;
                }
                for ((court, type_code, year), seq) in counter_maxima(&batch) {
                    sqlx::query(
                        "INSERT INTO case_counters (court, type_code, year, last_seq) VALUES ($1, $2, $3, $4) \
                         ON CONFLICT (court, type_code, year) DO UPDATE SET last_seq = \
                         CASE WHEN excluded.last_seq > case_counters.last_seq THEN excluded.last_seq ELSE case_counters.last_seq END",
                    )
                    .bind(court)
                    .bind(type_code)
                    .bind(year)
                    .bind(seq)
                    .execute(&mut **tx)
                    .await?;
                }
                Self::write_settings(tx, &batch.settings, &recorded_at).await?;
                for r in &batch.audit {
                    self.insert_audit(tx, r).await?;
                }
                Ok($crate::CommitReceipt { entries: rows.len() as u64, cases: batch.cases.len() as u64 })
            }

        }

        impl $crate::Store for $store {
            fn backend(&self) -> &'static str {
                Self::BACKEND
            }

            async fn commit(
                &self,
                batch: $crate::Batch,
                progress: &dyn $crate::Progress,
            ) -> Result<$crate::CommitReceipt, $crate::StoreError> {
                let mut tx = self.writer().begin().await?;
                progress.stage("计算哈希链", batch.entries.len() as u64);
                let receipt = self.commit_in(&mut tx, batch, progress).await?;
                progress.stage("提交事务", 0);
                tx.commit().await?;
                Ok(receipt)
            }

            async fn file_case<F>(
                &self,
                court: &docket_domain::CourtCode,
                type_code: &str,
                year: i32,
                build: F,
            ) -> Result<(u32, $crate::CommitReceipt), $crate::StoreError>
            where
                F: FnOnce(u32) -> Result<$crate::Batch, $crate::StoreError> + Send,
            {
                let mut tx = self.writer().begin().await?;
                let seq: i64 = sqlx::query_scalar(
                    "INSERT INTO case_counters (court, type_code, year, last_seq) VALUES ($1, $2, $3, 1) \
                     ON CONFLICT (court, type_code, year) DO UPDATE SET last_seq = case_counters.last_seq + 1 \
                     RETURNING last_seq",
                )
                .bind(court.as_str())
                .bind(type_code)
                .bind(i64::from(year))
                .fetch_one(&mut *tx)
                .await?;
                let seq = u32::try_from(seq).map_err(|_| $crate::StoreError::Corrupt(format!("案号计数器溢出：{seq}")))?;
                let receipt = self.commit_in(&mut tx, build(seq)?, &$crate::NoProgress).await?;
                tx.commit().await?;
                Ok((seq, receipt))
            }

            async fn replace_case_projections(
                &self,
                cases: Vec<docket_domain::CaseState>,
            ) -> Result<u64, $crate::StoreError> {
                let mut tx = self.writer().begin().await?;
                sqlx::query("DELETE FROM parties").execute(&mut *tx).await?;
                sqlx::query("DELETE FROM search_terms").execute(&mut *tx).await?;
                sqlx::query("DELETE FROM portal_links").execute(&mut *tx).await?;
                sqlx::query("DELETE FROM cases").execute(&mut *tx).await?;
                let states: Vec<&docket_domain::CaseState> = cases.iter().collect();
                Self::write_cases(&mut tx, &states, false).await?;
                Self::write_parties(&mut tx, &states).await?;
                sqlx::query("DELETE FROM projection_rebuilds").execute(&mut *tx).await?;
                tx.commit().await?;
                Ok(cases.len() as u64)
            }

            async fn projection_rebuilds(&self) -> Result<Vec<String>, $crate::StoreError> {
                Ok(sqlx::query_scalar("SELECT reason FROM projection_rebuilds ORDER BY migration")
                    .fetch_all(self.reader())
                    .await?)
            }

            async fn courts(&self) -> Result<Vec<docket_domain::Court>, $crate::StoreError> {
                let rows: Vec<$crate::sql::CourtRow> =
                    sqlx::query_as("SELECT code, name, level, parent FROM courts ORDER BY code")
                        .fetch_all(self.reader())
                        .await?;
                rows.into_iter().map($crate::sql::CourtRow::into_court).collect()
            }

            async fn departments(&self) -> Result<Vec<docket_domain::Department>, $crate::StoreError> {
                let rows: Vec<$crate::sql::DepartmentRow> =
                    sqlx::query_as("SELECT court, code, name FROM departments ORDER BY court, code")
                        .fetch_all(self.reader())
                        .await?;
                rows.into_iter().map($crate::sql::DepartmentRow::into_department).collect()
            }

            async fn judges(&self) -> Result<Vec<docket_domain::Judge>, $crate::StoreError> {
                let rows: Vec<$crate::sql::JudgeRow> = sqlx::query_as(
                    "SELECT court, code, name, department, titles, quota FROM judges ORDER BY court, code",
                )
                .fetch_all(self.reader())
                .await?;
                rows.into_iter().map($crate::sql::JudgeRow::into_judge).collect()
            }

            async fn existing_cases(
                &self,
                case_nos: &[docket_domain::CaseNumber],
            ) -> Result<Vec<docket_domain::CaseNumber>, $crate::StoreError> {
                let mut by_court: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
                for n in case_nos {
                    by_court.entry(n.court().as_str()).or_default().push(n.to_string());
                }
                let mut found = Vec::new();
                for (court, nos) in by_court {
                    for chunk in nos.chunks($crate::sql::CHUNK) {
                        let mut q = sqlx::QueryBuilder::<$db>::new("SELECT case_no FROM cases WHERE court = ");
                        q.push_bind(court).push(" AND case_no IN (");
                        let mut sep = q.separated(", ");
                        for n in chunk {
                            sep.push_bind(n.as_str());
                        }
                        q.push(")");
                        let rows: Vec<String> = q.build_query_scalar().fetch_all(self.reader()).await?;
                        for r in rows {
                            found.push(
                                docket_domain::CaseNumber::parse(&r)
                                    .map_err(|e| $crate::StoreError::Corrupt(e.to_string()))?,
                            );
                        }
                    }
                }
                Ok(found)
            }

            async fn case_entries(
                &self,
                case_no: &docket_domain::CaseNumber,
            ) -> Result<Vec<$crate::LogEntry>, $crate::StoreError> {
                Ok(sqlx::query_as(
                    "SELECT court, seq, kind, case_no, case_seq, on_date, event_type, recorded_at, body, hash \
                     FROM log WHERE court = $1 AND case_no = $2 ORDER BY case_seq",
                )
                .bind(case_no.court().as_str())
                .bind(case_no.to_string())
                .fetch_all(self.reader())
                .await?)
            }

            async fn case(
                &self,
                case_no: &docket_domain::CaseNumber,
            ) -> Result<Option<$crate::StoredCase>, $crate::StoreError> {
                let row: Option<$crate::projection::CaseRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::case_columns!(),
                    " FROM cases WHERE court = $1 AND case_no = $2"
                ))
                .bind(case_no.court().as_str())
                .bind(case_no.to_string())
                .fetch_optional(self.reader())
                .await?;
                row.map($crate::projection::CaseRow::into_case).transpose()
            }

            async fn case_parties(
                &self,
                case_no: &docket_domain::CaseNumber,
            ) -> Result<Vec<$crate::StoredParty>, $crate::StoreError> {
                let rows: Vec<$crate::projection::PartyRow> = sqlx::query_as(
                    "SELECT court, case_no, idx, role, kind, name, id_type, id_number, org_type FROM parties \
                     WHERE court = $1 AND case_no = $2 ORDER BY idx",
                )
                .bind(case_no.court().as_str())
                .bind(case_no.to_string())
                .fetch_all(self.reader())
                .await?;
                rows.into_iter().map($crate::projection::PartyRow::into_party).collect()
            }

            async fn cases_with_party(
                &self,
                court_prefix: &str,
                id_number: Option<&str>,
                organisation: Option<&str>,
                limit: i64,
            ) -> Result<Vec<$crate::StoredCase>, $crate::StoreError> {
                $crate::projection::cases(sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::case_columns!(),
                    " FROM cases WHERE court LIKE $1 AND (court, case_no) IN (SELECT court, case_no FROM parties \
                     WHERE id_number = $2 OR (kind = 'organization' AND name = $3)) \
                     ORDER BY filed_on DESC, case_no LIMIT $4"
                ))
                .bind(format!("{court_prefix}%"))
                .bind(id_number)
                .bind(organisation)
                .bind(limit)
                .fetch_all(self.reader())
                .await?)
            }

            async fn derived_cases(
                &self,
                case_no: &docket_domain::CaseNumber,
            ) -> Result<Vec<String>, $crate::StoreError> {
                Ok(sqlx::query_scalar("SELECT case_no FROM cases WHERE origin = $1 ORDER BY filed_on, case_no")
                    .bind(case_no.to_string())
                    .fetch_all(self.reader())
                    .await?)
            }

            async fn all_cases(&self) -> Result<Vec<$crate::StoredCase>, $crate::StoreError> {
                $crate::projection::cases(sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::case_columns!(),
                    " FROM cases ORDER BY court, case_no"
                ))
                .fetch_all(self.reader())
                .await?)
            }

            async fn all_parties(&self) -> Result<Vec<$crate::StoredParty>, $crate::StoreError> {
                let rows: Vec<$crate::projection::PartyRow> = sqlx::query_as(
                    "SELECT court, case_no, idx, role, kind, name, id_type, id_number, org_type FROM parties \
                     ORDER BY court, case_no, idx",
                )
                .fetch_all(self.reader())
                .await?;
                rows.into_iter().map($crate::projection::PartyRow::into_party).collect()
            }

            async fn all_case_facts(&self) -> Result<Vec<$crate::StoredFacts>, $crate::StoreError> {
                let rows: Vec<$crate::projection::FactsRow> = sqlx::query_as(
                    "SELECT court, case_no, cause, received_on, filed_on, online, claim_amount_fen, tags, origin, \
                     judge, department, closed_on, close_method, suspended_since, deducted_days, extensions, \
                     hearings_held, first_setting, deadline_unadjusted, eservice_log, recovery_log, hearing_log, \
                     enforcement_log FROM cases",
                )
                .fetch_all(self.reader())
                .await?;
                rows.into_iter().map($crate::projection::FactsRow::into_facts).collect()
            }

            async fn scan_log(
                &self,
                kind: Option<$crate::EntryKind>,
                after: Option<(String, i64)>,
                limit: i64,
            ) -> Result<Vec<$crate::LogEntry>, $crate::StoreError> {
                let mut q = sqlx::QueryBuilder::<$db>::new(
                    "SELECT court, seq, kind, case_no, case_seq, on_date, event_type, recorded_at, body, hash \
                     FROM log WHERE 1 = 1",
                );
                if let Some(kind) = kind {
                    // A literal, not a parameter, so a partial index on one kind (log_management) applies.
                    q.push(format!(" AND kind = '{}'", kind.as_str()));
                }
                if let Some((court, seq)) = &after {
                    q.push(" AND (court > ").push_bind(court.as_str());
                    q.push(" OR (court = ").push_bind(court.as_str()).push(" AND seq > ").push_bind(*seq).push("))");
                }
                q.push(" ORDER BY court, seq LIMIT ").push_bind(limit);
                Ok(q.build_query_as().fetch_all(self.reader()).await?)
            }

            async fn cases_open_at(
                &self,
                as_of: chrono::NaiveDate,
                filter: &$crate::CaseFilter,
            ) -> Result<Vec<$crate::StoredCase>, $crate::StoreError> {
                let mut q = sqlx::QueryBuilder::<$db>::new(concat!(
                    "SELECT ",
                    $crate::sql::case_columns!(),
                    " FROM cases WHERE filed_on <= "
                ));
                q.push_bind(as_of).push(" AND (closed_on IS NULL OR closed_on > ").push_bind(as_of).push(")");
                if let Some(court) = &filter.court {
                    q.push(" AND court = ").push_bind(court.as_str());
                }
                if let Some(judge) = &filter.judge {
                    q.push(" AND judge = ").push_bind(judge.as_str());
                }
                if let Some(department) = &filter.department {
                    q.push(" AND department = ").push_bind(department.as_str());
                }
                q.push(" ORDER BY court, case_no");
                $crate::projection::cases(q.build_query_as().fetch_all(self.reader()).await?)
            }

            async fn chain_heads(&self) -> Result<Vec<$crate::ChainHead>, $crate::StoreError> {
                Ok(sqlx::query_as("SELECT court, seq, hash FROM chain_heads ORDER BY court")
                    .fetch_all(self.reader())
                    .await?)
            }

            async fn summary(&self) -> Result<$crate::Summary, $crate::StoreError> {
                let count = |sql: &'static str| async move {
                    sqlx::query_scalar::<_, i64>(sql).fetch_one(self.reader()).await
                };
                Ok($crate::Summary {
                    courts: count("SELECT COUNT(*) FROM courts").await?,
                    departments: count("SELECT COUNT(*) FROM departments").await?,
                    judges: count("SELECT COUNT(*) FROM judges").await?,
                    cases: count("SELECT COUNT(*) FROM cases").await?,
                    open_cases: count("SELECT COUNT(*) FROM cases WHERE status <> 'closed'").await?,
                    log_entries: count("SELECT COUNT(*) FROM log").await?,
                    cases_by_type: sqlx::query_as(
                        "SELECT type_code, COUNT(*) AS n FROM cases GROUP BY type_code ORDER BY n DESC, type_code",
                    )
                    .fetch_all(self.reader())
                    .await?,
                })
            }

            async fn name_of(&self, what: $crate::Named<'_>) -> Result<Option<String>, $crate::StoreError> {
                Ok(match what {
                    $crate::Named::Court(c) => {
                        sqlx::query_scalar("SELECT name FROM courts WHERE code = $1")
                            .bind(c)
                            .fetch_optional(self.reader())
                            .await?
                    }
                    $crate::Named::Judge(c, j) => {
                        sqlx::query_scalar("SELECT name FROM judges WHERE court = $1 AND code = $2")
                            .bind(c)
                            .bind(j)
                            .fetch_optional(self.reader())
                            .await?
                    }
                    $crate::Named::Department(c, d) => {
                        sqlx::query_scalar("SELECT name FROM departments WHERE court = $1 AND code = $2")
                            .bind(c)
                            .bind(d)
                            .fetch_optional(self.reader())
                            .await?
                    }
                })
            }

            async fn list_cases(
                &self,
                filter: &$crate::CaseFilter,
                open_only: bool,
                limit: i64,
                offset: i64,
            ) -> Result<Vec<$crate::StoredCase>, $crate::StoreError> {
                let mut q = sqlx::QueryBuilder::<$db>::new(concat!(
                    "SELECT ",
                    $crate::sql::case_columns!(),
                    " FROM cases WHERE 1 = 1"
                ));
                if open_only {
                    q.push(" AND status <> 'closed'");
                }
                if let Some(court) = &filter.court {
                    q.push(" AND court = ").push_bind(court.as_str());
                }
                if let Some(judge) = &filter.judge {
                    q.push(" AND judge = ").push_bind(judge.as_str());
                }
                if let Some(department) = &filter.department {
                    q.push(" AND department = ").push_bind(department.as_str());
                }
                q.push(" ORDER BY filed_on DESC, case_no DESC LIMIT ").push_bind(limit).push(" OFFSET ").push_bind(offset);
                $crate::projection::cases(q.build_query_as().fetch_all(self.reader()).await?)
            }

        }
    };
}
pub(crate) use impl_sql_store;

/// Bulk writes with bound parameters: multi-row `INSERT … VALUES` statements. (Binding each
/// chunk as one JSON array unpacked by SQLite's `json_each` was measured slower: every `->>`
/// re-parses the row.)
macro_rules! impl_bound_bulk_writes {
    ($store:ty, $db:ty) => {
        impl $store {
            /// Inserts numbered, hashed entries with bound parameters, many rows a statement.
            async fn insert_log(
                tx: &mut sqlx::Transaction<'static, $db>,
                rows: &[(&$crate::NewEntry, i64, docket_domain::chain::Hash)],
                recorded_at: &str,
                progress: &dyn $crate::Progress,
            ) -> Result<(), $crate::StoreError> {
                $crate::sql::insert_chunks!(tx, rows, |chunk| {
                    let mut q = sqlx::QueryBuilder::<$db>::new(
                        "INSERT INTO log (court, seq, kind, case_no, case_seq, on_date, event_type, recorded_at, body, hash) ",
                    );
                    q.push_values(chunk, |mut b, (e, seq, hash)| {
                        b.push_bind(e.court.as_str())
                            .push_bind(*seq)
                            .push_bind(e.kind.as_str())
                            .push_bind(e.case.as_ref().map(|(n, _)| n.to_string()))
                            .push_bind(e.case.as_ref().map(|(_, s)| i64::from(*s)))
                            .push_bind(e.on)
                            .push_bind(e.event_type)
                            .push_bind(recorded_at)
                            .push_bind(e.body.as_str())
                            .push_bind(&hash[..]);
                    });
                    q
                }, |n| progress.advance(n as u64));
                Ok(())
            }

            async fn write_cases(
                tx: &mut sqlx::Transaction<'static, $db>,
                states: &[&docket_domain::CaseState],
                upsert: bool,
            ) -> Result<(), $crate::StoreError> {
                $crate::sql::insert_chunks!(tx, states, |chunk| {
                    let rows: Vec<$crate::projection::CaseRow> = chunk.iter().map(|s| $crate::projection::CaseRow::from_state(s)).collect();
                    let mut q = sqlx::QueryBuilder::<$db>::new(concat!("INSERT INTO cases (", $crate::sql::case_columns!(), ") "));
                    q.push_values(&rows, |mut b, r| {
                        b.push_bind(&r.court)
                            .push_bind(&r.case_no)
                            .push_bind(r.year)
                            .push_bind(&r.type_code)
                            .push_bind(r.seq)
                            .push_bind(&r.category)
                            .push_bind(&r.filed_procedure)
                            .push_bind(&r.procedure)
                            .push_bind(&r.cause)
                            .push_bind(r.received_on)
                            .push_bind(r.filed_on)
                            .push_bind(r.online)
                            .push_bind(r.claim_amount_fen)
                            .push_bind(&r.tags)
                            .push_bind(r.origin.as_deref())
                            .push_bind(r.sealed)
                            .push_bind(&r.status)
                            .push_bind(r.judge.as_deref())
                            .push_bind(r.department.as_deref())
                            .push_bind(r.closed_on)
                            .push_bind(r.close_method.as_deref())
                            .push_bind(r.close_outcome.as_deref())
                            .push_bind(r.archived_on)
                            .push_bind(r.suspended_since)
                            .push_bind(r.suspension_reason.as_deref())
                            .push_bind(r.deducted_days)
                            .push_bind(r.extensions)
                            .push_bind(r.extension_pending)
                            .push_bind(r.recovered_fen)
                            .push_bind(r.hearings_held)
                            .push_bind(&r.first_setting)
                            .push_bind(r.last_on)
                            .push_bind(r.events)
                            .push_bind(r.deadline_unadjusted)
                            .push_bind(&r.eservice_log)
                            .push_bind(&r.recovery_log)
                            .push_bind(r.extension_requested_on)
                            .push_bind(r.extension_length.as_deref())
                            .push_bind(r.extension_approver.as_deref())
                            .push_bind(r.next_hearing)
                            .push_bind(r.next_room.as_deref())
                            .push_bind(&r.hearing_log)
                            .push_bind(&r.enforcement_log);
                    });
                    if upsert {
                        q.push(
                            " ON CONFLICT (court, case_no) DO UPDATE SET procedure = excluded.procedure, \
                             status = excluded.status, judge = excluded.judge, department = excluded.department, \
                             closed_on = excluded.closed_on, close_method = excluded.close_method, \
                             close_outcome = excluded.close_outcome, archived_on = excluded.archived_on, \
                             suspended_since = excluded.suspended_since, suspension_reason = excluded.suspension_reason, \
                             deducted_days = excluded.deducted_days, extensions = excluded.extensions, \
                             extension_pending = excluded.extension_pending, recovered_fen = excluded.recovered_fen, \
                             hearings_held = excluded.hearings_held, first_setting = excluded.first_setting, \
                             last_on = excluded.last_on, events = excluded.events, \
                             deadline_unadjusted = excluded.deadline_unadjusted, \
                             eservice_log = excluded.eservice_log, recovery_log = excluded.recovery_log, \
                             extension_requested_on = excluded.extension_requested_on, \
                             extension_length = excluded.extension_length, \
                             extension_approver = excluded.extension_approver, \
                             next_hearing = excluded.next_hearing, next_room = excluded.next_room, \
                             hearing_log = excluded.hearing_log, enforcement_log = excluded.enforcement_log",
                        );
                    }
                    q
                });
                Ok(())
            }

            async fn write_parties(
                tx: &mut sqlx::Transaction<'static, $db>,
                states: &[&docket_domain::CaseState],
            ) -> Result<(), $crate::StoreError> {
                let rows: Vec<$crate::projection::PartyRow> = states
                    .iter()
                    .flat_map(|s| s.record.parties.iter().enumerate().map(|(i, p)| $crate::projection::PartyRow::from_party(s, i, p)))
                    .collect();
                $crate::sql::insert_chunks!(tx, rows, |chunk| {
                    let mut q = sqlx::QueryBuilder::<$db>::new(
                        "INSERT INTO parties (court, case_no, idx, role, kind, name, id_type, id_number, org_type) ",
                    );
                    q.push_values(chunk, |mut b, r| {
                        b.push_bind(&r.court)
                            .push_bind(&r.case_no)
                            .push_bind(r.idx)
                            .push_bind(&r.role)
                            .push_bind(&r.kind)
                            .push_bind(&r.name)
                            .push_bind(r.id_type.as_deref())
                            .push_bind(r.id_number.as_deref())
                            .push_bind(r.org_type.as_deref());
                    });
                    q
                });
                Self::write_search_terms(tx, states).await?;
                Self::write_portal_links(tx, states).await
            }
        }
    };
}
pub(crate) use impl_bound_bulk_writes;

#[cfg(test)]
mod tests;

//! The Merkle log's storage (`docket_tlog`): leaves and perfect-subtree nodes appended in the
//! same transaction as the entries or the evidence they cover, signed checkpoints, and the
//! evidence vault (content-addressed files with their provenance).

use std::future::Future;

use docket_tlog::{Hash, Subtree};

use crate::StoreError;

/// Leaf kinds in `tree_leaves.kind`.
pub const LEAF_ENTRY: &str = "entry";
pub const LEAF_EVIDENCE: &str = "evidence";

/// A leaf with the item it stands for, as stored (for verification: the leaf hash is recomputed
/// from the item's columns and compared).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct LeafItem {
    pub idx: i64,
    pub kind: String,
    pub court: String,
    pub seq: i64,
    pub hash: Vec<u8>,
    /// The log row of an entry leaf (absent when the row is gone).
    pub entry_recorded_at: Option<String>,
    pub entry_body: Option<String>,
    /// The evidence row of an evidence leaf.
    #[sqlx(flatten)]
    pub evidence: EvidenceColumns,
}

/// The evidence columns of a [`LeafItem`] (all absent for entries or a missing row).
#[derive(Debug, Clone, PartialEq, Eq, Default, sqlx::FromRow)]
pub struct EvidenceColumns {
    pub case_no: Option<String>,
    pub number: Option<i64>,
    pub ev_recorded_at: Option<String>,
    pub sha256: Option<Vec<u8>>,
    pub size: Option<i64>,
    pub name: Option<String>,
    pub media_type: Option<String>,
    pub source: Option<String>,
    pub method: Option<String>,
    pub stored_by: Option<String>,
}

/// A signed checkpoint as issued.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CheckpointRow {
    pub size: i64,
    pub root: Vec<u8>,
    /// The whole signed note.
    pub note: String,
    pub issued_at: String,
}

/// A stored evidence item (证据).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct EvidenceRow {
    pub court: String,
    /// The court's evidence sequence (the leaf's reference).
    pub seq: i64,
    pub case_no: String,
    /// Number within the case: 1, 2, …
    pub number: i64,
    pub recorded_at: String,
    pub sha256: Vec<u8>,
    pub size: i64,
    pub name: String,
    pub media_type: String,
    pub source: String,
    pub method: String,
    pub stored_by: String,
}

/// An evidence file to store; the store numbers it, stamps it and adds its leaf.
#[derive(Debug, Clone)]
pub struct NewEvidence {
    pub court: String,
    pub case_no: String,
    pub content: Vec<u8>,
    pub name: String,
    pub media_type: String,
    pub source: String,
    pub method: String,
    pub stored_by: String,
    /// The audit line of the upload, written in the same transaction.
    pub audit: Option<crate::AuditRow>,
}

/// The Merkle log, its checkpoints and the evidence vault. Every `Store` is one.
pub trait LedgerStore {
    /// The number of leaves.
    fn tree_size(&self) -> impl Future<Output = Result<u64, StoreError>> + Send;

    /// The hashes of these perfect subtrees, in the order asked; a missing one is
    /// [`StoreError::Corrupt`].
    fn tree_nodes(&self, nodes: &[Subtree]) -> impl Future<Output = Result<Vec<Hash>, StoreError>> + Send;

    /// The stored nodes of one level with `from <= idx < to` (verification), by index.
    fn tree_level(
        &self,
        level: u8,
        from: u64,
        to: u64,
    ) -> impl Future<Output = Result<Vec<(i64, Vec<u8>)>, StoreError>> + Send;

    /// How many interior nodes are stored.
    fn tree_node_count(&self) -> impl Future<Output = Result<u64, StoreError>> + Send;

    /// The leaf index of an item (`LEAF_ENTRY` or `LEAF_EVIDENCE`, court, seq).
    fn leaf_index(
        &self,
        kind: &str,
        court: &str,
        seq: i64,
    ) -> impl Future<Output = Result<Option<u64>, StoreError>> + Send;

    /// Leaves after `after` (exclusive; `None` from the start) in order, with their items.
    fn scan_leaves(
        &self,
        after: Option<u64>,
        limit: i64,
    ) -> impl Future<Output = Result<Vec<LeafItem>, StoreError>> + Send;

    /// Records a signed checkpoint (a second one of the same size is ignored).
    fn add_checkpoint(&self, row: CheckpointRow) -> impl Future<Output = Result<(), StoreError>> + Send;
    fn latest_checkpoint(&self) -> impl Future<Output = Result<Option<CheckpointRow>, StoreError>> + Send;
    /// Every checkpoint, smallest first.
    fn checkpoints(&self) -> impl Future<Output = Result<Vec<CheckpointRow>, StoreError>> + Send;
    /// The smallest checkpoint covering `size` leaves or more.
    fn checkpoint_at_least(&self, size: u64) -> impl Future<Output = Result<Option<CheckpointRow>, StoreError>> + Send;

    /// Stores an evidence file and its leaf in one transaction: the content once per SHA-256,
    /// the item numbered after the case's last.
    fn add_evidence(&self, item: NewEvidence) -> impl Future<Output = Result<EvidenceRow, StoreError>> + Send;
    /// A case's evidence, by number.
    fn case_evidence(
        &self,
        court: &str,
        case_no: &str,
    ) -> impl Future<Output = Result<Vec<EvidenceRow>, StoreError>> + Send;
    fn evidence_item(
        &self,
        court: &str,
        case_no: &str,
        number: i64,
    ) -> impl Future<Output = Result<Option<EvidenceRow>, StoreError>> + Send;
    fn evidence_content(&self, sha256: &[u8]) -> impl Future<Output = Result<Option<Vec<u8>>, StoreError>> + Send;
    /// Every stored content hash.
    fn evidence_blobs(&self) -> impl Future<Output = Result<Vec<Vec<u8>>, StoreError>> + Send;
    /// How many log rows there are (each must have a leaf).
    fn log_count(&self) -> impl Future<Output = Result<u64, StoreError>> + Send;
}

/// A stored count or index, which is never negative.
pub(crate) fn sizes(n: i64) -> Result<u64, StoreError> {
    u64::try_from(n).map_err(|_| StoreError::Corrupt(format!("树的大小为负：{n}")))
}

pub(crate) fn as_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

pub(crate) fn hash_of(bytes: &[u8], what: &str) -> Result<Hash, StoreError> {
    bytes.try_into().map_err(|_| StoreError::Corrupt(format!("{what}的哈希长度不是 32 字节")))
}

/// Orders fetched `(level, idx, hash)` rows as asked.
pub(crate) fn in_order(nodes: &[Subtree], rows: Vec<(i64, i64, Vec<u8>)>) -> Result<Vec<Hash>, StoreError> {
    let found: std::collections::HashMap<(i64, i64), Vec<u8>> = rows.into_iter().map(|(l, i, h)| ((l, i), h)).collect();
    nodes
        .iter()
        .map(|s| {
            let h = found
                .get(&(i64::from(s.level), as_i64(s.index)))
                .ok_or_else(|| StoreError::Corrupt(format!("默克尔树缺少节点（层 {}，序号 {}）", s.level, s.index)))?;
            hash_of(h, "默克尔树节点")
        })
        .collect()
}

/// The `LedgerStore` implementation and the leaf-appending helper both backends share.
macro_rules! impl_ledger {
    ($store:ty, $db:ty) => {
        impl $store {
            /// Fetches perfect-subtree hashes: leaves from `tree_leaves`, the rest from `tree_nodes`.
            async fn fetch_nodes<'c, E>(ex: E, nodes: &[docket_tlog::Subtree]) -> Result<Vec<docket_tlog::Hash>, $crate::StoreError>
            where
                E: sqlx::Executor<'c, Database = $db>,
            {
                if nodes.is_empty() {
                    return Ok(vec![]);
                }
                let mut q = sqlx::QueryBuilder::<$db>::new("SELECT CAST(0 AS BIGINT) AS level, idx, hash FROM tree_leaves WHERE idx IN (-1");
                for s in nodes.iter().filter(|s| s.level == 0) {
                    q.push(", ").push_bind($crate::ledger::as_i64(s.index));
                }
                q.push(") UNION ALL SELECT level, idx, hash FROM tree_nodes WHERE (level = -1");
                for s in nodes.iter().filter(|s| s.level > 0) {
                    q.push(" OR (level = ").push_bind(i64::from(s.level)).push(" AND idx = ").push_bind($crate::ledger::as_i64(s.index)).push(")");
                }
                q.push(")");
                let rows: Vec<(i64, i64, Vec<u8>)> = q.build_query_as().fetch_all(ex).await?;
                $crate::ledger::in_order(nodes, rows)
            }

            /// Appends leaves (kind, court, seq, leaf hash) to the tree, in order, with every
            /// perfect subtree they complete; the caller's transaction makes it atomic with the
            /// items. The tree head is locked first, so leaves are numbered by one writer at a time.
            pub(crate) async fn append_leaves(
                tx: &mut sqlx::Transaction<'static, $db>,
                leaves: &[(&'static str, &str, i64, docket_tlog::Hash)],
            ) -> Result<(), $crate::StoreError> {
                if leaves.is_empty() {
                    return Ok(());
                }
                let size: i64 = sqlx::query_scalar(Self::LOCK_TREE).fetch_one(&mut **tx).await?;
                let size = $crate::ledger::sizes(size)?;
                let edge_nodes = docket_tlog::tree::root_nodes(size);
                let edge = Self::fetch_nodes(&mut **tx, &edge_nodes).await?;
                let mut frontier = docket_tlog::Frontier::new(size, edge)
                    .map_err(|e| $crate::StoreError::Corrupt(e.to_string()))?;
                let mut leaf_rows = Vec::with_capacity(leaves.len());
                let mut node_rows = Vec::with_capacity(leaves.len());
                for (kind, court, seq, hash) in leaves {
                    for (s, h) in frontier.push(*hash) {
                        if s.level == 0 {
                            leaf_rows.push(($crate::ledger::as_i64(s.index), *kind, *court, *seq, h));
                        } else {
                            node_rows.push((i64::from(s.level), $crate::ledger::as_i64(s.index), h));
                        }
                    }
                }
                $crate::sql::insert_chunks!(tx, leaf_rows, |chunk| {
                    let mut q = sqlx::QueryBuilder::<$db>::new("INSERT INTO tree_leaves (idx, kind, court, seq, hash) ");
                    q.push_values(chunk, |mut b, (idx, kind, court, seq, h)| {
                        b.push_bind(*idx).push_bind(*kind).push_bind(*court).push_bind(*seq).push_bind(&h[..]);
                    });
                    q
                });
                $crate::sql::insert_chunks!(tx, node_rows, |chunk| {
                    let mut q = sqlx::QueryBuilder::<$db>::new("INSERT INTO tree_nodes (level, idx, hash) ");
                    q.push_values(chunk, |mut b, (level, idx, h)| {
                        b.push_bind(*level).push_bind(*idx).push_bind(&h[..]);
                    });
                    q
                });
                sqlx::query("UPDATE tree_head SET size = $1 WHERE id = 1")
                    .bind($crate::ledger::as_i64(frontier.size()))
                    .execute(&mut **tx)
                    .await?;
                Ok(())
            }

            /// Gives every log entry of a database older than the tree its leaf (once, at open).
            pub(crate) async fn backfill_tree(pool: &sqlx::Pool<$db>) -> Result<(), $crate::StoreError> {
                let pending: bool = sqlx::query_scalar("SELECT backfill FROM tree_head WHERE id = 1").fetch_one(pool).await?;
                if !pending {
                    return Ok(());
                }
                let mut tx = pool.begin().await?;
                let mut after: (String, i64) = (String::new(), -1);
                loop {
                    let rows: Vec<(String, i64, String, String)> = sqlx::query_as(
                        "SELECT court, seq, recorded_at, body FROM log WHERE (court, seq) > ($1, $2) ORDER BY court, seq LIMIT 20000",
                    )
                    .bind(&after.0)
                    .bind(after.1)
                    .fetch_all(&mut *tx)
                    .await?;
                    let Some(last) = rows.last() else { break };
                    after = (last.0.clone(), last.1);
                    let mut leaves = Vec::with_capacity(rows.len());
                    for (court, seq, recorded_at, body) in &rows {
                        let hash = $crate::ledger::entry_leaf_hash(court, *seq, recorded_at, body)?;
                        leaves.push(($crate::ledger::LEAF_ENTRY, court.as_str(), *seq, hash));
                    }
                    Self::append_leaves(&mut tx, &leaves).await?;
                }
                sqlx::query("UPDATE tree_head SET backfill = FALSE WHERE id = 1").execute(&mut *tx).await?;
                tx.commit().await?;
                Ok(())
            }
        }

        impl $crate::LedgerStore for $store {
            async fn tree_size(&self) -> Result<u64, $crate::StoreError> {
                let n: i64 = sqlx::query_scalar("SELECT size FROM tree_head WHERE id = 1").fetch_one(self.reader()).await?;
                $crate::ledger::sizes(n)
            }

            async fn tree_nodes(&self, nodes: &[docket_tlog::Subtree]) -> Result<Vec<docket_tlog::Hash>, $crate::StoreError> {
                Self::fetch_nodes(self.reader(), nodes).await
            }

            async fn tree_level(&self, level: u8, from: u64, to: u64) -> Result<Vec<(i64, Vec<u8>)>, $crate::StoreError> {
                Ok(sqlx::query_as("SELECT idx, hash FROM tree_nodes WHERE level = $1 AND idx >= $2 AND idx < $3 ORDER BY idx")
                    .bind(i64::from(level))
                    .bind($crate::ledger::as_i64(from))
                    .bind($crate::ledger::as_i64(to))
                    .fetch_all(self.reader())
                    .await?)
            }

            async fn tree_node_count(&self) -> Result<u64, $crate::StoreError> {
                let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM tree_nodes").fetch_one(self.reader()).await?;
                $crate::ledger::sizes(n)
            }

            async fn leaf_index(&self, kind: &str, court: &str, seq: i64) -> Result<Option<u64>, $crate::StoreError> {
                let idx: Option<i64> = sqlx::query_scalar("SELECT idx FROM tree_leaves WHERE kind = $1 AND court = $2 AND seq = $3")
                    .bind(kind)
                    .bind(court)
                    .bind(seq)
                    .fetch_optional(self.reader())
                    .await?;
                idx.map($crate::ledger::sizes).transpose()
            }

            async fn scan_leaves(&self, after: Option<u64>, limit: i64) -> Result<Vec<$crate::LeafItem>, $crate::StoreError> {
                Ok(sqlx::query_as(
                    "SELECT t.idx, t.kind, t.court, t.seq, t.hash, \
                            l.recorded_at AS entry_recorded_at, l.body AS entry_body, \
                            e.case_no, e.number, e.recorded_at AS ev_recorded_at, e.sha256, e.size, e.name, \
                            e.media_type, e.source, e.method, e.stored_by \
                     FROM tree_leaves t \
                     LEFT JOIN log l ON t.kind = 'entry' AND l.court = t.court AND l.seq = t.seq \
                     LEFT JOIN evidence e ON t.kind = 'evidence' AND e.court = t.court AND e.seq = t.seq \
                     WHERE t.idx > $1 ORDER BY t.idx LIMIT $2",
                )
                .bind(after.map_or(-1, $crate::ledger::as_i64))
                .bind(limit)
                .fetch_all(self.reader())
                .await?)
            }

            async fn add_checkpoint(&self, row: $crate::CheckpointRow) -> Result<(), $crate::StoreError> {
                sqlx::query("INSERT INTO checkpoints (size, root, note, issued_at) VALUES ($1, $2, $3, $4) ON CONFLICT (size) DO NOTHING")
                    .bind(row.size)
                    .bind(&row.root)
                    .bind(&row.note)
                    .bind(&row.issued_at)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            async fn latest_checkpoint(&self) -> Result<Option<$crate::CheckpointRow>, $crate::StoreError> {
                Ok(sqlx::query_as("SELECT size, root, note, issued_at FROM checkpoints ORDER BY size DESC LIMIT 1")
                    .fetch_optional(self.reader())
                    .await?)
            }

            async fn checkpoints(&self) -> Result<Vec<$crate::CheckpointRow>, $crate::StoreError> {
                Ok(sqlx::query_as("SELECT size, root, note, issued_at FROM checkpoints ORDER BY size")
                    .fetch_all(self.reader())
                    .await?)
            }

            async fn checkpoint_at_least(&self, size: u64) -> Result<Option<$crate::CheckpointRow>, $crate::StoreError> {
                Ok(sqlx::query_as("SELECT size, root, note, issued_at FROM checkpoints WHERE size >= $1 ORDER BY size LIMIT 1")
                    .bind($crate::ledger::as_i64(size))
                    .fetch_optional(self.reader())
                    .await?)
            }

            async fn add_evidence(&self, item: $crate::NewEvidence) -> Result<$crate::EvidenceRow, $crate::StoreError> {
                use sha2::Digest as _;
                let sha256: docket_tlog::Hash = sha2::Sha256::digest(&item.content).into();
                let mut tx = self.writer().begin().await?;
                // The tree head lock serialises evidence numbering as well as the leaves.
                let _: i64 = sqlx::query_scalar(Self::LOCK_TREE).fetch_one(&mut *tx).await?;
                let (seq, number): (i64, i64) = sqlx::query_as(
                    "SELECT (SELECT COALESCE(MAX(seq), 0) + 1 FROM evidence WHERE court = $1), \
                            (SELECT COALESCE(MAX(number), 0) + 1 FROM evidence WHERE court = $1 AND case_no = $2)",
                )
                .bind(&item.court)
                .bind(&item.case_no)
                .fetch_one(&mut *tx)
                .await?;
                let row = $crate::EvidenceRow {
                    court: item.court,
                    seq,
                    case_no: item.case_no,
                    number,
                    recorded_at: $crate::sql::now_stamp(),
                    sha256: sha256.to_vec(),
                    size: item.content.len() as i64,
                    name: item.name,
                    media_type: item.media_type,
                    source: item.source,
                    method: item.method,
                    stored_by: item.stored_by,
                };
                sqlx::query("INSERT INTO evidence_blobs (sha256, content) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING")
                    .bind(&row.sha256)
                    .bind(&item.content)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "INSERT INTO evidence (court, seq, case_no, number, recorded_at, sha256, size, name, media_type, source, method, stored_by) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                )
                .bind(&row.court)
                .bind(row.seq)
                .bind(&row.case_no)
                .bind(row.number)
                .bind(&row.recorded_at)
                .bind(&row.sha256)
                .bind(row.size)
                .bind(&row.name)
                .bind(&row.media_type)
                .bind(&row.source)
                .bind(&row.method)
                .bind(&row.stored_by)
                .execute(&mut *tx)
                .await?;
                let leaf = $crate::ledger::evidence_leaf(&row)?;
                Self::append_leaves(&mut tx, &[($crate::ledger::LEAF_EVIDENCE, row.court.as_str(), row.seq, leaf)]).await?;
                if let Some(r) = &item.audit {
                    self.insert_audit(&mut tx, r).await?;
                }
                tx.commit().await?;
                Ok(row)
            }

            async fn case_evidence(&self, court: &str, case_no: &str) -> Result<Vec<$crate::EvidenceRow>, $crate::StoreError> {
                Ok(sqlx::query_as(
                    "SELECT court, seq, case_no, number, recorded_at, sha256, size, name, media_type, source, method, stored_by \
                     FROM evidence WHERE court = $1 AND case_no = $2 ORDER BY number",
                )
                .bind(court)
                .bind(case_no)
                .fetch_all(self.reader())
                .await?)
            }

            async fn evidence_item(&self, court: &str, case_no: &str, number: i64) -> Result<Option<$crate::EvidenceRow>, $crate::StoreError> {
                Ok(sqlx::query_as(
                    "SELECT court, seq, case_no, number, recorded_at, sha256, size, name, media_type, source, method, stored_by \
                     FROM evidence WHERE court = $1 AND case_no = $2 AND number = $3",
                )
                .bind(court)
                .bind(case_no)
                .bind(number)
                .fetch_optional(self.reader())
                .await?)
            }

            async fn evidence_content(&self, sha256: &[u8]) -> Result<Option<Vec<u8>>, $crate::StoreError> {
                Ok(sqlx::query_scalar("SELECT content FROM evidence_blobs WHERE sha256 = $1")
                    .bind(sha256)
                    .fetch_optional(self.reader())
                    .await?)
            }

            async fn evidence_blobs(&self) -> Result<Vec<Vec<u8>>, $crate::StoreError> {
                Ok(sqlx::query_scalar("SELECT sha256 FROM evidence_blobs ORDER BY sha256").fetch_all(self.reader()).await?)
            }

            async fn log_count(&self) -> Result<u64, $crate::StoreError> {
                let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM log").fetch_one(self.reader()).await?;
                $crate::ledger::sizes(n)
            }
        }
    };
}
pub(crate) use impl_ledger;

/// The leaf hash of a log entry.
pub(crate) fn entry_leaf_hash(court: &str, seq: i64, recorded_at: &str, body: &str) -> Result<Hash, StoreError> {
    docket_tlog::Leaf::Entry {
        court: court.to_string(),
        seq: u64::try_from(seq).map_err(|_| StoreError::Corrupt(format!("日志序号为负：{seq}")))?,
        recorded_at: recorded_at.to_string(),
        body: body.to_string(),
    }
    .hash()
    .map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// The leaf of an evidence row.
pub fn evidence_leaf_of(row: &EvidenceRow) -> Result<docket_tlog::Leaf, StoreError> {
    Ok(docket_tlog::Leaf::Evidence {
        court: row.court.clone(),
        case_no: row.case_no.clone(),
        number: u32::try_from(row.number).map_err(|_| StoreError::Corrupt(format!("证据序号无效：{}", row.number)))?,
        recorded_at: row.recorded_at.clone(),
        sha256: hash_of(&row.sha256, "证据内容")?,
        size: u64::try_from(row.size).map_err(|_| StoreError::Corrupt(format!("证据大小无效：{}", row.size)))?,
        provenance: docket_tlog::Provenance {
            name: row.name.clone(),
            media_type: row.media_type.clone(),
            source: row.source.clone(),
            method: row.method.clone(),
            stored_by: row.stored_by.clone(),
        },
    })
}

pub(crate) fn evidence_leaf(row: &EvidenceRow) -> Result<Hash, StoreError> {
    evidence_leaf_of(row)?.hash().map_err(|e| StoreError::Corrupt(e.to_string()))
}

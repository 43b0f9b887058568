//! The tamper-evident record as use cases: the log's signing key (a file outside the database),
//! signed checkpoints, inclusion and consistency proofs, verification bundles, the evidence vault
//! (upload checks, provenance) and the check of the whole Merkle log against its items and its
//! signed checkpoints.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::Path;

use docket_domain::CaseNumber;
use docket_store::{
    CheckpointRow, EvidenceRow, LEAF_ENTRY, LEAF_EVIDENCE, LeafItem, NewEvidence, Store, evidence_leaf_of,
};
use docket_tlog::tree::{self, Subtree};
use docket_tlog::{
    BUNDLE_FORMAT, Bundle, Checkpoint, ConsistencyProof, Frontier, Hash, InclusionProof, Leaf, SignerKey, VerifierKey,
};

use crate::evidence_check::MEDIA_TYPES;
use crate::{AppError, Docket, FieldError, Reporter};

/// Evidence files larger than this are refused (20 MiB).
pub const MAX_EVIDENCE_BYTES: usize = 20 * 1024 * 1024;

/// Reads the log's signing key from `path`; when the file does not exist, creates a new key named
/// `name` and writes it there, readable by its owner only. Returns the key and whether it is new.
pub fn signer_from_file(path: &Path, name: &str) -> Result<(SignerKey, bool), AppError> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let key = SignerKey::parse(&text)
                .map_err(|e| AppError::Invalid(format!("签名密钥文件 {}：{e}", path.display())))?;
            Ok((key, false))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut seed = [0u8; 32];
            getrandom::fill(&mut seed).map_err(|e| AppError::Invalid(format!("无法取得随机数：{e}")))?;
            let key = SignerKey::from_seed(name, seed).map_err(|e| AppError::Invalid(e.to_string()))?;
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = options.open(path)?;
            file.write_all(format!("{}\n", key.to_private_string()).as_bytes())?;
            file.sync_all()?;
            Ok((key, true))
        }
        Err(e) => Err(e.into()),
    }
}

/// A name for a new log key: `docket.local/log-` and eight random hex digits (a deployment
/// normally sets its own, e.g. its court's domain).
pub fn new_log_name() -> Result<String, AppError> {
    let mut b = [0u8; 4];
    getrandom::fill(&mut b).map_err(|e| AppError::Unavailable(format!("无法取得随机数：{e}")))?;
    Ok(format!("docket.local/log-{:02x}{:02x}{:02x}{:02x}", b[0], b[1], b[2], b[3]))
}

/// An evidence file as uploaded, before checks.
#[derive(Debug, Clone)]
pub struct EvidenceUpload {
    pub case_no: String,
    pub name: String,
    /// The media type the uploader declares; checked against the content.
    pub media_type: String,
    pub source: String,
    pub method: String,
    pub content: Vec<u8>,
}

fn text_field(errors: &mut Vec<FieldError>, field: &str, label: &str, value: &str, max: usize) -> String {
    let v = value.trim();
    if v.is_empty() {
        errors.push(FieldError::new(field, format!("请填写{label}")));
    } else if v.chars().count() > max {
        errors.push(FieldError::new(field, format!("{label}不能超过 {max} 个字")));
    } else if v.chars().any(char::is_control) {
        errors.push(FieldError::new(field, format!("{label}不能含控制字符")));
    }
    v.to_string()
}

/// What the check of the Merkle log found.
#[derive(Debug, Clone, Default)]
pub struct LedgerReport {
    pub leaves: u64,
    pub entry_leaves: u64,
    pub evidence_leaves: u64,
    pub checkpoints: u64,
    /// Whether the checkpoints' signatures were checked (a verifier key was available).
    pub signatures_checked: bool,
    /// Each problem found, in Chinese.
    pub problems: Vec<String>,
}

impl LedgerReport {
    pub fn is_intact(&self) -> bool {
        self.problems.is_empty()
    }
}

const PAGE: i64 = 20_000;
const MAX_PROBLEMS: usize = 50;

fn push_problem(r: &mut LedgerReport, p: String) {
    if r.problems.len() < MAX_PROBLEMS {
        r.problems.push(p);
    } else if r.problems.len() == MAX_PROBLEMS {
        r.problems.push("……问题过多，其余从略".into());
    }
}

/// The leaf an item's stored columns say it should be (None when the item is gone).
fn expected_leaf(l: &LeafItem) -> Result<Option<Leaf>, String> {
    match l.kind.as_str() {
        LEAF_ENTRY => {
            let (Some(recorded_at), Some(body)) = (&l.entry_recorded_at, &l.entry_body) else { return Ok(None) };
            Ok(Some(Leaf::Entry {
                court: l.court.clone(),
                seq: u64::try_from(l.seq).map_err(|_| "序号为负".to_string())?,
                recorded_at: recorded_at.clone(),
                body: body.clone(),
            }))
        }
        LEAF_EVIDENCE => {
            let e = &l.evidence;
            let (Some(case_no), Some(number), Some(recorded_at), Some(sha256), Some(size)) =
                (&e.case_no, e.number, &e.ev_recorded_at, &e.sha256, e.size)
            else {
                return Ok(None);
            };
            let row = EvidenceRow {
                court: l.court.clone(),
                seq: l.seq,
                case_no: case_no.clone(),
                number,
                recorded_at: recorded_at.clone(),
                sha256: sha256.clone(),
                size,
                name: e.name.clone().unwrap_or_default(),
                media_type: e.media_type.clone().unwrap_or_default(),
                source: e.source.clone().unwrap_or_default(),
                method: e.method.clone().unwrap_or_default(),
                stored_by: e.stored_by.clone().unwrap_or_default(),
            };
            evidence_leaf_of(&row).map(Some).map_err(|e| e.to_string())
        }
        other => Err(format!("未知的叶子类型“{other}”")),
    }
}

fn describe(l: &LeafItem) -> String {
    match l.kind.as_str() {
        LEAF_ENTRY => format!("叶子 {}（法院 {} 日志第 {} 条）", l.idx, l.court, l.seq),
        _ => format!(
            "叶子 {}（{} 证据 {}）",
            l.idx,
            l.evidence.case_no.as_deref().unwrap_or("?"),
            l.evidence.number.map_or("?".to_string(), |n| n.to_string())
        ),
    }
}

impl<S: Store> Docket<S> {
    /// Fetches perfect subtrees in one query and serves them to a proof function.
    async fn with_nodes<T>(
        &self,
        needed: Vec<Subtree>,
        f: impl FnOnce(&mut dyn FnMut(Subtree) -> Hash) -> T,
    ) -> Result<T, AppError> {
        let hashes = self.store().tree_nodes(&needed).await?;
        let map: HashMap<Subtree, Hash> = needed.into_iter().zip(hashes).collect();
        Ok(f(&mut |s| map.get(&s).copied().unwrap_or([0; 32])))
    }

    /// The root of the tree at `size` leaves (at most the current size).
    pub async fn tree_root(&self, size: u64) -> Result<Hash, AppError> {
        let nodes = tree::root_nodes(size);
        self.with_nodes(nodes, |get| tree::root(size, get)).await
    }

    /// Signs a checkpoint of the tree as it is now, unless the latest one already covers it.
    pub async fn issue_checkpoint(&self, signer: &SignerKey) -> Result<CheckpointRow, AppError> {
        let size = self.store().tree_size().await?;
        if let Some(latest) = self.store().latest_checkpoint().await?
            && latest.size as u64 == size
            && Self::signed_by(&latest, &signer.verifier())
        {
            return Ok(latest);
        }
        let root = self.tree_root(size).await?;
        let note = Checkpoint { origin: signer.name().to_string(), size, root }
            .sign(signer)
            .map_err(|e| AppError::Invalid(e.to_string()))?;
        let row = CheckpointRow {
            size: size as i64,
            root: root.to_vec(),
            note,
            issued_at: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        };
        self.store().add_checkpoint(row.clone()).await?;
        Ok(row)
    }

    fn signed_by(row: &CheckpointRow, key: &VerifierKey) -> bool {
        Checkpoint::open(&row.note, key).is_ok_and(|c| c.size == row.size as u64 && c.root[..] == row.root[..])
    }

    /// The checkpoint a proof of leaf `index` ends in: the first one covering it, or a new one.
    async fn checkpoint_covering(&self, index: u64, signer: Option<&SignerKey>) -> Result<CheckpointRow, AppError> {
        if let Some(c) = self.store().checkpoint_at_least(index + 1).await? {
            return Ok(c);
        }
        match signer {
            Some(s) => self.issue_checkpoint(s).await,
            None => Err(AppError::NotFound("尚无覆盖此条目的检查点（需要签名密钥签发）".into())),
        }
    }

    async fn inclusion(
        &self,
        index: u64,
        leaf: &Leaf,
        signer: Option<&SignerKey>,
    ) -> Result<(InclusionProof, CheckpointRow), AppError> {
        let checkpoint = self.checkpoint_covering(index, signer).await?;
        let size = checkpoint.size as u64;
        let needed = tree::inclusion_nodes(index, size).map_err(|e| AppError::Invalid(e.to_string()))?;
        let proof = self
            .with_nodes(needed, |get| tree::inclusion_proof(index, size, get))
            .await?
            .map_err(|e| AppError::Invalid(e.to_string()))?;
        let leaf_hash = leaf.hash().map_err(|e| AppError::Corrupt(e.to_string()))?;
        let root: Hash =
            checkpoint.root.as_slice().try_into().map_err(|_| AppError::Corrupt("检查点根哈希长度错误".into()))?;
        let p = InclusionProof { leaf_index: index, tree_size: size, leaf_hash, proof, root };
        // A proof that does not verify means the stored tree and its items disagree.
        p.verify().map_err(|e| AppError::Corrupt(format!("包含证明不成立（日志可能被改动）：{e}")))?;
        Ok((p, checkpoint))
    }

    /// The leaf of entry `case_seq` of a case (0 = the filing) and its index.
    async fn entry_leaf(&self, case_no: &CaseNumber, case_seq: u32) -> Result<(u64, Leaf), AppError> {
        let entries = self.store().case_entries(case_no).await?;
        let e = entries
            .iter()
            .find(|e| e.case_seq == Some(i64::from(case_seq)))
            .ok_or_else(|| AppError::NotFound(format!("{case_no} 第 {case_seq} 条记录")))?;
        let index = self
            .store()
            .leaf_index(LEAF_ENTRY, &e.court, e.seq)
            .await?
            .ok_or_else(|| AppError::Corrupt(format!("{case_no} 第 {case_seq} 条记录不在默克尔树中")))?;
        let leaf = Leaf::Entry {
            court: e.court.clone(),
            seq: e.seq as u64,
            recorded_at: e.recorded_at.clone(),
            body: e.body.clone(),
        };
        Ok((index, leaf))
    }

    /// The inclusion proof of a case's entry `case_seq` against the first checkpoint covering it
    /// (issued now with `signer` when there is none yet).
    pub async fn entry_proof(
        &self,
        case_no: &CaseNumber,
        case_seq: u32,
        signer: Option<&SignerKey>,
    ) -> Result<(InclusionProof, CheckpointRow), AppError> {
        let (index, leaf) = self.entry_leaf(case_no, case_seq).await?;
        self.inclusion(index, &leaf, signer).await
    }

    /// A consistency proof between two tree sizes (the newer at most the current size).
    pub async fn consistency_proof(&self, size1: u64, size2: u64) -> Result<ConsistencyProof, AppError> {
        let current = self.store().tree_size().await?;
        if size2 > current {
            return Err(AppError::Invalid(format!("新树大小 {size2} 超过当前大小 {current}")));
        }
        let needed = tree::consistency_nodes(size1, size2).map_err(|e| AppError::Invalid(e.to_string()))?;
        self.with_nodes(needed, |get| {
            let proof = tree::consistency_proof(size1, size2, get)?;
            Ok(ConsistencyProof { size1, size2, root1: tree::root(size1, get), root2: tree::root(size2, get), proof })
        })
        .await?
        .map_err(|e: tree::ProofRequestError| AppError::Invalid(e.to_string()))
    }

    /// A verification bundle for a case's entry `case_seq`.
    pub async fn entry_bundle(
        &self,
        case_no: &CaseNumber,
        case_seq: u32,
        signer: &SignerKey,
    ) -> Result<Bundle, AppError> {
        let (index, leaf) = self.entry_leaf(case_no, case_seq).await?;
        let (inclusion, checkpoint) = self.inclusion(index, &leaf, Some(signer)).await?;
        Ok(Bundle {
            format: BUNDLE_FORMAT.into(),
            leaf: leaf.text().map_err(|e| AppError::Corrupt(e.to_string()))?,
            file: None,
            inclusion,
            checkpoint: checkpoint.note,
            verifier_key: signer.verifier().to_string(),
        })
    }

    /// A verification bundle for evidence item `number` of a case, with the file.
    pub async fn evidence_bundle(
        &self,
        court: &str,
        case_no: &str,
        number: i64,
        signer: &SignerKey,
    ) -> Result<Bundle, AppError> {
        use base64::Engine as _;
        let (row, content) = self.evidence_file(court, case_no, number).await?;
        let leaf = evidence_leaf_of(&row)?;
        let index = self
            .store()
            .leaf_index(LEAF_EVIDENCE, court, row.seq)
            .await?
            .ok_or_else(|| AppError::Corrupt(format!("{case_no} 证据 {number} 不在默克尔树中")))?;
        let (inclusion, checkpoint) = self.inclusion(index, &leaf, Some(signer)).await?;
        Ok(Bundle {
            format: BUNDLE_FORMAT.into(),
            leaf: leaf.text().map_err(|e| AppError::Corrupt(e.to_string()))?,
            file: Some(base64::engine::general_purpose::STANDARD.encode(&content)),
            inclusion,
            checkpoint: checkpoint.note,
            verifier_key: signer.verifier().to_string(),
        })
    }

    /// Checks an upload and stores it with its provenance and its leaf, and — when an account
    /// uploads it — the audit line, all in one transaction. Refusals name the field (`file`,
    /// `media_type`, `source`, `method`) in Chinese; nothing is stored then.
    pub async fn add_evidence(
        &self,
        court: &str,
        upload: EvidenceUpload,
        stored_by: &str,
        audited_as: Option<&crate::Account>,
    ) -> Result<EvidenceRow, AppError> {
        let mut errors = Vec::new();
        let name = upload.name.rsplit(['/', '\\']).next().unwrap_or_default().to_string();
        let name = text_field(&mut errors, "file", "文件名", &name, 200);
        let source = text_field(&mut errors, "source", "证据来源", &upload.source, 100);
        let method = text_field(&mut errors, "method", "收集方式", &upload.method, 100);
        // Evidence marked as the party's own is stored only by the party's account.
        if method == crate::portal::PARTY_METHOD && !audited_as.is_some_and(|a| a.role.is_portal()) {
            errors.push(FieldError::new("method", format!("“{method}”只用于当事人在诉讼服务中提交的证据")));
        }
        if upload.content.is_empty() {
            errors.push(FieldError::new("file", "文件为空"));
        } else if upload.content.len() > MAX_EVIDENCE_BYTES {
            errors.push(FieldError::new("file", format!("文件超过 {} MB 的上限", MAX_EVIDENCE_BYTES / 1024 / 1024)));
        }
        match MEDIA_TYPES.iter().find(|(t, _)| *t == upload.media_type) {
            None => errors.push(FieldError::new("media_type", format!("不接受的文件类型“{}”", upload.media_type))),
            Some((t, label)) => {
                if let Some(problem) = crate::evidence_check::name_problem(t, label, &name) {
                    errors.push(FieldError::new("file", problem));
                }
                if !upload.content.is_empty()
                    && let Some(problem) = crate::evidence_check::content_problem(t, label, &upload.content)
                {
                    errors.push(FieldError::new("media_type", problem));
                }
            }
        }
        if !errors.is_empty() {
            return Err(AppError::Fields(errors));
        }
        let audit = audited_as.map(|a| {
            use sha2::Digest as _;
            let sha256: [u8; 32] = sha2::Sha256::digest(&upload.content).into();
            let detail = format!("证据「{name}」SHA-256 {}", docket_domain::chain::hex(&sha256));
            crate::accounts::audit_by(a, "add_evidence", &upload.case_no, &detail)
        });
        let row = self
            .store()
            .add_evidence(NewEvidence {
                court: court.to_string(),
                case_no: upload.case_no,
                content: upload.content,
                name,
                media_type: upload.media_type,
                source,
                method,
                stored_by: stored_by.to_string(),
                audit,
            })
            .await?;
        Ok(row)
    }

    /// An evidence item and its file; the file's hash is checked before it is served.
    pub async fn evidence_file(
        &self,
        court: &str,
        case_no: &str,
        number: i64,
    ) -> Result<(EvidenceRow, Vec<u8>), AppError> {
        use sha2::Digest as _;
        let row = self
            .store()
            .evidence_item(court, case_no, number)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("{case_no} 证据 {number}")))?;
        let content = self
            .store()
            .evidence_content(&row.sha256)
            .await?
            .ok_or_else(|| AppError::Corrupt(format!("{case_no} 证据 {number} 的文件缺失")))?;
        if sha2::Sha256::digest(&content)[..] != row.sha256[..] {
            return Err(AppError::Corrupt(format!("{case_no} 证据 {number} 的文件与登记的哈希不符")));
        }
        Ok((row, content))
    }

    /// Checks the whole Merkle log: each leaf against the item it stands for, every stored node
    /// against the leaves, every checkpoint's root against the tree at its size (and its signature
    /// when a key is given), every log row has a leaf, every evidence file its hash.
    pub async fn verify_ledger(
        &self,
        key: Option<&VerifierKey>,
        reporter: &dyn Reporter,
    ) -> Result<LedgerReport, AppError> {
        use sha2::Digest as _;
        let mut r = LedgerReport { signatures_checked: key.is_some(), ..LedgerReport::default() };
        let size = self.store().tree_size().await?;
        let checkpoints = self.store().checkpoints().await?;
        r.checkpoints = checkpoints.len() as u64;
        let mut pending_cps = checkpoints.iter().peekable();
        reporter.stage("校验默克尔树", size);
        let mut f = Frontier::default();
        let mut nodes_expected = 0u64;
        let mut check_cps = |f: &Frontier, r: &mut LedgerReport| {
            while let Some(cp) = pending_cps.next_if(|c| c.size as u64 <= f.size()) {
                if cp.size as u64 != f.size() {
                    continue;
                }
                if cp.root[..] != f.root()[..] {
                    // Rewritten history: the signed root no longer matches the leaves.
                    push_problem(r, format!("检查点（大小 {}）的根哈希与树不符：日志在签发后被改写", cp.size));
                }
                if let Some(k) = key
                    && !Self::signed_by(cp, k)
                {
                    push_problem(r, format!("检查点（大小 {}）的签名无效或不是由 {} 签署", cp.size, k.name()));
                }
            }
        };
        check_cps(&f, &mut r);
        let mut after = None;
        loop {
            let page = self.store().scan_leaves(after, PAGE).await?;
            let Some(last) = page.last() else { break };
            after = Some(last.idx as u64);
            let mut emitted: Vec<(Subtree, Hash)> = Vec::new();
            for l in &page {
                if l.idx as u64 != f.size() {
                    push_problem(&mut r, format!("叶子序号不连续：应为 {}，实为 {}", f.size(), l.idx));
                }
                let stored: Hash = l.hash.as_slice().try_into().unwrap_or([0; 32]);
                let leaf_hash = match expected_leaf(l) {
                    Ok(Some(leaf)) => {
                        let h = leaf.hash().unwrap_or([0; 32]);
                        if h != stored {
                            push_problem(&mut r, format!("{}：记录内容与叶子哈希不符（记录被修改）", describe(l)));
                        }
                        h
                    }
                    Ok(None) => {
                        push_problem(&mut r, format!("{}：对应的记录不存在（记录被删除）", describe(l)));
                        stored
                    }
                    Err(why) => {
                        push_problem(&mut r, format!("{}：{why}", describe(l)));
                        stored
                    }
                };
                match l.kind.as_str() {
                    LEAF_ENTRY => r.entry_leaves += 1,
                    _ => {
                        r.evidence_leaves += 1;
                        if let Some(sha) = &l.evidence.sha256 {
                            match self.store().evidence_content(sha).await? {
                                None => push_problem(&mut r, format!("{}：证据文件缺失", describe(l))),
                                Some(c) if sha2::Sha256::digest(&c)[..] != sha[..] => {
                                    push_problem(&mut r, format!("{}：证据文件内容被改动", describe(l)))
                                }
                                Some(_) => {}
                            }
                        }
                    }
                }
                for (s, h) in f.push(leaf_hash) {
                    if s.level > 0 {
                        emitted.push((s, h));
                    }
                }
                check_cps(&f, &mut r);
            }
            nodes_expected += emitted.len() as u64;
            self.compare_nodes(&emitted, &mut r).await?;
            r.leaves += page.len() as u64;
            reporter.advance(page.len() as u64);
        }
        if f.size() != size {
            push_problem(&mut r, format!("树头记录的大小为 {size}，叶子有 {} 个", f.size()));
        }
        for cp in pending_cps {
            push_problem(
                &mut r,
                format!("检查点（大小 {}）超出了现有的树（{} 个叶子）：叶子被删除", cp.size, f.size()),
            );
        }
        let stored_nodes = self.store().tree_node_count().await?;
        if stored_nodes != nodes_expected {
            push_problem(&mut r, format!("树节点应有 {nodes_expected} 个，实有 {stored_nodes} 个"));
        }
        let log_rows = self.store().log_count().await?;
        let entry_leaves = r.entry_leaves;
        if log_rows != entry_leaves {
            push_problem(&mut r, format!("日志有 {log_rows} 条记录，树中有 {entry_leaves} 条：记录与默克尔树不一致"));
        }
        Ok(r)
    }

    /// Compares recomputed interior nodes with the stored ones, one range query per level.
    async fn compare_nodes(&self, emitted: &[(Subtree, Hash)], r: &mut LedgerReport) -> Result<(), AppError> {
        let mut by_level: std::collections::BTreeMap<u8, Vec<(u64, Hash)>> = Default::default();
        for (s, h) in emitted {
            by_level.entry(s.level).or_default().push((s.index, *h));
        }
        for (level, want) in by_level {
            let (from, to) = (want[0].0, want[want.len() - 1].0 + 1);
            let got: HashMap<u64, Vec<u8>> =
                self.store().tree_level(level, from, to).await?.into_iter().map(|(i, h)| (i as u64, h)).collect();
            for (idx, h) in want {
                match got.get(&idx) {
                    Some(g) if g[..] == h[..] => {}
                    Some(_) => push_problem(r, format!("树节点（层 {level}，序号 {idx}）与叶子算出的不符")),
                    None => push_problem(r, format!("树节点（层 {level}，序号 {idx}）缺失")),
                }
            }
        }
        Ok(())
    }
}

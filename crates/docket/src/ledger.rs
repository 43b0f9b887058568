//! The tamper-evident record on the command line: the signing key file, checkpoints, proofs,
//! evidence and offline bundle verification.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use docket_app::{AppError, Docket, EvidenceUpload};
use docket_domain::CaseNumber;
use docket_store::Store;
use docket_tlog::{Bundle, Leaf, SignerKey, VerifierKey};

use crate::cli::{EvidenceCommand, ProofCommand};

/// Where the log's signing key lives: `--log-key`, else beside an SQLite file, else
/// `./docket-log.key`.
pub fn key_path(explicit: Option<PathBuf>, url: &str) -> PathBuf {
    if let Some(p) = explicit {
        return p;
    }
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return PathBuf::from("./docket-log.key");
    }
    let path = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url);
    PathBuf::from(format!("{path}.log-key"))
}

/// The signing key, created on first use (name from `DOCKET_LOG_NAME`, else a random one).
pub fn signer(path: &Path) -> Result<SignerKey> {
    let name = match std::env::var("DOCKET_LOG_NAME") {
        Ok(name) => name,
        Err(_) => docket_app::new_log_name()?,
    };
    let (key, created) =
        docket_app::signer_from_file(path, &name).with_context(|| format!("签名密钥文件 {}", path.display()))?;
    if created {
        eprintln!(
            "已创建默克尔日志签名密钥 {}（请妥善备份，不要放入数据库）；公钥：{}",
            path.display(),
            key.verifier()
        );
    }
    Ok(key)
}

/// The verifier key of an existing key file, without creating one.
pub fn existing_verifier(path: &Path) -> Result<Option<VerifierKey>> {
    if !path.exists() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(path).with_context(|| format!("无法读取 {}", path.display()))?;
    let key = SignerKey::parse(&text).map_err(|e| anyhow::anyhow!("签名密钥文件 {}：{e}", path.display()))?;
    Ok(Some(key.verifier()))
}

pub fn parse_case_no(s: &str) -> Result<CaseNumber> {
    CaseNumber::parse(s).map_err(|e| anyhow::anyhow!("案号 {s}：{e}"))
}

fn write_json(path: &Path, value: &impl serde::Serialize) -> Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    std::fs::write(path, text + "\n").with_context(|| format!("无法写入 {}", path.display()))
}

pub async fn checkpoint<S: Store>(docket: &Docket<S>, key: &SignerKey, verifier_only: bool) -> Result<ExitCode> {
    if verifier_only {
        println!("{}", key.verifier());
    } else {
        let row = docket.issue_checkpoint(key).await?;
        print!("{}", row.note);
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn proof<S: Store>(docket: &Docket<S>, command: ProofCommand, key: &SignerKey) -> Result<ExitCode> {
    match command {
        ProofCommand::Event { case_no, seq, bundle } => {
            let n = parse_case_no(&case_no)?;
            let (proof, checkpoint) = docket.entry_proof(&n, seq, Some(key)).await?;
            println!("{}", serde_json::to_string(&proof)?);
            eprintln!("检查点（树大小 {}）：\n{}", checkpoint.size, checkpoint.note);
            if let Some(path) = bundle {
                write_json(&path, &docket.entry_bundle(&n, seq, key).await?)?;
                eprintln!("核验包已写入 {}（docket verify --bundle 可离线核验）", path.display());
            }
        }
        ProofCommand::Consistency { old, new } => {
            let p = docket.consistency_proof(old, new).await?;
            println!("{}", serde_json::to_string(&p)?);
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn evidence<S: Store>(docket: &Docket<S>, command: EvidenceCommand, key: &SignerKey) -> Result<ExitCode> {
    match command {
        EvidenceCommand::Add { case_no, file, media_type, source, method, by } => {
            let n = parse_case_no(&case_no)?;
            if docket.store().case(&n).await?.is_none() {
                eprintln!("未找到：案件 {n}");
                return Ok(ExitCode::FAILURE);
            }
            let content = std::fs::read(&file).with_context(|| format!("无法读取 {}", file.display()))?;
            let name = file.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
            let upload = EvidenceUpload { case_no: n.to_string(), name, media_type, source, method, content };
            match docket.add_evidence(n.court().as_str(), upload, &by, None).await {
                Ok(row) => {
                    println!(
                        "已登记 {} 证据 {}：{}（{} 字节，SHA-256 {}）",
                        row.case_no,
                        row.number,
                        row.name,
                        row.size,
                        docket_domain::chain::hex(&row.sha256)
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(AppError::Fields(errors)) => {
                    for e in &errors {
                        eprintln!("{}：{}", e.field, e.message);
                    }
                    eprintln!("证据未登记");
                    Ok(ExitCode::FAILURE)
                }
                Err(e) => Err(e.into()),
            }
        }
        EvidenceCommand::List { case_no } => {
            let n = parse_case_no(&case_no)?;
            let rows = docket.store().case_evidence(n.court().as_str(), &n.to_string()).await?;
            if rows.is_empty() {
                println!("{n} 没有登记证据");
            }
            for r in rows {
                println!(
                    "{:>3}  {}  {}  {} 字节  来源：{}  方式：{}  登记：{} {}  SHA-256 {}",
                    r.number,
                    r.name,
                    r.media_type,
                    r.size,
                    r.source,
                    r.method,
                    r.stored_by,
                    r.recorded_at,
                    docket_domain::chain::hex(&r.sha256)
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        EvidenceCommand::Get { case_no, number, out } => {
            let n = parse_case_no(&case_no)?;
            let (_, content) = docket.evidence_file(n.court().as_str(), &n.to_string(), number).await?;
            std::fs::write(&out, content).with_context(|| format!("无法写入 {}", out.display()))?;
            Ok(ExitCode::SUCCESS)
        }
        EvidenceCommand::Bundle { case_no, number, out } => {
            let n = parse_case_no(&case_no)?;
            let bundle = docket.evidence_bundle(n.court().as_str(), &n.to_string(), number, key).await?;
            write_json(&out, &bundle)?;
            eprintln!("核验包已写入 {}", out.display());
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `docket verify --bundle FILE`: no database, only the bundle (and a pinned key if given).
pub fn verify_bundle(path: &Path, pinned: Option<&str>) -> Result<ExitCode> {
    let text = std::fs::read_to_string(path).with_context(|| format!("无法读取 {}", path.display()))?;
    let bundle: Bundle = match serde_json::from_str(&text) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("核验失败：{} 不是核验包（{e}）", path.display());
            return Ok(ExitCode::FAILURE);
        }
    };
    let pinned = pinned.map(VerifierKey::parse).transpose().map_err(|e| anyhow::anyhow!("--verifier-key：{e}"))?;
    match bundle.verify(pinned.as_ref()) {
        Ok(v) => {
            println!("核验通过");
            match &v.leaf {
                Leaf::Entry { court, seq, recorded_at, body } => {
                    println!("  记录：法院 {court} 日志第 {seq} 条，{recorded_at} 写入");
                    println!("  内容：{body}");
                }
                Leaf::Evidence { case_no, number, recorded_at, size, provenance, .. } => {
                    println!(
                        "  证据：{case_no} 证据 {number}「{}」（{}，{size} 字节），{recorded_at} 登记",
                        provenance.name, provenance.media_type
                    );
                    println!(
                        "  来源：{}；收集方式：{}；登记人：{}",
                        provenance.source, provenance.method, provenance.stored_by
                    );
                    println!("  文件内容与登记时的 SHA-256 一致");
                }
            }
            println!(
                "  位于默克尔日志第 {} 个叶子；检查点（树大小 {}）由 {}（密钥编号 {}）签署",
                bundle.inclusion.leaf_index + 1,
                v.checkpoint.size,
                v.key.name(),
                v.key.id()
            );
            if v.key_pinned {
                println!("  公钥与指定的公钥一致");
            } else {
                println!("  注意：公钥取自核验包本身，请与法院公布的公钥核对，或用 --verifier-key 指定：{}", v.key);
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("核验失败：{e}");
            Ok(ExitCode::FAILURE)
        }
    }
}

/// The Merkle log part of `docket verify`.
pub async fn verify_ledger<S: Store>(
    docket: &Docket<S>,
    key_file: &Path,
    pinned: Option<&str>,
    reporter: &dyn docket_app::Reporter,
) -> Result<(String, bool)> {
    let key = match pinned {
        Some(p) => Some(VerifierKey::parse(p).map_err(|e| anyhow::anyhow!("--verifier-key：{e}"))?),
        None => existing_verifier(key_file)?,
    };
    let r = docket.verify_ledger(key.as_ref(), reporter).await?;
    let mut out = format!(
        "默克尔日志：{} 个叶子（记录 {}，证据 {}），{} 个检查点{}\n",
        r.leaves,
        r.entry_leaves,
        r.evidence_leaves,
        r.checkpoints,
        if r.signatures_checked { "，签名已用公钥核对" } else { "（无公钥，未核对签名）" }
    );
    if docket.store().tree_size().await? > 0 && r.checkpoints == 0 {
        out.push_str("  提示：尚未签发检查点（docket checkpoint）\n");
    }
    for p in &r.problems {
        out.push_str(&format!("  ✗ {p}\n"));
    }
    if r.is_intact() {
        out.push_str("默克尔日志完好\n");
    }
    Ok((out, r.is_intact()))
}

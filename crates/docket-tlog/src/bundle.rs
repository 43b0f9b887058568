//! Proofs as JSON (the shape of `../shared/testdata/merkle`, base64 hashes) and the
//! self-contained verification bundle: one item (an event or an evidence file), its leaf, its
//! inclusion proof, the signed checkpoint the proof ends in and the log's verifier key. A bundle
//! is checked with nothing else — no database, no network.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::leaf::{Leaf, LeafError};
use crate::note::{Checkpoint, NoteError, VerifierKey};
use crate::tree::{Hash, ProofError, leaf_hash, verify_consistency, verify_inclusion};

/// Hashes as standard base64 in JSON.
mod b64 {
    use super::*;
    use serde::{Deserializer, Serializer, de::Error as _};

    pub fn serialize<S: Serializer>(h: &Hash, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&B64.encode(h))
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Hash, D::Error> {
        let s = String::deserialize(d)?;
        B64.decode(&s)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| D::Error::custom("应为 32 字节的 base64 哈希"))
    }

    pub mod vec {
        use super::*;
        pub fn serialize<S: Serializer>(v: &[Hash], s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(v.iter().map(|h| B64.encode(h)))
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Hash>, D::Error> {
            let v = Option::<Vec<String>>::deserialize(d)?.unwrap_or_default();
            v.iter()
                .map(|s| {
                    B64.decode(s)
                        .ok()
                        .and_then(|b| b.try_into().ok())
                        .ok_or_else(|| D::Error::custom("应为 32 字节的 base64 哈希"))
                })
                .collect()
        }
    }
}

/// An inclusion proof as printed by `docket proof event`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InclusionProof {
    pub leaf_index: u64,
    pub tree_size: u64,
    #[serde(with = "b64")]
    pub leaf_hash: Hash,
    #[serde(with = "b64::vec")]
    pub proof: Vec<Hash>,
    #[serde(with = "b64")]
    pub root: Hash,
}

impl InclusionProof {
    pub fn verify(&self) -> Result<(), ProofError> {
        verify_inclusion(self.leaf_index, self.tree_size, &self.leaf_hash, &self.proof, &self.root)
    }
}

/// A consistency proof as printed by `docket proof consistency`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsistencyProof {
    pub size1: u64,
    pub size2: u64,
    #[serde(with = "b64")]
    pub root1: Hash,
    #[serde(with = "b64")]
    pub root2: Hash,
    #[serde(with = "b64::vec")]
    pub proof: Vec<Hash>,
}

impl ConsistencyProof {
    pub fn verify(&self) -> Result<(), ProofError> {
        verify_consistency(self.size1, self.size2, &self.root1, &self.root2, &self.proof)
    }
}

/// The bundle format's name and version.
pub const BUNDLE_FORMAT: &str = "docket-bundle/v1";

/// Everything needed to check one item offline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bundle {
    pub format: String,
    /// The leaf text ([`Leaf::text`]).
    pub leaf: String,
    /// For evidence: the file, base64.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub inclusion: InclusionProof,
    /// The signed checkpoint note whose size and root the proof ends in.
    pub checkpoint: String,
    /// The verifier key of the log (compare it with the one the court publishes).
    pub verifier_key: String,
}

/// Why a bundle does not check out.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    #[error("不是审管核验包（格式应为 {BUNDLE_FORMAT}）")]
    Format,
    #[error(transparent)]
    Leaf(#[from] LeafError),
    #[error("叶子哈希与叶子内容不符")]
    LeafHash,
    #[error("包含证明不成立：{0}")]
    Inclusion(ProofError),
    #[error("检查点：{0}")]
    Checkpoint(NoteError),
    #[error("核验包中的公钥 {bundled} 不是指定的公钥 {pinned}")]
    OtherKey { bundled: String, pinned: String },
    #[error("证明所依据的树（大小 {proof_size}）不是检查点的树（大小 {checkpoint_size}）或根哈希不同")]
    CheckpointMismatch { proof_size: u64, checkpoint_size: u64 },
    #[error("证据文件缺失或不是 base64")]
    FileMissing,
    #[error("证据文件的 SHA-256 或大小与登记时不符（文件被替换或改动）")]
    FileMismatch,
    #[error("事件条目不应附带文件")]
    UnexpectedFile,
}

/// What a bundle proved.
#[derive(Debug, Clone)]
pub struct Verified {
    pub leaf: Leaf,
    pub checkpoint: Checkpoint,
    pub key: VerifierKey,
    /// True when the key was given by the verifier rather than taken from the bundle.
    pub key_pinned: bool,
}

impl Bundle {
    /// Checks every link: file → leaf → leaf hash → proof → root → signed checkpoint → key. With a
    /// `pinned` key the bundle's own key must be that one; without, the result says so.
    pub fn verify(&self, pinned: Option<&VerifierKey>) -> Result<Verified, BundleError> {
        if self.format != BUNDLE_FORMAT {
            return Err(BundleError::Format);
        }
        let leaf = Leaf::parse(&self.leaf)?;
        if leaf_hash(self.leaf.as_bytes()) != self.inclusion.leaf_hash {
            return Err(BundleError::LeafHash);
        }
        self.inclusion.verify().map_err(BundleError::Inclusion)?;
        let bundled = VerifierKey::parse(&self.verifier_key).map_err(BundleError::Checkpoint)?;
        if let Some(p) = pinned
            && *p != bundled
        {
            return Err(BundleError::OtherKey { bundled: bundled.to_string(), pinned: p.to_string() });
        }
        let checkpoint = Checkpoint::open(&self.checkpoint, &bundled).map_err(BundleError::Checkpoint)?;
        if checkpoint.size != self.inclusion.tree_size || checkpoint.root != self.inclusion.root {
            return Err(BundleError::CheckpointMismatch {
                proof_size: self.inclusion.tree_size,
                checkpoint_size: checkpoint.size,
            });
        }
        match (&leaf, &self.file) {
            (Leaf::Evidence { sha256, size, .. }, file) => {
                let bytes = file.as_deref().and_then(|f| B64.decode(f).ok()).ok_or(BundleError::FileMissing)?;
                let digest: Hash = Sha256::digest(&bytes).into();
                if digest != *sha256 || bytes.len() as u64 != *size {
                    return Err(BundleError::FileMismatch);
                }
            }
            (Leaf::Entry { .. }, Some(_)) => return Err(BundleError::UnexpectedFile),
            (Leaf::Entry { .. }, None) => {}
        }
        Ok(Verified { leaf, checkpoint, key: bundled, key_pinned: pinned.is_some() })
    }
}

//! Docket's tamper-evident log, with no I/O: every log entry and every evidence file is a leaf of
//! an append-only RFC 9162 Merkle tree; signed checkpoints (C2SP `tlog-checkpoint` in a
//! `signed-note`) anchor its root outside the database; inclusion and consistency proofs, and
//! self-contained bundles, let anyone check an item or the log's history offline.
//!
//! - [`tree`]: hashing, the append frontier, proof generation and verification;
//! - [`note`]: Ed25519 note keys and signed checkpoints;
//! - [`leaf`]: the leaf texts of entries and evidence;
//! - [`bundle`]: proofs as JSON and verification bundles.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod bundle;
pub mod leaf;
pub mod note;
pub mod tree;

pub use bundle::{BUNDLE_FORMAT, Bundle, BundleError, ConsistencyProof, InclusionProof, Verified};
pub use leaf::{Leaf, LeafError, Provenance};
pub use note::{Checkpoint, NoteError, SignerKey, VerifierKey};
pub use tree::{Frontier, Hash, ProofError, ProofRequestError, Subtree};

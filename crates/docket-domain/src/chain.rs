//! The per-court hash chain over the event log: each entry's hash covers the previous hash, its
//! position, when it was recorded and its canonical bytes, so that editing, deleting, reordering
//! or inserting an entry breaks every link after it.

use sha2::{Digest, Sha256};

/// A SHA-256 digest.
pub type Hash = [u8; 32];

/// The "previous hash" of a court's first entry.
pub const GENESIS: Hash = [0; 32];

/// Domain separation: a hash of this chain is never a hash of anything else.
const DOMAIN: &[u8] = b"docket/log/v1\0";

/// `SHA-256(DOMAIN ‖ prev ‖ seq ‖ len(recorded_at) ‖ recorded_at ‖ len(body) ‖ body)`, lengths
/// and `seq` as big-endian u64.
pub fn link(prev: &Hash, seq: u64, recorded_at: &str, body: &str) -> Hash {
    let mut h = Sha256::new();
    h.update(DOMAIN);
    h.update(prev);
    h.update(seq.to_be_bytes());
    h.update((recorded_at.len() as u64).to_be_bytes());
    h.update(recorded_at.as_bytes());
    h.update((body.len() as u64).to_be_bytes());
    h.update(body.as_bytes());
    h.finalize().into()
}

/// Lower-case hex of a hash.
pub fn hex(hash: &[u8]) -> String {
    use std::fmt::Write;
    hash.iter().fold(String::with_capacity(hash.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The first broken link found in a chain.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    #[error("第 {found} 条记录出现在应为第 {expected} 条的位置（记录被删除、插入或重排）")]
    Sequence { expected: u64, found: u64 },
    #[error("第 {seq} 条记录的内容或前序链接与其哈希不符（记录被修改、插入或重排）")]
    Hash { seq: u64 },
    #[error("哈希长度应为 32 字节，第 {seq} 条记录为 {len} 字节")]
    HashLength { seq: u64, len: usize },
    #[error("链尾记录应为第 {head_seq} 条，但日志只到第 {last_seq} 条（记录被删除或追加）")]
    Head { head_seq: u64, last_seq: u64 },
    #[error("链尾哈希与最后一条记录的哈希不符")]
    HeadHash,
}

/// Walks one court's chain in order, entry by entry.
#[derive(Debug, Clone)]
pub struct ChainVerifier {
    next_seq: u64,
    prev: Hash,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self { next_seq: 1, prev: GENESIS }
    }
}

impl ChainVerifier {
    /// Checks the next stored entry; entries are numbered from 1.
    pub fn check(&mut self, seq: u64, recorded_at: &str, body: &str, stored: &[u8]) -> Result<(), ChainBreak> {
        if seq != self.next_seq {
            return Err(ChainBreak::Sequence { expected: self.next_seq, found: seq });
        }
        let stored: Hash = stored.try_into().map_err(|_| ChainBreak::HashLength { seq, len: stored.len() })?;
        if link(&self.prev, seq, recorded_at, body) != stored {
            return Err(ChainBreak::Hash { seq });
        }
        self.prev = stored;
        self.next_seq += 1;
        Ok(())
    }

    /// Checks the recorded head (the last sequence number and hash) against what was walked.
    pub fn finish(&self, head_seq: u64, head_hash: &[u8]) -> Result<(), ChainBreak> {
        let last_seq = self.next_seq - 1;
        if head_seq != last_seq {
            return Err(ChainBreak::Head { head_seq, last_seq });
        }
        if head_hash != self.prev {
            return Err(ChainBreak::HeadHash);
        }
        Ok(())
    }

    pub fn entries_checked(&self) -> u64 {
        self.next_seq - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(bodies: &[&str]) -> Vec<(u64, String, Hash)> {
        let mut prev = GENESIS;
        bodies
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let seq = i as u64 + 1;
                prev = link(&prev, seq, "t", b);
                (seq, (*b).to_owned(), prev)
            })
            .collect()
    }

    fn verify(rows: &[(u64, String, Hash)]) -> Result<(), ChainBreak> {
        let mut v = ChainVerifier::default();
        for (seq, body, hash) in rows {
            v.check(*seq, "t", body, hash)?;
        }
        Ok(())
    }

    #[test]
    fn an_intact_chain_verifies_to_its_head() {
        let rows = chain(&["a", "b", "c"]);
        let mut v = ChainVerifier::default();
        for (seq, body, hash) in &rows {
            v.check(*seq, "t", body, hash).unwrap();
        }
        v.finish(3, &rows[2].2).unwrap();
    }

    #[test]
    fn an_edited_body_breaks_the_chain_at_that_entry() {
        let mut rows = chain(&["a", "b", "c"]);
        rows[1].1 = "B".into();
        assert_eq!(verify(&rows), Err(ChainBreak::Hash { seq: 2 }));
    }

    #[test]
    fn a_deleted_entry_is_a_gap_in_the_sequence() {
        let mut rows = chain(&["a", "b", "c"]);
        rows.remove(1);
        assert_eq!(verify(&rows), Err(ChainBreak::Sequence { expected: 2, found: 3 }));
    }

    #[test]
    fn swapping_two_entries_with_their_numbers_breaks_the_chain() {
        let mut rows = chain(&["a", "b", "c"]);
        rows.swap(0, 1);
        rows[0].0 = 1;
        rows[1].0 = 2;
        assert!(matches!(verify(&rows), Err(ChainBreak::Hash { seq: 1 })));
    }

    #[test]
    fn the_same_body_at_another_position_hashes_differently() {
        assert_ne!(link(&GENESIS, 1, "t", "x"), link(&GENESIS, 2, "t", "x"));
    }
}

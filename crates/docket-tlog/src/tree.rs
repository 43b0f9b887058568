//! RFC 9162 Merkle tree hashing (§2.1.1), inclusion proofs (§2.1.3) and consistency proofs
//! (§2.1.4): generation from the tree's perfect subtrees, and verification from hashes alone.
//!
//! A store keeps the hash of every *perfect* subtree (a run of 2^level leaves starting at a
//! multiple of 2^level): those never change once complete, so the log is append-only down to its
//! nodes. Any other hash the algorithms need (the root, the right edge) is computed from at most
//! log₂(n) of them. Generation is two-phase so a database can fetch every node it needs in one
//! query: [`inclusion_nodes`] / [`consistency_nodes`] name them, then [`inclusion_proof`] /
//! [`consistency_proof`] build the proof from a lookup.

use sha2::{Digest, Sha256};

/// A SHA-256 digest.
pub type Hash = [u8; 32];

/// `SHA-256(0x00 ‖ data)`: the hash of a leaf.
pub fn leaf_hash(data: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0x00]);
    h.update(data);
    h.finalize().into()
}

/// `SHA-256(0x01 ‖ left ‖ right)`: the hash of an interior node.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([0x01]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// The root of the empty tree: `SHA-256()` of nothing.
pub fn empty_root() -> Hash {
    Sha256::digest([]).into()
}

/// A perfect subtree: leaves `index·2^level .. (index+1)·2^level`. Level 0 is a leaf.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Subtree {
    pub level: u8,
    pub index: u64,
}

impl Subtree {
    pub fn leaf(index: u64) -> Self {
        Subtree { level: 0, index }
    }
}

/// The largest power of two strictly below `n` (n ≥ 2).
fn split(n: u64) -> u64 {
    debug_assert!(n >= 2);
    1 << (63 - (n - 1).leading_zeros())
}

/// MTH of leaves `start .. start+size` (size ≥ 1), from perfect subtrees. Every range the
/// RFC's recursions produce starts at a multiple of the smallest power of two ≥ its size, so the
/// perfect pieces are aligned.
fn range_hash(start: u64, size: u64, get: &mut dyn FnMut(Subtree) -> Hash) -> Hash {
    if size.is_power_of_two() {
        let level = size.trailing_zeros() as u8;
        return get(Subtree { level, index: start >> level });
    }
    let k = split(size);
    let left = range_hash(start, k, get);
    let right = range_hash(start + k, size - k, get);
    node_hash(&left, &right)
}

/// The perfect subtrees whose hashes make up the root of a tree of `size` leaves, left to right
/// (one per set bit of `size`).
pub fn root_nodes(size: u64) -> Vec<Subtree> {
    let mut out = Vec::new();
    let mut start = 0;
    for level in (0..64u8).rev() {
        if size & (1 << level) != 0 {
            out.push(Subtree { level, index: start >> level });
            start += 1 << level;
        }
    }
    out
}

/// The root of a tree of `size` leaves.
pub fn root(size: u64, get: &mut dyn FnMut(Subtree) -> Hash) -> Hash {
    if size == 0 { empty_root() } else { range_hash(0, size, get) }
}

/// PATH(m, D[start .. start+size]) of RFC 9162 §2.1.3.1.
fn path(m: u64, start: u64, size: u64, get: &mut dyn FnMut(Subtree) -> Hash, out: &mut Vec<Hash>) {
    if size <= 1 {
        return;
    }
    let k = split(size);
    if m < k {
        path(m, start, k, get, out);
        out.push(range_hash(start + k, size - k, get));
    } else {
        path(m - k, start + k, size - k, get, out);
        out.push(range_hash(start, k, get));
    }
}

/// SUBPROOF(m, D[start .. start+size], b) of RFC 9162 §2.1.4.1.
fn subproof(m: u64, start: u64, size: u64, complete: bool, get: &mut dyn FnMut(Subtree) -> Hash, out: &mut Vec<Hash>) {
    if m == size {
        if !complete {
            out.push(range_hash(start, size, get));
        }
        return;
    }
    let k = split(size);
    if m <= k {
        subproof(m, start, k, complete, get, out);
        out.push(range_hash(start + k, size - k, get));
    } else {
        subproof(m - k, start + k, size - k, false, get, out);
        out.push(range_hash(start, k, get));
    }
}

/// Why a proof cannot be generated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProofRequestError {
    #[error("叶子序号 {index} 不在大小为 {size} 的树中")]
    LeafOutOfRange { index: u64, size: u64 },
    #[error("一致性证明要求 0 < 旧树大小 ≤ 新树大小，实为 {size1} 与 {size2}")]
    Sizes { size1: u64, size2: u64 },
}

fn collect(run: impl FnOnce(&mut dyn FnMut(Subtree) -> Hash)) -> Vec<Subtree> {
    let mut seen = Vec::new();
    run(&mut |s| {
        seen.push(s);
        [0; 32]
    });
    seen.sort_unstable();
    seen.dedup();
    seen
}

/// The perfect subtrees the inclusion proof of leaf `index` in a tree of `size` needs.
pub fn inclusion_nodes(index: u64, size: u64) -> Result<Vec<Subtree>, ProofRequestError> {
    if index >= size {
        return Err(ProofRequestError::LeafOutOfRange { index, size });
    }
    Ok(collect(|get| {
        let mut out = Vec::new();
        path(index, 0, size, get, &mut out);
    }))
}

/// The inclusion proof (audit path) of leaf `index` in a tree of `size`, leaf side first.
pub fn inclusion_proof(
    index: u64,
    size: u64,
    get: &mut dyn FnMut(Subtree) -> Hash,
) -> Result<Vec<Hash>, ProofRequestError> {
    if index >= size {
        return Err(ProofRequestError::LeafOutOfRange { index, size });
    }
    let mut out = Vec::new();
    path(index, 0, size, get, &mut out);
    Ok(out)
}

/// The perfect subtrees the consistency proof between sizes `size1` and `size2` needs (and the
/// two roots: callers usually print them beside the proof).
pub fn consistency_nodes(size1: u64, size2: u64) -> Result<Vec<Subtree>, ProofRequestError> {
    if size1 == 0 || size1 > size2 {
        return Err(ProofRequestError::Sizes { size1, size2 });
    }
    Ok(collect(|get| {
        let mut out = Vec::new();
        subproof(size1, 0, size2, true, get, &mut out);
        root(size1, get);
        root(size2, get);
    }))
}

/// The consistency proof that the tree of `size2` leaves extends the tree of `size1`.
pub fn consistency_proof(
    size1: u64,
    size2: u64,
    get: &mut dyn FnMut(Subtree) -> Hash,
) -> Result<Vec<Hash>, ProofRequestError> {
    if size1 == 0 || size1 > size2 {
        return Err(ProofRequestError::Sizes { size1, size2 });
    }
    let mut out = Vec::new();
    subproof(size1, 0, size2, true, get, &mut out);
    Ok(out)
}

/// Why a proof does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProofError {
    #[error("叶子序号 {index} 不小于树的大小 {size}")]
    IndexOutOfRange { index: u64, size: u64 },
    #[error("证明的长度不对")]
    WrongLength,
    #[error("由证明算出的根哈希与给定的根哈希不符")]
    RootMismatch,
    #[error("旧树大小 {size1} 大于新树大小 {size2}")]
    Shrinks { size1: u64, size2: u64 },
    #[error("从空树出发的一致性证明不予接受")]
    FromEmpty,
    #[error("大小相同的两棵树根哈希不同")]
    SameSizeDifferentRoots,
}

/// Verifies an inclusion proof (RFC 9162 §2.1.3.2).
/// Roots are compared as bytes: a root of the wrong length simply does not match.
pub fn verify_inclusion(index: u64, size: u64, leaf: &Hash, proof: &[Hash], root: &[u8]) -> Result<(), ProofError> {
    if index >= size {
        return Err(ProofError::IndexOutOfRange { index, size });
    }
    let (mut f, mut s) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if s == 0 {
            return Err(ProofError::WrongLength);
        }
        if f & 1 == 1 || f == s {
            r = node_hash(p, &r);
            while f & 1 == 0 && f != 0 {
                f >>= 1;
                s >>= 1;
            }
        } else {
            r = node_hash(&r, p);
        }
        f >>= 1;
        s >>= 1;
    }
    if s != 0 {
        return Err(ProofError::WrongLength);
    }
    if r[..] != *root {
        return Err(ProofError::RootMismatch);
    }
    Ok(())
}

/// Verifies a consistency proof (RFC 9162 §2.1.4.2). Equal sizes need an empty proof and equal
/// roots (compared as bytes); a proof from the empty tree is refused, even to the empty tree (it
/// would prove nothing about any history).
pub fn verify_consistency(
    size1: u64,
    size2: u64,
    root1: &[u8],
    root2: &[u8],
    proof: &[Hash],
) -> Result<(), ProofError> {
    if size1 > size2 {
        return Err(ProofError::Shrinks { size1, size2 });
    }
    if size1 == 0 {
        return Err(ProofError::FromEmpty);
    }
    if size1 == size2 {
        if !proof.is_empty() {
            return Err(ProofError::WrongLength);
        }
        return if root1 == root2 { Ok(()) } else { Err(ProofError::SameSizeDifferentRoots) };
    }
    if proof.is_empty() {
        return Err(ProofError::WrongLength);
    }
    let mut path: Vec<Hash> = Vec::with_capacity(proof.len() + 1);
    if size1.is_power_of_two() {
        path.push(root1.try_into().map_err(|_| ProofError::RootMismatch)?);
    }
    path.extend_from_slice(proof);
    let (mut f, mut s) = (size1 - 1, size2 - 1);
    while f & 1 == 1 {
        f >>= 1;
        s >>= 1;
    }
    let (mut fr, mut sr) = (path[0], path[0]);
    for c in &path[1..] {
        if s == 0 {
            return Err(ProofError::WrongLength);
        }
        if f & 1 == 1 || f == s {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            while f & 1 == 0 && f != 0 {
                f >>= 1;
                s >>= 1;
            }
        } else {
            sr = node_hash(&sr, c);
        }
        f >>= 1;
        s >>= 1;
    }
    if s != 0 {
        return Err(ProofError::WrongLength);
    }
    if fr[..] != *root1 || sr[..] != *root2 {
        return Err(ProofError::RootMismatch);
    }
    Ok(())
}

/// The right edge of a tree: the perfect subtrees of [`root_nodes`], enough to append leaves and
/// compute every new perfect subtree and the root without reading anything else.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Frontier {
    size: u64,
    /// Hashes of `root_nodes(size)`, left (largest) to right.
    edge: Vec<Hash>,
}

impl Frontier {
    /// The frontier of a tree of `size` leaves from the hashes of `root_nodes(size)` in order.
    pub fn new(size: u64, edge: Vec<Hash>) -> Result<Self, ProofRequestError> {
        if edge.len() != size.count_ones() as usize {
            return Err(ProofRequestError::Sizes { size1: edge.len() as u64, size2: size });
        }
        Ok(Frontier { size, edge })
    }

    pub fn size(&self) -> u64 {
        self.size
    }

    /// Appends a leaf hash; returns the perfect subtrees completed by it, the leaf itself first.
    pub fn push(&mut self, leaf: Hash) -> Vec<(Subtree, Hash)> {
        let index = self.size;
        let mut done = vec![(Subtree::leaf(index), leaf)];
        let mut h = leaf;
        let mut level = 0u8;
        while (index >> level) & 1 == 1 {
            let Some(left) = self.edge.pop() else { break };
            h = node_hash(&left, &h);
            level += 1;
            done.push((Subtree { level, index: index >> level }, h));
        }
        self.edge.push(h);
        self.size += 1;
        done
    }

    pub fn root(&self) -> Hash {
        let mut it = self.edge.iter().rev();
        let Some(last) = it.next() else { return empty_root() };
        it.fold(*last, |r, left| node_hash(left, &r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Every perfect subtree of a tree built leaf by leaf.
    fn build(n: u64) -> (HashMap<Subtree, Hash>, Vec<Hash>) {
        let mut f = Frontier::default();
        let mut nodes = HashMap::new();
        let mut roots = vec![f.root()];
        for i in 0..n {
            for (s, h) in f.push(leaf_hash(&i.to_be_bytes())) {
                nodes.insert(s, h);
            }
            roots.push(f.root());
        }
        (nodes, roots)
    }

    /// MTH straight from RFC 9162 §2.1.1, over the leaf hashes.
    fn naive_root(leaves: &[Hash]) -> Hash {
        match leaves.len() {
            0 => empty_root(),
            1 => leaves[0],
            n => {
                let k = split(n as u64) as usize;
                node_hash(&naive_root(&leaves[..k]), &naive_root(&leaves[k..]))
            }
        }
    }

    #[test]
    fn the_frontier_root_is_the_rfc_root_at_every_size() {
        let (_, roots) = build(70);
        let leaves: Vec<Hash> = (0..70u64).map(|i| leaf_hash(&i.to_be_bytes())).collect();
        for (n, r) in roots.iter().enumerate() {
            assert_eq!(*r, naive_root(&leaves[..n]), "size {n}");
        }
    }

    #[test]
    fn generated_proofs_verify_and_fail_against_another_root() {
        let (nodes, roots) = build(40);
        let mut get = |s: Subtree| nodes[&s];
        for size in 1..=40u64 {
            for i in 0..size {
                let p = inclusion_proof(i, size, &mut get).unwrap();
                let needed = inclusion_nodes(i, size).unwrap();
                assert!(needed.iter().all(|s| nodes.contains_key(s)));
                let leaf = nodes[&Subtree::leaf(i)];
                verify_inclusion(i, size, &leaf, &p, &roots[size as usize]).unwrap();
                if size > 1 {
                    assert!(verify_inclusion(i, size, &leaf, &p, &roots[size as usize - 1]).is_err());
                }
            }
            for old in 1..=size {
                let p = consistency_proof(old, size, &mut get).unwrap();
                verify_consistency(old, size, &roots[old as usize], &roots[size as usize], &p).unwrap();
                if old < size {
                    assert!(
                        verify_consistency(old, size, &roots[old as usize - 1], &roots[size as usize], &p).is_err()
                    );
                }
            }
        }
    }

    #[test]
    fn the_root_from_stored_nodes_matches_the_frontier() {
        let (nodes, roots) = build(33);
        for size in 0..=33u64 {
            assert_eq!(root(size, &mut |s| nodes[&s]), roots[size as usize]);
        }
    }

    #[test]
    fn a_frontier_restarts_from_its_root_nodes() {
        let (nodes, roots) = build(21);
        let edge = root_nodes(13).iter().map(|s| nodes[s]).collect();
        let mut f = Frontier::new(13, edge).unwrap();
        for i in 13..21u64 {
            f.push(leaf_hash(&i.to_be_bytes()));
        }
        assert_eq!(f.root(), roots[21]);
    }
}

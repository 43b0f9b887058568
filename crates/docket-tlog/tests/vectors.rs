//! The official RFC 9162 test vectors in `../shared/testdata/merkle` (Apache-2.0, from the
//! transparency-dev Merkle library): every inclusion and consistency case must get the verdict
//! the vector expects. A root or proof element that is not a 32-byte hash is a refusal.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use docket_tlog::Hash;
use docket_tlog::tree::{verify_consistency, verify_inclusion};
use serde_json::Value;

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/testdata/merkle")
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
}

fn hash(v: &Value) -> Option<Hash> {
    B64.decode(v.as_str()?).ok()?.try_into().ok()
}

fn bytes(v: &Value) -> Option<Vec<u8>> {
    B64.decode(v.as_str()?).ok()
}

fn proof(v: &Value) -> Option<Vec<Hash>> {
    match v {
        Value::Null => Some(vec![]),
        Value::Array(items) => items.iter().map(hash).collect(),
        _ => None,
    }
}

/// Our verdict: does the proof verify?
fn verdict(kind: &str, v: &Value) -> bool {
    let n = |k: &str| v[k].as_u64().unwrap();
    match kind {
        "inclusion" => {
            let (Some(root), Some(leaf), Some(p)) = (bytes(&v["root"]), hash(&v["leafHash"]), proof(&v["proof"]))
            else {
                return false;
            };
            verify_inclusion(n("leafIdx"), n("treeSize"), &leaf, &p, &root).is_ok()
        }
        "consistency" => {
            let (Some(r1), Some(r2), Some(p)) = (bytes(&v["root1"]), bytes(&v["root2"]), proof(&v["proof"])) else {
                return false;
            };
            verify_consistency(n("size1"), n("size2"), &r1, &r2, &p).is_ok()
        }
        other => panic!("unknown vector kind {other}"),
    }
}

#[test]
fn every_official_vector_gets_the_expected_verdict() {
    let root = vectors_dir();
    let mut all = Vec::new();
    files(&root, &mut all);
    all.sort();
    let mut wrong = Vec::new();
    for path in &all {
        let rel = path.strip_prefix(&root).unwrap();
        let kind = rel.components().next().unwrap().as_os_str().to_str().unwrap();
        let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let want_ok = !v["wantErr"].as_bool().unwrap();
        if verdict(kind, &v) != want_ok {
            wrong.push(rel.display().to_string());
        }
    }
    println!("RFC 9162 vectors: {}/{} verdicts match", all.len() - wrong.len(), all.len());
    assert_eq!(all.len(), 196, "the vector set has 196 cases");
    assert!(wrong.is_empty(), "verdicts differ for {wrong:?}");
}

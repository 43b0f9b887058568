//! What Docket puts in its log: one leaf per log entry (a court, department, judge, case filing
//! or event, as its canonical interchange line) and one per evidence file (its content hash and
//! provenance). A leaf is a short text, so a printed bundle can be read by a person; the leaf
//! hash is RFC 9162's `SHA-256(0x00 ‖ text)`.

use serde::{Deserialize, Serialize};

use crate::tree::{Hash, leaf_hash};

const ENTRY: &str = "docket/entry/v1";
const EVIDENCE: &str = "docket/evidence/v1";

/// Why a leaf text is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LeafError {
    #[error("叶子内容无效：{0}")]
    Format(&'static str),
}

/// How an evidence file came to the court (证据来源与收集方式), as recorded when it was stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// The file name as uploaded.
    pub name: String,
    /// The declared and checked media type.
    pub media_type: String,
    /// Who supplied it (当事人提交、法院调取 …).
    pub source: String,
    /// How it was collected (线上提交、现场提取、区块链存证平台调取 …).
    pub method: String,
    /// The account that stored it.
    pub stored_by: String,
}

/// A leaf of Docket's log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Leaf {
    /// A log entry: its court chain position, when it was recorded and its canonical line.
    Entry { court: String, seq: u64, recorded_at: String, body: String },
    /// An evidence file of a case: number `number` of the case's evidence.
    Evidence {
        court: String,
        case_no: String,
        number: u32,
        recorded_at: String,
        sha256: Hash,
        size: u64,
        provenance: Provenance,
    },
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Hash> {
    if s.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

fn clean(field: &str) -> bool {
    !field.is_empty() && !field.contains('\n')
}

impl Leaf {
    /// The leaf's text. Fields are one per line; the last (the entry's body, the provenance JSON)
    /// is one line too, so the text parses back unambiguously.
    pub fn text(&self) -> Result<String, LeafError> {
        match self {
            Leaf::Entry { court, seq, recorded_at, body } => {
                if ![court, recorded_at, body].iter().all(|f| clean(f)) {
                    return Err(LeafError::Format("字段不能为空或含换行"));
                }
                Ok(format!("{ENTRY}\n{court}\n{seq}\n{recorded_at}\n{body}"))
            }
            Leaf::Evidence { court, case_no, number, recorded_at, sha256, size, provenance } => {
                if ![court, case_no, recorded_at].iter().all(|f| clean(f)) {
                    return Err(LeafError::Format("字段不能为空或含换行"));
                }
                let meta = serde_json::to_string(provenance).map_err(|_| LeafError::Format("来源信息无法序列化"))?;
                Ok(format!("{EVIDENCE}\n{court}\n{case_no}\n{number}\n{recorded_at}\n{}\n{size}\n{meta}", hex(sha256)))
            }
        }
    }

    pub fn hash(&self) -> Result<Hash, LeafError> {
        Ok(leaf_hash(self.text()?.as_bytes()))
    }

    pub fn parse(text: &str) -> Result<Self, LeafError> {
        let lines: Vec<&str> = text.split('\n').collect();
        let number = |s: &str| s.parse::<u64>().map_err(|_| LeafError::Format("序号应为整数"));
        let leaf = match lines.as_slice() {
            [ENTRY, court, seq, recorded_at, body] => Leaf::Entry {
                court: court.to_string(),
                seq: number(seq)?,
                recorded_at: recorded_at.to_string(),
                body: body.to_string(),
            },
            [EVIDENCE, court, case_no, n, recorded_at, sha, size, meta] => Leaf::Evidence {
                court: court.to_string(),
                case_no: case_no.to_string(),
                number: u32::try_from(number(n)?).map_err(|_| LeafError::Format("证据序号过大"))?,
                recorded_at: recorded_at.to_string(),
                sha256: unhex(sha).ok_or(LeafError::Format("内容哈希应为 64 位十六进制"))?,
                size: number(size)?,
                provenance: serde_json::from_str(meta).map_err(|_| LeafError::Format("来源信息不是有效的 JSON"))?,
            },
            _ => return Err(LeafError::Format("不是审管日志的叶子")),
        };
        // Only the canonical text of a leaf is accepted, so one leaf has one text.
        if leaf.text()? != text {
            return Err(LeafError::Format("不是规范形式"));
        }
        Ok(leaf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaves_parse_back_from_their_text_and_only_from_it() {
        let e = Leaf::Entry {
            court: "内0203".into(),
            seq: 17,
            recorded_at: "2026-12-03T08:00:00.000000Z".into(),
            body: r#"{"kind":"event"}"#.into(),
        };
        assert_eq!(Leaf::parse(&e.text().unwrap()).unwrap(), e);
        let v = Leaf::Evidence {
            court: "内0203".into(),
            case_no: "（2026）内0203民初1号".into(),
            number: 2,
            recorded_at: "2026-12-03T08:00:00.000000Z".into(),
            sha256: [0xab; 32],
            size: 1024,
            provenance: Provenance {
                name: "合同.pdf".into(),
                media_type: "application/pdf".into(),
                source: "原告提交".into(),
                method: "线上提交".into(),
                stored_by: "c1-filing_clerk".into(),
            },
        };
        let text = v.text().unwrap();
        assert_eq!(Leaf::parse(&text).unwrap(), v);
        assert!(Leaf::parse(&text.replace("\n2\n", "\n02\n")).is_err());
        assert!(Leaf::parse(&format!("{text}\n")).is_err());
        assert_ne!(v.hash().unwrap(), e.hash().unwrap());
    }
}

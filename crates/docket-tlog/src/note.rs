//! Signed checkpoints: the C2SP `tlog-checkpoint` body (origin, tree size, base64 root) in a C2SP
//! `signed-note` with an Ed25519 signature, and the note key formats (the verifier key
//! `name+keyid+base64(0x01‖public key)` that auditors pin, and the private key string kept in a
//! file outside the database).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use ed25519_dalek::{Signature, Signer as _, SigningKey, Verifier as _, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::tree::Hash;

/// The signature algorithm byte of Ed25519 in note keys.
const ALG_ED25519: u8 = 0x01;

/// Why a key, a note or a checkpoint is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoteError {
    #[error("密钥名称“{0}”无效：不能为空，不能含空白或“+”")]
    Name(String),
    #[error("密钥格式无效：{0}")]
    Key(&'static str),
    #[error("签名注记格式无效：{0}")]
    Format(&'static str),
    #[error("没有由密钥 {0} 签署的有效签名")]
    NotSigned(String),
    #[error("检查点格式无效：{0}")]
    Checkpoint(&'static str),
}

fn check_name(name: &str) -> Result<(), NoteError> {
    if name.is_empty() || name.contains('+') || name.chars().any(char::is_whitespace) {
        return Err(NoteError::Name(name.to_string()));
    }
    Ok(())
}

/// `SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key)[..4]`, big-endian.
fn key_id(name: &str, public: &VerifyingKey) -> u32 {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update(b"\n");
    h.update([ALG_ED25519]);
    h.update(public.as_bytes());
    let d = h.finalize();
    u32::from_be_bytes([d[0], d[1], d[2], d[3]])
}

/// A public key that checks signatures of one name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifierKey {
    name: String,
    id: u32,
    key: VerifyingKey,
}

impl VerifierKey {
    /// Parses `name+keyid+base64(0x01‖key)`; the key id must match the name and key.
    pub fn parse(s: &str) -> Result<Self, NoteError> {
        let s = s.trim();
        let mut parts = s.splitn(3, '+');
        let (Some(name), Some(id), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(NoteError::Key("应为 名称+密钥编号+公钥"));
        };
        check_name(name)?;
        let id = u32::from_str_radix(id, 16)
            .ok()
            .filter(|_| id.len() == 8)
            .ok_or(NoteError::Key("密钥编号应为 8 位十六进制"))?;
        let bytes = B64.decode(key).map_err(|_| NoteError::Key("公钥不是 base64"))?;
        let [ALG_ED25519, rest @ ..] = bytes.as_slice() else { return Err(NoteError::Key("不是 Ed25519 公钥")) };
        let raw: [u8; 32] = rest.try_into().map_err(|_| NoteError::Key("Ed25519 公钥应为 32 字节"))?;
        let key = VerifyingKey::from_bytes(&raw).map_err(|_| NoteError::Key("Ed25519 公钥无效"))?;
        if key_id(name, &key) != id {
            return Err(NoteError::Key("密钥编号与名称和公钥不符"));
        }
        Ok(VerifierKey { name: name.to_string(), id, key })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The key id, eight hex digits.
    pub fn id(&self) -> String {
        format!("{:08x}", self.id)
    }
}

impl std::fmt::Display for VerifierKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut bytes = vec![ALG_ED25519];
        bytes.extend_from_slice(self.key.as_bytes());
        write!(f, "{}+{:08x}+{}", self.name, self.id, B64.encode(bytes))
    }
}

/// A private key that signs notes under a name.
pub struct SignerKey {
    name: String,
    key: SigningKey,
}

impl std::fmt::Debug for SignerKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SignerKey({})", self.name)
    }
}

impl SignerKey {
    /// A key from 32 random bytes (the caller draws them: this crate does no I/O).
    pub fn from_seed(name: &str, seed: [u8; 32]) -> Result<Self, NoteError> {
        check_name(name)?;
        Ok(SignerKey { name: name.to_string(), key: SigningKey::from_bytes(&seed) })
    }

    /// Parses `PRIVATE+KEY+name+keyid+base64(0x01‖seed)`.
    pub fn parse(s: &str) -> Result<Self, NoteError> {
        let rest = s.trim().strip_prefix("PRIVATE+KEY+").ok_or(NoteError::Key("私钥应以 PRIVATE+KEY+ 开头"))?;
        let mut parts = rest.splitn(3, '+');
        let (Some(name), Some(id), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(NoteError::Key("应为 PRIVATE+KEY+名称+密钥编号+私钥"));
        };
        let bytes = B64.decode(key).map_err(|_| NoteError::Key("私钥不是 base64"))?;
        let [ALG_ED25519, rest @ ..] = bytes.as_slice() else { return Err(NoteError::Key("不是 Ed25519 私钥")) };
        let seed: [u8; 32] = rest.try_into().map_err(|_| NoteError::Key("Ed25519 私钥应为 32 字节"))?;
        let signer = Self::from_seed(name, seed)?;
        if format!("{:08x}", key_id(name, &signer.key.verifying_key())) != id {
            return Err(NoteError::Key("密钥编号与名称和私钥不符"));
        }
        Ok(signer)
    }

    /// The private key string (write it to a file only the server can read).
    pub fn to_private_string(&self) -> String {
        let mut bytes = vec![ALG_ED25519];
        bytes.extend_from_slice(&self.key.to_bytes());
        let id = key_id(&self.name, &self.key.verifying_key());
        format!("PRIVATE+KEY+{}+{id:08x}+{}", self.name, B64.encode(bytes))
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn verifier(&self) -> VerifierKey {
        let key = self.key.verifying_key();
        VerifierKey { name: self.name.clone(), id: key_id(&self.name, &key), key }
    }

    /// Signs a note text (which must end with a newline) and returns the whole signed note.
    pub fn sign(&self, text: &str) -> Result<String, NoteError> {
        if !text.ends_with('\n') || text.contains("\n\n") {
            return Err(NoteError::Format("正文须以换行结尾且不含空行"));
        }
        let sig = self.key.sign(text.as_bytes());
        let mut bytes = key_id(&self.name, &self.key.verifying_key()).to_be_bytes().to_vec();
        bytes.extend_from_slice(&sig.to_bytes());
        Ok(format!("{text}\n\u{2014} {} {}\n", self.name, B64.encode(bytes)))
    }
}

/// Checks a signed note against a key and returns its text (everything before the blank line).
/// Signatures by other keys are ignored, as the signed-note format intends.
pub fn open_note<'a>(note: &'a str, key: &VerifierKey) -> Result<&'a str, NoteError> {
    let split = note.rfind("\n\n").ok_or(NoteError::Format("缺少正文与签名之间的空行"))?;
    let (text, sigs) = (&note[..split + 1], &note[split + 2..]);
    if !sigs.ends_with('\n') || sigs.len() < 2 {
        return Err(NoteError::Format("签名行应以换行结尾"));
    }
    for line in sigs.trim_end_matches('\n').split('\n') {
        let rest = line.strip_prefix("\u{2014} ").ok_or(NoteError::Format("签名行应以“— ”开头"))?;
        let (name, sig) = rest.rsplit_once(' ').ok_or(NoteError::Format("签名行应为 — 名称 签名"))?;
        if name != key.name {
            continue;
        }
        let bytes = B64.decode(sig).map_err(|_| NoteError::Format("签名不是 base64"))?;
        if bytes.len() != 68 || u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) != key.id {
            continue;
        }
        let Ok(sig) = Signature::from_slice(&bytes[4..]) else { continue };
        if key.key.verify(text.as_bytes(), &sig).is_ok() {
            return Ok(text);
        }
    }
    Err(NoteError::NotSigned(key.to_string()))
}

/// The body of a C2SP tlog checkpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    pub origin: String,
    pub size: u64,
    pub root: Hash,
}

impl Checkpoint {
    /// `origin\nsize\nbase64(root)\n`.
    pub fn body(&self) -> String {
        format!("{}\n{}\n{}\n", self.origin, self.size, B64.encode(self.root))
    }

    pub fn sign(&self, key: &SignerKey) -> Result<String, NoteError> {
        key.sign(&self.body())
    }

    /// Parses a checkpoint note's text (extension lines after the root are allowed and ignored).
    pub fn parse_body(text: &str) -> Result<Self, NoteError> {
        let mut lines = text.split('\n');
        let origin = lines.next().filter(|l| !l.is_empty()).ok_or(NoteError::Checkpoint("缺少来源行"))?;
        let size = lines.next().ok_or(NoteError::Checkpoint("缺少树大小"))?;
        if size.is_empty() || !size.bytes().all(|b| b.is_ascii_digit()) || (size.len() > 1 && size.starts_with('0')) {
            return Err(NoteError::Checkpoint("树大小应为十进制整数"));
        }
        let size = size.parse().map_err(|_| NoteError::Checkpoint("树大小过大"))?;
        let root = lines.next().ok_or(NoteError::Checkpoint("缺少根哈希"))?;
        let root: Hash = B64
            .decode(root)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or(NoteError::Checkpoint("根哈希应为 32 字节的 base64"))?;
        Ok(Checkpoint { origin: origin.to_string(), size, root })
    }

    /// Verifies a signed checkpoint note with a key whose name is the checkpoint's origin.
    pub fn open(note: &str, key: &VerifierKey) -> Result<Self, NoteError> {
        let c = Self::parse_body(open_note(note, key)?)?;
        if c.origin != key.name {
            return Err(NoteError::Checkpoint("检查点的来源与密钥名称不符"));
        }
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signer() -> SignerKey {
        SignerKey::from_seed("docket.test/log", [7; 32]).unwrap()
    }

    #[test]
    fn a_signed_checkpoint_opens_with_its_verifier_key_and_not_with_another() {
        let c = Checkpoint { origin: "docket.test/log".into(), size: 12, root: [9; 32] };
        let note = c.sign(&signer()).unwrap();
        assert!(note.starts_with("docket.test/log\n12\nCQkJ"));
        assert!(note.contains("\n\n\u{2014} docket.test/log "));
        let vkey = VerifierKey::parse(&signer().verifier().to_string()).unwrap();
        assert_eq!(Checkpoint::open(&note, &vkey).unwrap(), c);
        let other = SignerKey::from_seed("docket.test/log", [8; 32]).unwrap().verifier();
        assert!(matches!(Checkpoint::open(&note, &other), Err(NoteError::NotSigned(_))));
    }

    #[test]
    fn any_change_to_the_note_breaks_the_signature() {
        let c = Checkpoint { origin: "docket.test/log".into(), size: 12, root: [9; 32] };
        let note = c.sign(&signer()).unwrap();
        let v = signer().verifier();
        let forged = note.replacen("\n12\n", "\n13\n", 1);
        assert!(Checkpoint::open(&forged, &v).is_err());
    }

    #[test]
    fn keys_round_trip_through_their_strings_and_reject_a_wrong_id() {
        let s = signer();
        let again = SignerKey::parse(&s.to_private_string()).unwrap();
        assert_eq!(again.verifier(), s.verifier());
        let v = s.verifier().to_string();
        let (name_id, key) = v.rsplit_once('+').unwrap();
        let bad = format!("{}+00000000+{key}", name_id.split('+').next().unwrap());
        assert!(VerifierKey::parse(&bad).is_err());
        assert!(SignerKey::from_seed("has space", [0; 32]).is_err());
    }

    /// The example key and note of the signed-note reference implementation's documentation
    /// (golang.org/x/mod/sumdb/note): Ed25519 is deterministic, so signing the text again must give
    /// the published signature byte for byte, and the published note must open.
    #[test]
    fn the_reference_implementations_example_note_is_reproduced_exactly() {
        let skey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
        let vkey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
        let text =
            "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
        let note = format!(
            "{text}\n\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
        );
        let signer = SignerKey::parse(skey).unwrap();
        assert_eq!(signer.verifier().to_string(), vkey);
        assert_eq!(signer.sign(text).unwrap(), note);
        assert_eq!(open_note(&note, &VerifierKey::parse(vkey).unwrap()).unwrap(), text);
    }

    /// The key id and verifier key encoding of the signed-note specification, computed by hand:
    /// SHA-256("name\n" ‖ 0x01 ‖ key), first four bytes.
    #[test]
    fn the_key_id_covers_the_name_and_the_algorithm_byte() {
        let s = signer();
        let v = s.verifier();
        let mut h = Sha256::new();
        h.update(b"docket.test/log\n\x01");
        h.update(v.key.as_bytes());
        let d = h.finalize();
        assert_eq!(v.id(), format!("{:02x}{:02x}{:02x}{:02x}", d[0], d[1], d[2], d[3]));
    }
}

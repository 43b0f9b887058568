//! The second factor of a party's or lawyer's sign-in (issue 25): time-based one-time passwords
//! (TOTP, RFC 6238 over HOTP, RFC 4226), HMAC-SHA1, 30-second steps, 6 digits — what every
//! authenticator app reads from an `otpauth://` address. The secret is shown once, as base32
//! (RFC 4648) and as that address.

use hmac::{Hmac, KeyInit, Mac};

/// The step of the moving factor, in seconds (RFC 6238 §4's default, which apps assume).
pub const STEP_SECONDS: u64 = 30;
/// The digits of a code.
pub const DIGITS: u32 = 6;
/// Codes of this many steps before and after now are accepted: a phone's clock may be a little
/// off, and a code typed as it changes is still good (RFC 6238 §5.2 recommends at most one).
pub const WINDOW: u64 = 1;

/// HOTP (RFC 4226 §5.3): the `digits`-digit code of `secret` at `counter`.
pub fn hotp(secret: &[u8], counter: u64, digits: u32) -> u32 {
    // HMAC accepts a key of any length.
    let Ok(mut mac) = <Hmac<sha1::Sha1> as KeyInit>::new_from_slice(secret) else {
        return 0;
    };
    mac.update(&counter.to_be_bytes());
    let hash = mac.finalize().into_bytes();
    let offset = usize::from(hash[hash.len() - 1] & 0x0f);
    let binary = u32::from_be_bytes([hash[offset] & 0x7f, hash[offset + 1], hash[offset + 2], hash[offset + 3]]);
    binary % 10u32.pow(digits)
}

/// TOTP (RFC 6238 §4): the code of `secret` at `unix_seconds`.
pub fn code_at(secret: &[u8], unix_seconds: u64, digits: u32) -> u32 {
    hotp(secret, unix_seconds / STEP_SECONDS, digits)
}

/// The step a typed code belongs to, if it is the code of a step within [`WINDOW`] of
/// `unix_seconds` (the caller refuses a step already used, so a code is good once).
pub fn verify(secret: &[u8], typed: &str, unix_seconds: u64) -> Option<u64> {
    let typed = typed.trim();
    if typed.len() != DIGITS as usize || !typed.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: u32 = typed.parse().ok()?;
    let now = unix_seconds / STEP_SECONDS;
    let mut found = None;
    // Every candidate is computed, so the time taken does not tell which one matched.
    for step in now.saturating_sub(WINDOW)..=now + WINDOW {
        if hotp(secret, step, DIGITS) == value && found.is_none() {
            found = Some(step);
        }
    }
    found
}

const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// RFC 4648 base32, without padding (as authenticator apps take secrets).
pub fn base32(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(BASE32[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(BASE32[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

/// A fresh 160-bit secret from the operating system (RFC 4226 §4 recommends 160 bits).
pub fn new_secret() -> Option<[u8; 20]> {
    let mut secret = [0u8; 20];
    getrandom::fill(&mut secret).ok()?;
    Some(secret)
}

/// Reads RFC 4648 base32 (upper or lower case, no padding, spaces ignored); `None` for any other
/// character or trailing bits that are not zero.
pub fn from_base32(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 5 / 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text.bytes().filter(|b| *b != b' ' && *b != b'=') {
        let value = BASE32.iter().position(|x| *x == c.to_ascii_uppercase())?;
        buffer = (buffer << 5) | u32::try_from(value).ok()?;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((buffer >> bits) & 0xff).ok()?);
        }
        buffer &= (1 << bits) - 1;
    }
    (buffer == 0).then_some(out)
}

/// The `otpauth://` address an authenticator app takes (as a QR code or typed): the issuer is the
/// court, the account the username.
pub fn otpauth_uri(issuer: &str, account: &str, secret: &[u8]) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => char::from(b).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    format!(
        "otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}",
        enc(issuer),
        enc(account),
        base32(secret),
        enc(issuer)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_reads_back_what_it_writes_and_refuses_other_characters() {
        for bytes in [&b""[..], b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar", b"12345678901234567890"] {
            assert_eq!(from_base32(&base32(bytes)).as_deref(), Some(bytes));
        }
        assert_eq!(from_base32("mzxw6ytboi").as_deref(), Some(&b"foobar"[..]), "lower case too");
        assert_eq!(from_base32("MZXW6YTBOI======").as_deref(), Some(&b"foobar"[..]), "padding ignored");
        assert!(from_base32("MZXW6YTBO1").is_none(), "1 is not base32");
    }

    /// RFC 4226 Appendix D: the secret "12345678901234567890", counters 0–9.
    #[test]
    fn hotp_gives_the_codes_of_rfc_4226_appendix_d() {
        let secret = b"12345678901234567890";
        let expected = [755224, 287082, 359152, 969429, 338314, 254676, 287922, 162583, 399871, 520489];
        for (counter, code) in expected.into_iter().enumerate() {
            assert_eq!(hotp(secret, counter as u64, 6), code, "counter {counter}");
        }
    }

    /// RFC 6238 Appendix B, the SHA-1 rows (8 digits).
    #[test]
    fn totp_gives_the_sha1_codes_of_rfc_6238_appendix_b() {
        let secret = b"12345678901234567890";
        for (time, code) in [
            (59, 94287082),
            (1111111109, 7081804),
            (1111111111, 14050471),
            (1234567890, 89005924),
            (2000000000, 69279037),
            (20000000000, 65353130),
        ] {
            assert_eq!(code_at(secret, time, 8), code, "T = {time}");
        }
    }

    #[test]
    fn a_code_is_accepted_one_step_either_side_and_not_further() {
        let secret = b"12345678901234567890";
        let now = 1_234_567_890;
        let code = |t: u64| format!("{:06}", code_at(secret, t, 6));
        assert_eq!(verify(secret, &code(now), now), Some(now / 30));
        assert_eq!(verify(secret, &code(now - 30), now), Some(now / 30 - 1), "the code just before");
        assert_eq!(verify(secret, &code(now + 30), now), Some(now / 30 + 1), "a phone a little fast");
        assert_eq!(verify(secret, &code(now - 90), now), None, "three steps old");
        assert_eq!(verify(secret, "12345", now), None);
        assert_eq!(verify(secret, "12a456", now), None);
        assert_eq!(verify(b"another secret", &code(now), now), None);
    }

    #[test]
    fn secrets_are_written_in_rfc_4648_base32_for_the_authenticator() {
        // RFC 4648 §10's vectors, without the padding.
        for (input, output) in [
            ("", ""),
            ("f", "MY"),
            ("fo", "MZXQ"),
            ("foo", "MZXW6"),
            ("foob", "MZXW6YQ"),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI"),
        ] {
            assert_eq!(base32(input.as_bytes()), output);
        }
        let uri = otpauth_uri("昆都仑区法院", "lawyer 1", b"12345678901234567890");
        assert!(uri.starts_with("otpauth://totp/%E6%98%86"), "{uri}");
        assert!(uri.contains(":lawyer%201?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&"), "{uri}");
        assert!(uri.ends_with("&algorithm=SHA1&digits=6&period=30"), "{uri}");
    }
}

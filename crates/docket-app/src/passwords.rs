//! The password policy (密码规则): long enough, not blank, not a run or a repetition, not the
//! username, and not one of the passwords people choose most (common lists, Chinese lucky-number
//! and pinyin habits included). Checked when an account is made and when a password changes.

/// The shortest password accepted, in characters.
pub const MIN_PASSWORD_CHARS: usize = 8;
/// The longest accepted (Argon2 hashes any length; this bounds the work one request can ask for).
pub const MAX_PASSWORD_CHARS: usize = 128;

/// Passwords seen most often in leaked lists and in Chinese usage, lower-cased. A password is
/// refused when it is one of these, or one of these followed only by digits or punctuation.
const COMMON: &[&str] = &[
    "password",
    "passw0rd",
    "p@ssw0rd",
    "p@ssword",
    "qwerty",
    "qwertyui",
    "qwertyuiop",
    "asdfghjk",
    "asdfghjkl",
    "zxcvbnm",
    "zxcvbnm,",
    "1qaz2wsx",
    "1q2w3e4r",
    "1q2w3e4r5t",
    "qazwsx",
    "qazwsxedc",
    "q1w2e3r4",
    "a1b2c3d4",
    "abc123",
    "abcd1234",
    "abc12345",
    "a123456",
    "a1234567",
    "a12345678",
    "aa123456",
    "qq123456",
    "asd123",
    "iloveyou",
    "woaini",
    "woaini1314",
    "woaini520",
    "5201314",
    "1314520",
    "wodemima",
    "mima",
    "mima123",
    "admin",
    "admin123",
    "administrator",
    "root",
    "toor",
    "guest",
    "user",
    "test",
    "test123",
    "welcome",
    "letmein",
    "login",
    "changeme",
    "default",
    "secret",
    "master",
    "dragon",
    "monkey",
    "football",
    "baseball",
    "shadow",
    "sunshine",
    "princess",
    "superman",
    "batman",
    "trustno1",
    "starwars",
    "whatever",
    "freedom",
    "computer",
    "internet",
    "china",
    "zhongguo",
    "beijing",
    "shanghai",
    "fayuan",
    "court",
    "docket",
    "shenpan",
    "faguan",
    "zhangwei",
    "wangwei",
    "liwei",
    "wangfang",
    "lina",
    "zhangmin",
    "123456",
    "1234567",
    "12345678",
    "123456789",
    "1234567890",
    "0123456789",
    "987654321",
    "87654321",
    "123123",
    "123321",
    "112233",
    "121212",
    "123654",
    "147258",
    "147258369",
    "159357",
    "159753",
    "741852963",
    "000000",
    "111111",
    "666666",
    "888888",
    "168168",
    "518518",
    "520520",
    "131313",
    "7758521",
    "2008",
];

/// Why a password is refused, in the words the form shows; `None` when it is acceptable.
pub fn password_problem(password: &str, username: &str) -> Option<String> {
    let chars: Vec<char> = password.chars().collect();
    if chars.len() < MIN_PASSWORD_CHARS {
        return Some(format!("至少 {MIN_PASSWORD_CHARS} 个字符"));
    }
    if chars.len() > MAX_PASSWORD_CHARS {
        return Some(format!("不能超过 {MAX_PASSWORD_CHARS} 个字符"));
    }
    if password.trim().chars().count() < MIN_PASSWORD_CHARS {
        return Some(format!("除去首尾空格至少 {MIN_PASSWORD_CHARS} 个字符"));
    }
    if chars.iter().any(|c| c.is_control()) {
        return Some("不能含控制字符".into());
    }
    let lower = password.to_lowercase();
    let distinct: std::collections::HashSet<char> = lower.chars().collect();
    if distinct.len() < 4 {
        return Some("至少要有 4 个不同的字符".into());
    }
    if is_run(&lower) {
        return Some("不能是连续的字母或数字（如 12345678、abcdefgh）".into());
    }
    let user = username.to_lowercase();
    if !user.is_empty() && (lower.contains(&user) || user.contains(&lower)) {
        return Some("不能包含用户名".into());
    }
    if is_common(&lower) {
        return Some("过于常见，容易被猜中；请换一个".into());
    }
    None
}

/// Each character one after the other, up or down (`12345678`, `hgfedcba`).
fn is_run(s: &str) -> bool {
    let codes: Vec<u32> = s.chars().map(u32::from).collect();
    let steps: Vec<i64> = codes.windows(2).map(|w| i64::from(w[1]) - i64::from(w[0])).collect();
    steps.iter().all(|d| *d == 1) || steps.iter().all(|d| *d == -1)
}

/// One of [`COMMON`], or one of them with only digits and punctuation around it, or the same
/// short word repeated.
fn is_common(lower: &str) -> bool {
    let core = lower.trim_matches(|c: char| c.is_ascii_digit() || c.is_ascii_punctuation() || c.is_whitespace());
    let core = if core.is_empty() { lower } else { core };
    if COMMON.contains(&lower) || COMMON.contains(&core) {
        return true;
    }
    // A short piece repeated: "abcabcabc", "qweqweqwe", "52015201".
    let chars: Vec<char> = lower.chars().collect();
    (1..=chars.len() / 2).any(|n| chars.len().is_multiple_of(n) && chars.chunks(n).all(|c| c == &chars[..n]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_commonest_passwords_and_blank_ones_are_refused() {
        for p in [
            "12345678",
            "        ",
            "password",
            "Password1",
            "qwerty123",
            "woaini1314",
            "88888888",
            "abcdefgh",
            "87654321",
            "abcabcabc",
            "11111111",
            "a12345678",
            "P@ssw0rd!",
            "zhang-admin99",
            "1qaz2wsx",
        ] {
            assert!(password_problem(p, "zhang-admin").is_some(), "{p:?} was accepted");
        }
    }

    #[test]
    fn a_long_unpredictable_password_is_accepted() {
        for p in ["correct horse battery", "审判质效2026春", "Tq9!vRk2mLp", "lantern-oxide-47"] {
            assert_eq!(password_problem(p, "zhang"), None, "{p:?} was refused");
        }
    }

    #[test]
    fn a_password_containing_the_username_is_refused() {
        assert!(password_problem("xyz-nm0203-admin!", "nm0203-admin").is_some());
    }

    #[test]
    fn the_length_is_counted_in_characters_not_bytes() {
        // Six Chinese characters are 18 bytes but too short.
        assert!(password_problem("审判质效管理", "u").is_some());
        assert!(password_problem(&"x7".repeat(70), "u").is_some(), "over the maximum");
    }
}

//! Party identity numbers: 公民身份号码 (GB 11643-1999) and 统一社会信用代码 (GB 32100-2015).

use chrono::{Datelike, NaiveDate};

/// Why an identity number is invalid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
    #[error("公民身份号码应为 18 位（17 位数字加校验码 0–9 或 X）")]
    ResidentIdShape,
    #[error("公民身份号码中的出生日期 {0} 无效")]
    ResidentIdBirthDate(String),
    #[error("公民身份号码的地址码 {0} 不是省级行政区划代码开头（GB/T 2260）")]
    ResidentIdArea(String),
    #[error("公民身份号码校验码错误：应为 {expected}，实为 {found}")]
    ResidentIdCheck { expected: char, found: char },
    #[error("统一社会信用代码应为 18 位，由数字和除 I、O、Z、S、V 外的大写字母组成")]
    CreditCodeShape,
    #[error("统一社会信用代码校验码错误：应为 {expected}，实为 {found}")]
    CreditCodeCheck { expected: char, found: char },
}

/// 公民身份号码: 6-digit address code, 8-digit birth date, 3-digit sequence, check character
/// computed per GB 11643-1999 (ISO 7064 MOD 11-2).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ResidentId(String);

impl ResidentId {
    pub fn parse(s: &str) -> Result<Self, IdentityError> {
        let s = s.trim().to_ascii_uppercase();
        let b = s.as_bytes();
        if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) || !(b[17].is_ascii_digit() || b[17] == b'X') {
            return Err(IdentityError::ResidentIdShape);
        }
        // The address code begins with a province-level code of GB/T 2260 (the 9 of the 2023
        // foreigners' permanent residence ID number is taken as well).
        let province: u32 = s[..2].parse().unwrap_or(0);
        let known =
            matches!(province, 11..=15 | 21..=23 | 31..=37 | 41..=46 | 50..=54 | 61..=65 | 71 | 81..=83 | 91..=99);
        if !known {
            return Err(IdentityError::ResidentIdArea(s[..6].to_owned()));
        }
        let birth = &s[6..14];
        match NaiveDate::parse_from_str(birth, "%Y%m%d") {
            Ok(d) if d.year() >= 1900 => {}
            _ => return Err(IdentityError::ResidentIdBirthDate(birth.to_owned())),
        }
        let expected = Self::check_char(&s[..17]);
        if expected != b[17] as char {
            return Err(IdentityError::ResidentIdCheck { expected, found: b[17] as char });
        }
        Ok(Self(s))
    }

    /// The check character for 17 digits: Σ aᵢ·2^(17−i) mod 11 mapped through `10X98765432`.
    pub fn check_char(first17: &str) -> char {
        const MAP: &[u8; 11] = b"10X98765432";
        let sum: u32 = first17.bytes().enumerate().map(|(i, d)| u32::from(d - b'0') * (1u32 << (17 - i)) % 11).sum();
        MAP[(sum % 11) as usize] as char
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The birth date the number holds.
    pub fn birth_date(&self) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(&self.0[6..14], "%Y%m%d").ok()
    }

    /// `150203********1232`: the form shown to roles that do not need the full number.
    pub fn masked(&self) -> String {
        format!("{}********{}", &self.0[..6], &self.0[14..])
    }
}

/// The 31 characters of the 统一社会信用代码 alphabet; a character's value is its index.
const CREDIT_ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// 统一社会信用代码 (GB 32100-2015): 18 characters, the last a MOD 31 check character.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CreditCode(String);

impl CreditCode {
    pub fn parse(s: &str) -> Result<Self, IdentityError> {
        let s = s.trim().to_ascii_uppercase();
        let values: Option<Vec<u32>> =
            s.bytes().map(|c| CREDIT_ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)).collect();
        let values = values.ok_or(IdentityError::CreditCodeShape)?;
        if values.len() != 18 {
            return Err(IdentityError::CreditCodeShape);
        }
        let expected = Self::check_char(&values[..17]);
        let found = s.as_bytes()[17] as char;
        if expected != found {
            return Err(IdentityError::CreditCodeCheck { expected, found });
        }
        Ok(Self(s))
    }

    fn check_char(values: &[u32]) -> char {
        let sum: u32 = values.iter().zip(CREDIT_WEIGHTS).map(|(v, w)| v * w).sum();
        let c = (31 - sum % 31) % 31;
        CREDIT_ALPHABET[c as usize] as char
    }

    /// Completes 17 valid characters with their check character.
    pub fn complete(first17: &str) -> Option<Self> {
        let values: Option<Vec<u32>> =
            first17.bytes().map(|c| CREDIT_ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)).collect();
        let values = values.filter(|v| v.len() == 17)?;
        Some(Self(format!("{first17}{}", Self::check_char(&values))))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_interchange_examples_pass_their_check_characters() {
        assert!(ResidentId::parse("150203199001011232").is_ok());
        assert!(CreditCode::parse("91150203MA0N00001K").is_ok());
    }

    #[test]
    fn the_gb_11643_example_number_is_valid() {
        // GB 11643-1999 appendix example.
        assert!(ResidentId::parse("11010519491231002X").is_ok());
        assert_eq!(ResidentId::check_char("11010519491231002"), 'X');
    }

    #[test]
    fn a_wrong_check_digit_is_named_with_the_right_one() {
        let err = ResidentId::parse("150203199001011233").unwrap_err();
        assert_eq!(err, IdentityError::ResidentIdCheck { expected: '2', found: '3' });
    }

    #[test]
    fn an_impossible_birth_date_is_refused() {
        let first17 = "15020319900231123";
        let id = format!("{first17}{}", ResidentId::check_char(first17));
        assert!(matches!(ResidentId::parse(&id), Err(IdentityError::ResidentIdBirthDate(_))));
    }

    #[test]
    fn an_area_code_outside_the_provinces_and_a_birth_before_1900_are_refused() {
        let with_check = |first17: &str| format!("{first17}{}", ResidentId::check_char(first17));
        assert!(matches!(ResidentId::parse(&with_check("00000019900101123")), Err(IdentityError::ResidentIdArea(_))));
        assert!(ResidentId::parse(&with_check("99000019900101123")).is_ok(), "the 2023 foreigners' number");
        assert!(matches!(
            ResidentId::parse(&with_check("15020318890101123")),
            Err(IdentityError::ResidentIdBirthDate(_))
        ));
        let born_2030 = ResidentId::parse(&with_check("15020320300101123")).unwrap();
        assert_eq!(
            born_2030.birth_date(),
            chrono::NaiveDate::from_ymd_opt(2030, 1, 1),
            "valid alone; the filing date refuses it"
        );
    }

    #[test]
    fn credit_codes_with_forbidden_letters_are_refused() {
        assert_eq!(CreditCode::parse("91150203MA0N0000IK"), Err(IdentityError::CreditCodeShape));
    }

    #[test]
    fn the_masked_resident_id_hides_the_birth_date() {
        let id = ResidentId::parse("150203199001011232").unwrap();
        assert_eq!(id.masked(), "150203********1232");
    }

    proptest! {
        #[test]
        fn changing_one_digit_of_a_resident_id_breaks_its_check(pos in 0usize..17, delta in 1u8..10) {
            let good = b"150203199001011232".to_vec();
            let mut bad = good.clone();
            bad[pos] = b'0' + (bad[pos] - b'0' + delta) % 10;
            let bad = String::from_utf8(bad).unwrap();
            // Either the birth date becomes impossible or the check character no longer fits.
            prop_assert!(ResidentId::parse(&bad).is_err());
        }

        #[test]
        fn a_completed_credit_code_parses(body in "[0-9A-HJ-NP-RTUW-Y]{17}") {
            let code = CreditCode::complete(&body).unwrap();
            prop_assert!(CreditCode::parse(code.as_str()).is_ok());
        }
    }
}

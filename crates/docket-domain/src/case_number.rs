//! 案号: `（2025）内0203民初1234号` = （年度）+ 法院代字 + 类型代字 + 编号 + 号 (法〔2015〕137号 §3).

use std::fmt;

use crate::case_type::CaseType;
use crate::court::{CourtCode, SUPREME_COURT_CODE};

/// Why a string is not a 案号, or not the 案号 of a given case.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseNumberError {
    #[error("案号“{0}”格式无效：应如“（2025）内0203民初1234号”")]
    Malformed(String),
    #[error("案号年度 {0} 不在 1949–9999 之间")]
    Year(i32),
    #[error("案号中的法院代字无效：{0}")]
    Court(String),
    #[error("案号中的类型代字“{0}”不在类型代字表中")]
    UnknownType(String),
    #[error("案号编号应为不以 0 开头的正整数")]
    Sequence,
    #[error("案号年度 {in_number} 与立案日期所在年度 {filed} 不符")]
    YearMismatch { in_number: i32, filed: i32 },
    #[error("案号中的法院代字 {in_number} 与案件所属法院 {court} 不符")]
    CourtMismatch { in_number: String, court: String },
    #[error("案号中的类型代字 {in_number} 与案件类型 {case_type} 不符")]
    TypeMismatch { in_number: String, case_type: String },
}

/// A valid 案号. Parsing accepts half-width brackets and normalises them to full width.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CaseNumber {
    year: i32,
    court: CourtCode,
    type_code: &'static str,
    seq: u32,
}

impl CaseNumber {
    pub fn new(year: i32, court: CourtCode, case_type: &'static CaseType, seq: u32) -> Result<Self, CaseNumberError> {
        if !(1949..=9999).contains(&year) {
            return Err(CaseNumberError::Year(year));
        }
        if seq == 0 {
            return Err(CaseNumberError::Sequence);
        }
        Ok(Self { year, court, type_code: case_type.code, seq })
    }

    pub fn parse(input: &str) -> Result<Self, CaseNumberError> {
        let malformed = || CaseNumberError::Malformed(input.to_owned());
        let s = input.trim();
        let s = s.strip_prefix('（').or_else(|| s.strip_prefix('(')).ok_or_else(malformed)?;
        let close = s.find(['）', ')']).ok_or_else(malformed)?;
        let (year, rest) = s.split_at(close);
        let rest = rest.strip_prefix('）').or_else(|| rest.strip_prefix(')')).ok_or_else(malformed)?;
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(malformed());
        }
        let year: i32 = year.parse().map_err(|_| malformed())?;
        let rest = rest.strip_suffix('号').ok_or_else(malformed)?;

        // 法院代字: 最高法, or a province character followed by 0, 2 or 4 digits.
        let (court, rest) = if let Some(after) = rest.strip_prefix(SUPREME_COURT_CODE) {
            (SUPREME_COURT_CODE.to_owned(), after)
        } else {
            let first = rest.chars().next().ok_or_else(malformed)?;
            let after_first = &rest[first.len_utf8()..];
            let digits = after_first.bytes().take_while(u8::is_ascii_digit).count();
            (rest[..first.len_utf8() + digits].to_owned(), &after_first[digits..])
        };
        let court = CourtCode::parse(&court).map_err(|e| CaseNumberError::Court(e.to_string()))?;

        // 类型代字 runs up to the 编号 digits.
        let type_end = rest.find(|c: char| c.is_ascii_digit()).ok_or_else(malformed)?;
        let (type_code, seq) = rest.split_at(type_end);
        if type_code.is_empty() {
            return Err(malformed());
        }
        let case_type =
            CaseType::lookup(type_code).ok_or_else(|| CaseNumberError::UnknownType(type_code.to_owned()))?;
        if !seq.bytes().all(|b| b.is_ascii_digit()) || seq.starts_with('0') || seq.len() > 9 {
            return Err(CaseNumberError::Sequence);
        }
        let seq: u32 = seq.parse().map_err(|_| CaseNumberError::Sequence)?;
        Self::new(year, court, case_type, seq)
    }

    pub fn year(&self) -> i32 {
        self.year
    }
    pub fn court(&self) -> &CourtCode {
        &self.court
    }
    pub fn type_code(&self) -> &'static str {
        self.type_code
    }
    pub fn case_type(&self) -> &'static CaseType {
        // Constructed only from a table row, so the lookup cannot fail.
        CaseType::lookup(self.type_code).unwrap_or(&crate::case_type::TYPES[0])
    }
    pub fn seq(&self) -> u32 {
        self.seq
    }

    /// Checks that this number belongs to a case of `court` and `type_code` filed in `filed_year`.
    pub fn check_matches(&self, court: &CourtCode, type_code: &str, filed_year: i32) -> Result<(), CaseNumberError> {
        if self.year != filed_year {
            return Err(CaseNumberError::YearMismatch { in_number: self.year, filed: filed_year });
        }
        if &self.court != court {
            return Err(CaseNumberError::CourtMismatch { in_number: self.court.to_string(), court: court.to_string() });
        }
        if self.type_code != type_code {
            return Err(CaseNumberError::TypeMismatch {
                in_number: self.type_code.to_owned(),
                case_type: type_code.to_owned(),
            });
        }
        Ok(())
    }
}

impl fmt::Display for CaseNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "（{}）{}{}{}号", self.year, self.court, self.type_code, self.seq)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case_type::TYPES;
    use proptest::prelude::*;
    use rstest::rstest;

    #[rstest]
    #[case("（2025）内0203民初1234号", 2025, "内0203", "民初", 1234)]
    #[case("(2025)内0203民初1234号", 2025, "内0203", "民初", 1234)]
    #[case("（2024）内02民终77号", 2024, "内02", "民终", 77)]
    #[case("（2024）内民终5号", 2024, "内", "民终", 5)]
    #[case("（2023）最高法民申1号", 2023, "最高法", "民申", 1)]
    #[case("（2025）内0203执恢12号", 2025, "内0203", "执恢", 12)]
    #[case("（2025）内0203民诉前调301号", 2025, "内0203", "民诉前调", 301)]
    #[case("（2025）兵0101执8号", 2025, "兵0101", "执", 8)]
    fn case_numbers_parse_into_their_parts(
        #[case] input: &str,
        #[case] year: i32,
        #[case] court: &str,
        #[case] type_code: &str,
        #[case] seq: u32,
    ) {
        let n = CaseNumber::parse(input).unwrap();
        assert_eq!((n.year(), n.court().as_str(), n.type_code(), n.seq()), (year, court, type_code, seq));
    }

    #[test]
    fn half_width_brackets_are_normalised_to_full_width() {
        let n = CaseNumber::parse("(2025)内0203民初1234号").unwrap();
        assert_eq!(n.to_string(), "（2025）内0203民初1234号");
    }

    #[rstest]
    #[case("2025内0203民初1234号")]
    #[case("（2025）内0203民初1234")]
    #[case("（25）内0203民初1234号")]
    #[case("（2025）内0203民初号")]
    #[case("（2025）内0203民初0012号")]
    #[case("（2025）内0203民x12号")]
    #[case("（2025）蒙0203民初12号")]
    #[case("（2025）内023民初12号")]
    #[case("（2025）内0203初12号")]
    fn malformed_case_numbers_are_refused(#[case] input: &str) {
        assert!(CaseNumber::parse(input).is_err(), "{input}");
    }

    #[test]
    fn a_number_from_another_year_court_or_type_does_not_match_the_case() {
        let n = CaseNumber::parse("（2025）内0203民初1234号").unwrap();
        let court = CourtCode::parse("内0203").unwrap();
        assert!(n.check_matches(&court, "民初", 2025).is_ok());
        assert!(matches!(n.check_matches(&court, "民初", 2024), Err(CaseNumberError::YearMismatch { .. })));
        assert!(matches!(n.check_matches(&court, "民终", 2025), Err(CaseNumberError::TypeMismatch { .. })));
        let other = CourtCode::parse("内0204").unwrap();
        assert!(matches!(n.check_matches(&other, "民初", 2025), Err(CaseNumberError::CourtMismatch { .. })));
    }

    fn court_code() -> impl Strategy<Value = CourtCode> {
        let province = prop::sample::select(crate::court::PROVINCES.iter().map(|p| p.0).collect::<Vec<_>>());
        (province, prop_oneof![Just(0usize), Just(2), Just(4)], 0u32..10_000).prop_map(|(p, n, d)| {
            let digits = match n {
                0 => String::new(),
                2 => format!("{:02}", d % 100),
                _ => format!("{:04}", d),
            };
            CourtCode::parse(&format!("{p}{digits}")).unwrap()
        })
    }

    proptest! {
        #[test]
        fn formatting_then_parsing_a_case_number_gives_it_back(
            year in 1949i32..=2100,
            court in court_code(),
            t in prop::sample::select(TYPES.iter().collect::<Vec<_>>()),
            seq in 1u32..1_000_000_000,
        ) {
            let n = CaseNumber::new(year, court, t, seq).unwrap();
            prop_assert_eq!(CaseNumber::parse(&n.to_string()).unwrap(), n);
        }
    }
}

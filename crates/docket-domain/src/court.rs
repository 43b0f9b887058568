//! Courts (法院), their codes (法院代字) and hierarchy, departments and judges.

use std::fmt;

/// The 32 provincial-level 法院代字 of the 2015 案号 standard (法〔2015〕137号), plus 兵 for the
/// Xinjiang Production and Construction Corps courts.
pub const PROVINCES: &[(char, &str)] = &[
    ('京', "北京"),
    ('津', "天津"),
    ('冀', "河北"),
    ('晋', "山西"),
    ('内', "内蒙古"),
    ('辽', "辽宁"),
    ('吉', "吉林"),
    ('黑', "黑龙江"),
    ('沪', "上海"),
    ('苏', "江苏"),
    ('浙', "浙江"),
    ('皖', "安徽"),
    ('闽', "福建"),
    ('赣', "江西"),
    ('鲁', "山东"),
    ('豫', "河南"),
    ('鄂', "湖北"),
    ('湘', "湖南"),
    ('粤', "广东"),
    ('桂', "广西"),
    ('琼', "海南"),
    ('渝', "重庆"),
    ('川', "四川"),
    ('黔', "贵州"),
    ('云', "云南"),
    ('藏', "西藏"),
    ('陕', "陕西"),
    ('甘', "甘肃"),
    ('青', "青海"),
    ('宁', "宁夏"),
    ('新', "新疆"),
    ('兵', "新疆生产建设兵团"),
];

/// The Supreme People's Court's 法院代字.
pub const SUPREME_COURT_CODE: &str = "最高法";

/// 法院层级: the level of a court in the four-level hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CourtLevel {
    /// 最高人民法院
    Supreme,
    /// 高级人民法院
    High,
    /// 中级人民法院
    Intermediate,
    /// 基层人民法院
    Basic,
}

impl CourtLevel {
    pub const ALL: [CourtLevel; 4] = [Self::Supreme, Self::High, Self::Intermediate, Self::Basic];

    /// The interchange spelling (`INTERCHANGE.md`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Supreme => "supreme",
            Self::High => "high",
            Self::Intermediate => "intermediate",
            Self::Basic => "basic",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Supreme => "最高人民法院",
            Self::High => "高级人民法院",
            Self::Intermediate => "中级人民法院",
            Self::Basic => "基层人民法院",
        }
    }
}

/// Why a string is not a 法院代字.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CourtCodeError {
    #[error("法院代字不能为空")]
    Empty,
    #[error("法院代字“{0}”无效：应为“最高法”，或省级简称（如“内”），或简称加 2 位（中院）或 4 位（基层法院）数字")]
    Malformed(String),
    #[error("“{0}”不是省级法院代字")]
    UnknownProvince(char),
}

/// 法院代字: `最高法`; a province abbreviation (`内`) for a high court; plus 2 digits for an
/// intermediate court (`内02`); plus 4 digits for a basic court (`内0203`). The digits follow the
/// administrative-division code; special courts (铁路、海事 …) use the same shape (`内71`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CourtCode(String);

impl CourtCode {
    pub fn parse(s: &str) -> Result<Self, CourtCodeError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(CourtCodeError::Empty);
        }
        if s == SUPREME_COURT_CODE {
            return Ok(Self(s.to_owned()));
        }
        let mut chars = s.chars();
        let first = chars.next().ok_or(CourtCodeError::Empty)?;
        let digits = chars.as_str();
        if !digits.chars().all(|c| c.is_ascii_digit()) || !matches!(digits.len(), 0 | 2 | 4) {
            return Err(CourtCodeError::Malformed(s.to_owned()));
        }
        if !PROVINCES.iter().any(|(c, _)| *c == first) {
            return Err(CourtCodeError::UnknownProvince(first));
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The level implied by the code's shape.
    pub fn level(&self) -> CourtLevel {
        if self.0 == SUPREME_COURT_CODE {
            return CourtLevel::Supreme;
        }
        match self.0.chars().count() {
            1 => CourtLevel::High,
            3 => CourtLevel::Intermediate,
            _ => CourtLevel::Basic,
        }
    }

    /// The code of the court directly above, as implied by the code's shape.
    pub fn parent(&self) -> Option<CourtCode> {
        match self.level() {
            CourtLevel::Supreme => None,
            CourtLevel::High => Some(Self(SUPREME_COURT_CODE.to_owned())),
            CourtLevel::Intermediate | CourtLevel::Basic => {
                let keep = self.0.chars().count() - 2;
                Some(Self(self.0.chars().take(keep).collect()))
            }
        }
    }

    /// True when `self` is `other` or lies below it in the hierarchy.
    pub fn is_within(&self, other: &CourtCode) -> bool {
        other.0 == SUPREME_COURT_CODE || self.0.starts_with(&other.0)
    }
}

impl AsRef<str> for CourtCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CourtCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A court (法院).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Court {
    pub code: CourtCode,
    pub name: String,
    pub level: CourtLevel,
    pub parent: Option<CourtCode>,
}

/// Why a court record is inconsistent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CourtError {
    #[error("法院代字 {code} 表示{implied}，与层级“{given}”不符")]
    LevelMismatch { code: String, implied: &'static str, given: &'static str },
    #[error("法院 {code} 的上级应为 {expected}，而不是 {given}")]
    ParentMismatch { code: String, expected: String, given: String },
    #[error("法院名称不能为空")]
    EmptyName,
}

impl Court {
    /// A court whose level and parent agree with its code.
    pub fn new(
        code: CourtCode,
        name: String,
        level: CourtLevel,
        parent: Option<CourtCode>,
    ) -> Result<Self, (&'static str, CourtError)> {
        if name.trim().is_empty() {
            return Err(("name", CourtError::EmptyName));
        }
        if code.level() != level {
            return Err((
                "level",
                CourtError::LevelMismatch {
                    code: code.to_string(),
                    implied: code.level().label(),
                    given: level.label(),
                },
            ));
        }
        if let Some(given) = &parent {
            let expected = code.parent();
            if expected.as_ref() != Some(given) {
                return Err((
                    "parent",
                    CourtError::ParentMismatch {
                        code: code.to_string(),
                        expected: expected.map_or_else(|| "（无）".to_owned(), |c| c.to_string()),
                        given: given.to_string(),
                    },
                ));
            }
        }
        Ok(Self { code, name, level, parent })
    }
}

/// A department (庭室) of a court: 立案庭, 民一庭, 执行局 …
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Department {
    pub court: CourtCode,
    pub code: String,
    pub name: String,
}

/// A leadership title held by a judge; 院庭长 handle cases themselves (院庭长办案).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum JudgeTitle {
    /// 院长
    President,
    /// 副院长
    VicePresident,
    /// 庭长
    DivisionHead,
    /// 副庭长
    DeputyDivisionHead,
}

impl JudgeTitle {
    pub const ALL: [JudgeTitle; 4] =
        [Self::President, Self::VicePresident, Self::DivisionHead, Self::DeputyDivisionHead];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::President => "president",
            Self::VicePresident => "vice_president",
            Self::DivisionHead => "division_head",
            Self::DeputyDivisionHead => "deputy_division_head",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::President => "院长",
            Self::VicePresident => "副院长",
            Self::DivisionHead => "庭长",
            Self::DeputyDivisionHead => "副庭长",
        }
    }
}

/// A judge (法官) of a court.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judge {
    pub court: CourtCode,
    pub code: String,
    pub name: String,
    pub department: Option<String>,
    pub titles: Vec<JudgeTitle>,
    /// 员额法官
    pub quota: bool,
}

/// A local code (department or judge code): 1–32 ASCII letters, digits, `-` or `_`.
pub fn is_valid_local_code(code: &str) -> bool {
    !code.is_empty() && code.len() <= 32 && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("最高法", CourtLevel::Supreme, None)]
    #[case("内", CourtLevel::High, Some("最高法"))]
    #[case("内02", CourtLevel::Intermediate, Some("内"))]
    #[case("内0203", CourtLevel::Basic, Some("内02"))]
    #[case("兵0101", CourtLevel::Basic, Some("兵01"))]
    fn court_codes_imply_their_level_and_parent(
        #[case] code: &str,
        #[case] level: CourtLevel,
        #[case] parent: Option<&str>,
    ) {
        let code = CourtCode::parse(code).unwrap();
        assert_eq!(code.level(), level);
        assert_eq!(code.parent().as_ref().map(CourtCode::as_str), parent);
    }

    #[rstest]
    #[case("")]
    #[case("内2")]
    #[case("内020")]
    #[case("内02033")]
    #[case("内0a")]
    #[case("X02")]
    #[case("蒙02")]
    fn malformed_court_codes_are_refused(#[case] code: &str) {
        assert!(CourtCode::parse(code).is_err(), "{code}");
    }

    #[test]
    fn a_court_whose_parent_contradicts_its_code_is_refused() {
        let code = CourtCode::parse("内0203").unwrap();
        let wrong = CourtCode::parse("内03").unwrap();
        let err = Court::new(code, "昆都仑区人民法院".into(), CourtLevel::Basic, Some(wrong));
        assert_eq!(err.unwrap_err().0, "parent");
    }

    #[test]
    fn a_basic_court_lies_within_its_intermediate_and_high_court() {
        let basic = CourtCode::parse("内0203").unwrap();
        assert!(basic.is_within(&CourtCode::parse("内02").unwrap()));
        assert!(basic.is_within(&CourtCode::parse("内").unwrap()));
        assert!(basic.is_within(&CourtCode::parse("最高法").unwrap()));
        assert!(!basic.is_within(&CourtCode::parse("内03").unwrap()));
    }
}

//! 审理程序: the procedure a case is heard under, which decides its 审限.

use std::fmt;

/// 审理程序 (the `procedure` field of `INTERCHANGE.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Procedure {
    /// 普通程序
    Ordinary,
    /// 简易程序
    Simple,
    /// 小额诉讼程序
    SmallClaims,
    /// 速裁程序
    FastTrack,
    /// 特别程序
    Special,
    /// 二审 of a judgment (判决上诉)
    AppealJudgment,
    /// 二审 of a ruling (裁定上诉)
    AppealRuling,
    /// 再审
    Retrial,
    /// 非诉 (e.g. 非诉执行)
    NonLitigation,
    /// no procedure distinction
    None,
}

impl Procedure {
    pub const ALL: [Procedure; 10] = [
        Self::Ordinary,
        Self::Simple,
        Self::SmallClaims,
        Self::FastTrack,
        Self::Special,
        Self::AppealJudgment,
        Self::AppealRuling,
        Self::Retrial,
        Self::NonLitigation,
        Self::None,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ordinary => "ordinary",
            Self::Simple => "simple",
            Self::SmallClaims => "small_claims",
            Self::FastTrack => "fast_track",
            Self::Special => "special",
            Self::AppealJudgment => "appeal_judgment",
            Self::AppealRuling => "appeal_ruling",
            Self::Retrial => "retrial",
            Self::NonLitigation => "non_litigation",
            Self::None => "none",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Ordinary => "普通程序",
            Self::Simple => "简易程序",
            Self::SmallClaims => "小额诉讼程序",
            Self::FastTrack => "速裁程序",
            Self::Special => "特别程序",
            Self::AppealJudgment => "二审（判决）",
            Self::AppealRuling => "二审（裁定）",
            Self::Retrial => "再审程序",
            Self::NonLitigation => "非诉程序",
            Self::None => "无",
        }
    }
}

impl fmt::Display for Procedure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

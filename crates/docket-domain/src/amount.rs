//! 金额: money as integer fen (分), parsed from decimal yuan strings; never floating point.

use std::fmt;

/// Why a string is not an amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("金额“{0}”无效：应为以元为单位的十进制字符串，如“125000.00”")]
    Malformed(String),
    #[error("金额“{0}”小数超过两位")]
    TooManyDecimals(String),
    #[error("金额“{0}”不能为负数")]
    Negative(String),
    #[error("金额“{0}”超出范围")]
    TooLarge(String),
}

/// A non-negative amount of money in fen (1 元 = 100 分).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Amount(i64);

impl Amount {
    pub const ZERO: Amount = Amount(0);

    /// Whole yuan, for constants.
    pub const fn yuan(y: u32) -> Amount {
        Amount(y as i64 * 100)
    }

    pub fn from_fen(fen: i64) -> Option<Self> {
        (fen >= 0).then_some(Self(fen))
    }

    pub fn fen(self) -> i64 {
        self.0
    }

    /// Parses `"125000"`, `"125000.5"` or `"125000.50"`.
    pub fn from_yuan_str(s: &str) -> Result<Self, AmountError> {
        let t = s.trim();
        if t.starts_with('-') {
            return Err(AmountError::Negative(s.to_owned()));
        }
        let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
        let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(frac) || (t.contains('.') && frac.is_empty()) {
            return Err(AmountError::Malformed(s.to_owned()));
        }
        if frac.len() > 2 {
            return Err(AmountError::TooManyDecimals(s.to_owned()));
        }
        let yuan: i64 = whole.parse().map_err(|_| AmountError::TooLarge(s.to_owned()))?;
        let mut fen_part: i64 =
            if frac.is_empty() { 0 } else { frac.parse().map_err(|_| AmountError::Malformed(s.to_owned()))? };
        if frac.len() == 1 {
            fen_part *= 10;
        }
        yuan.checked_mul(100)
            .and_then(|f| f.checked_add(fen_part))
            .map(Self)
            .ok_or_else(|| AmountError::TooLarge(s.to_owned()))
    }

    pub fn checked_add(self, other: Amount) -> Option<Amount> {
        self.0.checked_add(other.0).map(Amount)
    }
}

/// Formats as the interchange's decimal yuan string with two decimals: `125000.00`.
impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    #[rstest]
    #[case("125000.00", 12_500_000)]
    #[case("125000", 12_500_000)]
    #[case("0.5", 50)]
    #[case("0.05", 5)]
    #[case("3", 300)]
    fn decimal_yuan_strings_become_fen(#[case] s: &str, #[case] fen: i64) {
        assert_eq!(Amount::from_yuan_str(s).unwrap().fen(), fen);
    }

    #[rstest]
    #[case("1.234", "TooManyDecimals")]
    #[case("-1", "Negative")]
    #[case("1e5", "Malformed")]
    #[case("", "Malformed")]
    #[case("1.", "Malformed")]
    #[case(".5", "Malformed")]
    #[case("1,000", "Malformed")]
    #[case("99999999999999999999", "TooLarge")]
    fn bad_amounts_are_refused_with_the_reason(#[case] s: &str, #[case] kind: &str) {
        let err = Amount::from_yuan_str(s).unwrap_err();
        assert!(format!("{err:?}").starts_with(kind), "{s}: {err:?}");
    }

    proptest! {
        #[test]
        fn formatting_then_parsing_an_amount_gives_it_back(fen in 0i64..i64::MAX / 1000) {
            let a = Amount::from_fen(fen).unwrap();
            prop_assert_eq!(Amount::from_yuan_str(&a.to_string()).unwrap(), a);
        }
    }
}

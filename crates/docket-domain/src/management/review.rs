//! 案件评查 and 绩效考核 as records (INTERCHANGE.md, "Management records"): review batches and the
//! reviews of their cases (`review_batch`, `case_review`), appraisal schemes and the scores
//! entered by hand (`appraisal_scheme`, `manual_score`), and how the register folds them.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::RecordError;
use crate::{CaseNumber, CourtCode};

fn refuse<T>(field: &'static str, message: impl Into<String>) -> Result<T, RecordError> {
    Err(RecordError { field, message: message.into() })
}

/// The kind of a review batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReviewType {
    /// 常规评查.
    Routine,
    /// 重点评查.
    Key,
    /// 专项评查.
    Special,
}

impl ReviewType {
    pub const ALL: [Self; 3] = [Self::Routine, Self::Key, Self::Special];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Routine => "routine",
            Self::Key => "key",
            Self::Special => "special",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Routine => "常规评查",
            Self::Key => "重点评查",
            Self::Special => "专项评查",
        }
    }
}

/// 评查批次: its cases are drawn (at random, reproducibly, or by hand) when it is opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewBatch {
    pub court: CourtCode,
    pub id: String,
    pub name: String,
    pub review_type: ReviewType,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The cases drawn into it (a field Docket adds; empty: any case of the court may be reviewed).
    pub cases: Vec<CaseNumber>,
    /// How they were drawn, e.g. `随机抽取 20 件（种子 7；民初；判决）` (a field Docket adds).
    pub method: Option<String>,
}

/// A review's grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Grade {
    Excellent,
    Pass,
    /// 瑕疵.
    Flawed,
    Fail,
}

impl Grade {
    pub const ALL: [Self; 4] = [Self::Excellent, Self::Pass, Self::Flawed, Self::Fail];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Excellent => "excellent",
            Self::Pass => "pass",
            Self::Flawed => "flawed",
            Self::Fail => "fail",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Excellent => "优秀",
            Self::Pass => "合格",
            Self::Flawed => "瑕疵",
            Self::Fail => "不合格",
        }
    }

    /// 合格 for 评查合格率: excellent or pass.
    pub fn passes(self) -> bool {
        matches!(self, Self::Excellent | Self::Pass)
    }
}

/// 案件评查: one case reviewed in a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseReview {
    pub court: CourtCode,
    pub batch: String,
    pub case_no: CaseNumber,
    /// The reviewer's judge code.
    pub reviewer: String,
    pub on: NaiveDate,
    /// 0–100.
    pub score: u8,
    pub grade: Grade,
    pub findings: Vec<String>,
}

/// Whom a scheme appraises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppraisalSubject {
    Judge,
    Department,
}

impl AppraisalSubject {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "judge" => Some(Self::Judge),
            "department" => Some(Self::Department),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Judge => "judge",
            Self::Department => "department",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Judge => "法官",
            Self::Department => "部门",
        }
    }
}

/// What an item scores: an indicator (with the better direction) or a mark entered by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemSource {
    Indicator { id: String, higher_is_better: bool },
    Manual(String),
}

/// One item of a scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppraisalItem {
    /// e.g. 审判质效, 精品创建, 队伍建设, 廉政建设, 综合服务.
    pub category: String,
    pub source: ItemSource,
    pub weight: u32,
}

impl AppraisalItem {
    /// The item's name: the indicator id or the manual item's name.
    pub fn name(&self) -> &str {
        match &self.source {
            ItemSource::Indicator { id, .. } => id,
            ItemSource::Manual(m) => m,
        }
    }
}

/// 绩效考核方案.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppraisalScheme {
    pub court: CourtCode,
    pub id: String,
    pub subject: AppraisalSubject,
    pub year: i32,
    pub items: Vec<AppraisalItem>,
}

/// A mark entered by hand for one subject, period and manual item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManualScore {
    pub court: CourtCode,
    pub scheme: String,
    /// A judge or department code.
    pub subject: String,
    /// `2025` or `2025-03`.
    pub period: String,
    pub item: String,
    /// 0–100, with up to two decimals, in hundredths.
    pub score_centi: u32,
}

/// A batch with its reviews, in the order recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchState {
    pub batch: ReviewBatch,
    pub reviews: Vec<CaseReview>,
}

/// A scheme as last recorded (a scheme is revised by recording it again under its id), with the
/// manual scores by (subject, period, item): the last entered counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeState {
    pub scheme: AppraisalScheme,
    pub revisions: u32,
    pub manual: BTreeMap<(String, String, String), u32>,
}

/// Is `period` a year (`2025`) or a month (`2025-03`) of `year`?
pub fn period_of_year(period: &str, year: i32) -> bool {
    let y = year.to_string();
    match period.split_once('-') {
        None => period == y,
        Some((py, m)) => py == y && m.len() == 2 && m.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m)),
    }
}

/// The review batches and appraisal schemes of the register.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewRegister {
    pub batches: BTreeMap<(CourtCode, String), BatchState>,
    pub schemes: BTreeMap<(CourtCode, String), SchemeState>,
}

impl ReviewRegister {
    pub(super) fn batch(&mut self, b: &ReviewBatch) -> Result<(), RecordError> {
        let key = (b.court.clone(), b.id.clone());
        if self.batches.contains_key(&key) {
            return refuse("id", format!("评查批次 {} 已存在于 {}", b.id, b.court));
        }
        if b.name.trim().is_empty() {
            return refuse("name", "评查批次名称不能为空");
        }
        if b.to < b.from {
            return refuse("to", format!("结束日期 {} 早于开始日期 {}", b.to, b.from));
        }
        for (i, c) in b.cases.iter().enumerate() {
            if !c.court().is_within(&b.court) {
                return refuse("cases", format!("案件 {c} 不属于 {} 或其辖区法院", b.court));
            }
            if b.cases[..i].contains(c) {
                return refuse("cases", format!("案件 {c} 重复"));
            }
        }
        self.batches.insert(key, BatchState { batch: b.clone(), reviews: Vec::new() });
        Ok(())
    }

    pub(super) fn review(&mut self, r: &CaseReview) -> Result<(), RecordError> {
        let Some(state) = self.batches.get_mut(&(r.court.clone(), r.batch.clone())) else {
            return refuse("batch", format!("评查批次 {} 不存在于 {}", r.batch, r.court));
        };
        if !r.case_no.court().is_within(&r.court) {
            return refuse("case_no", format!("案件 {} 不属于 {} 或其辖区法院", r.case_no, r.court));
        }
        if !state.batch.cases.is_empty() && !state.batch.cases.contains(&r.case_no) {
            return refuse("case_no", format!("案件 {} 未列入评查批次 {}", r.case_no, r.batch));
        }
        if state.reviews.iter().any(|x| x.case_no == r.case_no) {
            return refuse("case_no", format!("案件 {} 在评查批次 {} 中已评查", r.case_no, r.batch));
        }
        if r.score > 100 {
            return refuse("score", "评查分数应为 0–100");
        }
        if r.on < state.batch.from {
            return refuse("on", format!("评查日期 {} 早于批次开始日期 {}", r.on, state.batch.from));
        }
        if r.findings.iter().any(|f| f.trim().is_empty()) {
            return refuse("findings", "问题描述不能为空");
        }
        if matches!(r.grade, Grade::Flawed | Grade::Fail) && r.findings.is_empty() {
            return refuse("findings", format!("评为{}须写明发现的问题", r.grade.label()));
        }
        state.reviews.push(r.clone());
        Ok(())
    }

    pub(super) fn scheme(&mut self, s: &AppraisalScheme) -> Result<(), RecordError> {
        if s.items.is_empty() {
            return refuse("items", "考核方案至少要有一个考核项目");
        }
        let total: u32 = s.items.iter().map(|i| i.weight).sum();
        if total != 100 {
            return refuse("items", format!("各项权重之和为 {total}，应为 100"));
        }
        for (i, item) in s.items.iter().enumerate() {
            if item.category.trim().is_empty() {
                return refuse("items", format!("第 {} 项的类别不能为空", i + 1));
            }
            if item.weight == 0 {
                return refuse("items", format!("第 {} 项（{}）的权重应大于 0", i + 1, item.name()));
            }
            if s.items[..i].iter().any(|x| x.name() == item.name()) {
                return refuse("items", format!("考核项目 {} 重复", item.name()));
            }
        }
        let key = (s.court.clone(), s.id.clone());
        match self.schemes.get_mut(&key) {
            Some(state) => {
                if state.scheme.subject != s.subject || state.scheme.year != s.year {
                    return refuse("subject", "修订考核方案不能改变考核对象或年度");
                }
                state.scheme = s.clone();
                state.revisions += 1;
            }
            None => {
                self.schemes.insert(key, SchemeState { scheme: s.clone(), revisions: 1, manual: BTreeMap::new() });
            }
        }
        Ok(())
    }

    pub(super) fn manual_score(&mut self, m: &ManualScore) -> Result<(), RecordError> {
        let Some(state) = self.schemes.get_mut(&(m.court.clone(), m.scheme.clone())) else {
            return refuse("scheme", format!("考核方案 {} 不存在于 {}", m.scheme, m.court));
        };
        if !state.scheme.items.iter().any(|i| matches!(&i.source, ItemSource::Manual(n) if *n == m.item)) {
            return refuse("item", format!("考核方案 {} 没有人工评分项目“{}”", m.scheme, m.item));
        }
        if !period_of_year(&m.period, state.scheme.year) {
            return refuse(
                "period",
                format!(
                    "考核期间“{}”应为 {} 或 {}-01 至 {}-12",
                    m.period, state.scheme.year, state.scheme.year, state.scheme.year
                ),
            );
        }
        if m.score_centi > 10_000 {
            return refuse("score", "分数应为 0–100");
        }
        state.manual.insert((m.subject.clone(), m.period.clone(), m.item.clone()), m.score_centi);
        Ok(())
    }
}

/// 随机抽取: `n` of `count` candidates, reproducibly from `seed` (the same seed over the same list
/// draws the same cases, so a batch can be checked): the indices drawn, in the candidates' order.
pub fn draw(count: usize, n: usize, seed: u64) -> Vec<usize> {
    // A partial Fisher–Yates shuffle driven by SplitMix64.
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut idx: Vec<usize> = (0..count).collect();
    let n = n.min(count);
    for i in 0..n {
        let j = i + (next() % (count - i) as u64) as usize;
        idx.swap(i, j);
    }
    let mut out = idx[..n].to_vec();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::draw;

    #[test]
    fn a_draw_is_reproducible_by_its_seed_and_takes_distinct_cases() {
        let a = draw(500, 20, 7);
        assert_eq!(a, draw(500, 20, 7));
        assert_ne!(a, draw(500, 20, 8));
        assert_eq!(a.len(), 20);
        assert!(a.windows(2).all(|w| w[0] < w[1]) && a.iter().all(|i| *i < 500));
        assert_eq!(draw(5, 20, 1), vec![0, 1, 2, 3, 4], "asking for more than there are takes them all");
        // Every candidate has its chance: over many seeds each index is drawn about n/count of the time.
        let mut hits = [0u32; 10];
        for seed in 0..5_000 {
            for i in draw(10, 3, seed) {
                hits[i] += 1;
            }
        }
        assert!(hits.iter().all(|h| (1_300..1_700).contains(h)), "{hits:?}");
    }
}

//! 司法公开: the documents of a case (裁判文书), which of them are published on the internet and
//! by when, and the anonymiser driven by the case record — 《最高人民法院关于人民法院在互联网公布
//! 裁判文书的规定》 (法释〔2016〕19号), summarised in `PUBLICATION.md`.

use chrono::{Duration, NaiveDate};

use crate::calendar::HolidayCalendar;
use crate::case::CaseRecord;
use crate::case_type::Category;
pub use crate::event::DocKind;

mod anonymise;

pub use anonymise::{Anonymised, Change, Doubt, Why, anonymise, pseudonym};

/// Why a document is not published on the internet (法释〔2016〕19号 §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Exemption {
    /// §4(一): 涉及国家秘密 — Docket takes a sealed case as one.
    Secret,
    /// §4(二): 未成年人犯罪.
    JuvenileCrime,
    /// §4(三): 以调解方式结案或者确认人民调解协议效力的 (unless a public interest calls for it).
    Mediation,
    /// §4(四): 离婚诉讼或者涉及未成年子女抚养、监护的.
    Family,
}

impl Exemption {
    pub fn label(self) -> &'static str {
        match self {
            Self::Secret => "涉及国家秘密或案件不公开审理（第四条第一项）",
            Self::JuvenileCrime => "未成年人犯罪（第四条第二项）",
            Self::Mediation => "以调解方式结案或确认调解协议效力（第四条第三项）",
            Self::Family => "离婚诉讼或涉及未成年子女抚养、监护（第四条第四项）",
        }
    }
}

/// Whether a case's document is to be published (§3) or is exempt (§4).
pub fn exemption(record: &CaseRecord, doc: DocKind) -> Option<Exemption> {
    let cause = record.cause.as_str();
    let category = record.case_type().category;
    let minor = record.tags.iter().any(|t| t.as_str() == "minor");
    if category == Category::Criminal && minor {
        return Some(Exemption::JuvenileCrime);
    }
    if ["离婚", "抚养", "监护"].iter().any(|w| cause.contains(w)) {
        return Some(Exemption::Family);
    }
    let public_interest = cause.contains("公益");
    let confirmation = matches!(record.case_type().code, "民特" | "诉前调确") && cause.contains("调解协议");
    if (doc == DocKind::Mediation || confirmation || category == Category::Mediation) && !public_interest {
        return Some(Exemption::Mediation);
    }
    if record.sealed {
        return Some(Exemption::Secret);
    }
    None
}

/// The last day to publish a document that took effect on `effective_on`: seven working days
/// after it (§7), counted over the court's holiday calendar.
pub fn publication_due(effective_on: NaiveDate, calendar: &HolidayCalendar) -> NaiveDate {
    let mut d = effective_on;
    let mut counted = 0;
    while counted < 7 {
        d += Duration::days(1);
        if !calendar.is_rest_day(d) {
            counted += 1;
        }
    }
    d
}

/// The anonymisation rules in force (the setting `publication.profile`), versioned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Profile {
    /// 法释〔2016〕19号 as written: §8 roles 隐名, §10 deletions, §11 what is kept.
    #[default]
    Rules2016,
    /// The stricter practice of many courts since 2024: every natural person is 隐名 and credit
    /// codes are deleted too; organisation names are still kept.
    Strict,
}

impl Profile {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Rules2016 => "2016",
            Self::Strict => "strict",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "2016" => Some(Self::Rules2016),
            "strict" => Some(Self::Strict),
            _ => None,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Rules2016 => "法释〔2016〕19号",
            Self::Strict => "从严（自然人一律隐名）",
        }
    }
}

/// A document of a case as its events hold it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedDocument {
    /// 生效日期: the day of its `document_issued`.
    pub on: NaiveDate,
    pub doc: DocKind,
    pub text: String,
    /// `document_published`: the day, and the reason when withheld instead.
    pub published: Option<(NaiveDate, Option<String>)>,
}

impl IssuedDocument {
    /// Published on the internet (not withheld).
    pub fn is_online(&self) -> bool {
        matches!(self.published, Some((_, None)))
    }
}

/// Characters a reader takes for 法条 cited: `第X条` with the law's name before it in 《》.
/// Returns `《中华人民共和国民法典》第五百七十七条`-like strings, each once, in order.
pub fn articles_cited(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = text;
    let mut law: Option<&str> = None;
    while let Some(i) = rest.find(['《', '第', '。']) {
        let tail = &rest[i..];
        if let Some(t) = tail.strip_prefix('。') {
            law = None;
            rest = t;
            continue;
        }
        if let Some(t) = tail.strip_prefix('《') {
            if let Some(end) = t.find('》') {
                law = Some(&t[..end]);
                rest = &t[end + '》'.len_utf8()..];
                continue;
            }
            rest = t;
            continue;
        }
        let t = &tail['第'.len_utf8()..];
        let digits: String = t.chars().take_while(|c| "〇零一二三四五六七八九十百千0123456789".contains(*c)).collect();
        let after = &t[digits.len()..];
        if !digits.is_empty() && after.starts_with('条') {
            if let Some(l) = law {
                let cite = format!("《{l}》第{digits}条");
                if !out.contains(&cite) {
                    out.push(cite);
                }
            }
            rest = &after['条'.len_utf8()..];
        } else {
            rest = t;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seven_working_days_skip_the_weekend() {
        let cal = HolidayCalendar::shipped();
        // Friday 2025-03-07 → Mon 10 … Fri 14 (5), Mon 17, Tue 18 = 7.
        let d = NaiveDate::from_ymd_opt(2025, 3, 7).unwrap();
        assert_eq!(publication_due(d, &cal), NaiveDate::from_ymd_opt(2025, 3, 18).unwrap());
    }

    #[test]
    fn seven_working_days_skip_the_national_day_holiday() {
        let cal = HolidayCalendar::shipped();
        // 2025-09-30 (Tue): 10-01…10-08 are rest days, 10-11 (Sat) is a working day.
        let d = NaiveDate::from_ymd_opt(2025, 9, 30).unwrap();
        let due = publication_due(d, &cal);
        assert!(due > NaiveDate::from_ymd_opt(2025, 10, 13).unwrap(), "{due}");
        assert!(!cal.is_rest_day(due));
    }

    #[test]
    fn the_articles_cited_are_read_with_their_law() {
        let t = "依照《中华人民共和国民法典》第五百七十七条、第五百七十九条，《中华人民共和国民事诉讼法》第六十七条规定，判决如下：一、驳回。第一条不是法条";
        assert_eq!(
            articles_cited(t),
            [
                "《中华人民共和国民法典》第五百七十七条",
                "《中华人民共和国民法典》第五百七十九条",
                "《中华人民共和国民事诉讼法》第六十七条",
            ]
        );
    }

    #[test]
    fn each_doc_kind_reads_back_from_its_code() {
        for d in DocKind::ALL {
            assert_eq!(DocKind::parse(d.as_str()), Some(d));
        }
        assert_eq!(DocKind::parse("verdict"), None);
    }
}

//! 类案检索报告: the similar cases found for a case, tiered as the SPC's 2020 guidance orders them
//! (《关于统一法律适用加强类案检索的指导意见（试行）》 第四条: 指导性案例; the SPC's; the province's
//! high court's; the court above's and the court's own), with how each was decided and the
//! passage that matched, for the case file.

use crate::document::{Block, Document, Table};

/// One case found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimilarCase {
    pub case_no: String,
    pub court: String,
    pub cause: String,
    /// How it was decided (结案方式).
    pub outcome: String,
    pub date: String,
    pub articles: String,
    pub passage: String,
}

/// A tier of the guidance with the cases found in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tier {
    pub label: String,
    /// 应当参照 (指导性案例) or 可以参考.
    pub binding: bool,
    pub cases: Vec<SimilarCase>,
}

/// What was searched and for whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimilarSearch {
    pub court_name: String,
    /// The case the search is for (empty for a free search).
    pub case_no: String,
    pub query: String,
    pub filters: String,
    pub searched_on: String,
    pub by: String,
}

/// The report.
pub fn similar_case_report(s: &SimilarSearch, tiers: &[Tier]) -> Document {
    let found: usize = tiers.iter().map(|t| t.cases.len()).sum();
    let mut blocks = vec![
        Block::Heading(1, "检索情况".into()),
        Block::Paragraph(format!(
            "{}{}于{}在本院裁判文书库中进行类案检索。检索内容：{}{}。共检索到类案{}件，按《最高人民法院关于统一法律适用加强类案检索的指导意见（试行）》第四条规定的检索范围和顺序列明如下。",
            if s.case_no.is_empty() { String::new() } else { format!("为办理{}，", s.case_no) },
            s.by,
            s.searched_on,
            if s.query.is_empty() { "（未输入检索词）".to_owned() } else { format!("“{}”", s.query) },
            if s.filters.is_empty() { String::new() } else { format!("；筛选条件：{}", s.filters) },
            found,
        )),
    ];
    for t in tiers {
        blocks.push(Block::Heading(1, t.label.clone()));
        if t.cases.is_empty() {
            blocks.push(Block::Paragraph("该范围内未检索到类案。".into()));
            continue;
        }
        blocks.push(Block::Paragraph(if t.binding {
            "以下为指导性案例，与待决案件在基本案情和法律适用方面相类似的，应当参照其裁判要点作出裁判。".into()
        } else {
            "以下案例可以作为作出裁判的参考。".into()
        }));
        blocks.push(Block::Table(Table {
            caption: format!("表：{}", t.label),
            header: ["案号", "法院", "案由", "裁判结果", "生效日期", "引用法条"].map(String::from).to_vec(),
            rows: t
                .cases
                .iter()
                .map(|c| {
                    vec![
                        c.case_no.clone(),
                        c.court.clone(),
                        c.cause.clone(),
                        c.outcome.clone(),
                        c.date.clone(),
                        c.articles.clone(),
                    ]
                })
                .collect(),
        }));
        for c in &t.cases {
            blocks.push(Block::Paragraph(format!("{}：{}", c.case_no, c.passage)));
        }
    }
    blocks.push(Block::Heading(1, "检索结论".into()));
    blocks.push(Block::Paragraph(if found == 0 {
        "未检索到类案。".to_owned()
    } else {
        "承办法官应结合待决案件的基本事实、争议焦点和法律适用，对上述类案进行识别和比对，说明是否参照或参考及其理由；本报告随案归档。"
            .to_owned()
    }));
    Document {
        title: format!("{}类案检索报告", s.court_name),
        subtitle: if s.case_no.is_empty() {
            s.searched_on.clone()
        } else {
            format!("{}（{}）", s.case_no, s.searched_on)
        },
        blocks,
    }
    .numbered()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_lists_each_tier_in_the_guidances_order_and_says_when_one_is_empty() {
        let case = |no: &str| SimilarCase {
            case_no: no.into(),
            court: "包头市昆都仑区人民法院".into(),
            cause: "买卖合同纠纷".into(),
            outcome: "判决".into(),
            date: "2025-03-01".into(),
            articles: "《中华人民共和国民法典》第五百七十七条".into(),
            passage: "被告拖欠货款".into(),
        };
        let tiers = vec![
            Tier { label: "一、指导性案例".into(), binding: true, cases: vec![] },
            Tier {
                label: "四、上一级法院及本院".into(), binding: false, cases: vec![case("（2025）内0203民初1号")]
            },
        ];
        let s = SimilarSearch {
            court_name: "包头市昆都仑区人民法院".into(),
            case_no: "（2026）内0203民初9号".into(),
            query: "拖欠货款".into(),
            filters: String::new(),
            searched_on: "2026-12-07".into(),
            by: "王立新".into(),
        };
        let text = similar_case_report(&s, &tiers).to_text();
        let first = text.find("一、指导性案例").unwrap();
        let fourth = text.find("四、上一级法院及本院").unwrap();
        assert!(first < fourth);
        assert!(text.contains("该范围内未检索到类案"));
        assert!(text.contains("共检索到类案1件"));
        assert!(text.contains("（2025）内0203民初1号：被告拖欠货款"));
    }
}

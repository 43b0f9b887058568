//! The 审管办's lists a bulletin carries beside its figures: the listed cases of the campaigns
//! not yet cleared, and the rectification items due within a week or overdue.

use chrono::NaiveDate;

use crate::document::{Block, Document, Table};

/// A listed case not yet cleared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnclearedCase {
    pub campaign: String,
    pub case_no: String,
    pub court: String,
    pub leader: String,
    pub target_on: Option<NaiveDate>,
    pub overdue: bool,
}

/// A rectification item due soon or overdue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueItem {
    pub court: String,
    pub ledger: String,
    pub no: u32,
    pub problem: String,
    pub lead: String,
    pub due_on: NaiveDate,
    pub overdue: bool,
}

/// What the lists hold, for the account drafting (cases it may not read are counted, not named).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordLists {
    pub uncleared: Vec<UnclearedCase>,
    /// Uncleared listed cases the account may not read.
    pub uncleared_unnamed: usize,
    pub items: Vec<DueItem>,
}

const HEADING: &str = "专项清理、整改、司法建议和涉诉信访（年初以来）";

/// The bulletin with the lists after its 专项清理 paragraph (a section of their own when the
/// bulletin has none), tables renumbered.
pub fn with_record_lists(mut doc: Document, lists: &RecordLists) -> Document {
    if lists.uncleared.is_empty() && lists.items.is_empty() && lists.uncleared_unnamed == 0 {
        return doc;
    }
    let mut blocks = Vec::new();
    if !lists.uncleared.is_empty() || lists.uncleared_unnamed > 0 {
        let overdue = lists.uncleared.iter().filter(|c| c.overdue).count();
        blocks.push(Block::Paragraph(format!(
            "专项清理尚有 {} 件列入案件未清结，其中超过目标日期 {overdue} 件{}。",
            lists.uncleared.len() + lists.uncleared_unnamed,
            if lists.uncleared_unnamed > 0 {
                format!("（另有 {} 件为不公开案件，未列出）", lists.uncleared_unnamed)
            } else {
                String::new()
            }
        )));
        if !lists.uncleared.is_empty() {
            blocks.push(Block::Table(Table {
                caption: "表1：专项清理未清结案件".into(),
                header: ["专项清理", "案号", "法院", "包案领导", "目标日期", "状态"].map(String::from).to_vec(),
                rows: lists
                    .uncleared
                    .iter()
                    .map(|c| {
                        vec![
                            c.campaign.clone(),
                            c.case_no.clone(),
                            c.court.clone(),
                            c.leader.clone(),
                            c.target_on.map_or_else(|| "—".into(), |d| d.to_string()),
                            if c.overdue { "逾期未清结" } else { "未清结" }.into(),
                        ]
                    })
                    .collect(),
            }));
        }
    }
    if !lists.items.is_empty() {
        let overdue = lists.items.iter().filter(|i| i.overdue).count();
        blocks.push(Block::Paragraph(format!(
            "整改事项逾期未销号 {overdue} 项，7 日内到期 {} 项。",
            lists.items.len() - overdue
        )));
        blocks.push(Block::Table(Table {
            caption: "表1：整改事项到期及逾期".into(),
            header: ["法院", "台账", "序号", "问题", "牵头领导", "完成时限", "状态"].map(String::from).to_vec(),
            rows: lists
                .items
                .iter()
                .map(|i| {
                    vec![
                        i.court.clone(),
                        i.ledger.clone(),
                        i.no.to_string(),
                        i.problem.clone(),
                        i.lead.clone(),
                        i.due_on.to_string(),
                        if i.overdue { "逾期" } else { "即将到期" }.into(),
                    ]
                })
                .collect(),
        }));
    }
    let at = doc.blocks.iter().position(|b| matches!(b, Block::Heading(1, h) if h == HEADING));
    match at {
        Some(i) => {
            // After the section's paragraph.
            let after = i + 2;
            let tail = doc.blocks.split_off(after.min(doc.blocks.len()));
            doc.blocks.extend(blocks);
            doc.blocks.extend(tail);
        }
        None => {
            doc.blocks.push(Block::Heading(1, HEADING.into()));
            doc.blocks.extend(blocks);
        }
    }
    doc.numbered()
}

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

/// A finding of 数据核查 as a report lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntegrityLine {
    pub detector: String,
    pub court: String,
    pub case_no: Option<String>,
    pub on: NaiveDate,
    pub detail: String,
}

/// 数据核查 for the 审管办's copy of a report: the findings per detector in the period and since
/// the year began, and the period's findings listed (those about a case the drafter may not read
/// counted, not named).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IntegritySection {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// (detector, in the period, since 1 January).
    pub counts: Vec<(String, usize, usize)>,
    pub lines: Vec<IntegrityLine>,
    /// The period's findings not listed: about cases the drafter may not read.
    pub unnamed: usize,
    /// The period's findings beyond the list's length.
    pub more: usize,
}

/// The most findings a report lists.
pub const INTEGRITY_LINES: usize = 40;

const INTEGRITY_HEADING: &str = "数据核查（供审管办内部掌握）";

/// The report with its 数据核查 section at the end, tables renumbered. Only the 审管办's copy
/// carries it; the caller decides.
pub fn with_integrity(mut doc: Document, s: &IntegritySection) -> Document {
    let in_period: usize = s.counts.iter().map(|c| c.1).sum();
    let in_year: usize = s.counts.iter().map(|c| c.2).sum();
    doc.blocks.push(Block::Heading(1, INTEGRITY_HEADING.into()));
    doc.blocks.push(Block::Paragraph(format!(
        "本期（{}至{}）数据核查发现疑点 {in_period} 条，年初以来 {in_year} 条。疑点是需要核实的迹象，不是结论：\
         撤诉后以同一诉讼请求再次起诉的，人民法院应予受理（民诉法解释第二百一十四条），扣除或延长审限也可能于法有据。",
        s.from.map(|d| d.to_string()).unwrap_or_default(),
        s.to.map(|d| d.to_string()).unwrap_or_default(),
    )));
    doc.blocks.push(Block::Table(Table {
        caption: "表1：数据核查疑点分类".into(),
        header: ["核查项", "本期", "年初以来"].map(String::from).to_vec(),
        rows: s.counts.iter().map(|(d, p, y)| vec![d.clone(), p.to_string(), y.to_string()]).collect(),
    }));
    // Each finding as a numbered paragraph: its detail is a sentence, too long for a table cell.
    for (i, l) in s.lines.iter().enumerate() {
        doc.blocks.push(Block::Paragraph(format!(
            "{}. {}｜{}｜{}｜{}：{}",
            i + 1,
            l.detector,
            l.court,
            l.case_no.clone().unwrap_or_else(|| "（全院）".into()),
            l.on,
            l.detail
        )));
    }
    if s.unnamed > 0 || s.more > 0 {
        let mut notes = Vec::new();
        if s.more > 0 {
            notes.push(format!("另有 {} 条未列出，见“数据核查”页面", s.more));
        }
        if s.unnamed > 0 {
            notes.push(format!("{} 条涉及不公开案件，未列出", s.unnamed));
        }
        doc.blocks.push(Block::Paragraph(format!("{}。", notes.join("；"))));
    }
    doc.numbered()
}

/// 涉府案件 for the annual draft: enforcement cases where a government body owes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GovernmentCases {
    /// Filed in the period.
    pub filed: usize,
    /// Closed in the period.
    pub closed: usize,
    /// Open at the period's end.
    pub pending: usize,
    /// Recovered in those cases, in fen (all their recoveries).
    pub recovered_fen: i64,
}

/// The draft with its 涉府 figure after the paragraphs of its 执行工作 section (nothing when there
/// are no such cases).
pub fn with_government_cases(mut doc: Document, g: &GovernmentCases) -> Document {
    if g.filed == 0 && g.closed == 0 && g.pending == 0 {
        return doc;
    }
    let text = format!(
        "涉府案件（党政机关为被执行人）新收 {} 件，执结 {} 件，期末未结 {} 件，执行到位 {}。",
        g.filed,
        g.closed,
        g.pending,
        crate::numbers::money(g.recovered_fen)
    );
    let at = doc.blocks.iter().position(|b| matches!(b, Block::Heading(1, h) if h == "执行工作"));
    match at {
        Some(i) => {
            let end = doc.blocks[i + 1..]
                .iter()
                .position(|b| !matches!(b, Block::Paragraph(_)))
                .map_or(doc.blocks.len(), |k| i + 1 + k);
            doc.blocks.insert(end, Block::Paragraph(text));
        }
        None => {
            doc.blocks.push(Block::Heading(1, "执行工作".into()));
            doc.blocks.push(Block::Paragraph(text));
        }
    }
    doc
}

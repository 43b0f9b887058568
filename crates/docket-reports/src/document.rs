//! The document model every report is written in — title, numbered headings, paragraphs, tables —
//! and its renderings as text (the snapshot tests read it), HTML (the web UI) and CSV (the tables).
//! Headings are numbered the official-document way: 一、 for the first level, （一） for the
//! second, 1. for the third.

/// A report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    /// The court and period line under the title.
    pub subtitle: String,
    pub blocks: Vec<Block>,
}

impl Document {
    /// A document with its tables and charts numbered in the order they appear (表1, 表2, …;
    /// 图1, …): a report writes a caption as `表N：…` and leaves sections out when they have
    /// nothing to show, so the numbers are given here, where the order is final.
    pub fn numbered(mut self) -> Self {
        let (mut tables, mut charts) = (0, 0);
        for block in &mut self.blocks {
            let (caption, counter, mark) = match block {
                Block::Table(t) => (&mut t.caption, &mut tables, '表'),
                Block::Chart { caption, .. } => (caption, &mut charts, '图'),
                _ => continue,
            };
            let Some(rest) = caption.strip_prefix(mark) else { continue };
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            if digits == 0 || !rest[digits..].starts_with('：') {
                continue;
            }
            *counter += 1;
            *caption = format!("{mark}{}{}", counter, &rest[digits..]);
        }
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading of level 1, 2 or 3 (numbered when rendered).
    Heading(u8, String),
    Paragraph(String),
    Table(Table),
    /// A chart: its caption and the SVG (drawn by [`crate::charts`]).
    Chart {
        caption: String,
        svg: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub caption: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// 1 → 一, 12 → 十二, 21 → 二十一 (to 99).
pub fn chinese_numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].into(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[n - 10] }),
        _ => format!("{}十{}", DIGITS[(n / 10) % 10], if n.is_multiple_of(10) { "" } else { DIGITS[n % 10] }),
    }
}

/// Numbers headings as they come: a heading resets the counters below it.
#[derive(Default)]
pub struct HeadingNumbers([usize; 3]);

impl HeadingNumbers {
    /// The number of the next heading of this level (一、, （一）, 1.).
    pub fn next(&mut self, level: u8) -> String {
        let i = usize::from(level.clamp(1, 3)) - 1;
        self.0[i] += 1;
        for below in &mut self.0[i + 1..] {
            *below = 0;
        }
        let n = self.0[i];
        match i {
            0 => format!("{}、", chinese_numeral(n)),
            1 => format!("（{}）", chinese_numeral(n)),
            _ => format!("{n}."),
        }
    }
}

pub(crate) fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

/// One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break; and a cell a
/// spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return, and not a plain number such as `-2.58`) is prefixed with `'` so it is shown as text.
pub fn csv_field(s: &str) -> String {
    let numeric = s.trim_end_matches('%').parse::<f64>().is_ok();
    let s = if !numeric && s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
}

impl Document {
    /// Plain text: title, subtitle, numbered headings, paragraphs indented by two spaces of the
    /// full width, tables as tab-separated lines.
    pub fn to_text(&self) -> String {
        let mut out = format!("{}\n{}\n\n", self.title, self.subtitle);
        let mut numbering = HeadingNumbers::default();
        for b in &self.blocks {
            match b {
                Block::Heading(level, text) => out.push_str(&format!("{}{}\n", numbering.next(*level), text)),
                Block::Paragraph(p) => out.push_str(&format!("\u{3000}\u{3000}{p}\n")),
                Block::Chart { caption, .. } => out.push_str(&format!("［图］{caption}\n")),
                Block::Table(t) => {
                    out.push_str(&format!("{}\n{}\n", t.caption, t.header.join("\t")));
                    for r in &t.rows {
                        out.push_str(&format!("{}\n", r.join("\t")));
                    }
                }
            }
        }
        out
    }

    /// A standalone HTML page (our own small stylesheet inline: 仿宋 body, 黑体 headings, with
    /// fallbacks), also embedded by the web UI.
    pub fn to_html(&self) -> String {
        format!(
            "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{title}</title><style>\
             body{{font-family:\"FangSong\",\"仿宋\",\"Noto Serif CJK SC\",serif;max-width:48em;margin:2em auto;line-height:1.8}}\
             h1{{text-align:center;font-family:\"SimHei\",\"黑体\",\"Noto Sans CJK SC\",sans-serif}}\
             h2,h3,h4{{font-family:\"SimHei\",\"黑体\",\"Noto Sans CJK SC\",sans-serif;font-size:1em}}\
             .subtitle{{text-align:center}} p{{text-indent:2em}} table{{border-collapse:collapse;margin:1em 0}}\
             td,th{{border:1px solid #444;padding:.2em .6em}} caption{{font-weight:bold}}</style></head>\n\
             <body>{body}</body></html>\n",
            title = escape(&self.title),
            body = self.body_html(),
        )
    }

    /// The report as an HTML fragment (title, subtitle, body), for embedding in a page.
    pub fn body_html(&self) -> String {
        let mut body =
            format!("<h1>{}</h1><p class=\"subtitle\">{}</p>\n", escape(&self.title), escape(&self.subtitle));
        let mut numbering = HeadingNumbers::default();
        for b in &self.blocks {
            match b {
                Block::Heading(level, text) => {
                    let tag = format!("h{}", level.clamp(&1, &3) + 1);
                    body.push_str(&format!("<{tag}>{}{}</{tag}>\n", numbering.next(*level), escape(text)));
                }
                Block::Paragraph(p) => body.push_str(&format!("<p>{}</p>\n", escape(p))),
                Block::Chart { caption, svg } => {
                    body.push_str(&format!("<figure>{svg}<figcaption>{}</figcaption></figure>\n", escape(caption)))
                }
                Block::Table(t) => {
                    body.push_str(&format!("<table><caption>{}</caption><thead><tr>", escape(&t.caption)));
                    for h in &t.header {
                        body.push_str(&format!("<th>{}</th>", escape(h)));
                    }
                    body.push_str("</tr></thead><tbody>");
                    for r in &t.rows {
                        body.push_str("<tr>");
                        for c in r {
                            body.push_str(&format!("<td>{}</td>", escape(c)));
                        }
                        body.push_str("</tr>");
                    }
                    body.push_str("</tbody></table>\n");
                }
            }
        }
        body
    }

    /// Every table as CSV (RFC 4180 quoting), each after a line with its caption; a UTF-8 byte
    /// order mark first so spreadsheet programs read the Chinese.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("\u{feff}");
        for b in &self.blocks {
            if let Block::Table(t) = b {
                out.push_str(&format!("{}\r\n", csv_field(&t.caption)));
                out.push_str(&format!("{}\r\n", t.header.iter().map(|h| csv_field(h)).collect::<Vec<_>>().join(",")));
                for r in &t.rows {
                    out.push_str(&format!("{}\r\n", r.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(",")));
                }
                out.push_str("\r\n");
            }
        }
        out
    }

    /// Every table.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| if let Block::Table(t) = b { Some(t) } else { None })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn tables_and_charts_are_numbered_in_order_when_a_section_is_left_out() {
        let table = |caption: &str| Block::Table(Table { caption: caption.into(), header: vec![], rows: vec![] });
        let doc = Document {
            title: "通报".into(),
            subtitle: String::new(),
            blocks: vec![
                table("表1：本周指标"),
                Block::Chart { caption: "图1：分月".into(), svg: String::new() },
                table("表2：年初以来"),
                // 表3 (the courts below) is left out for a basic court.
                table("表4：超审限"),
                Block::Paragraph("表5：不是标题".into()),
                table("表6：绿色通道"),
                table("附表：主要指标"),
            ],
        }
        .numbered();
        let captions: Vec<&str> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t.caption.as_str()),
                Block::Chart { caption, .. } => Some(caption.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            captions,
            ["表1：本周指标", "图1：分月", "表2：年初以来", "表3：超审限", "表4：绿色通道", "附表：主要指标"]
        );
    }

    use super::*;

    #[test]
    fn headings_are_numbered_the_official_way_and_reset_below() {
        let doc = Document {
            title: "T".into(),
            subtitle: "S".into(),
            blocks: vec![
                Block::Heading(1, "审判".into()),
                Block::Heading(2, "质效".into()),
                Block::Heading(3, "a".into()),
                Block::Heading(3, "b".into()),
                Block::Heading(2, "效率".into()),
                Block::Heading(3, "c".into()),
                Block::Heading(1, "执行".into()),
                Block::Heading(2, "到位".into()),
            ],
        };
        let text = doc.to_text();
        let lines: Vec<&str> = text.lines().skip(3).collect();
        assert_eq!(lines, ["一、审判", "（一）质效", "1.a", "2.b", "（二）效率", "1.c", "二、执行", "（一）到位"]);
    }

    #[test]
    fn numerals_read_as_chinese() {
        let got: Vec<String> = [1, 9, 10, 11, 20, 21, 99].iter().map(|n| chinese_numeral(*n)).collect();
        assert_eq!(got, ["一", "九", "十", "十一", "二十", "二十一", "九十九"]);
    }

    #[test]
    fn csv_quotes_what_needs_quoting_and_html_escapes() {
        let doc = Document {
            title: "<t>".into(),
            subtitle: String::new(),
            blocks: vec![Block::Table(Table {
                caption: "表".into(),
                header: vec!["a,b".into(), "c".into()],
                rows: vec![vec!["x\"y".into(), "1".into()]],
            })],
        };
        assert!(doc.to_csv().contains("\"a,b\",c\r\n\"x\"\"y\",1\r\n"));
        assert_eq!(csv_field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("-2.58"), "-2.58", "a negative number stays a number");
        assert_eq!(csv_field("+1.5%"), "+1.5%");
        assert_eq!(csv_field("-cmd|' /C calc'!A0"), "'-cmd|' /C calc'!A0");
        assert!(doc.to_html().contains("<title>&lt;t&gt;</title>"));
    }
}

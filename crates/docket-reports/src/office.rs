//! The office formats: DOCX in the official-document layout (centred 黑体 title, 一、 headings in
//! 黑体, （一） in 楷体, body in 仿宋 at 三号 with a two-character first-line indent; each font
//! with Noto CJK fallbacks for machines without the Windows fonts) and XLSX with one sheet per
//! table, counts and percentages as numbers.

use docx_rs::{
    AlignmentType, Docx, Paragraph, Pic, Run, RunFonts, SpecialIndentType, Table as DocxTable, TableCell, TableRow,
};
use rust_xlsxwriter::{Format, Workbook};

use crate::document::{Block, Document, HeadingNumbers};

/// Why an office file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OfficeError {
    #[error("无法生成 DOCX：{0}")]
    Docx(String),
    #[error("无法生成 XLSX：{0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}

/// Half-points: 二号 22 pt for the title, 三号 16 pt for the body, 四号 14 pt for tables.
const TITLE: usize = 44;
const BODY: usize = 32;
const TABLE: usize = 28;

fn run(text: &str, east_asia: &str, size: usize) -> Run {
    // The East Asian font named first; LibreOffice and Word substitute by their own tables when
    // it is missing (Noto Serif/Sans CJK on Debian with fonts-noto-cjk).
    Run::new().add_text(text).size(size).fonts(RunFonts::new().east_asia(east_asia).ascii("Times New Roman"))
}

fn table(t: &crate::Table) -> DocxTable {
    let row = |cells: &[String], bold: bool| {
        TableRow::new(
            cells
                .iter()
                .map(|c| {
                    let r = run(c, if bold { "黑体" } else { "仿宋" }, TABLE);
                    TableCell::new().add_paragraph(Paragraph::new().add_run(if bold { r.bold() } else { r }))
                })
                .collect(),
        )
    };
    let mut rows = vec![row(&t.header, true)];
    rows.extend(t.rows.iter().map(|r| row(r, false)));
    DocxTable::new(rows)
}

/// A chart rasterised (PNG), for the formats that cannot take its SVG.
#[derive(Debug, Clone)]
pub struct ChartImage {
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// The type area's width (156 mm, GB/T 9704) in EMU.
const TYPE_AREA_EMU: u32 = 156 * 36_000;

impl Document {
    /// The report as an editable DOCX, charts shown by their captions only.
    pub fn to_docx(&self) -> Result<Vec<u8>, OfficeError> {
        self.to_docx_with(&[])
    }

    /// The report as an editable DOCX, each chart drawn from its image (`images[i]` for the i-th
    /// chart; a chart without one is shown by its caption).
    pub fn to_docx_with(&self, images: &[ChartImage]) -> Result<Vec<u8>, OfficeError> {
        let mut charts = images.iter();
        let mut doc = Docx::new()
            .add_paragraph(
                Paragraph::new().add_run(run(&self.title, "方正小标宋简体", TITLE).bold()).align(AlignmentType::Center),
            )
            .add_paragraph(Paragraph::new().add_run(run(&self.subtitle, "楷体", BODY)).align(AlignmentType::Center));
        let mut numbering = HeadingNumbers::default();
        for b in &self.blocks {
            doc = match b {
                Block::Heading(level, text) => {
                    let font = match level {
                        1 => "黑体",
                        2 => "楷体",
                        _ => "仿宋",
                    };
                    let heading = format!("{}{text}", numbering.next(*level));
                    doc.add_paragraph(Paragraph::new().add_run(run(&heading, font, BODY)).indent(
                        None,
                        Some(SpecialIndentType::FirstLine(640)),
                        None,
                        None,
                    ))
                }
                Block::Paragraph(p) => doc.add_paragraph(Paragraph::new().add_run(run(p, "仿宋", BODY)).indent(
                    None,
                    Some(SpecialIndentType::FirstLine(640)),
                    None,
                    None,
                )),
                // Word processors differ in SVG support: the chart goes in as PNG, across the type
                // area; without an image its caption stands in (its figures are in the tables).
                Block::Chart { caption, .. } => match charts.next() {
                    Some(image) if image.width > 0 => {
                        let height =
                            (u64::from(TYPE_AREA_EMU) * u64::from(image.height) / u64::from(image.width)) as u32;
                        let pic = Pic::new_with_dimensions(image.png.clone(), image.width, image.height)
                            .size(TYPE_AREA_EMU, height);
                        doc.add_paragraph(
                            Paragraph::new().add_run(Run::new().add_image(pic)).align(AlignmentType::Center),
                        )
                        .add_paragraph(
                            Paragraph::new().add_run(run(caption, "楷体", TABLE)).align(AlignmentType::Center),
                        )
                    }
                    _ => doc.add_paragraph(
                        Paragraph::new()
                            .add_run(run(&format!("［图］{caption}（图见网页版或 HTML 版）"), "楷体", TABLE))
                            .align(AlignmentType::Center),
                    ),
                },
                Block::Table(t) => doc
                    .add_paragraph(
                        Paragraph::new().add_run(run(&t.caption, "黑体", TABLE)).align(AlignmentType::Center),
                    )
                    .add_table(table(t)),
            };
        }
        let mut out = std::io::Cursor::new(Vec::new());
        doc.build().pack(&mut out).map_err(|e| OfficeError::Docx(e.to_string()))?;
        Ok(out.into_inner())
    }

    /// The report's tables as XLSX, one sheet each (named after its caption); integers and
    /// percentages are written as numbers (percentages with the `0.00%` format), the rest as text.
    pub fn to_xlsx(&self) -> Result<Vec<u8>, OfficeError> {
        let mut book = Workbook::new();
        let bold = Format::new().set_bold();
        let percent = Format::new().set_num_format("0.00%");
        for (i, t) in self.tables().enumerate() {
            let sheet = book.add_worksheet();
            sheet.set_name(sheet_name(&t.caption, i))?;
            sheet.set_column_width(0, 28)?;
            for (c, h) in t.header.iter().enumerate() {
                sheet.write_string_with_format(0, c as u16, h, &bold)?;
            }
            for (r, row) in t.rows.iter().enumerate() {
                let r = r as u32 + 1;
                for (c, cell) in row.iter().enumerate() {
                    let c = c as u16;
                    if let Ok(n) = cell.parse::<i64>() {
                        sheet.write_number(r, c, n as f64)?;
                    } else if let Some(p) = cell.strip_suffix('%').and_then(|p| p.parse::<f64>().ok()) {
                        sheet.write_number_with_format(r, c, p / 100.0, &percent)?;
                    } else {
                        sheet.write_string(r, c, cell)?;
                    }
                }
            }
        }
        Ok(book.save_to_buffer()?)
    }
}

/// A sheet name from a caption: the part before `：`, without the characters Excel forbids, at
/// most 31 characters.
fn sheet_name(caption: &str, index: usize) -> String {
    let name: String =
        caption.split('：').next().unwrap_or_default().chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect();
    if name.is_empty() { format!("表{}", index + 1) } else { name }
}

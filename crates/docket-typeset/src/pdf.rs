//! A report as PDF in the layout of GB/T 9704-2012 (党政机关公文格式): A4, the type area
//! 156 mm × 225 mm set 37 mm from the top and 28 mm from the left (§5.2.1–5.2.2), the body in
//! 三号 (16 pt) at 28 lines a page (§5.2.3), the title in 二号 (22 pt), headings numbered 一、
//! （一） 1. (§7.3.3), page numbers `— 1 —` in 四号 below the type area, odd pages at the right and
//! even at the left, each one character in (§7.5). Tables are set in 小四 with the header row
//! repeated on each page they run over; charts are drawn as vectors from the same SVG the web
//! shows.

use krilla::geom::{PathBuilder, Point, Size, Transform};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{GlyphId, KrillaGlyph};
use krilla_svg::{SurfaceExt, SvgSettings};
use resvg::usvg::Tree;

use docket_reports::{Block, Document, Table};

use crate::fonts::{Fonts, Role};
use crate::lines::{Line, break_lines};
use crate::{TypesetError, parse_svg};

const MM: f32 = 72.0 / 25.4;
const PAGE_W: f32 = 210.0 * MM;
const PAGE_H: f32 = 297.0 * MM;
const LEFT: f32 = 28.0 * MM;
const TOP: f32 = 37.0 * MM;
const WIDTH: f32 = 156.0 * MM;
const HEIGHT: f32 = 225.0 * MM;
const BOTTOM: f32 = TOP + HEIGHT;
/// 三号.
const BODY: f32 = 16.0;
/// 28 lines in the type area.
const PITCH: f32 = HEIGHT / 28.0;
/// 二号.
const TITLE: f32 = 22.0;
/// 四号: table captions, chart captions, page numbers.
const SMALL: f32 = 14.0;
/// 小四: table cells.
const CELL: f32 = 12.0;
const CELL_PITCH: f32 = CELL * 1.45;
const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 3.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Align {
    Justify,
    Left,
    Center,
    Right,
}

/// What is drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Op {
    Text { role: Role, size: f32, x: f32, baseline: f32, line: Line },
    Rule { from: (f32, f32), to: (f32, f32) },
    Chart { index: usize, x: f32, y: f32, width: f32, height: f32 },
}

/// The pages of a document, laid out.
pub(crate) struct Layout {
    pub(crate) pages: Vec<Vec<Op>>,
    pub(crate) charts: Vec<Tree>,
}

struct Flow<'a> {
    fonts: &'a Fonts,
    pages: Vec<Vec<Op>>,
    charts: Vec<Tree>,
    /// The top of the next line.
    y: f32,
}

impl Flow<'_> {
    fn page(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `height` fits below the current position (or the page is empty).
    fn room_for(&mut self, height: f32) {
        if self.y + height > BOTTOM + 0.01 && self.y > TOP + 0.01 {
            self.new_page();
        }
    }

    fn shape(&self, role: Role, size: f32, text: &str) -> Vec<(u32, f32)> {
        self.fonts.face(role).glyphs(text).into_iter().map(|(g, em)| (g, em * size)).collect()
    }

    /// A block of text, each line `pitch` apart; `indent` on the first line.
    #[allow(clippy::too_many_arguments)]
    fn text(&mut self, text: &str, role: Role, size: f32, pitch: f32, indent: f32, align: Align, x: f32, width: f32) {
        let glyphs = self.shape(role, size, text);
        let lines = break_lines(text, &glyphs, width - indent, width, align == Align::Justify);
        let ascent = self.fonts.face(role).ascent;
        for (i, line) in lines.into_iter().enumerate() {
            self.room_for(pitch);
            let left = x + if i == 0 { indent } else { 0.0 };
            let line_x = match align {
                Align::Justify | Align::Left => left,
                Align::Center => x + (width - line.width) / 2.0,
                Align::Right => x + width - line.width,
            };
            // The glyphs centred in the line's height.
            let baseline = self.y + (pitch - size) / 2.0 + ascent * size;
            self.page().push(Op::Text { role, size, x: line_x, baseline, line });
            self.y += pitch;
        }
    }

    fn title(&mut self, doc: &Document) {
        // A title that needs two lines is turned where the sense allows (§7.3.2: 回行时要做到
        // 词意完整，排列对称): after the court's name or the period, before a bracket — the turn
        // that leaves the two lines closest in length.
        let width = |t: &str| self.shape(Role::Title, TITLE, t).iter().map(|g| g.1).sum::<f32>();
        let turns: Vec<usize> = doc
            .title
            .char_indices()
            .filter(|(i, c)| {
                let before = &doc.title[..*i];
                *c == '（' || before.ends_with("法院") || before.ends_with('年') || before.ends_with('月')
            })
            .map(|(i, _)| i)
            .filter(|i| *i > 0 && width(&doc.title[..*i]) <= WIDTH && width(&doc.title[*i..]) <= WIDTH)
            .collect();
        if width(&doc.title) > WIDTH
            && let Some(turn) = turns.iter().min_by(|a, b| {
                let imbalance = |i: usize| (width(&doc.title[..i]) - width(&doc.title[i..])).abs();
                imbalance(**a).total_cmp(&imbalance(**b))
            })
        {
            let (first, second) = doc.title.split_at(*turn);
            for part in [first, second] {
                self.text(part, Role::Title, TITLE, TITLE * 1.6, 0.0, Align::Center, LEFT, WIDTH);
            }
        } else {
            self.text(&doc.title, Role::Title, TITLE, TITLE * 1.6, 0.0, Align::Center, LEFT, WIDTH);
        }
        self.y += PITCH;
        if !doc.subtitle.is_empty() {
            self.text(&doc.subtitle, Role::Kai, BODY, PITCH, 0.0, Align::Center, LEFT, WIDTH);
        }
        self.y += PITCH;
    }

    fn heading(&mut self, level: u8, text: &str) {
        // A heading is not left alone at the foot of a page.
        self.room_for(PITCH * 2.0);
        let role = match level {
            1 => Role::Heading,
            2 => Role::Kai,
            _ => Role::Body,
        };
        self.text(text, role, BODY, PITCH, 2.0 * BODY, Align::Justify, LEFT, WIDTH);
    }

    fn table(&mut self, table: &Table) {
        let columns = table.header.len().max(table.rows.iter().map(Vec::len).max().unwrap_or(0));
        if columns == 0 {
            return;
        }
        self.room_for(SMALL * 1.6 + 2.0 * (CELL_PITCH + 2.0 * PAD_Y));
        self.text(&table.caption, Role::Heading, SMALL, SMALL * 1.6, 0.0, Align::Center, LEFT, WIDTH);
        let widths = self.column_widths(table, columns);
        // A column of figures is right-aligned, other columns after the first centred.
        let aligns: Vec<Align> = (0..columns)
            .map(|c| {
                let mut cells = table.rows.iter().filter_map(|r| r.get(c)).filter(|t| !t.is_empty()).peekable();
                if c == 0 {
                    Align::Left
                } else if cells.peek().is_some() && cells.all(|t| looks_numeric(t)) {
                    Align::Right
                } else {
                    Align::Center
                }
            })
            .collect();
        let header = self.row(&table.header, &widths, Role::Heading, None);
        let mut first_on_page = true;
        for cells in &table.rows {
            let row = self.row(cells, &widths, Role::Body, Some(&aligns));
            if self.y + row.height + if first_on_page { header.height } else { 0.0 } > BOTTOM + 0.01 {
                self.close_table();
                self.new_page();
                first_on_page = true;
            }
            if first_on_page {
                self.place_row(&header, &widths);
                first_on_page = false;
            }
            self.place_row(&row, &widths);
        }
        if table.rows.is_empty() {
            self.place_row(&header, &widths);
        }
        self.close_table();
        self.y += PITCH / 2.0;
    }

    /// Columns as wide as their widest cell, spread to the type area's width. When the table is
    /// wider than that, every column keeps at least its widest unbreakable run (a figure never
    /// wraps; a header keeps up to four characters on a line) and the rest of the width goes to
    /// the columns in proportion to what they lack, so long names wrap instead of figures.
    fn column_widths(&self, table: &Table, columns: usize) -> Vec<f32> {
        let mut natural = vec![2.0 * CELL + 2.0 * PAD_X; columns];
        let mut least = vec![CELL + 2.0 * PAD_X; columns];
        for (row, role) in
            std::iter::once((&table.header, Role::Heading)).chain(table.rows.iter().map(|r| (r, Role::Body)))
        {
            for (c, cell) in row.iter().enumerate().take(columns) {
                let glyphs = self.shape(role, CELL, cell);
                let full: f32 = glyphs.iter().map(|g| g.1).sum();
                natural[c] = natural[c].max(full + 2.0 * PAD_X + 0.5);
                let unbreakable = if role == Role::Heading {
                    full.min(4.0 * CELL)
                } else {
                    crate::lines::widest_unbreakable(cell, &glyphs)
                };
                least[c] = least[c].max(unbreakable + 2.0 * PAD_X + 0.5);
            }
        }
        let total: f32 = natural.iter().sum();
        if total <= WIDTH {
            return natural.iter().map(|w| w * WIDTH / total).collect();
        }
        let floor: f32 = least.iter().sum();
        if floor >= WIDTH {
            return least.iter().map(|w| w * WIDTH / floor).collect();
        }
        let lacking: f32 = natural.iter().zip(&least).map(|(n, l)| n - l).sum();
        natural.iter().zip(&least).map(|(n, l)| l + (n - l) * (WIDTH - floor) / lacking).collect()
    }

    /// A row's cells broken into lines; `aligns` per column, `None` for the header (centred).
    fn row(&self, cells: &[String], widths: &[f32], role: Role, aligns: Option<&[Align]>) -> Row {
        let mut lines = Vec::new();
        for (c, width) in widths.iter().enumerate() {
            let text = cells.get(c).map(String::as_str).unwrap_or("");
            let glyphs = self.shape(role, CELL, text);
            let inner = width - 2.0 * PAD_X;
            let align = aligns.map_or(Align::Center, |a| a[c]);
            lines.push((break_lines(text, &glyphs, inner, inner, false), align));
        }
        let most = lines.iter().map(|(l, _)| l.len()).max().unwrap_or(1).max(1);
        Row { cells: lines, role, height: most as f32 * CELL_PITCH + 2.0 * PAD_Y }
    }

    fn place_row(&mut self, row: &Row, widths: &[f32]) {
        let top = self.y;
        let ascent = self.fonts.face(row.role).ascent;
        let mut x = LEFT;
        let mut ops = vec![Op::Rule { from: (LEFT, top), to: (LEFT + WIDTH, top) }];
        for ((lines, align), width) in row.cells.iter().zip(widths) {
            ops.push(Op::Rule { from: (x, top), to: (x, top + row.height) });
            for (i, line) in lines.iter().enumerate() {
                let inner = width - 2.0 * PAD_X;
                let lx = match align {
                    Align::Center => x + PAD_X + (inner - line.width) / 2.0,
                    Align::Right => x + width - PAD_X - line.width,
                    Align::Left | Align::Justify => x + PAD_X,
                };
                let baseline = top + PAD_Y + i as f32 * CELL_PITCH + (CELL_PITCH - CELL) / 2.0 + ascent * CELL;
                ops.push(Op::Text { role: row.role, size: CELL, x: lx, baseline, line: line.clone() });
            }
            x += width;
        }
        ops.push(Op::Rule { from: (LEFT + WIDTH, top), to: (LEFT + WIDTH, top + row.height) });
        self.page().extend(ops);
        self.y += row.height;
    }

    fn close_table(&mut self) {
        let y = self.y;
        self.page().push(Op::Rule { from: (LEFT, y), to: (LEFT + WIDTH, y) });
    }

    fn chart(&mut self, caption: &str, svg: &str) -> Result<(), TypesetError> {
        let tree = parse_svg(svg, self.fonts)?;
        let size = tree.size();
        let width = WIDTH.min(size.width() * 1.2);
        let height = size.height() * width / size.width();
        self.room_for(height + SMALL * 1.6);
        let index = self.charts.len();
        self.charts.push(tree);
        let (x, y) = (LEFT + (WIDTH - width) / 2.0, self.y);
        self.page().push(Op::Chart { index, x, y, width, height });
        self.y += height;
        self.text(caption, Role::Kai, SMALL, SMALL * 1.6, 0.0, Align::Center, LEFT, WIDTH);
        self.y += PITCH / 2.0;
        Ok(())
    }
}

struct Row {
    cells: Vec<(Vec<Line>, Align)>,
    role: Role,
    height: f32,
}

/// Figures (counts, rates, changes) are right-aligned in their column.
fn looks_numeric(text: &str) -> bool {
    !text.is_empty()
        && text.chars().next().is_some_and(|c| c.is_ascii_digit() || "+-−".contains(c))
        && text.chars().all(|c| c.is_ascii_digit() || ".%+-−, 个百分点万元亿件天".contains(c))
}

/// Lays the document out on pages.
pub(crate) fn layout(doc: &Document, fonts: &Fonts) -> Result<Layout, TypesetError> {
    let mut flow = Flow { fonts, pages: vec![Vec::new()], charts: Vec::new(), y: TOP };
    flow.title(doc);
    let mut numbering = docket_reports::HeadingNumbers::default();
    for block in &doc.blocks {
        match block {
            Block::Heading(level, text) => flow.heading(*level, &format!("{}{text}", numbering.next(*level))),
            Block::Paragraph(p) => flow.text(p, Role::Body, BODY, PITCH, 2.0 * BODY, Align::Justify, LEFT, WIDTH),
            Block::Table(t) => flow.table(t),
            Block::Chart { caption, svg } => flow.chart(caption, svg)?,
        }
    }
    Ok(Layout { pages: flow.pages, charts: flow.charts })
}

/// The page number line: `— n —`, odd pages at the right and even at the left, one character in.
fn page_number(fonts: &Fonts, n: usize) -> Op {
    let text = format!("— {n} —");
    let glyphs: Vec<(u32, f32)> =
        fonts.face(Role::Body).glyphs(&text).into_iter().map(|(g, em)| (g, em * SMALL)).collect();
    let line = break_lines(&text, &glyphs, f32::MAX, f32::MAX, false).into_iter().next().unwrap_or(Line {
        text: String::new(),
        glyphs: Vec::new(),
        width: 0.0,
    });
    let x = if n % 2 == 1 { LEFT + WIDTH - SMALL - line.width } else { LEFT + SMALL };
    let baseline = BOTTOM + 7.0 * MM + fonts.face(Role::Body).ascent * SMALL;
    Op::Text { role: Role::Body, size: SMALL, x, baseline, line }
}

/// Renders the laid-out pages.
pub(crate) fn render(doc: &Document, layout: &Layout, fonts: &Fonts) -> Result<Vec<u8>, TypesetError> {
    let mut pdf = krilla::Document::new();
    pdf.set_metadata(
        krilla::metadata::Metadata::new()
            .title(doc.title.clone())
            .description(doc.subtitle.clone())
            .language("zh-CN".into())
            .creator("Docket 审管".into()),
    );
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or(TypesetError::Pdf("页面尺寸无效".into()))?;
    for (i, ops) in layout.pages.iter().enumerate() {
        let mut page = pdf.start_page_with(settings.clone());
        let mut surface = page.surface();
        for op in ops.iter().chain(std::iter::once(&page_number(fonts, i + 1))) {
            match op {
                Op::Text { role, size, x, baseline, line } => {
                    let glyphs: Vec<KrillaGlyph> = line
                        .glyphs
                        .iter()
                        .map(|g| {
                            KrillaGlyph::new(
                                GlyphId::new(g.gid),
                                g.advance / size,
                                0.0,
                                0.0,
                                0.0,
                                g.range.clone(),
                                None,
                            )
                        })
                        .collect();
                    surface.set_fill(Some(Fill::default()));
                    surface.draw_glyphs(
                        Point::from_xy(*x, *baseline),
                        &glyphs,
                        fonts.face(*role).pdf.clone(),
                        &line.text,
                        *size,
                        false,
                    );
                }
                Op::Rule { from, to } => {
                    let mut path = PathBuilder::new();
                    path.move_to(from.0, from.1);
                    path.line_to(to.0, to.1);
                    if let Some(path) = path.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke { width: 0.5, ..Stroke::default() }));
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                    }
                }
                Op::Chart { index, x, y, width, height } => {
                    let size = Size::from_wh(*width, *height).ok_or(TypesetError::Pdf("图表尺寸无效".into()))?;
                    surface.push_transform(&Transform::from_translate(*x, *y));
                    surface.draw_svg(&layout.charts[*index], size, SvgSettings::default());
                    surface.pop();
                }
            }
        }
        surface.finish();
        page.finish();
    }
    pdf.finish().map_err(|e| TypesetError::Pdf(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use docket_reports::{Block, Document, Table};

    /// Debian's Noto CJK, or `None` (with a note) where it is not installed; CI sets
    /// `DOCKET_REQUIRE_FONTS` so a missing font fails instead.
    pub(crate) fn noto() -> Option<Fonts> {
        let dir = std::path::Path::new("/usr/share/fonts/opentype/noto");
        let files: Vec<Vec<u8>> = ["NotoSerifCJK-Regular.ttc", "NotoSerifCJK-Bold.ttc", "NotoSansCJK-Regular.ttc"]
            .iter()
            .filter_map(|f| std::fs::read(dir.join(f)).ok())
            .collect();
        if files.len() < 3 {
            assert!(
                std::env::var_os("DOCKET_REQUIRE_FONTS").is_none(),
                "fonts-noto-cjk is required (DOCKET_REQUIRE_FONTS)"
            );
            eprintln!("skipped: fonts-noto-cjk is not installed");
            return None;
        }
        Some(Fonts::from_files(files).unwrap())
    }

    fn long_report() -> Document {
        let paragraph = "全年共受理各类案件11709件，审执结11426件，结案率97.58%，同比上升1.23个百分点；\
                         法定审限内结案率（含延长审限）为99.12%，一审服判息诉率为92.40%（见表一）。"
            .repeat(3);
        let mut blocks = vec![Block::Heading(1, "审判执行工作总体情况".into())];
        for i in 0..12 {
            blocks.push(Block::Heading(2, format!("第{i}部分")));
            blocks.push(Block::Paragraph(paragraph.clone()));
        }
        blocks.push(Block::Table(Table {
            caption: "表一：各部门收结案情况".into(),
            header: vec!["部门".into(), "受理".into(), "审结".into(), "结案率".into(), "同比".into()],
            rows: (0..90)
                .map(|i| {
                    vec![
                        format!("民事审判第{i}庭"),
                        format!("{}", 100 + i),
                        format!("{}", 90 + i),
                        "97.58%".into(),
                        "上升1.23个百分点".into(),
                    ]
                })
                .collect(),
        }));
        Document {
            title: "某某县人民法院2025年工作报告数据稿".into(), subtitle: "2025年1月—12月".into(), blocks
        }
    }

    #[test]
    fn every_line_stays_inside_the_type_area() {
        let Some(fonts) = noto() else { return };
        let layout = layout(&long_report(), &fonts).unwrap();
        assert!(layout.pages.len() > 3, "{} pages", layout.pages.len());
        for (p, ops) in layout.pages.iter().enumerate() {
            for op in ops {
                if let Op::Text { x, baseline, line, size, .. } = op {
                    let drawn: f32 = line.glyphs.iter().map(|g| g.advance).sum();
                    assert!(
                        *x >= LEFT - 0.01 && x + drawn <= LEFT + WIDTH + 0.05,
                        "page {p}: {:?} at {x}, {drawn} wide",
                        line.text
                    );
                    assert!(
                        *baseline - size >= TOP - 1.0 && *baseline <= BOTTOM + 0.01,
                        "page {p}: {:?} at {baseline}",
                        line.text
                    );
                }
            }
        }
    }

    #[test]
    fn every_character_of_the_report_is_set_once_in_reading_order() {
        let Some(fonts) = noto() else { return };
        let doc = long_report();
        let layout = layout(&doc, &fonts).unwrap();
        let set: String = layout
            .pages
            .iter()
            .flatten()
            .filter_map(|op| if let Op::Text { line, .. } = op { Some(line.text.as_str()) } else { None })
            .collect();
        let paragraph = match &doc.blocks[2] {
            Block::Paragraph(p) => p.clone(),
            _ => unreachable!(),
        };
        assert_eq!(set.matches(paragraph.as_str()).count(), 12);
        assert!(set.starts_with(&format!("{}{}一、审判执行工作总体情况（一）第0部分", doc.title, doc.subtitle)));
    }

    #[test]
    fn a_table_longer_than_a_page_repeats_its_header_on_every_page_it_runs_over() {
        let Some(fonts) = noto() else { return };
        let layout = layout(&long_report(), &fonts).unwrap();
        let pages_with_rows: Vec<usize> = (0..layout.pages.len())
            .filter(|p| {
                layout.pages[*p]
                    .iter()
                    .any(|op| matches!(op, Op::Text { line, .. } if line.text.starts_with("民事审判第")))
            })
            .collect();
        assert!(pages_with_rows.len() >= 2, "{pages_with_rows:?}");
        for p in &pages_with_rows {
            let headers = layout.pages[*p]
                .iter()
                .filter(|op| matches!(op, Op::Text { line, .. } if line.text == "结案率"))
                .count();
            assert_eq!(headers, 1, "page {p}");
        }
        let rows: usize = layout
            .pages
            .iter()
            .flatten()
            .filter(|op| matches!(op, Op::Text { line, .. } if line.text.starts_with("民事审判第")))
            .count();
        assert_eq!(rows, 90);
    }

    #[test]
    fn a_two_line_title_turns_after_the_court_name_not_inside_a_word() {
        let Some(fonts) = noto() else { return };
        let doc = Document {
            title: "包头市昆都仑区人民法院2025年10月审判质效分析".into(),
            subtitle: String::new(),
            blocks: vec![],
        };
        let layout = layout(&doc, &fonts).unwrap();
        let lines: Vec<&str> = layout.pages[0]
            .iter()
            .filter_map(
                |op| if let Op::Text { line, role: Role::Title, .. } = op { Some(line.text.as_str()) } else { None },
            )
            .collect();
        assert_eq!(lines, ["包头市昆都仑区人民法院", "2025年10月审判质效分析"]);
    }

    #[test]
    fn a_table_wider_than_the_page_wraps_its_names_never_its_figures() {
        let Some(fonts) = noto() else { return };
        let doc = Document {
            title: "T".into(),
            subtitle: String::new(),
            blocks: vec![Block::Table(Table {
                caption: "表3：辖区法院结案率排序".into(),
                header: [
                    "法院",
                    "受理",
                    "审执结",
                    "结案率",
                    "法定审限内结案率",
                    "超审限未结",
                    "超12个月未结",
                    "同比变化",
                ]
                .map(String::from)
                .to_vec(),
                rows: vec![
                    [
                        "包头市昆都仑区人民法院执行局第二执行团队",
                        "73",
                        "58",
                        "79.45%",
                        "89.66%",
                        "0",
                        "0",
                        "上升12.34个百分点",
                    ]
                    .map(String::from)
                    .to_vec(),
                    ["包头市中级人民法院", "1400", "1100", "78.57%", "90.91%", "10", "2", "下降1.00个百分点"]
                        .map(String::from)
                        .to_vec(),
                ],
            })],
        };
        let layout = layout(&doc, &fonts).unwrap();
        let cells: Vec<&str> = layout.pages[0]
            .iter()
            .filter_map(|op| {
                if let Op::Text { line, size, .. } = op { (*size == CELL).then_some(line.text.as_str()) } else { None }
            })
            .collect();
        for figure in ["79.45%", "89.66%", "78.57%", "1400", "1100"] {
            assert!(cells.contains(&figure), "{figure} was wrapped: {cells:?}");
        }
        assert!(!cells.contains(&"包头市昆都仑区人民法院执行局第二执行团队"), "the long name wraps: {cells:?}");
    }

    #[test]
    fn a_heading_is_never_the_last_line_of_a_page() {
        let Some(fonts) = noto() else { return };
        let layout = layout(&long_report(), &fonts).unwrap();
        for (p, ops) in layout.pages.iter().enumerate() {
            if let Some(Op::Text { line, .. }) = ops.iter().rev().find(|op| matches!(op, Op::Text { .. })) {
                assert!(!line.text.starts_with('（'), "page {p} ends with heading {:?}", line.text);
            }
        }
    }
}

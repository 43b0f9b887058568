//! Docket's typesetting, pure (fonts come in as bytes, files go out as bytes):
//!
//! - [`pdf`]: a report [`Document`] as PDF in the official-document layout (GB/T 9704-2012),
//!   Chinese set with its line-breaking rules ([`lines`]) and the fonts chosen by role ([`fonts`]);
//! - [`chart_png`]: a report's SVG chart rasterised for the formats that need pixels (DOCX).
//!
//! The PDF is written by krilla (fonts subset and embedded), the charts drawn from the very SVG
//! the web shows (krilla-svg in the PDF, resvg for PNG).
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

mod fonts;
mod lines;
mod pdf;

use docket_reports::Document;
use resvg::usvg::{self, Tree};

pub use fonts::{Fonts, Role};

/// Why a document could not be typeset.
#[derive(Debug, thiserror::Error)]
pub enum TypesetError {
    #[error("未找到可排印中文的字体：请安装 fonts-noto-cjk，或以 DOCKET_FONT_DIR 指定字体目录")]
    NoChineseFont,
    #[error("图表无法解析：{0}")]
    Chart(String),
    #[error("无法生成 PDF：{0}")]
    Pdf(String),
}

/// The document as PDF.
pub fn pdf(doc: &Document, fonts: &Fonts) -> Result<Vec<u8>, TypesetError> {
    let layout = pdf::layout(doc, fonts)?;
    pdf::render(doc, &layout, fonts)
}

/// How many pages the document takes.
pub fn page_count(doc: &Document, fonts: &Fonts) -> Result<usize, TypesetError> {
    Ok(pdf::layout(doc, fonts)?.pages.len())
}

/// A chart as PNG.
#[derive(Debug, Clone)]
pub struct Png {
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Rasterises a chart's SVG `width` pixels wide on white, its text in the fonts' sans face.
pub fn chart_png(svg: &str, fonts: &Fonts, width: u32) -> Result<Png, TypesetError> {
    let tree = parse_svg(svg, fonts)?;
    let scale = width as f32 / tree.size().width();
    let height = (tree.size().height() * scale).ceil() as u32;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width, height)
        .ok_or(TypesetError::Chart(format!("尺寸无效：{width}×{height}")))?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(&tree, resvg::tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    let bytes = pixmap.encode_png().map_err(|e| TypesetError::Chart(e.to_string()))?;
    Ok(Png { bytes, width, height })
}

pub(crate) fn parse_svg(svg: &str, fonts: &Fonts) -> Result<Tree, TypesetError> {
    let options = usvg::Options {
        fontdb: fonts.db.clone(),
        font_family: fonts.chart_family.clone(),
        languages: vec!["zh-CN".into()],
        ..usvg::Options::default()
    };
    Tree::from_str(svg, &options).map_err(|e| TypesetError::Chart(e.to_string()))
}

//! A drafted report written out in the format asked for — text, HTML, CSV, DOCX, XLSX or PDF —
//! one function for the CLI and the web alike. PDF and the charts in DOCX need CJK fonts: they
//! are found once per process, from `DOCKET_FONT_DIR` (directories separated by `:`) or the
//! system's font directories (Debian's `fonts-noto-cjk`; a court's own 仿宋/黑体/楷体/小标宋
//! files are preferred where present).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use docket_reports::{Block, ChartImage, Document};
use docket_typeset::Fonts;

use crate::AppError;

/// A report's file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Text,
    Html,
    Csv,
    Docx,
    Xlsx,
    Pdf,
}

impl ReportFormat {
    pub const ALL: [&'static str; 6] = ["txt", "html", "csv", "docx", "xlsx", "pdf"];

    pub fn parse(s: &str) -> Option<ReportFormat> {
        Some(match s {
            "txt" | "text" => ReportFormat::Text,
            "html" => ReportFormat::Html,
            "csv" => ReportFormat::Csv,
            "docx" => ReportFormat::Docx,
            "xlsx" => ReportFormat::Xlsx,
            "pdf" => ReportFormat::Pdf,
            _ => return None,
        })
    }

    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Text => "txt",
            ReportFormat::Html => "html",
            ReportFormat::Csv => "csv",
            ReportFormat::Docx => "docx",
            ReportFormat::Xlsx => "xlsx",
            ReportFormat::Pdf => "pdf",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            ReportFormat::Text => "text/plain; charset=utf-8",
            ReportFormat::Html => "text/html; charset=utf-8",
            ReportFormat::Csv => "text/csv; charset=utf-8",
            ReportFormat::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ReportFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ReportFormat::Pdf => "application/pdf",
        }
    }

    /// Whether the format is binary (not for a terminal).
    pub fn is_binary(self) -> bool {
        matches!(self, ReportFormat::Docx | ReportFormat::Xlsx | ReportFormat::Pdf)
    }
}

/// The report in the format. PDF without CJK fonts is refused with what to install; DOCX is
/// written without chart images then (their captions stand in).
pub fn render_report(doc: &Document, format: ReportFormat) -> Result<Vec<u8>, AppError> {
    let office = |e: docket_reports::OfficeError| AppError::Invalid(e.to_string());
    Ok(match format {
        ReportFormat::Text => doc.to_text().into_bytes(),
        ReportFormat::Html => doc.to_html().into_bytes(),
        ReportFormat::Csv => doc.to_csv().into_bytes(),
        ReportFormat::Xlsx => doc.to_xlsx().map_err(office)?,
        ReportFormat::Docx => match report_fonts() {
            Ok(fonts) => doc.to_docx_with(&chart_images(doc, fonts)?).map_err(office)?,
            Err(_) => doc.to_docx().map_err(office)?,
        },
        ReportFormat::Pdf => {
            docket_typeset::pdf(doc, report_fonts()?).map_err(|e| AppError::Unavailable(e.to_string()))?
        }
    })
}

/// Every chart of the document as PNG, 1600 pixels wide (sharp in print at the type area's
/// 156 mm).
fn chart_images(doc: &Document, fonts: &Fonts) -> Result<Vec<ChartImage>, AppError> {
    doc.blocks
        .iter()
        .filter_map(|b| if let Block::Chart { svg, .. } = b { Some(svg) } else { None })
        .map(|svg| {
            let png = docket_typeset::chart_png(svg, fonts, 1600).map_err(|e| AppError::Invalid(e.to_string()))?;
            Ok(ChartImage { png: png.bytes, width: png.width, height: png.height })
        })
        .collect()
}

/// The fonts reports are printed in, found on first use.
pub fn report_fonts() -> Result<&'static Fonts, AppError> {
    static FONTS: OnceLock<Result<Fonts, String>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let dirs = font_dirs();
            let files: Vec<Vec<u8>> = candidate_files(&dirs).iter().filter_map(|f| std::fs::read(f).ok()).collect();
            Fonts::from_files(files).map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|why| AppError::Unavailable(why.clone()))
}

fn font_dirs() -> Vec<PathBuf> {
    if let Some(dirs) = std::env::var_os("DOCKET_FONT_DIR") {
        return std::env::split_paths(&dirs).collect();
    }
    ["/usr/share/fonts", "/usr/local/share/fonts"].iter().map(PathBuf::from).collect()
}

/// The font files worth reading: CJK families and the official-document fonts by their usual
/// file names, in regular or bold weight (a whole system font directory is hundreds of
/// megabytes).
fn candidate_files(dirs: &[PathBuf]) -> Vec<PathBuf> {
    const WANTED: [&str; 14] = [
        "cjk",
        "sourcehan",
        "simfang",
        "simhei",
        "simkai",
        "fangsong",
        "kaiti",
        "fzxbs",
        "xiaobiaosong",
        "小标宋",
        "仿宋",
        "黑体",
        "楷体",
        "stfangso",
    ];
    const OTHER_WEIGHTS: [&str; 9] =
        ["thin", "light", "medium", "black", "semibold", "extralight", "heavy", "demilight", "mono"];
    let mut found = Vec::new();
    let mut stack: Vec<PathBuf> = dirs.to_vec();
    let mut visited = 0;
    while let Some(dir) = stack.pop() {
        visited += 1;
        if visited > 2000 {
            break;
        }
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if is_wanted(&path, &WANTED, &OTHER_WEIGHTS) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn is_wanted(path: &Path, wanted: &[&str], other_weights: &[&str]) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_lowercase();
    let font = [".ttf", ".otf", ".ttc", ".otc"].iter().any(|e| name.ends_with(e));
    font && wanted.iter().any(|w| name.contains(w)) && !other_weights.iter().any(|w| name.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_font_search_takes_cjk_and_official_fonts_in_regular_and_bold_only() {
        let dir = std::env::temp_dir().join(format!("docket-fonts-{}", std::process::id()));
        let sub = dir.join("noto");
        std::fs::create_dir_all(&sub).unwrap();
        for f in [
            "NotoSerifCJK-Regular.ttc",
            "NotoSansCJK-Bold.ttc",
            "NotoSansCJK-Light.ttc",
            "DejaVuSans.ttf",
            "simfang.ttf",
            "NotoSansMonoCJKsc-Regular.otf",
            "readme.txt",
        ] {
            std::fs::write(sub.join(f), b"").unwrap();
        }
        let names: Vec<String> = candidate_files(std::slice::from_ref(&dir))
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["NotoSansCJK-Bold.ttc", "NotoSerifCJK-Regular.ttc", "simfang.ttf"]);
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn formats_parse_from_their_cli_names_and_name_their_files() {
        for name in ReportFormat::ALL {
            let f = ReportFormat::parse(name).unwrap();
            assert_eq!(f.extension(), name);
        }
        assert!(ReportFormat::parse("doc").is_none());
        assert!(ReportFormat::Pdf.is_binary() && !ReportFormat::Csv.is_binary());
    }
}

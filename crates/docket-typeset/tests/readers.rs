//! The PDF opened by real readers (poppler's pdftotext, pdffonts, pdftoppm) and the chart PNG
//! decoded back.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

use docket_reports::{Block, Document, Table, charts};
use docket_typeset::{Fonts, chart_png, pdf};

fn noto() -> Option<Fonts> {
    let dir = std::path::Path::new("/usr/share/fonts/opentype/noto");
    let files: Vec<Vec<u8>> = ["NotoSerifCJK-Regular.ttc", "NotoSerifCJK-Bold.ttc", "NotoSansCJK-Regular.ttc"]
        .iter()
        .filter_map(|f| std::fs::read(dir.join(f)).ok())
        .collect();
    let poppler = Command::new("pdftotext").arg("-v").output().is_ok();
    if files.len() < 3 || !poppler {
        assert!(
            std::env::var_os("DOCKET_REQUIRE_FONTS").is_none(),
            "fonts-noto-cjk and poppler-utils are required (DOCKET_REQUIRE_FONTS)"
        );
        eprintln!("skipped: fonts-noto-cjk or poppler-utils is not installed");
        return None;
    }
    Some(Fonts::from_files(files).unwrap())
}

fn report() -> Document {
    Document {
        title: "某某县人民法院2025年10月审判质效分析".into(),
        subtitle: "2025年10月".into(),
        blocks: vec![
            Block::Heading(1, "总体情况".into()),
            Block::Paragraph("本月共受理各类案件1234件，审执结1180件，结案率95.62%，环比上升2.05个百分点。".into()),
            Block::Chart {
                caption: "分月收结案".into(),
                svg: charts::grouped_bars(
                    "分月收结案",
                    &["9月".into(), "10月".into()],
                    &[("新收", vec![1100.0, 1234.0]), ("审结", vec![1000.0, 1180.0])],
                ),
            },
            Block::Table(Table {
                caption: "表一：主要指标".into(),
                header: vec!["指标".into(), "本月".into(), "环比".into()],
                rows: vec![
                    vec!["结案率".into(), "95.62%".into(), "上升2.05个百分点".into()],
                    vec!["受理".into(), "1234".into(), "12.18%".into()],
                ],
            }),
        ],
    }
}

#[test]
fn pdftotext_reads_the_chinese_and_the_figures_back_and_pdffonts_finds_the_cjk_fonts_embedded() {
    let Some(fonts) = noto() else { return };
    let bytes = pdf(&report(), &fonts).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let dir = tempdir();
    let file = dir.join("r.pdf");
    std::fs::write(&file, &bytes).unwrap();
    let text = String::from_utf8(Command::new("pdftotext").arg(&file).arg("-").output().unwrap().stdout).unwrap();
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for expected in [
        "某某县人民法院2025年10月审判质效分析",
        "一、总体情况",
        "本月共受理各类案件1234件，审执结1180件，结案率95.62%",
        "表一：主要指标",
        "上升2.05个百分点",
        "—1—",
    ] {
        assert!(text.contains(expected), "{expected} not in {text}");
    }
    let fonts_out = String::from_utf8(Command::new("pdffonts").arg(&file).output().unwrap().stdout).unwrap();
    let embedded: Vec<&str> = fonts_out
        .lines()
        .skip(2)
        .filter(|l| l.contains("CJK") && l.split_whitespace().rev().nth(4) == Some("yes"))
        .collect();
    assert!(!embedded.is_empty(), "{fonts_out}");
    // The chart's labels are set in the sans face inside the PDF too.
    assert!(text.contains("新收") && text.contains("10月"), "{text}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn the_pdf_rasterises_with_ink_where_the_title_is() {
    let Some(fonts) = noto() else { return };
    let dir = tempdir();
    let file = dir.join("r.pdf");
    std::fs::write(&file, pdf(&report(), &fonts).unwrap()).unwrap();
    let status = Command::new("pdftoppm")
        .args(["-r", "30", "-gray", "-singlefile"])
        .arg(&file)
        .arg(dir.join("p"))
        .status()
        .unwrap();
    assert!(status.success());
    let pgm = std::fs::read(dir.join("p.pgm")).unwrap();
    // P5 header: "P5\n<w> <h>\n255\n", then one byte a pixel.
    let header_end = pgm.iter().enumerate().filter(|(_, b)| **b == b'\n').nth(2).unwrap().0 + 1;
    let dims: Vec<usize> =
        String::from_utf8_lossy(&pgm[3..header_end]).split_whitespace().take(2).map(|s| s.parse().unwrap()).collect();
    let (w, h) = (dims[0], dims[1]);
    let pixels = &pgm[header_end..];
    let dark = |rows: std::ops::Range<usize>| {
        rows.flat_map(|y| (0..w).map(move |x| y * w + x)).filter(|i| pixels[*i] < 128).count()
    };
    // A4 at 30 dpi is 248 × 351; the title sits 37 mm from the top (about row 44), the margin above is blank.
    assert!((248..=249).contains(&w) && (350..=351).contains(&h), "{w}×{h}");
    assert_eq!(dark(0..35), 0);
    assert!(dark(40..55) > 20);
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_chart_rasterises_to_a_png_of_the_asked_width_with_its_bars_drawn() {
    let Some(fonts) = noto() else { return };
    let svg = charts::grouped_bars("分月收结案", &["1月".into(), "2月".into()], &[("新收", vec![10.0, 20.0])]);
    let png = chart_png(&svg, &fonts, 800).unwrap();
    assert_eq!(png.width, 800);
    assert!(png.height > 100 && png.height < 800);
    assert!(png.bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    // IHDR carries the size the PNG says it has.
    assert_eq!(u32::from_be_bytes(png.bytes[16..20].try_into().unwrap()), 800);
    assert_eq!(u32::from_be_bytes(png.bytes[20..24].try_into().unwrap()), png.height);
}

#[test]
fn without_a_chinese_font_typesetting_is_refused_in_chinese() {
    let err = Fonts::from_files(vec![b"not a font".to_vec()]).err().unwrap();
    assert!(err.to_string().contains("fonts-noto-cjk"));
}

fn tempdir() -> std::path::PathBuf {
    let dir =
        std::env::temp_dir().join(format!("docket-typeset-{}-{:?}", std::process::id(), std::thread::current().id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

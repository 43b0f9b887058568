//! The fonts a report is set in, chosen by role from the font files the caller passes.
//!
//! The official-document layout (GB/T 9704-2012 §7.3) names 小标宋 for the title, 黑体 for the
//! first heading level, 楷体 for the second and 仿宋 for the body. A court's machine may have
//! those (the Windows fonts, or 方正's); Debian's `fonts-noto-cjk` has Noto Serif CJK and Noto Sans
//! CJK. Each role takes the first family present from its list, so the same code prints with the
//! court's own fonts where it has them and with Noto where it has not.

use std::sync::Arc;

use resvg::usvg::fontdb::{Database, ID, Source, Weight};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

use crate::TypesetError;

/// What a font is used for in a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// 标题 (小标宋).
    Title,
    /// 一级标题 (黑体), table captions and header rows.
    Heading,
    /// 二级标题 (楷体), the subtitle and chart captions.
    Kai,
    /// 正文 (仿宋): paragraphs, third-level headings, table cells, page numbers.
    Body,
}

/// Families in order of preference, and whether the bold face of the family is wanted.
fn preferences(role: Role) -> (&'static [&'static str], bool) {
    match role {
        Role::Title => (
            &["方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "Source Han Serif SC", "Noto Serif SC"],
            true,
        ),
        Role::Heading => (&["黑体", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC"], false),
        Role::Kai => (
            &[
                "楷体",
                "楷体_GB2312",
                "KaiTi",
                "KaiTi_GB2312",
                "Noto Serif CJK SC",
                "Source Han Serif SC",
                "Noto Serif SC",
            ],
            false,
        ),
        Role::Body => (
            &[
                "仿宋",
                "仿宋_GB2312",
                "FangSong",
                "FangSong_GB2312",
                "Noto Serif CJK SC",
                "Source Han Serif SC",
                "Noto Serif SC",
            ],
            false,
        ),
    }
}

/// One face of a font file: what krilla embeds and what the layout measures.
#[derive(Clone)]
pub(crate) struct Face {
    pub(crate) data: Arc<dyn AsRef<[u8]> + Send + Sync>,
    pub(crate) index: u32,
    pub(crate) family: String,
    pub(crate) pdf: krilla::text::Font,
    units_per_em: f32,
    /// Ascent in em (for placing baselines).
    pub(crate) ascent: f32,
}

impl Face {
    fn new(data: Arc<dyn AsRef<[u8]> + Send + Sync>, index: u32, family: String) -> Option<Face> {
        let font = skrifa::FontRef::from_index((*data).as_ref(), index).ok()?;
        let metrics = font.metrics(Size::unscaled(), LocationRef::default());
        let units_per_em = f32::from(metrics.units_per_em.max(1));
        let ascent = metrics.ascent / units_per_em;
        let pdf = krilla::text::Font::new(krilla::Data::from(data.clone()), index)?;
        Some(Face { data, index, family, pdf, units_per_em, ascent })
    }

    /// Each character's glyph and advance in em (0 for characters the font lacks, which print as
    /// its .notdef).
    pub(crate) fn glyphs(&self, text: &str) -> Vec<(u32, f32)> {
        let Ok(font) = skrifa::FontRef::from_index((*self.data).as_ref(), self.index) else {
            return text.chars().map(|_| (0, 1.0)).collect();
        };
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
        text.chars()
            .map(|c| {
                let gid = charmap.map(c).unwrap_or_default();
                let advance = metrics.advance_width(gid).unwrap_or(self.units_per_em) / self.units_per_em;
                (gid.to_u32(), advance)
            })
            .collect()
    }

    /// Whether the face has a glyph for the character.
    pub(crate) fn covers(&self, c: char) -> bool {
        skrifa::FontRef::from_index((*self.data).as_ref(), self.index).is_ok_and(|f| f.charmap().map(c).is_some())
    }
}

/// The faces chosen for each role, and the font database the charts' text is set from.
#[derive(Clone)]
pub struct Fonts {
    title: Face,
    heading: Face,
    kai: Face,
    body: Face,
    pub(crate) db: Arc<Database>,
    /// The family SVG text without a family of its own is set in.
    pub(crate) chart_family: String,
}

impl Fonts {
    /// Chooses the faces from font files' bytes (TrueType/OpenType, single or collections such as
    /// Debian's `NotoSerifCJK-Regular.ttc`). Refuses when no file has a face that sets Chinese.
    pub fn from_files(files: Vec<Vec<u8>>) -> Result<Fonts, TypesetError> {
        let mut db = Database::new();
        for data in files {
            db.load_font_source(Source::Binary(Arc::new(data)));
        }
        let pick = |role: Role| -> Option<Face> {
            let (families, bold) = preferences(role);
            families.iter().find_map(|family| {
                let mut faces: Vec<_> = db
                    .faces()
                    .filter(|f| {
                        f.families.iter().any(|(name, _)| name == family)
                            && f.style == resvg::usvg::fontdb::Style::Normal
                    })
                    .collect();
                // The bold face when asked for (else the closest to it), the regular otherwise.
                let target = if bold { Weight::BOLD.0 } else { Weight::NORMAL.0 };
                faces.sort_by_key(|f| f.weight.0.abs_diff(target));
                faces.first().and_then(|f| face_of(&db, f.id, family))
            })
        };
        let any_chinese = || -> Option<Face> {
            db.faces().find_map(|f| {
                let family = f.families.first().map(|(n, _)| n.clone()).unwrap_or_default();
                face_of(&db, f.id, &family).filter(|face| face.covers('审') && face.covers('案'))
            })
        };
        let body = pick(Role::Body).or_else(any_chinese).ok_or(TypesetError::NoChineseFont)?;
        let title = pick(Role::Title).unwrap_or_else(|| body.clone());
        let heading = pick(Role::Heading).unwrap_or_else(|| body.clone());
        let kai = pick(Role::Kai).unwrap_or_else(|| body.clone());
        let chart_family = heading.family.clone();
        Ok(Fonts { title, heading, kai, body, db: Arc::new(db), chart_family })
    }

    pub(crate) fn face(&self, role: Role) -> &Face {
        match role {
            Role::Title => &self.title,
            Role::Heading => &self.heading,
            Role::Kai => &self.kai,
            Role::Body => &self.body,
        }
    }

    /// The family chosen for a role (for tests and for telling the user what was used).
    pub fn family(&self, role: Role) -> &str {
        &self.face(role).family
    }
}

fn face_of(db: &Database, id: ID, family: &str) -> Option<Face> {
    let (source, index) = db.face_source(id)?;
    let Source::Binary(data) = source else { return None };
    Face::new(data, index, family.to_string())
}

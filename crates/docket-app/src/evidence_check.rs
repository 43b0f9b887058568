//! What an evidence file must be to enter the vault (证据材料的格式核对): a type the vault takes,
//! a name whose extension is that type's, and content that is what the type says — for the zip
//! containers (DOCX, XLSX, OFD) a real archive with the parts the format requires, whose entries
//! expand to a bounded size. Files are stored and served back as bytes, never opened or executed
//! by Docket; the checks keep a mislabelled or booby-trapped file from reaching the people who
//! open it.

use std::io::Read;

/// The media types the vault accepts, with what the pages call them.
pub const MEDIA_TYPES: &[(&str, &str)] = &[
    ("application/pdf", "PDF 文档"),
    ("application/ofd", "OFD 版式文档"),
    ("image/png", "PNG 图片"),
    ("image/jpeg", "JPEG 图片"),
    ("text/plain", "纯文本（UTF-8）"),
    (DOCX, "Word 文档（DOCX）"),
    (XLSX, "Excel 表格（XLSX）"),
    ("audio/mpeg", "MP3 音频"),
    ("audio/wav", "WAV 音频"),
    ("video/mp4", "MP4 视频"),
];

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The file name extensions of each type (lower case, without the dot).
const EXTENSIONS: &[(&str, &[&str])] = &[
    ("application/pdf", &["pdf"]),
    ("application/ofd", &["ofd"]),
    ("image/png", &["png"]),
    ("image/jpeg", &["jpg", "jpeg"]),
    ("text/plain", &["txt"]),
    (DOCX, &["docx"]),
    (XLSX, &["xlsx"]),
    ("audio/mpeg", &["mp3"]),
    ("audio/wav", &["wav"]),
    ("video/mp4", &["mp4"]),
];

/// The most a zip container's entries may expand to, together.
pub const MAX_EXPANDED_BYTES: u64 = 200 * 1024 * 1024;
/// The most entries a zip container may hold.
pub const MAX_ZIP_ENTRIES: usize = 5_000;

/// Why the name does not fit the declared type (its extension is another's, or none).
pub fn name_problem(media_type: &str, label: &str, name: &str) -> Option<String> {
    let allowed = EXTENSIONS.iter().find(|(t, _)| *t == media_type).map_or(&[][..], |(_, e)| *e);
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_lowercase()).unwrap_or_default();
    if allowed.contains(&ext.as_str()) {
        return None;
    }
    let wanted = allowed.iter().map(|e| format!(".{e}")).collect::<Vec<_>>().join(" 或 ");
    Some(format!("文件名“{name}”的扩展名与所声明的{label}不符（应为 {wanted}）"))
}

/// Whether `content` is what `media_type` says.
pub fn content_matches(media_type: &str, content: &[u8]) -> bool {
    content_problem(media_type, "", content).is_none()
}

/// Why `content` is not what `media_type` says, if it is not.
pub fn content_problem(media_type: &str, label: &str, content: &[u8]) -> Option<String> {
    let not = || Some(format!("文件内容不是所声明的{label}"));
    let ok = match media_type {
        "application/pdf" => content.starts_with(b"%PDF-"),
        "image/png" => content.starts_with(b"\x89PNG\r\n\x1a\n"),
        "image/jpeg" => content.starts_with(&[0xFF, 0xD8, 0xFF]),
        "text/plain" => std::str::from_utf8(content).is_ok() && !content.contains(&0),
        "audio/mpeg" => {
            content.starts_with(b"ID3") || (content.len() > 1 && content[0] == 0xFF && content[1] & 0xE0 == 0xE0)
        }
        "audio/wav" => content.len() >= 12 && &content[..4] == b"RIFF" && &content[8..12] == b"WAVE",
        "video/mp4" => content.len() >= 8 && &content[4..8] == b"ftyp",
        "application/ofd" => return zip_problem(content, &["OFD.xml"], label),
        DOCX => return zip_problem(content, &["[Content_Types].xml", "word/document.xml"], label),
        XLSX => return zip_problem(content, &["[Content_Types].xml", "xl/workbook.xml"], label),
        _ => false,
    };
    if ok { None } else { not() }
}

/// Opens the archive and reads every entry through a counting reader: not an archive, a missing
/// required part, an encrypted entry, too many entries, or more than [`MAX_EXPANDED_BYTES`] when
/// expanded (whatever the archive declares) is a refusal.
fn zip_problem(content: &[u8], required: &[&str], label: &str) -> Option<String> {
    if !content.starts_with(b"PK\x03\x04") {
        return Some(format!("文件内容不是所声明的{label}（不是 zip 容器）"));
    }
    let mut archive = match zip::ZipArchive::new(std::io::Cursor::new(content)) {
        Ok(a) => a,
        Err(e) => return Some(format!("文件内容不是完整的{label}（zip 容器无法读取：{e}）")),
    };
    if archive.len() > MAX_ZIP_ENTRIES {
        return Some(format!("{label}中的条目过多（{} 个，至多 {MAX_ZIP_ENTRIES} 个）", archive.len()));
    }
    for part in required {
        if archive.index_for_name(part).is_none() {
            return Some(format!("文件内容不是所声明的{label}（缺少 {part}）"));
        }
    }
    let mut expanded = 0u64;
    for i in 0..archive.len() {
        let mut entry = match archive.by_index(i) {
            Ok(e) => e,
            Err(e) => return Some(format!("{label}的第 {} 个条目无法读取：{e}", i + 1)),
        };
        if entry.encrypted() {
            return Some(format!("{label}中有加密的条目，无法核对"));
        }
        let room = MAX_EXPANDED_BYTES - expanded;
        let mut limited = (&mut entry).take(room + 1);
        match std::io::copy(&mut limited, &mut std::io::sink()) {
            Ok(n) => expanded += n,
            Err(e) => return Some(format!("{label}的第 {} 个条目无法解压：{e}", i + 1)),
        }
        if expanded > MAX_EXPANDED_BYTES {
            return Some(format!("{label}解压后超过 {} MB，疑为压缩炸弹", MAX_EXPANDED_BYTES / 1024 / 1024));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut out);
            let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
            for (name, body) in entries {
                w.start_file(*name, options).unwrap();
                w.write_all(body).unwrap();
            }
            w.finish().unwrap();
        }
        out.into_inner()
    }

    #[test]
    fn a_docx_must_be_a_zip_with_its_required_parts() {
        let good = zip_of(&[("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>")]);
        assert_eq!(content_problem(DOCX, "Word", &good), None);
        // The old check passed anything starting PK\x03\x04 with "word/" somewhere in it.
        let mut fake = b"PK\x03\x04".to_vec();
        fake.extend_from_slice(b"word/ and nothing else");
        assert!(content_problem(DOCX, "Word", &fake).unwrap().contains("zip 容器无法读取"));
        let xlsx_as_docx = zip_of(&[("[Content_Types].xml", b"<Types/>"), ("xl/workbook.xml", b"<workbook/>")]);
        assert!(content_problem(DOCX, "Word", &xlsx_as_docx).unwrap().contains("缺少 word/document.xml"));
        assert_eq!(content_problem(XLSX, "Excel", &xlsx_as_docx), None);
    }

    #[test]
    fn a_container_that_expands_past_the_bound_is_refused_as_a_bomb() {
        // 210 MB of zeros compress to a few hundred kilobytes.
        let zeros = vec![0u8; 210 * 1024 * 1024];
        let bomb = zip_of(&[("[Content_Types].xml", b"<Types/>"), ("word/document.xml", &zeros)]);
        assert!(bomb.len() < 2 * 1024 * 1024, "{}", bomb.len());
        assert!(content_problem(DOCX, "Word", &bomb).unwrap().contains("压缩炸弹"));
    }

    #[test]
    fn the_name_must_carry_the_extension_of_the_declared_type() {
        assert_eq!(name_problem("application/pdf", "PDF 文档", "判决书.PDF"), None);
        assert_eq!(name_problem("image/jpeg", "JPEG 图片", "现场.jpeg"), None);
        let p = name_problem("application/pdf", "PDF 文档", "起诉状.pdf.exe").unwrap();
        assert!(p.contains("应为 .pdf"), "{p}");
        assert!(name_problem("text/plain", "纯文本", "README").is_some(), "no extension");
        assert!(name_problem(DOCX, "Word", "合同.doc").is_some());
    }

    #[test]
    fn each_accepted_type_has_its_extensions() {
        for (t, _) in MEDIA_TYPES {
            assert!(EXTENSIONS.iter().any(|(e, _)| e == t), "{t}");
        }
    }
}

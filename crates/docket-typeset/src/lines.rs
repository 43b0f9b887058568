//! Breaking text into lines the way Chinese is set: a line may break between any two Chinese
//! characters, never inside a run of Latin letters and digits (`97.58%`, `2025-01-01`), and the
//! 标点禁则 hold — no line begins with a closing mark such as `，。）》` and none ends with an
//! opening one such as `（《“`. Lines other than a paragraph's last are justified by spreading
//! the remaining width over the gaps between characters.

use std::ops::Range;

/// A character set on a line: its glyph, its advance in points (justification included) and its
/// bytes in the line's text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Placed {
    pub(crate) gid: u32,
    pub(crate) advance: f32,
    pub(crate) range: Range<usize>,
}

/// One line of text, ready to be drawn.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    pub(crate) text: String,
    pub(crate) glyphs: Vec<Placed>,
    /// The natural width in points (before justification).
    pub(crate) width: f32,
}

/// Marks that may not begin a line (行首禁则).
const NO_START: &str = "，。、；：？！）》」』】〕〉〗”’%…—·．,.;:?!)]}";
/// Marks that may not end a line (行尾禁则).
const NO_END: &str = "（《「『【〔〈〖“‘([{";

/// Whether a line may break between `before` and `after`.
fn may_break(before: char, after: char) -> bool {
    if before == ' ' {
        return true;
    }
    if NO_START.contains(after) || NO_END.contains(before) {
        return false;
    }
    // Latin letters, digits and their punctuation stay together as one word.
    !(before.is_ascii_graphic() && after.is_ascii_graphic())
}

/// The width of the widest run of characters no line may break inside (a figure such as
/// `79.45%`, a word with its closing mark): the narrowest a column holding `text` can be.
pub(crate) fn widest_unbreakable(text: &str, glyphs: &[(u32, f32)]) -> f32 {
    let chars: Vec<char> = text.chars().collect();
    let (mut widest, mut run) = (0.0_f32, 0.0_f32);
    for (i, c) in chars.iter().enumerate() {
        if i > 0 && may_break(chars[i - 1], *c) {
            widest = widest.max(run);
            run = 0.0;
        }
        run += glyphs.get(i).map_or(0.0, |g| g.1);
    }
    widest.max(run)
}

/// Breaks `text` (each character with its glyph and advance in points, from the font) into lines
/// no wider than `first` for the first line and `rest` for the others; justifies every line but
/// the last when `justify` is set.
pub(crate) fn break_lines(text: &str, glyphs: &[(u32, f32)], first: f32, rest: f32, justify: bool) -> Vec<Line> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut lines = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let max = if lines.is_empty() { first } else { rest };
        let mut width = 0.0;
        let mut end = start;
        let mut last_break = None;
        while end < chars.len() {
            if end > start && may_break(chars[end - 1].1, chars[end].1) {
                last_break = Some(end);
            }
            let w = glyphs.get(end).map_or(0.0, |g| g.1);
            if width + w > max + 0.01 && end > start {
                break;
            }
            width += w;
            end += 1;
        }
        if end < chars.len() {
            // Break at the last opportunity on the line; without one (a word longer than the
            // line) break where the line is full.
            if let Some(b) = last_break.filter(|b| *b > start) {
                end = b;
            }
        }
        lines.push((start, end));
        start = end;
        // Spaces at a break are not carried to the next line.
        while start < chars.len() && chars[start].1 == ' ' {
            start += 1;
        }
    }
    let count = lines.len();
    lines
        .into_iter()
        .enumerate()
        .map(|(i, (s, e))| {
            let max = if i == 0 { first } else { rest };
            let byte_start = chars[s].0;
            let byte_end = chars.get(e).map_or(text.len(), |c| c.0);
            let mut line_text = text[byte_start..byte_end].to_string();
            let mut placed: Vec<Placed> = (s..e)
                .map(|k| {
                    let from = chars[k].0 - byte_start;
                    let to = chars.get(k + 1).map_or(text.len(), |c| c.0) - byte_start;
                    let (gid, advance) = glyphs.get(k).copied().unwrap_or((0, 0.0));
                    Placed { gid, advance, range: from..to }
                })
                .collect();
            while line_text.ends_with(' ') {
                line_text.pop();
                placed.pop();
            }
            let width: f32 = placed.iter().map(|g| g.advance).sum();
            let slack = max - width;
            // Justify unless it is the last line, or the gap would look like a hole (a line that
            // broke early before a long word).
            if justify && i + 1 < count && placed.len() > 1 && slack > 0.0 && slack < max * 0.25 {
                let gap = slack / (placed.len() - 1) as f32;
                let last = placed.len() - 1;
                for g in &mut placed[..last] {
                    g.advance += gap;
                }
            }
            Line { text: line_text, glyphs: placed, width }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character one em of 10 points wide, Latin half.
    fn glyphs(text: &str) -> Vec<(u32, f32)> {
        text.chars().map(|c| (c as u32, if c.is_ascii() { 5.0 } else { 10.0 })).collect()
    }

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn chinese_breaks_between_any_characters_and_keeps_the_text() {
        let text = "全年共受理各类案件一万一千件审执结一万件";
        let lines = break_lines(text, &glyphs(text), 60.0, 80.0, true);
        assert_eq!(texts(&lines), ["全年共受理各", "类案件一万一千件", "审执结一万件"]);
        assert!(lines.iter().all(|l| l.width <= 80.0));
    }

    #[test]
    fn no_line_begins_with_a_closing_mark_or_ends_with_an_opening_one() {
        let text = "结案率为九成，同比上升（见表一）。";
        for width in [40.0, 50.0, 60.0, 70.0, 80.0, 90.0] {
            let lines = break_lines(text, &glyphs(text), width, width, true);
            assert_eq!(lines.iter().map(|l| l.text.as_str()).collect::<String>(), text);
            for l in &lines[1..] {
                let first = l.text.chars().next().unwrap_or(' ');
                assert!(!NO_START.contains(first), "line begins with {first} at width {width}: {:?}", texts(&lines));
            }
            for l in &lines {
                let last = l.text.chars().last().unwrap_or(' ');
                assert!(!NO_END.contains(last), "line ends with {last} at width {width}: {:?}", texts(&lines));
            }
        }
    }

    #[test]
    fn figures_are_never_split() {
        let text = "结案率97.58%，同比上升1.23个百分点";
        let lines = break_lines(text, &glyphs(text), 55.0, 55.0, true);
        let joined: Vec<&str> = texts(&lines);
        assert!(joined.iter().any(|l| l.contains("97.58%")), "{joined:?}");
        assert!(joined.iter().any(|l| l.contains("1.23")), "{joined:?}");
    }

    #[test]
    fn justified_lines_fill_the_measure_and_the_last_line_does_not() {
        let text = "一二三四五六七八九十一二三";
        let lines = break_lines(text, &glyphs(text), 95.0, 95.0, true);
        let full: f32 =
            lines[0].glyphs.iter().map(|g| g.advance).sum::<f32>() - lines[0].glyphs.last().map_or(0.0, |g| g.advance);
        // Nine characters on a 95-point line: the eight gaps take the 5 points left.
        assert!((full + 10.0 - 95.0).abs() < 0.01, "{full}");
        let last = lines.last().map(|l| l.glyphs.iter().map(|g| g.advance).sum::<f32>()).unwrap_or_default();
        assert!((last - 40.0).abs() < 0.01);
    }

    #[test]
    fn the_widest_unbreakable_run_is_a_figure_with_its_marks() {
        let text = "结案率79.45%，上升";
        // "79.45%，" cannot be broken: six half-width characters and the full-width comma.
        assert!((widest_unbreakable(text, &glyphs(text)) - 40.0).abs() < 0.01);
        assert!((widest_unbreakable("审判", &glyphs("审判")) - 10.0).abs() < 0.01);
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut_where_the_line_is_full() {
        let text = "AAAAAAAAAAAAAAAAAAAA";
        let lines = break_lines(text, &glyphs(text), 30.0, 30.0, false);
        assert_eq!(texts(&lines), ["AAAAAA", "AAAAAA", "AAAAAA", "AA"]);
    }
}

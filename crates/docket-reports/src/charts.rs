//! Charts as SVG drawn on the server: no script, no third-party library, readable when printed.
//! The web's 首页 and the reports draw the same charts.

use std::fmt::Write as _;

use crate::document::escape as html_escape;

const COLORS: [&str; 4] = ["#2f5d8a", "#c0504d", "#8a9a3a", "#d08a2f"];

/// Grouped bars: one group per label, one bar per series. `series` is (name, values by label).
pub fn grouped_bars(title: &str, labels: &[String], series: &[(&str, Vec<f64>)]) -> String {
    let (w, h, left, bottom, top) = (640.0, 240.0, 44.0, 36.0, 28.0);
    let plot_w = w - left - 10.0;
    let plot_h = h - bottom - top;
    let max = series.iter().flat_map(|(_, v)| v.iter().copied()).fold(0.0_f64, f64::max).max(1.0);
    let scale = nice_ceiling(max);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" aria-label="{t}" class="chart"><title>{t}</title>"#,
        t = html_escape(title)
    );
    // 1·10ⁿ and 5·10ⁿ divide into five round steps, 2·10ⁿ into four.
    let steps = if (scale / 10f64.powf(scale.log10().floor()) - 2.0).abs() < 1e-9 { 4 } else { 5 };
    for i in 0..=steps {
        let y = top + plot_h - plot_h * f64::from(i) / f64::from(steps);
        let v = scale * f64::from(i) / f64::from(steps);
        let _ = write!(
            s,
            r##"<line x1="{left}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#ddd"/><text x="{:.1}" y="{:.1}" font-size="10" text-anchor="end" fill="#555">{v:.0}</text>"##,
            w - 10.0,
            left - 4.0,
            y + 3.0
        );
    }
    let groups = labels.len().max(1) as f64;
    let group_w = plot_w / groups;
    let bar_w = (group_w * 0.8 / series.len().max(1) as f64).max(1.0);
    for (gi, label) in labels.iter().enumerate() {
        let gx = left + group_w * gi as f64 + group_w * 0.1;
        for (si, (name, values)) in series.iter().enumerate() {
            let v = values.get(gi).copied().unwrap_or(0.0);
            let bh = plot_h * v / scale;
            let _ = write!(
                s,
                r#"<rect x="{:.1}" y="{:.1}" width="{bar_w:.1}" height="{bh:.1}" fill="{}"><title>{} {}：{v:.0}</title></rect>"#,
                gx + bar_w * si as f64,
                top + plot_h - bh,
                COLORS[si % COLORS.len()],
                html_escape(label),
                html_escape(name)
            );
        }
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="#333">{}</text>"##,
            gx + group_w * 0.4,
            h - bottom + 14.0,
            html_escape(label)
        );
    }
    for (si, (name, _)) in series.iter().enumerate() {
        let x = left + 90.0 * si as f64;
        let _ = write!(
            s,
            r##"<rect x="{x}" y="6" width="10" height="10" fill="{}"/><text x="{:.1}" y="15" font-size="11" fill="#333">{}</text>"##,
            COLORS[si % COLORS.len()],
            x + 14.0,
            html_escape(name)
        );
    }
    s.push_str("</svg>");
    s
}

/// Horizontal bars with their values: a histogram or a mix.
pub fn horizontal_bars(title: &str, items: &[(String, f64)]) -> String {
    let row = 22.0;
    let (w, left) = (640.0, 130.0);
    let h = row * items.len().max(1) as f64 + 10.0;
    let max = items.iter().map(|(_, v)| *v).fold(0.0_f64, f64::max).max(1.0);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" aria-label="{t}" class="chart"><title>{t}</title>"#,
        t = html_escape(title)
    );
    for (i, (label, v)) in items.iter().enumerate() {
        let y = 5.0 + row * i as f64;
        let bw = (w - left - 70.0) * v / max;
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" font-size="11" text-anchor="end" fill="#333">{}</text><rect x="{left}" y="{:.1}" width="{bw:.1}" height="{:.1}" fill="{}"/><text x="{:.1}" y="{:.1}" font-size="11" fill="#333">{v:.0}</text>"##,
            left - 6.0,
            y + 14.0,
            html_escape(label),
            y + 3.0,
            row - 8.0,
            COLORS[0],
            left + bw + 4.0,
            y + 14.0
        );
    }
    s.push_str("</svg>");
    s
}

/// One bar of [`compared_bars`]: a label, the value drawn, the figure printed beside it, and
/// whether it lies in the reasonable range (`None` where the indicator has none).
pub struct ComparedBar {
    pub label: String,
    pub value: f64,
    pub shown: String,
    pub within: Option<bool>,
}

/// Courts (or departments, judges) side by side on one indicator: a bar each, green inside the
/// reasonable range and orange outside it, the range itself shaded behind the bars.
pub fn compared_bars(title: &str, bars: &[ComparedBar], range: (Option<f64>, Option<f64>)) -> String {
    let row = 22.0;
    let (w, left, top) = (640.0, 150.0, 8.0);
    let h = row * bars.len().max(1) as f64 + top + 6.0;
    let max = bars.iter().map(|b| b.value).chain(range.0).chain(range.1).fold(0.0_f64, f64::max);
    let max = if max > 0.0 { max } else { 1.0 };
    let span = w - left - 110.0;
    let x = |v: f64| left + span * (v / max).clamp(0.0, 1.0);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" aria-label="{t}" class="chart"><title>{t}</title>"#,
        t = html_escape(title)
    );
    if range.0.is_some() || range.1.is_some() {
        let (lo, hi) = (x(range.0.unwrap_or(0.0)), x(range.1.unwrap_or(max)));
        let _ = write!(
            s,
            r##"<rect x="{lo:.1}" y="{top}" width="{:.1}" height="{:.1}" fill="#e3efe0"><title>合理区间</title></rect>"##,
            (hi - lo).max(0.5),
            h - top - 4.0
        );
    }
    for (i, b) in bars.iter().enumerate() {
        let y = top + row * i as f64;
        let colour = match b.within {
            Some(true) => "#4d8a3a",
            Some(false) => "#d08a2f",
            None => COLORS[0],
        };
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" font-size="11" text-anchor="end" fill="#333">{label}</text><rect x="{left}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{colour}"><title>{label}：{shown}</title></rect><text x="{:.1}" y="{:.1}" font-size="11" fill="#333">{shown}</text>"##,
            left - 6.0,
            y + 14.0,
            y + 3.0,
            (x(b.value) - left).max(0.0),
            row - 8.0,
            x(b.value) + 4.0,
            y + 14.0,
            label = html_escape(&b.label),
            shown = html_escape(&b.shown),
        );
    }
    s.push_str("</svg>");
    s
}

/// The smallest 1, 2 or 5 × 10ⁿ at or above `x`.
fn nice_ceiling(x: f64) -> f64 {
    let p = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * p).find(|v| *v >= x).unwrap_or(10.0 * p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_tops_are_round_numbers_at_or_above_the_maximum() {
        assert_eq!(nice_ceiling(7.0), 10.0);
        assert_eq!(nice_ceiling(130.0), 200.0);
        assert_eq!(nice_ceiling(500.0), 500.0);
        assert_eq!(nice_ceiling(501.0), 1000.0);
    }

    #[test]
    fn compared_bars_colour_each_bar_by_its_range_and_shade_the_range() {
        let bar = |label: &str, value: f64, within| ComparedBar {
            label: label.into(),
            value,
            shown: format!("{value}%"),
            within,
        };
        let svg = compared_bars(
            "结案率",
            &[bar("甲院", 90.0, Some(true)), bar("乙院", 60.0, Some(false))],
            (Some(80.0), None),
        );
        assert!(svg.contains("<title>合理区间</title>"));
        assert!(svg.contains(r##"fill="#4d8a3a"><title>甲院：90%</title>"##), "{svg}");
        assert!(svg.contains(r##"fill="#d08a2f"><title>乙院：60%</title>"##), "{svg}");
        let without = compared_bars("t", &[bar("丙", 1.0, None)], (None, None));
        assert!(!without.contains("合理区间"));
    }

    #[test]
    fn labels_are_escaped_inside_the_svg() {
        let svg = horizontal_bars("<x>", &[("a<b".into(), 3.0)]);
        assert!(svg.contains("a&lt;b") && !svg.contains("a<b"));
        let svg = grouped_bars("t", &["1月".into()], &[("新收", vec![5.0])]);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>") && svg.contains("新收"));
    }
}
